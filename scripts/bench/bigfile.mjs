// npm run bench:bigfile — does the whole session cost the same in a 4 MB file as in a 10 KB one?
//
// Runs, in this one process, the one Session (classifier, fate, coach, exercises, metrics:
// what the extension runs per event) over:
//   typing     5,000 keystrokes in the middle of a 10 KB file, and the same in a 4 MB file:
//              microseconds per keystroke (median of runs, the two sizes alternating) and
//              their ratio; extra heap for the 4 MB file (peak while typing, and held after);
//              the file's text itself is in the inputs before the measure starts (the editor
//              holds it too), so what is counted is what the session adds
//   ai-edits   10,000 AI edits of 400 characters in one session (each removed by hand a little
//              later, so the file stays small): heap the session holds for them
// Numbers, not assertions: a slow or busy machine never fails the build. Targets (issue 12):
// 4 MB at most 1.5 times 10 KB per keystroke, at most 40 MB extra peak, 10,000 AI edits at
// most 10 MB.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { run } from '../lib/processes.mjs';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc (npm run bench:bigfile does)');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');
const { Session, UTC_TIME } = await import(path.join(root, 'out', 'bench', 'replayBench.js'));

const START = Date.UTC(2026, 10, 30, 9);
const LINE = '  const value = compute(input, options); // a line of ordinary code\n';

function documentOf(size) {
  return LINE.repeat(Math.ceil(size / LINE.length)).slice(0, size);
}

/** A typing session in one document: keystrokes at the middle, each with its keyboard cursor move. */
function typingInputs(size, keystrokes) {
  const text = documentOf(size);
  const inputs = [
    { t: 0, type: 'window.focus', focused: true },
    { t: 0, type: 'doc.open', doc: 'd1', lang: 'typescript', text },
    { t: 0, type: 'editor.active', doc: 'd1' },
  ];
  let at = Math.floor(size / 2);
  let t = 10;
  for (let k = 0; k < keystrokes; k++) {
    const ch = k % 40 === 39 ? '\n' : 'abcdefghij'[k % 10];
    inputs.push({ t, type: 'doc.change', doc: 'd1', version: k + 2, reason: null, changes: [{ offset: at, length: 0, text: ch }] });
    at += 1;
    inputs.push({ t, type: 'editor.selection', doc: 'd1', selections: [{ anchor: at, active: at }], kind: 'keyboard' });
    t += 120;
  }
  return inputs;
}

function newSession(options = {}) {
  return new Session({
    startEpochMs: START,
    local: UTC_TIME,
    start: { t: 0, type: 'session.start', settings: { coach: { enabled: true, preset: 'standard', dailyBudget: null, quietHours: '', emphasis: [], largeBurstLines: null, minutesBetweenNudges: null, validationCommands: [] }, aiCommands: [] }, coachState: { version: 1, day: '', usedToday: 0, lastNudgeAt: null, kinds: {} } },
    onOutput: () => undefined,
    ...options,
  });
}

function feed(session, inputs, onEvery) {
  for (let i = 0; i < inputs.length; i++) {
    session.input(inputs[i], i);
    if (onEvery !== undefined && i % 200 === 0) onEvery();
  }
}

const heap = () => process.memoryUsage().heapUsed;

/** Microseconds per keystroke (the open excluded), median of `repeats` runs. */
function typingCost(inputs, keystrokes, repeats) {
  const samples = [];
  for (let r = 0; r < repeats; r++) {
    const session = newSession();
    session.input(inputs[0], 0);
    session.input(inputs[1], 1);
    session.input(inputs[2], 2);
    const started = performance.now();
    for (let i = 3; i < inputs.length; i++) session.input(inputs[i], i);
    samples.push(((performance.now() - started) * 1000) / keystrokes);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** Heap while and after typing, beyond what it was before (the inputs themselves excluded). */
function typingHeap(inputs) {
  globalThis.gc();
  const before = heap();
  let peak = before;
  const session = newSession();
  feed(session, inputs, () => {
    peak = Math.max(peak, heap());
  });
  globalThis.gc();
  const held = heap() - before;
  session.end(inputs[inputs.length - 1].t, false);
  return { peakMB: (peak - before) / 2 ** 20, heldMB: held / 2 ** 20 };
}

const KEYS = 5000;
const small = typingInputs(10 * 1024, KEYS);
const large = typingInputs(4 * 1024 * 1024, KEYS);
// Warm up, then alternate the two sizes so drift on a shared machine hits both alike.
typingCost(small, KEYS, 2);
typingCost(large, KEYS, 2);
const smallRuns = [];
const largeRuns = [];
for (let k = 0; k < 5; k++) {
  smallRuns.push(typingCost(small, KEYS, 1));
  largeRuns.push(typingCost(large, KEYS, 1));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const smallHeap = typingHeap(small);
const largeHeap = typingHeap(large);

/** 10,000 AI edits of 400 characters, each removed by hand 5 s later; time moves on 20 s per edit. */
function aiEditInputs(count) {
  const inputs = [
    { t: 0, type: 'window.focus', focused: true },
    { t: 0, type: 'doc.open', doc: 'd1', lang: 'typescript', text: documentOf(2000) },
    { t: 0, type: 'editor.active', doc: 'd1' },
  ];
  const block = 'x'.repeat(399) + '\n';
  let t = 10;
  for (let k = 0; k < count; k++) {
    inputs.push({ t, type: 'doc.change', doc: 'd1', version: 2 * k + 2, reason: null, label: 'ai.agent', changes: [{ offset: 1000, length: 0, text: block }] });
    inputs.push({ t: t + 5000, type: 'doc.change', doc: 'd1', version: 2 * k + 3, reason: null, label: 'human.delete', changes: [{ offset: 1000, length: 400, text: '' }] });
    t += 20_000;
  }
  return inputs;
}
const aiInputs = aiEditInputs(10_000);
globalThis.gc();
const aiBefore = heap();
const aiSession = newSession({ trustLabels: true });
const aiStarted = performance.now();
feed(aiSession, aiInputs);
const aiSeconds = (performance.now() - aiStarted) / 1000;
globalThis.gc();
const aiHeldMB = (heap() - aiBefore) / 2 ** 20;
const fates = aiSession.fates().length;

const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
console.log(
  JSON.stringify(
    {
      typing: {
        keystrokes: KEYS,
        microsecondsPerKeystroke10KB: round(median(smallRuns)),
        microsecondsPerKeystroke4MB: round(median(largeRuns)),
        ratio4MBOver10KB: round(median(largeRuns) / median(smallRuns)),
        target: 'ratio <= 1.5',
        extraPeakMB4MB: round(largeHeap.peakMB - smallHeap.peakMB, 1),
        extraHeldMB4MB: round(largeHeap.heldMB - smallHeap.heldMB, 1),
        targetExtraPeakMB: 40,
      },
      aiEdits: { edits: 10_000, fatesKept: fates, heldMB: round(aiHeldMB, 1), targetMB: 10, microsecondsPerInput: round((aiSeconds * 1e6) / aiInputs.length) },
    },
    null,
    2,
  ),
);
