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

  it('learn, fix-it-yourself: an error the file had before the AI edit and still has after it counts (no new diagnostics needed)', () => {
    // The person's half-typed line reports an error; the accepted suggestion leaves one (another).
    const { run } = runOfBasis(exercise('fix-it-yourself'), [diagnostics(500, 1), change(1000, AT, 0, SUGGESTION, 'ai.inline'), change(2000, AT + 10, 1, 'y', 'human.type'), diagnostics(2500, 0)]);
    assert.equal(run.completed, true);
  });

  it('any assistant counts unless the step names one: an inline edit does not satisfy an agent step', () => {
    assert.deepEqual(play(exercise('revise-agent-change'), [change(1000, AT, 0, SUGGESTION, 'ai.inline'), SETTLE]).current, 0);
  });
});

function runOfBasis(ex: Exercise, items: readonly Observation[]): { run: ExerciseRun } {
  const run = new ExerciseRun(builtin.id, ex, (t) => t, { emit: () => undefined });
  run.start([{ t: 0, type: 'doc.open', doc: 'd1', lang: 'typescript', text: TEXT }]);
  items.forEach((o, i) => {
    run.observe(i, o);
    if (o.type === 'doc.change') run.attribute({ i, t: o.t, doc: o.doc, label: o.label!, confidence: 1, basis: 'script', exact: true, insertedChars: 1, removedChars: 0 });
  });
  return { run };
}

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

describe('exercises that never leave you stuck', () => {
  /** Feeds `items` with each change settled right away under `basis` (default 'script'). */
  function runOf(ex: Exercise, items: readonly (Observation & { basis?: string })[]): { run: ExerciseRun; events: string[] } {
    const events: MetricEvent[] = [];
    const run = new ExerciseRun(builtin.id, ex, (t) => Date.UTC(2026, 10, 23, 10, 42) + t, { emit: (e) => events.push(e) });
    run.start([{ t: 0, type: 'doc.open', doc: 'd1', lang: 'typescript', text: TEXT }]);
    items.forEach((o, i) => {
      run.observe(i, o);
      if (o.type === 'doc.change') {
        const inserted = o.changes.reduce((n, c) => n + c.text.length, 0);
        run.attribute({ i, t: o.t, doc: o.doc, label: o.label!, confidence: 1, basis: o.basis ?? 'script', exact: true, insertedChars: inserted, removedChars: 0 });
      }
    });
    return { run, events: events.map((e) => (e.kind === 'exercise' ? e.event : e.kind)) };
  }
  function runOfLive(ex: Exercise, items: readonly Observation[]): { run: ExerciseRun; log: () => string[] } {
    const events: MetricEvent[] = [];
    const run = new ExerciseRun(builtin.id, ex, (t) => t, { emit: (e) => events.push(e) });
    run.start([{ t: 0, type: 'doc.open', doc: 'd1', lang: 'typescript', text: TEXT }]);
    items.forEach((o, i) => {
      run.observe(i, o);
      if (o.type === 'doc.change') run.attribute({ i, t: o.t, doc: o.doc, label: o.label!, confidence: 1, basis: 'script', exact: true, insertedChars: 1, removedChars: 0 });
    });
    return { run, log: () => events.map((e) => (e.kind === 'exercise' ? e.event : e.kind)) };
  }
  const custom = (steps: Exercise['steps']): Exercise => ({ id: 'custom', title: 'Custom', habit: 'validate', summary: 's', why: 'w', steps });
  const seen = (run: ExerciseRun) => run.snapshot().steps[run.current]?.seen.map((e) => e.text) ?? [];

  it('says what it saw that did not count: a run before the AI edit, a run of the wrong kind, a commit with unrun AI code', () => {
    const ex = custom([
      { title: 'Run the tests after an agent edit', done: { when: 'run', kind: 'test', after: 'aiEdit:agent', before: 'commit' } },
      { title: 'Commit it tested', done: { when: 'commit', validated: true } },
    ]);
    const { run } = runOf(ex, [task(1000, 'test'), change(2000, AT, 0, SUGGESTION, 'ai.agent'), task(3000, 'build')]);
    assert.deepEqual(seen(run), [
      "a test run started, but it started before an agent's edit of this exercise: make the AI edit first, then run it",
      'a build started, but this step asks for a test run',
    ]);
    assert.equal(run.snapshot().steps[0]!.seen[0]!.at, Date.UTC(2026, 10, 23, 10, 42, 1), 'dated: "saw at 10:42"');
    assert.equal(run.snapshot().steps[0]!.waitingFor, "a test run that starts after an agent's edit of this exercise, before that edit is committed (a task, a terminal command or your team's validation command)");
    const second = runOf(ex, [change(1000, AT, 0, SUGGESTION, 'ai.agent'), task(2000, 'test'), change(3000, 0, 0, '// more\n', 'ai.agent'), commit(4000)]);
    assert.equal(second.run.current, 1);
    assert.deepEqual(seen(second.run), ['a commit, but 1 AI edit in it was not run first: run the tests, then commit again']);
  });

  it('a command the run does not know as a test is named, with how to teach it', () => {
    const ex = custom([{ title: 'Run it', done: { when: 'run' } }]);
    const { run } = runOf(ex, [terminal(1000, './scripts/check.sh --all')]);
    assert.deepEqual(seen(run), ['`check.sh` ran in a terminal, but it is not a test, build or lint command Deliberate knows (add yours to deliberate.validation.commands)']);
  });

  it('an insertion counted as something else than AI says so while a step waits for an AI edit; a save of an untouched file says so', () => {
    const { run } = runOf(exercise('check-a-suggestion'), [change(1000, AT, 0, SUGGESTION, 'human.paste'), change(2000, AT, 0, SUGGESTION, 'ai.agent')]);
    assert.deepEqual(seen(run), [
      '36 characters were inserted in {file}, counted as a paste, not as an AI edit',
      "an agent's edit in {file}, but this step asks for an accepted inline suggestion",
    ]);
    assert.equal(run.snapshot().steps[0]!.seen[0]!.doc, 'd1');
    const saving = runOf(exercise('check-a-suggestion'), [change(1000, AT, 0, SUGGESTION, 'ai.inline'), terminal(2000, 'npm test'), save(3000, 'd2')]);
    assert.deepEqual(seen(saving.run), ['a save of {file}, but that file was not edited during this exercise']);
  });

  it('errors after the AI edit: the note says the count now when it changes while they stand', () => {
    const { run } = runOf(exercise('fix-it-yourself'), [change(1000, AT, 0, SUGGESTION, 'ai.inline'), diagnostics(1500, 2), diagnostics(4000, 1)]);
    assert.equal(run.current, 1);
    assert.deepEqual(seen(run), ['1 error in {file} after the AI edit: now clear it with your own edits']);
    assert.equal(run.snapshot().steps[1]!.seen[0]!.at, Date.UTC(2026, 10, 23, 10, 42, 4), 'dated when the count changed');
  });

  it('an AI edit the session was not sure of says so while a step waits for an AI edit', () => {
    const { run } = runOf(exercise('check-a-suggestion'), [{ ...change(1000, AT, 0, SUGGESTION, 'external'), basis: 'possibly-ai:insert-at-cursor' }]);
    assert.deepEqual(seen(run), ['36 characters were inserted in {file}, counted as possibly AI, but not surely enough to count']);
  });

  it('a revision too small says how far it got; every step not done says what it waits for', () => {
    const { run } = runOf(exercise('improve-before-save'), [change(1000, AT, 0, SUGGESTION, 'ai.inline'), change(2000, AT + 6, 1, 'T', 'human.type'), save(3000)]);
    assert.equal(run.current, 1);
    assert.deepEqual(seen(run), ['your edits have changed 6% of the AI edit in {file} so far; this step needs 10%']);
    for (const ex of builtin.exercises) {
      for (const [k, step] of runOf(ex, []).run.snapshot().steps.entries()) assert.ok((step.waitingFor ?? '').length > 10, `${ex.id} step ${k}`);
    }
    const fresh = runOf(exercise('take-part-of-a-suggestion'), []);
    assert.deepEqual(fresh.run.snapshot().steps.map((s) => s.waitingFor), [
      'part of an inline suggestion, accepted word by word or line by line (Ctrl+Right (Cmd+Right on macOS))',
      '10 characters typed by you within 1 line of the last AI edit',
      'a save of a file you edited during this exercise',
    ]);
  });

  it('keeps only the latest evidence, and the same thing again replaces its entry', () => {
    const ex = custom([{ title: 'Run it', done: { when: 'run', after: 'aiEdit' } }]);
    const runs = Array.from({ length: 10 }, (_, k) => (k % 2 === 0 ? task(1000 + k, 'test') : terminal(1000 + k, `./x${k}`)));
    const { run } = runOf(ex, runs);
    assert.ok(seen(run).length <= 6);
    const again = runOf(ex, [task(1000, 'test'), task(2000, 'test'), task(3000, 'test')]);
    assert.equal(seen(again.run).length, 1);
    assert.equal(again.run.snapshot().steps[0]!.seen[0]!.at, Date.UTC(2026, 10, 23, 10, 42, 3));
  });

  it('typing on that does not count changes the snapshot at most once a second, not at every keystroke', () => {
    const typing = Array.from({ length: 20 }, (_, k) => change(2000 + k * 100, AT + SUGGESTION.length + k, 0, 'x', 'human.type'));
    const { run } = runOf(exercise('improve-before-save'), [change(1000, AT, 0, SUGGESTION, 'ai.inline')]);
    const before = run.version;
    typing.forEach((o, k) => {
      run.observe(k + 1, o);
      run.attribute({ i: k + 1, t: o.t, doc: 'd1', label: 'human.type', confidence: 1, basis: 'script', exact: true, insertedChars: 1, removedChars: 0 });
    });
    assert.equal(seen(run).length, 1);
    assert.ok(run.version - before <= 3, `${run.version - before} changes for 20 keystrokes over 2 s`);
  });

  it('take-part-of-a-suggestion: a word-by-word accept counts, a whole one is named as such', () => {
    const partial = runOf(exercise('take-part-of-a-suggestion'), [
      { ...change(1000, AT, 0, 'const ', 'ai.inline'), basis: 'source:inlineCompletionPartialAccept' },
      change(2000, AT + 6, 0, 'h', 'human.type'),
      change(2100, AT + 7, 0, 'alf = 0.5;', 'human.type'),
      save(3000),
    ]);
    assert.deepEqual([partial.events, partial.run.completed], [['started', 'step', 'step', 'step', 'completed'], true]);
    const whole = runOf(exercise('take-part-of-a-suggestion'), [change(1000, AT, 0, SUGGESTION, 'ai.inline')]);
    assert.equal(whole.run.current, 0);
    assert.deepEqual(seen(whole.run), ['an inline suggestion accepted in {file}, accepted whole: this step asks for part of a suggestion (accept word by word with Ctrl+Right (Cmd+Right on macOS))']);
    // An accept-next-word command just before the inline edit (Deliberate's own keybinding) makes it partial too.
    const byCommand = runOf(exercise('take-part-of-a-suggestion'), [{ t: 900, type: 'editor.command', command: 'editor.action.inlineSuggest.acceptNextWord', doc: 'd1' }, change(1000, AT, 0, 'const ', 'ai.inline')]);
    assert.equal(byCommand.run.current, 1);
  });

  it('a skipped step is recorded as skipped, never done; skipping the last step ends the exercise without completing it', () => {
    const { run, log } = runOfLive(exercise('check-a-suggestion'), [change(1000, AT, 0, SUGGESTION, 'ai.inline')]);
    run.skip(2000);
    assert.deepEqual(run.snapshot().steps.map((s) => s.state), ['done', 'skipped', 'current']);
    run.observe(2, terminal(4000, 'npm test'));
    run.observe(3, save(5000));
    assert.deepEqual([log(), run.completed, run.snapshot().skipped], [['started', 'step', 'skipped', 'step'], true, 1]);
    const all = runOf(exercise('check-a-suggestion'), []);
    all.run.skip(1);
    all.run.skip(2);
    all.run.skip(3);
    assert.deepEqual([all.run.completed, all.run.snapshot().skipped, all.run.snapshot().steps.map((s) => s.state)], [true, 3, ['skipped', 'skipped', 'skipped']]);
  });
});
