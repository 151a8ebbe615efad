/**
 * Compaction and retention policy, and the format of `rollups.jsonl`.
 *
 * Raw events live in segments, `events/<day>-<writer>.<seq>.jsonl`: one writer (a window, a
 * process) appends whole lines to one segment at a time and moves to a new one (the next
 * `seq`, a name never used before) when its day changes, when it has been idle, or when
 * anything about the file surprised it. Compaction folds the complete lines of segments into
 * daily rollups and records, for every segment, how many bytes it has folded.
 *
 * `rollups.jsonl` is a manifest line, then one line per day; every line carries a checksum.
 *   manifest: `folded` maps a segment to [bytes folded, lines folded, sealed]
 *   day:      the day's counts and `src`, which maps a segment to the bytes of it whose events
 *             of this day the counts include
 *
 * Invariants (what makes a read exact whatever faults came before):
 * - The counting rule: the event of day D on the line starting at byte p of segment S is in
 *   D's rollup line if and only if p < src[D][S] (0 when D has no line or it does not name S).
 *   A reader counts from the raw segment exactly the events the rollups do not hold, so a
 *   segment that grew after it was folded (a writer whose clock moved, a fold of a live
 *   segment) is neither lost nor doubled.
 * - The manifest is only an index: it says from which byte each segment can hold events the
 *   rollups do not, and which segments will never grow again (sealed: their writer moved on).
 *   When it or any day line is damaged, readers fall back to reading every segment from the
 *   start under the counting rule (exact, slower) and the next compaction rebuilds the file:
 *   a day whose line was damaged is counted again from the raw events still kept.
 * - Folding is by position, not by time: any compaction may fold any complete line of any
 *   segment, so correctness never rests on the clocks of writers and compactors agreeing.
 * - A raw segment is deleted only when it was sealed and fully folded in a durably written
 *   file (so two compactions racing agree on it) and its day is past the retention window.
 *   Its entries are pruned from the file only once it is gone; names are never reused.
 */
import * as z from 'zod';
import type { MetricEvent } from '../metrics';
import { addDays, isDay, type Day, type LocalCalendar } from './days';
import { addEvent, cloneRollup, dayRollupSchema, emptyRollup, type DayRollup } from './rollup';
import type { LineProblem } from './records';

export const DEFAULT_RETENTION_DAYS = 90;
export const MIN_RETENTION_DAYS = 7;
/** Version of the `rollups.jsonl` format (records in segments have their own, STORE_SCHEMA_VERSION). */
export const ROLLUP_FORMAT = 2;

const SEGMENT_RE = /^(\d{4}-\d{2}-\d{2})-([A-Za-z0-9_]{1,64})(?:\.(\d{1,9}))?\.jsonl$/;

/** A writer's segments are numbered from 1; names without a number (format 1) read as 0. */
export function segmentName(day: Day, writerId: string, seq: number): string {
  return `${day}-${writerId}.${seq}.jsonl`;
}

export function parseSegmentName(name: string): { day: Day; writerId: string; seq: number } | undefined {
  const m = SEGMENT_RE.exec(name);
  if (m === null || !isDay(m[1]!)) return undefined;
  return { day: m[1]!, writerId: m[2]!, seq: m[3] === undefined ? 0 : Number(m[3]) };
}

export function clampRetention(days: number): number {
  return Number.isFinite(days) ? Math.max(MIN_RETENTION_DAYS, Math.floor(days)) : DEFAULT_RETENTION_DAYS;
}

/** How far a segment is folded. `bytes` is Infinity for a segment a format-1 manifest named (folded whole). */
export interface Folded {
  readonly bytes: number;
  readonly lines: number;
  readonly sealed: boolean;
}

export interface RollupFile {
  readonly days: Map<Day, DayRollup>;
  /** Per day, per segment: bytes of the segment whose events of that day the day's counts include. */
  readonly sources: Map<Day, Map<string, number>>;
  readonly folded: Map<string, Folded>;
  /** Some line could not be trusted: read every segment from its start under the counting rule. */
  readonly damaged: boolean;
  /** Written by a newer Deliberate: read what can be read, but never replace it. */
  readonly newer: boolean;
  readonly problems: LineProblem[];
}

export function emptyRollupFile(): RollupFile {
  return { days: new Map(), sources: new Map(), folded: new Map(), damaged: false, newer: false, problems: [] };
}

/** The counting rule: bytes of `segment` whose events of `day` the rollups already hold. */
export function countedUpTo(file: Pick<RollupFile, 'sources' | 'folded'>, day: Day, segment: string): number {
  const f = file.folded.get(segment);
  if (f !== undefined && f.bytes === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  return file.sources.get(day)?.get(segment) ?? 0;
}

/** Where a reader starts in a segment, and the line number there (1-based), or undefined to skip it. */
export function readFrom(file: RollupFile, segment: string): { bytes: number; line: number } | undefined {
  const f = file.folded.get(segment);
  // Folded whole by format 1: its days' lines hold it all, whatever else is damaged.
  if (f?.bytes === Number.POSITIVE_INFINITY) return undefined;
  if (f === undefined || file.damaged) return { bytes: 0, line: 1 };
  if (f.sealed) return undefined;
  return { bytes: f.bytes, line: f.lines + 1 };
}

/** An event of a segment with the byte offset of its line. */
export interface PositionedEvent {
  readonly pos: number;
  readonly event: MetricEvent;
}

/**
 * Adds to `days` the events the rollups do not hold yet (the counting rule), and returns
 * the days they fell on. Pure over its arguments; mutates `days`.
 */
export function foldEvents(file: Pick<RollupFile, 'sources' | 'folded'>, segment: string, events: Iterable<PositionedEvent>, calendar: LocalCalendar, days: Map<Day, DayRollup>): Set<Day> {
  const touched = new Set<Day>();
  for (const { pos, event } of events) {
    const day = calendar.dayOf(event.at);
    if (pos < countedUpTo(file, day, segment)) continue;
    let r = days.get(day);
    if (r === undefined) days.set(day, (r = emptyRollup(day)));
    addEvent(r, event);
    touched.add(day);
  }
  return touched;
}

/**
 * The state a compaction builds: a copy of the file it read, to which it folds segments.
 * `write()` gives the text of the new file.
 */
export class Compaction {
  readonly days: Map<Day, DayRollup>;
  readonly sources: Map<Day, Map<string, number>>;
  readonly folded = new Map<string, Folded>();
  /** Per segment, the most any day line says it holds of it. */
  private readonly claimed = new Map<string, number>();

  constructor(private readonly previous: RollupFile) {
    this.days = new Map([...previous.days].map(([d, r]) => [d, cloneRollup(r)]));
    this.sources = new Map([...previous.sources].map(([d, s]) => [d, new Map(s)]));
    for (const s of previous.sources.values()) for (const [name, bytes] of s) this.claimed.set(name, Math.max(this.claimed.get(name) ?? 0, bytes));
  }

  /** Where to read `segment` from: a damaged file is rebuilt from every segment's start. */
  readFrom(segment: string): { bytes: number; line: number } | undefined {
    return readFrom(this.previous, segment);
  }

  /** A segment the previous file held whole or sealed: carried over as it was. */
  keep(segment: string): void {
    const f = this.previous.folded.get(segment);
    if (f !== undefined) this.folded.set(segment, f);
  }

  /**
   * Folds the events read from `segment` (its complete lines up to byte `end`, `lines` of them).
   * `sealed`: its writer has moved on, so nothing will ever follow `end`.
   */
  fold(segment: string, events: readonly PositionedEvent[], end: number, lines: number, sealed: boolean, calendar: LocalCalendar): void {
    const touched = foldEvents(this, segment, events, calendar, this.days);
    for (const day of touched) {
      let s = this.sources.get(day);
      if (s === undefined) this.sources.set(day, (s = new Map()));
      s.set(segment, end);
    }
    // A segment cut shorter from outside: never say less was folded than a day line holds.
    this.folded.set(segment, { bytes: Math.max(end, this.claimed.get(segment) ?? 0), lines, sealed });
  }

  /** Forgets segments no longer on disk (deleted by an earlier compaction, or by the person). */
  prune(onDisk: ReadonlySet<string>): number {
    let pruned = 0;
    for (const name of this.previous.folded.keys()) if (!onDisk.has(name)) pruned++;
    for (const s of this.sources.values()) for (const name of [...s.keys()]) if (!onDisk.has(name)) s.delete(name);
    for (const name of [...this.folded.keys()]) if (!onDisk.has(name)) this.folded.delete(name);
    return pruned;
  }

  /**
   * Segments to delete once the new file is durable: sealed and folded to the same byte in the
   * file this compaction read (so a compaction racing this one, which read that file too,
   * counts them through the rollups as well) and of a day before the retention window.
   */
  expire(today: Day, retentionDays: number): string[] {
    const keepFrom = addDays(today, -clampRetention(retentionDays));
    const out: string[] = [];
    for (const [name, now] of this.folded) {
      const before = this.previous.damaged ? undefined : this.previous.folded.get(name);
      const parsed = parseSegmentName(name);
      if (before === undefined || parsed === undefined || !before.sealed || !now.sealed || before.bytes !== now.bytes) continue;
      if (parsed.day < keepFrom) out.push(name);
    }
    return out.sort();
  }

  write(): string {
    return encodeRollupFile(this.folded, this.days.values(), this.sources);
  }
}

// ---- the file format ----

/** FNV-1a, 32 bits, over UTF-16 code units: detects damage that still parses as JSON. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function sealLine(value: Record<string, unknown>): string {
  const body = JSON.stringify(value);
  return `${body.slice(0, -1)},"sum":"${checksum(body)}"}`;
}

const SUM_RE = /,"sum":"([0-9a-f]{8})"\}$/;

/** The line without its checksum, if the checksum is there and right; null if wrong; undefined if absent. */
function verify(line: string): string | null | undefined {
  const m = SUM_RE.exec(line);
  if (m === null) return undefined;
  const body = `${line.slice(0, m.index)}}`;
  return checksum(body) === m[1] ? body : null;
}

export function encodeRollupFile(folded: ReadonlyMap<string, Folded>, days: Iterable<DayRollup>, sources: ReadonlyMap<Day, ReadonlyMap<string, number>>): string {
  const manifest: Record<string, [number, number, 0 | 1] | [null, 0, 1]> = {};
  for (const name of [...folded.keys()].sort()) {
    const f = folded.get(name)!;
    manifest[name] = f.bytes === Number.POSITIVE_INFINITY ? [null, 0, 1] : [f.bytes, f.lines, f.sealed ? 1 : 0];
  }
  const lines = [sealLine({ v: ROLLUP_FORMAT, type: 'manifest', folded: manifest })];
  for (const d of [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))) {
    const src = Object.fromEntries([...(sources.get(d.day) ?? new Map<string, number>())].sort(([a], [b]) => (a < b ? -1 : 1)));
    lines.push(sealLine({ v: ROLLUP_FORMAT, type: 'day', ...d, src }));
  }
  return lines.join('\n') + '\n';
}

const foldedEntry = z.union([z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.union([z.literal(0), z.literal(1)])]), z.tuple([z.null(), z.literal(0), z.literal(1)])]);
const manifestSchema = z.object({ v: z.literal(ROLLUP_FORMAT), type: z.literal('manifest'), folded: z.record(z.string(), foldedEntry) });
/** Format 1 (before offsets and checksums): segments named were folded whole. */
const legacyManifestSchema = z.object({ v: z.literal(1), type: z.literal('manifest'), segments: z.array(z.string()) });
const srcSchema = z.record(z.string(), z.number().int().nonnegative());

/**
 * Reads `rollups.jsonl`. The file is only ever replaced whole, so a problem here means damage
 * from outside. Any line that cannot be trusted (not JSON, a wrong checksum, a bad shape, a
 * second line for a day) is skipped, reported with its line, and marks the file damaged, which
 * makes readers fall back to the exact slow path (see the invariants above). Never throws.
 */
export function decodeRollupFile(text: string, file: string): RollupFile {
  const days = new Map<Day, DayRollup>();
  const sources = new Map<Day, Map<string, number>>();
  const folded = new Map<string, Folded>();
  const problems: LineProblem[] = [];
  let damaged = false;
  let newer = false;
  let legacy = false;
  let manifest = false;
  const bad = (line: number, reason: string, problem: LineProblem['problem'] = 'corrupt'): void => {
    problems.push({ problem, file, line, reason });
    damaged = true;
  };
  const lines = text.split('\n');
  const last = lines.length - 1;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      return bad(n, `not JSON (${(error as Error).message})`, i === last ? 'torn' : 'corrupt');
    }
    const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    const { v, type } = record;
    if (typeof v === 'number' && v > ROLLUP_FORMAT) {
      newer = true;
      return bad(n, `written by a newer Deliberate (format ${v}; this one reads up to ${ROLLUP_FORMAT})`, 'newer');
    }
    const body = verify(line);
    if (body === null) return bad(n, 'its checksum does not match: the line was changed or damaged');
    if (type === 'manifest') {
      if (manifest) return bad(n, 'a second manifest');
      if (body === undefined) {
        const m = legacyManifestSchema.safeParse(value);
        if (!m.success) return bad(n, 'unreadable manifest (no checksum)');
        manifest = legacy = true;
        for (const s of m.data.segments) folded.set(s, { bytes: Number.POSITIVE_INFINITY, lines: 0, sealed: true });
        return;
      }
      const m = manifestSchema.safeParse(value);
      if (!m.success) return bad(n, 'unreadable manifest');
      manifest = true;
      for (const [s, [bytes, count, sealed]] of Object.entries(m.data.folded)) folded.set(s, { bytes: bytes ?? Number.POSITIVE_INFINITY, lines: count, sealed: sealed === 1 });
      return;
    }
    if (type !== 'day') return bad(n, `unknown line type ${JSON.stringify(type)}`);
    // A day line without a checksum is trusted only in a format-1 file (read after its manifest).
    if (body === undefined && !legacy) return bad(n, 'a day line without its checksum');
    const { v: _v, type: _t, src, sum: _s, ...rest } = record;
    const d = dayRollupSchema.safeParse(rest);
    if (!d.success) return bad(n, d.error.issues.slice(0, 2).map((x) => `${x.path.join('.')}: ${x.message}`).join('; '));
    const s = srcSchema.safeParse(src ?? {});
    if (!s.success) return bad(n, 'unreadable sources');
    if (days.has(d.data.day)) return bad(n, `a second line for ${d.data.day}`);
    days.set(d.data.day, d.data);
    if (Object.keys(s.data).length > 0) sources.set(d.data.day, new Map(Object.entries(s.data)));
  });
  if (!manifest && lines.some((l) => l.trim() !== '') && !damaged) bad(1, 'no manifest');
  if (!manifest && lines.every((l) => l.trim() === '')) bad(1, 'the file is empty');
  // A day may not claim more of a segment than the manifest says was folded.
  if (!damaged) {
    for (const [day, s] of sources) {
      for (const [name, bytes] of s) {
        const f = folded.get(name);
        if (f === undefined || bytes > f.bytes) {
          bad(1, `the manifest and the line for ${day} disagree about ${name}`);
          break;
        }
      }
    }
  }
  return { days, sources, folded, damaged, newer, problems };
}
