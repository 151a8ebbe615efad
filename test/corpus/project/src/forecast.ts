export interface Day {
  date: string;
  highC: number;
  lowC: number;
  precipitationMm: number;
  windKmh: number;
}

export const sample: Day[] = [
  { date: '2026-11-20', highC: 12, lowC: 4, precipitationMm: 0, windKmh: 14 },
  { date: '2026-11-21', highC: 9, lowC: 2, precipitationMm: 3.5, windKmh: 22 },
  { date: '2026-11-22', highC: 7, lowC: -1, precipitationMm: 0.4, windKmh: 30 },
];

export function wettest(days: Day[]): Day | undefined {
  let best: Day | undefined;
  for (const day of days) {
    if (best === undefined || day.precipitationMm > best.precipitationMm) best = day;
  }
  return best;
}
