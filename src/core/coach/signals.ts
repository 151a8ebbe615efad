/**
 * Habit signals: what the coach derives from the observation stream and the settled
 * attributions. It follows every AI edit (its live ranges, whether a run covered it, whether
 * the person looked at it or marked it reviewed), groups AI edits into bursts, classifies
 * runs, watches diagnostics, undos and retries, and reports:
 * - metric events (`burst`, `run`, `habit`) through a MetricSink;
 * - moments (breakpoints and facts) to the coach, which turns them into nudges.
 *
 * Time is stream time (`t`, ms); metric events carry epoch ms (`toEpoch(t)`). Attributions
 * arrive up to a second after their change (the classifier settles late): a boundary (a look,
 * a save, a run, the person's own edit) is remembered with its time, and a burst closes once
 * every change before the boundary is attributed. Invariant: every AI edit belongs to exactly
 * one burst, and a burst's metric is emitted once.
 */
import type { Attribution } from '../attribution/classifier';
import { SpanTracker, type SpanRange } from '../fate/spanTracker';
import { classifyCommand, classifyTask } from '../fate/validation';
import type { AssistantKind, Habit, MetricSink, RunKind } from '../metrics';
import { isAiLabel, type DocId, type EditLabel, type Observation } from '../observation';

/** An AI burst ends when no AI edit came for this long. */
export const BURST_GAP_MS = 8_000;
/** After an undo of AI code, a new AI edit in the same file this soon is a retry. */
export const RETRY_MS = 5 * 60_000;
/** Diagnostics this soon after an AI edit are read as its effect. */
export const DIAGNOSTICS_AFTER_MS = 15_000;

export interface AiEdit {
  readonly i: number;
  readonly t: number;
  readonly doc: DocId;
  readonly assistant: AssistantKind;
  readonly chars: number;
  readonly lines: number;
  burst: number;
  /** Stream time of the first run that started after it, or null. */
  runAt: number | null;
  reviewedAt: number | null;
  /** Stream time the person first put the cursor in its document after it, or null. */
  lookedAt: number | null;
  /** In a document the person had not edited by hand before it. */
  readonly unfamiliar: boolean;
  committedAt: number | null;
}

export interface Burst {
  readonly id: number;
  readonly assistant: AssistantKind;
  readonly start: number;
  end: number;
  /** When the burst was closed (the boundary or the gap), null while open. */
  closedAt: number | null;
  readonly edits: number[];
  /** Its documents, each once (few: an array is lighter than a Set for the thousands a session may hold). */
  readonly docs: DocId[];
  chars: number;
  lines: number;
  /** The commit hint already covered it (at staging or at a commit). */
  hinted: boolean;
  committed: boolean;
}

export interface RunInfo {
  readonly t: number;
  readonly kind: RunKind;
  readonly covered: number;
}

/** Moments the coach cares about. `t` is stream time. */
export type Moment =
  | { readonly type: 'breakpoint'; readonly t: number; readonly reason: 'save' | 'commit' | 'runEnd' | 'burstEnd' | 'pause'; readonly doc?: DocId }
  /** AI code in `doc` was undone (the first undo of it since the last retry or follow-up window). */
  | { readonly type: 'aiUndone'; readonly t: number; readonly doc: DocId; readonly edits: readonly number[] }
  | { readonly type: 'burstEnd'; readonly t: number; readonly burst: Burst }
  | { readonly type: 'commit'; readonly t: number; readonly unrun: readonly Burst[] }
  | { readonly type: 'fixedByAi'; readonly t: number; readonly doc: DocId; readonly i: number }
  | { readonly type: 'errorsAfterAi'; readonly t: number; readonly doc: DocId; readonly i: number; readonly added: number };

interface PendingChange {
  readonly t: number;
  readonly doc: DocId;
  readonly lines: number;
}

export interface SignalOptions {
  readonly toEpoch: (t: number) => number;
  readonly sink: MetricSink;
  readonly onMoment: (m: Moment) => void;
  /** The team's own test and lint commands, as currently set. */
  readonly teamCommands?: () => readonly string[];
}

function assistantOf(label: EditLabel): AssistantKind {
  return label === 'ai.inline' ? 'inline' : label === 'ai.chat' ? 'chat' : 'agent';
}

function linesOf(text: string): number {
  if (text.length === 0) return 0;
  let n = 1;
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

export class HabitSignals {
  readonly spans = new SpanTracker(false);
  /**
   * AI edits with characters still in their document, by key. An edit whose characters are
   * all gone never comes back here (no redo revives it in this tracker), so it leaves the set
   * the first time it is found empty: the live scans cost the live edits, not the session.
   */
  private readonly live = new Set<number>();
  private readonly pending = new Map<number, PendingChange>();
  readonly edits = new Map<number, AiEdit>();
  private readonly editsByDoc = new Map<DocId, number[]>();
  /**
   * Bursts that can still matter: open, or holding an edit that is live or committed. A closed
   * burst whose edits are all gone uncommitted can no longer be hinted at, run or committed,
   * so it leaves (see allLive), and the list does not grow with the session.
   */
  bursts: Burst[] = [];
  private open: Burst | null = null;
  /** Latest look, save, run or own edit: a burst with edits before it ends there. */
  private boundary = -Infinity;
  private nextBurst = 1;
  private readonly handEdited = new Set<DocId>();
  private readonly labels = new Map<number, EditLabel>();
  private readonly lastChangeInDoc = new Map<DocId, number>();
  private readonly errors = new Map<DocId, number>();
  /** Diagnostics drops waiting for the attribution of the change that caused them. */
  private readonly fixes: { t: number; doc: DocId; i: number }[] = [];
  private readonly undoneDocs = new Map<DocId, { t: number; handChars: number }>();
  private readonly runsOpen = new Map<string, { t: number; kind: RunKind; covered: number }>();
  readonly runs: RunInfo[] = [];
  /** The last validation command seen in a terminal: the "Run tests" action's default. */
  lastValidationCommand: string | null = null;
  lastChangeT = -Infinity;
  lastT = 0;

  constructor(private readonly options: SignalOptions) {}

  private habit(t: number, habit: Habit, signal: string, direction: -1 | 0 | 1): void {
    this.options.sink.emit({ kind: 'habit', at: this.options.toEpoch(t), habit, signal, direction });
  }

  /** Feeds one observation; call before the classifier sees it (like the fate tracker). */
  observe(i: number, o: Observation): void {
    this.lastT = o.t;
    switch (o.type) {
      case 'doc.change': {
        this.lastChangeT = o.t;
        let lines = 0;
        for (const c of o.changes) lines += linesOf(c.text);
        this.pending.set(i, { t: o.t, doc: o.doc, lines });
        this.lastChangeInDoc.set(o.doc, i);
        this.spans.applyChange(o, i);
        if (o.reason === 'undo') this.noticeUndo(o.doc, o.t);
        break;
      }
      case 'editor.selection':
        if (o.kind === 'keyboard' || o.kind === 'mouse') {
          for (const k of this.editsByDoc.get(o.doc) ?? []) {
            const e = this.edits.get(k)!;
            if (e.lookedAt === null && e.t <= o.t) e.lookedAt = o.t;
          }
          this.setBoundary(o.t);
        }
        break;
      case 'doc.save':
        this.setBoundary(o.t);
        this.options.onMoment({ type: 'breakpoint', t: o.t, reason: 'save', doc: o.doc });
        break;
      case 'git':
        if (o.op === 'commit') this.commit(o.t);
        break;
      case 'task': {
        const kind = classifyTask(o.name, o.group);
        if (kind !== null) this.runPhase(`task:${o.name}`, o.phase, o.t, kind, o.exitCode);
        break;
      }
      case 'terminal.exec': {
        const kind = classifyCommand(o.commandLine, this.options.teamCommands?.() ?? []);
        if (kind === null) break;
        if (o.phase === 'start') this.lastValidationCommand = o.commandLine.trim();
        this.runPhase(`term:${o.commandLine.trim()}`, o.phase, o.t, kind, o.exitCode);
        break;
      }
      case 'debug':
        this.runPhase('debug', o.phase, o.t, 'debug', undefined);
        break;
      case 'diagnostics':
        this.diagnostics(o.doc, o.errors, o.t);
        break;
      case 'doc.close':
        break;
      default:
        break;
    }
  }

  private setBoundary(t: number): void {
    if (t > this.boundary) this.boundary = t;
  }

  private runPhase(key: string, phase: 'start' | 'end', t: number, kind: RunKind, exitCode: number | null | undefined): void {
    if (phase === 'start') {
      let covered = 0;
      for (const e of this.edits.values()) {
        if (e.runAt === null && e.t <= t) {
          e.runAt = t;
          covered++;
        }
      }
      this.setBoundary(t);
      this.runsOpen.set(key, { t, kind, covered });
      this.runs.push({ t, kind, covered });
      return;
    }
    const open = this.runsOpen.get(key);
    if (open === undefined) return;
    this.runsOpen.delete(key);
    this.options.sink.emit({ kind: 'run', at: this.options.toEpoch(open.t), run: open.kind, ok: exitCode === undefined || exitCode === null ? null : exitCode === 0, coveredAiEdits: open.covered });
    this.options.onMoment({ type: 'breakpoint', t, reason: 'runEnd' });
  }

  private diagnostics(doc: DocId, errors: number, t: number): void {
    const before = this.errors.get(doc) ?? 0;
    this.errors.set(doc, errors);
    const i = this.lastChangeInDoc.get(doc);
    if (i === undefined || errors === before) return;
    const edit = this.edits.get(i);
    if (errors > before) {
      if (edit !== undefined && t - edit.t <= DIAGNOSTICS_AFTER_MS) {
        this.habit(t, 'validate', 'diagnosticsWorseAfterAi', 0);
        this.options.onMoment({ type: 'errorsAfterAi', t, doc, i, added: errors - before });
      } else if (edit === undefined && this.pending.has(i)) {
        this.fixes.push({ t: -t, doc, i }); // negative t: "worse", decided when attributed
      }
      return;
    }
    if (edit !== undefined && t - edit.t <= DIAGNOSTICS_AFTER_MS) this.habit(t, 'validate', 'diagnosticsBetterAfterAi', 0);
    this.fixes.push({ t, doc, i });
    this.settleFixes();
  }

  /** Decides the diagnostics changes whose causing change is attributed by now. */
  private settleFixes(): void {
    while (this.fixes.length > 0) {
      const f = this.fixes[0]!;
      const label = this.labels.get(f.i);
      if (label === undefined && this.pending.has(f.i)) return;
      this.fixes.shift();
      if (label === undefined) continue;
      const t = Math.abs(f.t);
      if (f.t < 0) {
        if (isAiLabel(label)) {
          this.habit(t, 'validate', 'diagnosticsWorseAfterAi', 0);
          this.options.onMoment({ type: 'errorsAfterAi', t, doc: f.doc, i: f.i, added: 1 });
        }
      } else if (isAiLabel(label)) {
        if (this.edits.has(f.i)) this.habit(t, 'validate', 'diagnosticsBetterAfterAi', 0);
        this.habit(t, 'learn', 'errorFixedByAi', -1);
        this.options.onMoment({ type: 'fixedByAi', t, doc: f.doc, i: f.i });
      } else if (label.startsWith('human.') && this.aiEditedBefore(f.doc, f.i)) {
        // Only errors in a file AI wrote into count: fixing one's own typo is not the habit.
        this.habit(t, 'learn', 'errorFixedByHand', 1);
      }
    }
  }

  /** Whether an AI edit of `doc` came before change `i`. */
  private aiEditedBefore(doc: DocId, i: number): boolean {
    return (this.editsByDoc.get(doc) ?? []).some((k) => k < i);
  }

  private noticeUndo(doc: DocId, t: number): void {
    if (this.undoneDocs.has(doc)) return;
    const undone = (this.editsByDoc.get(doc) ?? []).filter((k) => (this.spans.state(k)?.undone ?? 0) > 0);
    if (undone.length === 0) return;
    this.undoneDocs.set(doc, { t, handChars: 0 });
    this.habit(t, 'iterate', 'aiUndone', 0);
    this.options.onMoment({ type: 'aiUndone', t, doc, edits: undone });
  }

  /**
   * The undo of AI code in `doc` still waiting for what comes next: no new AI attempt in that
   * file and no retry window closed since. `handChars`: characters the person wrote meanwhile.
   */
  undoFollowUp(doc: DocId): { readonly t: number; readonly handChars: number } | undefined {
    return this.undoneDocs.get(doc);
  }

  /** Whether AI edit `k` is still exactly as the AI wrote it: nothing undone, changed or inserted inside. */
  verbatim(k: number): boolean {
    const s = this.spans.state(k);
    return s !== undefined && s.original > 0 && s.retained === s.original && !s.touched && s.undone === 0;
  }

  /**
   * Share of AI edit `k` that was undone (0 to 1). An edit with nothing left is no longer
   * followed (its counts are gone): after an undo took part of it, it counts as undone whole.
   */
  undoneShare(k: number): number {
    const s = this.spans.state(k);
    if (s === undefined || s.retained === 0) return this.edits.has(k) ? 1 : 0;
    return s.original === 0 ? 0 : s.undone / s.original;
  }

  /**
   * "That was me": these edits were the person's own. They stop being AI edits here: no mark,
   * no unrun count, no part of a burst (a burst left empty goes), and the file counts as one
   * the person has worked in. A burst already emitted as a metric stays emitted (the relabel
   * metric carries the correction). Returns the AI edits removed.
   */
  relabel(edits: readonly number[]): AiEdit[] {
    const removed: AiEdit[] = [];
    for (const k of edits) {
      const e = this.edits.get(k);
      if (e === undefined) continue;
      removed.push(e);
      this.edits.delete(k);
      this.live.delete(k);
      this.spans.forget(k);
      this.labels.set(k, 'human.type');
      this.handEdited.add(e.doc);
      const list = this.editsByDoc.get(e.doc);
      const at = list?.indexOf(k) ?? -1;
      if (list !== undefined && at >= 0) list.splice(at, 1);
      if (list !== undefined && list.length === 0) this.editsByDoc.delete(e.doc);
      const b = this.bursts.find((x) => x.id === e.burst);
      if (b === undefined) continue;
      const j = b.edits.indexOf(k);
      if (j >= 0) b.edits.splice(j, 1);
      b.chars -= e.chars;
      b.lines -= e.lines;
      const docs = new Set(b.edits.map((x) => this.edits.get(x)?.doc).filter((d): d is DocId => d !== undefined));
      b.docs.splice(0, b.docs.length, ...docs);
      if (b.edits.length === 0) {
        if (this.open === b) this.open = null;
        this.bursts = this.bursts.filter((x) => x !== b);
      }
    }
    return removed;
  }

  /** The attribution of change `a.i` settled. */
  attribute(a: Attribution): void {
    const p = this.pending.get(a.i);
    this.pending.delete(a.i);
    this.labels.set(a.i, a.label);
    // Keep the last 4096 to 8192: forget the oldest half at once (deleting one at a time from
    // the front of a Map makes each next delete walk past the holes the earlier ones left).
    if (this.labels.size > 8192) {
      let drop = this.labels.size - 4096;
      for (const k of this.labels.keys()) {
        if (drop-- === 0) break;
        this.labels.delete(k);
      }
    }
    if (!isAiLabel(a.label)) {
      this.spans.drop(a.i);
      if (a.label.startsWith('human.')) {
        this.setBoundary(a.t);
        if (a.label === 'human.type' || a.label === 'human.paste') this.handEdited.add(a.doc);
        const u = this.undoneDocs.get(a.doc);
        if (u !== undefined) u.handChars += a.insertedChars;
      }
      this.settleFixes();
      this.closeIfDue(this.lastT);
      return;
    }
    if (!this.spans.promote(a.i)) {
      this.settleFixes();
      return;
    }
    const assistant = assistantOf(a.label);
    if (a.basis === 'partial-accept-char') this.habit(a.t, 'iterate', 'partialAccept', 1);
    const undone = this.undoneDocs.get(a.doc);
    if (undone !== undefined && a.t - undone.t <= RETRY_MS) {
      this.undoneDocs.delete(a.doc);
      this.habit(a.t, 'iterate', 'retryAfterUndo', 1);
    }
    // A boundary after the open burst's last edit and at or before this one: a new burst.
    if (this.open !== null && ((this.boundary > this.open.end && this.boundary <= a.t) || a.t - this.open.end >= BURST_GAP_MS || this.open.assistant !== assistant)) {
      this.close(this.open, Math.min(Math.max(this.boundary, this.open.end), a.t));
    }
    if (this.open === null) {
      this.open = { id: this.nextBurst++, assistant, start: a.t, end: a.t, closedAt: null, edits: [], docs: [], chars: 0, lines: 0, hinted: false, committed: false };
      this.bursts.push(this.open);
    }
    const edit: AiEdit = {
      i: a.i, t: a.t, doc: a.doc, assistant, chars: a.insertedChars, lines: p?.lines ?? 0, burst: this.open.id,
      runAt: null, reviewedAt: null, lookedAt: null, unfamiliar: !this.handEdited.has(a.doc), committedAt: null,
    };
    // A run or a look that happened after the change but before its attribution settled.
    const laterRun = this.runs.find((r) => r.t >= a.t);
    if (laterRun !== undefined) edit.runAt = laterRun.t;
    this.edits.set(a.i, edit);
    this.live.add(a.i);
    const list = this.editsByDoc.get(a.doc) ?? [];
    list.push(a.i);
    this.editsByDoc.set(a.doc, list);
    this.open.edits.push(a.i);
    if (!this.open.docs.includes(a.doc)) this.open.docs.push(a.doc);
    this.open.chars += a.insertedChars;
    this.open.lines += edit.lines;
    this.open.end = Math.max(this.open.end, a.t);
    this.settleFixes();
  }

  private close(b: Burst, at: number): void {
    b.closedAt = at;
    if (this.open === b) this.open = null;
    this.options.sink.emit({ kind: 'burst', at: this.options.toEpoch(b.start), assistant: b.assistant, chars: b.chars, lines: b.lines, files: b.docs.length });
    this.options.onMoment({ type: 'burstEnd', t: at, burst: b });
  }

  /** Whether an unattributed change older than `t` could still join the open burst. */
  private pendingBefore(t: number): boolean {
    for (const p of this.pending.values()) if (p.t <= t) return true;
    return false;
  }

  private closeIfDue(now: number): void {
    const b = this.open;
    if (b === null) return;
    if (this.boundary > b.end && !this.pendingBefore(this.boundary)) this.close(b, this.boundary);
    else if (now - b.end >= BURST_GAP_MS && !this.pendingBefore(b.end + BURST_GAP_MS)) this.close(b, b.end + BURST_GAP_MS);
  }

  /**
   * The earliest stream time after `after` at which `advance` would do something (an open
   * burst's gap ends, an undo's retry window closes), or Infinity. A burst whose gap ended
   * while a change before its end still waits for its attribution closes when that
   * attribution comes (at the classifier's deadline), so it is not a deadline here.
   */
  nextDeadline(after: number): number {
    let next = Infinity;
    if (this.open !== null) {
      const gapEnd = this.open.end + BURST_GAP_MS;
      if (gapEnd > after) next = gapEnd;
    }
    for (const u of this.undoneDocs.values()) {
      const due = u.t + RETRY_MS + 1;
      if (due > after && due < next) next = due;
    }
    return next;
  }

  /** Stream time passed to `now` with nothing observed: close bursts, decide undo follow-ups. */
  advance(now: number): void {
    this.closeIfDue(now);
    for (const [doc, u] of this.undoneDocs) {
      if (now - u.t <= RETRY_MS) continue;
      this.undoneDocs.delete(doc);
      if (u.handChars >= 20) this.habit(u.t + RETRY_MS, 'learn', 'ownAttemptAfterUndo', 1);
      else this.habit(u.t + RETRY_MS, 'iterate', 'abandonedAfterUndo', 0);
    }
  }

  private retained(i: number): number {
    return this.spans.state(i)?.retained ?? 0;
  }

  /** A commit: every AI edit still present is in it (a trace does not say which files were staged). */
  private commit(t: number): void {
    this.setBoundary(t);
    if (this.open !== null && !this.pendingBefore(t)) this.close(this.open, t);
    const unrun: Burst[] = [];
    for (const b of this.bursts) {
      if (b.committed) continue;
      const live = b.edits.filter((k) => this.retained(k) > 0 && this.edits.get(k)!.committedAt === null);
      if (live.length === 0) continue;
      b.committed = true;
      let ran = true;
      let unreadUnfamiliar = false;
      for (const k of live) {
        const e = this.edits.get(k)!;
        e.committedAt = t;
        if (e.runAt === null) ran = false;
        if (e.unfamiliar && e.lookedAt === null && e.reviewedAt === null && e.lines >= 10) unreadUnfamiliar = true;
        const s = this.spans.state(k)!;
        if (s.retained < s.original || s.touched) this.habit(t, 'iterate', 'revisedBeforeCommit', 1);
        else this.habit(t, 'iterate', 'committedVerbatim', 0);
      }
      this.habit(t, 'validate', ran ? 'ranBeforeCommit' : 'committedUnrun', ran ? 1 : -1);
      if (unreadUnfamiliar) this.habit(t, 'learn', 'unreadUnfamiliarCommitted', -1);
      if (!ran) unrun.push(b);
    }
    this.options.onMoment({ type: 'commit', t, unrun });
    this.options.onMoment({ type: 'breakpoint', t, reason: 'commit' });
  }

  /** Live AI edits of bursts not yet committed whose documents are in `docs` (null: any), not run since written. */
  unrunBursts(docs: ReadonlySet<DocId> | null): Burst[] {
    return this.bursts.filter(
      (b) => !b.committed && b.edits.some((k) => {
        const e = this.edits.get(k)!;
        return e.runAt === null && this.retained(k) > 0 && (docs === null || docs.has(e.doc));
      }),
    );
  }

  /** Everything before now is attributed and the open burst, if any, has ended. */
  flush(now: number): void {
    this.pending.clear();
    this.settleFixes();
    if (this.open !== null) this.close(this.open, Math.max(now, this.open.end));
    for (const [key, r] of this.runsOpen) {
      this.options.sink.emit({ kind: 'run', at: this.options.toEpoch(r.t), run: r.kind, ok: null, coveredAiEdits: r.covered });
      this.runsOpen.delete(key);
    }
  }

  markReviewed(doc: DocId | null, t: number): number {
    let n = 0;
    for (const e of this.edits.values()) {
      if ((doc === null || e.doc === doc) && e.reviewedAt === null && this.retained(e.i) > 0) {
        e.reviewedAt = t;
        n++;
      }
    }
    return n;
  }

  /** Live AI edits of a document with their current ranges, for markings and hovers. */
  liveEdits(doc: DocId): { edit: AiEdit; ranges: readonly SpanRange[] }[] {
    const out: { edit: AiEdit; ranges: readonly SpanRange[] }[] = [];
    for (const k of this.editsByDoc.get(doc) ?? []) {
      const s = this.spans.state(k);
      if (s === undefined || s.retained === 0) continue;
      out.push({ edit: this.edits.get(k)!, ranges: s.ranges });
    }
    return out;
  }

  /** Every live AI edit (any document). */
  allLive(): AiEdit[] {
    const out: AiEdit[] = [];
    let died = false;
    for (const k of this.live) {
      if (this.retained(k) > 0) out.push(this.edits.get(k)!);
      else {
        this.forgetDead(k);
        died = true;
      }
    }
    if (died) this.bursts = this.bursts.filter((b) => b.closedAt === null || b.edits.some((k) => this.live.has(k) || this.edits.get(k)!.committedAt !== null));
    return out;
  }

  private forgetDead(k: number): void {
    this.live.delete(k);
    this.spans.forget(k);
    const e = this.edits.get(k);
    if (e === undefined) return;
    const list = this.editsByDoc.get(e.doc);
    if (list === undefined) return;
    const at = list.indexOf(k);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.editsByDoc.delete(e.doc);
  }

  /** The settled label of a recent change (the last 4096), if known. */
  labelOf(i: number): EditLabel | undefined {
    return this.labels.get(i);
  }

  errorsIn(doc: DocId): number {
    return this.errors.get(doc) ?? 0;
  }
}
