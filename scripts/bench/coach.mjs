// npm run bench:coach — what the coach adds to attribution, per observation.
//
// Builds a long session (a corpus trace repeated with shifted times and its own document
// ids each round, about 300,000 observations), then times, in this one process:
//   classify  the attribution engine alone (baseline)
//   coach     the attribution engine feeding the whole coach: habit signals, span upkeep,
//             breakpoints and the policy (what `deliberate replay --coach` does)
// Reports events per second and the ratio coach / classify. Numbers, not assertions.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../lib/processes.mjs';
import { longSession, medianSeconds } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');
const { parseTrace, replayTrace, replayCoach, UTC_TIME } = await import(path.join(root, 'out', 'bench', 'replayBench.js'));

const source = process.argv[2] ?? path.join(root, 'test', 'fixtures', 'corpus', 'tune', 'typing-inline-accept.jsonl');
const parsed = parseTrace(longSession(source), 'bench.jsonl').observations;
const events = parsed.length;

const time = (fn, repeats = 5) => medianSeconds(fn, repeats);

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
