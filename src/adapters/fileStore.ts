/**
 * The metric store on disk: an append-only event log in per-writer segments plus daily rollups.
 * Free of `vscode` so that tests can run it in several plain Node processes at once.
 *
 *   <dir>/events/<day>-<writerId>.jsonl   raw events, one JSON record a line (records.ts)
 *   <dir>/rollups.jsonl                   manifest of folded segments + one rollup a day
 *   <dir>/compaction.lock                 held while one process compacts
 *
 * Invariants (why several windows can write at once without loss or corruption):
 * - Each writer (window, process) appends only to its own segments: no two processes ever
 *   write the same file, and each record is one `write` of one whole line, so lines cannot
 *   interleave. Readers merge all segments.
 * - A writer opens its segment by path for every record (append mode), so a folder deleted or
 *   moved by another window is simply recreated, never written through a stale handle.
 * - A crash mid-write leaves at most the last line of one segment torn; a fresh writer id per
 *   process means nobody appends after it. Torn and corrupt lines are skipped, counted and
 *   reported with file and line; they never stop a read.
 * - Compaction replaces rollups.jsonl atomically (temp file, fsync, rename, fsync folder) and
 *   only then deletes expired segments. It is a deterministic function of the manifest and the
 *   closed segments, so even two compactions racing (a stale lock taken over) write the same
 *   thing; the lock saves work, correctness does not rest on it.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';
import type { MetricEvent } from '../core/metrics';
import type { Clock } from '../core/ports';
import { DEFAULT_RETENTION_DAYS, decodeRollupFile, emptyRollupFile, encodeRollupFile, parseSegmentName, planCompaction, segmentName, type RollupFile } from '../core/store/compaction';
import type { Day, LocalCalendar } from '../core/store/days';
import { decodeText, encodeRecord, formatProblem, validateEvent, type LineProblem } from '../core/store/records';
import { cloneRollup, mergeMaps, rollUp, type DayRollup } from '../core/store/rollup';
import { LOCAL_TIME } from '../shared/localTime';

export interface StoreLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface FileStoreOptions {
  readonly dir: string;
  readonly clock: Clock;
  readonly calendar: LocalCalendar;
  readonly log: StoreLog;
  /** Raw events are kept this many days; rollups for good. */
  readonly retentionDays?: () => number;
  /** Defaults to a fresh id per store instance (per process). */
  readonly writerId?: string;
}

export interface ReadReport {
  /** Records skipped because they were torn, corrupt or written by a newer version. */
  readonly problems: readonly LineProblem[];
  readonly migrated: number;
}

export interface RollupRead extends ReadReport {
  readonly days: Map<Day, DayRollup>;
}

export interface CompactionReport {
  readonly compacted: number;
  readonly expired: number;
  readonly days: number;
  readonly problems: readonly LineProblem[];
}

export interface DeleteReport {
  readonly files: number;
  readonly bytes: number;
}

/** A stale lock: its holder died (same host, process gone) or it is older than this. */
const LOCK_STALE_MS = 2 * 60_000;
const READ_ATTEMPTS = 4;

export function newWriterId(): string {
  return `${process.pid}_${randomBytes(5).toString('hex')}`;
}

export class FileStore {
  readonly dir: string;
  readonly eventsDir: string;
  readonly rollupsFile: string;
  readonly lockFile: string;
  readonly writerId: string;
  private readonly reported = new Set<string>();
  private writeFailures = 0;

  constructor(private readonly options: FileStoreOptions) {
    this.dir = options.dir;
    this.eventsDir = path.join(options.dir, 'events');
    this.rollupsFile = path.join(options.dir, 'rollups.jsonl');
    this.lockFile = path.join(options.dir, 'compaction.lock');
    this.writerId = options.writerId ?? newWriterId();
  }

  /**
   * Validates and appends one event to this writer's segment of today: one `write` of one line.
   * Returns false (and says why in the log) when the event is invalid or the disk refused it.
   */
  append(event: MetricEvent): boolean {
    const valid = validateEvent(event);
    if (!valid.ok) {
      this.options.log.warn(`Metric store: refused an invalid ${String((event as { kind?: unknown }).kind)} event: ${valid.reason}`);
      return false;
    }
    const file = path.join(this.eventsDir, segmentName(this.options.calendar.dayOf(this.options.clock.now()), this.writerId));
    const line = encodeRecord(valid.event);
    try {
      try {
        fs.appendFileSync(file, line, { flag: 'a' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        fs.mkdirSync(this.eventsDir, { recursive: true });
        fs.appendFileSync(file, line, { flag: 'a' });
      }
      return true;
    } catch (error) {
      // Report the first failure and then every hundredth, so a full disk does not flood the log.
      if (this.writeFailures++ % 100 === 0) this.options.log.warn(`Metric store: could not write to ${file}: ${(error as Error).message}`);
      return false;
    }
  }

  /** Segment file names, oldest day first. */
  async segments(): Promise<string[]> {
    try {
      return (await fsp.readdir(this.eventsDir)).filter((n) => parseSegmentName(n) !== undefined).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Daily rollups of everything stored: compacted days plus segments not yet folded, merged. */
  async rollups(): Promise<RollupRead> {
    for (let attempt = 1; ; attempt++) {
      const before = await this.stamp(this.rollupsFile);
      const file = await this.readRollupFile();
      const names = (await this.segments()).filter((n) => !file.segments.has(n));
      const raw = await this.readSegments(names);
      const after = await this.stamp(this.rollupsFile);
      // A compaction replaced the rollups while we read: read again, or a segment could count twice.
      if (before !== after && attempt < READ_ATTEMPTS) continue;
      const days = new Map<Day, DayRollup>();
      for (const [day, r] of file.days) days.set(day, cloneRollup(r));
      mergeMaps(days, rollUp(raw.events, this.options.calendar));
      const problems = [...file.problems, ...raw.problems];
      this.report(problems);
      return { days, problems, migrated: raw.migrated };
    }
  }

  /** Every raw event still kept (within the retention window), oldest segment first. */
  async rawEvents(): Promise<{ events: MetricEvent[] } & ReadReport> {
    const raw = await this.readSegments(await this.segments());
    this.report(raw.problems);
    return raw;
  }

  /**
   * Folds closed segments into rollups.jsonl and expires raw segments past retention.
   * Returns undefined when another process holds the compaction lock.
   */
  async compact(): Promise<CompactionReport | undefined> {
    if (!(await this.lock())) return undefined;
    try {
      const today = this.options.calendar.dayOf(this.options.clock.now());
      const file = await this.readRollupFile();
      const onDisk = await this.segments();
      const plan = planCompaction(onDisk, file.segments, today, this.options.retentionDays?.() ?? DEFAULT_RETENTION_DAYS);
      const present = new Set(onDisk);
      const pruned = [...file.segments].filter((s) => !present.has(s));
      if (plan.compact.length === 0 && plan.expire.length === 0 && pruned.length === 0) return { compacted: 0, expired: 0, days: file.days.size, problems: [] };
      const raw = await this.readSegments(plan.compact);
      this.report(raw.problems);
      const days = mergeMaps(new Map(file.days), rollUp(raw.events, this.options.calendar));
      const manifest = new Set([...file.segments, ...plan.compact].filter((s) => present.has(s)));
      await this.writeAtomically(this.rollupsFile, encodeRollupFile(manifest, days.values()));
      // Only now, with the rollups durable, may raw segments go.
      for (const name of plan.expire) await fsp.rm(path.join(this.eventsDir, name), { force: true });
      if (plan.compact.length > 0 || plan.expire.length > 0) {
        this.options.log.info(`Metric store: folded ${plan.compact.length} segment(s) into daily rollups; removed ${plan.expire.length} raw segment(s) past retention.`);
      }
      return { compacted: plan.compact.length, expired: plan.expire.length, days: days.size, problems: raw.problems };
    } finally {
      await this.unlock();
    }
  }

  /** Bytes of everything the store holds. */
  async size(): Promise<{ files: number; bytes: number }> {
    let files = 0;
    let bytes = 0;
    for (const f of await this.files()) {
      const s = await fsp.stat(f).catch(() => undefined);
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
    for (const f of await this.files()) await fsp.rm(f, { force: true });
    await fsp.rm(this.eventsDir, { recursive: true, force: true });
    this.reported.clear();
    return { files, bytes };
  }

  private async files(): Promise<string[]> {
    const own = (await fsp.readdir(this.dir).catch(() => [] as string[])).filter((n) => n === 'rollups.jsonl' || n.startsWith('rollups.jsonl.tmp-') || n.startsWith('compaction.lock'));
    return [...own.map((n) => path.join(this.dir, n)), ...(await fsp.readdir(this.eventsDir).catch(() => [] as string[])).map((n) => path.join(this.eventsDir, n))];
  }

  private async readRollupFile(): Promise<RollupFile> {
    try {
      return decodeRollupFile(await fsp.readFile(this.rollupsFile, 'utf8'), this.rollupsFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyRollupFile();
      throw error;
    }
  }

  private async readSegments(names: readonly string[]): Promise<{ events: MetricEvent[]; problems: LineProblem[]; migrated: number }> {
    const events: MetricEvent[] = [];
    const problems: LineProblem[] = [];
    let migrated = 0;
    const today = this.options.calendar.dayOf(this.options.clock.now());
    for (const name of names) {
      const file = path.join(this.eventsDir, name);
      let text: string;
      try {
        text = await fsp.readFile(file, 'utf8');
      } catch (error) {
        // Deleted between listing and reading (retention or "delete all" in another window).
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      // Another writer of today may be mid-append; an unfinished last line is torn only when its
      // writer is this process or the segment is of an earlier day (nobody appends to it any more).
      const parsed = parseSegmentName(name)!;
      const complete = parsed.day < today || parsed.writerId === this.writerId;
      const d = decodeText(text, file, complete);
      for (const e of d.events) events.push(e);
      for (const p of d.problems) problems.push(p);
      migrated += d.migrated;
    }
    return { events, problems, migrated };
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
    const s = await fsp.stat(file, { bigint: true }).catch(() => undefined);
    return s === undefined ? 'none' : `${s.ino}:${s.mtimeNs}:${s.size}`;
  }

  private async writeAtomically(file: string, text: string): Promise<void> {
    const temp = `${file}.tmp-${this.writerId}`;
    const handle = await fsp.open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, file);
    const dir = await fsp.open(path.dirname(file), 'r').catch(() => undefined);
    if (dir !== undefined) {
      await dir.sync().catch(() => undefined);
      await dir.close();
    }
  }

  private async lock(): Promise<boolean> {
    await fsp.mkdir(this.dir, { recursive: true });
    const body = JSON.stringify({ pid: process.pid, host: hostname(), at: this.options.clock.now(), writer: this.writerId });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fsp.writeFile(this.lockFile, body, { flag: 'wx' });
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        if (attempt > 0 || !(await this.lockIsStale())) return false;
        // Take the stale lock out of the way by renaming it (atomic: one taker wins), then retry.
        const aside = `${this.lockFile}.stale-${this.writerId}`;
        const moved = await fsp.rename(this.lockFile, aside).then(
          () => true,
          () => false,
        );
        if (!moved) return false;
        await fsp.rm(aside, { force: true });
      }
    }
    return false;
  }

  private async lockIsStale(): Promise<boolean> {
    let holder: { pid?: unknown; host?: unknown; at?: unknown };
    try {
      holder = JSON.parse(await fsp.readFile(this.lockFile, 'utf8')) as typeof holder;
    } catch {
      // Unreadable (a writer died between create and write, or damage): stale once old enough.
      const s = await fsp.stat(this.lockFile).catch(() => undefined);
      return s === undefined || this.options.clock.now() - s.mtimeMs > LOCK_STALE_MS;
    }
    if (typeof holder.at === 'number' && this.options.clock.now() - holder.at > LOCK_STALE_MS) return true;
    if (holder.host === hostname() && typeof holder.pid === 'number' && holder.pid !== process.pid) {
      try {
        process.kill(holder.pid, 0);
        return false;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ESRCH';
      }
    }
    return false;
  }

  private async unlock(): Promise<void> {
    // Remove the lock only if it is still ours (it may have been taken over as stale).
    try {
      const holder = JSON.parse(await fsp.readFile(this.lockFile, 'utf8')) as { writer?: unknown };
      if (holder.writer === this.writerId) await fsp.rm(this.lockFile, { force: true });
    } catch {
      // Already gone.
    }
  }
}

/** The person's local day, from the machine's time zone. */
export const systemCalendar: LocalCalendar = {
  dayOf: (at: number): Day => LOCAL_TIME.day(at),
};
