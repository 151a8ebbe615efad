// npm run bench:replay — replay throughput on a typing-heavy trace.
//
// Builds a long typing session (a corpus trace's typing, repeated with shifted times until
// it holds about 300,000 observations), then times, in this one process:
//   parse-only   JSON.parse of every line, nothing else: the floor any reader pays
//   read         the trace reader: parse and validate every line (file:line errors)
//   session      the one Session over the parsed inputs: classifier, fate, coach, exercises,
//                metrics, exactly what the extension runs per event
//   replay       read, then session: `deliberate replay` minus the file read and the output
// Reports microseconds per observation and the ratio of each to parse-only. Not a test:
// numbers, not assertions, so a slow machine never fails the build. Targets (issue 12): the
// session at most 3 µs per change, replay at most 3 times parse-only.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../lib/processes.mjs';
import { longSession, medianSeconds } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');
const { parseTrace, replaySession, UTC_TIME } = await import(path.join(root, 'out', 'bench', 'replayBench.js'));

const source = process.argv[2] ?? path.join(root, 'test', 'fixtures', 'corpus', 'tune', 'typing-inline-accept.jsonl');
const big = longSession(source, { dropLabels: true });
const parsed = parseTrace(big, 'bench.jsonl').observations;
const events = parsed.length;
const changes = parsed.filter((o) => o.observation.type === 'doc.change').length;
const replay = (inputs) => replaySession(inputs, { startEpochMs: Date.UTC(2026, 10, 30, 9), local: UTC_TIME, exactSources: false });

const time = (fn, repeats = 5) => medianSeconds(fn, repeats);
// Alternate the passes so drift on a shared machine hits each alike.
const samples = { parseOnly: [], read: [], session: [], replay: [] };
for (let r = 0; r < 3; r++) {
  samples.parseOnly.push(time(() => big.split('\n').forEach((l) => l !== '' && JSON.parse(l)), 3));
  samples.read.push(time(() => parseTrace(big, 'bench.jsonl'), 3));
  samples.session.push(time(() => replay(parsed), 3));
  samples.replay.push(time(() => replay(parseTrace(big, 'bench.jsonl').observations), 3));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
const us = (seconds, n) => Math.round((seconds / n) * 1e6 * 100) / 100;
const ratio = (x) => Math.round((x / s.parseOnly) * 100) / 100;
console.log(
  JSON.stringify(
    {
      trace: path.relative(root, source),
      observations: events,
      changes,
      microsecondsPerObservation: { parseOnly: us(s.parseOnly, events), read: us(s.read, events), session: us(s.session, events), replay: us(s.replay, events) },
      sessionMicrosecondsPerChange: us(s.session, changes),
      overParseOnly: { read: ratio(s.read), session: ratio(s.session), replay: ratio(s.replay) },
      targets: { sessionMicrosecondsPerChange: 3, replayOverParseOnly: 3 },
    },
    null,
    2,
  ),
);
