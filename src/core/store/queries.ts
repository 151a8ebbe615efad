/**
 * Queries over daily rollups: the ranges the progress view shows (the last 7 days, the last 30
 * days, all time) and their sums. Pure and proportional to the number of days asked for.
 */
import { addDays, daysBetween, type Day } from './days';
import { emptyRollup, mergeInto, type DayRollup } from './rollup';

export type Range = 'week' | 'month' | 'all';
export const RANGES: readonly Range[] = ['week', 'month', 'all'];
export const RANGE_DAYS: Record<Exclude<Range, 'all'>, number> = { week: 7, month: 30 };

export interface DaySpan {
  readonly from: Day;
  readonly to: Day;
}

/** The days of a range ending today, inclusive. `all` starts at the first day with data (or today). */
export function rangeSpan(range: Range, today: Day, firstDay: Day | undefined): DaySpan {
  if (range === 'all') return { from: firstDay !== undefined && firstDay < today ? firstDay : today, to: today };
  return { from: addDays(today, -(RANGE_DAYS[range] - 1)), to: today };
}

/** The span of the same length just before `span`. */
export function previousSpan(span: DaySpan): DaySpan {
  const length = daysBetween(span.from, span.to) + 1;
  return { from: addDays(span.from, -length), to: addDays(span.from, -1) };
}

/** Rollups sorted by day, for range queries by binary search. */
export class RollupIndex {
  readonly days: readonly DayRollup[];

  constructor(rollups: Iterable<DayRollup>) {
    this.days = [...rollups].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  get firstDay(): Day | undefined {
    return this.days[0]?.day;
  }

  /** Rollups with from <= day <= to, in order. */
  between(span: DaySpan): DayRollup[] {
    return this.days.slice(this.lowerBound(span.from), this.lowerBound(addDays(span.to, 1)));
  }

  sum(span: DaySpan): DayRollup {
    const total = emptyRollup(span.from);
    for (const r of this.between(span)) mergeInto(total, r);
    total.day = span.from;
    return total;
  }

  private lowerBound(day: Day): number {
    let lo = 0;
    let hi = this.days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.days[mid]!.day < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
