/**
 * "That was me" in the figures. A rollup keeps corrections apart (`relabeled`: a rollup only
 * adds); this takes them back from what had been counted as AI, so every figure the progress
 * view shows (AI share, AI edits, fates, validation) follows the person's correction. The
 * characters become the person's own. Counts never go below zero (a correction may land on a
 * later day than the edit it corrects).
 */
import type { AssistantKind } from '../metrics';
import type { DayRollup } from '../store/rollup';

const ASSISTANTS: readonly AssistantKind[] = ['inline', 'chat', 'agent'];
const OUTCOMES = ['undone', 'deleted', 'revised', 'kept', 'lost'] as const;

export function withCorrections(r: DayRollup): DayRollup {
  const c = r.relabeled;
  if (c === undefined) return r;
  const total = ASSISTANTS.reduce((n, a) => n + c.chars[a] + c.edits[a], 0) + c.lines + OUTCOMES.reduce((n, o) => n + c.fates[o], 0);
  if (total === 0) return r;
  const out = structuredClone(r);
  for (const a of ASSISTANTS) {
    const chars = Math.min(out.chars.ai[a], c.chars[a]);
    out.chars.ai[a] -= chars;
    out.chars.human += chars;
    out.aiEdits.count[a] = Math.max(0, out.aiEdits.count[a] - c.edits[a]);
    out.aiEdits.chars = Math.max(0, out.aiEdits.chars - c.chars[a]);
  }
  out.aiEdits.lines = Math.max(0, out.aiEdits.lines - c.lines);
  for (const o of OUTCOMES) out.fates[o] = Math.max(0, out.fates[o] - c.fates[o]);
  out.fates.committed = Math.max(0, out.fates.committed - c.fates.committed);
  out.fates.committedRanFirst = Math.max(0, Math.min(out.fates.committed, out.fates.committedRanFirst - c.fates.committedRanFirst));
  return out;
}
