// npm run bench:coach — what the coach adds to attribution, per observation.
//
// Builds a long session (a corpus trace repeated with shifted times and its own document
// ids each round, about 300,000 observations), then times, in this one process:
//   classify  the attribution engine alone (baseline)
//   coach     the attribution engine feeding the whole coach: habit signals, span upkeep,
//             breakpoints and the policy (what `deliberate replay --coach` does)
// Reports events per second and the ratio coach / classify. Numbers, not assertions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { run } from '../lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');
const { parseTrace, replayTrace, replayCoach, UTC_TIME } = await import(path.join(root, 'out', 'bench', 'replayBench.js'));

const source = process.argv[2] ?? path.join(root, 'test', 'fixtures', 'corpus', 'tune', 'typing-inline-accept.jsonl');
const lines = readFileSync(source, 'utf8').split('\n').filter((l) => l.trim() !== '');
const header = lines[0];
const body = lines.slice(1).map((l) => JSON.parse(l));
const span = body[body.length - 1].t + 1000;
const TARGET = 300_000;
const out = [header];
for (let round = 0; out.length <= TARGET; round++) {
  for (const o of body) {
    const copy = { ...o, t: o.t + round * span };
    if ('doc' in copy && typeof copy.doc === 'string') copy.doc = `${copy.doc}r${round}`;
    if (copy.type === 'agent.checkpoint' && copy.docs) copy.docs = copy.docs.map((d) => `${d}r${round}`);
    out.push(JSON.stringify(copy));
  }
}
const parsed = parseTrace(out.join('\n') + '\n', 'bench.jsonl').observations;
const events = parsed.length;

function time(fn, repeats = 5) {
  const samples = [];
  for (let k = 0; k < repeats; k++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] / 1000;
}

const classify = time(() => replayTrace(parsed));
let nudges = 0;
const coach = time(() => {
  nudges = replayCoach(parsed, { startEpochMs: Date.UTC(2026, 10, 23, 8), local: UTC_TIME }).nudges.length;
});
console.log(
  JSON.stringify(
    {
      trace: path.relative(root, source),
      observations: events,
      classifyEventsPerSecond: Math.round(events / classify),
      coachEventsPerSecond: Math.round(events / coach),
      coachMicrosecondsPerEvent: Math.round((coach / events) * 1e6 * 100) / 100,
      coachOverClassify: Math.round((coach / classify) * 100) / 100,
      nudges,
    },
    null,
    2,
  ),
);
