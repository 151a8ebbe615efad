// Entry point for scripts/bench/replay.mjs: the pieces of the core the benchmark times.
export { parseTrace } from '../../src/core/traceFormat';
export { replayTrace } from '../../src/core/attribution/replay';
export { applyChanges } from '../../src/core/attribution/classifier';
export { SpanTracker } from '../../src/core/fate/spanTracker';
export { replayCoach, UTC_TIME } from '../../src/core/coach/replay';
