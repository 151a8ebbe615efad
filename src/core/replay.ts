/**
 * Replays a trace through the one Session: every `deliberate replay` mode, the benchmarks and
 * the tests go through here, so what they report is what the extension would have done with
 * the same inputs. Pure: the CLI reads files and supplies local time.
 */
import { DEFAULT_COACH_SETTINGS, emptyState, type CoachSettings, type CoachState, type LocalTime } from './coach/policy';
import type { Nudge } from './coach/coach';
import type { NudgeAnswer, SessionStart } from './sessionInput';
import { Session, type SessionOutput } from './session';
import type { IndexedObservation } from './traceFormat';

export interface SessionReplayOptions {
  /** Epoch ms of the trace's stream time 0 (the header's `recordedAt`, when it has one). */
  readonly startEpochMs: number;
  readonly local: LocalTime;
  /** Replaces the coach settings the trace's `session.start` names (or the defaults). */
  readonly coachSettings?: CoachSettings;
  /** Replaces the coach state the trace's `session.start` names (or an empty one). */
  readonly coachState?: CoachState;
  /** Use VS Code's edit sources when a change carries one; default: as the trace's `session.start` says. Never when scoring. */
  readonly exactSources?: boolean;
  /** Trust the trace's own labels instead of inferring (to check tracking apart from classifying). */
  readonly useLabels?: boolean;
  /** Every nudge is answered with this right after it is shown (as if the person clicked). */
  readonly respond?: (nudge: Nudge) => NudgeAnswer | undefined;
  /** Let nudges still due at the end have their last pause (default true). */
  readonly deliver?: boolean;
  /**
   * End the session after the last input (default true). False leaves it as the extension
   * had it when a recording stopped: every deadline up to the last input's time processed.
   */
  readonly endSession?: boolean;
  /** Called with every output as it comes (besides collecting them). */
  readonly onOutput?: (output: SessionOutput) => void;
}

export interface SessionReplay {
  readonly session: Session;
  readonly outputs: readonly SessionOutput[];
  readonly endT: number;
}

const DEFAULT_START: SessionStart = { t: 0, type: 'session.start', settings: { coach: DEFAULT_COACH_SETTINGS, aiCommands: [] }, coachState: emptyState() };

export function replaySession(inputs: readonly IndexedObservation[], options: SessionReplayOptions): SessionReplay {
  const first = inputs.find((x) => x.observation.type === 'session.start')?.observation as SessionStart | undefined;
  const base = first ?? DEFAULT_START;
  const start: SessionStart = {
    ...base,
    settings: { ...base.settings, coach: options.coachSettings ?? base.settings.coach },
    coachState: options.coachState ?? base.coachState,
  };
  const outputs: SessionOutput[] = [];
  const answers: { t: number; nudge: string; action: NudgeAnswer }[] = [];
  const session = new Session({
    startEpochMs: options.startEpochMs,
    local: options.local,
    start,
    exactSources: options.exactSources,
    trustLabels: options.useLabels,
    onOutput: (o) => {
      outputs.push(o);
      options.onOutput?.(o);
      if (o.kind === 'nudge' && options.respond !== undefined) {
        const action = options.respond(o.nudge);
        if (action !== undefined) answers.push({ t: o.nudge.t, nudge: o.nudge.id, action });
      }
    },
  });
  const answer = () => {
    // Answers are inputs of their own, fed once the input that showed the nudge is done; they
    // are not lines of the trace, so they take no index.
    while (answers.length > 0) {
      const a = answers.shift()!;
      session.input({ t: Math.max(a.t, session.now), type: 'nudge.answer', nudge: a.nudge, action: a.action }, -1);
    }
  };
  let endT = 0;
  for (const { i, observation } of inputs) {
    session.input(observation, i);
    answer();
    endT = observation.t;
  }
  if (options.endSession ?? true) {
    session.end(endT, options.deliver ?? true);
    answer();
  }
  return { session, outputs, endT };
}

/** The attributions of a replay, in order. */
export function attributionsOf(outputs: readonly SessionOutput[]) {
  return outputs.flatMap((o) => (o.kind === 'attribution' ? [o.attribution] : []));
}

/** The nudges of a replay, in order. */
export function nudgesOf(outputs: readonly SessionOutput[]): Nudge[] {
  return outputs.flatMap((o) => (o.kind === 'nudge' ? [o.nudge] : []));
}

/** The metric events of a replay, in order. */
export function metricsOf(outputs: readonly SessionOutput[]) {
  return outputs.flatMap((o) => (o.kind === 'metric' ? [o.event] : []));
}

/** Inputs the session could not apply: index and why. */
export function problemsOf(outputs: readonly SessionOutput[]) {
  return outputs.flatMap((o) => (o.kind === 'problem' ? [{ i: o.i, message: o.message }] : []));
}
