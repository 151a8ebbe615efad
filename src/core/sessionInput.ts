/**
 * What a Session is fed besides editor observations: the person's answers, the results of
 * work the adapters did for it (a commit read from git), settings, and exercises. Together
 * with the observations these are the session's whole input: the recorder writes every one
 * of them to a trace, in order, and replaying that trace through a new Session gives exactly
 * the outputs the extension had (attributions, fates, nudges, metric events, exercise steps).
 *
 * They are this project's additions to the edit trace format (shared/spec/trace-format.md):
 * other readers skip them as unknown types. Like observations they carry stream time `t`.
 */
import type { CoachSettings, CoachState } from './coach/policy';
import type { Exercise } from './exercises/packSchema';
import type { PersistedFate } from './fate/fateTracker';
import type { DocId, Observation } from './observation';

/** Settings the session's parts read. */
export interface SessionSettings {
  readonly coach: CoachSettings;
  /** Extra command-line AI agents, by program name (deliberate.attribution.aiCommands). */
  readonly aiCommands: readonly string[];
}

/** The first input of a session: its settings and the coach's remembered state (budgets, answers). */
export interface SessionStart {
  readonly t: number;
  readonly type: 'session.start';
  readonly settings: SessionSettings;
  readonly coachState: CoachState;
  /** The classifier used VS Code's own edit sources (the proposed API was on). */
  readonly exactSources?: boolean;
}

export interface SettingsChange {
  readonly t: number;
  readonly type: 'session.settings';
  readonly settings: SessionSettings;
}

/** A followed AI edit from before a reload, its document already resolved to this session's id. */
export type RestoredFate = Omit<PersistedFate, 'docKey'> & { readonly doc: DocId };

export interface FatesRestore {
  readonly t: number;
  readonly type: 'fates.restore';
  readonly items: readonly RestoredFate[];
}

export type NudgeAnswer = 'acted' | 'dismissed' | 'notUseful' | 'snoozed';

export interface NudgeAnswered {
  readonly t: number;
  readonly type: 'nudge.answer';
  readonly nudge: string;
  readonly action: NudgeAnswer;
}

/** "Mark reviewed": the AI edits of one nudge, of one document, or (doc null) of every document. */
export interface Reviewed {
  readonly t: number;
  readonly type: 'review';
  readonly nudge?: string;
  readonly doc?: DocId | null;
}

/** Files were staged for a commit (the git extension's index grew): the commit hint may come now. */
export interface Staged {
  readonly t: number;
  readonly type: 'git.staged';
  readonly docs: readonly DocId[];
}

/** What a commit made of the documents holding AI edits, read from git by the adapter. */
export interface CommitFiles {
  readonly t: number;
  readonly type: 'commit.files';
  readonly head: string;
  /** Per document: its text in the commit, or null when the commit did not change it. */
  readonly files: readonly { readonly doc: DocId; readonly committed: string | null }[];
}

export interface ExerciseStart {
  readonly t: number;
  readonly type: 'exercise.start';
  readonly pack: string;
  readonly exercise: Exercise;
  /** Carry on an exercise begun before a reload at this step. */
  readonly resumeAt?: number;
}

export interface ExerciseStop {
  readonly t: number;
  readonly type: 'exercise.stop';
}

/** The person skips the current step of the exercise in progress: recorded as skipped, not done. */
export interface ExerciseSkip {
  readonly t: number;
  readonly type: 'exercise.skip';
}

/** The person starts the exercise in progress again from its first step, with fresh evidence. */
export interface ExerciseRestart {
  readonly t: number;
  readonly type: 'exercise.restart';
}

/**
 * "That was me": the person says these changes (observation indices) were their own. They stop
 * counting as AI for the coach, the fate tracker and the exercise, and a `relabel` metric event
 * records the correction for the figures. Local only, like everything else.
 */
export interface LabelCorrection {
  readonly t: number;
  readonly type: 'label.correct';
  readonly edits: readonly number[];
}

/**
 * A file's text, read by the adapter because the session asked (`fileNeeded`), for a file no
 * editor has open: `before` as it was when an agent's hook announced a write (null: it does
 * not exist yet), `disk` as an AI agent just wrote it, `head` its text in git's HEAD (what it
 * was, when Deliberate never saw it). `text` is null when it could not be read (absent, not in
 * HEAD, git not allowed). Kept in memory only; a trace keeps it as it keeps document text.
 */
export interface FileContent {
  readonly t: number;
  readonly type: 'file.content';
  readonly path: string;
  readonly doc: DocId;
  readonly version: 'before' | 'disk' | 'head';
  readonly text: string | null;
}

/**
 * "Reset coach": every retired, snoozed or quieted nudge kind may show again. An input, so that
 * a replayed trace has the coach the person had.
 */
export interface CoachReset {
  readonly t: number;
  readonly type: 'coach.reset';
}

/**
 * A recording stopped at `t`: the last line of a trace the recorder wrote. Replaying up to it
 * processes the session's deadlines up to `t`, as the extension had when the recording stopped.
 */
export interface TraceEnd {
  readonly t: number;
  readonly type: 'trace.end';
}

export type ControlInput =
  | SessionStart
  | SettingsChange
  | FatesRestore
  | NudgeAnswered
  | Reviewed
  | Staged
  | CommitFiles
  | FileContent
  | ExerciseStart
  | ExerciseStop
  | ExerciseSkip
  | ExerciseRestart
  | LabelCorrection
  | CoachReset
  | TraceEnd;
export type ControlType = ControlInput['type'];

export const CONTROL_TYPES: readonly ControlType[] = [
  'session.start',
  'session.settings',
  'fates.restore',
  'nudge.answer',
  'review',
  'git.staged',
  'commit.files',
  'file.content',
  'exercise.start',
  'exercise.stop',
  'exercise.skip',
  'exercise.restart',
  'label.correct',
  'coach.reset',
  'trace.end',
];

export type SessionInput = Observation | ControlInput;

const CONTROL: ReadonlySet<string> = new Set(CONTROL_TYPES);

export function isControlInput(input: SessionInput): input is ControlInput {
  return CONTROL.has(input.type);
}
