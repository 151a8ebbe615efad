/**
 * The metric store under faults, on the real file system: kill -9 of writers and compactors at
 * random points and at every file system call, a full disk, clocks moving back and running
 * ahead, damaged manifest and day lines, locks of other hosts, leftover temporary files.
 * Target: no acknowledged record lost or counted twice.
 *
 * DELIBERATE_STORE_SOAK=1 (npm run soak:store) runs the random kills longer, every crash point,
 * and the full disk on a real small tmpfs when this process may mount one.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileStore, type StoreFileSystem } from '../../src/adapters/fileStore';
import type { MetricEvent } from '../../src/core/metrics';
import { addDays } from '../../src/core/store/days';
import { RollupIndex } from '../../src/core/store/queries';
import { faultyFileSystem } from '../support/faultyFs';
import { audit, runJob, totals, utc, type AuditCounts } from '../support/storeAudit';

const DAY = 86_400_000;
const START = Date.UTC(2026, 10, 1, 9, 0, 0);
const SOAK = process.env.DELIBERATE_STORE_SOAK === '1';
const ALL_TIME = { from: '2000-01-01', to: '2100-01-01' };

const edit = (at: number, human: number): MetricEvent => ({ kind: 'edits', at, human, ai: { inline: 1, chat: 0, agent: 0 }, tool: 0 });

function makeStore(dir: string, now: { t: number }, options: { warnings?: string[]; retentionDays?: number; fs?: StoreFileSystem } = {}): FileStore {
  return new FileStore({
    dir,
    clock: { now: () => now.t },
    calendar: utc,
    log: { info: () => undefined, warn: (m) => options.warnings?.push(m) },
    retentionDays: () => options.retentionDays ?? 90,
    ...(options.fs !== undefined ? { fs: options.fs } : {}),
  });
}

async function total(store: FileStore): Promise<{ events: number; human: number }> {
  const t = new RollupIndex((await store.rollups()).days.values()).sum(ALL_TIME);
  return { events: t.events, human: t.chars.human };
}

/** A seeded generator, so a failing run can be repeated from the seed in its message. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Suite-wide counts, reported at the end (README, "Your progress and your data"). */
const suite = { acknowledged: 0, lost: 0, doubled: 0, processesKilled: 0, crashPoints: 0 };
function add(c: AuditCounts): void {
  suite.acknowledged += c.acknowledged;
  suite.lost += c.lost;
  suite.doubled += c.doubled;
}

describe('metric store under faults', function () {
  this.timeout(SOAK ? 30 * 60_000 : 60_000);
  const dirs: string[] = [];
  const dir = (): string => {
    const d = mkdtempSync(path.join(tmpdir(), 'deliberate-faults-'));
    dirs.push(d);
    return d;
  };
  after(() => {
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
    process.stdout.write(
      `      store fault suite: ${suite.acknowledged} records acknowledged, ${suite.lost} lost, ${suite.doubled} counted twice; ${suite.processesKilled} processes killed with SIGKILL, ${suite.crashPoints} crash points\n`,
    );
  });

  describe('clock skew', () => {
    it('counts every acknowledged record when the clock moves back three days after a compaction', async () => {
      const d = dir();
      const now = { t: START };
      const store = makeStore(d, now);
      let id = 0;
      const write = (n: number) => {
        for (let i = 0; i < n; i++) assert.ok(store.append(edit(now.t, ++id)));
      };
      write(10);
      now.t = START + 3 * DAY;
      write(10);
      assert.ok(await store.compact());
      now.t = START; // the clock moves back three days
      write(5);
      assert.equal((await total(store)).events, 25);
      now.t = START + 4 * DAY;
      await store.compact();
      await store.compact();
      assert.deepEqual(await total(store), { events: 25, human: (25 * 26) / 2 });
      suite.acknowledged += 25;
    });

    it('loses nothing of a live writer when a compactor\'s clock runs 100 days ahead (and expires nothing it has not folded)', async () => {
      const d = dir();
      const writerNow = { t: START };
      const aheadNow = { t: START + 100 * DAY };
      const writer = makeStore(d, writerNow);
      const ahead = makeStore(d, aheadNow, { retentionDays: 7 });
      for (let i = 1; i <= 10; i++) assert.ok(writer.append(edit(writerNow.t, i)));
      await ahead.compact();
      for (let i = 11; i <= 20; i++) assert.ok(writer.append(edit(writerNow.t, i)));
      await ahead.compact();
      await ahead.compact();
      assert.deepEqual(await total(writer), { events: 20, human: 210 });
      assert.equal((await writer.rawEvents()).events.length, 20, 'the live segment was not expired');
      const counts = await audit(d, new Set(Array.from({ length: 20 }, (_, i) => i + 1)), new Set(), writerNow.t);
      assert.deepEqual([counts.lost, counts.doubled], [0, 0]);
      add(counts);
    });
  });

  describe('damaged rollups.jsonl', () => {
    /** 50 records on ten past days and one today, folded. */
    async function folded(): Promise<{ d: string; now: { t: number }; store: FileStore; warnings: string[] }> {
      const d = dir();
      const now = { t: START };
      const warnings: string[] = [];
      const store = makeStore(d, now, { warnings });
      for (let day = 0; day < 10; day++) {
        now.t = START + day * DAY;
        for (let i = 1; i <= 5; i++) assert.ok(store.append(edit(now.t, day * 5 + i)));
      }
      now.t = START + 13 * DAY;
      assert.ok(await store.compact());
      assert.ok(store.append(edit(now.t, 51)));
      return { d, now, store, warnings };
    }
    const rollupLines = (d: string) => readFileSync(path.join(d, 'rollups.jsonl'), 'utf8').split('\n');
    const writeLines = (d: string, lines: string[]) => writeFileSync(path.join(d, 'rollups.jsonl'), lines.join('\n'));
    const expected = { events: 51, human: (51 * 52) / 2 };

    it('a damaged manifest line neither doubles the count nor makes it permanent at the next compaction', async () => {
      const { d, store, warnings } = await folded();
      const lines = rollupLines(d);
      writeLines(d, [lines[0]!.slice(0, 40), ...lines.slice(1)]);
      assert.deepEqual(await total(store), expected);
      assert.ok(warnings.some((w) => /rollups\.jsonl:1: /.test(w)), warnings.join('\n'));
      await store.compact();
      assert.deepEqual(await total(store), expected);
      assert.equal((await store.rollups()).rebuilt, false, 'the compaction rebuilt a sound file');
      await store.compact();
      assert.deepEqual(await total(store), expected);
    });

    it('a manifest changed into other valid JSON naming no folded segment does not double the count', async () => {
      const { d, store } = await folded();
      const lines = rollupLines(d);
      const manifest = JSON.parse(lines[0]!);
      if (manifest.folded !== undefined) manifest.folded = {};
      if (manifest.segments !== undefined) manifest.segments = [];
      writeLines(d, [JSON.stringify(manifest), ...lines.slice(1)]);
      assert.deepEqual(await total(store), expected);
      await store.compact();
      assert.deepEqual(await total(store), expected);
    });

    it('a damaged day line does not make the next compaction drop that day: it is counted again from its raw segments', async () => {
      const { d, store, now } = await folded();
      const lines = rollupLines(d);
      const third = lines.findIndex((l) => l.includes(`"day":"${addDays('2026-11-01', 2)}"`));
      assert.ok(third > 0);
      lines[third] = lines[third]!.slice(0, 100);
      // And a number changed on another day: still valid JSON, caught by the checksum.
      const fifth = lines.findIndex((l) => l.includes(`"day":"${addDays('2026-11-01', 4)}"`));
      lines[fifth] = lines[fifth]!.replace('"events":5,', '"events":7,');
      writeLines(d, lines);
      assert.deepEqual(await total(store), expected);
      await store.compact();
      now.t += DAY;
      await store.compact();
      assert.deepEqual(await total(store), expected);
      const days = (await store.rollups()).days;
      assert.equal(days.get('2026-11-03')?.events, 5);
      assert.equal(days.get('2026-11-05')?.events, 5);
    });

    it('an emptied rollups file, a duplicated line and a file from a newer version lose and double nothing', async () => {
      const { d, store, warnings } = await folded();
      const lines = rollupLines(d);
      writeLines(d, []);
      assert.deepEqual(await total(store), expected);
      await store.compact();
      const again = rollupLines(d);
      writeLines(d, [...again.slice(0, 3), again[2]!, ...again.slice(3)]);
      assert.deepEqual(await total(store), expected);
      await store.compact();
      assert.deepEqual(await total(store), expected);
      const newer = lines.map((l) => l.replace('{"v":2,', '{"v":3,'));
      writeLines(d, newer);
      const report = await store.compact();
      assert.equal(report?.compacted, 0);
      assert.deepEqual(rollupLines(d), newer, 'a newer file is left as it is');
      assert.ok(warnings.some((w) => /newer Deliberate/.test(w)));
    });
  });

  describe('a full disk', () => {
    it('keeps a record whole or not at all, says which, and counts the first record after space is freed', async () => {
      const d = dir();
      const now = { t: START };
      const faulty = faultyFileSystem({ diskBytes: 2000 });
      const warnings: string[] = [];
      const store = makeStore(d, now, { fs: faulty, warnings });
      const acked = new Set<number>();
      let refused = 0;
      for (let id = 1; id <= 40; id++) {
        if (store.append(edit(now.t + id, id))) acked.add(id);
        else refused++;
      }
      assert.ok(refused > 0 && faulty.enospc > 0, 'the disk filled');
      assert.match(warnings[0]!, /could not write .*ENOSPC/);
      // Every segment ends at a line boundary: the cut-short write was taken back.
      for (const name of readdirSync(path.join(d, 'events'))) {
        const text = readFileSync(path.join(d, 'events', name), 'utf8');
        assert.ok(text === '' || text.endsWith('\n'), `${name} ends mid-line`);
      }
      faulty.free(100_000);
      for (let id = 41; id <= 45; id++) assert.ok(store.append(edit(now.t + id, id)), 'written once there is room');
      for (let id = 41; id <= 45; id++) acked.add(id);
      const counts = await audit(d, acked, new Set(), now.t);
      assert.deepEqual([counts.lost, counts.doubled, counts.phantom, counts.rawProblems], [0, 0, 0, 0]);
      add(counts);
    });

    it('a compaction on a full disk fails without harm and leaves no temporary file', async () => {
      const d = dir();
      const now = { t: START };
      const plain = makeStore(d, now);
      for (let day = 0; day < 5; day++) {
        now.t = START + day * DAY;
        for (let i = 1; i <= 20; i++) assert.ok(plain.append(edit(now.t, day * 20 + i)));
      }
      assert.ok(await plain.compact());
      now.t += 3 * DAY;
      assert.ok(plain.append(edit(now.t, 101)));
      const before = await totals(d, now.t);
      const faulty = faultyFileSystem({ diskBytes: 1200 });
      const full = makeStore(d, now, { fs: faulty });
      await assert.rejects(full.compact(), /ENOSPC/);
      assert.deepEqual(
        readdirSync(d).filter((n) => n !== 'events'),
        ['rollups.jsonl'],
        'no temporary file and no lock left behind',
      );
      assert.deepEqual(await totals(d, now.t), before);
      faulty.free(1_000_000);
      assert.ok(await full.compact());
      assert.deepEqual(await totals(d, now.t), before);
    });

    it('keeps the whole record glued after a line cut short (as a full disk left it before writes were taken back)', async () => {
      const d = dir();
      const now = { t: START };
      const warnings: string[] = [];
      const store = makeStore(d, now, { warnings });
      assert.ok(store.append(edit(now.t, 1)));
      const [name] = readdirSync(path.join(d, 'events'));
      const file = path.join(d, 'events', name!);
      const line = readFileSync(file, 'utf8');
      writeFileSync(file, line + line.slice(0, 25) + line.replace('"human":1', '"human":2'));
      now.t += 3 * DAY;
      const raw = await makeStore(d, now).rawEvents();
      assert.deepEqual(
        raw.events.map((e) => (e.kind === 'edits' ? e.human : -1)),
        [1, 2],
      );
      assert.deepEqual(
        raw.problems.map((p) => [p.problem, p.line]),
        [['torn', 2]],
      );
    });

    it('a writer whose segment was changed behind its back moves to a new one instead of appending after a partial line', async () => {
      const d = dir();
      const now = { t: START };
      const store = makeStore(d, now);
      assert.ok(store.append(edit(now.t, 1)));
      const [name] = readdirSync(path.join(d, 'events'));
      writeFileSync(path.join(d, 'events', name!), '{"v":1,"kind":"ed', { flag: 'a' });
      assert.ok(store.append(edit(now.t, 2)));
      assert.equal(readdirSync(path.join(d, 'events')).length, 2);
      const counts = await audit(d, new Set([1, 2]), new Set(), now.t + 3 * DAY);
      assert.deepEqual([counts.lost, counts.doubled], [0, 0]);
    });
  });

  const age = (file: string, ms: number) => utimesSync(file, new Date(Date.now() - ms), new Date(Date.now() - ms));

  describe('locks and leftovers', () => {
    async function withOneSegment(): Promise<{ d: string; store: FileStore; now: { t: number } }> {
      const d = dir();
      const now = { t: START };
      const store = makeStore(d, now);
      assert.ok(store.append(edit(now.t, 1)));
      now.t += 3 * DAY;
      return { d, store, now };
    }
    const lockFile = (d: string) => path.join(d, 'compaction.lock');

    it('an empty lock file blocks compaction for seconds, not minutes', async () => {
      const { d, store } = await withOneSegment();
      writeFileSync(lockFile(d), '');
      assert.equal(await store.compact(), undefined, 'a lock being written right now is respected');
      age(lockFile(d), 10_000);
      assert.ok(await store.compact(), 'an empty lock ten seconds old is stale');
      assert.equal(existsSync(lockFile(d)), false);
    });

    it('a lock another host dated in the future does not block for days', async () => {
      const { d, store, now } = await withOneSegment();
      writeFileSync(lockFile(d), JSON.stringify({ pid: 1, host: 'other-host', at: now.t + 3 * DAY, writer: 'x' }));
      assert.ok(await store.compact());
    });

    it('respects a fresh lock of another host, takes over an old one, and one whose holder on this host died', async () => {
      const { d, store, now } = await withOneSegment();
      writeFileSync(lockFile(d), JSON.stringify({ pid: 1, host: 'other-host', at: now.t - 30_000, writer: 'x' }));
      assert.equal(await store.compact(), undefined);
      writeFileSync(lockFile(d), JSON.stringify({ pid: 1, host: 'other-host', at: now.t - 3 * 60_000, writer: 'x' }));
      assert.ok(await store.compact());
      const dead = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
      writeFileSync(lockFile(d), JSON.stringify({ pid: dead, host: hostname(), at: now.t, writer: 'x' }));
      assert.ok(await store.compact());
      writeFileSync(lockFile(d), JSON.stringify({ pid: process.pid, host: hostname(), at: now.t, writer: 'y' }));
      assert.equal(await store.compact(), undefined, 'a live holder in this very process');
    });

    it('cleans temporary files left by compactions that died', async () => {
      const { d, store } = await withOneSegment();
      for (const n of ['rollups.jsonl.tmp-123_abc', 'compaction.lock.tmp-9_x', 'compaction.lock.stale-9_x']) {
        writeFileSync(path.join(d, n), 'partial');
        age(path.join(d, n), 10 * 60_000);
      }
      writeFileSync(path.join(d, 'rollups.jsonl.tmp-456_def'), 'being written now');
      assert.ok(await store.compact());
      assert.deepEqual(readdirSync(d).sort(), ['events', 'rollups.jsonl', 'rollups.jsonl.tmp-456_def']);
    });
  });

  describe('kill -9', () => {
    /** A store whose next compaction folds, seals and expires: 12 days of one writer and a live one. */
    async function storeToCompact(damaged: boolean): Promise<{ d: string; now: { t: number } }> {
      const d = dir();
      const now = { t: START };
      const past = makeStore(d, now, { retentionDays: 7 });
      for (let day = 0; day < 12; day++) {
        now.t = START + day * DAY;
        for (let i = 1; i <= 3; i++) assert.ok(past.append(edit(now.t, day * 10 + i)));
        if (day === 9) await past.compact();
      }
      await past.compact();
      for (let i = 1; i <= 3; i++) assert.ok(past.append(edit(now.t, 1000 + i)));
      // Another writer, still writing (not folded yet).
      const live = makeStore(d, now);
      for (let i = 1; i <= 3; i++) assert.ok(live.append(edit(now.t, 2000 + i)));
      now.t += 2 * DAY;
      if (damaged) {
        const file = path.join(d, 'rollups.jsonl');
        const lines = readFileSync(file, 'utf8').split('\n');
        lines[0] = lines[0]!.slice(0, 30);
        writeFileSync(file, lines.join('\n'));
      }
      return { d, now };
    }

    for (const damaged of [false, true]) {
      it(`killed at file system calls of a compaction${damaged ? ' rebuilding a damaged rollups file' : ''} (a sample; every one with the soak), loses and doubles nothing`, async () => {
        const { d: original, now } = await storeToCompact(damaged);
        const reference = await totals(original, now.t);
        // Without the soak, every fourth call (sixth when rebuilding: it reads every segment), from a varying start.
        const step = SOAK ? 1 : damaged ? 6 : 4;
        const first = SOAK ? 1 : 1 + (new Date().getDate() % step);
        let finished = false;
        for (let n = first; !finished && n < 400; n += step) {
          const d = dir();
          cpSync(original, d, { recursive: true });
          const r = await runJob({ dir: d, startAt: now.t, compactions: 1, retentionDays: 7, crashAt: n });
          if (r.done !== undefined) {
            finished = true;
            // The crash points reached the end of the compaction.
            assert.ok(r.done.calls! >= 20 && n > r.done.calls!, `${r.done.calls} calls`);
          } else {
            assert.equal(r.signal, 'SIGKILL', r.stderr);
            suite.processesKilled++;
            suite.crashPoints++;
          }
          assert.deepEqual(await totals(d, now.t), reference, `after a crash at call ${n}`);
          // The next compactions (the lock of the dead one is stale at once) repair and carry on.
          const next = makeStore(d, now, { retentionDays: 7 });
          assert.ok(await next.compact(), `compaction after a crash at call ${n}`);
          assert.ok(await next.compact());
          assert.deepEqual(await totals(d, now.t), reference, `compacted after a crash at call ${n}`);
          // What the dead one left (a lock, temporary files) is cleaned once it is two minutes old.
          for (const f of readdirSync(d)) if (f.includes('.tmp-') || f.includes('.stale-')) age(path.join(d, f), 10 * 60_000);
          assert.ok(await next.compact());
          assert.deepEqual(readdirSync(d).sort(), ['events', 'rollups.jsonl']);
          assert.deepEqual(await totals(d, now.t), reference);
          rmSync(d, { recursive: true, force: true });
        }
        assert.ok(finished, 'some crash point was past the end of the compaction');
      });
    }

    it('at random file system calls of writers that compact as they go, loses and doubles nothing', async () => {
      const seed = SOAK ? Date.now() : 20261101;
      const random = seeded(seed);
      const d = dir();
      const now = { t: START };
      const acked = new Set<number>();
      const maybe = new Set<number>();
      let next = 1;
      const runs = SOAK ? 300 : 14;
      for (let k = 0; k < runs; k++) {
        const ids = Array.from({ length: 30 }, () => next++);
        // Days pass; now and then the clock moves back three days, or jumps a hundred days ahead
        // (a compaction runs then) and is set right again.
        const jumps: [number, number][] = [[10, DAY]];
        if (random() < 0.3) jumps.push([15, -3 * DAY]);
        if (random() < 0.3) jumps.push([18, 100 * DAY], [24, -100 * DAY]);
        const r = await runJob({ dir: d, ids, startAt: START + k * DAY, jumps, compactEvery: 7, crashAt: 1 + Math.floor(random() * 260), retentionDays: 1000 });
        for (const id of r.acked) acked.add(id);
        if (r.inFlight !== undefined) maybe.add(r.inFlight);
        if (r.signal === 'SIGKILL') {
          suite.processesKilled++;
          suite.crashPoints++;
        } else assert.ok(r.done, r.stderr);
      }
      now.t = START + (runs + 200) * DAY;
      const counts = await audit(d, acked, maybe, now.t);
      assert.deepEqual([counts.lost, counts.doubled, counts.phantom, counts.rawProblems], [0, 0, 0, 0], `seed ${seed}`);
      add(counts);
    });

    it('writers and compactors killed with SIGKILL at random moments while others write lose and double nothing', async () => {
      const seed = SOAK ? Date.now() : 7;
      const random = seeded(seed);
      const d = dir();
      const acked = new Set<number>();
      const maybe = new Set<number>();
      let next = 1;
      const rounds = SOAK ? 60 : 4;
      for (let round = 0; round < rounds; round++) {
        const epoch = Date.now();
        const startAt = START + round * 5 * DAY;
        const jobs = [0, 1, 2].map((w) => {
          const ids = Array.from({ length: 400 }, () => next++);
          // One writer's clock moves back three days halfway.
          const jumps: [number, number][] = w === 1 ? [[200, -3 * DAY]] : [];
          return runJob({ dir: d, ids, startAt, epoch, msPerDay: 150, jumps, compactEvery: 100, pauseMs: 3, retentionDays: 1000 }, 250 + random() * 600);
        });
        // A compactor whose clock runs 100 days ahead, killed too.
        jobs.push(runJob({ dir: d, startAt: startAt + 100 * DAY, epoch, msPerDay: 150, compactions: 40, retentionDays: 1000 }, 250 + random() * 600));
        for (const r of await Promise.all(jobs)) {
          for (const id of r.acked) acked.add(id);
          if (r.inFlight !== undefined) maybe.add(r.inFlight);
          if (r.signal === 'SIGKILL') suite.processesKilled++;
        }
      }
      const counts = await audit(d, acked, maybe, START + (rounds * 5 + 200) * DAY);
      assert.ok(counts.acknowledged > rounds * 100, `${counts.acknowledged} acknowledged`);
      assert.deepEqual([counts.lost, counts.doubled, counts.phantom, counts.rawProblems], [0, 0, 0, 0], `seed ${seed}`);
      add(counts);
    });
  });

  if (SOAK) {
    it('on a real 256 KB tmpfs: the first record after space is freed is kept, and a full disk loses no acknowledged record (root only)', async function () {
      const mnt = dir();
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mnt], { stdio: 'ignore' });
      } catch {
        process.stdout.write('      (could not mount a tmpfs here: the injected full disk above stands in for it)\n');
        return;
      }
      const ballast = path.join(mnt, 'ballast');
      const fill = (): void => {
        const s = statfsSync(mnt);
        try {
          writeFileSync(ballast, Buffer.alloc(s.bavail * s.bsize), { flag: 'a' });
        } catch {
          // Full: as intended.
        }
      };
      try {
        const d = path.join(mnt, 'store');
        mkdirSync(d);
        const now = { t: START };
        const store = makeStore(d, now);
        const acked = new Set<number>();
        let id = 0;
        let refused = 0;
        const append = (): boolean => {
          const ok = store.append(edit(now.t + id, ++id));
          if (ok) acked.add(id);
          else refused++;
          return ok;
        };
        // The reported case: the disk fills mid-record, space is freed, one more record.
        assert.ok(append());
        fill();
        for (let i = 0; i < 200 && append(); i++) fill();
        assert.ok(refused > 0, 'the disk filled');
        rmSync(ballast, { force: true });
        assert.ok(append(), 'written once there is room');
        let counts = await audit(d, acked, new Set(), START + 100 * DAY);
        assert.deepEqual([counts.lost, counts.doubled, counts.phantom], [0, 0, 0], 'the first record after space is freed');
        // Then days of writing and compacting while the disk fills and empties.
        for (let day = 1; day < 7; day++) {
          now.t = START + day * DAY;
          for (let i = 0; i < 300; i++) {
            append();
            if (i === 150 && day % 2 === 1) fill();
          }
          await store.compact().catch(() => undefined);
          if (day % 2 === 0) rmSync(ballast, { force: true });
        }
        rmSync(ballast, { force: true });
        await store.compact();
        counts = await audit(d, acked, new Set(), START + 100 * DAY);
        process.stdout.write(`      tmpfs: ${acked.size} acknowledged, ${refused} refused, ${counts.lost} lost, ${counts.doubled} doubled\n`);
        assert.deepEqual([counts.lost, counts.doubled, counts.phantom], [0, 0, 0]);
        add(counts);
      } finally {
        execFileSync('umount', [mnt]);
      }
    });
  }
});
