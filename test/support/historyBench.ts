/** What scripts/bench/history.mjs needs, bundled by esbuild into out/bench/historyBench.js. */
export { generateHistory } from './historyRepo';
export { reviewRepositoryHistory } from '../../src/adapters/historyGit';
export { PERSON_RAN_IT } from '../../src/adapters/git';
