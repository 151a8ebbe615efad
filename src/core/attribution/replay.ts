/**
 * Replay: feeds a parsed trace through the same core the extension runs, and collects the
 * attributions. Pure: the CLI reads the files and the clock, this does the work.
 */
import type { IndexedObservation } from '../traceFormat';
import type { EditLabel } from '../observation';
import { EditClassifier, type Attribution, type ClassifierOptions } from './classifier';
import { fiftyCharRule, type ScoredEvent } from './scoring';
import { FateTracker, type AiEditFate } from '../fate/fateTracker';

export interface ReplayResult {
  readonly attributions: readonly Attribution[];
  /** Changes with their ground truth, for scoring (only changes that carry a label). */
  readonly scored: readonly ScoredEvent[];
  /** The same changes as the 50-character rule labels them. */
  readonly baseline: readonly ScoredEvent[];
  readonly observations: number;
}

export function replayTrace(observations: readonly IndexedObservation[], options: ClassifierOptions = {}): ReplayResult {
  const attributions: Attribution[] = [];
  const classifier = new EditClassifier((a) => attributions.push(a), options);
  const truth = new Map<number, EditLabel>();
  for (const { i, observation } of observations) {
    if (observation.type === 'doc.change' && observation.label !== undefined) truth.set(i, observation.label);
    classifier.observe(i, observation);
  }
  classifier.flush();
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
export function replayFates(observations: readonly IndexedObservation[], options: { useLabels?: boolean } = {}): AiEditFate[] {
  const fate = new FateTracker();
  const classifier = options.useLabels ? undefined : new EditClassifier((a) => fate.attribute(a.i, a.label, a.t, a.doc));
  let endT = 0;
  for (const { i, observation } of observations) {
    fate.observe(i, observation);
    if (classifier !== undefined) classifier.observe(i, observation);
    else if (observation.type === 'doc.change' && observation.label !== undefined) fate.attribute(i, observation.label, observation.t, observation.doc);
    endT = observation.t;
  }
  classifier?.flush();
  return fate.fates(endT).sort((a, b) => a.i - b.i);
}
