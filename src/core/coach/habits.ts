/**
 * The daily habit summary: for each of the four habits, a few figures with the evidence
 * behind each (what was counted) and the source that says why the habit matters. A pure
 * function of one day's metric events, so the extension, the CLI and the store's progress
 * view all compute the same thing from the same facts.
 */
import type { Habit, MetricEvent } from '../metrics';

export interface HabitFigure {
  readonly id: string;
  readonly label: string;
  /** Null when there was nothing to measure that day. */
  readonly value: number | null;
  readonly unit: 'share' | 'count' | 'lines';
  /** The events behind the figure, in words. */
  readonly evidence: string;
}

export interface HabitSummary {
  readonly habit: Habit;
  readonly figures: readonly HabitFigure[];
  /** Why the habit matters, as cited in shared/notes/coaching-evidence.md. */
  readonly source: string;
}

export const HABIT_SOURCES: Readonly<Record<Habit, string>> = {
  iterate: 'Anthropic Economic Index (arXiv 2503.04761): task iteration is an augmenting use; its learning-curves report (secondary) finds more of it among experienced users.',
  validate: 'Anthropic Claude Code expertise study: verified success in 15% of novice sessions vs 28-33% for intermediate and above; METR 2025 (arXiv 2507.09089): self-perception is unreliable.',
  decompose: 'DORA 2024 and 2025 (secondary): larger batches went with lower delivery stability; small batches amplify AI\'s benefit. Not causal for code quality.',
  learn: 'Anthropic randomized trial (arXiv 2601.20245): 50% vs 67% on a follow-up quiz; the largest gap was debugging. Pattern analysis not causal.',
};

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The habit summary of the events given (the caller picks the day). `largeBurstLines` is the decompose threshold. */
export function habitSummary(events: readonly MetricEvent[], largeBurstLines = 80): HabitSummary[] {
  const signals = new Map<string, number>();
  const bursts: { lines: number; files: number }[] = [];
  const runs = { test: 0, build: 0, lint: 0, typecheck: 0, run: 0, debug: 0 };
  let covered = 0;
  let fates = 0;
  let fatesRevised = 0;
  let fatesCommitted = 0;
  let fatesRanBeforeCommit = 0;
  for (const e of events) {
    if (e.kind === 'habit') signals.set(e.signal, (signals.get(e.signal) ?? 0) + 1);
    else if (e.kind === 'burst') bursts.push({ lines: e.lines, files: e.files });
    else if (e.kind === 'run') {
      runs[e.run]++;
      covered += e.coveredAiEdits;
    } else if (e.kind === 'fate') {
      fates++;
      if (e.revisedShare > 0) fatesRevised++;
      if (e.committed === true) {
        fatesCommitted++;
        if (e.ranBeforeCommit === true) fatesRanBeforeCommit++;
      }
    }
  }
  const n = (s: string) => signals.get(s) ?? 0;
  const runCount = Object.values(runs).reduce((a, b) => a + b, 0);
  const runWords = Object.entries(runs).filter(([, v]) => v > 0).map(([k, v]) => `${v} ${k}`).join(', ') || 'none';
  const revised = n('revisedBeforeCommit');
  const verbatim = n('committedVerbatim');
  const small = bursts.filter((b) => b.lines < largeBurstLines).length;
  return [
    {
      habit: 'iterate',
      source: HABIT_SOURCES.iterate,
      figures: [
        { id: 'revisedBeforeCommit', label: 'Committed AI edits you revised first', value: share(revised, revised + verbatim), unit: 'share', evidence: `${revised} revised, ${verbatim} committed as written` },
        { id: 'retryAfterUndo', label: 'Undone AI code followed by another attempt', value: share(n('retryAfterUndo'), n('retryAfterUndo') + n('abandonedAfterUndo') + n('ownAttemptAfterUndo')), unit: 'share', evidence: `${n('retryAfterUndo')} retried, ${n('ownAttemptAfterUndo')} rewritten by hand, ${n('abandonedAfterUndo')} left, of ${n('aiUndone')} undos` },
        { id: 'partialAccept', label: 'Suggestions accepted in part', value: n('partialAccept'), unit: 'count', evidence: `${n('partialAccept')} word-by-word acceptances` },
        ...(fates > 0 ? [{ id: 'fateRevised', label: 'AI edits revised by the end (fate)', value: share(fatesRevised, fates), unit: 'share' as const, evidence: `${fatesRevised} of ${fates} final fates had some of the text changed` }] : []),
      ],
    },
    {
      habit: 'validate',
      source: HABIT_SOURCES.validate,
      figures: [
        { id: 'ranBeforeCommit', label: 'Committed AI bursts run before the commit', value: share(n('ranBeforeCommit'), n('ranBeforeCommit') + n('committedUnrun')), unit: 'share', evidence: `${n('ranBeforeCommit')} run, ${n('committedUnrun')} not` },
        { id: 'runs', label: 'Test, build, lint and debug runs', value: runCount, unit: 'count', evidence: `${runWords}; they were the first to cover ${covered} AI edits` },
        { id: 'diagnosticsAfterAi', label: 'AI edits that left more errors (vs fewer)', value: share(n('diagnosticsWorseAfterAi'), n('diagnosticsWorseAfterAi') + n('diagnosticsBetterAfterAi')), unit: 'share', evidence: `${n('diagnosticsWorseAfterAi')} worse, ${n('diagnosticsBetterAfterAi')} better, from the file's error count after the edit` },
        ...(fatesCommitted > 0 ? [{ id: 'fateRanBeforeCommit', label: 'Committed AI edits run first (fate)', value: share(fatesRanBeforeCommit, fatesCommitted), unit: 'share' as const, evidence: `${fatesRanBeforeCommit} of ${fatesCommitted} committed AI edits` }] : []),
      ],
    },
    {
      habit: 'decompose',
      source: HABIT_SOURCES.decompose,
      figures: [
        { id: 'smallBursts', label: `AI bursts under ${largeBurstLines} lines`, value: share(small, bursts.length), unit: 'share', evidence: `${small} of ${bursts.length} bursts` },
        { id: 'medianBurstLines', label: 'Median lines per AI burst', value: median(bursts.map((b) => b.lines)), unit: 'lines', evidence: `${bursts.length} bursts, largest ${bursts.length === 0 ? 0 : Math.max(...bursts.map((b) => b.lines))} lines` },
        { id: 'maxBurstFiles', label: 'Most files in one AI burst', value: bursts.length === 0 ? null : Math.max(...bursts.map((b) => b.files)), unit: 'count', evidence: `${bursts.filter((b) => b.files > 1).length} bursts touched more than one file` },
      ],
    },
    {
      habit: 'learn',
      source: HABIT_SOURCES.learn,
      figures: [
        { id: 'errorsFixedByHand', label: 'Errors you fixed yourself (vs by another AI round)', value: share(n('errorFixedByHand'), n('errorFixedByHand') + n('errorFixedByAi')), unit: 'share', evidence: `${n('errorFixedByHand')} by your edit, ${n('errorFixedByAi')} by an AI edit, from files whose error count dropped` },
        { id: 'unreadUnfamiliar', label: 'Commits with unread AI code in an unfamiliar file', value: n('unreadUnfamiliarCommitted'), unit: 'count', evidence: `${n('unreadUnfamiliarCommitted')} AI bursts of 10+ lines in files you had not edited, committed without the cursor visiting them` },
      ],
    },
  ];
}
