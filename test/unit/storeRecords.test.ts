import * as assert from 'node:assert/strict';
import type { MetricEvent } from '../../src/core/metrics';
import { Compaction, countedUpTo, decodeRollupFile, emptyRollupFile, parseSegmentName, readFrom, segmentName } from '../../src/core/store/compaction';
import { addDays, fixedOffsetCalendar, weekStart } from '../../src/core/store/days';
import { RollupIndex, rangeSpan } from '../../src/core/store/queries';
import { decodeRecord, decodeSegment, decodeText, encodeRecord, STORE_SCHEMA_VERSION } from '../../src/core/store/records';
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
  const enc = new TextEncoder();
  const at = (day: string, h: number) => Date.parse(`${day}T${String(h).padStart(2, '0')}:00:00Z`);
  const ev = (day: string, h: number): MetricEvent => ({ kind: 'run', at: at(day, h), run: 'test', ok: true, coveredAiEdits: 0 });
  const segment = (events: MetricEvent[]) => enc.encode(events.map(encodeRecord).join(''));

  it('names segments by day, writer and sequence, and still reads names without a sequence', () => {
    assert.equal(segmentName('2026-11-21', '12_ab', 3), '2026-11-21-12_ab.3.jsonl');
    assert.deepEqual(parseSegmentName('2026-11-21-12_ab.3.jsonl'), { day: '2026-11-21', writerId: '12_ab', seq: 3 });
    assert.deepEqual(parseSegmentName('2026-11-21-12_ab.jsonl'), { day: '2026-11-21', writerId: '12_ab', seq: 0 });
    assert.equal(parseSegmentName('2026-02-30-a.1.jsonl'), undefined);
    assert.equal(parseSegmentName('notes.txt'), undefined);
  });

  it('folds by position: what a segment gains after a fold is counted once, whichever day its events fall on', () => {
    const first = segment([ev('2026-11-19', 10), ev('2026-11-20', 10)]);
    const c1 = new Compaction(emptyRollupFile());
    const d1 = decodeSegment(first, 0, 's', 1, false);
    c1.fold('s', d1.events, d1.end, d1.lines, false, utc);
    const file1 = decodeRollupFile(c1.write(), 'rollups.jsonl');
    assert.equal(file1.damaged, false);
    assert.deepEqual(file1.folded.get('s'), { bytes: first.length, lines: 2, sealed: false });
    // The writer's clock moved back: it appends an event of the 19th after the fold.
    const grown = new Uint8Array([...first, ...segment([ev('2026-11-19', 12)])]);
    const tail = decodeSegment(grown.subarray(first.length), first.length, 's', 3, false);
    assert.equal(tail.events.length, 1);
    assert.equal(countedUpTo(file1, '2026-11-19', 's'), first.length);
    assert.ok(tail.events[0]!.pos >= countedUpTo(file1, '2026-11-19', 's'), 'not counted yet, so the reader counts it raw');
    const c2 = new Compaction(file1);
    c2.fold('s', tail.events, tail.end, 3, true, utc);
    const file2 = decodeRollupFile(c2.write(), 'rollups.jsonl');
    assert.deepEqual([file2.days.get('2026-11-19')?.runs.test, file2.days.get('2026-11-20')?.runs.test], [2, 1]);
    // Re-folding everything from the start (the slow path after damage) adds nothing twice.
    const c3 = new Compaction(file2);
    const all = decodeSegment(grown, 0, 's', 1, true);
    c3.fold('s', all.events, all.end, all.lines, true, utc);
    assert.deepEqual([c3.days.get('2026-11-19')?.runs.test, c3.days.get('2026-11-20')?.runs.test], [2, 1]);
  });

  it('expires a segment only once sealed and fully folded in the file it read, and past retention', () => {
    const old = segment([ev('2026-08-01', 10)]);
    const names = ['2026-08-01-a.1.jsonl', '2026-08-02-b.1.jsonl', '2026-11-13-a.2.jsonl'];
    const c1 = new Compaction(emptyRollupFile());
    for (const n of names) c1.fold(n, decodeSegment(old, 0, n, 1, true).events, old.length, 1, n !== '2026-08-02-b.1.jsonl', utc);
    assert.deepEqual(c1.expire('2026-11-21', 90), [], 'nothing was sealed in the file it read');
    const f1 = decodeRollupFile(c1.write(), 'r');
    const c2 = new Compaction(f1);
    for (const n of names) c2.keep(n);
    assert.deepEqual(c2.expire('2026-11-21', 90), ['2026-08-01-a.1.jsonl'], 'b is not sealed: its writer may still append');
    // Retention below the floor is raised to seven days.
    assert.deepEqual(c2.expire('2026-11-21', 1), ['2026-08-01-a.1.jsonl', '2026-11-13-a.2.jsonl']);
    // Entries of segments gone from disk are dropped.
    const c3 = new Compaction(decodeRollupFile(c2.write(), 'r'));
    c3.prune(new Set(['2026-11-13-a.2.jsonl']));
    c3.keep('2026-11-13-a.2.jsonl');
    const f3 = decodeRollupFile(c3.write(), 'r');
    assert.equal(f3.damaged, false);
    assert.deepEqual([...f3.folded.keys()], ['2026-11-13-a.2.jsonl']);
    assert.deepEqual([...f3.sources.get('2026-08-01')!.keys()], ['2026-11-13-a.2.jsonl']);
  });

  it('writes and reads rollups.jsonl with checksums; any damaged line is reported and makes readers take the exact slow path', () => {
    const r = emptyRollup('2026-11-20');
    r.events = 3;
    const c = new Compaction(emptyRollupFile());
    c.days.set(r.day, r);
    c.days.set('2026-11-19', emptyRollup('2026-11-19'));
    const text = c.write();
    const back = decodeRollupFile(text, 'rollups.jsonl');
    assert.equal(back.damaged, false);
    assert.equal(back.days.get('2026-11-20')?.events, 3);
    const cases: [string, (lines: string[]) => void][] = [
      ['not JSON', (l) => (l[1] = l[1]!.slice(0, 30))],
      ['checksum', (l) => (l[2] = l[2]!.replace('"events":3', '"events":4'))],
      ['checksum', (l) => (l[0] = l[0]!.replace('"folded":{}', '"folded":{"x":[1,1,1]}'))],
      ['second line', (l) => l.splice(1, 0, l[1]!)],
      ['no manifest', (l) => l.shift()],
    ];
    for (const [reason, damage] of cases) {
      const lines = text.split('\n');
      damage(lines);
      const d = decodeRollupFile(lines.join('\n'), 'rollups.jsonl');
      assert.equal(d.damaged, true, reason);
      assert.ok(d.problems.length >= 1, reason);
      assert.match(d.problems.map((p) => p.reason).join(' '), new RegExp(reason === 'not JSON' ? 'not JSON' : reason === 'checksum' ? 'checksum' : reason), reason);
    }
    assert.equal(decodeRollupFile('', 'rollups.jsonl').damaged, true, 'an emptied file');
  });

  it('reads a format-1 file (segments folded whole, no checksums) as it was meant', () => {
    const day = { v: 1, type: 'day', ...emptyRollup('2026-11-20'), events: 2 };
    const text = [JSON.stringify({ v: 1, type: 'manifest', segments: ['2026-11-20-a.jsonl'] }), JSON.stringify(day)].join('\n') + '\n';
    const f = decodeRollupFile(text, 'r');
    assert.equal(f.damaged, false);
    assert.equal(f.days.get('2026-11-20')?.events, 2);
    assert.equal(countedUpTo(f, '2026-11-20', '2026-11-20-a.jsonl'), Number.POSITIVE_INFINITY);
    const c = new Compaction(f);
    c.keep('2026-11-20-a.jsonl');
    const again = decodeRollupFile(c.write(), 'r');
    assert.equal(again.damaged, false);
    assert.equal(again.folded.get('2026-11-20-a.jsonl')?.bytes, Number.POSITIVE_INFINITY);
    // Damage elsewhere in a format-1 file does not make its whole segments count again.
    const damaged = decodeRollupFile(text + 'garbage\n', 'r');
    assert.equal(damaged.damaged, true);
    assert.equal(readFrom(damaged, '2026-11-20-a.jsonl'), undefined);
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
