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
 * - ranges of one document never overlap;
 * - a live range holds original characters only, so its text is always
 *   `inserted.slice(orig, orig + length)`: that is what lets a span be checked, found again
 *   after its document was closed, renamed or the window reloaded (by content fingerprint,
 *   see `reanchor`), and diffed against what was committed.
 */
import type { DocChange, DocId } from '../observation';
import type { Rope } from '../text/rope';
import { fingerprint, findFingerprint, type Fingerprint } from './fingerprint';

export interface SpanRange {
  start: number;
  end: number;
}

/** A live range and where its characters sit in the original inserted text. */
interface LiveRange extends SpanRange {
  orig: number;
  /** Fingerprint of the range's text, set only when the text itself is not known (restored from disk). */
  fp?: Fingerprint;
}

/** A live range as persisted: offsets and a content fingerprint, never the text. */
export interface PersistedRange {
  readonly start: number;
  readonly end: number;
  readonly orig: number;
  readonly fp: Fingerprint;
}

export interface PersistedSpan {
  readonly doc: DocId;
  readonly t: number;
  readonly original: number;
  readonly undone: number;
  readonly touched: boolean;
  readonly lost: number;
  /** Whitespace a formatter took out of it (absent in older saves: none). */
  readonly reformatted?: number;
  readonly ranges: readonly PersistedRange[];
}

interface Tracked {
  readonly key: number;
  readonly doc: DocId;
  readonly t: number;
  readonly original: number;
  ranges: LiveRange[];
  /**
   * The text as inserted (in memory only). Null for a span restored from disk: then only
   * the pieces found again are known, through `fp` on each range until it is verified.
   */
  inserted: string | null;
  /** Characters removed by an undo. */
  undone: number;
  /** Something was inserted strictly inside the span, or part of it replaced. */
  touched: boolean;
  /** Characters that could not be found again when the document was reopened. */
  lost: number;
  /** Whitespace of it that a formatter removed (reflowing it is not the person revising it). */
  reformatted: number;
  /** Set while the document is closed: its ranges must be checked against the text it reopens with. */
  unverified: boolean;
}

export interface SpanState {
  readonly key: number;
  readonly doc: DocId;
  readonly t: number;
  readonly original: number;
  readonly retained: number;
  readonly undone: number;
  readonly touched: boolean;
  /** Characters that could not be found again after a close, rename or reload. */
  readonly lost: number;
  /** Whitespace of it that a formatter removed. */
  readonly reformatted: number;
  readonly ranges: readonly SpanRange[];
}

/** What `reanchor` did to one document's spans. */
export interface ReanchorResult {
  readonly verified: number;
  readonly moved: number;
  readonly lostChars: number;
}

export class SpanTracker {
  /** Live tracked insertions (candidates and spans) per document. */
  private readonly byDoc = new Map<DocId, Tracked[]>();

  /**
   * `keepText`: keep each insertion's text in memory (to check, find again and diff spans).
   * A tracker that only counts characters (the coach's, an exercise's) does without it.
   */
  constructor(private readonly keepText = true) {}
  private readonly byKey = new Map<number, Tracked>();
  private readonly spans = new Set<number>();
  /**
   * What each change still waiting for its attribution cut out of tracked text (by change
   * key), so that a change the classifier later calls an undo (a chat's Undo: no undo reason
   * from VS Code) counts as undoing that text rather than deleting it. Forgotten when the
   * attribution settles; at most CUTS_KEPT changes.
   */
  private readonly cuts = new Map<number, Cut[]>();

  /**
   * Applies one change event. Content changes carry offsets into the text before the event
   * and never overlap; they are applied from the highest offset down, so each applies to
   * coordinates the earlier ones did not move. When `key` is given, the inserted text
   * becomes a candidate under that key.
   */
  applyChange(change: DocChange, key?: number, before?: Rope): void {
    let list = this.byDoc.get(change.doc) ?? [];
    // Only a change with no undo reason can turn out to be an undo once attributed.
    const cuts: Cut[] | undefined = key !== undefined && change.reason === null && list.length > 0 ? [] : undefined;
    const order = change.changes.length === 1 ? change.changes : [...change.changes].sort((a, b) => b.offset - a.offset);
    const fresh: LiveRange[] = [];
    for (const c of order) {
      const delta = c.text.length - c.length;
      const cEnd = c.offset + c.length;
      // A change of whitespace only (a formatter, an agent's own formatting pass) moves the
      // characters of a span instead of cutting them: `before` gives the text it replaced.
      const removed = before !== undefined && c.length > 0 && change.reason === null && list.length > 0 ? before.slice(c.offset, cEnd) : undefined;
      const reflow = removed !== undefined && removed !== c.text && sameIgnoringWhitespace(removed, c.text) ? alignWhitespace(removed, c.text) : undefined;
      for (const item of list) {
        if (reflow !== undefined) this.reflowRanges(item, c.offset, cEnd, delta, reflow);
        else {
          const touched = item.touched;
          const removed = this.updateRanges(item, c.offset, cEnd, c.text.length, delta, change.reason === 'undo');
          if (removed > 0 && cuts !== undefined) cuts.push({ item, removed, touched });
        }
      }
      // Ranges inserted earlier in this same event sit at higher offsets: shift them too.
      for (const r of fresh) {
        if (r.start >= cEnd) {
          r.start += delta;
          r.end += delta;
        }
      }
      if (c.text.length > 0) fresh.push({ start: c.offset, end: c.offset + c.text.length, orig: 0 });
    }
    // An item with nothing left in the document is no longer moved by changes: it leaves the
    // document's list (its state stays readable by key), so a change costs only the live ones.
    if (list.some((item) => item.ranges.length === 0)) {
      list = list.filter((item) => item.ranges.length > 0);
      if (list.length === 0) this.byDoc.delete(change.doc);
    }
    if (key !== undefined && fresh.length > 0) {
      let inserted = '';
      if (fresh.length === 1) {
        inserted = order.length === 1 ? order[0]!.text : order.find((c) => c.text.length > 0)!.text;
      } else {
        fresh.sort((a, b) => a.start - b.start);
        // The inserted text is the pieces in document order (`order` runs from the highest
        // offset down); `orig` indexes into it.
        const texts = order.filter((c) => c.text.length > 0).reverse();
        for (let k = 0; k < fresh.length; k++) {
          fresh[k]!.orig = inserted.length;
          inserted += texts[k]!.text;
        }
      }
      const item: Tracked = { key, doc: change.doc, t: change.t, original: inserted.length, ranges: fresh, inserted: this.keepText ? inserted : null, undone: 0, touched: false, lost: 0, reformatted: 0, unverified: false };
      list.push(item);
      this.byKey.set(key, item);
    }
    if (list.length > 0) this.byDoc.set(change.doc, list);
    if (cuts !== undefined && cuts.length > 0) {
      this.cuts.set(key!, cuts);
      if (this.cuts.size > CUTS_KEPT) this.cuts.delete(this.cuts.keys().next().value!);
    }
  }

  /**
   * The change under `key` turned out to be an undo (its attribution settled as one): what
   * it cut out of tracked text was undone, not deleted, and it did not revise anything.
   */
  cutsWereUndo(key: number): void {
    this.undoCuts(this.cuts.get(key) ?? []);
    this.cuts.delete(key);
  }

  /** The attribution of the change under `key` settled: what it cut stays as counted. */
  forgetCuts(key: number): void {
    this.cuts.delete(key);
  }

  /**
   * The file of a closed document was deleted: the text it still held is gone. Returns what
   * was cut, so that it can be taken for an undo instead (a chat's Undo deletes the files
   * its request created).
   */
  fileDeleted(doc: DocId): Cut[] {
    const out: Cut[] = [];
    const list = this.byDoc.get(doc);
    if (list === undefined) return out;
    for (const item of list) {
      if (!item.unverified) continue; // the document is open: its text is still there
      let removed = 0;
      for (const r of item.ranges) removed += r.end - r.start;
      if (removed > 0) out.push({ item, removed, touched: item.touched });
      item.ranges = [];
    }
    const rest = list.filter((item) => item.ranges.length > 0);
    if (rest.length > 0) this.byDoc.set(doc, rest);
    else this.byDoc.delete(doc);
    return out;
  }

  /** What `fileDeleted` cut was an undo. */
  undoCuts(cuts: readonly Cut[]): void {
    // Newest first, so each insertion ends with `touched` as it was before the first cut.
    for (let k = cuts.length - 1; k >= 0; k--) {
      const cut = cuts[k]!;
      cut.item.undone += cut.removed;
      cut.item.touched = cut.touched;
    }
  }

  /**
   * Moves, trims or splits the item's ranges for one content change [start, end) →
   * insertedLength characters. Ranges are sorted, so the scan stops being trivial only
   * where the change is; ranges before it stay, ranges after it shift in place.
   */
  private updateRanges(item: Tracked, start: number, end: number, insertedLength: number, delta: number, undo: boolean): number {
    const ranges = item.ranges;
    const last = ranges[ranges.length - 1];
    if (last === undefined || last.end <= start) return 0; // all before the change: nothing moves
    let out: LiveRange[] | undefined;
    let cut = 0;
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
        if (removed > 0) cut += removed;
        if (removed > 0 && undo) item.undone += removed;
        // An undo takes the edit back; it is not the person revising it.
        if (!undo && (removed > 0 || (insertedLength > 0 && start > r.start && start < r.end))) item.touched = true;
        const rEnd = r.end;
        if (r.start < start) out.push(piece(r, r.start, start, 0));
        if (rEnd > end) out.push(piece(r, end, rEnd, delta));
      }
    }
    if (out !== undefined) item.ranges = out;
    return cut;
  }

  /**
   * The item's ranges through a change [start, end) that only reflows whitespace: a character
   * the alignment keeps moves to its new place (pieces split where old or new places stop
   * being consecutive, so each still holds original characters in order); whitespace of the
   * span the formatter dropped counts as `reformatted`, not as the person's deletion.
   */
  private reflowRanges(item: Tracked, start: number, end: number, delta: number, map: Int32Array): void {
    const ranges = item.ranges;
    const last = ranges[ranges.length - 1];
    if (last === undefined || last.end <= start) return;
    const out: LiveRange[] = [];
    for (const r of ranges) {
      if (r.end <= start) {
        out.push(r);
        continue;
      }
      if (r.start >= end) {
        r.start += delta;
        r.end += delta;
        out.push(r);
        continue;
      }
      if (r.start < start) out.push({ start: r.start, end: start, orig: r.orig });
      let run: LiveRange | undefined;
      for (let p = Math.max(r.start, start); p < Math.min(r.end, end); p++) {
        const to = map[p - start]!;
        if (to < 0) {
          item.reformatted++;
          run = undefined;
          continue;
        }
        const at = start + to;
        const orig = r.orig + (p - r.start);
        if (run !== undefined && run.end === at && run.orig + (run.end - run.start) === orig) run.end++;
        else {
          run = { start: at, end: at + 1, orig };
          out.push(run);
        }
      }
      if (r.end > end) out.push({ start: end + delta, end: r.end + delta, orig: r.orig + (end - r.start) });
    }
    item.ranges = out;
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
    for (const item of [...this.byKey.values()]) {
      if (item.doc !== doc) continue;
      this.byKey.delete(item.key);
      this.spans.delete(item.key);
    }
    this.byDoc.delete(doc);
  }

  /** Forgets the text of an insertion (its counts stay): it can no longer be checked or diffed. */
  dropText(key: number): void {
    const item = this.byKey.get(key);
    if (item !== undefined) item.inserted = null;
  }

  state(key: number): SpanState | undefined {
    const item = this.byKey.get(key);
    if (item === undefined) return undefined;
    let retained = 0;
    for (const r of item.ranges) retained += r.end - r.start;
    return {
      key,
      doc: item.doc,
      t: item.t,
      original: item.original,
      retained,
      undone: item.undone,
      touched: item.touched,
      lost: item.lost,
      reformatted: item.reformatted,
      ranges: item.ranges.map((r) => ({ start: r.start, end: r.end })),
    };
  }

  /** The text as inserted, when known (not after a reload: that text is never written to disk). */
  insertedText(key: number): string | null {
    return this.byKey.get(key)?.inserted ?? null;
  }

  /** The span's live pieces: where each sits now and where in the inserted text it came from. */
  pieces(key: number): readonly { start: number; end: number; orig: number }[] {
    return (this.byKey.get(key)?.ranges ?? []).map((r) => ({ start: r.start, end: r.end, orig: r.orig }));
  }

  /** Documents holding spans (not candidates). */
  docsWithSpans(): DocId[] {
    const docs = new Set<DocId>();
    for (const key of this.spans) docs.add(this.byKey.get(key)!.doc);
    return [...docs];
  }

  /** Span keys of one document. */
  spansOf(doc: DocId): number[] {
    return (this.byDoc.get(doc) ?? []).filter((item) => this.spans.has(item.key)).map((item) => item.key);
  }

  /**
   * The document was closed: its spans wait, unverified, for the text it reopens with. So do
   * its candidates: an insertion whose document closed before its attribution settled (a
   * file a chat created and closed again at once) is followed if it turns out to be AI.
   */
  closeDoc(doc: DocId): void {
    const list = this.byDoc.get(doc);
    if (list === undefined) return;
    for (const item of list) item.unverified = true;
  }

  /**
   * The document (re)opened with `text`: checks every unverified span of it. A range whose
   * text is still at its offsets stays; one that moved is found again by its text (or its
   * fingerprint), preferring the occurrence nearest its old place that no other range holds;
   * one that cannot be found is dropped and counted as lost, never as deleted by the person.
   */
  reanchor(doc: DocId, text: string): ReanchorResult {
    let verified = 0;
    let moved = 0;
    let lostChars = 0;
    const list = this.byDoc.get(doc);
    if (list === undefined) return { verified, moved, lostChars };
    const claimed: SpanRange[] = [];
    const overlaps = (s: number, e: number): boolean => claimed.some((c) => s < c.end && c.start < e);
    // First pass: ranges still in place claim their text, so a moved range cannot take it.
    const pending: { item: Tracked; range: LiveRange }[] = [];
    for (const item of list) {
      if (!item.unverified) {
        for (const r of item.ranges) claimed.push(r);
        continue;
      }
      for (const r of item.ranges) {
        if (r.end <= text.length && this.matches(item, r, text, r.start)) {
          claimed.push(r);
          verified++;
        } else {
          pending.push({ item, range: r });
        }
      }
    }
    const lostRanges = new Set<LiveRange>();
    for (const { item, range: r } of pending) {
      const len = r.end - r.start;
      const content = item.inserted === null ? null : item.inserted.slice(r.orig, r.orig + len);
      let best = -1;
      const consider = (at: number): void => {
        if (overlaps(at, at + len)) return;
        if (best < 0 || Math.abs(at - r.start) < Math.abs(best - r.start)) best = at;
      };
      if (content !== null) {
        for (let at = text.indexOf(content); at >= 0; at = text.indexOf(content, at + 1)) consider(at);
      } else if (r.fp !== undefined) {
        for (const at of findFingerprint(text, r.fp)) consider(at);
      }
      if (best < 0) {
        lostRanges.add(r);
        item.lost += len;
        lostChars += len;
      } else {
        r.start = best;
        r.end = best + len;
        claimed.push(r);
        moved++;
      }
    }
    for (const item of list) {
      if (!item.unverified) continue;
      item.unverified = false;
      item.ranges = item.ranges.filter((r) => !lostRanges.has(r)).sort((a, b) => a.start - b.start);
      if (item.inserted === null) {
        // Restored from disk: the pieces found are the original characters at their places;
        // the rest of the original text is gone and stays unknown (NUL), in memory only.
        const chars = new Array<string>(item.original).fill('\u0000');
        for (const r of item.ranges) for (let k = 0; k < r.end - r.start; k++) chars[r.orig + k] = text[r.start + k]!;
        item.inserted = chars.join('');
      }
      for (const r of item.ranges) delete r.fp;
    }
    return { verified, moved, lostChars };
  }

  private matches(item: Tracked, r: LiveRange, text: string, at: number): boolean {
    const len = r.end - r.start;
    if (item.inserted !== null) return text.startsWith(item.inserted.slice(r.orig, r.orig + len), at);
    return r.fp !== undefined && fingerprint(text, at, at + len) === r.fp;
  }

  /**
   * The span as it can be persisted: offsets and fingerprints, no text. Null when it is not
   * a span. A piece of a restored range split before it could be checked has no
   * fingerprint and is not persisted (it would be lost on the next reopen anyway).
   */
  persist(key: number): PersistedSpan | null {
    const item = this.byKey.get(key);
    if (item === undefined || !this.spans.has(key)) return null;
    const ranges: PersistedRange[] = [];
    for (const r of item.ranges) {
      const fp = item.inserted !== null ? fingerprint(item.inserted, r.orig, r.orig + r.end - r.start) : r.fp;
      if (fp !== undefined) ranges.push({ start: r.start, end: r.end, orig: r.orig, fp });
    }
    return { doc: item.doc, t: item.t, original: item.original, undone: item.undone, touched: item.touched, lost: item.lost, reformatted: item.reformatted, ranges };
  }

  /** Follows a span restored from disk under a new key; it is checked when its document opens. */
  restore(key: number, span: PersistedSpan): void {
    const ranges: LiveRange[] = span.ranges.map((r) => ({ start: r.start, end: r.end, orig: r.orig, fp: r.fp })).sort((a, b) => a.start - b.start);
    const item: Tracked = { key, doc: span.doc, t: span.t, original: span.original, ranges, inserted: null, undone: span.undone, touched: span.touched, lost: span.lost, reformatted: span.reformatted ?? 0, unverified: true };
    const list = this.byDoc.get(span.doc) ?? [];
    list.push(item);
    this.byDoc.set(span.doc, list);
    this.byKey.set(key, item);
    this.spans.add(key);
  }

  /**
   * Follows text an AI agent wrote into a file no editor had open: `pieces` are where it sits
   * in the file as written, `text` their characters in order. Like a restored span it waits,
   * unverified, for the document to open, and is then found again by its text.
   */
  adopt(key: number, doc: DocId, t: number, pieces: readonly { start: number; end: number }[], text: string): void {
    let orig = 0;
    const ranges: LiveRange[] = pieces.map((p) => {
      const r = { start: p.start, end: p.end, orig };
      orig += p.end - p.start;
      return r;
    });
    const item: Tracked = { key, doc, t, original: text.length, ranges, inserted: text, undone: 0, touched: false, lost: 0, reformatted: 0, unverified: true };
    const list = this.byDoc.get(doc) ?? [];
    list.push(item);
    this.byDoc.set(doc, list);
    this.byKey.set(key, item);
    this.spans.add(key);
  }

  /**
   * A redo put back text an undo had taken out of a span: when the candidate under `redoKey`
   * inserted exactly the span's text, the span takes the redone characters as its own again
   * (what the undo counted is forgiven) and the candidate goes. Returns whether it did.
   */
  revive(spanKey: number, redoKey: number): boolean {
    const span = this.byKey.get(spanKey);
    const redo = this.byKey.get(redoKey);
    if (span === undefined || redo === undefined || !this.spans.has(spanKey) || this.spans.has(redoKey)) return false;
    if (span.doc !== redo.doc || span.undone === 0 || span.inserted === null || redo.inserted !== span.inserted) return false;
    // Characters of the span still live elsewhere stay; the redone ones must not overlap them.
    const live = new Set<number>();
    for (const r of span.ranges) for (let k = 0; k < r.end - r.start; k++) live.add(r.orig + k);
    const ranges = [...span.ranges];
    for (const r of redo.ranges) {
      for (let k = 0; k < r.end - r.start; k++) {
        if (live.has(r.orig + k)) return false; // not a plain redo of what the undo removed
      }
      ranges.push({ start: r.start, end: r.end, orig: r.orig });
    }
    span.ranges = ranges.sort((a, b) => a.start - b.start);
    span.undone = 0;
    this.drop(redoKey);
    // Fully undone, it had left its document's list: it is live again.
    const list = this.byDoc.get(span.doc) ?? [];
    if (!list.includes(span)) list.push(span);
    this.byDoc.set(span.doc, list);
    return true;
  }

  /** Stops following one span. */
  forget(key: number): void {
    this.spans.delete(key);
    this.drop(key);
  }

  get spanCount(): number {
    return this.spans.size;
  }

  /** Tracked insertions still waiting for their attribution. */
  get candidateCount(): number {
    return this.byKey.size - this.spans.size;
  }
}

/** Changes waiting for their attribution whose cuts are remembered (see `cuts`). */
const CUTS_KEPT = 256;

/** Characters one change cut out of one tracked insertion, and whether that insertion had been touched before. */
export interface Cut {
  readonly item: { undone: number; touched: boolean };
  readonly removed: number;
  readonly touched: boolean;
}

/** The part of range `r` between `start` and `end` (old coordinates), shifted by `delta`. */
function piece(r: LiveRange, start: number, end: number, delta: number): LiveRange {
  // A fingerprint covers the whole range, so a part of it carries none (and cannot be checked).
  return { start: start + delta, end: end + delta, orig: r.orig + (start - r.start) };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11 || code === 0xa0;
}

/** The two texts hold the same characters once whitespace is ignored. */
function sameIgnoringWhitespace(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < a.length && isSpace(a.charCodeAt(i))) i++;
    while (j < b.length && isSpace(b.charCodeAt(j))) j++;
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    i++;
    j++;
  }
}

/**
 * For each character of `removed`, its place in `inserted` (-1: a whitespace character the
 * reflow dropped), for two texts equal but for whitespace: equal characters are matched in
 * order, whitespace on one side only is skipped.
 */
function alignWhitespace(removed: string, inserted: string): Int32Array {
  const map = new Int32Array(removed.length).fill(-1);
  let j = 0;
  for (let i = 0; i < removed.length; i++) {
    const c = removed.charCodeAt(i);
    if (isSpace(c)) {
      // Whitespace stays where the same character follows; otherwise the reflow dropped it.
      if (j < inserted.length && inserted.charCodeAt(j) === c) map[i] = j++;
      continue;
    }
    // Anything else is there, after whatever whitespace the reflow added.
    while (j < inserted.length && isSpace(inserted.charCodeAt(j))) j++;
    map[i] = j++;
  }
  return map;
}
