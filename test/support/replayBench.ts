// Entry point for scripts/bench/replay.mjs: the pieces of the core the benchmark times.
export { parseTrace } from '../../src/core/traceFormat';
export { replayTrace } from '../../src/core/attribution/replay';
export { applyChanges } from '../../src/core/attribution/classifier';
export { SpanTracker } from '../../src/core/fate/spanTracker';
export { EditClassifier } from '../../src/core/attribution/classifier';
export { FateTracker } from '../../src/core/fate/fateTracker';
export { ExerciseRun } from '../../src/core/exercises/exerciseRun';
export { replayCoach, UTC_TIME } from '../../src/core/coach/replay';
export { Session } from '../../src/core/session';
export { replaySession } from '../../src/core/replay';
export { Rope } from '../../src/core/text/rope';
