/**
 * Replay: feeds a parsed trace through the same core the extension runs, and collects the
 * attributions. Pure: the CLI reads the files and the clock, this does the work.
 */
import type { IndexedObservation } from '../traceFormat';
import type { EditLabel } from '../observation';
import { EditClassifier, type Attribution, type ClassifierOptions } from './classifier';
import { fiftyCharRule, type ScoredEvent } from './scoring';

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
