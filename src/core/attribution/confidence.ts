/**
 * What an attribution's confidence is worth. The classifier's confidences are calibrated on
 * the labelled corpus (README, "Confidence that means something": of the edits it calls AI
 * with confidence about c, about c are AI); this threshold is the one at which its AI calls
 * measured at least 0.99 precision on held-out traces it was never tuned on.
 *
 * Coaching acts only on AI attributions at or above it (margin marks, CodeLens, "AI lines not
 * run", nudges, exercise steps); less certain ones count as "possibly AI".
 */
import { isAiLabel, type EditLabel } from '../observation';

export const SURE_AI_CONFIDENCE = 0.85;

/** The attribution says AI and is sure enough for coaching to act on it. */
export function isSureAi(a: { readonly label: EditLabel; readonly confidence: number }): boolean {
  return isAiLabel(a.label) && a.confidence >= SURE_AI_CONFIDENCE;
}

/** The attribution says AI but not surely: shown and counted as "possibly AI". */
export function isPossiblyAi(a: { readonly label: EditLabel; readonly confidence: number }): boolean {
  return isAiLabel(a.label) && a.confidence < SURE_AI_CONFIDENCE;
}
