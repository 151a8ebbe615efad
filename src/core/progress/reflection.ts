/**
 * The short reflection at the top of the progress view, written from the numbers alone.
 * Rules: plain words; say what happened, never judge the person; with few observations say so
 * instead of drawing a conclusion; offer at most one next step, and only when there is enough
 * data to point at one.
 */
import type { AssistantKind } from '../metrics';
import type { RangeProgress } from './progressModel';
import { MIN_SAMPLE } from './habitEvidence';

const PERIOD: Record<RangeProgress['range'], string> = { week: 'in the last 7 days', month: 'in the last 30 days', all: 'since you started' };
const ASSISTANT_WORDS: Record<AssistantKind, string> = { inline: 'inline suggestions', chat: 'chat', agent: 'agents' };

/** 12,345 rather than 12345: these sentences are read, not parsed. */
function n(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

function pct(part: number, whole: number): string {
  return `${Math.round((part / whole) * 100)}%`;
}

export function writeReflection(r: Omit<RangeProgress, 'reflection'>, currentStreak: number): string[] {
  const period = PERIOD[r.range];
  const out: string[] = [];
  if (r.events === 0) {
    out.push(`Nothing recorded ${period} yet. Code as usual, or start an exercise: this page fills in as you work.`);
    return out;
  }
  const ai = r.code.ai.inline + r.code.ai.chat + r.code.ai.agent;
  const dayWord = r.activeDays === 1 ? 'day' : 'days';
  if (r.code.total > 0) {
    const top = (Object.keys(r.code.ai) as AssistantKind[]).sort((a, b) => r.code.ai[b] - r.code.ai[a])[0]!;
    out.push(
      ai > 0
        ? `You worked on ${r.activeDays} ${dayWord} ${period}. AI wrote ${pct(ai, r.code.total)} of the code, most of it through ${ASSISTANT_WORDS[top]}.`
        : `You worked on ${r.activeDays} ${dayWord} ${period}, and wrote all of the code yourself.`,
    );
  } else {
    out.push(`You were active on ${r.activeDays} ${dayWord} ${period}.`);
  }
  const f = r.fates;
  if (f.total > 0 && f.total < MIN_SAMPLE) {
    out.push(`${f.total} AI ${f.total === 1 ? 'edit' : 'edits'} settled: too few to read much into yet.`);
  } else if (f.total >= MIN_SAMPLE) {
    out.push(`Of ${n(f.total)} AI edits that settled, you revised ${n(f.revised)}, undid or deleted ${n(f.undone + f.deleted)}, and kept ${n(f.kept)} as written.`);
  }
  const v = r.validation;
  if (v.committedAiEdits >= MIN_SAMPLE) {
    out.push(`${n(v.ranFirst)} of ${n(v.committedAiEdits)} AI edits you committed (${pct(v.ranFirst, v.committedAiEdits)}) were run or tested before the commit.`);
  } else if (v.committedAiEdits > 0) {
    out.push(`${v.committedAiEdits} AI ${v.committedAiEdits === 1 ? 'edit reached' : 'edits reached'} a commit, ${v.ranFirst} run first: a small number so far.`);
  }
  if (r.bursts.count >= MIN_SAMPLE) {
    const big = r.bursts.count - r.bursts.reviewable;
    out.push(big === 0 ? `All ${n(r.bursts.count)} AI bursts were small enough to review in one look.` : `${n(r.bursts.reviewable)} of ${n(r.bursts.count)} AI bursts were small enough to review in one look; ${n(big)} ran over 50 lines.`);
  }
  const practice: string[] = [];
  if (r.practice.days > 0) practice.push(`you practised on ${r.practice.days} ${r.practice.days === 1 ? 'day' : 'days'}`);
  if (r.exercises.completed > 0) practice.push(`completed ${r.exercises.completed} ${r.exercises.completed === 1 ? 'exercise' : 'exercises'}`);
  if (practice.length > 0) out.push(`${capitalise(practice.join(' and '))}${currentStreak > 1 ? `; your current streak is ${currentStreak} days` : ''}.`);
  const measured = r.habits.filter((h) => h.enough && h.score !== null);
  if (measured.length > 0) {
    const up = measured.filter((h) => h.trend === 'up').map((h) => h.habit);
    if (up.length > 0) out.push(`Moving up: ${up.join(', ')}.`);
    const lowest = [...measured].sort((a, b) => a.score! - b.score!)[0]!;
    if (lowest.score! < 0.5) out.push(`One thing to try: ${lowest.suggestion.charAt(0).toLowerCase()}${lowest.suggestion.slice(1)}`);
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
