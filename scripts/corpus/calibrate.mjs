// npm run corpus:calibrate — how much the classifier's confidence means: of the edits it
// calls AI with a confidence about c, how many are AI (a reliability table), on the tuning
// traces and on the held-out ones apart, and the AI precision above each threshold on the
// held-out traces, to choose SURE_AI_CONFIDENCE (src/core/attribution/confidence.ts).
//   node scripts/corpus/calibrate.mjs [--holdout-match REGEX]
import { buildCli, corpusFiles, isAi, replayFiles } from './replayCorpus.mjs';

const args = process.argv.slice(2);
const k = args.indexOf('--holdout-match');
const holdoutMatch = k >= 0 ? new RegExp(args[k + 1]) : /./;
await buildCli();
const splits = { tune: await replayFiles(corpusFiles('tune')), holdout: await replayFiles(corpusFiles('holdout', holdoutMatch)) };
const BINS = [
  [0, 0.6],
  [0.6, 0.7],
  [0.7, 0.8],
  [0.8, 0.9],
  [0.9, 0.95],
  [0.95, 1.0001],
];
const pct = (x) => (x * 100).toFixed(1);
console.log('| confidence of an AI call | tuned on: AI calls | of them AI | held out: AI calls | of them AI |');
console.log('|---|---|---|---|---|');
for (const [lo, hi] of BINS) {
  const cells = [];
  for (const rows of Object.values(splits)) {
    const calls = rows.filter((r) => isAi(r.label) && r.confidence >= lo && r.confidence < hi);
    const right = calls.filter((r) => isAi(r.truth)).length;
    cells.push(String(calls.length), calls.length === 0 ? '–' : `${pct(right / calls.length)} %`);
  }
  console.log(`| ${lo.toFixed(2)}–${Math.min(hi, 1).toFixed(2)} | ${cells.join(' | ')} |`);
}
console.log('');
console.log('| threshold | held out: AI calls at or above | precision (edits) | precision (chars) | recall (edits) | recall (chars) |');
console.log('|---|---|---|---|---|---|');
const held = splits.holdout;
const aiTruth = held.filter((r) => isAi(r.truth));
const aiChars = aiTruth.reduce((n, r) => n + r.inserted, 0);
for (const threshold of [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97]) {
  const calls = held.filter((r) => isAi(r.label) && r.confidence >= threshold);
  const right = calls.filter((r) => isAi(r.truth));
  const chars = (rows) => rows.reduce((n, r) => n + r.inserted, 0);
  const p = calls.length === 0 ? 1 : right.length / calls.length;
  const pc = chars(calls) === 0 ? 1 : chars(right) / chars(calls);
  console.log(`| ${threshold.toFixed(2)} | ${calls.length} | ${pct(p)} | ${pct(pc)} | ${pct(right.length / Math.max(1, aiTruth.length))} | ${pct(chars(right) / Math.max(1, aiChars))} |`);
}
console.log('');
for (const r of held.filter((r) => isAi(r.label) !== isAi(r.truth))) console.log(`held-out error: ${r.trace} i=${r.i} ${r.truth} -> ${r.label} (${r.confidence}, ${r.basis})`);
if (args.includes('--by-basis')) {
  // For calibrating: each rule's AI calls on the tuning traces and how many were AI.
  const byBasis = new Map();
  for (const r of splits.tune) {
    if (!isAi(r.label)) continue;
    const e = byBasis.get(r.basis) ?? { calls: 0, right: 0, confidence: r.confidence };
    e.calls++;
    if (isAi(r.truth)) e.right++;
    byBasis.set(r.basis, e);
  }
  console.log('');
  for (const [basis, e] of [...byBasis].sort((a, b) => b[1].calls - a[1].calls)) console.log(`${basis}: ${e.right}/${e.calls} AI (confidence ${e.confidence})`);
}
