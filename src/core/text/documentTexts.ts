/**
 * The session's one text store: each open document's text as an immutable Rope.
 *
 * Every consumer (classifier, fate, coach, exercises) reads texts from here; none keeps a
 * copy. A change costs O(log n + chunk) however large the document, and the text before a
 * change is the previous Rope, shared by reference (see rope.ts), so "the text before change
 * i" or "before this AI burst" costs only the chunks changed since.
 */
import type { ContentChange, DocId } from '../observation';
import { Rope } from './rope';

export interface TextVersions {
  readonly before: Rope;
  readonly after: Rope;
}

export class DocumentTexts {
  private readonly docs = new Map<DocId, Rope>();

  open(doc: DocId, text: string): Rope {
    const rope = Rope.from(text);
    this.docs.set(doc, rope);
    return rope;
  }

  /**
   * Applies one change event. Throws RangeError when the document is not open, a range is
   * outside its text, or ranges overlap; the store is unchanged then.
   */
  change(doc: DocId, changes: readonly ContentChange[]): TextVersions {
    const before = this.docs.get(doc);
    if (before === undefined) throw new RangeError(`document ${doc} changed but was never opened`);
    const after = before.apply(changes);
    this.docs.set(doc, after);
    return { before, after };
  }

  close(doc: DocId): void {
    this.docs.delete(doc);
  }

  get(doc: DocId): Rope | undefined {
    return this.docs.get(doc);
  }

  has(doc: DocId): boolean {
    return this.docs.has(doc);
  }

  get size(): number {
    return this.docs.size;
  }
}
