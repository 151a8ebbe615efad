/**
 * The metric store on disk: an append-only event log in per-writer segments plus daily rollups.
 * Free of `vscode` so that tests can run it in several plain Node processes at once.
 *
 *   <dir>/events/<day>-<writer>.<seq>.jsonl   raw events, one JSON record a line (records.ts)
 *   <dir>/rollups.jsonl                       manifest of folded bytes + one rollup a day (compaction.ts)
 *   <dir>/compaction.lock                     held while one process compacts
 *
 * Invariants (why several windows can write at once, and crash, fill the disk or change the
 * clock, without losing or doubling an acknowledged record):
 * - Each writer (window, process) appends only to its own segment, which it created with
 *   O_EXCL under a name never used before: no two processes write one file.
 * - A record is one line, written whole or not at all: `append` returns true only once every
 *   byte of the line is in the file. A write cut short (a full disk) is taken back by
 *   truncating the segment to where it was; if even that fails, the writer never appends to
 *   that segment again. Before each write the writer checks that its segment is the file it
 *   created and has exactly the size it left it at; anything else (deleted, replaced, grown or
 *   shrunk by someone else) and it moves on to a new segment. So every line a writer adds
 *   starts at a line boundary. A crash mid-write can leave a torn last line, which is skipped
 *   and reported; nobody ever appends after it.
 * - A writer moves to a new segment when its local day changes (either way), after an hour of
 *   not writing (on a monotonic clock), or on any surprise. Compaction treats a segment as
 *   sealed (never to grow again) only when its writer has a later segment, it is this
 *   process's own old segment, or nothing was written to it for a day (file time).
 * - Reads and compactions count by byte position under the counting rule (compaction.ts), so
 *   folding a segment that is still growing, or a clock moving back or forth, loses nothing.
 * - Compaction replaces rollups.jsonl atomically (temp file, fsync, rename, fsync folder) and
 *   only then deletes raw segments it accounted for. Two compactions racing (a stale lock
 *   taken over) each write a consistent file; the lock saves work, correctness does not rest
 *   on it.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MetricEvent } from '../core/metrics';
import type { Clock } from '../core/ports';
import { Compaction, DEFAULT_RETENTION_DAYS, decodeRollupFile, emptyRollupFile, foldEvents, parseSegmentName, readFrom, segmentName, type RollupFile } from '../core/store/compaction';
import { addDays, type Day, type LocalCalendar } from '../core/store/days';
import { decodeSegment, encodeRecord, formatProblem, validateEvent, type DecodedSegment, type LineProblem } from '../core/store/records';
import { cloneRollup, mergeMaps, type DayRollup } from '../core/store/rollup';
import { LOCAL_TIME } from '../shared/localTime';

export interface StoreLog {
  info(message: string): void;
  warn(message: string): void;
}

/** The file system calls the store makes; tests inject faults (a full disk, a crash at the n-th call). */
export interface StoreFileSystem {
  readonly sync: Pick<typeof fs, 'openSync' | 'fstatSync' | 'writeSync' | 'ftruncateSync' | 'closeSync' | 'mkdirSync'>;
  readonly promises: Pick<typeof fsp, 'open' | 'readFile' | 'readdir' | 'stat' | 'rename' | 'rm' | 'link' | 'writeFile' | 'mkdir'>;
}

export const nodeFileSystem: StoreFileSystem = { sync: fs, promises: fsp };

export interface FileStoreOptions {
  readonly dir: string;
  readonly clock: Clock;
  readonly calendar: LocalCalendar;
  readonly log: StoreLog;
  /** Raw events are kept this many days; rollups for good. */
  readonly retentionDays?: () => number;
  /** Defaults to a fresh id per store instance (per process). */
  readonly writerId?: string;
  readonly fs?: StoreFileSystem;
}

export interface ReadReport {
  /** Records skipped because they were torn, corrupt or written by a newer version, and damaged rollup lines. */
  readonly problems: readonly LineProblem[];
  readonly migrated: number;
}

export interface RollupRead extends ReadReport {
  readonly days: Map<Day, DayRollup>;
  /** rollups.jsonl was damaged: every segment was read from its start (exact; days past retention may lack what the damaged lines held). */
  readonly rebuilt: boolean;
}

export interface CompactionReport {
  /** Segments folded further. */
  readonly compacted: number;
  readonly expired: number;
  readonly days: number;
  /** The rollups were damaged and rebuilt from every segment's start. */
  readonly rebuilt: boolean;
  readonly problems: readonly LineProblem[];
}

export interface DeleteReport {
  readonly files: number;
  readonly bytes: number;
}

/** A lock older than this (or dated this far in the future: a clock we cannot measure against) is stale. */
const LOCK_STALE_MS = 2 * 60_000;
/** An empty or unreadable lock (its taker died between creating and writing it) is stale after this. */
const UNREADABLE_LOCK_MS = 5_000;
/** Leftover temporary files older than this belong to no live compaction. */
const TEMP_STALE_MS = LOCK_STALE_MS;
/**
 * A writer never appends to a segment it has not written for this long (monotonic clock), nor
 * after its day changed; so a segment nobody wrote for a whole day (by the file's time, the
 * same wall clock the writer's day comes from) will never grow again, and is sealed.
 */
export const WRITER_IDLE_MS = 3_600_000;
export const SEGMENT_IDLE_MS = 86_400_000;
const READ_ATTEMPTS = 4;
const O_APPEND_ONLY = fs.constants.O_WRONLY | fs.constants.O_APPEND;

export function newWriterId(): string {
  return `${process.pid}_${randomBytes(5).toString('hex')}`;
}

interface Segment {
  readonly name: string;
  readonly file: string;
  readonly day: Day;
  readonly ino: number;
  size: number;
  lastWrite: number;
}

interface Listed {
  readonly name: string;
  readonly writerId: string;
  readonly seq: number;
}

const isCode = (error: unknown, ...codes: string[]): boolean => codes.includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');

export class FileStore {
  readonly dir: string;
  readonly eventsDir: string;
  readonly rollupsFile: string;
  readonly lockFile: string;
  readonly writerId: string;
  private readonly fs: StoreFileSystem;
  private readonly reported = new Set<string>();
  private writeFailures = 0;
  private current: Segment | undefined;
  private seq = 0;

  constructor(private readonly options: FileStoreOptions) {
    this.dir = options.dir;
    this.eventsDir = path.join(options.dir, 'events');
    this.rollupsFile = path.join(options.dir, 'rollups.jsonl');
    this.lockFile = path.join(options.dir, 'compaction.lock');
    this.writerId = options.writerId ?? newWriterId();
    this.fs = options.fs ?? nodeFileSystem;
  }

  /**
   * Validates and appends one event to this writer's current segment as one whole line.
   * Returns true only when the whole line is in the file (it will be read back and counted
   * exactly once; it survives this process dying, though like any write not yet flushed by
   * the system, not necessarily a power cut). Returns false, and says why in the log, when the
   * event is invalid or the disk refused it; then nothing of it was kept.
   */
  append(event: MetricEvent): boolean {
    const valid = validateEvent(event);
    if (!valid.ok) {
      this.options.log.warn(`Metric store: refused an invalid ${String((event as { kind?: unknown }).kind)} event: ${valid.reason}`);
      return false;
    }
    const day = this.options.calendar.dayOf(this.options.clock.now());
    const line = Buffer.from(encodeRecord(valid.event), 'utf8');
    let target = this.eventsDir;
    try {
      // A surprise moves the writer to a new segment; three in a row is something else.
      for (let attempt = 0; attempt < 3; attempt++) {
        const segment = this.segmentFor(day);
        target = segment.file;
        if (this.writeLine(segment, line)) return true;
        this.current = undefined;
      }
      throw new Error('its segment kept changing under it');
    } catch (error) {
      // Report the first failure and then every hundredth, so a full disk does not flood the log.
      if (this.writeFailures++ % 100 === 0) this.options.log.warn(`Metric store: could not write to ${target}, the event was not kept: ${(error as Error).message}`);
      return false;
    }
  }

  /** The segment to append to now: the current one, or a new one under a name never used before. */
  private segmentFor(day: Day): Segment {
    const now = performance.now();
    const c = this.current;
    if (c !== undefined && c.day === day && now - c.lastWrite < WRITER_IDLE_MS) return c;
    this.current = undefined;
    const { sync } = this.fs;
    for (let tries = 0; tries < 1000; tries++) {
      const name = segmentName(day, this.writerId, ++this.seq);
      const file = path.join(this.eventsDir, name);
      let fd: number;
      try {
        fd = sync.openSync(file, 'wx');
      } catch (error) {
        if (isCode(error, 'EEXIST')) continue;
        if (!isCode(error, 'ENOENT')) throw error;
        sync.mkdirSync(this.eventsDir, { recursive: true });
        fd = sync.openSync(file, 'wx');
      }
      try {
        const ino = Number(sync.fstatSync(fd).ino);
        return (this.current = { name, file, day, ino, size: 0, lastWrite: now });
      } finally {
        sync.closeSync(fd);
      }
    }
    throw new Error('no free segment name');
  }

  /** Appends `line` to `segment`: true when written whole; false when the segment is not as this writer left it. Throws when the disk refused. */
  private writeLine(segment: Segment, line: Buffer): boolean {
    const { sync } = this.fs;
    let fd: number;
    try {
      fd = sync.openSync(segment.file, O_APPEND_ONLY);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return false; // deleted ("delete all", or another window's retention)
      throw error;
    }
    try {
      const st = sync.fstatSync(fd);
      if (Number(st.ino) !== segment.ino || st.size !== segment.size) return false;
      let done = 0;
      try {
        while (done < line.length) {
          const n = sync.writeSync(fd, line, done, line.length - done);
          if (n <= 0) throw new Error('the disk accepted no bytes');
          done += n;
        }
      } catch (error) {
        // Take back what did land, so the segment still ends at a line boundary.
        if (done > 0) {
          try {
            sync.ftruncateSync(fd, segment.size);
          } catch {
            this.current = undefined; // cannot repair: never append here again
          }
        }
        throw error;
      }
      segment.size += line.length;
      segment.lastWrite = performance.now();
      return true;
    } finally {
      try {
        sync.closeSync(fd);
      } catch {
        // The line is written; a failed close changes nothing about it.
      }
    }
  }

  /** Segment file names, oldest day first. */
  async segments(): Promise<string[]> {
    return (await this.list()).map((s) => s.name);
  }

  private async list(): Promise<Listed[]> {
    let names: string[];
    try {
      names = await this.fs.promises.readdir(this.eventsDir);
    } catch (error) {
      if (isCode(error, 'ENOENT')) return [];
      throw error;
    }
    const out: Listed[] = [];
    for (const name of names.sort()) {
      const parsed = parseSegmentName(name);
      if (parsed !== undefined) out.push({ name, writerId: parsed.writerId, seq: parsed.seq });
    }
    return out;
  }

  /** Daily rollups of everything stored: the rollups file plus what it does not hold yet, read raw. */
  async rollups(): Promise<RollupRead> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.stamp(this.rollupsFile);
      const file = await this.readRollupFile();
      const listed = await this.list();
      const latest = latestSeqs(listed);
      const raw = new Map<Day, DayRollup>();
      const problems: LineProblem[] = [...file.problems];
      let migrated = 0;
      for (const s of listed) {
        const from = readFrom(file, s.name);
        if (from === undefined) continue;
        const seg = await this.readSegment(s.name, from, this.reportTorn(s, latest));
        if (seg === undefined) continue;
        foldEvents(file, s.name, seg.events, this.options.calendar, raw);
        problems.push(...seg.problems);
        migrated += seg.migrated;
      }
      const after = await this.stamp(this.rollupsFile);
      // A compaction replaced the rollups while we read: read again, or a segment could count twice.
      if (before !== after && attempt < READ_ATTEMPTS) continue;
      const days = new Map<Day, DayRollup>();
      for (const [day, r] of file.days) days.set(day, cloneRollup(r));
      mergeMaps(days, raw);
      this.reportDamage(file);
      this.report(problems);
      return { days, problems, migrated, rebuilt: file.damaged };
    }
  }

  /** Every raw event still kept (within the retention window), oldest segment first. */
  async rawEvents(): Promise<{ events: MetricEvent[] } & ReadReport> {
    const listed = await this.list();
    const latest = latestSeqs(listed);
    const events: MetricEvent[] = [];
    const problems: LineProblem[] = [];
    let migrated = 0;
    for (const s of listed) {
      const seg = await this.readSegment(s.name, { bytes: 0, line: 1 }, this.reportTorn(s, latest));
      if (seg === undefined) continue;
      for (const e of seg.events) events.push(e.event);
      problems.push(...seg.problems);
      migrated += seg.migrated;
    }
    this.report(problems);
    return { events, problems, migrated };
  }

  /**
   * Folds every segment's complete lines into rollups.jsonl, seals segments whose writers moved
   * on, expires raw segments past retention, and cleans temporary files left by crashes.
   * Returns undefined when another process holds the compaction lock.
   */
  async compact(): Promise<CompactionReport | undefined> {
    if (!(await this.lock())) return undefined;
    try {
      await this.cleanTemporaryFiles();
      const today = this.options.calendar.dayOf(this.options.clock.now());
      const text = await this.readRollupText();
      const file = text === undefined ? emptyRollupFile() : decodeRollupFile(text, this.rollupsFile);
      this.reportDamage(file);
      this.report(file.problems);
      if (file.newer) {
        this.options.log.warn(`Metric store: ${this.rollupsFile} was written by a newer Deliberate; this one leaves it as it is.`);
        return { compacted: 0, expired: 0, days: file.days.size, rebuilt: false, problems: file.problems };
      }
      const listed = await this.list();
      const latest = latestSeqs(listed);
      const c = new Compaction(file);
      c.prune(new Set(listed.map((s) => s.name)));
      const problems: LineProblem[] = [];
      let compacted = 0;
      for (const s of listed) {
        const from = c.readFrom(s.name);
        if (from === undefined) {
          c.keep(s.name);
          continue;
        }
        const sealed = this.surelyDone(s, latest) || (await this.idle(s.name));
        const seg = await this.readSegment(s.name, from, sealed || this.reportTorn(s, latest));
        if (seg === undefined) {
          c.keep(s.name);
          continue;
        }
        problems.push(...seg.problems);
        const before = file.damaged ? undefined : file.folded.get(s.name);
        if (seg.end !== from.bytes || before === undefined || before.sealed !== sealed) compacted++;
        c.fold(s.name, seg.events, seg.end, from.line - 1 + seg.lines, sealed, this.options.calendar);
      }
      this.report(problems);
      const expire = c.expire(today, this.options.retentionDays?.() ?? DEFAULT_RETENTION_DAYS);
      const next = c.write();
      if (next !== text) await this.writeAtomically(this.rollupsFile, next);
      // Only now, with the rollups durable, may raw segments go.
      for (const name of expire) await this.fs.promises.rm(path.join(this.eventsDir, name), { force: true });
      if (file.damaged) this.options.log.info(`Metric store: rebuilt ${this.rollupsFile} from the raw events kept.`);
      if (compacted > 0 || expire.length > 0) this.options.log.info(`Metric store: folded ${compacted} segment(s) into daily rollups; removed ${expire.length} raw segment(s) past retention.`);
      return { compacted, expired: expire.length, days: c.days.size, rebuilt: file.damaged, problems: [...file.problems, ...problems] };
    } finally {
      await this.unlock();
    }
  }

  /** Bytes of everything the store holds. */
  async size(): Promise<{ files: number; bytes: number }> {
    let files = 0;
    let bytes = 0;
    for (const f of await this.files()) {
      const s = await this.fs.promises.stat(f).catch(() => undefined);
      if (s?.isFile()) {
        files++;
        bytes += s.size;
      }
    }
    return { files, bytes };
  }

  /** Deletes everything the store holds (and only that: the folder's other contents stay). */
  async deleteAll(): Promise<DeleteReport> {
    const { files, bytes } = await this.size();
    for (const f of await this.files()) await this.fs.promises.rm(f, { force: true });
    await this.fs.promises.rm(this.eventsDir, { recursive: true, force: true });
    this.reported.clear();
    return { files, bytes };
  }

  private async files(): Promise<string[]> {
    const own = (await this.fs.promises.readdir(this.dir).catch(() => [] as string[])).filter((n) => n.startsWith('rollups.jsonl') || n.startsWith('compaction.lock'));
    return [...own.map((n) => path.join(this.dir, n)), ...(await this.fs.promises.readdir(this.eventsDir).catch(() => [] as string[])).map((n) => path.join(this.eventsDir, n))];
  }

  /**
   * Whether no writer will append to a segment again, from names alone: its writer has a later
   * segment, or it is this process's own segment and not the current one.
   */
  private surelyDone(s: Listed, latest: ReadonlyMap<string, number>): boolean {
    if (s.writerId === this.writerId) return this.current?.name !== s.name;
    return (latest.get(s.writerId) ?? s.seq) > s.seq;
  }

  /**
   * Whether an unfinished last line is worth reporting as torn: its writer is surely done, or
   * the segment's day is before yesterday. For messages only; sealing never trusts the clock.
   */
  private reportTorn(s: Listed, latest: ReadonlyMap<string, number>): boolean {
    const day = parseSegmentName(s.name)!.day;
    return this.surelyDone(s, latest) || day < addDays(this.options.calendar.dayOf(this.options.clock.now()), -1);
  }

  /** Nothing was written to the segment for a day (by the file system's clock): its writer has gone. */
  private async idle(name: string): Promise<boolean> {
    const st = await this.fs.promises.stat(path.join(this.eventsDir, name)).catch(() => undefined);
    return st !== undefined && Date.now() - st.mtimeMs > SEGMENT_IDLE_MS;
  }

  private async readRollupText(): Promise<string | undefined> {
    try {
      return await this.fs.promises.readFile(this.rollupsFile, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    }
  }

  private async readRollupFile(): Promise<RollupFile> {
    const text = await this.readRollupText();
    return text === undefined ? emptyRollupFile() : decodeRollupFile(text, this.rollupsFile);
  }

  /** Reads a segment from a line start; undefined when it is gone. */
  private async readSegment(name: string, from: { bytes: number; line: number }, complete: boolean): Promise<DecodedSegment | undefined> {
    const file = path.join(this.eventsDir, name);
    let handle: fsp.FileHandle;
    try {
      handle = await this.fs.promises.open(file, 'r');
    } catch (error) {
      // Deleted between listing and reading (retention or "delete all" in another window).
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size < from.bytes) {
        return { events: [], problems: [{ problem: 'corrupt', file, line: from.line, reason: `the file is ${from.bytes - size} bytes shorter than what was already counted from it: cut from outside` }], migrated: 0, end: from.bytes, lines: 0, tail: 0 };
      }
      const buffer = Buffer.alloc(size - from.bytes);
      let got = 0;
      while (got < buffer.length) {
        const { bytesRead } = await handle.read(buffer, got, buffer.length - got, from.bytes + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      return decodeSegment(buffer.subarray(0, got), from.bytes, file, from.line, complete);
    } finally {
      await handle.close();
    }
  }

  private reportDamage(file: RollupFile): void {
    if (!file.damaged || file.newer) return;
    const key = `damaged:${file.problems.map((p) => p.line).join(',')}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.options.log.warn(`Metric store: ${this.rollupsFile} is damaged; counting every day again from the raw events kept until the next compaction rebuilds it (what a damaged line held for days past retention cannot be recovered).`);
  }

  private report(problems: readonly LineProblem[]): void {
    for (const p of problems) {
      const key = `${p.file}:${p.line}:${p.problem}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.options.log.warn(`Metric store: ${formatProblem(p)}`);
    }
  }

  private async stamp(file: string): Promise<string> {
    const s = await this.fs.promises.stat(file, { bigint: true }).catch(() => undefined);
    return s === undefined ? 'none' : `${s.ino}:${s.mtimeNs}:${s.size}`;
  }

  private async writeAtomically(file: string, text: string): Promise<void> {
    const temp = `${file}.tmp-${this.writerId}`;
    try {
      const handle = await this.fs.promises.open(temp, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await this.fs.promises.rename(temp, file);
    } catch (error) {
      await this.fs.promises.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
    const dir = await this.fs.promises.open(path.dirname(file), 'r').catch(() => undefined);
    if (dir !== undefined) {
      await dir.sync().catch(() => undefined);
      await dir.close();
    }
  }

  /** Temporary files of compactions and lock takers that died: anything of theirs older than two minutes. */
  private async cleanTemporaryFiles(): Promise<void> {
    const names = await this.fs.promises.readdir(this.dir).catch(() => [] as string[]);
    for (const n of names) {
      if (!n.startsWith('rollups.jsonl.tmp-') && !n.startsWith('compaction.lock.tmp-') && !n.startsWith('compaction.lock.stale-')) continue;
      const file = path.join(this.dir, n);
      const st = await this.fs.promises.stat(file).catch(() => undefined);
      if (st !== undefined && Math.abs(Date.now() - st.mtimeMs) > TEMP_STALE_MS) await this.fs.promises.rm(file, { force: true });
    }
  }

  /**
   * Takes the compaction lock. The lock file appears with its content in one step (written
   * aside, then hard-linked into place), so a lock is never seen empty unless damaged.
   */
  private async lock(): Promise<boolean> {
    const p = this.fs.promises;
    await p.mkdir(this.dir, { recursive: true });
    const body = JSON.stringify({ pid: process.pid, host: hostname(), at: this.options.clock.now(), writer: this.writerId });
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await this.createLock(body)) return true;
      if (attempt > 0 || !(await this.lockIsStale())) return false;
      // Move the stale lock out of the way (atomic: one taker wins), then try again.
      const aside = `${this.lockFile}.stale-${this.writerId}`;
      const moved = await p.rename(this.lockFile, aside).then(
        () => true,
        () => false,
      );
      if (!moved) return false;
      await p.rm(aside, { force: true });
    }
    return false;
  }

  private async createLock(body: string): Promise<boolean> {
    const p = this.fs.promises;
    const temp = `${this.lockFile}.tmp-${this.writerId}`;
    try {
      await p.writeFile(temp, body);
      try {
        await p.link(temp, this.lockFile);
        return true;
      } catch (error) {
        if (isCode(error, 'EEXIST')) return false;
        if (!isCode(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV')) throw error;
      }
      // A file system without hard links: create exclusively, then write (may be seen empty for a moment).
      try {
        await p.writeFile(this.lockFile, body, { flag: 'wx' });
        return true;
      } catch (error) {
        if (isCode(error, 'EEXIST')) return false;
        throw error;
      }
    } finally {
      await p.rm(temp, { force: true }).catch(() => undefined);
    }
  }

  /**
   * Stale: its holder died (same host, process gone), it is older than two minutes, it is dated
   * more than two minutes ahead (another host's clock, or ours moved back: its age cannot be
   * told, and waiting for that clock could take days), or it is empty or unreadable for more
   * than a few seconds.
   */
  private async lockIsStale(): Promise<boolean> {
    let holder: { pid?: unknown; host?: unknown; at?: unknown };
    try {
      holder = JSON.parse(await this.fs.promises.readFile(this.lockFile, 'utf8')) as typeof holder;
      if (holder === null || typeof holder !== 'object' || typeof holder.at !== 'number') throw new Error('not a lock');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return true;
      const s = await this.fs.promises.stat(this.lockFile).catch(() => undefined);
      return s === undefined || Math.abs(Date.now() - s.mtimeMs) > UNREADABLE_LOCK_MS;
    }
    const age = this.options.clock.now() - (holder.at as number);
    if (age > LOCK_STALE_MS || age < -LOCK_STALE_MS) return true;
    if (holder.host === hostname() && typeof holder.pid === 'number' && holder.pid !== process.pid) {
      try {
        process.kill(holder.pid, 0);
        return false;
      } catch (error) {
        return isCode(error, 'ESRCH');
      }
    }
    return false;
  }

  private async unlock(): Promise<void> {
    // Remove the lock only if it is still ours (it may have been taken over as stale).
    try {
      const holder = JSON.parse(await this.fs.promises.readFile(this.lockFile, 'utf8')) as { writer?: unknown };
      if (holder.writer === this.writerId) await this.fs.promises.rm(this.lockFile, { force: true });
    } catch {
      // Already gone.
    }
  }
}

/** The highest segment number of each writer. */
function latestSeqs(listed: readonly Listed[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of listed) out.set(s.writerId, Math.max(out.get(s.writerId) ?? 0, s.seq));
  return out;
}

/** The person's local day, from the machine's time zone. */
export const systemCalendar: LocalCalendar = {
  dayOf: (at: number): Day => LOCAL_TIME.day(at),
};
