/**
 * Metric events: the contract between what Deliberate derives from the observation stream
 * (attribution, fate, habit signals, the coach, exercises) and what it keeps (the local
 * store, its daily rollups, the progress view).
 *
 * Invariants:
 * - No code, no paths, no document ids: only counts, labels and kinds. This is what makes
 *   the store "metrics about edits, not code".
 * - `at` is epoch milliseconds (observation `t` is relative to a session; the adapter that
 *   derives these adds the session's start).
 * - Each event is emitted once; events are facts, never updated in place. A later event may
 *   supersede an earlier view (a `fate` is emitted when the edit's fate is final).
 * - Adding a kind or an optional field is backwards compatible; anything else bumps
 *   METRIC_SCHEMA_VERSION and the store migrates older records.
 */

export const METRIC_SCHEMA_VERSION = 1;

/** The kind of assistant that wrote AI code, from the attribution labels ai.inline / ai.chat / ai.agent. */
export type AssistantKind = 'inline' | 'chat' | 'agent';

/** `lost`: the edit could not be found again after its file was closed, renamed or reloaded. */
export type FateOutcome = 'undone' | 'deleted' | 'revised' | 'kept' | 'lost';

export type RunKind = 'test' | 'build' | 'lint' | 'typecheck' | 'run' | 'debug';

/** The four habits of ../shared/notes/coaching-evidence.md. */
export type Habit = 'iterate' | 'validate' | 'decompose' | 'learn';

export type NudgeAction = 'shown' | 'acted' | 'dismissed' | 'notUseful' | 'snoozed';

/** Characters written in one minute of work, by source. Emitted at most once a minute while edits happen. */
export interface EditsMetric {
  readonly kind: 'edits';
  readonly at: number;
  readonly human: number;
  readonly ai: Readonly<Record<AssistantKind, number>>;
  /** Formatters, refactorings, completions of the language service, version control. */
  readonly tool: number;
  /**
   * Characters the classifier took for AI without being sure (below SURE_AI_CONFIDENCE):
   * neither the person's nor counted as AI; shown as "possibly AI". Absent in older records.
   */
  readonly possiblyAi?: number;
}

/** One AI edit whose attribution settled. */
export interface AiEditMetric {
  readonly kind: 'aiEdit';
  readonly at: number;
  readonly assistant: AssistantKind;
  readonly chars: number;
  readonly lines: number;
}

/** The final fate of one AI edit: emitted once, at its commit or when its last retention window (15 min) closed. */
export interface FateMetric {
  readonly kind: 'fate';
  readonly at: number;
  /** When the AI edit itself happened. */
  readonly editAt: number;
  readonly assistant: AssistantKind;
  readonly chars: number;
  readonly retained: number;
  readonly outcome: FateOutcome;
  /** Share of the original characters changed or removed by the person (0 to 1). */
  readonly revisedShare: number;
  /** Whether the edit was in a commit; null when no commit happened before the fate was final. */
  readonly committed: boolean | null;
  /** Whether a test, build, lint or run covered the edit before its commit; null without a commit. */
  readonly ranBeforeCommit: boolean | null;
}

/** A burst of AI edits with no human look in between (ended by a pause, a save, a run or the person's own edit). */
export interface BurstMetric {
  readonly kind: 'burst';
  readonly at: number;
  readonly assistant: AssistantKind;
  readonly chars: number;
  readonly lines: number;
  readonly files: number;
}

/** A test, build, lint, type-check, run or debug session. */
export interface RunMetric {
  readonly kind: 'run';
  readonly at: number;
  readonly run: RunKind;
  /** Exit status when known. */
  readonly ok: boolean | null;
  /** AI edits this run was the first to cover. */
  readonly coveredAiEdits: number;
}

/** A commit landed. */
export interface CommitMetric {
  readonly kind: 'commit';
  readonly at: number;
  /** The commit's hash: Deliberate's own record that this commit held AI code (read by the history review). */
  readonly head?: string;
  readonly aiEdits: number;
  /** Of those, how many had been run or tested since they were inserted. */
  readonly aiEditsRun: number;
  readonly aiChars: number;
}

/** A habit signal the coach derived (an iteration after an undo, an error fixed by hand, ...). */
export interface HabitSignalMetric {
  readonly kind: 'habit';
  readonly at: number;
  readonly habit: Habit;
  /** Short stable id of the signal, e.g. "retryAfterUndo", "errorFixedByHand", "errorFixedByAi". */
  readonly signal: string;
  /** +1 toward the habit, -1 away from it, 0 neutral. */
  readonly direction: -1 | 0 | 1;
}

export interface NudgeMetric {
  readonly kind: 'nudge';
  readonly at: number;
  /** Nudge kind id from the coach's catalogue. */
  readonly nudge: string;
  readonly action: NudgeAction;
}

export interface ExerciseMetric {
  readonly kind: 'exercise';
  readonly at: number;
  readonly pack: string;
  readonly exercise: string;
  readonly habit: Habit;
  /** Started (or restarted), a step completed, a step the person skipped (not done), or the whole exercise. */
  readonly event: 'started' | 'step' | 'skipped' | 'completed';
}

/**
 * "That was me": the person said an edit Deliberate had counted as AI was their own. Emitted
 * once per corrected edit, so figures already recorded (its characters, its `aiEdit`, its
 * `fate` when that was final) can be taken back where they are summed. Recorded on this
 * machine only, like every metric event.
 */
export interface RelabelMetric {
  readonly kind: 'relabel';
  readonly at: number;
  /** What it had been counted as. */
  readonly assistant: AssistantKind;
  readonly chars: number;
  readonly lines: number;
  /** The fate already recorded for it, or null when none was final yet (then none will be). */
  readonly fate: { readonly outcome: FateOutcome; readonly committed: boolean | null; readonly ranBeforeCommit: boolean | null } | null;
}

export type MetricEvent =
  | EditsMetric
  | AiEditMetric
  | FateMetric
  | BurstMetric
  | RunMetric
  | CommitMetric
  | HabitSignalMetric
  | NudgeMetric
  | ExerciseMetric
  | RelabelMetric;

export type MetricKind = MetricEvent['kind'];

/** Where metric events go: the store in the extension, an array in tests, stdout in the CLI. */
export interface MetricSink {
  emit(event: MetricEvent): void;
}
