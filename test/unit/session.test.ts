import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_COACH_SETTINGS, emptyState } from '../../src/core/coach/policy';
import { UTC_TIME } from '../../src/core/attribution/replay';
import { replaySession } from '../../src/core/replay';
import { Session, type SessionOutput } from '../../src/core/session';
import type { SessionStart } from '../../src/core/sessionInput';
import { parseTrace, type IndexedObservation } from '../../src/core/traceFormat';

const fixtures = path.resolve(__dirname, '../../../test/fixtures');
const files = [path.join(fixtures, 'sample-traces'), path.join(fixtures, 'corpus', 'tune'), path.join(fixtures, 'corpus', 'holdout')].flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl') && !f.endsWith('.sources.jsonl'))
    .sort()
    .map((f) => path.join(dir, f)),
);
const START = Date.UTC(2026, 10, 23, 8);
const BASE: SessionStart = { t: 0, type: 'session.start', settings: { coach: { ...DEFAULT_COACH_SETTINGS, preset: 'learner' }, aiCommands: [] }, coachState: emptyState() };

/** Deterministic pseudo-random numbers (tests may not depend on Math.random). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** Runs a trace as the extension does: inputs as they come, and a clock that ticks at `ticks(from, to)` in between. */
function runWithTicks(inputs: readonly IndexedObservation[], ticks: (from: number, to: number) => number[], tail = 20 * 60_000): SessionOutput[] {
  const outputs: SessionOutput[] = [];
  const session = new Session({ startEpochMs: START, local: UTC_TIME, start: BASE, onOutput: (o) => outputs.push(o) });
  let last = 0;
  for (const { i, observation } of inputs) {
    for (const t of ticks(last, observation.t)) session.advance(t);
    session.input(observation, i);
    last = observation.t;
  }
  for (const t of ticks(last, last + tail)) session.advance(t);
  session.end(last + tail, true);
  return outputs;
}

describe('Session: one pipeline whose outputs depend on its inputs only', () => {
  it('gives the same outputs, in the same order, whether the clock ticks never, every 250 ms or at random (every recorded trace)', function () {
    this.timeout(120_000);
    let compared = 0;
    let outputsSeen = 0;
    for (const [k, file] of files.entries()) {
      const inputs = parseTrace(readFileSync(file, 'utf8'), file).observations;
      const never = runWithTicks(inputs, () => []);
      const steady = runWithTicks(inputs, (from, to) => {
        const out: number[] = [];
        for (let t = Math.ceil((from + 1) / 250) * 250; t < to; t += 250) out.push(t);
        return out;
      });
      const next = rng(k + 1);
      const random = runWithTicks(inputs, (from, to) => {
        const out: number[] = [];
        for (let t = from + next() * 3000; t < to; t += next() * 3000) out.push(Math.floor(t));
        return out;
      });
      assert.deepEqual(steady, never, `${path.basename(file)}: ticking every 250 ms changed the outputs`);
      assert.deepEqual(random, never, `${path.basename(file)}: ticking at random changed the outputs`);
      compared++;
      outputsSeen += never.length;
    }
    assert.ok(compared >= 50 && outputsSeen > 4000, `${compared} traces, ${outputsSeen} outputs`);
  });

  it('brings each output out by its own deadline when only the clock moves: nudges at their pause, attributions within a second, fates and minutes when due', function () {
    this.timeout(120_000);
    const TICK = 250;
    let checked = 0;
    let nudges = 0;
    for (const file of files) {
      const inputs = parseTrace(readFileSync(file, 'utf8'), file).observations;
      let clock = 0;
      const late: string[] = [];
      const session = new Session({
        startEpochMs: START,
        local: UTC_TIME,
        start: BASE,
        onOutput: (o) => {
          let due: number | undefined;
          if (o.kind === 'nudge') due = o.nudge.t;
          else if (o.kind === 'attribution') due = o.attribution.t + 1000;
          else if (o.kind === 'metric' && o.event.kind === 'fate') due = o.event.at - START;
          else if (o.kind === 'metric' && o.event.kind === 'edits') due = o.event.at - START + 60_000 + 1000; // a late attribution reopens its minute
          if (due === undefined) return;
          checked++;
          if (o.kind === 'nudge') nudges++;
          if (clock - due > TICK) late.push(`${o.kind} due at ${due} came out at ${clock}`);
        },
      });
      for (const { i, observation } of inputs) {
        for (; clock + TICK < observation.t; clock += TICK) session.advance(clock + TICK);
        clock = observation.t;
        session.input(observation, i);
      }
      const end = clock + 20 * 60_000;
      for (; clock + TICK <= end; clock += TICK) session.advance(clock + TICK);
      // What only the end of the stream brings out was not brought out by its deadline.
      clock = Infinity;
      session.end(end, false);
      assert.deepEqual(late, [], path.basename(file));
    }
    assert.ok(checked > 4000 && nudges >= 5, `${checked} outputs checked, ${nudges} nudges`);
  });

  it('is what replay gives: replaySession over a trace equals feeding the session by hand', () => {
    const file = files.find((f) => f.includes('typing-inline-accept'))!;
    const inputs = parseTrace(readFileSync(file, 'utf8'), file).observations;
    const byHand = runWithTicks(inputs, () => [], 0);
    const { outputs } = replaySession(inputs, { startEpochMs: START, local: UTC_TIME, coachSettings: BASE.settings.coach });
    assert.deepEqual(outputs, byHand);
    assert.ok(outputs.some((o) => o.kind === 'attribution') && outputs.some((o) => o.kind === 'metric'));
  });

  it('skips an input it cannot apply, says which, and goes on', () => {
    const outputs: SessionOutput[] = [];
    const session = new Session({ startEpochMs: START, local: UTC_TIME, start: BASE, onOutput: (o) => outputs.push(o) });
    session.input({ t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: 'abc' });
    session.input({ t: 10, type: 'doc.change', doc: 'd9', version: 2, reason: null, changes: [{ offset: 0, length: 0, text: 'x' }] });
    session.input({ t: 20, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 50, length: 0, text: 'x' }] });
    session.input({ t: 30, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 0, length: 2, text: 'x' }, { offset: 1, length: 1, text: 'y' }] });
    session.input({ t: 40, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 3, length: 0, text: 'd' }] });
    session.end(5000, false);
    const problems = outputs.filter((o) => o.kind === 'problem');
    assert.deepEqual(
      problems.map((p) => p.kind === 'problem' && p.i),
      [1, 2, 3],
    );
    assert.match(problems[0]!.kind === 'problem' ? problems[0]!.message : '', /never opened/);
    assert.match(problems[1]!.kind === 'problem' ? problems[1]!.message : '', /outside the text/);
    assert.match(problems[2]!.kind === 'problem' ? problems[2]!.message : '', /overlap/);
    assert.equal(session.text('d1')?.toString(), 'abcd');
    assert.deepEqual(
      outputs.flatMap((o) => (o.kind === 'attribution' ? [o.attribution.i] : [])),
      [4],
    );
  });
});
