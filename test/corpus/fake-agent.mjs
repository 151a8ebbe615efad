#!/usr/bin/env node
// Test-only stand-in for a command-line AI agent (claude, codex, aider, ...), used by the
// corpus recorder. It prints progress like an agent, then writes the files named in
// <control>/cli-job.json over a few seconds (in place, or with "atomic": true by temporary file and rename). With "hooks": true it reports each file
// through `deliberate checkpoint` first and after, as Claude Code hooks would.
import { execFileSync } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const control = process.env.DELIBERATE_CORPUS_CONTROL;
const cli = process.env.DELIBERATE_CORPUS_CLI;
const agent = path.basename(process.argv[1], '.mjs');
const job = JSON.parse(readFileSync(path.join(control, 'cli-job.json'), 'utf8'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

console.log(`${agent}: ${process.argv.slice(2).join(' ')}`);
await sleep(job.thinkMs ?? 1200);
for (const f of job.files) {
  const file = path.resolve(f.path);
  if (job.hooks) execFileSync(process.execPath, [cli, 'checkpoint', '--agent', job.agent ?? agent, '--phase', 'pre', file]);
  let text = f.text;
  if (text === undefined) {
    const old = readFileSync(file, 'utf8');
    text = f.replace ? old.replace(f.replace, f.with) : old + f.append;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  if (job.atomic) {
    // As Claude Code's Edit and Write do: the whole file to a temporary name, then a rename over it (a new inode).
    const tmp = `${file}.tmp.${process.pid}.${Math.random().toString(16).slice(2, 10)}`;
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, file);
  } else {
    writeFileSync(file, text);
  }
  console.log(`  edited ${f.path}`);
  if (job.hooks) execFileSync(process.execPath, [cli, 'checkpoint', '--agent', job.agent ?? agent, '--phase', 'post', file]);
  await sleep(job.gapMs ?? 700);
}
console.log(`${agent}: done`);
