// npm run bench:exercise — the cost of a running exercise on the extension's per-event work.
//
// Builds the same long typing session as bench:replay (a corpus trace's events, repeated
// with shifted times and fresh document ids to about 300,000 observations), then times, in
// this one process, what the extension does for each observation:
//   baseline  the classifier and the fate tracker
//   exercise  the same, plus an ExerciseRun whose current step never completes and is the
//             most expensive kind (revisedAiEdit without `before`: it reads the fates of
//             every AI edit after each hand edit)
// Reports microseconds per event and the ratio to the baseline; asserts nothing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../lib/processes.mjs';
import { longSession, medianSeconds } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');
const { parseTrace, EditClassifier, FateTracker, ExerciseRun } = await import(path.join(root, 'out', 'bench', 'replayBench.js'));

const source = process.argv[2] ?? path.join(root, 'test', 'fixtures', 'corpus', 'tune', 'typing-inline-accept.jsonl');
const parsed = parseTrace(longSession(source, { dropLabels: true }), 'bench.jsonl').observations.map((p) => p.observation);

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

let aiEdits = 0;
function pipeline(withExercise) {
  const fate = new FateTracker();
  const runner = withExercise ? new ExerciseRun('bench', exercise, (t) => t, { emit() {} }) : undefined;
  runner?.start();
  let ai = 0;
  const classifier = new EditClassifier((a) => {
    if (a.label.startsWith('ai.')) ai++;
    fate.attribute(a.i, a.label, a.t, a.doc);
    runner?.attribute(a);
  });
  parsed.forEach((o, i) => {
    fate.observe(i, o);
    runner?.observe(i, o);
    classifier.observe(i, o);
  });
  classifier.flush();
  aiEdits = ai;
  if (runner && runner.current !== 1) throw new Error(`the exercise should wait at step 2, it is at ${runner.current + 1}`);
}

const time = (fn, repeats = 3) => medianSeconds(fn, repeats);

time(() => pipeline(true), 1); // warm up
const baseline = time(() => pipeline(false));
const withExercise = time(() => pipeline(true));
const us = (s) => ((s / parsed.length) * 1e6).toFixed(2);
console.log(`${parsed.length} observations, ${aiEdits} AI edits followed (${path.basename(source)} repeated)`);
console.log(`baseline (classifier + fate)   ${us(baseline)} µs/event`);
console.log(`with a running exercise        ${us(withExercise)} µs/event  (${(withExercise / baseline).toFixed(2)}× baseline)`);
