import * as assert from 'node:assert/strict';
import { UTC_TIME } from '../../src/core/attribution/replay';
import { CATALOGUE, NUDGE_KINDS } from '../../src/core/coach/catalogue';
import type { Nudge } from '../../src/core/coach/coach';
import { DEFAULT_COACH_SETTINGS, emptyState, type CoachSettings } from '../../src/core/coach/policy';
import { readPackFile } from '../../src/core/exercises/packFile';
import type { MetricEvent, RelabelMetric } from '../../src/core/metrics';
import type { DocId, EditLabel } from '../../src/core/observation';
import { Session, type SessionOutput } from '../../src/core/session';
import type { SessionInput } from '../../src/core/sessionInput';
import { formatHeader, formatObservation, parseTrace } from '../../src/core/traceFormat';
import { replaySession } from '../../src/core/replay';
import { fixedOffsetCalendar } from '../../src/core/store/days';
import { rollUp } from '../../src/core/store/rollup';
import { buildProgress } from '../../src/core/progress/progressModel';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const MIN = 60_000;
/** 2026-11-23 09:00 UTC: stream time 0. */
const START = Date.UTC(2026, 10, 23, 9);
const root = path.resolve(__dirname, '../../..');
const builtin = readPackFile(readFileSync(path.join(root, 'media/packs/habits.deliberate-pack.json'), 'utf8')).pack!;

/**
 * A scripted session through the real pipeline (text store, classifier taking the script's
 * labels, fate tracker, coach, exercise): inputs in, outputs collected.
 */
class Script {
  readonly inputs: SessionInput[] = [];
  private readonly texts = new Map<DocId, string>();

  open(t: number, doc: DocId, text = ''): this {
    this.texts.set(doc, text);
    this.inputs.push({ t, type: 'doc.open', doc, lang: 'typescript', text, path: `src/${doc}.ts` });
    return this;
  }

  /** Inserts `text` at `at` (default: the end), or replaces `remove` characters there. Returns the input's index. */
  write(t: number, doc: DocId, label: EditLabel, text: string, options: { at?: number; remove?: number; reason?: 'undo' } = {}): number {
    const before = this.texts.get(doc) ?? '';
    const offset = options.at ?? before.length;
    const length = options.remove ?? 0;
    this.texts.set(doc, before.slice(0, offset) + text + before.slice(offset + length));
    this.inputs.push({ t, type: 'doc.change', doc, version: this.inputs.length, reason: options.reason ?? null, changes: [{ offset, length, text }], label });
    return this.inputs.length - 1;
  }

  add(x: SessionInput): number {
    this.inputs.push(x);
    return this.inputs.length - 1;
  }

  text(doc: DocId): string {
    return this.texts.get(doc) ?? '';
  }

  /** Runs the inputs (with `ticks` extra clock moves before each), ends at `end`. */
  run(settings: Partial<CoachSettings> = {}, end = 30 * MIN, tick?: number): { outputs: SessionOutput[]; session: Session; nudges: Nudge[]; metrics: MetricEvent[] } {
    const outputs: SessionOutput[] = [];
    const session = new Session({
      startEpochMs: START,
      local: UTC_TIME,
      start: { t: 0, type: 'session.start', settings: { coach: { ...DEFAULT_COACH_SETTINGS, preset: 'learner', ...settings }, aiCommands: [] }, coachState: emptyState() },
      trustLabels: true,
      onOutput: (o) => outputs.push(o),
    });
    let clock = 0;
    for (const x of this.inputs) {
      if (tick !== undefined) for (; clock + tick < x.t; clock += tick) session.advance(clock + tick);
      session.input(x);
      clock = Math.max(clock, x.t);
    }
    if (tick !== undefined) for (; clock + tick < end; clock += tick) session.advance(clock + tick);
    session.advance(end);
    return {
      outputs,
      session,
      nudges: outputs.flatMap((o) => (o.kind === 'nudge' ? [o.nudge] : [])),
      metrics: outputs.flatMap((o) => (o.kind === 'metric' ? [o.event] : [])),
    };
  }
}

const lines = (n: number, word = 'code') => Array.from({ length: n }, (_, k) => `${word}${k};\n`).join('');
const run = (t: number, phase: 'start' | 'end'): SessionInput => ({ t, type: 'terminal.exec', phase, commandLine: 'npm test', ...(phase === 'end' ? { exitCode: 0 } : {}) });

describe('the iterate nudges', () => {
  it('the catalogue: every kind has a habit, one line of evidence, a study to open and an exercise of the built-in pack; iterate has two kinds', () => {
    for (const kind of NUDGE_KINDS) {
      const info = CATALOGUE[kind];
      assert.ok(info.evidence.line.length > 20 && info.evidence.line.length < 200, `${kind}: one line of evidence`);
      assert.match(info.evidence.study.url, /^https:\/\//, kind);
      assert.ok(builtin.exercises.some((e) => e.id === info.exercise), `${kind}: its exercise ${info.exercise} is in the built-in pack`);
      assert.ok(info.actions.includes('notUseful') && info.actions.includes('snooze'), `${kind}: Not useful and Snooze`);
    }
    assert.deepEqual(NUDGE_KINDS.filter((k) => CATALOGUE[k].habit === 'iterate'), ['keptAsWritten', 'undoneNoRetry']);
    assert.ok(builtin.exercises.filter((e) => e.habit === 'iterate').length >= 4);
  });

  it('keptAsWritten: AI code staged exactly as written is asked about; revised by one character, it is not', () => {
    const asWritten = new Script().open(0, 'a');
    asWritten.write(10_000, 'a', 'ai.agent', lines(12));
    asWritten.add(run(30_000, 'start'));
    asWritten.add(run(32_000, 'end'));
    asWritten.add({ t: 60_000, type: 'git.staged', docs: ['a'] });
    const kept = asWritten.run();
    assert.deepEqual(kept.nudges.map((n) => [n.kind, n.t, n.edits]), [['keptAsWritten', 60_000, [1]]]);
    assert.equal(kept.nudges[0]!.message, "12 AI-written lines are staged exactly as the AI wrote them. Anything you'd rename, simplify or handle differently first?");
    assert.deepEqual(kept.nudges[0]!.actions, ['showDiff', 'markReviewed', 'notUseful', 'snooze']);

    const revised = new Script().open(0, 'a');
    revised.write(10_000, 'a', 'ai.agent', lines(12));
    revised.add(run(30_000, 'start'));
    revised.add(run(32_000, 'end'));
    revised.write(40_000, 'a', 'human.type', 'X', { at: 3 });
    revised.add({ t: 60_000, type: 'git.staged', docs: ['a'] });
    assert.deepEqual(revised.run().nudges.map((n) => n.kind), []);
    // The standard preset leaves the iterate kinds out (unless the habit is emphasised).
    assert.deepEqual(asWritten.run({ preset: 'standard' }).nudges.map((n) => n.kind), []);
    assert.deepEqual(asWritten.run({ preset: 'standard', emphasis: ['iterate'] }).nudges.map((n) => n.kind), ['keptAsWritten']);
  });

  it('keptAsWritten at a save: only for AI code still as written 5 minutes after it came', () => {
    const s = new Script().open(0, 'a');
    s.write(10_000, 'a', 'ai.inline', lines(12));
    s.add({ t: 20_000, type: 'editor.selection', doc: 'a', selections: [{ anchor: 0, active: 0 }], kind: 'keyboard' });
    s.add(run(30_000, 'start'));
    s.add(run(32_000, 'end'));
    s.add({ t: 2 * MIN, type: 'doc.save', doc: 'a' });
    s.add({ t: 6 * MIN, type: 'doc.save', doc: 'a' });
    const { nudges } = s.run();
    assert.deepEqual(nudges.map((n) => [n.kind, n.t]), [['keptAsWritten', 6 * MIN]]);
    assert.equal(nudges[0]!.message, "You saved 12 AI-written lines from 6 min ago, still exactly as the AI wrote them. Read them as a draft: anything you'd change?");
  });

  it("undoneNoRetry: a minute after an undo with no new attempt, the next breakpoint asks for one; a retry or the person's own attempt silences it", () => {
    const script = (after: (s: Script) => void) => {
      const s = new Script().open(0, 'a').open(0, 'b');
      const code = lines(6);
      s.write(10_000, 'a', 'ai.agent', code);
      s.add(run(12_000, 'start'));
      s.add(run(13_000, 'end'));
      s.write(20_000, 'a', 'undo', '', { at: 0, remove: code.length, reason: 'undo' });
      after(s);
      return s.run();
    };
    // Elsewhere at 30 s (a pause at 34 s: too soon to ask) and at 90 s (the pause at 94 s asks).
    const abandoned = script((s) => {
      s.write(30_000, 'b', 'human.type', 'x');
      s.write(90_000, 'b', 'human.type', 'y');
    });
    assert.deepEqual(abandoned.nudges.map((n) => [n.kind, n.t, n.edits]), [['undoneNoRetry', 94_000, [2]]]);
    assert.match(abandoned.nudges[0]!.message, /^You undid 6 AI-written lines a while ago and nothing has replaced them\. Ask again, saying what was wrong, or write them yourself\?$/);
    const retried = script((s) => {
      s.write(50_000, 'a', 'ai.agent', lines(4, 'other'));
      s.write(90_000, 'b', 'human.type', 'y');
    });
    assert.deepEqual(retried.nudges.map((n) => n.kind), []);
    const ownAttempt = script((s) => {
      s.write(40_000, 'a', 'human.paste', 'const mine = computeItMyWay();\n');
      s.write(90_000, 'b', 'human.type', 'y');
    });
    assert.deepEqual(ownAttempt.nudges.map((n) => n.kind), []);
    // An accidental accept of a line or two, undone, is not asked about.
    const small = new Script().open(0, 'a').open(0, 'b');
    small.write(10_000, 'a', 'ai.inline', 'x = 1;\n');
    small.write(20_000, 'a', 'undo', '', { at: 0, remove: 7, reason: 'undo' });
    small.write(90_000, 'b', 'human.type', 'y');
    assert.deepEqual(small.run().nudges.map((n) => n.kind), []);
  });

  it('the same nudges come whether the clock ticks every 250 ms or never (follow-ups wait for breakpoints, not for ticks)', () => {
    const s = new Script().open(0, 'a').open(0, 'b');
    const code = lines(6);
    s.write(10_000, 'a', 'ai.agent', code);
    s.write(20_000, 'a', 'undo', '', { at: 0, remove: code.length, reason: 'undo' });
    s.write(90_000, 'b', 'human.type', 'y');
    s.write(100_000, 'b', 'ai.inline', lines(12));
    s.add(run(150_000, 'start'));
    s.add(run(151_000, 'end'));
    s.add({ t: 200_000, type: 'git.staged', docs: ['b'] });
    s.add({ t: 8 * MIN, type: 'doc.save', doc: 'b' });
    const never = s.run({ dailyBudget: 20, minutesBetweenNudges: 0 }).outputs;
    const ticking = s.run({ dailyBudget: 20, minutesBetweenNudges: 0 }, 30 * MIN, 250).outputs;
    assert.deepEqual(ticking, never);
    assert.deepEqual(never.flatMap((o) => (o.kind === 'nudge' ? [[o.nudge.kind, o.nudge.t]] : [])), [['undoneNoRetry', 94_000], ['keptAsWritten', 200_000]]);
  });
});

describe('"Why?" of a nudge', () => {
  it('first says what the person did, with their edits by file, time and size, then one line of evidence and the study', () => {
    const s = new Script().open(0, 'a').open(0, 'b');
    s.write(10_000, 'a', 'ai.agent', lines(30));
    s.write(11_000, 'b', 'ai.agent', lines(20));
    s.write(75_000, 'a', 'ai.agent', lines(2, 'more'));
    s.add({ t: 2 * MIN, type: 'git', head: 'c1', branch: 'main', op: 'commit' });
    const { session, nudges } = s.run();
    const hint = nudges.find((n) => n.kind === 'unrunAtCommit')!;
    const why = session.coach.explain(hint.id, (doc) => `src/${doc}.ts`)!;
    assert.equal(why.did, 'AI code went toward a commit without a test, build, lint or debug run after it was written.');
    assert.deepEqual(why.edits, ["src/a.ts: 2 agent edits, 32 lines (244 characters), 09:00–09:01", "src/b.ts: 1 agent edit, 20 lines (150 characters), at 09:00"]);
    assert.equal(why.evidence, CATALOGUE.unrunAtCommit.evidence.line);
    assert.equal(why.study.url, 'https://www.anthropic.com/research/claude-code-expertise');
  });
});

describe('"That was me"', () => {
  it('the edits stop counting as AI for the coach, the fate tracker and the figures; a relabel event records it; nothing is hinted at the commit', () => {
    const s = new Script().open(0, 'a');
    const i = s.write(10_000, 'a', 'ai.inline', lines(12));
    s.add({ t: 30_000, type: 'label.correct', edits: [i] });
    s.add({ t: 2 * MIN, type: 'git', head: 'c1', branch: 'main', op: 'commit' });
    const { session, nudges, metrics, outputs } = s.run();
    assert.deepEqual(nudges.map((n) => n.kind), []);
    assert.deepEqual(session.coach.status(), { unrun: 0, unreviewed: 0, unrunLines: 0 });
    assert.deepEqual(session.coach.signals.liveEdits('a'), []);
    assert.deepEqual(session.fates(), []);
    assert.equal(session.preAiText('a'), undefined);
    const relabels = metrics.filter((m): m is RelabelMetric => m.kind === 'relabel');
    assert.deepEqual(relabels.map((m) => ({ ...m, at: m.at - START })), [{ kind: 'relabel', at: 30_000, assistant: 'inline', chars: 86, lines: 12, fate: null }]);
    assert.equal(metrics.filter((m) => m.kind === 'fate').length, 0, 'no fate will come for it');
    assert.ok(!outputs.some((o) => o.kind === 'problem'));
    // The figures: the characters become the person's, the AI edit is taken back.
    const progress = buildProgress(rollUp(metrics, fixedOffsetCalendar(0)).values(), '2026-11-23').ranges.week;
    assert.deepEqual([progress.code.ai.inline, progress.code.human, progress.aiEdits], [0, 86, 0]);
  });

  it("takes back a fate already recorded, and the person's correction of an edit that is no AI edit is a problem, not a silent no-op", () => {
    const s = new Script().open(0, 'a');
    const i = s.write(10_000, 'a', 'ai.agent', lines(3));
    const typed = s.write(11_000, 'a', 'human.type', 'z');
    s.add({ t: 20 * MIN, type: 'label.correct', edits: [i] });
    s.add({ t: 21 * MIN, type: 'label.correct', edits: [typed] });
    const { metrics, outputs } = s.run();
    const fate = metrics.find((m) => m.kind === 'fate');
    assert.ok(fate !== undefined && fate.kind === 'fate' && fate.outcome === 'kept');
    const relabel = metrics.find((m): m is RelabelMetric => m.kind === 'relabel')!;
    assert.deepEqual(relabel.fate, { outcome: 'kept', committed: null, ranBeforeCommit: null });
    const progress = buildProgress(rollUp(metrics, fixedOffsetCalendar(0)).values(), '2026-11-23').ranges.week;
    assert.equal(progress.fates.kept, 0);
    assert.deepEqual(
      outputs.flatMap((o) => (o.kind === 'problem' ? [[o.i, o.message]] : [])),
      [[4, `label.correct names no AI edit this session follows (${typed}); skipped`]],
    );
  });

  it("a nudge waiting for its breakpoint goes when its edits were the person's", () => {
    const script = (correct: boolean) => {
      const s = new Script().open(0, 'a');
      const k = s.write(10_000, 'a', 'ai.agent', lines(12));
      s.write(29_000, 'a', 'human.type', 'x', { at: 0 }); // typing: the commit hint waits for the pause
      s.add({ t: 30_000, type: 'git', head: 'c1', branch: 'main', op: 'commit' });
      if (correct) s.add({ t: 31_000, type: 'label.correct', edits: [k] });
      return s.run().nudges.map((n) => [n.kind, n.t]);
    };
    assert.deepEqual(script(false), [['unrunAtCommit', 33_000]]);
    assert.deepEqual(script(true), []);
  });

  it('an exercise step an AI edit completed waits again, and says why', () => {
    const s = new Script().open(0, 'a');
    s.add({ t: 1_000, type: 'exercise.start', pack: builtin.id, exercise: builtin.exercises.find((e) => e.id === 'improve-before-save')! });
    const i = s.write(10_000, 'a', 'ai.inline', 'const twice = (x: number) => x * 2;\n');
    s.add({ t: 20_000, type: 'label.correct', edits: [i] });
    const { session, outputs } = s.run();
    const snapshots = outputs.flatMap((o) => (o.kind === 'exercise' && o.exercise !== null ? [o.exercise] : []));
    assert.deepEqual(snapshots.map((x) => x.current), [0, 1, 0]);
    const now = session.exerciseSnapshot()!;
    assert.equal(now.steps[0]!.state, 'current');
    assert.deepEqual(now.steps[0]!.seen.map((e) => e.text), ['You said the AI edit this step had counted was yours, so the step waits again.']);
  });
});

describe('exercise and correction inputs in a trace', () => {
  it('skip, restart and "That was me" are inputs: written to a trace and read back, they replay to the same outputs', () => {
    const s = new Script().open(0, 'a');
    const exercise = builtin.exercises.find((e) => e.id === 'check-a-suggestion')!;
    s.add({ t: 1_000, type: 'exercise.start', pack: builtin.id, exercise });
    const i = s.write(5_000, 'a', 'ai.inline', lines(3));
    s.add({ t: 8_000, type: 'exercise.skip' });
    s.add({ t: 9_000, type: 'label.correct', edits: [i] });
    s.add({ t: 12_000, type: 'exercise.restart' });
    s.write(15_000, 'a', 'ai.inline', lines(2, 'again'));
    const live = s.run();
    const snapshots = live.outputs.flatMap((o) => (o.kind === 'exercise' && o.exercise !== null ? [o.exercise.steps.map((x) => x.state).join(',')] : []));
    assert.deepEqual(snapshots, [
      'current,todo,todo',
      'done,current,todo',
      'done,skipped,current',
      // "That was me" on the edit that completed step 1: back to it (the skip after it goes too).
      'current,todo,todo',
      // Restarted: a fresh run.
      'current,todo,todo',
      'done,current,todo',
    ]);
    const events = live.metrics.flatMap((m) => (m.kind === 'exercise' ? [m.event] : []));
    assert.deepEqual(events, ['started', 'step', 'skipped', 'started', 'step']);

    const trace = [formatHeader({}), ...s.inputs.map((x) => formatObservation(x))].join('\n');
    const parsed = parseTrace(trace, 'inline.jsonl');
    assert.deepEqual(parsed.warnings, []);
    const replayed = replaySession(parsed.observations, { startEpochMs: START, local: UTC_TIME, coachSettings: { ...DEFAULT_COACH_SETTINGS, preset: 'learner' }, useLabels: true, endSession: false });
    assert.deepEqual(replayed.outputs, live.outputs.slice(0, replayed.outputs.length));
    assert.ok(replayed.outputs.length > 10);
  });

  it('skip or restart with no exercise in progress is a problem naming the input', () => {
    const s = new Script().open(0, 'a');
    s.add({ t: 1_000, type: 'exercise.skip' });
    s.add({ t: 2_000, type: 'exercise.restart' });
    assert.deepEqual(
      s.run().outputs.flatMap((o) => (o.kind === 'problem' ? [[o.i, o.message]] : [])),
      [
        [1, 'exercise.skip with no exercise in progress; skipped'],
        [2, 'exercise.restart with no exercise in progress; skipped'],
      ],
    );
  });
});
