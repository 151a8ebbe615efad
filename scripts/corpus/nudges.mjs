// npm run corpus:nudges — the coach over every labelled trace (tuning, held-out and the team's
// sample traces), through the real command line (`deliberate replay --coach`, standard and
// learner presets): how many nudges come in traces where no AI edit happened (the target is
// none), and for every nudge whether the edits it names (`"edits":[i, ...]`) were truly AI
// by the trace's own labels (`deliberate replay --explain`). Prints one Markdown table.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');

const jsonLines = (text) => text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
async function cliLines(args) {
  const r = await run(process.execPath, [cli, ...args], { cwd: root, timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`deliberate ${args.join(' ')} exited ${r.code}:\n${r.output.slice(-2000)}`);
  return jsonLines(r.output);
}

const sets = [
  ['tuned on', path.join(root, 'test', 'fixtures', 'corpus', 'tune')],
  ['held out', path.join(root, 'test', 'fixtures', 'corpus', 'holdout')],
  ["team's samples", path.join(root, 'test', 'fixtures', 'sample-traces')],
];
console.log('| traces | with no AI edit | nudges there (standard + learner) | nudges elsewhere | of them naming only edits that were AI |');
console.log('|---|---|---|---|---|');
for (const [name, dir] of sets) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl') && !f.endsWith('.sources.jsonl')).sort();
  let noAi = 0;
  let quietNudges = 0;
  let nudges = 0;
  let named = 0;
  const wrong = [];
  for (const f of files) {
    const file = path.join(dir, f);
    const truth = new Map((await cliLines(['replay', '--explain', file])).filter((l) => l.i !== undefined).map((l) => [l.i, l.truth]));
    const anyAi = [...truth.values()].some((t) => typeof t === 'string' && t.startsWith('ai.'));
    if (!anyAi) noAi++;
    for (const preset of ['standard', 'learner']) {
      for (const n of (await cliLines(['replay', '--coach', '--preset', preset, file])).filter((l) => l.kind !== undefined && l.t !== undefined)) {
        if (!anyAi) {
          quietNudges++;
          wrong.push(`${f} (${preset}): ${n.kind} with no AI edit in the trace`);
          continue;
        }
        nudges++;
        const labels = (n.edits ?? []).map((i) => truth.get(i));
        if (labels.length > 0 && labels.every((t) => typeof t === 'string' && t.startsWith('ai.'))) named++;
        else wrong.push(`${f} (${preset}): ${n.kind} names ${JSON.stringify(n.edits)} whose labels are ${JSON.stringify(labels)}`);
      }
    }
  }
  console.log(`| ${name} (${files.length}) | ${noAi} | ${quietNudges} | ${nudges} | ${named} of ${nudges} |`);
  for (const w of wrong) console.log(`|  ↳ ${w} | | | | |`);
}
