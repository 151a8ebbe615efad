/**
 * Follows AI-written text after it lands: which of its characters are still there.
 *
 * Every insertion is tracked from the moment it happens as a candidate; when its
 * attribution settles (up to about a second later) an AI insertion becomes a span and
 * anything else is dropped. A span is a set of live character ranges in the document's
 * current coordinates. Invariants:
 * - a character stops counting the moment a later change deletes or replaces it, and never
 *   counts again (retained never rises);
 * - text inserted next to or inside a span is not part of it and does not reduce it (an
 *   insertion inside splits the range in two);
 * - ranges of one document never overlap.
 */
import type { DocChange, DocId } from '../observation';

export interface SpanRange {
  start: number;
  end: number;
}

interface Tracked {
  readonly key: number;
  readonly doc: DocId;
  readonly t: number;
  readonly original: number;
  ranges: SpanRange[];
  /** Characters removed by an undo. */
  undone: number;
  /** Something was inserted strictly inside the span, or part of it replaced. */
  touched: boolean;
}

export interface SpanState {
  readonly key: number;
  readonly doc: DocId;
  readonly t: number;
  readonly original: number;
  readonly retained: number;
  readonly undone: number;
  readonly touched: boolean;
  readonly ranges: readonly SpanRange[];
}

export class SpanTracker {
  /** Live tracked insertions (candidates and spans) per document. */
  private readonly byDoc = new Map<DocId, Tracked[]>();
  private readonly byKey = new Map<number, Tracked>();
  private readonly spans = new Set<number>();

  /**
   * Applies one change event. Content changes carry offsets into the text before the event
   * and never overlap; they are applied from the highest offset down, so each applies to
   * coordinates the earlier ones did not move. When `key` is given, the inserted text
   * becomes a candidate under that key.
   */
  applyChange(change: DocChange, key?: number): void {
    const list = this.byDoc.get(change.doc) ?? [];
    const order = change.changes.length === 1 ? change.changes : [...change.changes].sort((a, b) => b.offset - a.offset);
    const fresh: SpanRange[] = [];
    for (const c of order) {
      const delta = c.text.length - c.length;
      const cEnd = c.offset + c.length;
      for (const item of list) this.updateRanges(item, c.offset, cEnd, c.text.length, delta, change.reason === 'undo');
      // Ranges inserted earlier in this same event sit at higher offsets: shift them too.
      for (const r of fresh) {
        if (r.start >= cEnd) {
          r.start += delta;
          r.end += delta;
        }
      }
      if (c.text.length > 0) fresh.push({ start: c.offset, end: c.offset + c.text.length });
    }
    if (key !== undefined && fresh.length > 0) {
      const original = fresh.reduce((n, r) => n + r.end - r.start, 0);
      const item: Tracked = { key, doc: change.doc, t: change.t, original, ranges: fresh.sort((a, b) => a.start - b.start), undone: 0, touched: false };
      list.push(item);
      this.byKey.set(key, item);
    }
    if (list.length > 0) this.byDoc.set(change.doc, list);
  }

  /**
   * Moves, trims or splits the item's ranges for one content change [start, end) →
   * insertedLength characters. Ranges are sorted, so the scan stops being trivial only
   * where the change is; ranges before it stay, ranges after it shift in place.
   */
  private updateRanges(item: Tracked, start: number, end: number, insertedLength: number, delta: number, undo: boolean): void {
    const ranges = item.ranges;
    const last = ranges[ranges.length - 1];
    if (last === undefined || last.end <= start) return; // all before the change: nothing moves
    let out: SpanRange[] | undefined;
    for (let k = 0; k < ranges.length; k++) {
      const r = ranges[k]!;
      if (r.end <= start) {
        out?.push(r); // before the change; an insertion right after the range is not part of it
      } else if (r.start >= end) {
        r.start += delta; // after it; an insertion right before shifts it
        r.end += delta;
        out?.push(r);
      } else {
        // The change reaches into the range: keep what lies outside [start, end).
        out ??= ranges.slice(0, k);
        const removed = Math.min(r.end, end) - Math.max(r.start, start);
        if (removed > 0 && undo) item.undone += removed;
        if (removed > 0 || (insertedLength > 0 && start > r.start && start < r.end)) item.touched = true;
        const rEnd = r.end;
        if (r.start < start) out.push({ start: r.start, end: start });
        if (rEnd > end) out.push({ start: end + delta, end: rEnd + delta });
      }
    }
    if (out !== undefined) item.ranges = out;
  }

  /** The candidate under `key` is an AI insertion: keep following it. */
  promote(key: number): boolean {
    if (!this.byKey.has(key)) return false;
    this.spans.add(key);
    return true;
  }

  /** The candidate under `key` is not AI: stop following it. */
  drop(key: number): void {
    const item = this.byKey.get(key);
    if (item === undefined || this.spans.has(key)) return;
    this.byKey.delete(key);
    const list = this.byDoc.get(item.doc);
    if (list === undefined) return;
    const k = list.indexOf(item);
    if (k >= 0) list.splice(k, 1);
    if (list.length === 0) this.byDoc.delete(item.doc);
  }

  /** Forgets a document's candidates and spans (closed and not coming back). */
  forgetDoc(doc: DocId): void {
    for (const item of this.byDoc.get(doc) ?? []) {
      this.byKey.delete(item.key);
      this.spans.delete(item.key);
    }
    this.byDoc.delete(doc);
  }

  state(key: number): SpanState | undefined {
    const item = this.byKey.get(key);
    if (item === undefined) return undefined;
    let retained = 0;
    for (const r of item.ranges) retained += r.end - r.start;
    return { key, doc: item.doc, t: item.t, original: item.original, retained, undone: item.undone, touched: item.touched, ranges: item.ranges.map((r) => ({ ...r })) };
  }

  get spanCount(): number {
    return this.spans.size;
  }

  /** Tracked insertions still waiting for their attribution. */
  get candidateCount(): number {
    return this.byKey.size - this.spans.size;
  }
}
