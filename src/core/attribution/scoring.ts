/**
 * Scores attributions against the ground-truth labels of a labelled trace: `ai` (any of
 * ai.inline, ai.chat, ai.agent) against everything else, by events and by inserted
 * characters, and the confusion matrix of all labels.
 */
import { EDIT_LABELS, isAiLabel, type EditLabel } from '../observation';

export interface ScoredEvent {
  readonly truth: EditLabel;
  readonly predicted: EditLabel;
  readonly insertedChars: number;
}

export interface BinaryScore {
  readonly precision: number;
  readonly recall: number;
  readonly precisionChars: number;
  readonly recallChars: number;
  readonly f1: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly truePositiveChars: number;
  readonly falsePositiveChars: number;
  readonly falseNegativeChars: number;
}

export interface Score {
  readonly events: number;
  readonly labelled: number;
  readonly accuracy: number;
  readonly ai: BinaryScore;
  /** confusion[truth][predicted] = count; only labels that occur appear. */
  readonly confusion: Record<string, Record<string, number>>;
}

/** Precision or recall with nothing to count is 1 (no claim was wrong, nothing was missed). */
function ratio(hit: number, total: number): number {
  return total === 0 ? 1 : hit / total;
}

export function score(events: readonly ScoredEvent[]): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tpc = 0;
  let fpc = 0;
  let fnc = 0;
  let correct = 0;
  const confusion: Record<string, Record<string, number>> = {};
  for (const e of events) {
    const truthAi = isAiLabel(e.truth);
    const predAi = isAiLabel(e.predicted);
    if (truthAi && predAi) {
      tp++;
      tpc += e.insertedChars;
    } else if (predAi) {
      fp++;
      fpc += e.insertedChars;
    } else if (truthAi) {
      fn++;
      fnc += e.insertedChars;
    }
    if (e.truth === e.predicted) correct++;
    const row = (confusion[e.truth] ??= {});
    row[e.predicted] = (row[e.predicted] ?? 0) + 1;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const ordered: Record<string, Record<string, number>> = {};
  for (const truth of EDIT_LABELS) {
    const row = confusion[truth];
    if (row === undefined) continue;
    ordered[truth] = {};
    for (const predicted of EDIT_LABELS) if (row[predicted] !== undefined) ordered[truth][predicted] = row[predicted];
  }
  return {
    events: events.length,
    labelled: events.length,
    accuracy: ratio(correct, events.length),
    ai: {
      precision,
      recall,
      precisionChars: ratio(tpc, tpc + fpc),
      recallChars: ratio(tpc, tpc + fnc),
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      truePositiveChars: tpc,
      falsePositiveChars: fpc,
      falseNegativeChars: fnc,
    },
    confusion: ordered,
  };
}

/**
 * The rule most tools use from outside the editor: a change that inserts more than 50
 * characters at once is AI. Reported next to Deliberate's classifier as the baseline.
 */
export function fiftyCharRule(insertedChars: number): EditLabel {
  return insertedChars > 50 ? 'ai.agent' : 'human.type';
}
