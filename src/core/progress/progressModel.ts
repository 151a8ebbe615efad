/**
 * The progress model: what the progress view shows, computed from daily rollups alone (so it
 * costs the same for a year of history as for a week). Plain data, ready to post to a webview.
 *
 * Definitions (also in the README):
 * - AI share: AI-written characters / all characters written (by you, tools and AI). Characters
 *   the classifier was not sure of (`possiblyAi`) count in the total, never as AI: they are shown
 *   apart, as uncertain.
 * - A practice day is a local day with an exercise step or completion, or a commit whose AI
 *   edits had all been run or tested first (a deliberate act, not a side effect of working). The
 *   current streak counts practice days back from today; a day not over yet does not break it.
 * - Habit scores are shares in [0, 1]; fewer than MIN_SAMPLE observations say "too few to tell"
 *   rather than a number that would swing on the next edit.
 * - Trends compare a range with the same length of time just before it (all time: the last 30
 *   days against everything before them).
 */
import type { AssistantKind, Habit } from '../metrics';
import { addDays, daysBetween, monthOf, weekStart, type Day } from '../store/days';
import { RANGES, RollupIndex, previousSpan, rangeSpan, type DaySpan, type Range } from '../store/queries';
import { BURST_BUCKETS, REVIEWABLE_BURST_LINES, type DayRollup } from '../store/rollup';
import { withCorrections } from './corrections';
import { HABIT_TEXT, MIN_SAMPLE } from './habitEvidence';
import { writeReflection } from './reflection';

export { MIN_SAMPLE };
/** A change of at least this much (in share points) is a trend; less is steady. */
export const TREND_THRESHOLD = 0.05;
export const HABITS: readonly Habit[] = ['iterate', 'validate', 'decompose', 'learn'];

export type Trend = 'up' | 'down' | 'steady' | 'unknown';

export interface SeriesPoint {
  readonly label: string;
  readonly from: Day;
  readonly human: number;
  readonly tool: number;
  readonly inline: number;
  readonly chat: number;
  readonly agent: number;
}

export interface HabitProgress {
  readonly habit: Habit;
  readonly title: string;
  /** Share in [0, 1]; null when there is nothing to measure yet. */
  readonly score: number | null;
  readonly previous: number | null;
  readonly sample: number;
  readonly enough: boolean;
  readonly trend: Trend;
  readonly measure: string;
  /** The data this range's score rests on, in words. */
  readonly basedOn: string;
  readonly evidence: string;
  readonly suggestion: string;
}

export interface PracticeDay {
  readonly day: Day;
  readonly practiced: boolean;
  readonly active: boolean;
}

export interface RangeProgress {
  readonly range: Range;
  readonly title: string;
  readonly from: Day;
  readonly to: Day;
  readonly days: number;
  readonly activeDays: number;
  readonly events: number;
  readonly code: { readonly human: number; readonly tool: number; readonly ai: Readonly<Record<AssistantKind, number>>; readonly possiblyAi: number; readonly total: number; readonly aiShare: number | null };
  readonly series: readonly SeriesPoint[];
  readonly seriesUnit: 'day' | 'week' | 'month';
  readonly aiEdits: number;
  readonly fates: { readonly undone: number; readonly deleted: number; readonly revised: number; readonly kept: number; readonly total: number; readonly committed: number };
  readonly validation: { readonly committedAiEdits: number; readonly ranFirst: number; readonly share: number | null; readonly commits: number; readonly commitsWithAi: number; readonly commitsAllRun: number; readonly runs: number };
  readonly bursts: { readonly count: number; readonly buckets: readonly { readonly label: string; readonly count: number }[]; readonly reviewable: number; readonly meanLines: number | null };
  readonly habits: readonly HabitProgress[];
  readonly practice: { readonly days: number; readonly calendar: readonly PracticeDay[] };
  readonly exercises: { readonly started: number; readonly steps: number; readonly completed: number; readonly distinct: number };
  readonly nudges: { readonly shown: number; readonly acted: number };
  readonly reflection: readonly string[];
}

export interface ProgressModel {
  readonly today: Day;
  readonly firstDay: Day | null;
  /** No data at all yet: the view shows its first-day state. */
  readonly empty: boolean;
  readonly streak: { readonly current: number; readonly longest: number; readonly practicedToday: boolean };
  readonly ranges: Readonly<Record<Range, RangeProgress>>;
}

const RANGE_TITLES: Record<Range, string> = { week: 'Last 7 days', month: 'Last 30 days', all: 'All time' };

export function isPracticeDay(r: DayRollup): boolean {
  return r.exercises.steps + r.exercises.completed > 0 || r.commits.allAiRun > 0;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Builds the whole model: three ranges, streaks and reflections. */
export function buildProgress(rollups: Iterable<DayRollup> | RollupIndex, today: Day): ProgressModel {
  const index = rollups instanceof RollupIndex ? rollups : new RollupIndex(rollups);
  const firstDay = index.firstDay ?? null;
  const streak = streaks(index, today);
  const ranges = {} as Record<Range, RangeProgress>;
  for (const range of RANGES) ranges[range] = buildRange(index, range, today, streak.current);
  const empty = index.days.every((d) => d.events === 0);
  return { today, firstDay, empty, streak, ranges };
}

function streaks(index: RollupIndex, today: Day): ProgressModel['streak'] {
  const practiced = new Set(index.days.filter(isPracticeDay).map((d) => d.day));
  let longest = 0;
  let run = 0;
  let previous: Day | undefined;
  for (const d of [...practiced].sort()) {
    run = previous !== undefined && daysBetween(previous, d) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = d;
  }
  const practicedToday = practiced.has(today);
  let current = 0;
  for (let day = practicedToday ? today : addDays(today, -1); practiced.has(day); day = addDays(day, -1)) current++;
  return { current, longest, practicedToday };
}

function buildRange(index: RollupIndex, range: Range, today: Day, currentStreak: number): RangeProgress {
  const span = rangeSpan(range, today, index.firstDay);
  // "That was me" corrections are taken back from every figure (corrections.ts).
  const days = index.between(span).map(withCorrections);
  const sum = withCorrections(index.sum(span));
  const prevSpan = range === 'all' ? { from: '0000-01-01', to: addDays(today, -30) } : previousSpan(span);
  const prev = withCorrections(index.sum(prevSpan));
  const recent = range === 'all' ? withCorrections(index.sum({ from: addDays(today, -29), to: today })) : sum;
  const aiChars = sum.chars.ai.inline + sum.chars.ai.chat + sum.chars.ai.agent;
  const total = aiChars + sum.chars.human + sum.chars.tool + sum.chars.possiblyAi;
  const fatesTotal = sum.fates.undone + sum.fates.deleted + sum.fates.revised + sum.fates.kept;
  const reviewable = BURST_BUCKETS.reduce((n, b, i) => (b.max <= REVIEWABLE_BURST_LINES ? n + sum.bursts.buckets[i]! : n), 0);
  const calendarSpan = range === 'all' ? { from: addDays(weekStart(today), -7 * 11), to: today } : span;
  const byDay = new Map(index.between(calendarSpan).map((d) => [d.day, d]));
  const calendar: PracticeDay[] = [];
  for (let d = calendarSpan.from; d <= calendarSpan.to; d = addDays(d, 1)) {
    const r = byDay.get(d);
    calendar.push({ day: d, practiced: r !== undefined && isPracticeDay(r), active: r !== undefined && r.events > 0 });
  }
  const { series, unit } = buildSeries(days, span);
  const partial: Omit<RangeProgress, 'reflection'> = {
    range,
    title: RANGE_TITLES[range],
    from: span.from,
    to: span.to,
    days: daysBetween(span.from, span.to) + 1,
    activeDays: days.filter((d) => d.events > 0).length,
    events: sum.events,
    code: { human: sum.chars.human, tool: sum.chars.tool, ai: { ...sum.chars.ai }, possiblyAi: sum.chars.possiblyAi, total, aiShare: share(aiChars, total) },
    series,
    seriesUnit: unit,
    aiEdits: sum.aiEdits.count.inline + sum.aiEdits.count.chat + sum.aiEdits.count.agent,
    fates: { undone: sum.fates.undone, deleted: sum.fates.deleted, revised: sum.fates.revised, kept: sum.fates.kept, total: fatesTotal, committed: sum.fates.committed },
    validation: validation(sum),
    bursts: {
      count: sum.bursts.count,
      buckets: BURST_BUCKETS.map((b, i) => ({ label: b.label, count: sum.bursts.buckets[i]! })),
      reviewable,
      meanLines: sum.bursts.count > 0 ? sum.bursts.lines / sum.bursts.count : null,
    },
    habits: HABITS.map((h) => habitProgress(h, sum, recent, prev)),
    practice: { days: days.filter(isPracticeDay).length, calendar },
    exercises: { started: sum.exercises.started, steps: sum.exercises.steps, completed: sum.exercises.completed, distinct: sum.exercises.completedIds.length },
    nudges: { shown: sum.nudges.shown, acted: sum.nudges.acted },
  };
  return { ...partial, reflection: writeReflection(partial, currentStreak) };
}

function validation(sum: DayRollup): RangeProgress['validation'] {
  const runs = sum.runs.test + sum.runs.build + sum.runs.lint + sum.runs.typecheck + sum.runs.run + sum.runs.debug;
  // Fates say per AI edit whether it was run before its commit; commits say the same in bulk
  // when no fate reached a commit yet (a fate is final at the commit or after 15 minutes).
  const fromFates = sum.fates.committed > 0;
  const committedAiEdits = fromFates ? sum.fates.committed : sum.commits.aiEdits;
  const ranFirst = fromFates ? sum.fates.committedRanFirst : sum.commits.aiEditsRun;
  return { committedAiEdits, ranFirst, share: share(ranFirst, committedAiEdits), commits: sum.commits.count, commitsWithAi: sum.commits.withAi, commitsAllRun: sum.commits.allAiRun, runs };
}

interface HabitMeasure {
  readonly part: number;
  readonly whole: number;
  readonly basedOn: string;
}

function measureHabit(habit: Habit, r: DayRollup): HabitMeasure {
  const signals = r.habits[habit];
  switch (habit) {
    case 'iterate': {
      const settled = r.fates.undone + r.fates.deleted + r.fates.revised + r.fates.kept;
      // The score counts every iterate signal; the words name each kind by its own count.
      const revisedFirst = r.signals['revisedBeforeCommit'] ?? 0;
      const asWritten = r.signals['committedVerbatim'] ?? 0;
      const retries = r.signals['retryAfterUndo'] ?? 0;
      const partial = r.signals['partialAccept'] ?? 0;
      const parts = [`${plural(settled, 'AI edit')} whose fate settled (${r.fates.revised} revised by you)`];
      if (revisedFirst + asWritten > 0) parts.push(`${plural(revisedFirst + asWritten, 'committed AI edit')}, ${revisedFirst} revised by you first`);
      if (retries > 0) parts.push(`${plural(retries, 'new attempt')} after undoing AI code`);
      if (partial > 0) parts.push(`${plural(partial, 'suggestion')} taken in part, word by word`);
      return { part: r.fates.revised + signals.toward, whole: settled + signals.toward + signals.away, basedOn: `${parts.join('; ')}.` };
    }
    case 'validate': {
      const v = validation(r);
      return { part: v.ranFirst, whole: v.committedAiEdits, basedOn: `${plural(v.committedAiEdits, 'committed AI edit')}, ${v.ranFirst} of them run or tested first; ${plural(v.runs, 'run')} of tests, builds, linters or the program in all.` };
    }
    case 'decompose': {
      const small = BURST_BUCKETS.reduce((n, b, i) => (b.max <= REVIEWABLE_BURST_LINES ? n + r.bursts.buckets[i]! : n), 0);
      return { part: small, whole: r.bursts.count, basedOn: `${plural(r.bursts.count, 'AI burst')}, ${small} of them ${REVIEWABLE_BURST_LINES} lines or fewer.` };
    }
    case 'learn': {
      // The score counts every learn signal; the words name each kind by its own count.
      const byHand = r.signals['errorFixedByHand'] ?? 0;
      const byAi = r.signals['errorFixedByAi'] ?? 0;
      const rewrote = r.signals['ownAttemptAfterUndo'] ?? 0;
      const unread = r.signals['unreadUnfamiliarCommitted'] ?? 0;
      const parts = [`${plural(byHand + byAi, 'error')} cleared in files AI wrote into (${byHand} by your own edits)`];
      if (rewrote > 0) parts.push(`${plural(rewrote, 'undone AI edit')} you rewrote yourself`);
      if (unread > 0) parts.push(`${plural(unread, 'commit')} of AI code you had not read in an unfamiliar file`);
      return { part: signals.toward, whole: signals.toward + signals.away, basedOn: `${parts.join('; ')}.` };
    }
  }
}

/** The score is over the whole range; the trend compares `recent` with `previous` (for a week or a month, `recent` is the range itself). */
function habitProgress(habit: Habit, range: DayRollup, recent: DayRollup, previous: DayRollup): HabitProgress {
  const now = measureHabit(habit, range);
  const lately = measureHabit(habit, recent);
  const before = measureHabit(habit, previous);
  const score = share(now.part, now.whole);
  const lateScore = share(lately.part, lately.whole);
  const prevScore = share(before.part, before.whole);
  const enough = now.whole >= MIN_SAMPLE;
  let trend: Trend = 'unknown';
  if (lately.whole >= MIN_SAMPLE && before.whole >= MIN_SAMPLE && lateScore !== null && prevScore !== null) {
    const delta = lateScore - prevScore;
    trend = delta >= TREND_THRESHOLD ? 'up' : delta <= -TREND_THRESHOLD ? 'down' : 'steady';
  }
  const text = HABIT_TEXT[habit];
  return { habit, title: text.title, score, previous: prevScore, sample: now.whole, enough, trend, measure: text.measure, basedOn: now.basedOn, evidence: text.evidence, suggestion: text.suggestion };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dayLabel(day: Day, withWeekday: boolean): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]!;
  return withWeekday ? `${weekday} ${d}` : `${d} ${MONTHS[m - 1]}`;
}

/** Daily points for up to 31 days, weekly up to 26 weeks, monthly beyond. */
function buildSeries(days: readonly DayRollup[], span: DaySpan): { series: SeriesPoint[]; unit: 'day' | 'week' | 'month' } {
  const length = daysBetween(span.from, span.to) + 1;
  const unit = length <= 31 ? 'day' : length <= 26 * 7 ? 'week' : 'month';
  const keyOf = (d: Day): Day => (unit === 'day' ? d : unit === 'week' ? weekStart(d) : `${monthOf(d)}-01`);
  const points = new Map<Day, { human: number; tool: number; inline: number; chat: number; agent: number }>();
  for (let d = keyOf(span.from); d <= span.to; d = unit === 'day' ? addDays(d, 1) : unit === 'week' ? addDays(d, 7) : nextMonth(d)) {
    points.set(d, { human: 0, tool: 0, inline: 0, chat: 0, agent: 0 });
  }
  for (const r of days) {
    const p = points.get(keyOf(r.day));
    if (p === undefined) continue;
    p.human += r.chars.human;
    p.tool += r.chars.tool;
    p.inline += r.chars.ai.inline;
    p.chat += r.chars.ai.chat;
    p.agent += r.chars.ai.agent;
  }
  const series = [...points].map(([from, p]) => ({
    label: unit === 'day' ? dayLabel(from, length <= 7) : unit === 'week' ? `w/c ${dayLabel(from, false)}` : `${MONTHS[Number(from.slice(5, 7)) - 1]} ${from.slice(0, 4)}`,
    from,
    ...p,
  }));
  return { series, unit };
}

function nextMonth(first: Day): Day {
  const y = Number(first.slice(0, 4));
  const m = Number(first.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function percent(x: number | null): string {
  return x === null ? '–' : `${Math.round(x * 100)}%`;
}
