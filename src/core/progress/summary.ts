/**
 * The Markdown summary a person may choose to share: their progress in words and small tables,
 * from the progress model. No code, no file or project names, no raw events.
 */
import type { ProgressModel, RangeProgress } from './progressModel';
import { percent } from './progressModel';

const TREND_WORDS = { up: 'up', down: 'down', steady: 'steady', unknown: 'too early to tell' } as const;

export function progressMarkdown(model: ProgressModel): string {
  const out: string[] = ['# My progress with Deliberate', ''];
  out.push(`As of ${model.today}. Counts about how I work with AI in my editor, recorded on my machine; no code or file names.`, '');
  if (model.empty) {
    out.push('Nothing recorded yet.', '');
    return out.join('\n');
  }
  out.push(`Practice streak: ${model.streak.current} ${model.streak.current === 1 ? 'day' : 'days'} (longest ${model.streak.longest}).`, '');
  out.push('| | Last 7 days | Last 30 days | All time |', '|---|---:|---:|---:|');
  const row = (label: string, f: (r: RangeProgress) => string): void => {
    out.push(`| ${label} | ${f(model.ranges.week)} | ${f(model.ranges.month)} | ${f(model.ranges.all)} |`);
  };
  row('Days active', (r) => String(r.activeDays));
  row('Code written by AI', (r) => percent(r.code.aiShare));
  row('…and possibly AI (not sure)', (r) => (r.code.total > 0 ? percent(r.code.possiblyAi / r.code.total) : '–'));
  row('AI edits settled', (r) => String(r.fates.total));
  row('…revised by hand', (r) => (r.fates.total > 0 ? percent(r.fates.revised / r.fates.total) : '–'));
  row('Committed AI edits run first', (r) => (r.validation.committedAiEdits > 0 ? `${r.validation.ranFirst} of ${r.validation.committedAiEdits}` : '–'));
  row('AI bursts of 50 lines or fewer', (r) => (r.bursts.count > 0 ? `${r.bursts.reviewable} of ${r.bursts.count}` : '–'));
  row('Exercises completed', (r) => String(r.exercises.completed));
  out.push('', '## Habits (last 30 days)', '');
  for (const h of model.ranges.month.habits) {
    out.push(`- **${h.title}**: ${h.enough ? percent(h.score) : 'too few to tell'}${h.enough ? `, trend ${TREND_WORDS[h.trend]}` : ''}. ${h.basedOn}`);
  }
  out.push('', '## This week in words', '');
  for (const line of model.ranges.week.reflection) out.push(`- ${line}`);
  out.push('', 'Why these habits matter, with the studies behind each: **Deliberate: Why These Habits? Show the Evidence** in VS Code.', '');
  return out.join('\n');
}
