/**
 * "Today's habits" as a page: for each habit, the figures that have something to show today,
 * in words, with the events behind each, and one link to why the habit matters (the evidence
 * page). Figures with nothing behind them yet are named once, not listed as "n/a". A day with
 * nothing at all says what the page will show and how to start.
 */
import type { HabitFigure, HabitSummary } from '../coach/habits';
import { HABIT_TEXT } from './habitEvidence';

function hasData(f: HabitFigure): boolean {
  return f.value !== null && (f.unit === 'share' || f.value > 0);
}

function value(f: HabitFigure): string {
  if (f.value === null) return '';
  if (f.unit === 'share') return `${Math.round(f.value * 100)}%`;
  if (f.unit === 'lines') return `${f.value} ${f.value === 1 ? 'line' : 'lines'}`;
  return String(f.value);
}

export function todayHabitsMarkdown(summary: readonly HabitSummary[]): string {
  const out = ["# Today's habits", '', 'What Deliberate saw today, on this machine only: counts about edits, never code.', ''];
  if (!summary.some((h) => h.figures.some(hasData))) {
    out.push(
      '## Nothing to show yet today {#empty}',
      '',
      'This page fills in as you work with AI: which AI edits you revised, whether AI code ran before you committed it, how big AI changes were, and who fixed errors in AI code.',
      '',
      '- Accept an inline suggestion or let an agent make a change.',
      '- Change it to fit, run the tests, then commit.',
      '- Come back here, or open **My Progress** for the last 7 and 30 days.',
      '',
      '[Why these four habits](evidence:top)',
      '',
    );
    return out.join('\n');
  }
  for (const h of summary) {
    out.push(`## ${HABIT_TEXT[h.habit].title} {#${h.habit}}`, '');
    const shown = h.figures.filter(hasData);
    const waiting = h.figures.filter((f) => !hasData(f));
    for (const f of shown) out.push(`- **${f.label}:** ${value(f)}. *${f.evidence}.*`);
    if (shown.length === 0) out.push('Nothing for this habit yet today.');
    out.push('');
    if (shown.length > 0 && waiting.length > 0) out.push(`Not seen yet today: ${waiting.map((f) => f.label.charAt(0).toLowerCase() + f.label.slice(1)).join('; ')}.`, '');
    out.push(`[Why this habit matters](evidence:${h.habit})`, '');
  }
  return out.join('\n');
}
