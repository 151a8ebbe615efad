// Entry point for scripts/bench/progress.mjs and scripts/seed-progress.mjs: the store, rollups and
// progress model, bundled for plain Node.
export { FileStore, systemCalendar } from '../../src/adapters/fileStore';
export { fixedOffsetCalendar } from '../../src/core/store/days';
export { RollupIndex, rangeSpan } from '../../src/core/store/queries';
export { rollUp } from '../../src/core/store/rollup';
export { encodeRecord } from '../../src/core/store/records';
export { generateHeavyDay, generateHistory, seededRandom } from '../../src/core/store/sampleHistory';
export { buildProgress } from '../../src/core/progress/progressModel';
export { hostToWebviewSchema } from '../../src/shared/progressMessages';
