import * as assert from 'node:assert/strict';
import type { Attribution } from '../../src/core/attribution/classifier';
import { Coach, type Nudge } from '../../src/core/coach/coach';
import { habitSummary } from '../../src/core/coach/habits';
import { DEFAULT_COACH_SETTINGS, memoryStore, type CoachSettings } from '../../src/core/coach/policy';
import { UTC_TIME } from '../../src/core/coach/replay';
import type { MetricEvent } from '../../src/core/metrics';
import type { EditLabel, Observation } from '../../src/core/observation';

const MIN = 60_000;
/** 2026-11-23 09:00 UTC: stream time 0 of every scripted day. */
const START = Date.UTC(2026, 10, 23, 9);

/**
 * A scripted day: observations in, attributions given by the script (as the classifier would
 * settle them), a fake clock that only moves when the script says so.
 */
class Day {
  readonly nudges: Nudge[] = [];
  readonly metrics: MetricEvent[] = [];
  readonly store = memoryStore();
  readonly coach: Coach;
  private i = 0;
  private readonly texts = new Map<string, string>();
  /** Attributions held back to be settled later (to script the classifier's delay). */
  private readonly late: Attribution[] = [];

  constructor(settings: Partial<CoachSettings> = {}, private readonly answer?: (n: Nudge) => 'acted' | 'dismissed' | 'notUseful' | 'snoozed' | undefined, start = START) {
    this.coach = new Coach({
      settings: { ...DEFAULT_COACH_SETTINGS, ...settings },
      store: this.store,
      local: UTC_TIME,
      startEpochMs: start,
      sink: { emit: (e) => this.metrics.push(e) },
      onNudge: (n) => {
        this.nudges.push(n);
        const a = this.answer?.(n);
        if (a !== undefined) this.coach.respond(n.id, a, n.t);
      },
    });
  }

  observe(o: Observation): number {
    const i = this.i++;
    this.coach.observe(i, o);
    return i;
  }

  open(t: number, doc: string, text = ''): void {
    this.texts.set(doc, text);
    this.observe({ t, type: 'doc.open', doc, lang: 'typescript', text });
  }

  /** Appends `text` at the end of `doc`, attributed `label` (now, or later with `late`). */
  write(t: number, doc: string, label: EditLabel, text: string, options: { late?: boolean; basis?: string; at?: number; remove?: number; reason?: 'undo' } = {}): number {
    const before = this.texts.get(doc) ?? '';
    const offset = options.at ?? before.length;
    const length = options.remove ?? 0;
    this.texts.set(doc, before.slice(0, offset) + text + before.slice(offset + length));
    const i = this.observe({ t, type: 'doc.change', doc, version: i0(t), reason: options.reason ?? null, changes: [{ offset, length, text }] });
    const a: Attribution = { i, t, doc, label, confidence: 1, basis: options.basis ?? 'script', exact: false, insertedChars: text.length, removedChars: length };
    if (options.late) this.late.push(a);
    else this.coach.attribute(a);
    return i;
  }

  settle(): void {
    for (const a of this.late.splice(0)) this.coach.attribute(a);
  }

  at(t: number): void {
    this.coach.advance(t);
  }

  brief(): { t: number; kind: string; doc: string | null }[] {
    return this.nudges.map((n) => ({ t: n.t, kind: n.kind, doc: n.doc }));
  }
}

function i0(t: number): number {
  return t;
}

const lines = (n: number, word = 'code') => `${word};\n`.repeat(n);

describe('coach over scripted days', () => {
  it('a standard day: large burst at its end, unrun code at a save, the commit hint at each unrun commit, gaps between nudges', () => {
    const day = new Day();
    day.open(0, 'd1');
    day.open(0, 'd2');
    day.write(10_000, 'd1', 'ai.agent', lines(60));
    day.write(11_000, 'd2', 'ai.agent', lines(30));
    day.at(30_000); // the burst ends 8 s after its last edit
    day.write(60_000, 'd1', 'human.type', 'a');
    day.observe({ t: 61_000, type: 'doc.save', doc: 'd1' }); // 1 s after typing: waits for the pause
    day.at(70_000);
    day.observe({ t: 5 * MIN, type: 'doc.save', doc: 'd1' }); // unrun code is due, but 20 min must pass between nudges
    day.observe({ t: 22 * MIN, type: 'doc.save', doc: 'd1' });
    day.observe({ t: 23 * MIN, type: 'git', head: 'c1', branch: 'main', op: 'commit' });
    day.write(25 * MIN, 'd1', 'ai.inline', 'x = 1;\ny = 2;\n');
    day.observe({ t: 25 * MIN + 10_000, type: 'terminal.exec', phase: 'start', commandLine: 'npm test' });
    day.observe({ t: 25 * MIN + 20_000, type: 'terminal.exec', phase: 'end', commandLine: 'npm test', exitCode: 0 });
    day.observe({ t: 26 * MIN, type: 'git', head: 'c2', branch: 'main', op: 'commit' });
    day.write(40 * MIN, 'd2', 'ai.agent', lines(100));
    day.at(41 * MIN);
    day.at(41 * MIN + 30_000); // a large burst again, but less than 20 min after the last nudge: not shown
    day.observe({ t: 42 * MIN, type: 'git', head: 'c3', branch: 'main', op: 'commit' }); // unrun again: the hint, outside the budget
    day.coach.flush(50 * MIN);

    assert.deepEqual(day.brief(), [
      { t: 19_000, kind: 'largeBurst', doc: 'd1' },
      { t: 22 * MIN, kind: 'unrunAiCode', doc: 'd1' },
      { t: 23 * MIN, kind: 'unrunAtCommit', doc: 'd1' },
      { t: 42 * MIN, kind: 'unrunAtCommit', doc: 'd2' },
    ]);
    assert.equal(day.nudges[0]!.message, 'AI just wrote 90 lines across 2 files in one go. Can you review it as it stands, or take it in smaller steps?');
    assert.equal(day.nudges[1]!.message, '90 AI-written lines from 22 min ago have not been run yet. Run the tests?');
    assert.equal(day.nudges[2]!.message, 'You committed 2 AI edits (90 lines in 2 files) that no test, build or lint run covered. Run them now?');
    assert.deepEqual(day.nudges[2]!.actions, ['runTests', 'showDiff', 'notUseful', 'snooze']);
    assert.equal(day.nudges[2]!.runCommand, null); // nothing run yet, nothing configured
    assert.deepEqual(day.coach.commitHintLog.map((l) => [l.t, l.outcome]), [[23 * MIN, 'shown'], [42 * MIN, 'shown']]);
    assert.equal(day.store.state.usedToday, 2, 'the commit hints use none of the budget');

    const of = (kind: string) => day.metrics.filter((m) => m.kind === kind).map((m) => ({ ...m, at: m.at - START }));
    assert.deepEqual(of('burst'), [
      { kind: 'burst', at: 10_000, assistant: 'agent', chars: 540, lines: 90, files: 2 },
      { kind: 'burst', at: 25 * MIN, assistant: 'inline', chars: 14, lines: 2, files: 1 },
      { kind: 'burst', at: 40 * MIN, assistant: 'agent', chars: 600, lines: 100, files: 1 },
    ]);
    assert.deepEqual(of('run'), [{ kind: 'run', at: 25 * MIN + 10_000, run: 'test', ok: true, coveredAiEdits: 3 }]);
    assert.deepEqual(of('nudge').map((m) => (m as { nudge: string }).nudge), ['largeBurst', 'unrunAiCode', 'unrunAtCommit', 'unrunAtCommit']);
    const validate = habitSummary(day.metrics).find((h) => h.habit === 'validate')!;
    assert.deepEqual(validate.figures[0], { id: 'ranBeforeCommit', label: 'Committed AI bursts run before the commit', value: 0.333, unit: 'share', evidence: '1 run, 2 not' });
    assert.equal(validate.figures[1]!.evidence, '1 test; they were the first to cover 3 AI edits');
    const decompose = habitSummary(day.metrics).find((h) => h.habit === 'decompose')!;
    assert.deepEqual(decompose.figures.map((f) => f.value), [0.333, 90, 2]);
  });

  it('never within 2 s of a change: a commit right after typing gets its hint at the next pause', () => {
    const day = new Day();
    day.open(0, 'd1');
    day.write(1000, 'd1', 'ai.inline', lines(3));
    day.write(30_000, 'd1', 'human.type', 'b');
    day.write(30_500, 'd1', 'human.type', 'c');
    day.observe({ t: 31_000, type: 'git', head: 'c1', branch: 'main', op: 'commit' });
    day.write(32_000, 'd1', 'human.type', 'd'); // still typing: no pause yet
    day.at(35_000);
    day.at(40_000);
    assert.deepEqual(day.brief(), [{ t: 36_000, kind: 'unrunAtCommit', doc: 'd1' }]);
  });

  it('staging unrun AI code hints before the commit, and the commit does not repeat it', () => {
    const day = new Day();
    day.open(0, 'd1');
    day.open(0, 'd2');
    day.write(1000, 'd1', 'ai.chat', lines(5));
    day.write(2000, 'd2', 'ai.chat', lines(5), { late: true });
    day.settle();
    day.coach.staged(60_000, ['d2']);
    day.observe({ t: 70_000, type: 'git', head: 'c1', branch: 'main', op: 'commit' });
    assert.deepEqual(day.brief(), [{ t: 60_000, kind: 'unrunAtCommit', doc: 'd1' }]);
    // The two chat edits were one burst; staging d2 covers the burst.
    assert.match(day.nudges[0]!.message, /^2 AI edits \(10 lines in 2 files\) are staged without a test, build or lint run since written/);
  });

  it('a run in between: no hint; a run of the team command is what "Run tests" offers', () => {
    const day = new Day({ validationCommands: ['just verify'] });
    day.open(0, 'd1');
    day.write(1000, 'd1', 'ai.agent', lines(100));
    day.at(10_000);
    day.observe({ t: 20_000, type: 'terminal.exec', phase: 'start', commandLine: 'just verify' });
    day.observe({ t: 25_000, type: 'terminal.exec', phase: 'end', commandLine: 'just verify', exitCode: 1 });
    day.observe({ t: 30_000, type: 'git', head: 'c1', branch: 'main', op: 'commit' });
    assert.deepEqual(day.brief(), [{ t: 9000, kind: 'largeBurst', doc: 'd1' }]);
    assert.equal(day.nudges[0]!.runCommand, 'just verify');
    assert.deepEqual(day.metrics.filter((m) => m.kind === 'run').map((m) => ({ ...m, at: 0 })), [{ kind: 'run', at: 0, run: 'test', ok: false, coveredAiEdits: 1 }]);
    // Settings changed mid-session apply to the next run.
    day.coach.updateSettings({ ...DEFAULT_COACH_SETTINGS, validationCommands: ['just check-all'] });
    day.observe({ t: 40_000, type: 'terminal.exec', phase: 'start', commandLine: 'just check-all' });
    day.observe({ t: 41_000, type: 'terminal.exec', phase: 'start', commandLine: 'just verify' });
    assert.deepEqual(day.coach.signals.runs.map((r) => r.t), [20_000, 40_000]);
  });

  it('"not useful" retires the kind, "snooze" quiets it for a day, a dismissal for hours', () => {
    const answers: Record<string, 'notUseful' | 'snoozed' | 'dismissed'> = { largeBurst: 'notUseful', unrunAtCommit: 'snoozed' };
    const day = new Day({ preset: 'learner' }, (n) => answers[n.kind]);
    day.open(0, 'd1');
    for (let k = 0; k < 3; k++) {
      const t = k * 90 * MIN;
      day.write(t + 1000, 'd1', 'ai.agent', lines(100));
      day.at(t + 20_000);
      day.observe({ t: t + 60_000, type: 'git', head: `c${k}`, branch: 'main', op: 'commit' });
    }
    day.coach.flush(5 * 60 * MIN);
    assert.deepEqual(day.brief(), [
      { t: 9000, kind: 'largeBurst', doc: 'd1' },
      { t: 60_000, kind: 'unrunAtCommit', doc: 'd1' },
    ]);
    assert.equal(day.store.state.kinds.largeBurst?.retired, true);
    assert.deepEqual(
      day.metrics.filter((m) => m.kind === 'nudge').map((m) => [(m as { nudge: string }).nudge, (m as { action: string }).action]),
      [['largeBurst', 'shown'], ['largeBurst', 'notUseful'], ['unrunAtCommit', 'shown'], ['unrunAtCommit', 'snoozed']],
    );
    // The commit hints that followed were silenced by the snooze, and say so.
    assert.deepEqual(day.coach.commitHintLog.map((l) => l.outcome), ['shown', 'quieted', 'quieted']);
  });

  it('quiet hours and the master switch silence every kind', () => {
    for (const settings of [{ quietHours: '08:00-18:00' }, { enabled: false }]) {
      const day = new Day(settings);
      day.open(0, 'd1');
      day.write(1000, 'd1', 'ai.agent', lines(100));
      day.at(20_000);
      day.observe({ t: 60_000, type: 'git', head: 'c1', branch: 'main', op: 'commit' });
      assert.deepEqual(day.brief(), [], JSON.stringify(settings));
      assert.equal(day.coach.commitHintLog[0]!.outcome, 'quietHours' in settings ? 'quietHours' : 'off');
    }
  });

  it('learner: unread AI code in an unfamiliar file, errors after an AI edit, and a loop of AI fixes', () => {
    const day = new Day({ preset: 'learner' });
    day.open(0, 'd1');
    day.open(0, 'd2');
    day.write(1000, 'd1', 'human.type', 'let a = 1;');
    day.write(2000, 'd2', 'ai.agent', lines(20));
    day.at(20_000); // 20 lines: not a large burst
    day.observe({ t: 2 * MIN, type: 'doc.save', doc: 'd1' }); // d2 never visited, 20 lines, 2 min old
    day.observe({ t: 15 * MIN, type: 'editor.selection', doc: 'd1', selections: [{ anchor: 0, active: 0 }], kind: 'mouse' });
    day.write(16 * MIN, 'd1', 'ai.inline', 'foo(');
    day.observe({ t: 16 * MIN + 500, type: 'diagnostics', doc: 'd1', errors: 1, warnings: 0 });
    day.at(17 * MIN);
    // Three errors cleared by AI edits in a row.
    for (let k = 0; k < 3; k++) {
      const t = (30 + k * 5) * MIN;
      day.observe({ t, type: 'diagnostics', doc: 'd1', errors: 1, warnings: 0 });
      day.write(t + 60_000, 'd1', 'ai.chat', ');');
      day.observe({ t: t + 61_000, type: 'diagnostics', doc: 'd1', errors: 0, warnings: 0 });
    }
    day.at(60 * MIN);
    assert.deepEqual(day.brief(), [
      { t: 2 * MIN, kind: 'unreadAiCode', doc: 'd2' },
      { t: 16 * MIN + 4000, kind: 'errorsAfterAi', doc: 'd1' },
      { t: 31 * MIN + 4000, kind: 'unrunAiCode', doc: 'd2' }, // at the pause after the first fix
      { t: 41 * MIN + 4000, kind: 'aiFixLoop', doc: 'd1' },
    ]);
    const learn = habitSummary(day.metrics).find((h) => h.habit === 'learn')!;
    assert.deepEqual(learn.figures[0], { id: 'errorsFixedByHand', label: 'Errors you fixed yourself (vs by another AI round)', value: 0, unit: 'share', evidence: '0 by your edit, 3 by an AI edit, from files whose error count dropped' });
  });

  it('iterate signals: a retry after undoing AI code, partial acceptance, revision before commit', () => {
    const day = new Day();
    day.open(0, 'd1');
    const text = 'const x = compute();\n';
    day.write(1000, 'd1', 'ai.inline', text);
    day.write(3000, 'd1', 'undo', '', { at: 0, remove: text.length, reason: 'undo' });
    day.write(5000, 'd1', 'ai.inline', 'const y', { basis: 'partial-accept-char' });
    day.write(5200, 'd1', 'ai.inline', ' = 2;', { basis: 'partial-accept-continues' });
    day.write(9000, 'd1', 'human.type', 'Z', { at: 2 }); // inside the accepted text: a revision
    day.observe({ t: 20_000, type: 'terminal.exec', phase: 'start', commandLine: 'pytest' });
    day.observe({ t: 30_000, type: 'git', head: 'c1', branch: 'main', op: 'commit' });
    const signals = day.metrics.filter((m) => m.kind === 'habit').map((m) => (m as { signal: string }).signal);
    assert.deepEqual(signals, ['aiUndone', 'partialAccept', 'retryAfterUndo', 'revisedBeforeCommit', 'committedVerbatim', 'ranBeforeCommit']);
    const iterate = habitSummary(day.metrics).find((h) => h.habit === 'iterate')!;
    assert.deepEqual(iterate.figures.map((f) => f.value), [0.5, 1, 1]);
  });

  it('switching off settles open bursts without showing anything', () => {
    const day = new Day();
    day.open(0, 'd1');
    day.write(1000, 'd1', 'ai.agent', lines(100));
    day.coach.flush(1500, false);
    assert.deepEqual(day.brief(), []);
    assert.deepEqual(day.metrics.map((m) => m.kind), ['burst']);
  });

  it('a look that arrives before the late attribution still ends the burst it follows', () => {
    const day = new Day();
    day.open(0, 'd1');
    day.write(1000, 'd1', 'ai.agent', lines(10), { late: true });
    day.observe({ t: 1500, type: 'editor.selection', doc: 'd1', selections: [{ anchor: 0, active: 0 }], kind: 'keyboard' });
    day.settle();
    day.write(3000, 'd1', 'ai.agent', lines(10));
    day.at(20_000);
    assert.deepEqual(day.metrics.filter((m) => m.kind === 'burst').map((m) => (m as { lines: number }).lines), [10, 10]);
  });
});

describe('text before the AI edits', () => {
  it('keeps the text before the first unreviewed AI edit, even when its attribution comes late', async () => {
    const { PreAiTexts } = await import('../../src/core/coach/preAiText');
    const { DocumentTexts } = await import('../../src/core/text/documentTexts');
    const p = new PreAiTexts();
    const texts = new DocumentTexts();
    const feed = (i: number, o: Observation) => {
      if (o.type === 'doc.open') texts.open(o.doc, o.text);
      p.observe(i, o, o.type === 'doc.change' ? texts.change(o.doc, o.changes).before : undefined);
    };
    const change = (t: number, offset: number, length: number, text: string): Observation => ({ t, type: 'doc.change', doc: 'd1', version: t, reason: null, changes: [{ offset, length, text }] });
    feed(0, { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: 'let a = 1;\n' });
    feed(1, change(10, 11, 0, 'let b = 2;\n')); // human
    feed(2, change(20, 22, 0, 'function f() {}\n')); // AI, attributed after the next change
    feed(3, change(30, 0, 0, '// note\n'));
    p.attribute(1, 'human.type', 'd1');
    assert.equal(p.baseline('d1'), undefined);
    p.attribute(2, 'ai.agent', 'd1');
    p.attribute(3, 'human.type', 'd1');
    assert.equal(p.baseline('d1'), 'let a = 1;\nlet b = 2;\n');
    assert.equal(texts.get('d1')?.toString(), '// note\nlet a = 1;\nlet b = 2;\nfunction f() {}\n');
    feed(4, change(40, 0, 0, 'x'));
    p.attribute(4, 'ai.inline', 'd1'); // a later AI edit keeps the first baseline
    assert.equal(p.baseline('d1'), 'let a = 1;\nlet b = 2;\n');
    p.clear('d1');
    assert.equal(p.baseline('d1'), undefined);
  });
});
