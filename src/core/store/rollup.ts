/**
 * Daily rollups: everything the progress view needs from a day, as counts. A day's rollup is
 * the sum of its events, so rollups of disjoint sets of events merge by addition; that is what
 * lets compaction fold old raw segments into `rollups.jsonl` while recent segments are still
 * read raw, and lets several windows' segments of the same day add up.
 *
 * Invariant: `addEvent` and `mergeRollups` only add; a rollup never depends on event order.
 */
import * as z from 'zod';
import type { AssistantKind, Habit, MetricEvent } from '../metrics';
import type { Day, LocalCalendar } from './days';

/** Burst size buckets, by lines written before the person looked. Upper bounds, inclusive. */
export const BURST_BUCKETS = [
  { label: '1–5 lines', max: 5 },
  { label: '6–20 lines', max: 20 },
  { label: '21–50 lines', max: 50 },
  { label: '51–200 lines', max: 200 },
  { label: 'over 200 lines', max: Number.POSITIVE_INFINITY },
] as const;
/** Bursts up to this many lines count as reviewable in one look (the decompose habit). */
export const REVIEWABLE_BURST_LINES = 50;

const n = z.number().nonnegative();
const byAssistant = z.object({ inline: n, chat: n, agent: n });
const habitTally = z.object({ toward: n, away: n, neutral: n });

export const dayRollupSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  events: n,
  /** Characters written, by source (from `edits`); `possiblyAi` came with sure-only coaching, older rollups read 0. */
  chars: z.object({ human: n, tool: n, ai: byAssistant, possiblyAi: n.default(0) }),
  aiEdits: z.object({ count: byAssistant, chars: n, lines: n }),
  /** `lost` came with fate tracking across reloads; rollups written before it read as 0. */
  fates: z.object({ undone: n, deleted: n, revised: n, kept: n, lost: n.default(0), committed: n, committedRanFirst: n, byAssistant }),
  /** `aiHeads`: hashes of the commits Deliberate saw holding AI edits (the history review's own records). */
  commits: z.object({ count: n, withAi: n, aiEdits: n, aiEditsRun: n, aiChars: n, allAiRun: n, aiHeads: z.array(z.string()).default([]) }),
  runs: z.object({ test: n, build: n, lint: n, typecheck: n, run: n, debug: n, failed: n, coveredAiEdits: n }),
  bursts: z.object({ count: n, lines: n, files: n, buckets: z.array(n).length(BURST_BUCKETS.length) }),
  habits: z.object({ iterate: habitTally, validate: habitTally, decompose: habitTally, learn: habitTally }),
  signals: z.record(z.string(), n),
  nudges: z.object({ shown: n, acted: n, dismissed: n, notUseful: n, snoozed: n }),
  /** `skipped` came with skippable steps; rollups written before it read as 0. */
  exercises: z.object({ started: n, steps: n, skipped: n.default(0), completed: n, completedIds: z.array(z.string()) }),
  /**
   * "That was me" corrections: what had been counted as AI (characters, edits, recorded fates)
   * and was the person's. Kept apart (a rollup only adds); the progress model takes them back.
   * Rollups written before corrections existed read as none.
   */
  relabeled: z
    .object({
      chars: byAssistant,
      edits: byAssistant,
      lines: n,
      fates: z.object({ undone: n, deleted: n, revised: n, kept: n, lost: n, committed: n, committedRanFirst: n }),
    })
    .default({ chars: { inline: 0, chat: 0, agent: 0 }, edits: { inline: 0, chat: 0, agent: 0 }, lines: 0, fates: { undone: 0, deleted: 0, revised: 0, kept: 0, lost: 0, committed: 0, committedRanFirst: 0 } }),
});
export type DayRollup = z.infer<typeof dayRollupSchema>;

const zeroAssistants = (): Record<AssistantKind, number> => ({ inline: 0, chat: 0, agent: 0 });
const zeroHabit = () => ({ toward: 0, away: 0, neutral: 0 });

export function emptyRollup(day: Day): DayRollup {
  return {
    day,
    events: 0,
    chars: { human: 0, tool: 0, ai: zeroAssistants(), possiblyAi: 0 },
    aiEdits: { count: zeroAssistants(), chars: 0, lines: 0 },
    fates: { undone: 0, deleted: 0, revised: 0, kept: 0, lost: 0, committed: 0, committedRanFirst: 0, byAssistant: zeroAssistants() },
    commits: { count: 0, withAi: 0, aiEdits: 0, aiEditsRun: 0, aiChars: 0, allAiRun: 0, aiHeads: [] },
    runs: { test: 0, build: 0, lint: 0, typecheck: 0, run: 0, debug: 0, failed: 0, coveredAiEdits: 0 },
    bursts: { count: 0, lines: 0, files: 0, buckets: BURST_BUCKETS.map(() => 0) },
    habits: { iterate: zeroHabit(), validate: zeroHabit(), decompose: zeroHabit(), learn: zeroHabit() },
    signals: {},
    nudges: { shown: 0, acted: 0, dismissed: 0, notUseful: 0, snoozed: 0 },
    exercises: { started: 0, steps: 0, skipped: 0, completed: 0, completedIds: [] },
    relabeled: { chars: zeroAssistants(), edits: zeroAssistants(), lines: 0, fates: { undone: 0, deleted: 0, revised: 0, kept: 0, lost: 0, committed: 0, committedRanFirst: 0 } },
  };
}

export function burstBucket(lines: number): number {
  return BURST_BUCKETS.findIndex((b) => lines <= b.max);
}

/** Adds one event to its day's rollup (mutates `r`). */
export function addEvent(r: DayRollup, e: MetricEvent): void {
  r.events++;
  switch (e.kind) {
    case 'edits':
      r.chars.human += e.human;
      r.chars.tool += e.tool;
      r.chars.ai.inline += e.ai.inline;
      r.chars.ai.chat += e.ai.chat;
      r.chars.ai.agent += e.ai.agent;
      r.chars.possiblyAi += e.possiblyAi ?? 0;
      break;
    case 'aiEdit':
      r.aiEdits.count[e.assistant]++;
      r.aiEdits.chars += e.chars;
      r.aiEdits.lines += e.lines;
      break;
    case 'fate':
      r.fates[e.outcome]++;
      r.fates.byAssistant[e.assistant]++;
      if (e.committed === true) {
        r.fates.committed++;
        if (e.ranBeforeCommit === true) r.fates.committedRanFirst++;
      }
      break;
    case 'burst':
      r.bursts.count++;
      r.bursts.lines += e.lines;
      r.bursts.files += e.files;
      r.bursts.buckets[burstBucket(e.lines)]!++;
      break;
    case 'run':
      r.runs[e.run]++;
      if (e.ok === false) r.runs.failed++;
      r.runs.coveredAiEdits += e.coveredAiEdits;
      break;
    case 'commit':
      r.commits.count++;
      r.commits.aiEdits += e.aiEdits;
      r.commits.aiEditsRun += Math.min(e.aiEditsRun, e.aiEdits);
      r.commits.aiChars += e.aiChars;
      if (e.aiEdits > 0) {
        r.commits.withAi++;
        if (e.head !== undefined && !r.commits.aiHeads.includes(e.head)) r.commits.aiHeads.push(e.head);
        if (e.aiEditsRun >= e.aiEdits) r.commits.allAiRun++;
      }
      break;
    case 'habit': {
      const h = r.habits[e.habit];
      if (e.direction > 0) h.toward++;
      else if (e.direction < 0) h.away++;
      else h.neutral++;
      r.signals[e.signal] = (r.signals[e.signal] ?? 0) + 1;
      break;
    }
    case 'nudge':
      r.nudges[e.action]++;
      break;
    case 'exercise':
      if (e.event === 'started') r.exercises.started++;
      else if (e.event === 'step') r.exercises.steps++;
      else if (e.event === 'skipped') r.exercises.skipped++;
      else {
        r.exercises.completed++;
        const id = `${e.pack}/${e.exercise}`;
        if (!r.exercises.completedIds.includes(id)) r.exercises.completedIds.push(id);
      }
      break;
    case 'relabel':
      r.relabeled.chars[e.assistant] += e.chars;
      r.relabeled.edits[e.assistant]++;
      r.relabeled.lines += e.lines;
      if (e.fate !== null) {
        r.relabeled.fates[e.fate.outcome]++;
        if (e.fate.committed === true) {
          r.relabeled.fates.committed++;
          if (e.fate.ranBeforeCommit === true) r.relabeled.fates.committedRanFirst++;
        }
      }
      break;
  }
}

/** Adds `b` into `a` (same day; mutates `a`). */
export function mergeInto(a: DayRollup, b: DayRollup): void {
  addNumbers(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>);
  for (const id of b.exercises.completedIds) if (!a.exercises.completedIds.includes(id)) a.exercises.completedIds.push(id);
  for (const head of b.commits.aiHeads) if (!a.commits.aiHeads.includes(head)) a.commits.aiHeads.push(head);
}

function addNumbers(a: Record<string, unknown>, b: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(b)) {
    if (typeof value === 'number') a[key] = ((a[key] as number | undefined) ?? 0) + value;
    else if (Array.isArray(value)) {
      if (value.every((x) => typeof x === 'number')) {
        const target = a[key] as number[];
        value.forEach((x, i) => (target[i] = (target[i] ?? 0) + (x as number)));
      }
    } else if (value !== null && typeof value === 'object') {
      a[key] ??= {};
      addNumbers(a[key] as Record<string, unknown>, value as Record<string, unknown>);
    }
  }
}

export function cloneRollup(r: DayRollup): DayRollup {
  return structuredClone(r);
}

/** Groups events into rollups by the person's local day, adding to `into`. */
export function rollUp(events: Iterable<MetricEvent>, calendar: LocalCalendar, into: Map<Day, DayRollup> = new Map()): Map<Day, DayRollup> {
  for (const e of events) {
    const day = calendar.dayOf(e.at);
    let r = into.get(day);
    if (r === undefined) into.set(day, (r = emptyRollup(day)));
    addEvent(r, e);
  }
  return into;
}

export function mergeMaps(into: Map<Day, DayRollup>, from: Map<Day, DayRollup>): Map<Day, DayRollup> {
  for (const [day, r] of from) {
    const existing = into.get(day);
    if (existing === undefined) into.set(day, cloneRollup(r));
    else mergeInto(existing, r);
  }
  return into;
}

export type { Habit };
