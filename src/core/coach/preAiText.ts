/**
 * The text of each document as it was before its unreviewed AI edits, for "Show AI changes"
 * (a diff against what was there before). Kept in memory only, never written anywhere.
 *
 * An attribution settles up to a second after its change, so the text before each recent
 * change is remembered (a reference to the session's Rope of that moment, not a copy): when
 * change `i` is attributed to AI and the document has no baseline yet, the text before `i`
 * becomes the baseline. The baseline stays until the person marks the document reviewed,
 * commits, or closes it. A baseline shares every chunk the document has not changed since,
 * so it costs only what changed after it.
 */
import { isAiLabel, type DocId, type EditLabel, type Observation } from '../observation';
import type { Rope } from '../text/rope';

/** How many recent "text before change i" a document keeps for late attributions. */
const HISTORY = 64;

export class PreAiTexts {
  private readonly history = new Map<DocId, { i: number; before: Rope }[]>();
  private readonly baselines = new Map<DocId, Rope>();

  /** `before` is the document's text before a `doc.change` (from the session's text store). */
  observe(i: number, o: Observation, before?: Rope): void {
    switch (o.type) {
      case 'doc.change': {
        if (before === undefined) break;
        let h = this.history.get(o.doc);
        if (h === undefined) this.history.set(o.doc, (h = []));
        h.push({ i, before });
        // Keep the last HISTORY to 2 * HISTORY: trim in one go, not one shift per change.
        if (h.length > 2 * HISTORY) h.splice(0, h.length - HISTORY);
        break;
      }
      case 'doc.close':
        this.history.delete(o.doc);
        this.baselines.delete(o.doc);
        break;
      case 'git':
        if (o.op === 'commit') this.baselines.clear();
        break;
      default:
        break;
    }
  }

  attribute(i: number, label: EditLabel, doc: DocId): void {
    if (!isAiLabel(label) || this.baselines.has(doc)) return;
    const entry = this.history.get(doc)?.find((h) => h.i === i);
    if (entry !== undefined) this.baselines.set(doc, entry.before);
  }

  /** The text before the document's unreviewed AI edits, or undefined when there are none (or it is not known). */
  baseline(doc: DocId): string | undefined {
    return this.baselines.get(doc)?.toString();
  }

  /** Reviewed: later AI edits start a new baseline. Null: every document. */
  clear(doc: DocId | null): void {
    if (doc === null) this.baselines.clear();
    else this.baselines.delete(doc);
  }
}
