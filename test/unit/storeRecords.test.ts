import * as assert from 'node:assert/strict';
import type { MetricEvent } from '../../src/core/metrics';
import { decodeRollupFile, encodeRollupFile, planCompaction } from '../../src/core/store/compaction';
import { addDays, fixedOffsetCalendar, weekStart } from '../../src/core/store/days';
import { RollupIndex, rangeSpan } from '../../src/core/store/queries';
import { decodeRecord, decodeText, encodeRecord, STORE_SCHEMA_VERSION } from '../../src/core/store/records';
import { emptyRollup, mergeInto, rollUp } from '../../src/core/store/rollup';

const utc = fixedOffsetCalendar(0);
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);

const fate: MetricEvent = { kind: 'fate', at: T0, editAt: T0 - 60_000, assistant: 'chat', chars: 120, retained: 100, outcome: 'revised', revisedShare: 0.2, committed: true, ranBeforeCommit: true };

describe('store records', () => {
  it('round-trips every kind with its schema version', () => {
    const events: MetricEvent[] = [
      { kind: 'edits', at: T0, human: 10, ai: { inline: 1, chat: 2, agent: 3 }, tool: 4 },
      { kind: 'aiEdit', at: T0, assistant: 'agent', chars: 300, lines: 12 },
      fate,
      { kind: 'burst', at: T0, assistant: 'agent', chars: 900, lines: 40, files: 3 },
      { kind: 'run', at: T0, run: 'test', ok: false, coveredAiEdits: 2 },
      { kind: 'commit', at: T0, aiEdits: 3, aiEditsRun: 2, aiChars: 500 },
      { kind: 'habit', at: T0, habit: 'learn', signal: 'errorFixedByHand', direction: 1 },
      { kind: 'nudge', at: T0, nudge: 'bigBurst', action: 'acted' },
      { kind: 'exercise', at: T0, pack: 'basics', exercise: 'read-first', habit: 'learn', event: 'completed' },
    ];
    for (const e of events) {
      const line = encodeRecord(e);
      assert.ok(line.endsWith('\n'));
      assert.equal(JSON.parse(line).v, STORE_SCHEMA_VERSION);
      const d = decodeRecord(line.trimEnd(), 'f', 1);
      assert.ok(d.ok, JSON.stringify(d));
      assert.deepEqual(d.event, e);
      assert.equal(d.migratedFrom, null);
    }
  });

  it('migrates a version 0 record (the prototype shape) to the current contract', () => {
    const v0 = JSON.stringify({ type: 'fate', ts: '2026-11-20T10:00:00.000Z', source: 'copilot', chars: 50, retained: 0, result: 'reverted' });
    const d = decodeRecord(v0, 'old.jsonl', 3);
    assert.ok(d.ok, JSON.stringify(d));
    assert.equal(d.migratedFrom, 0);
    assert.deepEqual(d.event, { kind: 'fate', at: T0, editAt: T0, assistant: 'inline', chars: 50, retained: 0, outcome: 'undone', revisedShare: 1, committed: null, ranBeforeCommit: null });
    const aiEdit = decodeRecord(JSON.stringify({ v: 0, type: 'ai-edit', ts: T0, source: 'agent', chars: 9, lines: 1 }), 'old.jsonl', 4);
    assert.ok(aiEdit.ok);
    assert.deepEqual(aiEdit.event, { kind: 'aiEdit', at: T0, assistant: 'agent', chars: 9, lines: 1 });
  });

  it('names file and line for records it cannot read, and never throws', () => {
    const cases: [string, RegExp, string][] = [
      ['{"v":1,"kind":"edits"', /not JSON/, 'corrupt'],
      ['[1,2]', /not a JSON object/, 'corrupt'],
      ['{"v":1,"kind":"commit","at":1,"aiEdits":-1,"aiEditsRun":0,"aiChars":0}', /aiEdits/, 'corrupt'],
      ['{"v":1,"kind":"mystery","at":1}', /kind/, 'corrupt'],
      ['{"v":1,"kind":"aiEdit","at":1,"assistant":"chat","chars":1,"lines":1,"code":"secret()"}', /code|Unrecognized/i, 'corrupt'],
      ['{"v":99,"kind":"edits","at":1}', /newer Deliberate/, 'newer'],
    ];
    for (const [text, reason, problem] of cases) {
      const d = decodeRecord(text, 'seg.jsonl', 7);
      assert.equal(d.ok, false, text);
      if (!d.ok) {
        assert.equal(d.file, 'seg.jsonl');
        assert.equal(d.line, 7);
        assert.equal(d.problem, problem);
        assert.match(d.reason, reason);
      }
    }
  });

  it('skips a corrupt middle line and a torn last line, counting each with its line number', () => {
    const good = encodeRecord(fate);
    const text = good + 'garbage\n' + good + good.slice(0, 30);
    const d = decodeText(text, 'seg.jsonl', true);
    assert.equal(d.events.length, 2);
    assert.deepEqual(
      d.problems.map((p) => [p.problem, p.line]),
      [
        ['corrupt', 2],
        ['torn', 4],
      ],
    );
    // While a writer may still be appending, an unfinished last line is not reported.
    assert.equal(decodeText(text, 'seg.jsonl', false).problems.length, 1);
  });
});

describe('daily rollups and queries', () => {
  it('rolls events up by the local day, which depends on the time zone', () => {
    const lateEvening = Date.UTC(2026, 10, 20, 23, 30);
    const e: MetricEvent = { kind: 'aiEdit', at: lateEvening, assistant: 'inline', chars: 10, lines: 1 };
    assert.deepEqual([...rollUp([e], utc).keys()], ['2026-11-20']);
    assert.deepEqual([...rollUp([e], fixedOffsetCalendar(60)).keys()], ['2026-11-21']);
    assert.deepEqual([...rollUp([e], fixedOffsetCalendar(-600)).keys()], ['2026-11-20']);
  });

  it('adds up the same way in any grouping (so compaction cannot change a total)', () => {
    const events: MetricEvent[] = [];
    for (let i = 0; i < 200; i++) {
      const at = T0 + i * 3_600_000;
      events.push({ kind: 'burst', at, assistant: i % 2 ? 'chat' : 'agent', chars: i * 10, lines: i, files: 1 + (i % 3) });
      events.push({ kind: 'exercise', at, pack: 'p', exercise: `e${i % 4}`, habit: 'learn', event: i % 5 === 0 ? 'completed' : 'step' });
      events.push({ ...fate, at, committed: i % 3 === 0, ranBeforeCommit: i % 6 === 0 });
    }
    const whole = rollUp(events, utc);
    const a = rollUp(events.slice(0, 250), utc);
    const b = rollUp(events.slice(250), utc);
    for (const [day, r] of b) {
      const existing = a.get(day);
      if (existing) mergeInto(existing, r);
      else a.set(day, r);
    }
    assert.deepEqual([...a.entries()].sort(), [...whole.entries()].sort());
    const total = new RollupIndex(whole.values()).sum({ from: '2026-01-01', to: '2027-12-31' });
    assert.equal(total.bursts.count, 200);
    assert.equal(total.bursts.buckets.reduce((x, y) => x + y, 0), 200);
    assert.equal(total.fates.committed, 67);
    assert.equal(total.fates.committedRanFirst, 34);
    assert.deepEqual(total.exercises.completedIds.sort(), ['p/e0', 'p/e1', 'p/e2', 'p/e3']);
  });

  it('answers week, month and all-time ranges by the person\'s days', () => {
    const days = new Map<string, ReturnType<typeof emptyRollup>>();
    for (let i = 0; i < 100; i++) {
      const r = emptyRollup(addDays('2026-11-21', -i));
      r.commits.count = 1;
      days.set(r.day, r);
    }
    const index = new RollupIndex(days.values());
    assert.equal(index.sum(rangeSpan('week', '2026-11-21', index.firstDay)).commits.count, 7);
    assert.equal(index.sum(rangeSpan('month', '2026-11-21', index.firstDay)).commits.count, 30);
    assert.equal(index.sum(rangeSpan('all', '2026-11-21', index.firstDay)).commits.count, 100);
    assert.equal(weekStart('2026-11-21'), '2026-11-16');
  });
});

describe('compaction policy', () => {
  it('compacts closed segments only and expires raw segments past retention once folded', () => {
    const segs = ['2026-11-21-a.jsonl', '2026-11-20-a.jsonl', '2026-11-19-b.jsonl', '2026-08-01-a.jsonl', '2026-08-02-a.jsonl', 'notes.txt'];
    const plan = planCompaction(segs, new Set(['2026-08-01-a.jsonl']), '2026-11-21', 90);
    assert.deepEqual(plan.compact, ['2026-08-02-a.jsonl', '2026-11-19-b.jsonl']);
    // 2026-08-02 is past retention but not folded yet: it is compacted first, expired next time.
    assert.deepEqual(plan.expire, ['2026-08-01-a.jsonl']);
    // Retention below the floor is raised to seven days.
    assert.deepEqual(planCompaction(['2026-11-13-a.jsonl'], new Set(['2026-11-13-a.jsonl']), '2026-11-21', 1).expire, ['2026-11-13-a.jsonl']);
    assert.deepEqual(planCompaction(['2026-11-15-a.jsonl'], new Set(['2026-11-15-a.jsonl']), '2026-11-21', 1).expire, []);
  });

  it('writes and reads rollups.jsonl with its manifest; a damaged day line is reported, not fatal', () => {
    const r = emptyRollup('2026-11-20');
    r.events = 3;
    const text = encodeRollupFile(['2026-11-20-a.jsonl'], [r, emptyRollup('2026-11-19')]);
    const back = decodeRollupFile(text, 'rollups.jsonl');
    assert.deepEqual([...back.segments], ['2026-11-20-a.jsonl']);
    assert.equal(back.days.get('2026-11-20')?.events, 3);
    const damaged = text.split('\n');
    damaged[1] = damaged[1]!.replace('"events":0', '"events":"zero"');
    const d = decodeRollupFile(damaged.join('\n'), 'rollups.jsonl');
    assert.equal(d.days.size, 1);
    assert.equal(d.problems.length, 1);
    assert.equal(d.problems[0]!.line, 2);
  });
});

describe('fate and commit records from the fate tracker', () => {
  it('keeps lost fates and the hashes of commits holding AI edits, merged without duplicates; older rollups read with defaults', async () => {
    const { dayRollupSchema } = await import('../../src/core/store/rollup');
    const calendar = fixedOffsetCalendar(0);
    const at = Date.UTC(2026, 10, 20, 12);
    const events: MetricEvent[] = [
      { kind: 'commit', at, head: 'c0ffee1234', aiEdits: 2, aiEditsRun: 1, aiChars: 80 },
      { kind: 'fate', at, editAt: at - 1000, assistant: 'chat', chars: 40, retained: 0, outcome: 'lost', revisedShare: 1, committed: null, ranBeforeCommit: null },
    ];
    for (const e of events) assert.equal(decodeRecord(encodeRecord(e).trimEnd(), 'f', 1).ok, true, e.kind);
    assert.equal(decodeRecord(JSON.stringify({ v: STORE_SCHEMA_VERSION, ...events[0], head: 'not a hash' }), 'f', 1).ok, false);
    const a = rollUp(events, calendar).get('2026-11-20')!;
    const b = rollUp([events[0]!], calendar).get('2026-11-20')!;
    mergeInto(a, b);
    assert.deepEqual([a.fates.lost, a.commits.aiHeads, a.commits.withAi], [1, ['c0ffee1234'], 2]);
    const older = JSON.parse(JSON.stringify(emptyRollup('2026-01-01')));
    delete older.fates.lost;
    delete older.commits.aiHeads;
    const parsed = dayRollupSchema.parse(older);
    assert.deepEqual([parsed.fates.lost, parsed.commits.aiHeads], [0, []]);
  });
});
