/**
 * Store records: the on-disk envelope of a MetricEvent, its validation and the migration of
 * older shapes. One record is one line of JSON: `{"v":1,"kind":"fate",...}`.
 *
 * Invariants:
 * - Every line the store writes carries `v`, the schema version it was written with.
 * - Decoding never throws: a line is either a current-version MetricEvent (migrated when it
 *   was older) or a problem naming the file, the line and why, so the caller can skip it,
 *   count it and report it. Nothing a person recorded is dropped silently.
 * - Migrations are pure functions from version n to n + 1, applied in order.
 */
import * as z from 'zod';
import { METRIC_SCHEMA_VERSION, type MetricEvent } from '../metrics';

export const STORE_SCHEMA_VERSION = METRIC_SCHEMA_VERSION;

const count = z.number().int().nonnegative();
/** Epoch ms. Fractions are allowed: producers may derive `at` from a session clock with sub-millisecond `t`. */
const at = z.number().nonnegative();
const assistant = z.enum(['inline', 'chat', 'agent']);
const habit = z.enum(['iterate', 'validate', 'decompose', 'learn']);
const label = z.string().min(1).max(120);

/** One schema per kind of the current version; `.strict()` so a field we do not know is a finding, not silently kept. */
export const metricEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('edits'), at, human: count, ai: z.object({ inline: count, chat: count, agent: count }).strict(), tool: count, possiblyAi: count.optional() }).strict(),
  z.object({ kind: z.literal('aiEdit'), at, assistant, chars: count, lines: count }).strict(),
  z
    .object({
      kind: z.literal('fate'),
      at,
      editAt: at,
      assistant,
      chars: count,
      retained: count,
      outcome: z.enum(['undone', 'deleted', 'revised', 'kept', 'lost']),
      revisedShare: z.number().min(0).max(1),
      committed: z.boolean().nullable(),
      ranBeforeCommit: z.boolean().nullable(),
    })
    .strict(),
  z.object({ kind: z.literal('burst'), at, assistant, chars: count, lines: count, files: count }).strict(),
  z.object({ kind: z.literal('run'), at, run: z.enum(['test', 'build', 'lint', 'typecheck', 'run', 'debug']), ok: z.boolean().nullable(), coveredAiEdits: count }).strict(),
  z.object({ kind: z.literal('commit'), at, head: z.string().regex(/^[0-9a-f]{7,64}$/).optional(), aiEdits: count, aiEditsRun: count, aiChars: count }).strict(),
  z.object({ kind: z.literal('habit'), at, habit, signal: label, direction: z.union([z.literal(-1), z.literal(0), z.literal(1)]) }).strict(),
  z.object({ kind: z.literal('nudge'), at, nudge: label, action: z.enum(['shown', 'acted', 'dismissed', 'notUseful', 'snoozed']) }).strict(),
  z.object({ kind: z.literal('exercise'), at, pack: label, exercise: label, habit, event: z.enum(['started', 'step', 'skipped', 'completed']) }).strict(),
  z
    .object({
      kind: z.literal('relabel'),
      at,
      assistant,
      chars: count,
      lines: count,
      fate: z.object({ outcome: z.enum(['undone', 'deleted', 'revised', 'kept', 'lost']), committed: z.boolean().nullable(), ranBeforeCommit: z.boolean().nullable() }).strict().nullable(),
    })
    .strict(),
]);

/** The line the store writes for one event. */
export function encodeRecord(event: MetricEvent): string {
  return JSON.stringify({ v: STORE_SCHEMA_VERSION, ...event }) + '\n';
}

/** Validates an event before it is written, so the store never holds what it cannot read back. */
export function validateEvent(event: unknown): { ok: true; event: MetricEvent } | { ok: false; reason: string } {
  const parsed = metricEventSchema.safeParse(event);
  return parsed.success ? { ok: true, event: parsed.data as MetricEvent } : { ok: false, reason: describeIssues(parsed.error) };
}

/**
 * Migrations from each older version to the next. Version 0 is the shape of the prototype
 * store (before the MetricEvent contract): `{ "type": ..., "ts": ISO string or epoch ms, ... }`,
 * with AI edits keyed by `source` ("copilot" | "chat" | "agent") and fates as `{ type: "fate",
 * result: "kept" | "changed" | "reverted" | "removed" }`. Nothing in the field wrote v0; the
 * migration keeps the path real and tested for the next change of the contract.
 */
type Raw = Record<string, unknown>;
const MIGRATIONS: Record<number, (record: Raw) => Raw> = {
  0: migrateV0toV1,
};

function migrateV0toV1(r: Raw): Raw {
  const { type, ts, source, result, ...rest } = r;
  const when = typeof ts === 'string' ? Date.parse(ts) : ts;
  const kind = type === 'ai-edit' ? 'aiEdit' : type;
  const assistantOf = (s: unknown): unknown => (s === 'copilot' ? 'inline' : s);
  const out: Raw = { ...rest, kind, at: when };
  if (source !== undefined) out.assistant = assistantOf(source);
  if (kind === 'fate') {
    const outcome = { kept: 'kept', changed: 'revised', reverted: 'undone', removed: 'deleted' }[String(result)] ?? result;
    out.outcome = outcome;
    out.editAt ??= when;
    out.revisedShare ??= outcome === 'revised' ? 0.5 : outcome === 'kept' ? 0 : 1;
    out.committed ??= null;
    out.ranBeforeCommit ??= null;
  }
  out.v = 1;
  return out;
}

export type DecodeProblem = 'corrupt' | 'torn' | 'newer';

export type Decoded =
  | { readonly ok: true; readonly event: MetricEvent; readonly migratedFrom: number | null }
  | { readonly ok: false; readonly problem: DecodeProblem; readonly file: string; readonly line: number; readonly reason: string };

/** Decodes one line (without its newline). `line` is 1-based, for messages a person can follow. */
export function decodeRecord(text: string, file: string, line: number): Decoded {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'corrupt', file, line, reason: `not JSON (${(error as Error).message})` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problem: 'corrupt', file, line, reason: 'not a JSON object' };
  let record = raw as Raw;
  const v = record.v ?? 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return { ok: false, problem: 'corrupt', file, line, reason: `bad schema version ${JSON.stringify(v)}` };
  if (v > STORE_SCHEMA_VERSION) return { ok: false, problem: 'newer', file, line, reason: `written by a newer Deliberate (schema ${v}; this one reads up to ${STORE_SCHEMA_VERSION})` };
  for (let from = v; from < STORE_SCHEMA_VERSION; from++) record = MIGRATIONS[from]!(record);
  const { v: _v, ...event } = record;
  const parsed = metricEventSchema.safeParse(event);
  if (!parsed.success) return { ok: false, problem: 'corrupt', file, line, reason: describeIssues(parsed.error) };
  return { ok: true, event: parsed.data as MetricEvent, migratedFrom: v === STORE_SCHEMA_VERSION ? null : v };
}

export interface LineProblem {
  readonly problem: DecodeProblem;
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

export interface DecodedText {
  readonly events: MetricEvent[];
  readonly problems: LineProblem[];
  readonly migrated: number;
}

export interface DecodedSegment {
  /** Each event with the byte offset of its line (absolute, counting from the segment's start). */
  readonly events: { readonly pos: number; readonly event: MetricEvent }[];
  readonly problems: LineProblem[];
  readonly migrated: number;
  /** Absolute byte offset just after the last complete line (where a later read resumes). */
  readonly end: number;
  /** Complete lines read (blank and damaged ones included), for line numbers after `end`. */
  readonly lines: number;
  /** Bytes after `end`: a line still being written, or torn. */
  readonly tail: number;
}

const NEWLINE = 0x0a;
const RECORD_START = '{"v":';
const utf8 = new TextDecoder('utf-8');

/**
 * Decodes the bytes of a segment from absolute offset `base` (a line start; `firstLine` is its
 * 1-based number). A last line without its newline is a write in progress or a torn one: it is
 * not consumed, and reported as `torn` only when `complete` says no writer can still finish it.
 * A damaged line is skipped and reported; when it ends with a whole record glued on (a write cut
 * short by a full disk, then the next record appended after it, as the store could leave before
 * it repaired failed writes) that record is kept. Blank lines are ignored. Never throws; linear in the bytes.
 */
export function decodeSegment(bytes: Uint8Array, base: number, file: string, firstLine: number, complete: boolean): DecodedSegment {
  const events: { pos: number; event: MetricEvent }[] = [];
  const problems: LineProblem[] = [];
  let migrated = 0;
  let start = 0;
  let line = firstLine - 1;
  while (start < bytes.length) {
    const end = bytes.indexOf(NEWLINE, start);
    if (end === -1) {
      if (complete) problems.push({ problem: 'torn', file, line: line + 1, reason: `the last record is incomplete (${bytes.length - start} bytes without an end of line), probably a write cut short` });
      break;
    }
    line++;
    const pos = base + start;
    const body = utf8.decode(bytes.subarray(start, end)).trim();
    start = end + 1;
    if (body === '') continue;
    let d = decodeRecord(body, file, line);
    if (!d.ok && d.problem === 'corrupt') {
      const glued = body.lastIndexOf(RECORD_START);
      const salvaged = glued > 0 ? decodeRecord(body.slice(glued), file, line) : undefined;
      if (salvaged?.ok) {
        problems.push({ problem: 'torn', file, line, reason: `${glued} bytes of a record cut short before a whole one; kept the whole one` });
        d = salvaged;
      }
    }
    if (d.ok) {
      events.push({ pos, event: d.event });
      if (d.migratedFrom !== null) migrated++;
    } else {
      problems.push({ problem: d.problem, file: d.file, line: d.line, reason: d.reason });
    }
  }
  const consumed = Math.min(start, bytes.length);
  return { events, problems, migrated, end: base + consumed, lines: line - (firstLine - 1), tail: bytes.length - consumed };
}

/** `decodeSegment` over a whole segment given as text. */
export function decodeText(text: string, file: string, complete: boolean): DecodedText {
  const d = decodeSegment(new TextEncoder().encode(text), 0, file, 1, complete);
  return { events: d.events.map((e) => e.event), problems: d.problems, migrated: d.migrated };
}

export function formatProblem(p: LineProblem): string {
  const what = p.problem === 'torn' ? 'skipped a torn record' : p.problem === 'newer' ? 'kept but did not read a newer record' : 'skipped a corrupt record';
  return `${p.file}:${p.line}: ${what}: ${p.reason}`;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : 'record'}: ${i.message}`)
    .join('; ');
}
