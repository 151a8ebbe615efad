// npm run corpus:first-encounter — the reliability of AI calls on held-out batches as they
// were FIRST scored: each batch replayed with the classifier of the commit that scored it
// (scripts/corpus/first-scores.json), in a temporary worktree, so confidence calibration is
// measured on first encounters, never on traces the classifier was tuned on.
//   node scripts/corpus/firstEncounter.mjs BATCH:PREFIX...   e.g. 8:h8- "9:(h9-|h8-agent-new-file)"
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../lib/processes.mjs';
import { isAi, root } from './replayCorpus.mjs';

const scores = JSON.parse(readFileSync(path.join(root, 'scripts', 'corpus', 'first-scores.json'), 'utf8'));
const rows = [];
const argv = process.argv.slice(2);
const rowsOut = argv.includes('--rows') ? argv[argv.indexOf('--rows') + 1] : undefined;
for (const arg of argv.filter((a, k) => a !== '--rows' && argv[k - 1] !== '--rows')) {
  const [batchText, prefix] = [arg.slice(0, arg.indexOf(':')), arg.slice(arg.indexOf(':') + 1)];
  const entry = scores.find((b) => b.batch === Number(batchText));
  if (entry === undefined) throw new Error(`batch ${batchText} has no first score`);
  const dir = mkdtempSync(path.join(os.tmpdir(), `deliberate-first-${entry.commit}-`));
  try {
    await run('git', ['worktree', 'add', '--detach', '-f', dir, entry.commit], { cwd: root });
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    const build = await run(process.execPath, ['esbuild.config.mjs'], { cwd: dir });
    if (build.code !== 0) throw new Error(build.output);
    const held = path.join(dir, 'test', 'fixtures', 'corpus', 'holdout');
    const files = readdirSync(held).filter((f) => f.endsWith('.jsonl') && !f.endsWith('.sources.jsonl') && new RegExp(`^${prefix}`).test(f));
    for (const f of files) {
      const r = await run(process.execPath, [path.join(dir, 'dist', 'cli.js'), 'replay', '--explain', path.join(held, f)], { cwd: dir });
      for (const line of r.output.split('\n')) {
        if (!line.startsWith('{"i"')) continue;
        const a = JSON.parse(line);
        if (a.truth !== undefined && isAi(a.label)) rows.push({ batch: entry.batch, trace: f, confidence: a.confidence, basis: a.basis, right: isAi(a.truth), inserted: a.inserted });
      }
    }
  } finally {
    await run('git', ['worktree', 'remove', '--force', dir], { cwd: root });
    rmSync(dir, { recursive: true, force: true });
  }
}
const BINS = [[0, 0.6], [0.6, 0.7], [0.7, 0.8], [0.8, 0.85], [0.85, 0.9], [0.9, 0.95], [0.95, 1.0001]];
console.log('| confidence of an AI call | AI calls (first encounter) | of them AI |');
console.log('|---|---|---|');
for (const [lo, hi] of BINS) {
  const calls = rows.filter((r) => r.confidence >= lo && r.confidence < hi);
  const right = calls.filter((r) => r.right).length;
  console.log(`| ${lo.toFixed(2)}–${Math.min(hi, 1).toFixed(2)} | ${calls.length} | ${calls.length === 0 ? '–' : `${((right / calls.length) * 100).toFixed(1)} %`} |`);
}
for (const threshold of [0.7, 0.75, 0.8, 0.85, 0.9]) {
  const calls = rows.filter((r) => r.confidence >= threshold);
  const wrong = calls.filter((r) => !r.right);
  console.log(`at or above ${threshold}: ${calls.length} AI calls, ${wrong.length} wrong${wrong.length ? ` (${wrong.map((w) => `${w.trace} ${w.basis}`).join('; ')})` : ''}`);
}
for (const r of rows.filter((r) => !r.right)) console.log(`first-encounter false AI call: batch ${r.batch} ${r.trace} ${r.basis} ${r.confidence}`);
if (rowsOut !== undefined) writeFileSync(rowsOut, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
