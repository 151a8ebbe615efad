/**
 * The coach: turns habit signals into a few timely nudges.
 *
 * Facts (a burst ended, a commit with unrun AI code, errors after an AI edit, ...) become
 * candidates. Candidates are shown only at natural breakpoints (a save, a commit, the end of
 * a run, the end of an AI burst, a pause in editing), never within TYPING_QUIET_MS of the
 * last document change; a breakpoint that comes too soon after a change hands its candidates
 * to the next pause. At most one nudge per breakpoint; the policy (policy.ts) has the last
 * word. Time is stream time; the policy works in epoch ms (`toEpoch`).
 */
import type { Attribution } from '../attribution/classifier';
import type { MetricSink, NudgeAction } from '../metrics';
import type { DocId, Observation } from '../observation';
import { CATALOGUE, type Evidence, type NudgeActionId, type NudgeKind } from './catalogue';
import { explainNudge, type NudgeExplanation } from './explain';
import { blockedBy, type Blocked, record, resetKinds, resolveConfig, rollDay, type CoachSettings, type CoachState, type CoachStore, type LocalTime, type ResolvedCoachConfig } from './policy';
import { HabitSignals, type AiEdit, type Burst, type Moment } from './signals';

/** No nudge this soon after a document change (typing, or an agent still writing). */
export const TYPING_QUIET_MS = 2_000;
/** No document change for this long is a pause: a breakpoint. */
export const PAUSE_MS = 4_000;
/** A candidate not shown by then is dropped. */
export const CANDIDATE_TTL_MS = 10 * 60_000;
/** The unrun-code nudge is about AI code at least this old. */
export const UNRUN_AGE_MS = 3 * 60_000;
/** The unread-code nudge is about AI code at least this old. */
export const UNREAD_AGE_MS = 60_000;
export const MIN_LINES = 10;
/** Saved AI code still exactly as written this long after: the save-time "kept as written" question. */
export const KEPT_AGE_MS = 5 * 60_000;
/** The undo follow-up waits this long for a new attempt before it may ask. */
export const UNDO_FOLLOW_UP_MS = 60_000;
/** Only undone AI edits this large get the follow-up (an accidental accept is usually a line or two). */
export const UNDONE_MIN_LINES = 5;
/** Characters of the person's own after an undo that make it their own attempt, not an abandonment. */
const OWN_ATTEMPT_CHARS = 20;
/** Fixes by another AI round within this window count toward the fix-loop nudge. */
const FIX_LOOP_WINDOW_MS = 60 * 60_000;
const FIX_LOOP_COUNT = 3;

export interface Nudge {
  /** Unique within the session. */
  readonly id: string;
  readonly kind: NudgeKind;
  /** Stream time it was shown. */
  readonly t: number;
  readonly at: number;
  /** The main document concerned. */
  readonly doc: DocId | null;
  readonly docs: readonly DocId[];
  /** Indices of the AI edits it is about. */
  readonly edits: readonly number[];
  readonly title: string;
  readonly message: string;
  readonly evidence: Evidence;
  readonly actions: readonly NudgeActionId[];
  /** The command "Run tests" runs: the team's, else the last one seen; null: the adapter's default test task. */
  readonly runCommand: string | null;
}

interface Candidate {
  readonly kind: NudgeKind;
  readonly t: number;
  readonly edits: readonly number[];
  readonly message: () => string;
  /** Still true? (The code may have been run or removed since.) */
  readonly valid: () => boolean;
  /** Not shown before this stream time (a follow-up that waits for what comes next). */
  readonly notBefore?: number;
}

export interface CoachOptions {
  readonly settings: CoachSettings;
  readonly store: CoachStore;
  readonly local: LocalTime;
  /** Epoch ms of stream time 0. */
  readonly startEpochMs: number;
  readonly sink: MetricSink;
  readonly onNudge: (nudge: Nudge) => void;
  readonly warn?: (message: string) => void;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export class Coach {
  readonly signals: HabitSignals;
  private config: ResolvedCoachConfig;
  private candidates: Candidate[] = [];
  /** A breakpoint came while the person was editing: its candidates wait for the next pause. */
  private pauseSignalled = true;
  private readonly shown = new Map<string, Nudge>();
  private nudgeCount = 0;
  private fixesByAi: number[] = [];
  /** What became of every commit hint: shown, or why not (for the replay's target check). */
  readonly commitHintLog: { readonly t: number; readonly edits: readonly number[]; readonly outcome: 'shown' | 'expired' | Blocked }[] = [];
  private readonly options: CoachOptions;

  constructor(options: CoachOptions) {
    this.options = options;
    this.config = resolveConfig(options.settings, options.warn);
    this.signals = new HabitSignals({
      toEpoch: (t) => this.toEpoch(t),
      sink: options.sink,
      onMoment: (m) => this.moment(m),
      teamCommands: () => this.config.validationCommands,
    });
  }

  private toEpoch(t: number): number {
    return this.options.startEpochMs + t;
  }

  updateSettings(settings: CoachSettings): void {
    this.config = resolveConfig(settings, this.options.warn);
  }

  get settings(): ResolvedCoachConfig {
    return this.config;
  }

  /** The policy's remembered state (today's budget, answers per kind), as its store holds it. */
  get state(): CoachState {
    return this.options.store.load();
  }

  /** Feeds one observation: call before the classifier sees it. */
  observe(i: number, o: Observation): void {
    this.advance(o.t);
    this.signals.observe(i, o);
    if (o.type === 'doc.change') this.pauseSignalled = false;
  }

  attribute(a: Attribution): void {
    this.signals.attribute(a);
  }

  /**
   * The earliest stream time after `after` at which `advance` would do something (a pause
   * begins, a burst ends, ...), or Infinity. Advancing only at these times gives the same
   * nudges as advancing on any clock: the session relies on it for exact replay.
   */
  nextDeadline(after: number): number {
    const pauseAt = this.signals.lastChangeT + PAUSE_MS;
    const pause = !this.pauseSignalled && pauseAt > after ? pauseAt : Infinity;
    return Math.min(pause, this.signals.nextDeadline(after));
  }

  /** Stream time has reached `now`: bursts may end, a pause may begin. Call on a timer too. */
  advance(now: number): void {
    // In time order: what ends before the pause, the pause, what ends after it.
    const pauseAt = this.signals.lastChangeT + PAUSE_MS;
    if (!this.pauseSignalled && now >= pauseAt) {
      this.signals.advance(pauseAt);
      this.pauseSignalled = true;
      this.breakpoint(pauseAt, 'pause');
    }
    this.signals.advance(now);
  }

  /**
   * End of the stream: settle everything (bursts and runs still open are emitted). With
   * `deliver`, pending candidates get their last pause (replay); without it nothing more is
   * shown (the person switched observation off, or the window is closing).
   */
  flush(now: number, deliver = true): void {
    if (!deliver) this.silenced = true;
    this.signals.flush(now);
    this.advance(now);
  }

  private silenced = false;

  private moment(m: Moment): void {
    switch (m.type) {
      case 'breakpoint':
        if (m.reason === 'save' && m.doc !== undefined) this.keptAsWritten(m.t, [m.doc], 'saved');
        this.breakpoint(m.t, m.reason);
        break;
      case 'aiUndone':
        this.undoFollowUp(m.t, m.doc, m.edits);
        break;
      case 'burstEnd':
        this.burstEnded(m.burst, m.t);
        break;
      case 'commit':
        if (m.unrun.some((b) => !b.hinted)) this.commitHint(m.t, m.unrun.filter((b) => !b.hinted), 'committed');
        for (const b of m.unrun) b.hinted = true;
        break;
      case 'fixedByAi':
        this.fixesByAi = [...this.fixesByAi.filter((t) => m.t - t <= FIX_LOOP_WINDOW_MS), m.t];
        if (this.fixesByAi.length >= FIX_LOOP_COUNT) {
          const edits = [m.i];
          this.fixesByAi = [];
          this.add({ kind: 'aiFixLoop', t: m.t, edits, valid: () => true, message: () => `The last ${FIX_LOOP_COUNT} errors in your files were cleared by another AI edit. Want to take the next one yourself?` });
        }
        break;
      case 'errorsAfterAi': {
        const doc = m.doc;
        this.add({
          kind: 'errorsAfterAi',
          t: m.t,
          edits: [m.i],
          valid: () => this.signals.errorsIn(doc) > 0 && this.signals.edits.get(m.i)?.runAt === null,
          message: () => `After an AI edit this file reports ${plural(this.signals.errorsIn(doc), 'error')}. Run the checks or look at what changed?`,
        });
        break;
      }
    }
  }

  /** The person is about to commit (files staged): hint now for AI code in those files that never ran. */
  staged(t: number, docs: readonly DocId[] | null): void {
    this.advance(t);
    const bursts = this.signals.unrunBursts(docs === null ? null : new Set(docs)).filter((b) => !b.hinted);
    const kept = this.keptAsWritten(t, docs ?? [...new Set(this.signals.allLive().map((e) => e.doc))], 'staged');
    if (bursts.length === 0 && !kept) return;
    for (const b of bursts) b.hinted = true;
    if (bursts.length > 0) this.commitHint(t, bursts, 'staged');
    this.breakpoint(t, 'commit');
  }

  /**
   * Iterate: AI code going into a commit (staged) or saved a while after it was written, in
   * one of `docs`, still exactly as the AI wrote it. One candidate per document with at least
   * MIN_LINES such lines. Returns whether any was added.
   */
  private keptAsWritten(t: number, docs: readonly DocId[], when: 'staged' | 'saved'): boolean {
    let added = false;
    for (const doc of docs) {
      const asWritten = (e: AiEdit) => e.doc === doc && e.committedAt === null && e.reviewedAt === null && (when === 'staged' || t - e.t >= KEPT_AGE_MS) && this.signals.verbatim(e.i);
      const edits = this.signals.liveEdits(doc).map((l) => l.edit).filter(asWritten);
      const lines = edits.reduce((n, e) => n + e.lines, 0);
      if (lines < MIN_LINES) continue;
      const oldest = Math.min(...edits.map((e) => e.t));
      added = true;
      this.add({
        kind: 'keptAsWritten',
        t,
        edits: edits.map((e) => e.i),
        valid: () => edits.filter((e) => e.reviewedAt === null && e.committedAt === null && this.signals.verbatim(e.i)).reduce((n, e) => n + e.lines, 0) >= MIN_LINES,
        message: () =>
          when === 'staged'
            ? `${plural(lines, 'AI-written line')} ${lines === 1 ? 'is' : 'are'} staged exactly as the AI wrote ${lines === 1 ? 'it' : 'them'}. Anything you'd rename, simplify or handle differently first?`
            : `You saved ${plural(lines, 'AI-written line')} from ${ago(t - oldest)}, still exactly as the AI wrote ${lines === 1 ? 'it' : 'them'}. Read ${lines === 1 ? 'it' : 'them'} as a draft: anything you'd change?`,
      });
    }
    return added;
  }

  /**
   * Iterate: AI code was undone. A minute later, if neither a new AI attempt in that file
   * (which ends the signals' follow-up) nor OWN_ATTEMPT_CHARS of the person's own came, the
   * next breakpoint may ask for a new attempt; after the retry window it is too late to ask.
   */
  private undoFollowUp(t: number, doc: DocId, undone: readonly number[]): void {
    const lines = undone.reduce((n, k) => n + (this.signals.edits.get(k)?.lines ?? 0), 0);
    if (lines < UNDONE_MIN_LINES) return;
    this.add({
      kind: 'undoneNoRetry',
      t,
      notBefore: t + UNDO_FOLLOW_UP_MS,
      edits: undone,
      valid: () => {
        const u = this.signals.undoFollowUp(doc);
        return u !== undefined && u.t === t && u.handChars < OWN_ATTEMPT_CHARS && undone.some((k) => this.signals.undoneShare(k) >= 0.5);
      },
      message: () => `You undid ${plural(lines, 'AI-written line')} a while ago and nothing has replaced ${lines === 1 ? 'it' : 'them'}. Ask again, saying what was wrong, or write ${lines === 1 ? 'it' : 'them'} yourself?`,
    });
  }

  private commitHint(t: number, bursts: readonly Burst[], when: 'staged' | 'committed'): void {
    const edits = bursts.flatMap((b) => b.edits);
    const lines = bursts.reduce((n, b) => n + b.lines, 0);
    const files = new Set(bursts.flatMap((b) => [...b.docs])).size;
    const what = `${plural(edits.length, 'AI edit')} (${plural(lines, 'line')} in ${plural(files, 'file')})`;
    this.add({
      kind: 'unrunAtCommit',
      t,
      edits,
      valid: () => true,
      message: () =>
        when === 'staged'
          ? `${what} ${edits.length === 1 ? 'is' : 'are'} staged without a test, build or lint run since written. Run them before you commit?`
          : `You committed ${what} that no test, build or lint run covered. Run them now?`,
    });
  }

  private burstEnded(b: Burst, t: number): void {
    if (b.lines >= this.config.largeBurstLines || b.docs.length >= this.config.largeBurstFiles) {
      this.add({
        kind: 'largeBurst',
        t,
        edits: b.edits,
        valid: () => b.edits.some((k) => this.signals.edits.get(k)!.reviewedAt === null),
        message: () => `AI just wrote ${plural(b.lines, 'line')} across ${plural(b.docs.length, 'file')} in one go. Can you review it as it stands, or take it in smaller steps?`,
      });
    }
    this.breakpoint(t, 'burstEnd');
  }

  private add(c: Candidate): void {
    this.candidates.push(c);
  }

  /** Candidates that only exist at breakpoints: old unrun or unread AI code. */
  private standingCandidates(t: number): Candidate[] {
    const out: Candidate[] = [];
    const live = this.signals.allLive();
    const unrun = live.filter((e) => e.runAt === null && e.reviewedAt === null && e.committedAt === null && t - e.t >= UNRUN_AGE_MS);
    const unrunLines = unrun.reduce((n, e) => n + e.lines, 0);
    if (unrunLines >= MIN_LINES) {
      out.push({
        kind: 'unrunAiCode',
        t,
        edits: unrun.map((e) => e.i),
        valid: () => unrun.some((e) => e.runAt === null),
        message: () => `${plural(unrunLines, 'AI-written line')} from ${ago(t - Math.min(...unrun.map((e) => e.t)))} ha${unrunLines === 1 ? 's' : 've'} not been run yet. Run the tests?`,
      });
    }
    const byDoc = new Map<DocId, AiEdit[]>();
    for (const e of live) {
      if (!e.unfamiliar || e.lookedAt !== null || e.reviewedAt !== null || e.committedAt !== null || t - e.t < UNREAD_AGE_MS) continue;
      byDoc.set(e.doc, [...(byDoc.get(e.doc) ?? []), e]);
    }
    for (const edits of byDoc.values()) {
      const lines = edits.reduce((n, e) => n + e.lines, 0);
      if (lines < MIN_LINES) continue;
      out.push({
        kind: 'unreadAiCode',
        t,
        edits: edits.map((e) => e.i),
        valid: () => edits.some((e) => e.lookedAt === null && e.reviewedAt === null),
        message: () => `AI wrote ${plural(lines, 'line')} in a file you have not worked in this session, and nobody has looked at them yet. Read them through?`,
      });
    }
    return out;
  }

  private breakpoint(t: number, reason: 'save' | 'commit' | 'runEnd' | 'burstEnd' | 'pause'): void {
    if (this.silenced) return;
    this.candidates = this.candidates.filter((c) => {
      const keep = t - c.t <= CANDIDATE_TTL_MS && c.valid();
      if (!keep && c.kind === 'unrunAtCommit') this.commitHintLog.push({ t, edits: c.edits, outcome: 'expired' });
      return keep;
    });
    // Never while the person (or an agent) is still editing: the next pause will come.
    if (t - this.signals.lastChangeT < TYPING_QUIET_MS) {
      this.pauseSignalled = false;
      return;
    }
    const all = [...this.candidates.filter((c) => (c.notBefore ?? -Infinity) <= t), ...(reason === 'pause' || reason === 'save' || reason === 'commit' ? this.standingCandidates(t) : [])];
    if (all.length === 0) return;
    const emphasis = this.config.emphasis;
    const rank = (c: Candidate) => CATALOGUE[c.kind].priority - (emphasis.includes(CATALOGUE[c.kind].habit) ? 0.5 : 0);
    all.sort((a, b) => rank(a) - rank(b) || a.t - b.t);
    const at = this.toEpoch(t);
    let state = rollDay(this.options.store.load(), this.options.local.day(at));
    for (const c of all) {
      const blocked = blockedBy(this.config, state, c.kind, at, this.options.local);
      if (blocked !== null) {
        if (c.kind === 'unrunAtCommit') this.commitHintLog.push({ t, edits: c.edits, outcome: blocked });
        continue;
      }
      if (c.kind === 'unrunAtCommit') this.commitHintLog.push({ t, edits: c.edits, outcome: 'shown' });
      state = record(state, c.kind, 'shown', at, this.options.local);
      this.options.store.save(state);
      this.candidates = this.candidates.filter((x) => x !== c && x.kind !== c.kind);
      this.show(c, t, at);
      return;
    }
    // Candidates the policy blocks now would be stale by the time it allows them; follow-ups
    // not due yet wait for their time.
    this.candidates = this.candidates.filter((c) => (c.notBefore ?? -Infinity) > t);
  }

  private show(c: Candidate, t: number, at: number): void {
    const info = CATALOGUE[c.kind];
    const docs = [...new Set(c.edits.map((k) => this.signals.edits.get(k)?.doc).filter((d): d is DocId => d !== undefined))];
    const team = this.config.validationCommands.find((s) => s.trim() !== '' && !s.trim().startsWith('/'));
    const nudge: Nudge = {
      id: `n${++this.nudgeCount}`,
      kind: c.kind,
      t,
      at,
      doc: docs[0] ?? null,
      docs,
      edits: c.edits,
      title: info.title,
      message: c.message(),
      evidence: info.evidence,
      actions: info.actions,
      runCommand: team?.trim() ?? this.signals.lastValidationCommand,
    };
    this.shown.set(nudge.id, nudge);
    this.options.sink.emit({ kind: 'nudge', at, nudge: c.kind, action: 'shown' });
    this.options.onNudge(nudge);
  }

  /** "Reset coach": every kind that was retired, snoozed or quieted may show again. */
  reset(): void {
    this.options.store.save(resetKinds(this.options.store.load()));
  }

  /** The person answered a nudge: recorded in the policy state and as a metric. */
  respond(id: string, action: Exclude<NudgeAction, 'shown'>, t: number): void {
    const nudge = this.shown.get(id);
    if (nudge === undefined) return;
    const at = this.toEpoch(t);
    this.options.store.save(record(this.options.store.load(), nudge.kind, action, at, this.options.local));
    this.options.sink.emit({ kind: 'nudge', at, nudge: nudge.kind, action });
    if (action === 'notUseful' || action === 'snoozed') this.candidates = this.candidates.filter((c) => c.kind !== nudge.kind);
  }

  /** "Mark reviewed": the AI edits of a nudge (or of a document) count as looked at. */
  markReviewed(t: number, target: { nudge?: string; doc?: DocId | null }): number {
    const nudge = target.nudge === undefined ? undefined : this.shown.get(target.nudge);
    if (nudge !== undefined) {
      let n = 0;
      for (const k of nudge.edits) {
        const e = this.signals.edits.get(k);
        if (e !== undefined && e.reviewedAt === null) {
          e.reviewedAt = t;
          n++;
        }
      }
      return n;
    }
    return this.signals.markReviewed(target.doc ?? null, t);
  }

  nudge(id: string): Nudge | undefined {
    return this.shown.get(id);
  }

  /** "Why?" for a nudge shown: what the person did (its edits: file, when, how much), one line of evidence, the study. */
  explain(id: string, name: (doc: DocId) => string): NudgeExplanation | undefined {
    const nudge = this.shown.get(id);
    if (nudge === undefined) return undefined;
    const edits = new Map(nudge.edits.map((k) => [k, this.signals.edits.get(k)] as const));
    return explainNudge(nudge, edits, { name, local: this.options.local, toEpoch: (t) => this.toEpoch(t) });
  }

  /**
   * "That was me": these edits were the person's. They stop counting as AI for every nudge:
   * no mark or unrun count, no part of a burst, and candidates about them alone are dropped.
   * Returns the AI edits removed (the session records the correction).
   */
  relabel(edits: readonly number[]): AiEdit[] {
    const removed = this.signals.relabel(edits);
    if (removed.length === 0) return removed;
    const gone = new Set(removed.map((e) => e.i));
    this.candidates = this.candidates.flatMap((c) => {
      if (!c.edits.some((k) => gone.has(k))) return [c];
      const rest = c.edits.filter((k) => !gone.has(k));
      return rest.length === 0 ? [] : [{ ...c, edits: rest }];
    });
    return removed;
  }

  /** Counts for a status bar: live AI edits not yet run, not yet reviewed. */
  status(): { unrun: number; unreviewed: number; unrunLines: number } {
    const live = this.signals.allLive().filter((e) => e.committedAt === null);
    return {
      unrun: live.filter((e) => e.runAt === null).length,
      unrunLines: live.filter((e) => e.runAt === null).reduce((n, e) => n + e.lines, 0),
      unreviewed: live.filter((e) => e.reviewedAt === null && e.lookedAt === null).length,
    };
  }
}

export function ago(ms: number): string {
  const min = Math.round(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  return `${h} h ago`;
}
