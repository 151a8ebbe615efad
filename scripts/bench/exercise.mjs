// npm run bench:exercise — the cost of a running exercise on the extension's per-event work.
//
// Builds the same long typing session as bench:replay (a corpus trace's events, repeated
// with shifted times and fresh document ids to about 300,000 observations), then times, in
// this one process, the one Session over it:
//   baseline  the session as the extension runs it with no exercise
//   exercise  the same, with an exercise started first whose current step never completes
//             and is the most expensive kind (revisedAiEdit without `before`: it reads the
//             fates of every AI edit after each hand edit)
// Reports microseconds per event and the ratio to the baseline; asserts nothing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../lib/processes.mjs';
import { longSession, medianSeconds } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');
const { parseTrace, replaySession, UTC_TIME } = await import(path.join(root, 'out', 'bench', 'replayBench.js'));

const source = process.argv[2] ?? path.join(root, 'test', 'fixtures', 'corpus', 'tune', 'typing-inline-accept.jsonl');
const parsed = parseTrace(longSession(source, { dropLabels: true }), 'bench.jsonl').observations;

const exercise = {
  id: 'never-done',
  title: 'Never done',
  habit: 'iterate',
  summary: 's',
  why: 'w',
  steps: [
    { title: 'Accept', done: { when: 'aiEdit' } },
    { title: 'Rewrite all of it', done: { when: 'revisedAiEdit', minShare: 1 } },
  ],
};
const withStart = [{ i: -1, line: 0, observation: { t: 0, type: 'exercise.start', pack: 'bench', exercise } }, ...parsed];

let aiEdits = 0;
function pipeline(inputs) {
  const { session, outputs } = replaySession(inputs, { startEpochMs: Date.UTC(2026, 10, 30, 9), local: UTC_TIME, exactSources: false });
  aiEdits = outputs.filter((o) => o.kind === 'attribution' && o.attribution.label.startsWith('ai.')).length;
  const step = session.exerciseSnapshot()?.current;
  if (inputs === withStart && step !== 1) throw new Error(`the exercise should wait at step 2, it is at ${step === undefined ? 'none' : step + 1}`);
}

const time = (fn, repeats = 3) => medianSeconds(fn, repeats);

time(() => pipeline(withStart), 1); // warm up
const baseline = time(() => pipeline(parsed));
const withExercise = time(() => pipeline(withStart));
const us = (s) => ((s / parsed.length) * 1e6).toFixed(2);
console.log(`${parsed.length} observations, ${aiEdits} AI edits followed (${path.basename(source)} repeated)`);
console.log(`baseline (the session, no exercise)   ${us(baseline)} µs/event`);
console.log(`with a running exercise               ${us(withExercise)} µs/event  (${(withExercise / baseline).toFixed(2)}× baseline)`);
