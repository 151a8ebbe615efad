/**
 * The fate of every AI edit: how much of it is retained 30 s, 2, 5, 10 and 15 minutes
 * after acceptance, at the next save and at the next commit, and how it ended: undone,
 * deleted, revised or kept.
 *
 * Driven by the observation stream and by settled attributions; time is stream time. A
 * retention window is measured at the first observation at or after its end, before that
 * observation's own change is applied, so it reads the text as it stood at that moment.
 */
import { diffChars } from 'diff';
import { isAiLabel, type DocId, type EditLabel, type Observation } from '../observation';
import type { Rope } from '../text/rope';
import { CHAT_AGENT } from '../attribution/commands';
import { SpanTracker, type Cut, type PersistedSpan } from './spanTracker';
import { isValidationCommand } from './validation';

export const RETENTION_WINDOWS = [
  { name: '30s', ms: 30_000 },
  { name: '120s', ms: 120_000 },
  { name: '300s', ms: 300_000 },
  { name: '600s', ms: 600_000 },
  { name: '900s', ms: 900_000 },
] as const;
export type WindowName = (typeof RETENTION_WINDOWS)[number]['name'];

/** `lost`: most of it could not be found again after its document was closed, renamed or reloaded. */
export type Outcome = 'undone' | 'deleted' | 'revised' | 'kept' | 'lost';

/** What a commit that contained the AI edit made of it. */
export interface CommitFate {
  readonly head: string;
  /** Stream time the commit was seen. */
  readonly t: number;
  /** Share of the inserted characters that are not in the committed text (0 to 1). */
  readonly revisedShare: number;
  /** Characters of the committed text around the edit that the person added or changed. */
  readonly addedChars: number;
  /** Characters of the inserted text that did not make it into the commit. */
  readonly removedChars: number;
}

/** One file as a commit left it, for the documents holding AI edits. */
export interface CommittedFile {
  /** The file's text in the commit, or null when the commit did not change the file. */
  readonly committed: string | null;
  /** The document's text now (the AI edits' offsets refer to it). */
  readonly current: string;
}

export interface AiEditFate {
  /** Index of the change that inserted the text. */
  readonly i: number;
  readonly t: number;
  readonly doc: DocId;
  readonly label: EditLabel;
  readonly originalChars: number;
  /** Characters still unmodified when each window ended; null if the stream ended first. */
  readonly retained: Readonly<Record<WindowName, number | null>>;
  readonly atSave: number | null;
  readonly atCommit: number | null;
  /** Stream time of the first test, build, lint or debug run after the edit, or null. */
  readonly firstRunAfter: number | null;
  /** At the next commit: had the code been run or tested since it was inserted? null before any commit. */
  readonly ranBeforeCommit: boolean | null;
  readonly atEnd: number;
  readonly outcome: Outcome;
  /** Share of the original characters no longer there (0 to 1). */
  readonly revisedShare: number;
  /** Characters that could not be found again after a close, rename or reload. */
  readonly lost: number;
  /** The first commit that contained the edit, with a diff of the text as inserted and as committed; null until then. */
  readonly commit: CommitFate | null;
  /** Commits that landed (and were inspected) without the edit, before it was committed. */
  readonly commitsWithout: number;
  /** Stream time the fate became final (its first commit, or the end of its last window); null before. */
  readonly finalAt: number | null;
}

interface Followed {
  /** Change index; negative for an edit restored from an earlier session. */
  readonly i: number;
  readonly t: number;
  readonly doc: DocId;
  readonly label: EditLabel;
  readonly retained: Record<WindowName, number | null>;
  atSave: number | null;
  atCommit: number | null;
  firstRunAfter: number | null;
  ranBeforeCommit: boolean | null;
  commit: CommitFate | null;
  commitsWithout: number;
  /** When the fate became final: the commit that contained it, or the last window's end. */
  finalAt: number | null;
  drained: boolean;
}

/** A followed AI edit as persisted across a window reload: times in epoch ms, its document by a key the adapter chooses (a URI). */
export interface PersistedFate {
  readonly docKey: string;
  readonly label: EditLabel;
  readonly span: Omit<PersistedSpan, 'doc' | 't'>;
  readonly at: number;
  readonly retained: Readonly<Record<WindowName, number | null>>;
  readonly atSave: number | null;
  readonly atCommit: number | null;
  readonly firstRunAt: number | null;
  readonly ranBeforeCommit: boolean | null;
}

const LAST_WINDOW: WindowName = RETENTION_WINDOWS[RETENTION_WINDOWS.length - 1]!.name;

/**
 * A chat's Undo deletes the files its request created in the same moment as it restores the
 * others: a file deleted this close to an undo, or to the chat letting go of the file, was
 * undone with them.
 */
const UNDO_DELETE_MS = 3000;

/** Most of it gone by undo, or by hand: the thresholds of the outcomes. */
const MOST = 0.5;

export class FateTracker {
  private readonly spans = new SpanTracker();
  private readonly followed = new Map<number, Followed>();
  /** Fates that can no longer change, in the order they settled (their spans are no longer followed). */
  private readonly settled: AiEditFate[] = [];
  /** Followed edits whose fate became final and is not drained yet, in that order. */
  private readonly finalQueue: number[] = [];
  /** Drained fates waiting for their last window to settle. */
  private settleQueue: number[] = [];
  /** Per window, the followed edits not yet measured there, oldest first. */
  private readonly queues: number[][] = RETENTION_WINDOWS.map(() => []);
  private readonly openDocs = new Set<DocId>();
  private lastT = 0;
  private nextRestoredKey = -1;
  /** Files of closed documents deleted lately, with the AI text they held (see UNDO_DELETE_MS). */
  private deletions: { t: number; doc: DocId; cuts: Cut[] }[] = [];
  /** Changes waiting for their attribution that replaced a whole document with no undo reason (what a chat's Undo looks like). */
  private readonly wholeReplacements = new Set<number>();
  /** Stream times of the latest such change attributed as an undo, and of the chat's latest checkpoint per document. */
  private lastUndoT = -Infinity;
  private readonly chatT = new Map<DocId, number>();

  /**
   * Feeds one observation. Call before the classifier sees it. `before` is the document's
   * text before a `doc.change` (the session's text store), so a formatter's reflow of AI
   * text moves it instead of counting as its deletion.
   */
  observe(i: number, o: Observation, before?: Rope): void {
    this.measureWindows(o.t);
    this.lastT = o.t;
    switch (o.type) {
      case 'doc.change': {
        const c = o.changes.length === 1 ? o.changes[0]! : undefined;
        if (o.reason === null && c !== undefined && c.offset === 0 && before !== undefined && c.length === before.length && c.length > 0) {
          this.wholeReplacements.add(i);
          if (this.wholeReplacements.size > 64) this.wholeReplacements.delete(this.wholeReplacements.values().next().value!);
        }
        this.spans.applyChange(o, i, before);
        break;
      }
      case 'doc.close':
        this.spans.closeDoc(o.doc);
        break;
      case 'doc.save':
        for (const f of this.followed.values()) if (f.doc === o.doc && f.atSave === null && f.t <= o.t) f.atSave = this.retainedOf(f.i);
        break;
      case 'git':
        if (o.op !== 'commit') break;
        for (const f of this.followed.values()) {
          if (f.atCommit !== null || f.t > o.t) continue;
          f.atCommit = this.retainedOf(f.i);
          f.ranBeforeCommit = f.firstRunAfter !== null;
        }
        break;
      case 'task':
        if (o.phase === 'start' && o.group !== null) this.ran(o.t);
        break;
      case 'terminal.exec':
        if (o.phase === 'start' && isValidationCommand(o.commandLine)) this.ran(o.t);
        break;
      case 'debug':
        if (o.phase === 'start') this.ran(o.t);
        break;
      case 'doc.open':
        this.openDocs.add(o.doc);
        this.spans.reanchor(o.doc, o.text);
        break;
      case 'agent.checkpoint':
        if (o.agent !== CHAT_AGENT) break;
        for (const doc of o.docs ?? []) {
          this.chatT.set(doc, o.t);
          this.undoDeletions((d) => d.doc === doc && Math.abs(d.t - o.t) <= UNDO_DELETE_MS);
        }
        break;
      case 'fs': {
        if (o.change !== 'deleted' || o.doc === undefined) break;
        const cuts = this.spans.fileDeleted(o.doc);
        if (cuts.length === 0) break;
        const chat = this.chatT.get(o.doc);
        if (o.t - this.lastUndoT <= UNDO_DELETE_MS || (chat !== undefined && o.t - chat <= UNDO_DELETE_MS)) this.spans.undoCuts(cuts);
        else this.deletions.push({ t: o.t, doc: o.doc, cuts });
        break;
      }
      default:
        break;
    }
  }

  /** Deletions matching `undone` were undone; deletions older than UNDO_DELETE_MS stay deletions. */
  private undoDeletions(undone: (d: { t: number; doc: DocId }) => boolean): void {
    this.deletions = this.deletions.filter((d) => {
      if (undone(d)) {
        this.spans.undoCuts(d.cuts);
        return false;
      }
      return this.lastT - d.t <= UNDO_DELETE_MS;
    });
  }

  /** A test, build, lint or debug run started: it covers every AI edit made before it. */
  private ran(t: number): void {
    for (const f of this.followed.values()) if (f.firstRunAfter === null && f.t <= t) f.firstRunAfter = t;
  }

  /** The attribution of change `i` settled: follow it if it is AI, forget it otherwise. */
  attribute(i: number, label: EditLabel, t: number, doc: DocId): void {
    // A change with no undo reason that the classifier calls an undo (a chat's Undo): what it
    // took out of AI text was undone, not deleted; files deleted with it were undone too.
    if (label === 'undo') {
      this.spans.cutsWereUndo(i);
      if (this.wholeReplacements.has(i)) {
        this.lastUndoT = Math.max(this.lastUndoT, t);
        this.undoDeletions((d) => Math.abs(d.t - t) <= UNDO_DELETE_MS);
      }
    } else {
      this.spans.forgetCuts(i);
    }
    this.wholeReplacements.delete(i);
    if (label === 'redo') {
      // Redoing an undone AI edit brings it back: it is followed on, not counted as undone.
      for (const f of [...this.followed.values()].reverse()) if (f.doc === doc && this.spans.revive(f.i, i)) return;
    }
    if (!isAiLabel(label) || !this.spans.promote(i)) {
      this.spans.drop(i);
      return;
    }
    const retained = Object.fromEntries(RETENTION_WINDOWS.map((w) => [w.name, null])) as Record<WindowName, number | null>;
    this.followed.set(i, { i, t, doc, label, retained, atSave: null, atCommit: null, firstRunAfter: null, ranBeforeCommit: null, commit: null, commitsWithout: 0, finalAt: null, drained: false });
    for (const q of this.queues) q.push(i);
  }

  /** Documents with AI edits that no commit has contained yet: what a new commit should be checked for. */
  docsAwaitingCommit(): DocId[] {
    const docs = new Set<DocId>();
    for (const f of this.followed.values()) if (f.commit === null) docs.add(f.doc);
    return [...docs];
  }

  /**
   * A commit landed (`head`), and `files` says what it made of the documents holding AI
   * edits. For each edit not yet committed: whether the commit contains it, and a
   * character diff of the text as inserted against the text as committed around it. An
   * edit the commit did not contain waits for the next commit (its retention at commit is
   * measured again then).
   */
  commitLanded(t: number, head: string, files: ReadonlyMap<DocId, CommittedFile>): AiEditFate[] {
    const contained: AiEditFate[] = [];
    for (const f of this.followed.values()) {
      if (f.commit !== null || f.t > t) continue;
      const file = files.get(f.doc);
      if (file === undefined) continue;
      const committed = file.committed === null ? null : this.committedRegion(f.i, file.current, file.committed);
      const inserted = this.spans.insertedText(f.i);
      if (committed === null || inserted === null) {
        f.commitsWithout++;
        f.atCommit = null;
        f.ranBeforeCommit = null;
        continue;
      }
      let same = 0;
      let added = 0;
      for (const part of diffChars(inserted, committed)) {
        if (part.added) added += part.value.length;
        else if (!part.removed) same += knownChars(part.value);
      }
      const original = inserted.length;
      f.commit = { head, t, revisedShare: original === 0 ? 0 : (original - same) / original, addedChars: added, removedChars: original - same };
      f.atCommit ??= this.retainedOf(f.i);
      f.ranBeforeCommit ??= f.firstRunAfter !== null && f.firstRunAfter <= t;
      if (f.finalAt === null) {
        f.finalAt = t;
        this.finalQueue.push(f.i);
      }
      contained.push(this.fateOf(f));
    }
    return contained;
  }

  /**
   * The text of the committed file where the edit's live pieces are: from the first piece
   * to the last, so the person's own insertions among them count as revisions. Null when
   * none of the edit's characters is in the committed text.
   */
  private committedRegion(i: number, current: string, committed: string): string | null {
    const pieces = this.spans.pieces(i);
    if (pieces.length === 0) return null;
    const first = pieces[0]!;
    const last = pieces[pieces.length - 1]!;
    if (current === committed) return committed.slice(first.start, last.end);
    // The document moved on since (or was committed in part): find the first and last piece's
    // text in the committed file, nearest to where they are now.
    const inserted = this.spans.insertedText(i) ?? '';
    const find = (p: { start: number; end: number; orig: number }): number => nearestIndex(committed, inserted.slice(p.orig, p.orig + p.end - p.start), p.start);
    const s = find(first);
    const lastAt = find(last);
    if (s < 0 || lastAt < 0 || lastAt < s) return null;
    return committed.slice(s, lastAt + last.end - last.start);
  }

  /**
   * Fates that became final (committed, or past their last window by stream time `endT`)
   * since the last call, each once.
   */
  drainFinal(endT = this.lastT): AiEditFate[] {
    this.measureWindows(endT);
    const out: AiEditFate[] = [];
    if (this.finalQueue.length === 0 && this.settleQueue.length === 0) return out;
    for (const i of this.finalQueue.splice(0)) {
      const f = this.followed.get(i);
      if (f === undefined || f.drained) continue;
      f.drained = true;
      this.settleQueue.push(i);
      out.push(this.fateOf(f));
      // Final: its text is no longer needed (only counts are measured from here on).
      this.spans.dropText(f.i);
    }
    // Fates drained and measured in every window can no longer change: keep their value and
    // stop following their spans (and their text), so the cost of a change does not grow
    // with the length of the session.
    this.settleQueue = this.settleQueue.filter((i) => {
      const f = this.followed.get(i);
      if (f === undefined) return false;
      if (f.retained[LAST_WINDOW] === null) return true;
      this.settled.push(this.fateOf(f));
      this.followed.delete(f.i);
      this.spans.forget(f.i);
      return false;
    });
    return out;
  }

  /**
   * The earliest stream time after `after` at which a retention window of a followed edit
   * ends (when its measure and maybe its final fate fall due), or Infinity.
   */
  nextDeadline(after: number): number {
    let next = Infinity;
    // Called before every input: a plain loop, no closure.
    for (let k = 0; k < RETENTION_WINDOWS.length; k++) {
      const head = this.queues[k]![0];
      if (head === undefined) continue;
      const due = this.followed.get(head)!.t + RETENTION_WINDOWS[k]!.ms;
      if (due > after && due < next) next = due;
    }
    return next;
  }

  /**
   * What must survive a window reload: the AI edits still being followed (not final),
   * newest `limit`, with times in epoch ms (`epochOffset` + stream time) and documents
   * under `docKey` (edits in documents without a key are not persisted). No text: spans
   * carry content fingerprints.
   */
  persist(epochOffset: number, docKey: (doc: DocId) => string | undefined, limit = 2000): PersistedFate[] {
    const out: PersistedFate[] = [];
    const live = [...this.followed.values()].filter((f) => f.finalAt === null).sort((a, b) => b.t - a.t).slice(0, limit);
    for (const f of live) {
      const key = docKey(f.doc);
      const span = this.spans.persist(f.i);
      if (key === undefined || span === null) continue;
      const { doc: _doc, t: _t, ...rest } = span;
      out.push({
        docKey: key,
        label: f.label,
        span: rest,
        at: f.t + epochOffset,
        retained: { ...f.retained },
        atSave: f.atSave,
        atCommit: f.atCommit,
        firstRunAt: f.firstRunAfter === null ? null : f.firstRunAfter + epochOffset,
        ranBeforeCommit: f.ranBeforeCommit,
      });
    }
    return out;
  }

  /**
   * Follows edits persisted by an earlier session. Their stream times are before this
   * session's start (negative); their spans are checked against each document's text when
   * it opens (`doc.open`). Returns how many were restored.
   */
  restore(items: readonly PersistedFate[], epochOffset: number, docOf: (docKey: string) => DocId): number {
    for (const p of [...items].sort((a, b) => a.at - b.at)) {
      const i = this.nextRestoredKey--;
      const doc = docOf(p.docKey);
      const t = p.at - epochOffset;
      this.spans.restore(i, { ...p.span, doc, t });
      this.followed.set(i, {
        i,
        t,
        doc,
        label: p.label,
        retained: { ...p.retained },
        atSave: p.atSave,
        atCommit: p.atCommit,
        firstRunAfter: p.firstRunAt === null ? null : p.firstRunAt - epochOffset,
        ranBeforeCommit: p.ranBeforeCommit,
        commit: null,
        commitsWithout: 0,
        finalAt: null,
        drained: false,
      });
      RETENTION_WINDOWS.forEach((w, k) => {
        if (p.retained[w.name] === null) this.queues[k]!.push(i);
      });
    }
    for (const q of this.queues) q.sort((a, b) => this.followed.get(a)!.t - this.followed.get(b)!.t);
    return items.length;
  }

  /**
   * An AI agent wrote into a file no editor had open (`pieces` of its text as written, in
   * file offsets). It is followed from now on like any AI edit, under a key of its own (the
   * negative keys restored edits use): when the file opens its pieces are found by their text,
   * and what the person then does to them counts. Returns the key.
   */
  followUnopened(doc: DocId, t: number, pieces: readonly { start: number; end: number }[], text: string): number {
    const i = this.nextRestoredKey--;
    this.spans.adopt(i, doc, t, pieces, text);
    const retained = Object.fromEntries(RETENTION_WINDOWS.map((w) => [w.name, null])) as Record<WindowName, number | null>;
    this.followed.set(i, { i, t, doc, label: 'ai.agent', retained, atSave: null, atCommit: null, firstRunAfter: null, ranBeforeCommit: null, commit: null, commitsWithout: 0, finalAt: null, drained: false });
    for (const q of this.queues) q.push(i);
    return i;
  }

  private retainedOf(i: number): number {
    return this.spans.state(i)?.retained ?? 0;
  }

  private measureWindows(t: number): void {
    for (let k = 0; k < RETENTION_WINDOWS.length; k++) {
      const w = RETENTION_WINDOWS[k]!;
      const q = this.queues[k]!;
      if (q.length === 0) continue;
      while (q.length > 0) {
        const f = this.followed.get(q[0]!)!;
        if (f.t + w.ms > t) break;
        f.retained[w.name] = this.retainedOf(f.i);
        if (k === RETENTION_WINDOWS.length - 1 && f.finalAt === null) {
          f.finalAt = f.t + w.ms;
          this.finalQueue.push(f.i);
        }
        q.shift();
      }
    }
  }

  /**
   * "That was me": change `i` was the person's, not AI. It is no longer followed, and no fate
   * will come for it. Returns the fate already drained for it (emitted as a metric), or null
   * when none was; undefined when `i` is not an AI edit this tracker knows.
   */
  retract(i: number): AiEditFate | null | undefined {
    const settledAt = this.settled.findIndex((f) => f.i === i);
    if (settledAt >= 0) return this.settled.splice(settledAt, 1)[0]!;
    const f = this.followed.get(i);
    if (f === undefined) return undefined;
    const drained = f.drained ? this.fateOf(f) : null;
    this.followed.delete(i);
    this.spans.forget(i);
    for (const q of this.queues) {
      const at = q.indexOf(i);
      if (at >= 0) q.splice(at, 1);
    }
    const queued = this.finalQueue.indexOf(i);
    if (queued >= 0) this.finalQueue.splice(queued, 1);
    this.settleQueue = this.settleQueue.filter((k) => k !== i);
    return drained;
  }

  /** Every followed AI edit as it stands at stream time `endT` (windows that end later are null). */
  fates(endT = this.lastT): AiEditFate[] {
    this.measureWindows(endT);
    return [...this.settled, ...[...this.followed.values()].map((f) => this.fateOf(f))];
  }

  private fateOf(f: Followed): AiEditFate {
    {
      const s = this.spans.state(f.i)!;
      return {
        i: f.i,
        t: f.t,
        doc: f.doc,
        label: f.label,
        originalChars: s.original,
        retained: { ...f.retained },
        atSave: f.atSave,
        atCommit: f.atCommit,
        firstRunAfter: f.firstRunAfter,
        ranBeforeCommit: f.ranBeforeCommit,
        atEnd: s.retained,
        outcome: outcomeOf(s.original, s.retained, s.undone, s.touched, s.lost, s.reformatted),
        revisedShare: s.original === 0 ? 0 : 1 - s.retained / s.original,
        lost: s.lost,
        commit: f.commit,
        commitsWithout: f.commitsWithout,
        finalAt: f.finalAt,
      };
    }
  }

  /** AI edits still followed (not yet settled). */
  get following(): number {
    return this.followed.size;
  }
}

/** Characters of `text` other than NUL, which stands for original text not known after a reload. */
function knownChars(text: string): number {
  let n = 0;
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) !== 0) n++;
  return n;
}

/** The occurrence of `needle` in `text` nearest to `near`, or -1. */
function nearestIndex(text: string, needle: string, near: number): number {
  if (needle.length === 0) return -1;
  let best = -1;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at;
    if (at > near) break;
  }
  return best;
}

export function outcomeOf(original: number, retained: number, undone: number, touched: boolean, lost = 0, reformatted = 0): Outcome {
  if (lost >= original * MOST && lost > 0) return 'lost';
  if (undone >= original * MOST && undone > 0) return 'undone';
  // Characters that could not be found again, or whitespace a formatter took out, say nothing about what the person did.
  original -= lost + reformatted;
  if (retained < original * MOST) return 'deleted';
  if (retained < original || touched) return 'revised';
  return 'kept';
}
