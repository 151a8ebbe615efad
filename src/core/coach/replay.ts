/**
 * Runs the whole coach over a recorded trace, its clock taken from the trace: the one Session
 * the extension runs (classifier, fate tracker, signals, policy, ...). Pure: the CLI supplies
 * the local-time port.
 */
import type { MetricEvent } from '../metrics';
import { metricsOf, nudgesOf, replaySession } from '../replay';
import type { NudgeAnswer } from '../sessionInput';
import type { IndexedObservation } from '../traceFormat';
import type { Coach, Nudge } from './coach';
import type { CoachSettings, CoachState, LocalTime } from './policy';

export { UTC_TIME } from '../attribution/replay';

export interface CoachReplay {
  readonly coach: Coach;
  readonly nudges: readonly Nudge[];
  readonly metrics: readonly MetricEvent[];
  readonly state: CoachState;
  readonly endT: number;
}

export interface CoachReplayOptions {
  readonly startEpochMs: number;
  readonly local: LocalTime;
  /** Replaces the trace's coach settings (or the defaults). */
  readonly settings?: CoachSettings;
  readonly state?: CoachState;
  /** Every nudge is answered with this (as if the person clicked it) right after it is shown. */
  readonly respond?: (nudge: Nudge) => NudgeAnswer | undefined;
  /** An input the session could not apply. */
  readonly onProblem?: (i: number, message: string) => void;
}

export function replayCoach(observations: readonly IndexedObservation[], options: CoachReplayOptions): CoachReplay {
  const { session, outputs, endT } = replaySession(observations, {
    startEpochMs: options.startEpochMs,
    local: options.local,
    coachSettings: options.settings,
    coachState: options.state,
    respond: options.respond,
    onOutput: (o) => (o.kind === 'problem' ? options.onProblem?.(o.i, o.message) : undefined),
  });
  return { coach: session.coach, nudges: nudgesOf(outputs), metrics: metricsOf(outputs), state: session.coach.state, endT };
}

export interface CoachTargets {
  /** Nudges shown less than 2 s after a typing change (by the trace's labels when present, else the classifier's). */
  readonly nudgesAfterTyping: number;
  /** Local days with more budgeted nudges than the budget (the commit hint is outside it). */
  readonly daysOverBudget: number;
  /** AI bursts committed with no run in between. */
  readonly committedUnrunBursts: number;
  /** Of those, how many got the validation hint, and how many were silenced (quiet hours, retired, snoozed, dismissed, off). */
  readonly hinted: number;
  readonly silenced: number;
  readonly missed: number;
  readonly nudges: number;
}

/** Checks the coach's three targets on one replayed trace. */
export function checkTargets(observations: readonly IndexedObservation[], result: CoachReplay, local: LocalTime): CoachTargets {
  const typing: number[] = [];
  const labelled = observations.some(({ observation: o }) => o.type === 'doc.change' && o.label !== undefined);
  for (const { i, observation: o } of observations) {
    if (o.type !== 'doc.change') continue;
    const label = labelled ? o.label : result.coach.signals.labelOf(i);
    if (label === 'human.type' || label === 'human.delete') typing.push(o.t);
  }
  let nudgesAfterTyping = 0;
  for (const n of result.nudges) if (typing.some((t) => t <= n.t && n.t - t < 2_000)) nudgesAfterTyping++;
  const perDay = new Map<string, number>();
  for (const n of result.nudges) if (n.kind !== 'unrunAtCommit') perDay.set(local.day(n.at), (perDay.get(local.day(n.at)) ?? 0) + 1);
  const budget = result.coach.settings.dailyBudget;
  const daysOverBudget = [...perDay.values()].filter((v) => v > budget).length;
  let committedUnrunBursts = 0;
  let hinted = 0;
  let silenced = 0;
  for (const b of result.coach.signals.bursts) {
    const unrunCommitted = b.edits.filter((k) => {
      const e = result.coach.signals.edits.get(k)!;
      return e.committedAt !== null && (e.runAt === null || e.runAt > e.committedAt);
    });
    if (unrunCommitted.length === 0) continue;
    committedUnrunBursts++;
    const covers = (edits: readonly number[]) => unrunCommitted.some((k) => edits.includes(k));
    if (result.nudges.some((n) => n.kind === 'unrunAtCommit' && covers(n.edits))) hinted++;
    else if (result.coach.commitHintLog.some((l) => l.outcome !== 'shown' && l.outcome !== 'expired' && covers(l.edits))) silenced++;
  }
  return { nudgesAfterTyping, daysOverBudget, committedUnrunBursts, hinted, silenced, missed: committedUnrunBursts - hinted - silenced, nudges: result.nudges.length };
}
