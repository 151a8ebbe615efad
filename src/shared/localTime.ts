import type { LocalTime } from '../core/coach/policy';

/**
 * The person's local time zone, for whatever counts by local day or time of day: the
 * coach's budget and quiet hours, the store's daily rollups, `replay --coach`. One
 * definition, so a day is the same day everywhere (YYYY-MM-DD).
 */
export const LOCAL_TIME: LocalTime = {
  day: (ms) => {
    const d = new Date(ms);
    return `${d.getFullYear().toString().padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  },
  minutesOfDay: (ms) => {
    const d = new Date(ms);
    return d.getHours() * 60 + d.getMinutes();
  },
};
