/**
 * One exercise in progress: its steps complete, in order, from what Deliberate observes.
 *
 * The run reads a *labelled* stream: it holds each observation until every document change
 * before it (and itself, for a change) has its settled attribution, then handles it. So a
 * save right after a hand edit is judged knowing the edit was the person's, whichever of
 * the save and the attribution arrived first. A private SpanTracker (fed as the fate tracker
 * feeds its own: each change first, its attribution when it settles) measures how much of
 * each AI edit survives, in constant time per question (bench:exercise).
 *
 * Never stuck: the current step keeps what the run saw that came close but did not count
 * ("a test run at 10:42, but it started before your AI edit"), and every step not done says
 * what it waits for, so a person can tell a step that will complete from one that will not.
 * A step can be skipped (recorded as skipped, never as done).
 *
 * Invariants: a step completes at most once and steps complete in order, at most one per
 * observation; nothing the person ticks can complete a step (skipping passes it without
 * completing it); a run never fails an exercise, it only waits. Metric events carry no code,
 * paths or document ids. "That was me" on an AI edit that completed an `aiEdit` step takes the
 * run back to that step: it never counts the person's own typing as the AI edit it asked for.
 */
import type { Attribution } from '../attribution/classifier';
import { programOf } from '../attribution/commands';
import { outcomeOf } from '../fate/fateTracker';
import { SpanTracker } from '../fate/spanTracker';
import { isValidationCommand } from '../fate/validation';
import type { AssistantKind, ExerciseMetric, MetricSink } from '../metrics';
import { insertedChars, isAiLabel, type DocChange, type DocId, type EditLabel, type Observation } from '../observation';
import { DocumentTexts, type TextVersions } from '../text/documentTexts';
import { Rope } from '../text/rope';
import type { Condition, Exercise } from './packSchema';

export type StepState = 'done' | 'skipped' | 'current' | 'todo';

/**
 * Something the run saw while a step waited, and why it did not complete the step. `at` is
 * epoch ms; `text` may name the file as `{file}`, which the view replaces with `doc`'s name.
 */
export interface StepEvidence {
  readonly at: number;
  readonly text: string;
  readonly doc?: DocId;
}

export interface StepSnapshot {
  readonly title: string;
  readonly detail: string | undefined;
  readonly state: StepState;
  /** What the step waits for, in words (every step not done or skipped). */
  readonly waitingFor: string | undefined;
  /** The current step: what was seen that did not complete it, oldest first (at most EVIDENCE_KEPT). */
  readonly seen: readonly StepEvidence[];
}

export interface ExerciseSnapshot {
  readonly pack: string;
  readonly exercise: Exercise;
  readonly steps: readonly StepSnapshot[];
  /** Index of the current step; equals steps.length when the exercise is over. */
  readonly current: number;
  /** Every step passed (done or skipped). */
  readonly completed: boolean;
  /** Steps passed by skipping them. */
  readonly skipped: number;
}

/** Entries of evidence the current step keeps: the latest ones. */
export const EVIDENCE_KEPT = 6;

export interface ExerciseRunOptions {
  /** The team's validation commands (deliberate.validation.commands): a terminal command starting with one is a run. */
  readonly teamCommands?: readonly string[];
}

/** 'team': one of the team's validation commands, which are its test and lint commands: it counts as either. */
type RunKind = 'test' | 'build' | 'lint' | 'team' | 'other';

interface AiEdit {
  readonly i: number;
  /** Stream time of the change. */
  readonly t: number;
  readonly doc: DocId;
  readonly assistant: AssistantKind;
  readonly chars: number;
  /** Inserted range in the document's current coordinates (kept up to date as the document changes). */
  start: number;
  end: number;
  /** Characters the person typed inside or right next to the edit. */
  handChars: number;
  committed: boolean;
  ran: boolean;
}

const TEST_WORDS = /\b(test|tests|jest|vitest|mocha|ava|tap|pytest|tox|nox|rspec|phpunit|ctest|nextest|playwright|cypress|karma|spec|unittest)\b/;
const LINT_WORDS = /\b(lint|eslint|ruff|flake8|pylint|clippy|biome|vet|mypy|pyright|tsc|typecheck|prettier|black|check)\b/;

function assistantOf(label: EditLabel): AssistantKind | undefined {
  return label === 'ai.inline' ? 'inline' : label === 'ai.chat' ? 'chat' : label === 'ai.agent' ? 'agent' : undefined;
}

function matchesAssistant(wanted: 'inline' | 'chat' | 'agent' | 'any' | undefined, actual: AssistantKind): boolean {
  return wanted === undefined || wanted === 'any' || wanted === actual;
}

export class ExerciseRun {
  private readonly spans = new SpanTracker(false);
  /** Texts of the documents when no session supplies them (the run used on its own). */
  private ownTexts: DocumentTexts | undefined;
  /** Observations waiting for the attributions before them; a change keeps its document's text right after it. */
  private readonly queue: { i: number; o: Observation; after: Rope | undefined }[] = [];
  /** Stream time of the observation being handled: what metric events are dated by. */
  private nowT = 0;
  private readonly labels = new Map<number, EditLabel>();
  private readonly aiEdits: AiEdit[] = [];
  /** The same edits by document, so a change only looks at its own document's. */
  private readonly aiByDoc = new Map<DocId, AiEdit[]>();
  private readonly editedDocs = new Set<DocId>();
  /** Errors each document reports now (latest diagnostics seen). */
  private readonly errorCounts = new Map<DocId, number>();
  /** Documents with errors after an AI edit of this exercise: whether the person edited since, and whether AI did. */
  private readonly errored = new Map<DocId, { hand: boolean; ai: boolean }>();
  private step = 0;
  /** Occurrences counted toward the current step's `count`, and characters toward its `minChars`. */
  private progress = 0;
  private started = false;
  /** Per step: done, skipped, or not passed yet (undefined). */
  private readonly passed: ('done' | 'skipped' | undefined)[] = [];
  /** Per step: the AI edit whose arrival completed it (an `aiEdit` step), for "That was me". */
  private readonly completedBy: (number | undefined)[] = [];
  private seen: StepEvidence[] = [];
  /** Changes inserted by accepting part of an inline suggestion (word by word, line by line). */
  private readonly partial = new Set<number>();
  /** Latest accept-by-word or accept-by-line command, per document: the next inline edit there is partial. */
  private readonly partialCommand = new Map<DocId, number>();
  /** Queued changes that may have been AI but not surely enough to count as AI. */
  private readonly possiblyAi = new Set<number>();
  /** Changes the person said were theirs before their attribution reached the run. */
  private readonly relabeled = new Set<number>();
  /** Grows with every change to what snapshot() returns: the session outputs a snapshot when it moved. */
  private revision = 0;

  constructor(
    readonly packId: string,
    readonly exercise: Exercise,
    /** Epoch milliseconds of a stream time (metric events carry epoch ms). */
    private readonly toEpoch: (t: number) => number,
    private readonly sink: MetricSink,
    private readonly options: ExerciseRunOptions = {},
  ) {}

  /**
   * Emits `started`. `snapshot` is the editor as it stands (open documents), so edits to them
   * can be followed. With `resumeAt`, the run carries on an exercise begun before a reload at
   * that step: nothing is emitted for the steps already done, and evidence for the current
   * step starts again from now (what happened before the reload is not in this stream).
   */
  start(snapshot: readonly Observation[] = [], resumeAt?: number, t = 0): void {
    if (this.started) return;
    this.started = true;
    this.nowT = t;
    for (const o of snapshot) if (o.type === 'doc.open') (this.ownTexts ??= new DocumentTexts()).open(o.doc, o.text);
    if (resumeAt === undefined) this.emit('started');
    else this.step = Math.max(0, Math.min(resumeAt, this.exercise.steps.length - 1));
  }

  /** Index of the current step (steps.length once complete). */
  get current(): number {
    return this.step;
  }

  /** Changes whenever the snapshot would (a step passed or went back, something seen). */
  get version(): number {
    return this.revision;
  }

  get completed(): boolean {
    return this.step >= this.exercise.steps.length;
  }

  /**
   * Feeds one observation, with its index in the stream (as the classifier numbers them) and,
   * for a change, the session's texts before and after it. Used on its own (tests), the run
   * keeps the texts itself.
   */
  observe(i: number, o: Observation, text?: Rope | TextVersions): void {
    if (this.completed) return;
    let after: Rope | undefined;
    if (o.type === 'doc.change') {
      this.spans.applyChange(o, i);
      after = text !== undefined && !(text instanceof Rope) ? text.after : this.ownAfter(o);
    } else if (o.type === 'doc.open' && !(text instanceof Rope)) {
      (this.ownTexts ??= new DocumentTexts()).open(o.doc, o.text);
    }
    this.queue.push({ i, o, after });
    this.drain();
  }

  private ownAfter(o: DocChange): Rope | undefined {
    const texts = this.ownTexts;
    if (texts === undefined || !texts.has(o.doc)) return undefined;
    try {
      return texts.change(o.doc, o.changes).after;
    } catch {
      return undefined;
    }
  }

  /** Feeds one settled attribution. */
  attribute(a: Attribution): void {
    if (this.completed) return;
    const label: EditLabel = this.relabeled.has(a.i) ? 'human.type' : a.label;
    if (!isAiLabel(label) || !this.spans.promote(a.i)) this.spans.drop(a.i);
    if (label === 'ai.inline' && (a.basis === 'source:inlineCompletionPartialAccept' || a.basis.startsWith('partial-accept'))) this.partial.add(a.i);
    // The session hands AI edits it is not sure of as `external` (basis "possibly-ai:…").
    if (a.basis.startsWith('possibly-ai:') && this.queue.some((q) => q.i === a.i)) this.possiblyAi.add(a.i);
    if (this.queue.some((q) => q.i === a.i)) this.labels.set(a.i, label);
    this.drain();
  }

  /**
   * Skips the current step: it is recorded as skipped (a metric event), never as done, and the
   * next step becomes current. Skipping the last step ends the exercise; it counts as completed
   * only when no step was skipped.
   */
  skip(t: number): void {
    if (this.completed || !this.started) return;
    this.nowT = Math.max(this.nowT, t);
    this.passed[this.step] = 'skipped';
    this.emit('skipped');
    this.next();
  }

  /**
   * "That was me": these changes were the person's own, not AI. They stop being AI edits of
   * the exercise; a step an `aiEdit` step completed with one of them waits again (with later
   * steps), and says why.
   */
  relabel(edits: readonly number[], t: number): void {
    for (const k of edits) {
      this.relabeled.add(k);
      if (this.labels.has(k) && isAiLabel(this.labels.get(k)!)) this.labels.set(k, 'human.type');
      this.partial.delete(k);
      const at = this.aiEdits.findIndex((e) => e.i === k);
      if (at < 0) continue;
      const e = this.aiEdits[at]!;
      this.aiEdits.splice(at, 1);
      const list = this.aiByDoc.get(e.doc);
      list?.splice(list.indexOf(e), 1);
      this.spans.forget(k);
    }
    if (this.completed) return;
    const gone = new Set(edits);
    const back = this.completedBy.findIndex((k, step) => k !== undefined && gone.has(k) && step < this.step);
    if (back < 0) return;
    for (let k = back; k < this.exercise.steps.length; k++) {
      this.passed[k] = undefined;
      this.completedBy[k] = undefined;
    }
    this.step = back;
    this.progress = 0;
    this.seen = [];
    this.note(t, 'You said the AI edit this step had counted was yours, so the step waits again.');
  }

  snapshot(): ExerciseSnapshot {
    const steps = this.exercise.steps.map((s, k): StepSnapshot => {
      const state: StepState = k < this.step ? (this.passed[k] ?? 'done') : k === this.step ? 'current' : 'todo';
      return { title: s.title, detail: s.detail, state, waitingFor: state === 'current' || state === 'todo' ? waitingFor(s.done) : undefined, seen: k === this.step ? [...this.seen] : [] };
    });
    return { pack: this.packId, exercise: this.exercise, steps, current: this.step, completed: this.completed, skipped: this.passed.filter((p) => p === 'skipped').length };
  }

  /** Something seen that did not complete the current step. Dated `t` (stream time), or now. */
  private note(t: number, text: string, doc?: DocId): void {
    const at = this.toEpoch(t);
    const last = this.seen[this.seen.length - 1];
    const entry = doc === undefined ? { at, text } : { at, text, doc };
    // The same thing again (typing on, saving again) replaces its last entry instead of piling
    // up; it counts as a change of the snapshot at most once a second of stream time, so typing
    // does not put out a snapshot per keystroke.
    if (last !== undefined && last.text === text && last.doc === doc) {
      this.seen[this.seen.length - 1] = entry;
      if (at - last.at < 1_000) return;
    } else {
      this.seen.push(entry);
      if (this.seen.length > EVIDENCE_KEPT) this.seen.shift();
    }
    this.revision++;
  }

  /** Replaces the latest note if it is `was` about `doc`; otherwise notes `now`. */
  private restate(was: string, now: string, doc: DocId): void {
    const last = this.seen[this.seen.length - 1];
    if (last !== undefined && last.text === was && last.doc === doc) this.seen.pop();
    this.note(this.nowT, now, doc);
  }

  private saw(text: string, doc?: DocId): void {
    this.note(this.nowT, text, doc);
  }

  private drain(): void {
    while (this.queue.length > 0 && !this.completed) {
      const { i, o, after } = this.queue[0]!;
      let label: EditLabel | undefined;
      if (o.type === 'doc.change') {
        label = this.labels.get(i);
        if (label === undefined) return; // wait for its attribution
        this.labels.delete(i);
      }
      this.queue.shift();
      this.nowT = o.t;
      this.handle(i, o, label, after);
    }
  }

  private get condition(): Condition {
    return this.exercise.steps[this.step]!.done;
  }

  private handle(i: number, o: Observation, label: EditLabel | undefined, after: Rope | undefined): void {
    switch (o.type) {
      case 'doc.change':
        return this.onChange(i, o, label!, after);
      case 'doc.save':
        return this.onSave(o.doc);
      case 'editor.active':
        if (o.doc !== null) this.onLook(o.doc);
        return;
      case 'editor.selection':
        if (o.kind === 'keyboard' || o.kind === 'mouse') this.onLook(o.doc);
        return;
      case 'editor.command':
        if (/inlineSuggest\.acceptNext(Word|Line)$/.test(o.command) && o.doc !== undefined) this.partialCommand.set(o.doc, o.t);
        return;
      case 'git':
        if (o.op === 'commit') this.onCommit();
        return;
      case 'task':
        if (o.phase === 'start' && o.group !== null) this.onRun(o.group === 'test' ? 'test' : kindOfCommand(o.name, 'build'));
        return;
      case 'terminal.exec':
        if (o.phase === 'start') {
          // The team's own commands are its test and lint commands.
          if (this.isTeamCommand(o.commandLine)) this.onRun('team');
          else if (isValidationCommand(o.commandLine.trim())) this.onRun(kindOfCommand(o.commandLine, 'other'));
          else if (this.condition.when === 'run' || this.condition.when === 'review') {
            const program = programOf(o.commandLine) || 'a command';
            this.saw(`\`${program}\` ran in a terminal, but it is not a test, build or lint command Deliberate knows (add yours to deliberate.validation.commands)`);
          }
        }
        return;
      case 'debug':
        if (o.phase === 'start') this.onRun('other');
        return;
      case 'diagnostics':
        return this.onDiagnostics(o.doc, o.errors);
      default:
        return;
    }
  }

  private isTeamCommand(commandLine: string): boolean {
    const line = commandLine.trim();
    return (this.options.teamCommands ?? []).some((c) => {
      const team = c.trim();
      return team !== '' && (line === team || line.startsWith(`${team} `));
    });
  }

  private onChange(i: number, o: DocChange, label: EditLabel, after: Rope | undefined): void {
    const human = label === 'human.type' || label === 'human.paste' || label === 'human.delete';
    const touched = human ? this.countHandEdits(o) : false;
    this.shiftSpans(o);
    this.editedDocs.add(o.doc);
    const assistant = assistantOf(label);
    if (assistant !== undefined) return this.onAiEdit(i, o, assistant);
    if (label === 'undo') return this.onUndo(o.doc);
    const typed = insertedChars(o);
    const c = this.condition;
    // Waiting for an AI edit: a sizeable insertion counted as something else is worth saying,
    // so a person whose AI tool was not recognised knows why the step waits.
    const possibly = this.possiblyAi.delete(i);
    if (c.when === 'aiEdit' && typed >= 20) {
      const as = possibly ? 'possibly AI, but not surely enough to count' : `${LABEL_WORDS[label] ?? label.replace(/^\w+\./, '')}, not as an AI edit`;
      this.saw(`${typed} characters were inserted in {file}, counted as ${as}`, o.doc);
    }
    if (!human) return;
    const err = this.errored.get(o.doc);
    if (err !== undefined) err.hand = true;
    switch (c.when) {
      case 'revisedAiEdit': {
        const among = (this.aiByDoc.get(o.doc) ?? []).filter((e) => matchesAssistant(c.assistant, e.assistant));
        if (c.before === undefined && this.revised(c, among)) return this.advance();
        if (this.aiEdits.length === 0) return this.saw('your edit in {file}, but there is no AI edit of this exercise to revise yet', o.doc);
        if (!touched) return this.saw('your edit in {file} was outside the AI edit: typing on after its end does not revise it', o.doc);
        const best = this.bestRevision(c, among);
        const needs = Math.round((c.minShare ?? 0.1) * 100);
        if (best < (c.minShare ?? 0.1)) this.saw(`your edits have changed ${Math.round(best * 100)}% of the AI edit in {file} so far; this step needs ${needs}%`, o.doc);
        else if (c.before === 'save') this.saw('the AI edit in {file} is revised enough: now save the file', o.doc);
        else if (c.before === 'commit') this.saw('the AI edit in {file} is revised enough: now commit it', o.doc);
        return;
      }
      case 'review':
        if (this.lastAiEdit()?.doc === o.doc) this.advance();
        else if (this.lastAiEdit() !== undefined) this.saw('your edit in {file}, but the last AI edit is in another file', o.doc);
        return;
      case 'humanEditNear': {
        if (label !== 'human.type') return;
        const last = this.aiByDoc.get(o.doc)?.at(-1);
        if (last === undefined) return this.saw('your typing in {file}, which has no AI edit of this exercise', o.doc);
        if (after === undefined || !this.nearAiEdit(o, c.lines ?? 3, after)) return this.saw(`your typing in {file} was more than ${plural(c.lines ?? 3, 'line')} away from the AI edit`, o.doc);
        this.progress += typed;
        if (this.progress >= (c.minChars ?? 20)) return this.advance();
        this.saw(`${this.progress} of ${c.minChars ?? 20} characters typed next to the AI edit in {file}`, o.doc);
        return;
      }
      default:
        return;
    }
  }

  private onAiEdit(i: number, o: DocChange, assistant: AssistantKind): void {
    const chars = insertedChars(o);
    let start = Infinity;
    let end = -Infinity;
    for (const c of o.changes) {
      start = Math.min(start, c.offset);
      end = Math.max(end, c.offset + c.text.length);
    }
    const edit: AiEdit = { i, t: o.t, doc: o.doc, assistant, chars, start, end, handChars: 0, committed: false, ran: false };
    this.aiEdits.push(edit);
    const list = this.aiByDoc.get(o.doc);
    if (list === undefined) this.aiByDoc.set(o.doc, [edit]);
    else list.push(edit);
    const err = this.errored.get(o.doc);
    if (err !== undefined) err.ai = true;
    this.aiEditStep(i, o, assistant);
    // Errors the file already had (the person's half-typed line) and still has after the AI
    // edit count as errors after it: no new diagnostics need to come.
    if (err === undefined && (this.errorCounts.get(o.doc) ?? 0) > 0) {
      this.errored.set(o.doc, { hand: false, ai: false });
      if (this.condition.when === 'errorFixedByHand') this.saw(this.errorsAfterAiWords(this.errorCounts.get(o.doc)!), o.doc);
    }
  }

  private errorsAfterAiWords(errors: number): string {
    return `${plural(errors, 'error')} in {file} after the AI edit: now clear ${errors === 1 ? 'it' : 'them'} with your own edits`;
  }

  private aiEditStep(i: number, o: DocChange, assistant: AssistantKind): void {
    const c = this.condition;
    if (c.when !== 'aiEdit') return;
    const what = `${ASSISTANT_WORDS[assistant]} in {file}`;
    if (!matchesAssistant(c.assistant, assistant)) return this.saw(`${what}, but this step asks for ${ASSISTANT_NOUNS[c.assistant as AssistantKind]}`, o.doc);
    let lines = 1;
    for (const ch of o.changes) for (let k = 0; k < ch.text.length; k++) if (ch.text.charCodeAt(k) === 10) lines++;
    if (o.changes.every((ch) => ch.text.endsWith('\n')) && lines > 1) lines--;
    if (c.minLines !== undefined && lines < c.minLines) return this.saw(`${what} of ${plural(lines, 'line')}, but this step asks for at least ${c.minLines}`, o.doc);
    if (c.maxLines !== undefined && lines > c.maxLines) return this.saw(`${what} of ${plural(lines, 'line')}, but this step asks for at most ${c.maxLines}`, o.doc);
    if (c.partial === true) {
      const command = this.partialCommand.get(o.doc);
      const partial = this.partial.has(i) || (assistant === 'inline' && command !== undefined && o.t - command <= 1_000);
      if (!partial) return this.saw(`${what}, accepted whole: this step asks for part of a suggestion (accept word by word with ${ACCEPT_WORD_KEY})`, o.doc);
    }
    if (++this.progress >= (c.count ?? 1)) return this.advance(i);
    this.saw(`${what}: ${this.progress} of ${c.count ?? 1}`, o.doc);
  }

  private onUndo(doc: DocId): void {
    const c = this.condition;
    if (c.when !== 'undoAiEdit') return;
    const undone = (e: AiEdit) => {
      const s = this.spans.state(e.i);
      return s !== undefined && outcomeOf(s.original, s.retained, s.undone, s.touched) === 'undone';
    };
    const edits = (this.aiByDoc.get(doc) ?? []).filter((e) => matchesAssistant(c.assistant, e.assistant));
    if (edits.some(undone)) return this.advance();
    if (edits.length === 0) return this.saw('an undo in {file}, which has no AI edit of this exercise to take back', doc);
    const most = Math.max(...edits.map((e) => this.spans.state(e.i)?.undone ?? 0));
    if (most === 0) this.saw('an undo in {file}, but it took back text that was not the AI edit', doc);
    else this.saw('an undo in {file}, but most of the AI edit is still there: keep undoing', doc);
  }

  private onSave(doc: DocId): void {
    const c = this.condition;
    if (c.when === 'save') {
      if (this.editedDocs.has(doc)) this.advance();
      else this.saw('a save of {file}, but that file was not edited during this exercise', doc);
    } else if (c.when === 'revisedAiEdit' && c.before === 'save') {
      const among = (this.aiByDoc.get(doc) ?? []).filter((e) => matchesAssistant(c.assistant, e.assistant));
      if (this.revised(c, among)) this.advance();
      else if (among.length === 0) this.saw('a save of {file}, which has no AI edit of this exercise', doc);
      else this.saw(`a save of {file}, but the AI edit in it is ${Math.round(this.bestRevision(c, among) * 100)}% revised by you; this step needs ${Math.round((c.minShare ?? 0.1) * 100)}%`, doc);
    } else if (c.when === 'review') {
      if (this.lastAiEdit()?.doc === doc) this.advance();
      else if (this.lastAiEdit() !== undefined) this.saw('a save of {file}, but the last AI edit is in another file', doc);
    }
  }

  private onLook(doc: DocId): void {
    if (this.condition.when === 'review' && this.lastAiEdit()?.doc === doc) this.advance();
  }

  private onRun(kind: RunKind): void {
    const c = this.condition;
    for (const e of this.aiEdits) e.ran = true;
    if (c.when === 'review') {
      if (this.aiEdits.length > 0) return this.advance();
      return this.saw(`${RUN_WORDS[kind]} started, but there is no AI edit of this exercise to review yet`);
    }
    if (c.when !== 'run') return;
    if (c.kind !== undefined && c.kind !== 'any' && c.kind !== kind && !(kind === 'team' && (c.kind === 'test' || c.kind === 'lint'))) {
      return this.saw(`${RUN_WORDS[kind]} started, but this step asks for ${c.kind === 'build' ? 'a build' : `a ${c.kind} run`}`);
    }
    if (c.after !== undefined) {
      const wanted = c.after === 'aiEdit' ? 'any' : (c.after.slice('aiEdit:'.length) as AssistantKind);
      // An AI edit of the exercise made before this run (and, with before: commit, not committed yet).
      const before = this.aiEdits.filter((e) => matchesAssistant(wanted, e.assistant));
      if (before.length === 0) {
        const which = wanted === 'any' ? 'an AI edit' : ASSISTANT_NOUNS[wanted];
        return this.saw(`${RUN_WORDS[kind]} started, but it started before ${which} of this exercise: make the AI edit first, then run it`);
      }
      if (c.before === 'commit' && before.every((e) => e.committed)) return this.saw(`${RUN_WORDS[kind]} started, but the AI edit was already committed: this step wants the run before the commit`);
    }
    if (++this.progress >= (c.count ?? 1)) return this.advance();
    this.saw(`${RUN_WORDS[kind]} started: ${this.progress} of ${c.count ?? 1}`);
  }

  private onCommit(): void {
    const c = this.condition;
    const uncommitted = this.aiEdits.filter((e) => !e.committed);
    let met = false;
    if (c.when === 'commit') {
      met = c.validated !== true || uncommitted.every((e) => e.ran);
      if (!met) {
        const unrun = uncommitted.filter((e) => !e.ran).length;
        this.saw(`a commit, but ${plural(unrun, 'AI edit')} in it ${unrun === 1 ? 'was' : 'were'} not run first: run the tests, then commit again`);
      }
    } else if (c.when === 'revisedAiEdit' && c.before === 'commit') {
      const among = uncommitted.filter((e) => matchesAssistant(c.assistant, e.assistant));
      met = this.revised(c, among);
      if (!met) {
        if (among.length === 0) this.saw('a commit, but it held no AI edit of this exercise that was not already committed');
        else this.saw(`a commit, but the AI edit in it was ${Math.round(this.bestRevision(c, among) * 100)}% revised by you; this step needs ${Math.round((c.minShare ?? 0.1) * 100)}%`);
      }
    } else if (c.when === 'run' && c.before === 'commit') {
      this.saw('a commit: the AI edits before it now count as committed');
    }
    for (const e of uncommitted) e.committed = true;
    if (met) this.advance();
  }

  private onDiagnostics(doc: DocId, errors: number): void {
    const before = this.errorCounts.get(doc) ?? 0;
    this.errorCounts.set(doc, errors);
    const entry = this.errored.get(doc);
    const waiting = this.condition.when === 'errorFixedByHand';
    if (errors > 0) {
      if (entry === undefined && this.aiEdits.some((e) => e.doc === doc)) {
        this.errored.set(doc, { hand: false, ai: false });
        if (waiting) this.saw(this.errorsAfterAiWords(errors), doc);
      } else if (entry === undefined && waiting) {
        this.saw(`${plural(errors, 'error')} in {file}, but that file has no AI edit of this exercise`, doc);
      } else if (entry !== undefined && waiting && before > 0 && before !== errors) {
        // The count changed while the errors stand (a language server settling, a fix half
        // done): the note says the count now instead of the first one it saw.
        this.restate(this.errorsAfterAiWords(before), this.errorsAfterAiWords(errors), doc);
      }
      return;
    }
    if (entry === undefined) return;
    this.errored.delete(doc);
    if (!waiting) return;
    if (entry.hand && !entry.ai) return this.advance();
    if (entry.ai) this.saw('the errors in {file} cleared, but an AI edit came in between: make the next fix yours', doc);
    else this.saw('the errors in {file} cleared without an edit of yours (an undo or a tool)', doc);
  }

  /** Some AI edit among `among` has been revised by hand by at least minShare. */
  private revised(c: Extract<Condition, { when: 'revisedAiEdit' }>, among: readonly AiEdit[]): boolean {
    return this.bestRevision(c, among) >= (c.minShare ?? 0.1);
  }

  /** The largest share of an AI edit (matching the condition) revised by hand. */
  private bestRevision(c: Extract<Condition, { when: 'revisedAiEdit' }>, among: readonly AiEdit[]): number {
    let best = 0;
    for (const e of among) {
      // Only edits the person touched by hand: a later AI edit over it is not a revision.
      if (!matchesAssistant(c.assistant, e.assistant) || e.chars === 0 || e.handChars === 0) continue;
      const s = this.spans.state(e.i);
      const changed = s === undefined || s.original === 0 ? 0 : 1 - s.retained / s.original;
      best = Math.max(best, changed, e.handChars / e.chars);
    }
    return best;
  }

  private lastAiEdit(): AiEdit | undefined {
    return this.aiEdits[this.aiEdits.length - 1];
  }

  /** `text` is the document right after `o`; lines are found in O(log n) (Rope), whatever the file's size. */
  private nearAiEdit(o: DocChange, lines: number, text: Rope): boolean {
    // The last AI edit of this document, however many AI edits came before.
    const edits = this.aiByDoc.get(o.doc);
    const e = edits?.[edits.length - 1];
    if (e === undefined) return false;
    const first = text.lineAt(e.start) - lines;
    // An edit ending with a line break ends on the line before.
    const last = text.lineAt(Math.max(e.start, e.end - 1)) + lines;
    return o.changes.some((c) => {
      const line = text.lineAt(c.offset);
      return line >= first && line <= last;
    });
  }

  /**
   * A hand edit that replaces or deletes part of an AI edit, or inserts strictly inside it,
   * revises it (typing on after its end does not). Returns whether it touched any.
   */
  private countHandEdits(o: DocChange): boolean {
    let touched = false;
    for (const e of this.aiByDoc.get(o.doc) ?? []) {
      for (const c of o.changes) {
        const inside = c.length > 0 ? c.offset < e.end && c.offset + c.length > e.start : c.offset > e.start && c.offset < e.end;
        if (inside) {
          e.handChars += c.text.length + c.length;
          touched = true;
        }
      }
    }
    return touched;
  }

  /** Keeps AI edit ranges in current coordinates: a change before a range moves it, one after leaves it, one inside stretches or shrinks it. */
  private shiftSpans(o: DocChange): void {
    const order = o.changes.length === 1 ? o.changes : [...o.changes].sort((a, b) => b.offset - a.offset);
    for (const e of this.aiByDoc.get(o.doc) ?? []) {
      for (const c of order) {
        const delta = c.text.length - c.length;
        if (c.offset + c.length <= e.start) {
          e.start += delta;
          e.end += delta;
        } else if (c.offset < e.end) {
          e.start = Math.min(e.start, c.offset);
          e.end = Math.max(e.start, e.end + delta);
        }
      }
    }
  }

  /** The current step is done (`by`: the AI edit that completed an `aiEdit` step). */
  private advance(by?: number): void {
    this.passed[this.step] = 'done';
    this.completedBy[this.step] = by;
    this.emit('step');
    this.next();
  }

  private next(): void {
    this.step++;
    this.progress = 0;
    this.seen = [];
    this.revision++;
    // Completed only when every step was done: a skipped step is not practice.
    if (this.completed && !this.passed.includes('skipped')) this.emit('completed');
  }

  private emit(event: ExerciseMetric['event']): void {
    this.sink.emit({ kind: 'exercise', at: this.toEpoch(this.nowT), pack: this.packId, exercise: this.exercise.id, habit: this.exercise.habit, event });
  }
}

/** What was seen ("an inline suggestion accepted in {file}"). */
const ASSISTANT_WORDS: Readonly<Record<AssistantKind, string>> = { inline: 'an inline suggestion accepted', chat: 'a chat edit', agent: "an agent's edit" };
/** What a step asks for ("an accepted inline suggestion"). */
const ASSISTANT_NOUNS: Readonly<Record<AssistantKind, string>> = { inline: 'an accepted inline suggestion', chat: 'a chat edit', agent: "an agent's edit" };
const RUN_WORDS: Readonly<Record<RunKind, string>> = { test: 'a test run', build: 'a build', lint: 'a lint run', team: "your team's check", other: 'a run' };
const LABEL_WORDS: Readonly<Partial<Record<EditLabel, string>>> = {
  'human.type': 'your typing',
  'human.paste': 'a paste',
  'tool.format': 'a formatter',
  'tool.refactor': 'a refactoring',
  'tool.complete': 'a completion of the language service',
  redo: 'a redo',
  vcs: 'version control',
  external: 'a change from outside the editor',
};
/** The default key for accepting the next word of an inline suggestion (editor.action.inlineSuggest.acceptNextWord). */
const ACCEPT_WORD_KEY = 'Ctrl+Right (Cmd+Right on macOS)';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What a step waits for, in words. */
export function waitingFor(c: Condition): string {
  const who = (a: 'inline' | 'chat' | 'agent' | 'any' | undefined): string => (a === undefined || a === 'any' ? 'an AI edit (inline suggestion, chat or agent)' : ASSISTANT_NOUNS[a]);
  switch (c.when) {
    case 'aiEdit': {
      let s = c.partial === true ? `part of an inline suggestion, accepted word by word or line by line (${ACCEPT_WORD_KEY})` : who(c.assistant);
      if (c.minLines !== undefined) s += ` of at least ${plural(c.minLines, 'line')}`;
      if (c.maxLines !== undefined) s += ` of at most ${plural(c.maxLines, 'line')}`;
      if ((c.count ?? 1) > 1) s += `, ${c.count} times`;
      return s;
    }
    case 'revisedAiEdit': {
      const share = Math.round((c.minShare ?? 0.1) * 100);
      const of = c.assistant === 'agent' ? "an agent's edit" : c.assistant === 'inline' ? 'an accepted suggestion' : c.assistant === 'chat' ? 'a chat edit' : 'an AI edit';
      const when = c.before === 'save' ? ', there when you save the file' : c.before === 'commit' ? ', there when you commit' : '';
      return `your own changes to at least ${share}% of ${of} made during this exercise${when}`;
    }
    case 'run': {
      const what = c.kind === undefined || c.kind === 'any' ? 'a test, build or lint run' : c.kind === 'build' ? 'a build' : `a ${c.kind} run`;
      const after = c.after === undefined ? '' : c.after === 'aiEdit' ? ' that starts after an AI edit of this exercise' : ` that starts after ${ASSISTANT_NOUNS[c.after.slice('aiEdit:'.length) as AssistantKind]} of this exercise`;
      const before = c.before === 'commit' ? ', before that edit is committed' : '';
      return `${what}${after}${before}${(c.count ?? 1) > 1 ? `, ${c.count} times` : ''} (a task, a terminal command or your team's validation command)`;
    }
    case 'commit':
      return c.validated === true ? 'a commit in which every AI edit of this exercise was run or tested first' : 'a commit';
    case 'save':
      return 'a save of a file you edited during this exercise';
    case 'review':
      return 'a look at the last AI edit: move through its file, edit or save it, or run it';
    case 'humanEditNear':
      return `${plural(c.minChars ?? 20, 'character')} typed by you within ${plural(c.lines ?? 3, 'line')} of the last AI edit`;
    case 'undoAiEdit':
      return `an undo that takes back most of ${c.assistant === undefined || c.assistant === 'any' ? 'an AI edit' : ASSISTANT_NOUNS[c.assistant]} of this exercise`;
    case 'errorFixedByHand':
      return 'errors in a file AI edited during this exercise, cleared by your own edits with no AI edit in between';
  }
}

function kindOfCommand(commandLine: string, fallback: RunKind): RunKind {
  const text = commandLine.toLowerCase();
  if (TEST_WORDS.test(text) || TEST_WORDS.test(programOf(commandLine))) return 'test';
  if (LINT_WORDS.test(text)) return 'lint';
  return fallback === 'other' ? 'build' : fallback;
}
