import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileStore } from '../../src/adapters/fileStore';
import type { MetricEvent } from '../../src/core/metrics';
import { addDays, fixedOffsetCalendar } from '../../src/core/store/days';
import { RollupIndex } from '../../src/core/store/queries';
import { runJob } from '../support/storeAudit';

const utc = fixedOffsetCalendar(0);
const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 1, 9, 0, 0);

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'deliberate-store-'));
}

function makeStore(dir: string, now: { t: number }, warnings: string[] = [], retentionDays = 90): FileStore {
  return new FileStore({ dir, clock: { now: () => now.t }, calendar: utc, log: { info: () => undefined, warn: (m) => warnings.push(m) }, retentionDays: () => retentionDays });
}

const edit = (at: number, human: number): MetricEvent => ({ kind: 'edits', at, human, ai: { inline: 0, chat: 0, agent: 0 }, tool: 0 });

describe('metric store on disk', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const dir = (): string => {
    const d = tempDir();
    dirs.push(d);
    return d;
  };
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('keeps every record when several writer processes append and compact at once', async () => {
    const store = dir();
    const WRITERS = 6;
    const EACH = 1500;
    const epoch = Date.now();
    // One virtual day every 150 ms of real time: segments close and compactions run while others write.
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, w) =>
        runJob({ dir: store, ids: Array.from({ length: EACH }, (_, i) => (w + 1) * 1_000_000 + i), startAt: START, epoch, msPerDay: 150, compactEvery: 150, pauseMs: 5 }),
      ),
    );
    for (const r of results) assert.ok(r.done, r.stderr);
    const reports = results.map((r) => r.done!);
    assert.deepEqual(
      reports.map((r) => r.failed),
      Array(WRITERS).fill(0),
    );
    assert.deepEqual(
      reports.flatMap((r) => r.problems),
      [],
    );

    assert.ok(reports.reduce((n, r) => n + r.compactions, 0) > 0, 'some compactions ran while others wrote');
    const warnings: string[] = [];
    const now = { t: START + 30 * DAY };
    const reader = makeStore(store, now, warnings);
    const check = async (): Promise<void> => {
      const raw = await reader.rawEvents();
      assert.equal(raw.problems.length, 0);
      assert.equal(raw.events.length, WRITERS * EACH);
      const seen = new Set(raw.events.map((e) => (e.kind === 'edits' ? e.human : -1)));
      for (let w = 1; w <= WRITERS; w++) for (let i = 0; i < EACH; i++) assert.ok(seen.has(w * 1_000_000 + i), `record ${i} of writer ${w} is missing`);
      const { days } = await reader.rollups();
      const total = new RollupIndex(days.values()).sum({ from: '2000-01-01', to: '2100-01-01' });
      assert.equal(total.events, WRITERS * EACH);
      assert.equal(total.chars.ai.inline, WRITERS * EACH);
      let expectedHuman = 0;
      for (let w = 1; w <= WRITERS; w++) for (let i = 0; i < EACH; i++) expectedHuman += w * 1_000_000 + i;
      assert.equal(total.chars.human, expectedHuman);
    };
    await check();
    assert.ok(readdirSync(path.join(store, 'events')).length > WRITERS, 'writers crossed days, so there are several segments each');
    // Fold everything into rollups; the totals must not change.
    const report = await reader.compact();
    assert.ok(report !== undefined);
    await check();
    assert.ok(existsSync(path.join(store, 'rollups.jsonl')));
    assert.deepEqual(warnings, []);
  });

  it('skips a torn last record after a crash, reports it with file and line, and the next writer carries on', async () => {
    const d = dir();
    const now = { t: START };
    const first = makeStore(d, now);
    for (let i = 0; i < 10; i++) assert.ok(first.append(edit(START + i, i)));
    const [segment] = readdirSync(path.join(d, 'events'));
    const file = path.join(d, 'events', segment!);
    // Cut the last record in the middle, as a crash mid-write would.
    truncateSync(file, statSync(file).size - 20);
    const warnings: string[] = [];
    const second = makeStore(d, now, warnings);
    assert.ok(second.append(edit(START + 100, 100)));
    now.t += 2 * DAY;
    const raw = await second.rawEvents();
    assert.equal(raw.events.length, 10, 'nine before the tear and the new writer\'s one');
    assert.equal(raw.problems.length, 1);
    assert.equal(raw.problems[0]!.problem, 'torn');
    assert.equal(raw.problems[0]!.line, 10);
    assert.equal(raw.problems[0]!.file, file);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, new RegExp(`${segment!.replace(/\./g, '\\.')}:10: skipped a torn record`));
    // Compaction folds the nine and the one; the torn line is still not counted.
    now.t += 3 * DAY;
    await second.compact();
    const total = new RollupIndex((await second.rollups()).days.values()).sum({ from: '2000-01-01', to: '2100-01-01' });
    assert.equal(total.events, 10);
  });

  it('skips, counts and reports a corrupt line and keeps everything around it', async () => {
    const d = dir();
    const now = { t: START };
    const warnings: string[] = [];
    const store = makeStore(d, now, warnings);
    store.append(edit(START, 1));
    const file = path.join(d, 'events', readdirSync(path.join(d, 'events'))[0]!);
    appendFileSync(file, '{"v":1,"kind":"edits","at":"yesterday"}\n\u0000\u0000garbage\n');
    store.append(edit(START + 1, 2));
    const r = await store.rollups();
    assert.equal(r.days.get('2026-11-01')?.events, 2);
    assert.deepEqual(
      r.problems.map((p) => [p.problem, p.line]),
      [
        ['corrupt', 2],
        ['corrupt', 3],
      ],
    );
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /:2: skipped a corrupt record: at:/);
    // Reported once, however often the view reads.
    await store.rollups();
    assert.equal(warnings.length, 2);
  });

  it('refuses to write an invalid event rather than store what it cannot read back', () => {
    const d = dir();
    const warnings: string[] = [];
    const store = makeStore(d, { t: START }, warnings);
    assert.equal(store.append({ kind: 'commit', at: START, aiEdits: -3, aiEditsRun: 0, aiChars: 0 }), false);
    assert.equal(existsSync(path.join(d, 'events')), false);
    assert.match(warnings[0]!, /refused an invalid commit event/);
  });

  it('compacts old days, expires raw events past retention and keeps the rollups', async () => {
    const d = dir();
    const now = { t: START };
    const store = makeStore(d, now, [], 7);
    for (let day = 0; day < 20; day++) {
      now.t = START + day * DAY;
      store.append(edit(now.t, 10));
      store.append({ kind: 'commit', at: now.t, aiEdits: 2, aiEditsRun: 2, aiChars: 100 });
    }
    const report = await store.compact();
    // Today is day 19: every segment is folded (today's too: by position, so it may grow); none
    // was sealed in the file before, so none expires yet.
    assert.deepEqual(report && [report.compacted, report.expired], [20, 0]);
    const second = await store.compact();
    // Now sealed and folded in a durable file: raw days older than 7 days (0..11) go.
    assert.deepEqual(second && [second.compacted, second.expired], [0, 12]);
    assert.equal(readdirSync(path.join(d, 'events')).length, 8);
    const { days } = await store.rollups();
    assert.equal(days.size, 20);
    const total = new RollupIndex(days.values()).sum({ from: '2000-01-01', to: '2100-01-01' });
    assert.equal(total.commits.count, 20);
    assert.equal(total.chars.human, 200);
    assert.equal((await store.rawEvents()).events.length, 16);
    const manifest = () => JSON.parse(readFileSync(path.join(d, 'rollups.jsonl'), 'utf8').split('\n')[0]!);
    assert.equal(manifest().type, 'manifest');
    assert.equal(Object.keys(manifest().folded).length, 20, 'segments deleted after the file was written are still named...');
    now.t += DAY;
    await store.compact();
    assert.equal(Object.keys(manifest().folded).length, 8, '...until the next compaction (which expired one more day)');
    assert.equal(readdirSync(path.join(d, 'events')).length, 7);
    await store.compact();
    assert.equal(Object.keys(manifest().folded).length, 7);
    assert.equal(addDays('2026-11-01', 19), '2026-11-20');
  });

  it('leaves compaction to the holder of the lock, and takes over a lock whose holder died', async () => {
    const d = dir();
    const now = { t: START };
    const store = makeStore(d, now);
    store.append(edit(START, 1));
    now.t += 3 * DAY;
    writeFileSync(path.join(d, 'compaction.lock'), JSON.stringify({ pid: process.pid === 1 ? 2 : 1, host: 'another-host', at: now.t, writer: 'other' }));
    assert.equal(await store.compact(), undefined, 'a live lock on another host is respected');
    writeFileSync(path.join(d, 'compaction.lock'), JSON.stringify({ pid: 1, host: 'another-host', at: now.t - 10 * 60_000, writer: 'other' }));
    const report = await store.compact();
    assert.equal(report?.compacted, 1, 'a lock older than two minutes is stale');
    assert.equal(existsSync(path.join(d, 'compaction.lock')), false);
  });

  it('deletes everything it holds and reports what it deleted; writers carry on afterwards', async () => {
    const d = dir();
    const now = { t: START };
    const store = makeStore(d, now);
    writeFileSync(path.join(d, 'unrelated.txt'), 'not the store\'s');
    for (let i = 0; i < 5; i++) {
      now.t = START + i * DAY;
      store.append(edit(now.t, i));
    }
    now.t += 10 * DAY;
    await store.compact();
    const before = await store.size();
    const deleted = await store.deleteAll();
    assert.deepEqual(deleted, before);
    assert.ok(deleted.files >= 6);
    assert.equal((await store.rollups()).days.size, 0);
    assert.ok(existsSync(path.join(d, 'unrelated.txt')));
    assert.ok(store.append(edit(now.t, 1)));
    assert.equal((await store.rawEvents()).events.length, 1);
  });
});
