// Entry point for scripts/bench/*.mjs: the pieces of the core the benchmarks time.
export { parseTrace } from '../../src/core/traceFormat';
export { replayTrace, UTC_TIME } from '../../src/core/attribution/replay';
export { applyChanges } from '../../src/core/attribution/classifier';
export { SpanTracker } from '../../src/core/fate/spanTracker';
export { Session } from '../../src/core/session';
export { replaySession } from '../../src/core/replay';
export { Rope } from '../../src/core/text/rope';
