// npm run corpus:score — scores the attribution engine on the labelled corpus, separately
// for the traces it was tuned on and the held-out ones, next to the "more than 50
// characters is AI" rule, through the real command line (`deliberate replay --score`).
// Prints a Markdown table (the one in README.md) and the full JSON summaries.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = path.join(root, 'test', 'fixtures', 'corpus');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');

const pct = (x) => (x * 100).toFixed(1);
const rows = [];
const details = {};
for (const split of ['tune', 'holdout']) {
  const files = readdirSync(path.join(corpus, split)).filter((f) => f.endsWith('.jsonl') && !f.endsWith('.sources.jsonl')).sort().map((f) => path.join(corpus, split, f));
  const r = await run(process.execPath, [path.join(root, 'dist', 'cli.js'), 'replay', '--score', '--summary-only', ...files], { cwd: root });
  if (r.code !== 0) throw new Error(r.output);
  const summary = JSON.parse(r.output.trim().split('\n').pop());
  details[split] = summary;
  const ai = summary.ai;
  const b = summary.baseline50.ai;
  const aiEvents = ai.truePositives + ai.falseNegatives;
  rows.push(`| ${split === 'tune' ? 'tuned on' : '**held out**'} (${files.length} traces, ${summary.events} edits, ${aiEvents} AI) | Deliberate | ${pct(ai.precisionChars)} | ${pct(ai.recallChars)} | ${pct(ai.precision)} | ${pct(ai.recall)} |`);
  rows.push(`|  | > 50 characters rule | ${pct(b.precisionChars)} | ${pct(b.recallChars)} | ${pct(b.precision)} | ${pct(b.recall)} |`);
}
console.log('| traces | classifier | AI precision (chars) | AI recall (chars) | AI precision (edits) | AI recall (edits) |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log('');
for (const [split, summary] of Object.entries(details)) {
  console.log(`${split}: accuracy ${pct(summary.accuracy)}%, confusion ${JSON.stringify(summary.confusion)}`);
}
