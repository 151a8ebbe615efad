import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_COACH_SETTINGS, emptyState } from '../../src/core/coach/policy';
import { UTC_TIME } from '../../src/core/attribution/replay';
import { replaySession } from '../../src/core/replay';
import { Session, type SessionOutput } from '../../src/core/session';
import type { Exercise } from '../../src/core/exercises/packSchema';
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
  // Exact sources (the corpus was recorded with them): sure attributions, so the coach has nudges to time.
  const session = new Session({ startEpochMs: START, local: UTC_TIME, start: BASE, exactSources: true, onOutput: (o) => outputs.push(o) });
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
        exactSources: true,
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
    const { outputs } = replaySession(inputs, { startEpochMs: START, local: UTC_TIME, coachSettings: BASE.settings.coach, exactSources: true });
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

  it('reports the exercise\'s new step when it moves at a deadline (an attribution settling), not only after an input', async () => {
    const { readFileSync: read } = await import('node:fs');
    const pack = JSON.parse(read(path.resolve(__dirname, '../../../media/packs/habits.deliberate-pack.json'), 'utf8')) as { id: string; exercises: Exercise[] };
    const exercise = pack.exercises.find((e) => e.id === 'test-agent-change') as Exercise;
    const outputs: SessionOutput[] = [];
    const session = new Session({ startEpochMs: START, local: UTC_TIME, start: BASE, onOutput: (o) => outputs.push(o) });
    const text = 'export const rate = 1;\n';
    session.input({ t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text, path: 'src/v.ts' });
    session.input({ t: 500, type: 'exercise.start', pack: pack.id, exercise });
    session.input({ t: 600, type: 'agent.checkpoint', agent: 'test-agent', phase: 'pre', docs: ['d1'] });
    session.input({ t: 2100, type: 'fs', doc: 'd1', change: 'changed' });
    session.input({ t: 2150, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: text.length, length: 0, text: '\nexport const twice = 2 * rate;\n' }] });
    const steps = () => outputs.flatMap((o) => (o.kind === 'exercise' && o.exercise !== null ? [o.exercise.current] : []));
    assert.deepEqual(steps(), [0]);
    session.advance(4000); // only the clock moves: the change settles as the agent's, and the step is done
    assert.deepEqual(steps(), [0, 1]);
  });

  it('coaches only on sure AI: an insertion the classifier only suspects is "possibly AI", with no fate, no mark and no nudge', () => {
    const run = (withAcceptKey: boolean) => {
      const outputs: SessionOutput[] = [];
      const session = new Session({ startEpochMs: START, local: UTC_TIME, start: BASE, onOutput: (o) => outputs.push(o) });
      const prefix = 'export function mean(xs: number[]): number {\n  ';
      const suggestion = 'return xs.reduce((a, b) => a + b, 0) / xs.length;\n  // and more lines of it\n'.repeat(25); // 50 lines: a large burst for the learner preset
      session.input({ t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: `${prefix}\n}\n` });
      session.input({ t: 0, type: 'editor.active', doc: 'd1' });
      session.input({ t: 100, type: 'editor.selection', doc: 'd1', selections: [{ anchor: prefix.length, active: prefix.length }], kind: 'keyboard' });
      if (withAcceptKey) session.input({ t: 3000, type: 'editor.command', command: 'editor.action.inlineSuggest.commit', doc: 'd1' });
      session.input({ t: 3010, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: prefix.length, length: 0, text: suggestion }] });
      session.input({ t: 3020, type: 'editor.selection', doc: 'd1', selections: [{ anchor: prefix.length + suggestion.length, active: prefix.length + suggestion.length }], kind: null });
      session.input({ t: 9000, type: 'doc.save', doc: 'd1' });
      session.end(20_000, true);
      const attribution = outputs.flatMap((o) => (o.kind === 'attribution' ? [o.attribution] : []))[0]!;
      const edits = outputs.flatMap((o) => (o.kind === 'metric' && o.event.kind === 'edits' ? [o.event] : []));
      return {
        label: attribution.label,
        sure: attribution.confidence >= 0.85,
        fates: session.fates().length,
        live: session.coach.signals.allLive().length,
        aiEdits: outputs.filter((o) => o.kind === 'metric' && o.event.kind === 'aiEdit').length,
        possiblyAi: edits.reduce((n, e) => n + (e.possiblyAi ?? 0), 0),
        nudges: outputs.filter((o) => o.kind === 'nudge').length,
      };
    };
    const suspected = run(false);
    assert.deepEqual(suspected, { label: 'ai.inline', sure: false, fates: 0, live: 0, aiEdits: 0, possiblyAi: suspected.possiblyAi, nudges: 0 });
    assert.ok(suspected.possiblyAi > 100);
    const sure = run(true);
    assert.deepEqual({ ...sure, nudges: sure.nudges > 0 }, { label: 'ai.inline', sure: true, fates: 1, live: 1, aiEdits: 1, possiblyAi: 0, nudges: true });
  });

  describe('AI agents writing files no editor has open', () => {
    function harness() {
      const outputs: SessionOutput[] = [];
      const session = new Session({ startEpochMs: START, local: UTC_TIME, start: BASE, onOutput: (o) => outputs.push(o) });
      const needed = () => outputs.flatMap((o) => (o.kind === 'fileNeeded' ? [`${o.version}:${o.path}`] : []));
      return { session, outputs, needed };
    }
    const BEFORE = 'export const a = 1;\nexport const b = 2;\n';
    const AFTER = 'export const a = 1;\nexport function twice(x: number): number {\n  return 2 * x;\n}\nexport const b = 2;\n';

    it('follows what a command-line agent wrote into a closed file, from the text it had when closed; hand edits after it opens count', () => {
      const { session, outputs, needed } = harness();
      session.input({ t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: BEFORE, path: 'src/a.ts' });
      session.input({ t: 1000, type: 'doc.close', doc: 'd1' });
      session.input({ t: 2000, type: 'terminal.exec', phase: 'start', commandLine: 'claude -p "add twice"' });
      session.input({ t: 5000, type: 'fs', path: 'src/a.ts', change: 'created' }); // an atomic write reads as created
      assert.deepEqual(needed(), ['disk:src/a.ts']);
      session.input({ t: 5100, type: 'file.content', path: 'src/a.ts', doc: 'd1', version: 'disk', text: AFTER });
      const [fate] = session.fates();
      const added = 'export function twice(x: number): number {\n  return 2 * x;\n}\n';
      assert.deepEqual([fate!.label, fate!.originalChars, fate!.doc], ['ai.agent', added.length, 'd1']);
      assert.ok(outputs.some((o) => o.kind === 'metric' && o.event.kind === 'aiEdit' && o.event.assistant === 'agent' && o.event.chars === added.length));
      // The person opens the file and rewrites the body: the fate follows.
      session.input({ t: 60_000, type: 'doc.open', doc: 'd1', lang: 'ts', text: AFTER, path: 'src/a.ts' });
      const at = AFTER.indexOf('2 * x');
      session.input({ t: 61_000, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: at, length: 5, text: 'x + x' }] });
      session.end(70_000, false);
      const after = session.fates()[0]!;
      assert.deepEqual([after.atEnd, after.outcome, after.lost], [added.length - 5, 'revised', 0]);
    });

    it('takes a file an agent creates (its hook said so before writing) as the agent\'s, whole', () => {
      const { session, needed } = harness();
      session.input({ t: 1000, type: 'agent.checkpoint', agent: 'claude-code', phase: 'pre', paths: ['src/new.ts'] });
      assert.deepEqual(needed(), ['before:src/new.ts']);
      session.input({ t: 1100, type: 'file.content', path: 'src/new.ts', doc: 'd2', version: 'before', text: null });
      session.input({ t: 1500, type: 'fs', path: 'src/new.ts', change: 'created' });
      session.input({ t: 1600, type: 'file.content', path: 'src/new.ts', doc: 'd2', version: 'disk', text: AFTER });
      assert.deepEqual(session.fates().map((f) => [f.doc, f.originalChars]), [['d2', AFTER.length]]);
    });

    it('claims nothing for a file it never saw when git cannot say what it was, and diffs against HEAD when it can', () => {
      const { session, needed } = harness();
      session.input({ t: 0, type: 'terminal.exec', phase: 'start', commandLine: 'codex exec "edit"' });
      session.input({ t: 1000, type: 'fs', path: 'src/x.ts', change: 'changed' });
      session.input({ t: 1100, type: 'file.content', path: 'src/x.ts', doc: 'd3', version: 'disk', text: AFTER });
      assert.deepEqual(needed(), ['disk:src/x.ts', 'head:src/x.ts']);
      session.input({ t: 1200, type: 'file.content', path: 'src/x.ts', doc: 'd3', version: 'head', text: null });
      assert.equal(session.fates().length, 0, 'no base to compare with: nothing is claimed as AI');
      session.input({ t: 2000, type: 'fs', path: 'src/y.ts', change: 'changed' });
      session.input({ t: 2100, type: 'file.content', path: 'src/y.ts', doc: 'd4', version: 'disk', text: AFTER });
      session.input({ t: 2200, type: 'file.content', path: 'src/y.ts', doc: 'd4', version: 'head', text: BEFORE });
      assert.deepEqual(session.fates().map((f) => [f.doc, f.originalChars]), [['d4', AFTER.length - BEFORE.length]]);
    });

    it('asks nothing when no agent is at work (the person or a build wrote the file)', () => {
      const { session, needed } = harness();
      session.input({ t: 0, type: 'terminal.exec', phase: 'start', commandLine: 'npm run build' });
      session.input({ t: 1000, type: 'fs', path: 'src/a.ts', change: 'changed' });
      assert.deepEqual(needed(), []);
    });
  });
});
