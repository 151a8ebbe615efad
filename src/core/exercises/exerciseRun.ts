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
 * Invariants: a step completes at most once and steps complete in order, at most one per
 * observation; nothing the person ticks can complete a step; a run never fails an exercise,
 * it only waits. Metric events carry no code, paths or document ids.
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

export type StepState = 'done' | 'current' | 'todo';

export interface ExerciseSnapshot {
  readonly pack: string;
  readonly exercise: Exercise;
  readonly steps: readonly { readonly title: string; readonly detail: string | undefined; readonly state: StepState }[];
  /** Index of the current step; equals steps.length when the exercise is complete. */
  readonly current: number;
  readonly completed: boolean;
}

export interface ExerciseRunOptions {
  /** The team's validation commands (deliberate.validation.commands): a terminal command starting with one is a run. */
  readonly teamCommands?: readonly string[];
}

/** 'team': one of the team's validation commands, which are its test and lint commands: it counts as either. */
type RunKind = 'test' | 'build' | 'lint' | 'team' | 'other';

interface AiEdit {
  readonly i: number;
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
  /** Documents with errors after an AI edit of this exercise: whether the person edited since, and whether AI did. */
  private readonly errored = new Map<DocId, { hand: boolean; ai: boolean }>();
  private step = 0;
  /** Occurrences counted toward the current step's `count`, and characters toward its `minChars`. */
  private progress = 0;
  private started = false;

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
    if (!isAiLabel(a.label) || !this.spans.promote(a.i)) this.spans.drop(a.i);
    if (this.queue.some((q) => q.i === a.i)) this.labels.set(a.i, a.label);
    this.drain();
  }

  snapshot(): ExerciseSnapshot {
    return {
      pack: this.packId,
      exercise: this.exercise,
      steps: this.exercise.steps.map((s, k) => ({ title: s.title, detail: s.detail, state: k < this.step ? 'done' : k === this.step ? 'current' : 'todo' })),
      current: this.step,
      completed: this.completed,
    };
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
    if (human) this.countHandEdits(o);
    this.shiftSpans(o);
    this.editedDocs.add(o.doc);
    const assistant = assistantOf(label);
    if (assistant !== undefined) return this.onAiEdit(i, o, assistant);
    if (label === 'undo') return this.onUndo(o.doc);
    if (!human) return;
    const typed = insertedChars(o);
    const err = this.errored.get(o.doc);
    if (err !== undefined) err.hand = true;
    const c = this.condition;
    switch (c.when) {
      case 'revisedAiEdit':
        if (c.before === undefined && this.revised(c, this.aiByDoc.get(o.doc) ?? [])) this.advance();
        return;
      case 'review':
        if (this.lastAiEdit()?.doc === o.doc) this.advance();
        return;
      case 'humanEditNear': {
        if (label !== 'human.type' || after === undefined || !this.nearAiEdit(o, c.lines ?? 3, after)) return;
        this.progress += typed;
        if (this.progress >= (c.minChars ?? 20)) this.advance();
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
    const edit: AiEdit = { i, doc: o.doc, assistant, chars, start, end, handChars: 0, committed: false, ran: false };
    this.aiEdits.push(edit);
    const list = this.aiByDoc.get(o.doc);
    if (list === undefined) this.aiByDoc.set(o.doc, [edit]);
    else list.push(edit);
    const err = this.errored.get(o.doc);
    if (err !== undefined) err.ai = true;
    const c = this.condition;
    if (c.when !== 'aiEdit' || !matchesAssistant(c.assistant, assistant)) return;
    let lines = 1;
    for (const ch of o.changes) for (let k = 0; k < ch.text.length; k++) if (ch.text.charCodeAt(k) === 10) lines++;
    if (o.changes.every((ch) => ch.text.endsWith('\n')) && lines > 1) lines--;
    if ((c.minLines !== undefined && lines < c.minLines) || (c.maxLines !== undefined && lines > c.maxLines)) return;
    if (++this.progress >= (c.count ?? 1)) this.advance();
  }

  private onUndo(doc: DocId): void {
    const c = this.condition;
    if (c.when !== 'undoAiEdit') return;
    const undone = (e: AiEdit) => {
      const s = this.spans.state(e.i);
      return s !== undefined && outcomeOf(s.original, s.retained, s.undone, s.touched) === 'undone';
    };
    if ((this.aiByDoc.get(doc) ?? []).some((e) => matchesAssistant(c.assistant, e.assistant) && undone(e))) this.advance();
  }

  private onSave(doc: DocId): void {
    const c = this.condition;
    if (c.when === 'save' && this.editedDocs.has(doc)) this.advance();
    else if (c.when === 'revisedAiEdit' && c.before === 'save' && this.revised(c, this.aiByDoc.get(doc) ?? [])) this.advance();
    else if (c.when === 'review' && this.lastAiEdit()?.doc === doc) this.advance();
  }

  private onLook(doc: DocId): void {
    if (this.condition.when === 'review' && this.lastAiEdit()?.doc === doc) this.advance();
  }

  private onRun(kind: RunKind): void {
    const c = this.condition;
    for (const e of this.aiEdits) e.ran = true;
    if (c.when === 'review' && this.aiEdits.length > 0) return this.advance();
    if (c.when !== 'run') return;
    if (c.kind !== undefined && c.kind !== 'any' && c.kind !== kind && !(kind === 'team' && (c.kind === 'test' || c.kind === 'lint'))) return;
    if (c.after !== undefined) {
      const wanted = c.after === 'aiEdit' ? 'any' : (c.after.slice('aiEdit:'.length) as AssistantKind);
      // An AI edit of the exercise made before this run (and, with before: commit, not committed yet).
      if (!this.aiEdits.some((e) => matchesAssistant(wanted, e.assistant) && (c.before !== 'commit' || !e.committed))) return;
    }
    if (++this.progress >= (c.count ?? 1)) this.advance();
  }

  private onCommit(): void {
    const c = this.condition;
    const uncommitted = this.aiEdits.filter((e) => !e.committed);
    let met = false;
    if (c.when === 'commit') met = c.validated !== true || uncommitted.every((e) => e.ran);
    else if (c.when === 'revisedAiEdit' && c.before === 'commit') met = this.revised(c, uncommitted);
    for (const e of uncommitted) e.committed = true;
    if (met) this.advance();
  }

  private onDiagnostics(doc: DocId, errors: number): void {
    const entry = this.errored.get(doc);
    if (errors > 0) {
      if (entry === undefined && this.aiEdits.some((e) => e.doc === doc)) this.errored.set(doc, { hand: false, ai: false });
      return;
    }
    if (entry === undefined) return;
    this.errored.delete(doc);
    if (this.condition.when === 'errorFixedByHand' && entry.hand && !entry.ai) this.advance();
  }

  /** Some AI edit of this exercise (matching the condition) has been revised by hand by at least minShare. */
  private revised(c: Extract<Condition, { when: 'revisedAiEdit' }>, among: readonly AiEdit[]): boolean {
    const minShare = c.minShare ?? 0.1;
    return among.some((e) => {
      // Only edits the person touched by hand: a later AI edit over it is not a revision.
      if (!matchesAssistant(c.assistant, e.assistant) || e.chars === 0 || e.handChars === 0) return false;
      const s = this.spans.state(e.i);
      const changed = s === undefined || s.original === 0 ? 0 : 1 - s.retained / s.original;
      return Math.max(changed, e.handChars / e.chars) >= minShare;
    });
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

  /** A hand edit that replaces or deletes part of an AI edit, or inserts strictly inside it, revises it (typing on after its end does not). */
  private countHandEdits(o: DocChange): void {
    for (const e of this.aiByDoc.get(o.doc) ?? []) {
      for (const c of o.changes) {
        const inside = c.length > 0 ? c.offset < e.end && c.offset + c.length > e.start : c.offset > e.start && c.offset < e.end;
        if (inside) e.handChars += c.text.length + c.length;
      }
    }
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

  private advance(): void {
    this.step++;
    this.progress = 0;
    this.emit('step');
    if (this.completed) this.emit('completed');
  }

  private emit(event: ExerciseMetric['event']): void {
    this.sink.emit({ kind: 'exercise', at: this.toEpoch(this.nowT), pack: this.packId, exercise: this.exercise.id, habit: this.exercise.habit, event });
  }
}

function kindOfCommand(commandLine: string, fallback: RunKind): RunKind {
  const text = commandLine.toLowerCase();
  if (TEST_WORDS.test(text) || TEST_WORDS.test(programOf(commandLine))) return 'test';
  if (LINT_WORDS.test(text)) return 'lint';
  return fallback === 'other' ? 'build' : fallback;
}
