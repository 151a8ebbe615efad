/**
 * The coach's policy: whether a nudge that is due may be shown now. Pure: state in, decision
 * and new state out; time is epoch milliseconds and local time comes through a port.
 *
 * Rules (from the nudge hygiene section of shared/notes/coaching-evidence.md):
 * - a master switch and quiet hours;
 * - a daily budget (the preset's unless set), counted per local day;
 * - at most one nudge per `minGapMs`, and a cooldown per kind;
 * - the commit hint (`unrunAtCommit`) is the separate "before a commit with AI lines
 *   never run" hint, not a budgeted nudge: one per commit, outside the daily budget, the gap
 *   and the cooldowns, so every unrun AI burst that is committed gets it unless the person
 *   silenced it (switch, quiet hours, dismissed, snoozed, "not useful", or retired after
 *   being mostly dismissed). Budgeted nudges still count it for the gap after it;
 * - a dismissed kind stays quiet for `dismissQuietMs`; "snooze" quiets it for a day;
 * - "not useful" retires the kind, and a kind that is mostly dismissed retires itself.
 */
import type { Habit, NudgeAction } from '../metrics';
import { parseQuietHours, type Preset } from '../settings/values';
import { CATALOGUE, NUDGE_KINDS, type NudgeKind } from './catalogue';

// The settings' vocabulary lives with the settings model (one definition); re-exported for the coach's callers.
export { parseQuietHours, PRESETS, type Preset } from '../settings/values';

/** What the person set (deliberate.coach.*); null means "the preset's". */
export interface CoachSettings {
  readonly enabled: boolean;
  readonly preset: Preset;
  readonly dailyBudget: number | null;
  /** "HH:MM-HH:MM" in local time (settings/values.ts QUIET_HOURS_PATTERN); empty for none. */
  readonly quietHours: string;
  readonly emphasis: readonly Habit[];
  readonly largeBurstLines: number | null;
  /** Fewest minutes between two nudges; null: the preset's. */
  readonly minutesBetweenNudges: number | null;
  /** The team's test and lint commands (deliberate.validation.commands). */
  readonly validationCommands: readonly string[];
}

export const DEFAULT_COACH_SETTINGS: CoachSettings = {
  enabled: true,
  preset: 'standard',
  dailyBudget: null,
  quietHours: '',
  emphasis: [],
  largeBurstLines: null,
  minutesBetweenNudges: null,
  validationCommands: [],
};

export interface PresetConfig {
  readonly dailyBudget: number;
  readonly minGapMs: number;
  readonly cooldownMs: number;
  readonly largeBurstLines: number;
  readonly largeBurstFiles: number;
  readonly kinds: readonly NudgeKind[];
}

const MIN = 60_000;
const HOUR = 60 * MIN;
export const DAY_MS = 24 * HOUR;

export const PRESET_CONFIG: Readonly<Record<Preset, PresetConfig>> = {
  quiet: { dailyBudget: 1, minGapMs: 2 * HOUR, cooldownMs: DAY_MS, largeBurstLines: 200, largeBurstFiles: 5, kinds: ['unrunAtCommit', 'largeBurst'] },
  standard: { dailyBudget: 3, minGapMs: 20 * MIN, cooldownMs: 2 * HOUR, largeBurstLines: 80, largeBurstFiles: 3, kinds: ['unrunAtCommit', 'largeBurst', 'unrunAiCode', 'errorsAfterAi'] },
  learner: { dailyBudget: 6, minGapMs: 10 * MIN, cooldownMs: 45 * MIN, largeBurstLines: 40, largeBurstFiles: 3, kinds: [...NUDGE_KINDS] },
};

/** A dismissed nudge's kind stays quiet this long. */
export const DISMISS_QUIET_MS = 4 * HOUR;
/** A kind retires itself after this many showings when more than half of them were dismissed. */
export const RETIRE_AFTER_SHOWN = 4;

export interface ResolvedCoachConfig extends PresetConfig {
  readonly enabled: boolean;
  readonly quietHours: { readonly from: number; readonly to: number } | null;
  readonly emphasis: readonly Habit[];
  readonly validationCommands: readonly string[];
}

/** Settings over the preset. A malformed quiet-hours value is reported through `warn` and ignored. */
export function resolveConfig(s: CoachSettings, warn: (message: string) => void = () => undefined): ResolvedCoachConfig {
  const preset = PRESET_CONFIG[s.preset] ?? PRESET_CONFIG.standard;
  let quietHours: ResolvedCoachConfig['quietHours'] = null;
  try {
    quietHours = parseQuietHours(s.quietHours);
  } catch (error) {
    warn((error as Error).message);
  }
  // Emphasis adds the kinds of the emphasised habits to the preset's.
  const kinds = new Set(preset.kinds);
  for (const k of NUDGE_KINDS) if (s.emphasis.includes(CATALOGUE[k].habit)) kinds.add(k);
  return {
    ...preset,
    dailyBudget: s.dailyBudget !== null && Number.isFinite(s.dailyBudget) && s.dailyBudget >= 0 ? Math.floor(s.dailyBudget) : preset.dailyBudget,
    largeBurstLines: s.largeBurstLines !== null && s.largeBurstLines > 0 ? Math.floor(s.largeBurstLines) : preset.largeBurstLines,
    minGapMs: s.minutesBetweenNudges !== null && s.minutesBetweenNudges >= 0 ? s.minutesBetweenNudges * MIN : preset.minGapMs,
    kinds: NUDGE_KINDS.filter((k) => kinds.has(k)),
    enabled: s.enabled,
    quietHours,
    emphasis: s.emphasis,
    validationCommands: s.validationCommands,
  };
}

/** Local time, from the adapter (the core has no time zone). */
export interface LocalTime {
  /** A label of the local calendar day, e.g. "2026-11-21". */
  day(epochMs: number): string;
  minutesOfDay(epochMs: number): number;
}

export interface KindRecord {
  readonly shown: number;
  readonly acted: number;
  readonly dismissed: number;
  readonly notUseful: number;
  readonly lastShownAt: number | null;
  /** Dismissed or snoozed: quiet until then. */
  readonly quietUntil: number | null;
  readonly retired: boolean;
}

/** Everything the policy remembers; persisted through the CoachStore port. Plain JSON. */
export interface CoachState {
  readonly version: 1;
  readonly day: string;
  readonly usedToday: number;
  readonly lastNudgeAt: number | null;
  readonly kinds: Readonly<Partial<Record<NudgeKind, KindRecord>>>;
}

export function emptyState(): CoachState {
  return { version: 1, day: '', usedToday: 0, lastNudgeAt: null, kinds: {} };
}

/** Reads a stored state defensively: anything malformed becomes the empty state. */
export function reviveState(value: unknown): CoachState {
  if (typeof value !== 'object' || value === null) return emptyState();
  const v = value as Partial<CoachState>;
  if (v.version !== 1 || typeof v.day !== 'string' || typeof v.usedToday !== 'number' || typeof v.kinds !== 'object' || v.kinds === null) return emptyState();
  const kinds: Partial<Record<NudgeKind, KindRecord>> = {};
  for (const k of NUDGE_KINDS) {
    const r = (v.kinds as Record<string, Partial<KindRecord>>)[k];
    if (r === undefined || typeof r !== 'object' || r === null) continue;
    const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
    const opt = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
    kinds[k] = { shown: num(r.shown), acted: num(r.acted), dismissed: num(r.dismissed), notUseful: num(r.notUseful), lastShownAt: opt(r.lastShownAt), quietUntil: opt(r.quietUntil), retired: r.retired === true };
  }
  return { version: 1, day: v.day, usedToday: v.usedToday, lastNudgeAt: typeof v.lastNudgeAt === 'number' ? v.lastNudgeAt : null, kinds };
}

/** Where the state lives: globalState in the extension, memory in replay and tests. */
export interface CoachStore {
  load(): CoachState;
  save(state: CoachState): void;
}

export function memoryStore(initial: CoachState = emptyState()): CoachStore & { state: CoachState } {
  const store = {
    state: initial,
    load: () => store.state,
    save: (s: CoachState) => {
      store.state = s;
    },
  };
  return store;
}

const EMPTY_RECORD: KindRecord = { shown: 0, acted: 0, dismissed: 0, notUseful: 0, lastShownAt: null, quietUntil: null, retired: false };

export function kindRecord(state: CoachState, kind: NudgeKind): KindRecord {
  return state.kinds[kind] ?? EMPTY_RECORD;
}

export type Blocked = 'off' | 'kindOff' | 'quietHours' | 'retired' | 'quieted' | 'budget' | 'gap' | 'cooldown';

function inQuietHours(q: ResolvedCoachConfig['quietHours'], minutes: number): boolean {
  if (q === null || q.from === q.to) return false;
  return q.from < q.to ? minutes >= q.from && minutes < q.to : minutes >= q.from || minutes < q.to;
}

/** The budget counts per local day: a state from an earlier day starts afresh. */
export function rollDay(state: CoachState, day: string): CoachState {
  return state.day === day ? state : { ...state, day, usedToday: 0 };
}

/** Null when `kind` may be shown at `at`, otherwise why not. */
export function blockedBy(config: ResolvedCoachConfig, state: CoachState, kind: NudgeKind, at: number, local: LocalTime): Blocked | null {
  if (!config.enabled) return 'off';
  if (!config.kinds.includes(kind)) return 'kindOff';
  const r = kindRecord(state, kind);
  if (r.retired) return 'retired';
  if (r.quietUntil !== null && at < r.quietUntil) return 'quieted';
  if (inQuietHours(config.quietHours, local.minutesOfDay(at))) return 'quietHours';
  if (kind === 'unrunAtCommit') return null;
  const used = state.day === local.day(at) ? state.usedToday : 0;
  if (used >= config.dailyBudget) return 'budget';
  if (state.lastNudgeAt !== null && at - state.lastNudgeAt < config.minGapMs) return 'gap';
  if (r.lastShownAt !== null && at - r.lastShownAt < config.cooldownMs) return 'cooldown';
  return null;
}

/** The state after `action` on a nudge of `kind` at `at`. */
export function record(state: CoachState, kind: NudgeKind, action: NudgeAction, at: number, local: LocalTime): CoachState {
  const r = kindRecord(state, kind);
  let next: KindRecord = r;
  let s = state;
  switch (action) {
    case 'shown':
      s = rollDay(state, local.day(at));
      s = { ...s, usedToday: s.usedToday + (kind === 'unrunAtCommit' ? 0 : 1), lastNudgeAt: at };
      next = { ...r, shown: r.shown + 1, lastShownAt: at };
      break;
    case 'acted':
      next = { ...r, acted: r.acted + 1 };
      break;
    case 'dismissed':
      next = { ...r, dismissed: r.dismissed + 1, quietUntil: Math.max(r.quietUntil ?? 0, at + DISMISS_QUIET_MS) };
      break;
    case 'snoozed':
      next = { ...r, quietUntil: Math.max(r.quietUntil ?? 0, at + DAY_MS) };
      break;
    case 'notUseful':
      next = { ...r, notUseful: r.notUseful + 1, retired: true };
      break;
  }
  if (next.shown >= RETIRE_AFTER_SHOWN && (next.dismissed + next.notUseful) * 2 > next.shown) next = { ...next, retired: true };
  return { ...s, kinds: { ...s.kinds, [kind]: next } };
}

/** Brings every retired or quieted kind back (the "Reset coach" command). */
export function resetKinds(state: CoachState): CoachState {
  return { ...state, kinds: {} };
}
