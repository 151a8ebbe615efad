/**
 * Reader and writer for the edit trace interchange format, version 1
 * (shared/spec/trace-format.md). This is the contract at the edge: the recorder writes
 * exactly this, replay and the tests read it back through the same core.
 *
 * Errors name the file and the 1-based line. An unknown observation `type` is skipped with
 * a warning (forward compatibility); a known type with a missing or ill-typed field is an
 * error.
 */
import * as z from 'zod';
import { NUDGE_KINDS } from './coach/catalogue';
import { exerciseSchema } from './exercises/packSchema';
import { RETENTION_WINDOWS } from './fate/fateTracker';
import { EDIT_LABELS, type Observation, type ObservationType } from './observation';
import type { ControlInput, ControlType, SessionInput } from './sessionInput';
import { COACH_SETTINGS_SCHEMA } from './settings/settingsModel';

export const TRACE_FORMAT = 'edit-trace';
export const TRACE_VERSION = 1;

export interface TraceHeader {
  readonly format: typeof TRACE_FORMAT;
  readonly version: number;
  readonly vscode?: string;
  readonly platform?: string;
  readonly recordedAt?: string;
}

export class TraceError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'TraceError';
  }
}

export interface TraceWarning {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * One input read from a trace, with its 0-based index among the lines after the header: an
 * editor observation, or one of the session's control inputs (src/core/sessionInput.ts).
 */
export interface IndexedObservation {
  readonly i: number;
  readonly line: number;
  readonly observation: SessionInput;
}

export interface ParsedTrace {
  readonly header: TraceHeader;
  readonly observations: readonly IndexedObservation[];
  readonly warnings: readonly TraceWarning[];
}

const offset = z.number().int().nonnegative();
const doc = z.string().min(1);
const t = z.number().int().nonnegative();
const phase = z.enum(['start', 'end']);
const exitCode = z.number().int().nullable().optional();

const schemas: Record<ObservationType, z.ZodType<Observation>> = {
  'doc.open': z.object({ t, type: z.literal('doc.open'), doc, lang: z.string(), text: z.string(), path: z.string().optional() }),
  'doc.change': z.object({
    t,
    type: z.literal('doc.change'),
    doc,
    version: z.number().int(),
    reason: z.enum(['undo', 'redo']).nullable(),
    changes: z.array(z.object({ offset, length: offset, text: z.string() })).min(1),
    source: z.string().optional(),
    label: z.enum(EDIT_LABELS).optional(),
  }),
  'doc.save': z.object({ t, type: z.literal('doc.save'), doc }),
  'doc.close': z.object({ t, type: z.literal('doc.close'), doc }),
  'editor.active': z.object({ t, type: z.literal('editor.active'), doc: doc.nullable() }),
  'editor.selection': z.object({
    t,
    type: z.literal('editor.selection'),
    doc,
    selections: z.array(z.object({ anchor: offset, active: offset })),
    kind: z.enum(['keyboard', 'mouse', 'command']).nullable(),
  }),
  'window.focus': z.object({ t, type: z.literal('window.focus'), focused: z.boolean() }),
  clipboard: z
    .object({
      t,
      type: z.literal('clipboard'),
      text: z.string().optional(),
      length: offset.optional(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
      normalizedSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    })
    .refine((c) => c.text !== undefined || (c.length !== undefined && c.sha256 !== undefined), {
      message: 'clipboard needs "text" or both "length" and "sha256"',
    }),
  fs: z
    .object({
      t,
      type: z.literal('fs'),
      doc: doc.optional(),
      path: z.string().optional(),
      change: z.enum(['created', 'changed', 'deleted']),
    })
    .refine((f) => f.doc !== undefined || f.path !== undefined, { message: 'fs needs "doc" or "path"' }),
  git: z.object({
    t,
    type: z.literal('git'),
    head: z.string(),
    branch: z.string().nullable(),
    op: z.enum(['commit', 'checkout', 'reset', 'merge', 'rebase', 'stash']).nullable().optional(),
  }),
  'terminal.exec': z.object({ t, type: z.literal('terminal.exec'), phase, commandLine: z.string(), exitCode }),
  task: z.object({
    t,
    type: z.literal('task'),
    phase,
    name: z.string(),
    group: z.enum(['test', 'build']).nullable(),
    exitCode,
  }),
  debug: z.object({ t, type: z.literal('debug'), phase }),
  diagnostics: z.object({ t, type: z.literal('diagnostics'), doc, errors: offset, warnings: offset }),
  'editor.command': z.object({ t, type: z.literal('editor.command'), command: z.string().min(1), doc: doc.optional() }),
  'agent.checkpoint': z
    .object({
      t,
      type: z.literal('agent.checkpoint'),
      agent: z.string().min(1),
      phase: z.enum(['pre', 'post']),
      docs: z.array(doc).optional(),
      paths: z.array(z.string()).optional(),
    })
    .refine((a) => a.docs !== undefined || a.paths !== undefined, { message: 'agent.checkpoint needs "docs" or "paths"' }),
} as Record<ObservationType, z.ZodType<Observation>>;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const LABELS: ReadonlySet<string> = new Set(EDIT_LABELS);
const KNOWN_CHANGE_KEYS = new Set(['t', 'type', 'doc', 'version', 'reason', 'changes', 'source', 'label']);
const KNOWN_SELECTION_KEYS = new Set(['t', 'type', 'doc', 'selections', 'kind']);

function onlyKeys(o: Record<string, unknown>, known: ReadonlySet<string>): boolean {
  for (const k in o) if (!known.has(k)) return false;
  return true;
}

/** Exact equivalents of the zod schemas for the hot types: true means the value is valid as is. */
const FAST_CHECKS: Record<string, ((o: Record<string, unknown>) => boolean) | undefined> = {
  'doc.change': (o) => {
    if (!isCount(o.t) || typeof o.doc !== 'string' || o.doc.length === 0 || typeof o.version !== 'number' || !Number.isInteger(o.version)) return false;
    if (o.reason !== null && o.reason !== 'undo' && o.reason !== 'redo') return false;
    if (o.source !== undefined && typeof o.source !== 'string') return false;
    if (o.label !== undefined && (typeof o.label !== 'string' || !LABELS.has(o.label))) return false;
    const changes = o.changes;
    if (!Array.isArray(changes) || changes.length === 0) return false;
    for (const c of changes) {
      if (typeof c !== 'object' || c === null || !isCount(c.offset) || !isCount(c.length) || typeof c.text !== 'string' || Object.keys(c).length !== 3) return false;
    }
    return onlyKeys(o, KNOWN_CHANGE_KEYS);
  },
  'editor.selection': (o) => {
    if (!isCount(o.t) || typeof o.doc !== 'string' || o.doc.length === 0) return false;
    if (o.kind !== null && o.kind !== 'keyboard' && o.kind !== 'mouse' && o.kind !== 'command') return false;
    const selections = o.selections;
    if (!Array.isArray(selections)) return false;
    for (const s of selections) {
      if (typeof s !== 'object' || s === null || !isCount(s.anchor) || !isCount(s.active) || Object.keys(s).length !== 2) return false;
    }
    return onlyKeys(o, KNOWN_SELECTION_KEYS);
  },
};

/** The coach's settings in a trace are the settings model's own (one definition: src/core/settings). */
const coachSettings = COACH_SETTINGS_SCHEMA;
const sessionSettings = z.object({ coach: coachSettings, aiCommands: z.array(z.string()) });
const kindRecord = z.object({
  shown: offset,
  acted: offset,
  dismissed: offset,
  notUseful: offset,
  lastShownAt: z.number().nullable(),
  quietUntil: z.number().nullable(),
  retired: z.boolean(),
});
const coachState = z.object({
  version: z.literal(1),
  day: z.string(),
  usedToday: offset,
  lastNudgeAt: z.number().nullable(),
  kinds: z.partialRecord(z.enum(NUDGE_KINDS), kindRecord),
});
const retained = z.object(Object.fromEntries(RETENTION_WINDOWS.map((w) => [w.name, offset.nullable()])) as Record<(typeof RETENTION_WINDOWS)[number]['name'], z.ZodNullable<typeof offset>>);
const restoredFate = z.object({
  doc,
  label: z.enum(EDIT_LABELS),
  span: z.object({
    original: offset,
    undone: offset,
    touched: z.boolean(),
    lost: offset,
    reformatted: offset.optional(),
    ranges: z.array(z.object({ start: offset, end: offset, orig: offset, fp: z.string() })),
  }),
  at: z.number(),
  retained,
  atSave: offset.nullable(),
  atCommit: offset.nullable(),
  firstRunAt: z.number().nullable(),
  ranBeforeCommit: z.boolean().nullable(),
});

/** The session's control inputs: this project's additions to the format (src/core/sessionInput.ts). */
const controlSchemas: Record<ControlType, z.ZodType<ControlInput>> = {
  'session.start': z.object({ t, type: z.literal('session.start'), settings: sessionSettings, coachState, exactSources: z.boolean().optional() }),
  'session.settings': z.object({ t, type: z.literal('session.settings'), settings: sessionSettings }),
  'fates.restore': z.object({ t, type: z.literal('fates.restore'), items: z.array(restoredFate) }),
  'nudge.answer': z.object({ t, type: z.literal('nudge.answer'), nudge: z.string().min(1), action: z.enum(['acted', 'dismissed', 'notUseful', 'snoozed']) }),
  review: z.object({ t, type: z.literal('review'), nudge: z.string().min(1).optional(), doc: doc.nullable().optional() }),
  'git.staged': z.object({ t, type: z.literal('git.staged'), docs: z.array(doc) }),
  'commit.files': z.object({ t, type: z.literal('commit.files'), head: z.string(), files: z.array(z.object({ doc, committed: z.string().nullable() })) }),
  'file.content': z.object({ t, type: z.literal('file.content'), path: z.string().min(1), doc, version: z.enum(['before', 'disk', 'head']), text: z.string().nullable() }),
  'exercise.start': z.object({ t, type: z.literal('exercise.start'), pack: z.string().min(1), exercise: exerciseSchema, resumeAt: offset.optional() }),
  'exercise.stop': z.object({ t, type: z.literal('exercise.stop') }),
  'exercise.skip': z.object({ t, type: z.literal('exercise.skip') }),
  'exercise.restart': z.object({ t, type: z.literal('exercise.restart') }),
  'label.correct': z.object({ t, type: z.literal('label.correct'), edits: z.array(offset) }),
  'coach.reset': z.object({ t, type: z.literal('coach.reset') }),
  'trace.end': z.object({ t, type: z.literal('trace.end') }),
} as Record<ControlType, z.ZodType<ControlInput>>;

const allSchemas: Readonly<Record<string, z.ZodType<SessionInput>>> = Object.assign(Object.create(null) as Record<string, z.ZodType<SessionInput>>, schemas, controlSchemas);

const headerSchema = z.object({
  format: z.literal(TRACE_FORMAT),
  version: z.number().int(),
  vscode: z.string().optional(),
  platform: z.string().optional(),
  recordedAt: z.string().optional(),
});

function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function parseHeaderLine(text: string, file: string, line = 1): TraceHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TraceError(file, line, 'the header is not valid JSON; a trace starts with {"format":"edit-trace","version":1,...}');
  }
  const parsed = headerSchema.safeParse(value);
  if (!parsed.success) {
    throw new TraceError(file, line, `missing or malformed header (${describeZodError(parsed.error)})`);
  }
  if (parsed.data.version !== TRACE_VERSION) {
    throw new TraceError(file, line, `unsupported trace version ${parsed.data.version}; this reader knows version ${TRACE_VERSION}`);
  }
  return parsed.data as TraceHeader;
}

/**
 * Parses one observation line. Returns `undefined` (and reports a warning) for an unknown
 * type; throws TraceError for malformed JSON or a known type with bad fields.
 */
export function parseObservationLine(
  text: string,
  file: string,
  line: number,
  warn: (w: TraceWarning) => void,
): SessionInput | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TraceError(file, line, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TraceError(file, line, 'an observation must be a JSON object');
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') {
    throw new TraceError(file, line, 'missing "type"');
  }
  // The two types that make up most of a typing trace are checked by hand first; anything
  // that does not pass goes through zod, which also words the error.
  const fast = Object.hasOwn(FAST_CHECKS, type) ? FAST_CHECKS[type] : undefined;
  if (fast !== undefined && fast(value as Record<string, unknown>)) return value as Observation;
  const schema = Object.hasOwn(allSchemas, type) ? allSchemas[type] : undefined;
  if (schema === undefined) {
    warn({ file, line, message: `unknown observation type "${type}", skipped` });
    return undefined;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new TraceError(file, line, `bad "${type}" observation: ${describeZodError(parsed.error)}`);
  }
  return parsed.data;
}

/** Parses a whole trace held in memory. Line endings may be LF or CRLF; empty lines are ignored. */
export function parseTrace(text: string, file: string): ParsedTrace {
  const lines = text.split('\n');
  const warnings: TraceWarning[] = [];
  const observations: IndexedObservation[] = [];
  let header: TraceHeader | undefined;
  let lastT = 0;
  let index = 0;
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n]!;
    const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Blank lines are skipped (an observation line starts with "{": no trim needed for those).
    if (content.length === 0 || (content.charCodeAt(0) !== 123 && content.trim() === '')) continue;
    const lineNo = n + 1;
    if (header === undefined) {
      header = parseHeaderLine(content, file, lineNo);
      continue;
    }
    // `i` counts every observation line, skipped ones too, so indices match the file.
    const i = index++;
    const observation = parseObservationLine(content, file, lineNo, (w) => warnings.push(w));
    if (observation === undefined) continue;
    if (observation.t < lastT) {
      throw new TraceError(file, lineNo, `"t" went backwards (${observation.t} after ${lastT})`);
    }
    lastT = observation.t;
    observations.push({ i, line: lineNo, observation });
  }
  if (header === undefined) {
    throw new TraceError(file, 1, 'empty trace: the header line is missing');
  }
  return { header, observations, warnings };
}

export function formatHeader(header: Omit<TraceHeader, 'format' | 'version'>): string {
  return JSON.stringify({ format: TRACE_FORMAT, version: TRACE_VERSION, ...header });
}

/**
 * One observation as a trace line. Field order follows the spec's examples (`t`, `type`,
 * then the type's fields), which is the order the adapter builds them in.
 */
export function formatObservation(observation: SessionInput): string {
  return JSON.stringify(observation);
}
