/**
 * The one pipeline: a pure session that owns every consumer of the observation stream (the
 * text store, the classifier, the fate tracker, the metric deriver, the coach, the exercise
 * run, the activity tally) and runs them in one explicit order. The extension feeds it from
 * its adapters and renders its outputs; `deliberate replay` (every mode), the benchmarks and
 * the tests run this same object, so a replayed trace gives exactly what the extension did.
 *
 * Determinism (what makes replay exact): the outputs are a function of the inputs alone.
 * Time-driven work (a change settling after a second, a pause, a burst's end, a retention
 * window, a minute of edit counts) happens at its own deadline, in stream time, in a fixed
 * order of parts; `advance(t)` only processes the deadlines up to `t`, and `input(o)`
 * processes those up to `o.t` first. So a clock that ticks often, rarely or never changes
 * when outputs come out, never which outputs or in what order. Ticks are therefore not part
 * of a trace.
 *
 * Order of parts for one observation (each sees it before its attribution settles):
 * text store, tally, fate, metric deriver, exercise, coach (and pre-AI texts), classifier.
 * An attribution goes to: tally, fate, deriver, exercise, coach, pre-AI texts, then out.
 */
import { EditClassifier, type Attribution } from './attribution/classifier';
import { isSureAi } from './attribution/confidence';
import { ActivityTally, type ActivitySnapshot } from './activityTally';
import { Coach, type Nudge } from './coach/coach';
import { memoryStore, type CoachStore, type LocalTime } from './coach/policy';
import { PreAiTexts } from './coach/preAiText';
import { ExerciseRun, type ExerciseSnapshot } from './exercises/exerciseRun';
import { FateTracker, type AiEditFate, type CommittedFile, type PersistedFate } from './fate/fateTracker';
import { assistantOf, MetricDeriver } from './metricDeriver';
import type { MetricEvent, MetricSink } from './metrics';
import { isAiLabel, type DocId, type Observation } from './observation';
import { isControlInput, type ControlInput, type ExerciseStart, type SessionInput, type SessionSettings, type SessionStart } from './sessionInput';
import { diffLines } from 'diff';
import { DocumentTexts, type TextVersions } from './text/documentTexts';
import type { Rope } from './text/rope';

/** Closed documents' texts kept (by path) so an agent's later write to the file can be diffed: at most this many characters in all. */
const CLOSED_TEXTS_CHARS = 8_000_000;

export type SessionOutput =
  | { readonly kind: 'attribution'; readonly attribution: Attribution }
  | { readonly kind: 'nudge'; readonly nudge: Nudge }
  | { readonly kind: 'metric'; readonly event: MetricEvent }
  /** The exercise in progress changed (started, a step done, completed, stopped: null). */
  | { readonly kind: 'exercise'; readonly exercise: ExerciseSnapshot | null }
  /** A commit landed: the adapter should read what it made of these documents and answer with `commit.files`. */
  | { readonly kind: 'commitNeedsFiles'; readonly t: number; readonly head: string; readonly docs: readonly DocId[] }
  /**
   * An AI agent is about to write (`before`) or wrote (`disk`) a file no editor has open: the
   * adapter should read it (or its git `head` text) and answer with `file.content`.
   */
  | { readonly kind: 'fileNeeded'; readonly t: number; readonly path: string; readonly version: 'before' | 'disk' | 'head' }
  /** An input that could not be applied (named by its index); it was skipped, the session goes on. */
  | { readonly kind: 'problem'; readonly i: number; readonly message: string };

export interface SessionOptions {
  /** Epoch milliseconds of stream time 0. */
  readonly startEpochMs: number;
  readonly local: LocalTime;
  /** Settings and the coach's remembered state; the first input of a recorded trace. */
  readonly start: SessionStart;
  /** Where the coach's state lives (globalState in the extension); a memory store seeded from `start` by default. */
  readonly store?: CoachStore;
  /** Use VS Code's own edit sources when a change carries one. Never when scoring. Default: `start.exactSources`. */
  readonly exactSources?: boolean;
  /** Take a labelled trace's own labels instead of inferring (checks tracking apart from classifying). */
  readonly trustLabels?: boolean;
  readonly onOutput: (output: SessionOutput) => void;
  /** Settings problems (an invalid team pattern, quiet hours): words for the log. */
  readonly warn?: (message: string) => void;
}

export class Session {
  readonly startEpochMs: number;
  private readonly texts = new DocumentTexts();
  private readonly tally = new ActivityTally();
  private readonly classifier: EditClassifier;
  private readonly fate = new FateTracker();
  private readonly deriver: MetricDeriver;
  private readonly preAi = new PreAiTexts();
  readonly coach: Coach;
  private exercise: ExerciseRun | undefined;
  private settings: SessionSettings;
  private nextIndex = 0;
  /** Stream time up to which every deadline has been processed. */
  private clock = 0;
  private ended = false;
  private readonly sink: MetricSink;

  constructor(private readonly options: SessionOptions) {
    this.startEpochMs = options.startEpochMs;
    this.settings = options.start.settings;
    this.sink = { emit: (event) => this.out({ kind: 'metric', event }) };
    this.classifier = new EditClassifier((a) => this.attributed(a), {
      useExactSources: options.exactSources ?? options.start.exactSources ?? false,
      trustLabels: options.trustLabels,
      aiCommands: this.settings.aiCommands,
    });
    this.deriver = new MetricDeriver(this.sink, options.startEpochMs);
    this.coach = new Coach({
      settings: this.settings.coach,
      store: options.store ?? memoryStore(options.start.coachState),
      local: options.local,
      startEpochMs: options.startEpochMs,
      sink: this.sink,
      onNudge: (nudge) => this.out({ kind: 'nudge', nudge }),
      warn: options.warn,
    });
  }

  private out(output: SessionOutput): void {
    this.options.onOutput(output);
  }

  /**
   * Feeds one input. `i` is its index in a trace (replay); live, inputs are numbered in the
   * order they come, as the recorder writes them. An input that is not a line of the trace
   * (a replay's scripted answer) takes -1. Returns the index used. Deadlines up to its time
   * are processed first.
   */
  input(x: SessionInput, i?: number): number {
    if (this.ended) throw new Error('the session has ended');
    if (i === undefined) i = this.nextIndex++;
    else if (i >= 0) this.nextIndex = Math.max(this.nextIndex, i + 1);
    this.advance(x.t);
    if (isControlInput(x)) this.control(i, x);
    else this.observe(i, x);
    this.afterInput(x.t);
    return i;
  }

  /** The next stream time at which some part has work to do (Infinity: none until the next input). */
  nextDeadline(): number {
    return Math.min(this.classifier.nextDeadline(this.clock), this.coach.nextDeadline(this.clock), this.fate.nextDeadline(this.clock), this.deriver.nextDeadline(this.clock));
  }

  /** Stream time has reached `t`: processes every deadline up to it, in time order. */
  advance(t: number): void {
    if (this.ended) return;
    for (let d = this.nextDeadline(); d <= t; d = this.nextDeadline()) this.step(d);
    if (t > this.clock) this.clock = t;
  }

  /** One deadline: every part, in the pipeline's order. */
  private step(d: number): void {
    this.clock = d;
    this.classifier.advance(d);
    this.coach.advance(d);
    this.drainFates(d);
    this.deriver.flush(d);
    // An attribution settled here may have moved the exercise: out now, not at the next input.
    this.exerciseMoved();
  }

  /**
   * The stream ends at `t`: everything waiting settles. With `deliver`, nudges still due get
   * their last pause (replay); without, nothing more is shown (observation switched off).
   */
  end(t: number, deliver: boolean): void {
    if (this.ended) return;
    this.advance(t);
    this.classifier.flush();
    this.coach.flush(deliver ? t + 60_000 : t, deliver);
    this.drainFates(Math.max(t, this.clock));
    this.deriver.flush(t, true);
    this.exerciseMoved();
    this.ended = true;
  }

  private observe(i: number, o: Observation): void {
    let text: Rope | TextVersions | undefined;
    try {
      if (o.type === 'doc.open') text = this.texts.open(o.doc, o.text);
      else if (o.type === 'doc.change') text = this.texts.change(o.doc, o.changes);
    } catch (error) {
      this.out({ kind: 'problem', i, message: `${o.type} of ${'doc' in o ? String(o.doc) : '?'}: ${(error as Error).message}; skipped` });
      return;
    }
    if (o.type === 'doc.open' && o.path !== undefined) {
      this.pathOf.set(o.doc, o.path);
      this.openPaths.add(o.path);
    }
    if (o.type === 'doc.close') {
      // Its last text stays known by path, in case an agent writes the file while it is closed.
      const path = this.pathOf.get(o.doc);
      const last = this.texts.get(o.doc);
      if (path !== undefined) {
        this.openPaths.delete(path);
        if (last !== undefined) this.rememberFile(path, last);
      }
      this.texts.close(o.doc);
    }
    this.tally.add(o, i);
    this.fate.observe(i, o, text !== undefined && 'before' in text ? text.before : undefined);
    this.deriver.observe(i, o);
    this.exercise?.observe(i, o, text);
    this.coach.observe(i, o);
    this.preAi.observe(i, o, text !== undefined && 'before' in text ? text.before : undefined);
    this.classifier.observe(i, o, text);
    // An agent's hook says it is about to write files no editor has open: read what they are now.
    if (o.type === 'agent.checkpoint' && o.phase === 'pre') {
      for (const path of o.paths ?? []) if (!this.openPaths.has(path) && !this.knownFiles.has(path)) this.out({ kind: 'fileNeeded', t: o.t, path, version: 'before' });
    }
    // A file no editor has open, written while an AI agent works on it: read what it wrote.
    if (o.type === 'fs' && o.doc === undefined && o.path !== undefined && o.change !== 'deleted' && !this.openPaths.has(o.path) && this.classifier.agentWorking(o.path, o.t)) {
      this.out({ kind: 'fileNeeded', t: o.t, path: o.path, version: 'disk' });
    }
    if (o.type === 'git' && o.op === 'commit') {
      const docs = this.fate.docsAwaitingCommit();
      if (docs.length > 0) this.out({ kind: 'commitNeedsFiles', t: o.t, head: o.head, docs });
    }
  }

  /**
   * Coaching acts only on what is sure. An AI attribution below SURE_AI_CONFIDENCE reaches
   * the fate tracker, the exercise, the coach and "Show AI changes" as `external` (neither
   * the person's nor AI's: no marks, no "not run" count, no nudge, no exercise step, no
   * fate), and the metrics count it as "possibly AI". The attribution itself goes out as
   * the classifier gave it, with its confidence.
   */
  private attributed(a: Attribution): void {
    const sure = !isAiLabel(a.label) || isSureAi(a);
    const acted: Attribution = sure ? a : { ...a, label: 'external', basis: `possibly-ai:${a.basis}` };
    this.tally.addAttribution(a);
    this.fate.attribute(acted.i, acted.label, acted.t, acted.doc);
    this.deriver.attribute(a, sure);
    this.exercise?.attribute(acted);
    this.coach.attribute(acted);
    this.preAi.attribute(acted.i, acted.label, acted.doc);
    this.out({ kind: 'attribution', attribution: a });
  }

  private control(i: number, c: ControlInput): void {
    switch (c.type) {
      case 'session.start':
        // Read by whoever built the session (its options); nothing to do mid-stream.
        return;
      case 'session.settings':
        this.settings = c.settings;
        this.coach.updateSettings(c.settings.coach);
        this.classifier.setAiCommands(c.settings.aiCommands);
        return;
      case 'fates.restore': {
        const items: PersistedFate[] = c.items.map(({ doc, ...rest }) => ({ ...rest, docKey: doc }));
        this.fate.restore(items, this.startEpochMs, (key) => key);
        return;
      }
      case 'nudge.answer':
        this.coach.respond(c.nudge, c.action, c.t);
        return;
      case 'coach.reset':
        this.coach.reset();
        return;
      case 'review': {
        if (c.nudge !== undefined) {
          const nudge = this.coach.nudge(c.nudge);
          this.coach.markReviewed(c.t, { nudge: c.nudge });
          for (const d of nudge?.docs ?? []) this.preAi.clear(d);
        } else {
          this.coach.markReviewed(c.t, { doc: c.doc ?? null });
          this.preAi.clear(c.doc ?? null);
        }
        return;
      }
      case 'git.staged':
        this.coach.staged(c.t, c.docs);
        return;
      case 'commit.files': {
        const files = new Map<DocId, CommittedFile>();
        for (const f of c.files) {
          const current = this.texts.get(f.doc);
          if (current === undefined) continue; // closed since: its edits wait for the next commit
          files.set(f.doc, { committed: f.committed, current: current.toString() });
        }
        const contained = this.fate.commitLanded(c.t, c.head, files);
        this.deriver.commit(c.t, c.head, contained);
        return;
      }
      case 'file.content': {
        if (c.version === 'before') {
          // Read before the agent's write: what the file was (absent: the agent creates it).
          if (!this.knownFiles.has(c.path)) this.rememberFile(c.path, c.text ?? '');
        } else if (c.version === 'disk') {
          if (c.text === null || this.openPaths.has(c.path)) return; // unreadable, or opened since: the editor reports it
          const known = this.knownFiles.get(c.path);
          if (known !== undefined) {
            this.agentWroteUnopened(c.t, c.path, c.doc, known.toString(), c.text);
          } else {
            // Never seen: what it was comes from git, if it can say.
            this.awaitingBase.set(c.path, { t: c.t, doc: c.doc, text: c.text });
            this.out({ kind: 'fileNeeded', t: c.t, path: c.path, version: 'head' });
          }
        } else {
          const waiting = this.awaitingBase.get(c.path);
          this.awaitingBase.delete(c.path);
          // No text to compare with (not in git, git not allowed): nothing is claimed as AI.
          if (waiting !== undefined && c.text !== null) this.agentWroteUnopened(waiting.t, c.path, waiting.doc, c.text, waiting.text);
          else if (waiting !== undefined) this.rememberFile(c.path, waiting.text);
        }
        return;
      }
      case 'exercise.start':
        this.startExercise(c.pack, c.exercise, c.t, c.resumeAt);
        return;
      case 'exercise.stop':
        if (this.exercise === undefined) return;
        this.exercise = undefined;
        this.exerciseShown = undefined;
        this.out({ kind: 'exercise', exercise: null });
        return;
      case 'exercise.skip':
        if (this.exercise === undefined) return this.out({ kind: 'problem', i, message: 'exercise.skip with no exercise in progress; skipped' });
        this.exercise.skip(c.t);
        return;
      case 'exercise.restart':
        if (this.exercise === undefined) return this.out({ kind: 'problem', i, message: 'exercise.restart with no exercise in progress; skipped' });
        this.startExercise(this.exercise.packId, this.exercise.exercise, c.t);
        return;
      case 'trace.end':
        // The input itself brought the session to its time; nothing else happens.
        return;
      case 'label.correct':
        this.correctLabels(i, c.t, c.edits);
        return;
    }
  }

  private startExercise(pack: string, exercise: ExerciseStart['exercise'], t: number, resumeAt?: number): void {
    const run = new ExerciseRun(pack, exercise, (x) => this.startEpochMs + x, this.sink, { teamCommands: this.settings.coach.validationCommands });
    this.exercise = run;
    run.start([], resumeAt, t);
    this.exerciseShown = { run, version: run.version };
    this.out({ kind: 'exercise', exercise: run.snapshot() });
  }

  /**
   * "That was me": the changes were the person's. The coach (marks, unrun counts, bursts,
   * nudges to come), the fate tracker and the exercise stop counting them as AI; "Show AI
   * changes" forgets a document left with no AI edit; one `relabel` metric event per AI edit
   * records the correction, with the fate already recorded for it, so figures can take it back.
   */
  private correctLabels(i: number, t: number, edits: readonly number[]): void {
    const removed = this.coach.relabel(edits);
    const known = new Map(removed.map((e) => [e.i, e]));
    let corrected = 0;
    for (const k of edits) {
      const fate = this.fate.retract(k);
      const e = known.get(k);
      if (e === undefined && fate === undefined) continue;
      corrected++;
      const assistant = e?.assistant ?? (fate !== null && fate !== undefined ? assistantOf(fate.label) : undefined);
      if (assistant === undefined) continue;
      this.sink.emit({
        kind: 'relabel',
        at: this.startEpochMs + t,
        assistant,
        chars: e?.chars ?? fate?.originalChars ?? 0,
        lines: e?.lines ?? 0,
        fate: fate === null || fate === undefined ? null : { outcome: fate.outcome, committed: fate.commit !== null ? true : fate.commitsWithout > 0 ? false : null, ranBeforeCommit: fate.commit === null ? null : fate.ranBeforeCommit },
      });
    }
    this.exercise?.relabel(edits, t);
    for (const doc of new Set(removed.map((e) => e.doc))) if (this.coach.signals.liveEdits(doc).length === 0) this.preAi.clear(doc);
    if (corrected === 0) this.out({ kind: 'problem', i, message: `label.correct names no AI edit this session follows (${edits.join(', ')}); skipped` });
  }

  /** After every input: fates that became final go out, and the exercise if it moved. */
  private afterInput(t: number): void {
    this.drainFates(t);
    this.exerciseMoved();
  }

  /** The exercise snapshot last put out, and the run's version then. */
  private exerciseShown: { run: ExerciseRun; version: number } | undefined;

  /** Outputs the exercise when it changed (a step passed or went back, evidence seen) since it was last put out. */
  private exerciseMoved(): void {
    const run = this.exercise;
    if (run === undefined) return;
    if (this.exerciseShown?.run === run && this.exerciseShown.version === run.version) return;
    this.exerciseShown = { run, version: run.version };
    this.out({ kind: 'exercise', exercise: run.snapshot() });
  }

  /** Paths of open documents (from their doc.open), and the last known text of files no editor has open. */
  private readonly pathOf = new Map<DocId, string>();
  private readonly openPaths = new Set<string>();
  private readonly knownFiles = new Map<string, Rope | string>();
  private knownChars = 0;
  /** Agent writes to unopened files waiting for a text to diff against: path -> the text written. */
  private readonly awaitingBase = new Map<string, { t: number; doc: DocId; text: string }>();

  private rememberFile(path: string, text: Rope | string): void {
    const old = this.knownFiles.get(path);
    if (old !== undefined) this.knownChars -= old.length;
    this.knownFiles.delete(path);
    this.knownFiles.set(path, text);
    this.knownChars += text.length;
    // The least recently remembered go first.
    for (const [p, t] of this.knownFiles) {
      if (this.knownChars <= CLOSED_TEXTS_CHARS) break;
      this.knownFiles.delete(p);
      this.knownChars -= t.length;
    }
  }

  /**
   * An AI agent wrote `text` into `path`, which no editor had open, over `base` (what the file
   * was; '' for a file it created). The lines it added or changed are followed as an AI edit
   * of the document the file becomes when it opens; it counts in the metrics as the agent's.
   */
  private agentWroteUnopened(t: number, path: string, doc: DocId, base: string, text: string): void {
    this.rememberFile(path, text);
    const pieces: { start: number; end: number }[] = [];
    let written = '';
    let lines = 0;
    let at = 0;
    for (const part of diffLines(base, text)) {
      if (part.removed) continue;
      if (part.added) {
        pieces.push({ start: at, end: at + part.value.length });
        written += part.value;
        lines += part.count ?? 0;
      }
      at += part.value.length;
    }
    if (written.length === 0) return;
    this.fate.followUnopened(doc, t, pieces, written);
    this.deriver.agentWroteUnopened(t, written.length, lines);
  }

  private drainFates(t: number): void {
    const final = this.fate.drainFinal(t);
    if (final.length > 0) this.deriver.fates(final, t);
  }

  // Queries: what the adapters render. None of them changes the session.

  activity(): ActivitySnapshot {
    return this.tally.snapshot();
  }

  /** Every followed AI edit's fate as it stands now. */
  fates(): AiEditFate[] {
    return this.fate.fates(this.clock);
  }

  get following(): number {
    return this.fate.following;
  }

  /** The followed AI edits as they survive a window reload (no text: fingerprints). */
  persistFates(docKey: (doc: DocId) => string | undefined): PersistedFate[] {
    return this.fate.persist(this.startEpochMs, docKey);
  }

  exerciseSnapshot(): ExerciseSnapshot | undefined {
    return this.exercise?.snapshot();
  }

  /** The text before the document's unreviewed AI edits ("Show AI changes"). */
  preAiText(doc: DocId): string | undefined {
    return this.preAi.baseline(doc);
  }

  /** The session's text of an open document. */
  text(doc: DocId): Rope | undefined {
    return this.texts.get(doc);
  }

  /** Stream time the session has reached. */
  get now(): number {
    return this.clock;
  }

  /** Whether any part still waits for time to pass (a change to settle, a pause, a window). */
  get idle(): boolean {
    return this.classifier.waiting === 0;
  }

  get currentSettings(): SessionSettings {
    return this.settings;
  }
}
