// npm run corpus:routes — accuracy by route (the way the text changed, named by the scenario
// that recorded it): edits, AI edits, and how many the classifier got right as AI or not AI,
// for README's coverage table. Changes whose route was not named count under their label.
//   node scripts/corpus/routes.mjs [--split tune|holdout] [--match REGEX]
import { buildCli, corpusFiles, isAi, replayFiles } from './replayCorpus.mjs';

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const splits = flag('--split') !== undefined ? [flag('--split')] : ['tune', 'holdout'];
const match = new RegExp(flag('--match') ?? '.');
await buildCli();
const rows = [];
for (const split of splits) rows.push(...(await replayFiles(corpusFiles(split, match))));
const byRoute = new Map();
for (const r of rows) {
  const key = r.route ?? `(${r.truth})`;
  const e = byRoute.get(key) ?? { edits: 0, ai: 0, right: 0, wrong: [] };
  e.edits++;
  if (isAi(r.truth)) e.ai++;
  if (isAi(r.truth) === isAi(r.label)) e.right++;
  else e.wrong.push(`${r.trace}#${r.i} ${r.truth}→${r.label} (${r.basis})`);
  byRoute.set(key, e);
}
console.log('| route | edits | AI edits | right as AI or not |');
console.log('|---|---|---|---|');
for (const [route, e] of [...byRoute].sort((a, b) => a[0].localeCompare(b[0]))) {
  console.log(`| ${route} | ${e.edits} | ${e.ai} | ${e.right}/${e.edits} |`);
}
if (args.includes('--errors')) for (const [route, e] of byRoute) for (const w of e.wrong) console.log(`${route}: ${w}`);
