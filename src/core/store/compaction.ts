/**
 * Compaction and retention policy, and the format of `rollups.jsonl`.
 *
 * The store keeps raw events in segments, one per writer and local day
 * (`events/<day>-<writerId>.jsonl`), and folds closed segments into daily rollups.
 * `rollups.jsonl` starts with a manifest naming every segment already folded into it, then one
 * line per day. The file is replaced atomically (temp, fsync, rename), so the manifest and the
 * rollups always agree; a reader counts a segment either through the rollups (named in the
 * manifest) or raw (not named), never both and never neither.
 *
 * Invariants:
 * - Only closed segments are compacted: those of days before yesterday. No writer appends to a
 *   segment of day D after D ends; the extra day of grace covers windows whose clocks or time
 *   zones differ a little and a write that computed its day just before midnight.
 * - A raw segment is deleted only when it is named in a durably written manifest and is older
 *   than the retention window. Rollups are kept for good (a year is about 200 KB).
 * - A manifest entry whose segment is gone is pruned at the next compaction.
 */
import * as z from 'zod';
import { addDays, isDay, type Day } from './days';
import { dayRollupSchema, type DayRollup } from './rollup';
import { STORE_SCHEMA_VERSION, type LineProblem } from './records';

export const DEFAULT_RETENTION_DAYS = 90;
export const MIN_RETENTION_DAYS = 7;

const SEGMENT_RE = /^(\d{4}-\d{2}-\d{2})-([A-Za-z0-9_]{1,64})\.jsonl$/;

export function segmentName(day: Day, writerId: string): string {
  return `${day}-${writerId}.jsonl`;
}

export function parseSegmentName(name: string): { day: Day; writerId: string } | undefined {
  const m = SEGMENT_RE.exec(name);
  if (m === null || !isDay(m[1]!)) return undefined;
  return { day: m[1]!, writerId: m[2]! };
}

export interface CompactionPlan {
  /** Closed segments not yet folded into the rollups. */
  readonly compact: string[];
  /** Folded segments older than the retention window: delete after the new manifest is durable. */
  readonly expire: string[];
}

export function clampRetention(days: number): number {
  return Number.isFinite(days) ? Math.max(MIN_RETENTION_DAYS, Math.floor(days)) : DEFAULT_RETENTION_DAYS;
}

export function planCompaction(segments: readonly string[], manifest: ReadonlySet<string>, today: Day, retentionDays: number): CompactionPlan {
  const closedBefore = addDays(today, -1);
  const keepFrom = addDays(today, -clampRetention(retentionDays));
  const compact: string[] = [];
  const expire: string[] = [];
  for (const name of segments) {
    const parsed = parseSegmentName(name);
    if (parsed === undefined) continue;
    if (!manifest.has(name)) {
      if (parsed.day < closedBefore) compact.push(name);
    } else if (parsed.day < keepFrom) {
      expire.push(name);
    }
  }
  return { compact: compact.sort(), expire: expire.sort() };
}

const manifestSchema = z.object({ v: z.number(), type: z.literal('manifest'), segments: z.array(z.string()) });

export interface RollupFile {
  readonly segments: Set<string>;
  readonly days: Map<Day, DayRollup>;
  readonly problems: LineProblem[];
}

export function emptyRollupFile(): RollupFile {
  return { segments: new Set(), days: new Map(), problems: [] };
}

export function encodeRollupFile(segments: Iterable<string>, days: Iterable<DayRollup>): string {
  const lines = [JSON.stringify({ v: STORE_SCHEMA_VERSION, type: 'manifest', segments: [...segments].sort() })];
  for (const d of [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))) lines.push(JSON.stringify({ v: STORE_SCHEMA_VERSION, type: 'day', ...d }));
  return lines.join('\n') + '\n';
}

/**
 * Reads `rollups.jsonl`. The file is only ever replaced whole, so a problem here means damage
 * from outside: a bad day line is skipped and reported; a bad manifest is reported and treated as
 * naming nothing (so every segment still on disk is read raw again: a day may then count twice,
 * which is better than losing it).
 */
export function decodeRollupFile(text: string, file: string): RollupFile {
  const out = emptyRollupFile();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const body = raw.trim();
    if (body === '') return;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      out.problems.push({ problem: i === lines.length - 1 ? 'torn' : 'corrupt', file, line: i + 1, reason: `not JSON (${(error as Error).message})` });
      return;
    }
    const type = (value as { type?: unknown } | null)?.type;
    if (type === 'manifest') {
      const m = manifestSchema.safeParse(value);
      if (m.success) m.data.segments.forEach((s) => out.segments.add(s));
      else out.problems.push({ problem: 'corrupt', file, line: i + 1, reason: 'unreadable manifest' });
      return;
    }
    const { v: _v, type: _t, ...rest } = value as Record<string, unknown>;
    const d = dayRollupSchema.safeParse(rest);
    if (!d.success || type !== 'day') {
      out.problems.push({ problem: 'corrupt', file, line: i + 1, reason: d.success ? `unknown line type ${JSON.stringify(type)}` : d.error.issues.slice(0, 2).map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
      return;
    }
    out.days.set(d.data.day, d.data);
  });
  return out;
}
