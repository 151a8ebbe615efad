/**
 * Entry point the VS Code test runner calls inside the real extension host
 * (`extensionTestsPath`). Runs every *.test.js next to it with mocha and writes the result
 * file named in run-config.json (written by scripts/test.mjs) or DELIBERATE_RESULT_FILE.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ResultReporter = require('../support/resultReporter.cjs');

interface RunConfig {
  readonly resultFile?: string;
  readonly grep?: string;
  /** The restricted-mode pass: only `*.untrusted.test.js`; otherwise every other `*.test.js`. */
  readonly untrusted?: boolean;
}

function readConfig(): RunConfig {
  const file = path.join(__dirname, 'run-config.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunConfig) : {};
}

export async function run(): Promise<void> {
  const config = readConfig();
  const resultFile = config.resultFile ?? process.env.DELIBERATE_RESULT_FILE;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: ResultReporter, reporterOptions: { output: resultFile } });
  if (config.grep) mocha.grep(config.grep);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js') && f.endsWith('.untrusted.test.js') === (config.untrusted === true))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0 && resultFile === undefined) throw new Error(`${failures} integration tests failed`);
}
