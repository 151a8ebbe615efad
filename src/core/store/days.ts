/**
 * Days: the person's local calendar days as `YYYY-MM-DD` strings. Which day an instant falls on
 * depends on the time zone, so it comes in through the LocalCalendar port; arithmetic on the
 * strings themselves is pure (calendar days, no time zone, no daylight saving surprises).
 */

export type Day = string;

/** The port: which local day an epoch-ms instant falls on. */
export interface LocalCalendar {
  dayOf(at: number): Day;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(text: string): boolean {
  const m = DAY_RE.exec(text);
  if (m === null) return false;
  return formatUtcDay(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) === text;
}

function dayIndex(day: Day): number {
  const m = DAY_RE.exec(day);
  if (m === null) throw new Error(`not a day: ${day}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000);
}

function formatUtcDay(ms: number): Day {
  const d = new Date(ms);
  return `${d.getUTCFullYear().toString().padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function addDays(day: Day, n: number): Day {
  return formatUtcDay((dayIndex(day) + n) * 86_400_000);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: Day, b: Day): number {
  return dayIndex(b) - dayIndex(a);
}

/** Monday of the ISO week the day falls in. */
export function weekStart(day: Day): Day {
  const weekday = (new Date(dayIndex(day) * 86_400_000).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function monthOf(day: Day): string {
  return day.slice(0, 7);
}

/** A calendar at a fixed offset from UTC, in minutes (tests, and the CLI with TZ=UTC). */
export function fixedOffsetCalendar(offsetMinutes: number): LocalCalendar {
  return { dayOf: (at) => formatUtcDay(at + offsetMinutes * 60_000) };
}
