import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_COACH_SETTINGS, type CoachSettings } from '../../src/core/coach/policy';
import { checkTargets, replayCoach, UTC_TIME } from '../../src/core/coach/replay';
import type { Observation } from '../../src/core/observation';
import { parseTrace, type IndexedObservation } from '../../src/core/traceFormat';

/** The coach's three targets on every recorded trace, and on the whole corpus as one long day. */
const fixtures = path.resolve(__dirname, '../../../test/fixtures');
const files = [path.join(fixtures, 'sample-traces'), path.join(fixtures, 'corpus', 'tune'), path.join(fixtures, 'corpus', 'holdout')].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && !f.endsWith('.sources.jsonl'))
    .sort()
    .map((f) => path.join(dir, f)),
);
const traces = files.map((file) => ({ file, trace: parseTrace(readFileSync(file, 'utf8'), file) }));
const START = Date.UTC(2026, 10, 23, 8);

/**
 * All traces one after another in one day, 30 s apart, documents renamed apart, and (with
 * `commitEach`) a commit added at the end of each session: a long, busy, commit-heavy day.
 */
function chainedDay(commitEach: boolean): IndexedObservation[] {
  const out: IndexedObservation[] = [];
  let offset = 0;
  traces.forEach(({ trace }, k) => {
    let last = 0;
    for (const { observation: o } of trace.observations) {
      const moved = { ...o, t: o.t + offset } as Observation & { doc?: string | null; docs?: readonly string[] };
      if (typeof moved.doc === 'string') moved.doc = `s${k}.${moved.doc}`;
      if (moved.type === 'agent.checkpoint' && moved.docs !== undefined) (moved as { docs?: readonly string[] }).docs = moved.docs.map((d) => `s${k}.${d}`);
      out.push({ i: out.length, line: 0, observation: moved });
      last = moved.t;
    }
    if (commitEach) out.push({ i: out.length, line: 0, observation: { t: last + 10_000, type: 'git', head: `c${k}`, branch: 'main', op: 'commit' } });
    offset = last + 30_000;
  });
  return out;
}

describe('the coach on recorded traces', () => {
  it(`has traces to check (${traces.length})`, () => assert.ok(traces.length >= 60));

  for (const { file, trace } of traces) {
    it(`${path.basename(file)}: no nudge within 2 s of typing, none over budget, every unrun commit hinted`, () => {
      const result = replayCoach(trace.observations, { startEpochMs: START, local: UTC_TIME });
      const t = checkTargets(trace.observations, result, UTC_TIME);
      assert.equal(t.nudgesAfterTyping, 0);
      assert.equal(t.daysOverBudget, 0);
      assert.equal(t.missed, 0);
    });
  }

  const presets: [string, Partial<CoachSettings>][] = [
    ['quiet', { preset: 'quiet' }],
    ['standard', {}],
    ['learner', { preset: 'learner' }],
    ['learner with a budget of 200', { preset: 'learner', dailyBudget: 200 }],
  ];
  for (const [name, over] of presets) {
    it(`the whole corpus as one day with a commit after each session (${name}): the three targets hold`, () => {
      const day = chainedDay(true);
      const result = replayCoach(day, { startEpochMs: START, local: UTC_TIME, settings: { ...DEFAULT_COACH_SETTINGS, ...over } });
      const t = checkTargets(day, result, UTC_TIME);
      if (process.env.COACH_PRINT) console.log(name, JSON.stringify(t), JSON.stringify(result.nudges.map((n) => n.kind)));
      assert.equal(t.nudgesAfterTyping, 0);
      assert.equal(t.daysOverBudget, 0);
      assert.equal(t.missed, 0, JSON.stringify(t));
      assert.ok(t.committedUnrunBursts > 10, JSON.stringify(t));
      // Nobody answers the nudges here, so nothing silences the hint: every unrun committed burst gets it.
      assert.deepEqual([t.hinted, t.silenced], [t.committedUnrunBursts, 0], JSON.stringify(t));
      const budgeted = result.nudges.filter((n) => n.kind !== 'unrunAtCommit').length;
      assert.ok(budgeted <= result.coach.settings.dailyBudget, `${budgeted} budgeted nudges`);
    });
  }
});
