/**
 * Runs the whole coach over a recorded trace, its clock taken from the trace: the same
 * classifier, signals and policy as the extension. Pure: the CLI supplies the local-time port.
 */
import { EditClassifier } from '../attribution/classifier';
import type { MetricEvent } from '../metrics';
import type { IndexedObservation } from '../traceFormat';
import { Coach, type Nudge } from './coach';
import { DEFAULT_COACH_SETTINGS, memoryStore, type CoachSettings, type CoachState, type LocalTime } from './policy';

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
  readonly settings?: CoachSettings;
  readonly state?: CoachState;
  /** Every nudge is answered with this (as if the person clicked it) right after it is shown. */
  readonly respond?: (nudge: Nudge) => 'acted' | 'dismissed' | 'notUseful' | 'snoozed' | undefined;
}

export function replayCoach(observations: readonly IndexedObservation[], options: CoachReplayOptions): CoachReplay {
  const store = memoryStore(options.state);
  const metrics: MetricEvent[] = [];
  const nudges: Nudge[] = [];
  const coach: Coach = new Coach({
    settings: options.settings ?? DEFAULT_COACH_SETTINGS,
    store,
    local: options.local,
    startEpochMs: options.startEpochMs,
    sink: { emit: (e) => metrics.push(e) },
    onNudge: (n) => {
      nudges.push(n);
      const answer = options.respond?.(n);
      if (answer !== undefined) coach.respond(n.id, answer, n.t);
    },
  });
  const classifier = new EditClassifier((a) => coach.attribute(a));
  let endT = 0;
  for (const { i, observation } of observations) {
    classifier.advance(observation.t);
    coach.observe(i, observation);
    classifier.observe(i, observation);
    endT = observation.t;
  }
  classifier.flush();
  // The stream ends: one last pause after the final observation.
  coach.flush(endT + 60_000);
  return { coach, nudges, metrics, state: store.state, endT };
}

/** Local time in UTC, for tests and traces without a time zone. */
export const UTC_TIME: LocalTime = {
  day: (ms) => {
    const d = Math.floor(ms / 86_400_000);
    return `d${d}`;
  },
  minutesOfDay: (ms) => Math.floor((((ms % 86_400_000) + 86_400_000) % 86_400_000) / 60_000),
};

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
