import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Attribution } from '../../src/core/attribution/classifier';
import { ExerciseRun } from '../../src/core/exercises/exerciseRun';
import { readPackFile } from '../../src/core/exercises/packFile';
import type { Exercise, Pack } from '../../src/core/exercises/packSchema';
import type { MetricEvent } from '../../src/core/metrics';
import type { EditLabel, Observation } from '../../src/core/observation';

const root = path.resolve(__dirname, '../../..');
const builtin: Pack = readPackFile(readFileSync(path.join(root, 'media/packs/habits.deliberate-pack.json'), 'utf8')).pack!;

/** A scripted stream: observations, each change labelled as its attribution would settle (`label`), settling `lag` entries later. */
type Item = Observation | { settle: true };

const TEXT = 'export function f() {\n  return 1;\n}\n';

function change(t: number, offset: number, length: number, text: string, label: EditLabel, doc = 'd1', reason: 'undo' | null = null): Observation {
  return { t, type: 'doc.change', doc, version: t, reason, changes: [{ offset, length, text }], label };
}
const save = (t: number, doc = 'd1'): Observation => ({ t, type: 'doc.save', doc });
const commit = (t: number): Observation => ({ t, type: 'git', head: `h${t}`, branch: 'main', op: 'commit' });
const task = (t: number, group: 'test' | 'build'): Observation => ({ t, type: 'task', phase: 'start', name: group === 'test' ? 'npm: test' : 'npm: build', group });
const terminal = (t: number, commandLine: string): Observation => ({ t, type: 'terminal.exec', phase: 'start', commandLine });
const look = (t: number, doc = 'd1'): Observation => ({ t, type: 'editor.selection', doc, selections: [{ anchor: 0, active: 0 }], kind: 'keyboard' });
const diagnostics = (t: number, errors: number, doc = 'd1'): Observation => ({ t, type: 'diagnostics', doc, errors, warnings: 0 });
/** Attributions settle after the observations that follow them: every pending change settles at a `settle` item. */
const SETTLE: Item = { settle: true };

interface Outcome {
  events: string[];
  current: number;
  completed: boolean;
}

function play(exercise: Exercise, items: readonly Item[], teamCommands: string[] = []): Outcome {
  const events: MetricEvent[] = [];
  const now = 1_700_000_000_000;
  const run = new ExerciseRun(builtin.id, exercise, (t) => now + t, { emit: (e) => events.push(e) }, { teamCommands });
  run.start([{ t: 0, type: 'doc.open', doc: 'd1', lang: 'typescript', text: TEXT }]);
  const pending: Attribution[] = [];
  let i = 0;
  for (const item of items) {
    if ('settle' in item) {
      pending.splice(0).forEach((a) => run.attribute(a));
      continue;
    }
    const index = i++;
    run.observe(index, item);
    if (item.type === 'doc.change') {
      const inserted = item.changes.reduce((n, c) => n + c.text.length, 0);
      const removed = item.changes.reduce((n, c) => n + c.length, 0);
      pending.push({ i: index, t: item.t, doc: item.doc, label: item.label!, confidence: 1, basis: 'script', exact: true, insertedChars: inserted, removedChars: removed });
    }
  }
  pending.splice(0).forEach((a) => run.attribute(a));
  for (const e of events) {
    assert.equal(e.kind, 'exercise');
    if (e.kind === 'exercise') assert.deepEqual([e.pack, e.exercise, e.habit], [builtin.id, exercise.id, exercise.habit]);
  }
  const snapshot = run.snapshot();
  return { events: events.map((e) => (e.kind === 'exercise' ? e.event : e.kind)), current: snapshot.current, completed: snapshot.completed };
}

function exercise(id: string): Exercise {
  const found = builtin.exercises.find((e) => e.id === id);
  assert.ok(found, `no built-in exercise ${id}`);
  return found;
}

const SUGGESTION = 'const twice = (x: number) => x * 2;\n';
const AT = TEXT.indexOf('  return');

describe('exercise runs: steps complete from the observed stream', () => {
  it('iterate, improve-before-save: a save before any revision does not count, the revised save does', () => {
    assert.deepEqual(
      play(exercise('improve-before-save'), [
        change(1000, AT, 0, SUGGESTION, 'ai.inline'),
        SETTLE,
        save(2000), // saved unrevised: step 2 still waits
        change(3000, AT + 6, 5, 'double', 'human.type'), // "twice" -> "double" inside the suggestion
        SETTLE,
        save(4000),
      ]),
      { events: ['started', 'step', 'step', 'step', 'completed'], current: 3, completed: true },
    );
  });

  it('iterate, improve-before-save: typing on after the suggestion is not a revision of it', () => {
    assert.deepEqual(
      play(exercise('improve-before-save'), [change(1000, AT, 0, SUGGESTION, 'ai.inline'), SETTLE, change(2000, AT + SUGGESTION.length, 0, 'const other = 3;\n', 'human.type'), SETTLE, save(3000)]),
      { events: ['started', 'step'], current: 1, completed: false },
    );
  });

  it('a save that arrives before the hand edit has settled is judged once it has', () => {
    assert.deepEqual(
      play(exercise('improve-before-save'), [change(1000, AT, 0, SUGGESTION, 'ai.inline'), SETTLE, change(3000, AT + 6, 5, 'double', 'human.type'), save(3100), SETTLE]),
      { events: ['started', 'step', 'step', 'step', 'completed'], current: 3, completed: true },
    );
  });

  it('iterate, undo-and-retry: undo the suggestion, accept a new one', () => {
    assert.deepEqual(
      play(exercise('undo-and-retry'), [
        change(1000, AT, 0, SUGGESTION, 'ai.inline'),
        SETTLE,
        change(2000, AT, SUGGESTION.length, '', 'undo', 'd1', 'undo'),
        SETTLE,
        change(3000, AT, 0, 'const triple = (x: number) => x * 3;\n', 'ai.inline'),
        SETTLE,
      ]),
      { events: ['started', 'step', 'step', 'step', 'completed'], current: 3, completed: true },
    );
  });

  it('validate, test-agent-change: the tests after the agent edit, then a commit', () => {
    assert.deepEqual(
      play(exercise('test-agent-change'), [change(1000, AT, 0, SUGGESTION, 'ai.agent'), SETTLE, task(2000, 'build'), task(3000, 'test'), commit(4000)]),
      { events: ['started', 'step', 'step', 'step', 'completed'], current: 3, completed: true },
    );
  });

  it('validate, test-agent-change: committing first means the later test run does not count', () => {
    assert.deepEqual(
      play(exercise('test-agent-change'), [change(1000, AT, 0, SUGGESTION, 'ai.agent'), SETTLE, commit(2000), task(3000, 'test')]),
      { events: ['started', 'step'], current: 1, completed: false },
    );
  });

  it("validate: the team's own command counts as a test run", () => {
    const steps = [change(1000, AT, 0, SUGGESTION, 'ai.agent'), SETTLE, terminal(2000, './ci/check-all --fast')];
    assert.deepEqual([play(exercise('test-agent-change'), steps).current, play(exercise('test-agent-change'), steps, ['./ci/check-all']).current], [1, 2]);
  });

  it('validate, validated-commit: a commit with an unrun AI edit does not count', () => {
    assert.deepEqual(
      play(exercise('validated-commit'), [
        change(1000, AT, 0, SUGGESTION, 'ai.chat'),
        SETTLE,
        change(2000, AT, 0, '// x\n', 'ai.inline'),
        SETTLE,
        terminal(3000, 'npm test'),
        change(4000, 0, 0, '// y\n', 'ai.inline'), // a third AI edit after the run
        SETTLE,
        commit(5000),
        terminal(6000, 'npx vitest run'),
        change(7000, 0, 0, '// z\n', 'ai.inline'),
        SETTLE,
        terminal(8000, 'pytest -q'),
        commit(9000),
      ]),
      { events: ['started', 'step', 'step', 'step', 'step', 'completed'], current: 4, completed: true },
    );
  });

  it('decompose, three-small-steps: a large edit does not count as a small step; each step needs a look', () => {
    const big = Array.from({ length: 40 }, (_, k) => `line${k};\n`).join('');
    assert.deepEqual(
      play(exercise('three-small-steps'), [
        change(1000, 0, 0, big, 'ai.agent'),
        SETTLE,
        change(2000, 0, 0, 'a();\nb();\n', 'ai.agent'),
        SETTLE,
        look(3000),
        change(4000, 0, 0, 'c();\n', 'ai.chat'),
        SETTLE,
        look(5000, 'd2'), // a look at another file is not a review of this one
        save(6000),
        change(7000, 0, 0, 'd();\n', 'ai.agent'),
        SETTLE,
        terminal(8000, 'cargo test'),
      ]),
      { events: ['started', 'step', 'step', 'step', 'step', 'step', 'step', 'completed'], current: 6, completed: true },
    );
  });

  it('learn, write-the-doc-comment: typing the comment above the accepted function', () => {
    const fn = 'function area(w: number, h: number): number {\n  return w * h;\n}\n';
    assert.deepEqual(
      play(exercise('write-the-doc-comment'), [
        change(1000, 0, 0, fn, 'ai.inline'),
        SETTLE,
        change(2000, 0, 0, '/** The area of a w', 'human.type'),
        change(2500, 19, 0, ' by h rectangle. */\n', 'human.type'),
        SETTLE,
        save(3000),
      ]),
      { events: ['started', 'step', 'step', 'step', 'completed'], current: 3, completed: true },
    );
  });

  it('learn, write-the-doc-comment: typing far from the function does not count', () => {
    const fn = 'function area(w: number, h: number): number {\n  return w * h;\n}\n';
    const far = fn.length + TEXT.length;
    assert.deepEqual(
      play(exercise('write-the-doc-comment'), [change(1000, 0, 0, fn, 'ai.inline'), SETTLE, change(2000, far, 0, '\n\n\n\n\n\n// a long comment far below it\n', 'human.type'), SETTLE]),
      { events: ['started', 'step'], current: 1, completed: false },
    );
  });

  it('learn, fix-it-yourself: errors cleared by hand count, errors cleared by another AI round do not', () => {
    const byHand = [change(1000, AT, 0, SUGGESTION, 'ai.inline'), SETTLE, diagnostics(1500, 1), change(2000, AT + 10, 1, 'y', 'human.type'), SETTLE, diagnostics(2500, 0)];
    const byAi = [change(1000, AT, 0, SUGGESTION, 'ai.inline'), SETTLE, diagnostics(1500, 1), change(2000, AT + 10, 1, 'y', 'human.type'), change(2200, AT, 0, 'x', 'ai.chat'), SETTLE, diagnostics(2500, 0)];
    assert.deepEqual(
      [play(exercise('fix-it-yourself'), byHand), play(exercise('fix-it-yourself'), byAi)],
      [
        { events: ['started', 'step', 'step', 'completed'], current: 2, completed: true },
        { events: ['started', 'step'], current: 1, completed: false },
      ],
    );
  });

  it('any assistant counts unless the step names one: an inline edit does not satisfy an agent step', () => {
    assert.deepEqual(play(exercise('revise-agent-change'), [change(1000, AT, 0, SUGGESTION, 'ai.inline'), SETTLE]).current, 0);
  });
});

describe('an exercise resumed after a window reload', () => {
  it('carries on at its step without starting again, from fresh evidence', () => {
    const events: MetricEvent[] = [];
    const run = new ExerciseRun(builtin.id, exercise('test-agent-change'), (t) => 1 + t, { emit: (e) => events.push(e) });
    run.start([{ t: 0, type: 'doc.open', doc: 'd1', lang: 'typescript', text: TEXT }], 1);
    assert.deepEqual([run.snapshot().current, run.snapshot().steps.map((s) => s.state)], [1, ['done', 'current', 'todo']]);
    // The agent edit before the reload is not in this stream: a test run alone does not complete the step.
    run.observe(0, task(1000, 'test'));
    assert.equal(run.current, 1);
    const items: Observation[] = [change(2000, AT, 0, SUGGESTION, 'ai.agent'), task(3000, 'test'), commit(4000)];
    items.forEach((o, k) => {
      run.observe(k + 1, o);
      if (o.type === 'doc.change') run.attribute({ i: k + 1, t: o.t, doc: o.doc, label: 'ai.agent', confidence: 1, basis: 'script', exact: true, insertedChars: SUGGESTION.length, removedChars: 0 });
    });
    assert.deepEqual([events.map((e) => (e.kind === 'exercise' ? e.event : e.kind)), run.completed], [['step', 'step', 'completed'], true]);
  });
});
