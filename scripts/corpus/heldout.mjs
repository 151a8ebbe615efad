// npm run corpus:heldout -- [--first BATCH PREFIX "DESCRIPTION"]
//
// The held-out history (README, "Held-out history"): each batch's FIRST score, taken once
// with the classifier of the commit that recorded it, before anyone studied the batch, and
// the pooled first-encounter row. Without arguments it prints the table from
// scripts/corpus/first-scores.json. With --first it scores the new batch (the held-out
// traces whose names start with PREFIX) and records that score: it refuses when the batch
// was scored before or when its traces or the classifier have uncommitted changes, so that
// the recorded score is the one of a commit anyone can check out.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../lib/processes.mjs';
import { buildCli, corpusFiles, root } from './replayCorpus.mjs';

const file = path.join(root, 'scripts', 'corpus', 'first-scores.json');
const batches = JSON.parse(readFileSync(file, 'utf8'));
const args = process.argv.slice(2);
if (args[0] === '--first') {
  const [, batchArg, prefix, description] = args;
  const batch = Number(batchArg);
  if (!Number.isInteger(batch) || prefix === undefined) throw new Error('usage: heldout.mjs --first BATCH PREFIX "DESCRIPTION"');
  if (batches.some((b) => b.batch === batch)) throw new Error(`batch ${batch} was scored already (${file}); a studied batch is tuning data`);
  const dirty = await run('git', ['status', '--porcelain', '--', 'test/fixtures/corpus', 'src/core'], { cwd: root });
  if (dirty.output.trim() !== '') throw new Error(`commit the batch's traces and the classifier first:\n${dirty.output}`);
  const commit = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: root })).output.trim();
  const files = corpusFiles('holdout', new RegExp(`^${prefix}`));
  if (files.length === 0) throw new Error(`no held-out traces start with ${prefix}`);
  await buildCli();
  const r = await run(process.execPath, [path.join(root, 'dist', 'cli.js'), 'replay', '--score', '--summary-only', ...files], { cwd: root });
  if (r.code !== 0) throw new Error(r.output);
  const s = JSON.parse(r.output.trim().split('\n').pop());
  const a = s.ai;
  batches.push({ batch, commit, traces: files.length, edits: s.events, tp: a.truePositives, fp: a.falsePositives, fn: a.falseNegatives, tpChars: a.truePositiveChars, fpChars: a.falsePositiveChars, fnChars: a.falseNegativeChars, description });
  writeFileSync(file, '[\n' + batches.map((b) => '  ' + JSON.stringify(b)).join(',\n') + '\n]\n');
  console.log(`batch ${batch} scored once at ${commit}: ${JSON.stringify(a)}`);
}

const pct = (hit, total) => (total === 0 ? '100.0' : ((hit / total) * 100).toFixed(1));
const row = (name, b) => `| ${name} | ${b.tp + b.fn} | ${pct(b.tpChars, b.tpChars + b.fpChars)} | ${pct(b.tpChars, b.tpChars + b.fnChars)} | ${pct(b.tp, b.tp + b.fp)} | ${pct(b.tp, b.tp + b.fn)} |`;
const sum = (list) => list.reduce((t, b) => ({ tp: t.tp + b.tp, fp: t.fp + b.fp, fn: t.fn + b.fn, tpChars: t.tpChars + b.tpChars, fpChars: t.fpChars + b.fpChars, fnChars: t.fnChars + b.fnChars }), { tp: 0, fp: 0, fn: 0, tpChars: 0, fpChars: 0, fnChars: 0 });
console.log('| batch (commit scored) | AI edits | precision (chars) | recall (chars) | precision (edits) | recall (edits) |');
console.log('|---|---|---|---|---|---|');
for (const b of batches) console.log(row(`${b.batch}${b.description ? ` ${b.description}` : ''} (\`${b.commit}\`)`, b));
console.log(row(`**all ${batches.length}, pooled**`, sum(batches)).replace(/\| ([\d.]+)/g, '| **$1**'));
