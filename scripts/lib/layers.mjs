// The integration and ui layers: each starts a real VS Code (code-server) with the
// packaged VSIX installed, runs its mocha suites, and ends every process it started.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installExtension, launchChromium, startCodeServer, withDeclaredProposalsOnly } from './codeServer.mjs';
import { packageDemoExtension } from './demoExtension.mjs';
import { run } from './processes.mjs';
import { makeWorkspace } from './workspace.mjs';

const INTEGRATION_TIMEOUT_MS = 6 * 60_000;

function readResult(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

async function withCodeServer({ tools, vsix, name, logsDir, extraArgs, untrusted = false, prepare, alsoInstall = [] }, body) {
  const home = mkdtempSync(path.join(os.tmpdir(), `deliberate-${name}-`));
  const workspace = await makeWorkspace(path.join(home, 'workspace'));
  if (prepare !== undefined) prepare(workspace);
  const logFile = path.join(logsDir, `code-server-${name}.log`);
  mkdirSync(logsDir, { recursive: true });
  writeFileSync(logFile, '');
  const dirs = await installExtension(tools, home, vsix);
  for (const other of alsoInstall) await installExtension(tools, home, other);
  // Agent checkpoints go to a spool of this run's own, not the person's.
  process.env.DELIBERATE_SPOOL = path.join(home, 'spool');
  // Progress metrics go to a store of this run's own (the ui test seeds it with a year of history).
  process.env.DELIBERATE_STORE = path.join(home, 'store');
  const server = await startCodeServer(tools, { home, workspace, logFile, extraArgs, trustWorkspace: !untrusted });
  try {
    return await body({ server, workspace, home, dirs, logFile });
  } finally {
    await server.stop();
    // Keep VS Code's own logs of the run (the extension host's, Deliberate's output channel) for diagnosis.
    const vscodeLogs = path.join(home, 'user-data', 'logs');
    if (existsSync(vscodeLogs)) cpSync(vscodeLogs, path.join(logsDir, `vscode-${name}`), { recursive: true });
    rmSync(home, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * Runs test/integration inside the real extension host of code-server; returns mocha's counts.
 * Two passes with the exact-sources VSIX (`exactVsix`, which declares the proposed
 * `textDocumentChangeReason` API; code-server grants every proposal an extension declares):
 * every `*.test.js` in a trusted workspace, then the `*.untrusted.test.js` files in a workspace
 * opened in restricted mode (workspace trust on, never granted), which holds a team profile
 * (`.vscode/deliberate.json`) from the start.
 */
export async function runIntegrationLayer({ root, tools, exactVsix, artifacts, grep, suffix = '' }) {
  const trusted = await runIntegrationPass({ root, tools, vsix: exactVsix, artifacts, grep, name: `integration${suffix}`, untrusted: false, pass: 'exact' });
  const outDir = path.join(root, 'out', 'test', 'integration');
  if (!readdirSync(outDir).some((f) => f.endsWith('.untrusted.test.js'))) return trusted;
  const restricted = await runIntegrationPass({
    root, tools, vsix: exactVsix, artifacts, grep, name: `integration-untrusted${suffix}`, untrusted: true, pass: 'exact',
    prepare: (workspace) => {
      mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
      writeFileSync(path.join(workspace, '.vscode', 'deliberate.json'), UNTRUSTED_PROFILE);
    },
  });
  return { passed: trusted.passed + restricted.passed, failed: trusted.failed + restricted.failed, pending: trusted.pending + restricted.pending, tests: [...trusted.tests, ...restricted.tests] };
}

/**
 * The same trusted suites with the Marketplace VSIX (`vsix`), whose manifest declares no
 * proposed API, in a code-server that grants only declared proposals (as stable VS Code
 * does; see withDeclaredProposalsOnly): `TextDocumentChangeEvent.detailedReason` is then
 * really unavailable in the extension host (VS Code hands `onDidChangeTextDocument` listeners
 * the reason-less event), which is what every Marketplace user of stable VS Code gets.
 * index.js checks inside the extension host that no observed change carries a source.
 */
export async function runInferredIntegrationLayer({ root, tools, vsix, artifacts, grep }) {
  const gated = await withDeclaredProposalsOnly(tools);
  return runIntegrationPass({ root, tools: gated, vsix, artifacts, grep, name: 'integration-inferred', untrusted: false, pass: 'inferred' });
}

/** The team profile the restricted-mode workspace opens with: one valid recommendation, one error. */
export const UNTRUSTED_PROFILE = '{\n  "coach": {\n    "preset": "learner",\n    "dailyBudget": -1\n  }\n}\n';

async function runIntegrationPass({ root, tools, vsix, artifacts, grep, name, untrusted, pass, prepare }) {
  const outDir = path.join(root, 'out', 'test', 'integration');
  const resultFile = path.join(artifacts, 'results', `${name}.json`);
  rmSync(resultFile, { force: true });
  rmSync(path.join(artifacts, 'logs', `${name}-failed-tests`), { recursive: true, force: true });
  rmSync(path.join(artifacts, 'logs', `${name}-measurements.jsonl`), { force: true });
  return withCodeServer({ tools, vsix, name, logsDir: path.join(artifacts, 'logs'), untrusted, prepare }, async ({ server, dirs, logFile, home }) => {
    // Tests ask for real key presses by writing <keysDir>/<n>.json ({ keys: [...] }); the
    // harness presses them in the workbench with Playwright and answers <n>.done.
    const keysDir = path.join(home, 'keys');
    mkdirSync(keysDir, { recursive: true });
    writeFileSync(path.join(outDir, 'run-config.json'), JSON.stringify({ resultFile, extensionsDir: dirs.extensions, gitWorkspace: true, untrusted, pass, traceDir: path.join(artifacts, 'logs', `${name}-failed-tests`), measurementsFile: path.join(artifacts, 'logs', `${name}-measurements.jsonl`), keysDir, ...(grep ? { grep } : {}) }, null, 2));
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(path.join(root, 'test', 'integration', 'host'))],
      // A stand-in AI chat (@standin) that answers with scripted edits through VS Code's chat editing session.
      ['extensionDevelopmentPath', remote(path.join(root, 'test', 'corpus', 'chat-participant'))],
      ['extensionTestsPath', remote(path.join(outDir, 'index.js'))],
    ];
    const browser = await launchChromium(tools.chromiumPath);
    const consoleLines = [];
    try {
      const page = await browser.newPage();
      page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
      await page.goto(server.workbenchUrl({ payload: JSON.stringify(payload) }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
      const deadline = Date.now() + INTEGRATION_TIMEOUT_MS;
      while (!existsSync(resultFile)) {
        if (Date.now() > deadline) {
          writeFileSync(path.join(artifacts, 'logs', `${name}-browser-console.log`), consoleLines.join('\n'));
          throw new Error(`the extension host wrote no result within ${INTEGRATION_TIMEOUT_MS / 1000} s; see ${logFile} and artifacts/logs/${name}-browser-console.log`);
        }
        await pressRequestedKeys(page, keysDir);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await browser.close().catch(() => undefined);
    }
    return readResult(resultFile);
  });
}

/** Presses the keys of every pending request in `keysDir` (see runIntegrationPass) on the real keyboard. */
async function pressRequestedKeys(page, keysDir) {
  for (const file of readdirSync(keysDir).filter((f) => f.endsWith('.json')).sort()) {
    const request = path.join(keysDir, file);
    const done = request.replace(/\.json$/, '.done');
    let answer = 'ok';
    try {
      const { keys, waitFor } = JSON.parse(readFileSync(request, 'utf8'));
      // A person presses a key once they see what it acts on (the ghost text of a suggestion, say).
      if (typeof waitFor === 'string') await page.locator(waitFor).first().waitFor({ state: 'visible', timeout: 15_000 });
      for (const key of keys) await page.keyboard.press(key);
    } catch (error) {
      answer = `error: ${error instanceof Error ? error.message : error}`;
    }
    rmSync(request, { force: true });
    // Written whole, then renamed: the test polls for the file and must never read it half written.
    writeFileSync(`${done}.tmp`, answer);
    renameSync(`${done}.tmp`, done);
  }
}

/**
 * Runs test/ui (playwright-core driving Chromium) against a workbench with the VSIX installed.
 * Each test file gets its own code-server, user data, workspace and store: what one file's
 * scenario leaves behind (a nudge's cooldown, an open panel, AI code) cannot change another's.
 */
export async function runUiLayer({ root, tools, vsix, artifacts, grep }) {
  const uiDir = path.join(root, 'out', 'test', 'ui');
  const files = readdirSync(uiDir).filter((f) => f.endsWith('.test.js')).sort();
  const total = { passed: 0, failed: 0, pending: 0, tests: [] };
  for (const file of files) {
    const name = `ui-${file.replace(/\.test\.js$/, '')}`;
    const resultFile = path.join(artifacts, 'results', `${name}.json`);
    rmSync(resultFile, { force: true });
    // The try-it journey runs with the try-it's stand-in AI installed, as `npm start` has it.
    const alsoInstall = file.startsWith('tryIt') ? [await packageDemoExtension()] : [];
    const result = await withCodeServer({ tools, vsix, name, logsDir: path.join(artifacts, 'logs'), alsoInstall }, async ({ server, workspace }) => {
      const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
      const run_ = await run(process.execPath, [mocha, '--reporter', path.join(root, 'test', 'support', 'resultReporter.cjs'), '--timeout', '120000', ...(grep ? ['--grep', grep] : []), path.join(uiDir, file)], {
        cwd: root,
        echo: true,
        timeoutMs: 10 * 60_000,
        env: {
          ...process.env,
          DELIBERATE_RESULT_FILE: resultFile,
          DELIBERATE_UI_URL: server.workbenchUrl(),
          DELIBERATE_CHROMIUM: tools.chromiumPath,
          DELIBERATE_ARTIFACTS: path.join(artifacts, 'ui'),
          DELIBERATE_WORKSPACE: workspace,
        },
      });
      if (!existsSync(resultFile)) throw new Error(`the ui suite ${file} wrote no result (mocha exit ${run_.code})`);
      return readResult(resultFile);
    });
    total.passed += result.passed;
    total.failed += result.failed;
    total.pending += result.pending;
    total.tests.push(...result.tests);
  }
  return total;
}
