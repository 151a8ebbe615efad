import * as assert from 'node:assert/strict';
import { UTC_TIME } from '../../src/core/attribution/replay';
import type { Nudge } from '../../src/core/coach/coach';
import { DEFAULT_COACH_SETTINGS, emptyState, resetKinds, reviveState, type CoachState, type CoachStore } from '../../src/core/coach/policy';
import { SettledStateStore } from '../../src/core/coach/stateStore';
import type { Observation } from '../../src/core/observation';
import { Session } from '../../src/core/session';
import type { SessionInput } from '../../src/core/sessionInput';

/**
 * VS Code's globalState, message by message, as code-server 4.139 (VS Code 1.10x) has it:
 * - ExtensionMemento.update sets the extension host's copy and schedules (a zero timer) one
 *   `$setValue` with the whole copy as it is when the timer fires;
 * - MainThreadStorage applies it and, when the stored value changed, echoes it back with
 *   `$acceptValue` (no check for "this came from you"), before it replies;
 * - the echo replaces the extension host's copy wholesale.
 * Messages keep their order each way. The test decides when timers fire and messages land.
 */
class VsCodeMemento {
  private host: unknown = undefined;
  private main = 'null';
  private scheduled = false;
  private waiting: (() => void)[] = [];
  private toMain: { value: string; done: (() => void)[] }[] = [];
  private toHost: (() => void)[] = [];

  get(): unknown {
    return this.host;
  }

  update(value: unknown): Promise<void> {
    this.host = JSON.parse(JSON.stringify(value));
    const done = new Promise<void>((resolve) => this.waiting.push(resolve));
    this.scheduled = true;
    return done;
  }

  /** The extension host's zero timer fires: the copy as it is now goes to the main side. */
  timers(): void {
    if (!this.scheduled) return;
    this.scheduled = false;
    this.toMain.push({ value: JSON.stringify(this.host), done: this.waiting.splice(0) });
  }

  /** The main side handles what reached it: stores, echoes a change, replies. */
  mainSide(): void {
    for (const { value, done } of this.toMain.splice(0)) {
      if (value !== this.main) {
        this.main = value;
        this.toHost.push(() => (this.host = JSON.parse(value)));
      }
      this.toHost.push(() => done.forEach((r) => r()));
    }
  }

  /** The extension host handles what came back (echoes, replies). */
  hostSide(): void {
    for (const m of this.toHost.splice(0)) m();
  }

  stored(): unknown {
    return JSON.parse(this.main);
  }
}

/** Lets promise callbacks run (the store's check after a write settles). */
async function settle(): Promise<void> {
  for (let k = 0; k < 10; k++) await Promise.resolve();
}

/** Everything in flight arrives, in order, until nothing moves. */
async function quiesce(m: VsCodeMemento): Promise<void> {
  for (let k = 0; k < 10; k++) {
    m.timers();
    m.mainSide();
    m.hostSide();
    await settle();
  }
}

/** The store as the extension had it before: the memento read and written directly. */
const directStore = (m: VsCodeMemento): CoachStore => ({ load: () => reviveState(m.get()), save: (s) => void m.update(s) });
const settledStore = (m: VsCodeMemento): CoachStore => new SettledStateStore({ read: () => m.get(), write: (s) => m.update(s) });

const state = (usedToday: number, retired: boolean): CoachState => ({
  ...emptyState(),
  day: 'd',
  usedToday,
  kinds: retired ? { largeBurst: { shown: 1, acted: 0, dismissed: 0, notUseful: 1, lastShownAt: 1, quietUntil: null, retired: true } } : {},
});

/**
 * The moment of the failure: state A was saved and sent; B (the reset) is saved; A's echo
 * lands before B's timer fires.
 */
async function saveWhileAnEchoIsInFlight(store: CoachStore, m: VsCodeMemento, a: CoachState, b: () => CoachState): Promise<void> {
  store.save(a);
  m.timers();
  m.mainSide();
  store.save(b());
  m.hostSide();
  await settle();
}

describe('coach state store (over VS Code globalState)', () => {
  it('a save made while the echo of the one before is in flight is not lost: read back at once, and stored in the end', async () => {
    const m = new VsCodeMemento();
    const store = settledStore(m);
    const a = state(1, true);
    const b = resetKinds(a);
    await saveWhileAnEchoIsInFlight(store, m, a, () => b);
    assert.deepEqual(store.load(), b, 'the reset holds in this window while the echo of the save before it has put that one back');
    await quiesce(m);
    assert.deepEqual(m.stored(), b, 'the reset reaches storage');
    assert.deepEqual(store.load(), b);
    assert.deepEqual(reviveState(m.get()), b);
  });

  it('the memento alone loses that save (what the extension did before): the model reproduces the failure', async () => {
    const m = new VsCodeMemento();
    const store = directStore(m);
    const a = state(1, true);
    await saveWhileAnEchoIsInFlight(store, m, a, () => resetKinds(a));
    await quiesce(m);
    assert.deepEqual(m.stored(), a, 'the reset went out as the state before it');
    assert.equal(store.load().kinds.largeBurst?.retired, true);
  });

  it('after the slot confirms a save, reads come from the slot again (a change from another window is seen)', async () => {
    const m = new VsCodeMemento();
    const store = settledStore(m);
    store.save(state(1, false));
    await quiesce(m);
    const other = state(2, false);
    m.update(other); // another window's write, arrived here
    await quiesce(m);
    assert.deepEqual(store.load(), other);
  });
});

// The failed CI run of "coach nudges a large AI change saved ..." (test/integration/coach.test.ts),
// as Deliberate observed it: four 12-line inline suggestions, each auto-saved a second later;
// the second and third committed. Stream times as recorded.
const SUGGESTION = (name: string) =>
  `export function ${name}(xs: number[]): number {\n  let total = 0;\n  for (const x of xs) {\n    if (Number.isNaN(x)) {\n      continue;\n    }\n    total += x;\n  }\n  // done\n  const result = total;\n  return result;\n}`;

function acceptAndSave(doc: string, prefix: string, name: string, open: number, change: number, save: number): Observation[] {
  return [
    { t: open, type: 'doc.open', doc, lang: 'typescript', text: `${prefix}\n`, path: `src/coach-${name}.ts` },
    { t: open + 1, type: 'editor.active', doc },
    { t: change - 18, type: 'editor.command', command: 'editor.action.inlineSuggest.commit', doc },
    { t: change, type: 'doc.change', doc, version: 2, reason: null, changes: [{ offset: prefix.length, length: 0, text: SUGGESTION(name) }], source: 'inlineCompletionAccept' },
    { t: save, type: 'doc.save', doc },
  ];
}

const FAILED_RUN: Observation[] = [
  { t: 45, type: 'git', head: 'a'.repeat(40), branch: 'main', op: null },
  ...acceptAndSave('d11', '// coach scenario\n', 'sum', 445, 1097, 2104),
  ...acceptAndSave('d12', '// second\n', 'mean', 6176, 6499, 7516),
  { t: 12329, type: 'git', head: 'b'.repeat(40), branch: 'main', op: 'commit' },
  ...acceptAndSave('d13', '// third\n', 'max', 12373, 12657, 13651),
  { t: 18495, type: 'git', head: 'c'.repeat(40), branch: 'main', op: 'commit' },
  ...acceptAndSave('d14', '// fourth\n', 'min', 18686, 19946, 20963),
];

const coachSettings = (dailyBudget: number) => ({ ...DEFAULT_COACH_SETTINGS, preset: 'standard' as const, largeBurstLines: 10, minutesBetweenNudges: 0, dailyBudget });

/**
 * Runs the failed run's scenario through the Session with the coach's state in VS Code's
 * globalState (modelled above): a budget of one; the large-burst nudge answered and "not
 * useful"; "Reset coach" right after the first commit hint, while that hint's save echoes
 * back; the budget raised to two after the second commit hint. Returns the nudges.
 */
async function runFailedScenario(makeStore: (m: VsCodeMemento) => CoachStore): Promise<Nudge[]> {
  const m = new VsCodeMemento();
  const store = makeStore(m);
  const nudges: Nudge[] = [];
  const session = new Session({
    startEpochMs: Date.UTC(2026, 11, 1, 3, 8, 40),
    local: UTC_TIME,
    start: { t: 0, type: 'session.start', settings: { coach: coachSettings(1), aiCommands: [] }, coachState: store.load() },
    store,
    exactSources: true,
    onOutput: (o) => o.kind === 'nudge' && nudges.push(o.nudge),
  });
  const feed = async (x: SessionInput) => {
    session.input(x);
    await quiesce(m);
  };
  for (const o of FAILED_RUN) {
    if (o.t === 6176) {
      // The test answered the large-burst nudge before its second suggestion.
      session.advance(5200);
      const first = nudges.find((n) => n.kind === 'largeBurst');
      assert.ok(first, 'the first large-burst nudge');
      await feed({ t: 5200, type: 'nudge.answer', nudge: first.id, action: 'acted' });
      await feed({ t: 5201, type: 'review', nudge: first.id });
      await feed({ t: 5202, type: 'nudge.answer', nudge: first.id, action: 'notUseful' });
    }
    if (o.t === 12329) {
      // The commit hint is shown and saved; its save goes out; "Reset coach" is saved; the
      // hint's echo comes back before the reset's timer fires.
      session.input(o);
      assert.deepEqual(nudges.map((n) => n.kind), ['largeBurst', 'unrunAtCommit']);
      m.timers();
      m.mainSide();
      session.input({ t: 12330, type: 'coach.reset' });
      m.hostSide();
      await settle();
      await quiesce(m);
      continue;
    }
    if (o.t === 18686) await feed({ t: 18600, type: 'session.settings', settings: { coach: coachSettings(2), aiCommands: [] } });
    await feed(o);
  }
  session.advance(41_000); // the test waits 20 s after its save
  await quiesce(m);
  return nudges;
}

describe('coach: the budget control of the coach integration test (its failed run, replayed)', () => {
  it('"Reset coach" made while the last nudge\'s save echoes back holds: the fourth large change, with a slot free, brings its nudge', async () => {
    const nudges = await runFailedScenario(settledStore);
    assert.deepEqual(
      nudges.map((n) => [n.kind, n.t]),
      [
        ['largeBurst', 5097],
        ['unrunAtCommit', 12329],
        ['unrunAtCommit', 18495],
        // The pause 4 s after the fourth change (its save came 1 s after it, too soon to speak).
        ['largeBurst', 23946],
      ],
    );
  });

  it('with the memento read and written directly (before), the reset is lost and no nudge comes: the failure', async () => {
    const nudges = await runFailedScenario(directStore);
    assert.deepEqual(nudges.map((n) => n.kind), ['largeBurst', 'unrunAtCommit', 'unrunAtCommit']);
  });
});

describe('coach: "Reset coach" is a session input', () => {
  /** Two large AI changes with the large-burst kind retired at the start, and the given inputs between them. */
  function run(between: SessionInput[]): Nudge[] {
    const nudges: Nudge[] = [];
    const session = new Session({
      startEpochMs: Date.UTC(2026, 11, 1, 3, 8, 40),
      local: UTC_TIME,
      start: { t: 0, type: 'session.start', settings: { coach: coachSettings(5), aiCommands: [] }, coachState: state(0, true) },
      exactSources: true,
      onOutput: (o) => o.kind === 'nudge' && nudges.push(o.nudge),
    });
    for (const o of acceptAndSave('d1', '// one\n', 'sum', 100, 1000, 2000)) session.input(o);
    session.advance(10_000);
    for (const x of between) session.input(x);
    for (const o of acceptAndSave('d2', '// two\n', 'mean', 11_000, 12_000, 13_000)) session.input(o);
    session.advance(30_000);
    return nudges;
  }

  it('a retired kind stays quiet without it, and speaks again after it, in the same stream', () => {
    assert.deepEqual(run([]).map((n) => n.kind), []);
    assert.deepEqual(run([{ t: 10_000, type: 'coach.reset' }]).map((n) => [n.kind, n.docs]), [['largeBurst', ['d2']]]);
  });
});
