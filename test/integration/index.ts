/**
 * Entry point the VS Code test runner calls inside the real extension host
 * (`extensionTestsPath`). Runs every *.test.js next to it with mocha and writes the result
 * file named in run-config.json (written by scripts/test.mjs) or DELIBERATE_RESULT_FILE.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import type { DeliberateApi } from '../../src/extension';
import type { Attribution } from '../../src/core/attribution/classifier';
import type { DocChange, Observation } from '../../src/core/observation';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ResultReporter = require('../support/resultReporter.cjs');

interface RunConfig {
  readonly resultFile?: string;
  readonly grep?: string;
  /** The restricted-mode pass: only `*.untrusted.test.js`; otherwise every other `*.test.js`. */
  readonly untrusted?: boolean;
  /** `exact`: the VSIX declares the proposed edit-source API; `inferred`: the Marketplace VSIX, which does not. */
  readonly pass?: 'exact' | 'inferred';
  /** Where a failed test's observations and attributions are written, one JSON line each. */
  readonly traceDir?: string;
}

function readConfig(): RunConfig {
  const file = path.join(__dirname, 'run-config.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RunConfig) : {};
}

/**
 * Root hooks that keep a pass honest about VS Code's edit sources, for every test in it: in
 * the inferred pass no observed change may carry a `source` (else the pass would silently be
 * exact), in the exact pass some must (else it would silently be inferred). When `traceDir`
 * is set, a failed test leaves what Deliberate observed and attributed during it in
 * `<traceDir>/<test title>.jsonl`: `{"o": observation}` and `{"a": attribution}` lines in
 * arrival order (an attribution's `i` counts from activation, so match it by `t` and `doc`).
 */
function rootHooks(pass: 'exact' | 'inferred' | undefined, traceDir: string | undefined): Mocha.RootHookObject {
  const changes: DocChange[] = [];
  let lines: string[] = [];
  const subscriptions: vscode.Disposable[] = [];
  return {
    async beforeAll() {
      const extension = vscode.extensions.getExtension<DeliberateApi>('deliberate.deliberate');
      if (extension === undefined) throw new Error('deliberate.deliberate is not installed in this VS Code');
      const declared = (extension.packageJSON as { enabledApiProposals?: string[] }).enabledApiProposals ?? [];
      if (pass === 'inferred' && declared.length > 0) throw new Error(`the inferred pass needs the Marketplace VSIX, but this one declares ${declared.join(', ')}`);
      if (pass === 'exact' && !declared.includes('textDocumentChangeReason')) throw new Error('the exact pass needs the exact-sources VSIX, but this one declares no textDocumentChangeReason');
      const api = await extension.activate();
      subscriptions.push(
        api.onDidObserve((o: Observation) => {
          if (o.type === 'doc.change') changes.push(o);
          lines.push(JSON.stringify({ o }));
        }),
        api.onDidAttribute((a: Attribution) => lines.push(JSON.stringify({ a }))),
      );
    },
    beforeEach() {
      lines = [];
    },
    afterEach(this: Mocha.Context) {
      const test = this.currentTest;
      if (traceDir === undefined || test?.state !== 'failed') return;
      mkdirSync(traceDir, { recursive: true });
      writeFileSync(path.join(traceDir, `${test.fullTitle().replace(/[^\w.-]+/g, '-').slice(0, 120)}.jsonl`), `${lines.join('\n')}\n`);
    },
    afterAll() {
      subscriptions.splice(0).forEach((d) => d.dispose());
      const withSource = changes.filter((c) => c.source !== undefined);
      if (pass === 'inferred' && withSource.length > 0) {
        throw new Error(`the proposed API was available in the inferred pass: ${withSource.length} of ${changes.length} observed changes carry a source (first: ${withSource[0]!.source})`);
      }
      if (pass === 'exact' && changes.length > 0 && withSource.length === 0) {
        throw new Error(`the proposed API was unavailable in the exact pass: none of ${changes.length} observed changes carries a source`);
      }
    },
  };
}

export async function run(): Promise<void> {
  const config = readConfig();
  const resultFile = config.resultFile ?? process.env.DELIBERATE_RESULT_FILE;
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: false,
    reporter: ResultReporter,
    reporterOptions: { output: resultFile },
    rootHooks: rootHooks(config.pass, config.traceDir),
  });
  if (config.grep) mocha.grep(config.grep);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js') && f.endsWith('.untrusted.test.js') === (config.untrusted === true))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0 && resultFile === undefined) throw new Error(`${failures} integration tests failed`);
}
