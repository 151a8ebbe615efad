/**
 * Scoring and fate replays of a trace. Both run the one Session (src/core/replay.ts): the
 * same classifier, fate tracker and everything else the extension runs, in the same order.
 */
import type { LocalTime } from '../coach/policy';
import type { EditLabel } from '../observation';
import { attributionsOf, replaySession } from '../replay';
import type { SessionOutput } from '../session';
import type { IndexedObservation } from '../traceFormat';
import type { Attribution } from './classifier';
import { fiftyCharRule, type ScoredEvent } from './scoring';
import type { AiEditFate } from '../fate/fateTracker';

export interface ReplayResult {
  readonly attributions: readonly Attribution[];
  /** Changes with their ground truth, for scoring (only changes that carry a label). */
  readonly scored: readonly ScoredEvent[];
  /** The same changes as the 50-character rule labels them. */
  readonly baseline: readonly ScoredEvent[];
  readonly observations: number;
}

/** Local time in UTC, for tests and traces without a time zone. */
export const UTC_TIME: LocalTime = {
  day: (ms) => {
    const d = Math.floor(ms / 86_400_000);
    return `d${d}`;
  },
  minutesOfDay: (ms) => Math.floor((((ms % 86_400_000) + 86_400_000) % 86_400_000) / 60_000),
};

/**
 * Classifies every change of a trace by inference alone (VS Code's own edit sources are never
 * read when scoring) and lines the answers up with the trace's labels.
 */
export interface ReplayOptions {
  readonly startEpochMs?: number;
  readonly local?: LocalTime;
  /** An input the session could not apply (a change to a document never opened, a range outside the text...). */
  readonly onProblem?: (i: number, message: string) => void;
}

function forwardProblems(options: ReplayOptions) {
  return options.onProblem === undefined ? undefined : (o: SessionOutput) => (o.kind === 'problem' ? options.onProblem!(o.i, o.message) : undefined);
}

export function replayTrace(observations: readonly IndexedObservation[], options: ReplayOptions = {}): ReplayResult {
  const { outputs } = replaySession(observations, { startEpochMs: options.startEpochMs ?? 0, local: options.local ?? UTC_TIME, exactSources: false, deliver: false, onOutput: forwardProblems(options) });
  const attributions = attributionsOf(outputs);
  const truth = new Map<number, EditLabel>();
  for (const { i, observation } of observations) {
    if (observation.type === 'doc.change' && observation.label !== undefined) truth.set(i, observation.label);
  }
  const scored: ScoredEvent[] = [];
  const baseline: ScoredEvent[] = [];
  for (const a of attributions) {
    const t = truth.get(a.i);
    if (t === undefined) continue;
    scored.push({ truth: t, predicted: a.label, insertedChars: a.insertedChars });
    baseline.push({ truth: t, predicted: fiftyCharRule(a.insertedChars), insertedChars: a.insertedChars });
  }
  return { attributions, scored, baseline, observations: observations.length };
}

/**
 * Follows every AI edit of a trace to its fate. Attribution comes from the classifier, or,
 * with `useLabels`, from the trace's own labels (to check tracking apart from classifying).
 */
export function replayFates(observations: readonly IndexedObservation[], options: ReplayOptions & { useLabels?: boolean } = {}): AiEditFate[] {
  const { session } = replaySession(observations, { startEpochMs: options.startEpochMs ?? 0, local: options.local ?? UTC_TIME, exactSources: false, useLabels: options.useLabels, deliver: false, onOutput: forwardProblems(options) });
  return session.fates().sort((a, b) => a.i - b.i);
}
