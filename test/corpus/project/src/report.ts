import { sample, type Day } from './forecast';

export function line(day: Day): string {
  return `${day.date}: ${day.lowC} to ${day.highC} C, ${day.precipitationMm} mm`;
}

export function report(days: Day[] = sample): string {
  const lines: string[] = [];
  for (const day of days) {
    lines.push(line(day));
  }
  return lines.join('\n');
}
