/**
 * The text of each document as it was before its unreviewed AI edits, for "Show AI changes"
 * (a diff against what was there before). Kept in memory only, never written anywhere.
 *
 * It shadows every open document's text from the stream (doc.open, then each doc.change)
 * and remembers the text before each recent change, because an attribution settles up to a
 * second after its change: when change `i` is attributed to AI and the document has no
 * baseline yet, the text before `i` becomes the baseline. The baseline stays until the
 * person marks the document reviewed, commits, or closes it.
 */
import { applyChanges } from '../attribution/classifier';
import { isAiLabel, type DocId, type EditLabel, type Observation } from '../observation';

/** Documents larger than this are not shadowed (no diff offered for them). */
export const MAX_SHADOW_CHARS = 2_000_000;
/** How many recent "text before change i" a document keeps for late attributions. */
const HISTORY = 64;

export class PreAiTexts {
  private readonly texts = new Map<DocId, string>();
  private readonly history = new Map<DocId, { i: number; before: string }[]>();
  private readonly baselines = new Map<DocId, string>();

  observe(i: number, o: Observation): void {
    switch (o.type) {
      case 'doc.open':
        if (o.text.length <= MAX_SHADOW_CHARS) this.texts.set(o.doc, o.text);
        break;
      case 'doc.change': {
        const before = this.texts.get(o.doc);
        if (before === undefined) break;
        const after = applyChanges(before, o.changes);
        if (after.length > MAX_SHADOW_CHARS) {
          this.forget(o.doc);
          break;
        }
        const h = this.history.get(o.doc) ?? [];
        h.push({ i, before });
        if (h.length > HISTORY) h.shift();
        this.history.set(o.doc, h);
        this.texts.set(o.doc, after);
        break;
      }
      case 'doc.close':
        this.forget(o.doc);
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
    return this.baselines.get(doc);
  }

  /** The shadow of the document's current text. */
  current(doc: DocId): string | undefined {
    return this.texts.get(doc);
  }

  /** Reviewed: later AI edits start a new baseline. Null: every document. */
  clear(doc: DocId | null): void {
    if (doc === null) this.baselines.clear();
    else this.baselines.delete(doc);
  }

  private forget(doc: DocId): void {
    this.texts.delete(doc);
    this.history.delete(doc);
    this.baselines.delete(doc);
  }
}
