// The one test command: npm test
// Builds, type-checks and lints, then runs four layers:
//   unit                  mocha on the pure core in plain Node
//   integration           mocha inside a real VS Code extension host (code-server), with the
//                         exact-sources VSIX installed (VS Code names each edit's source)
//   integration-inferred  the same suites with the Marketplace VSIX installed: the proposed
//                         API is unavailable and Deliberate infers, as for Marketplace users
//   ui                    playwright-core + Debian's Chromium driving the workbench
// and ends with one summary line per layer: "<layer>: N passed, N failed".
// Options: --layer unit|integration|integration-inferred|ui (repeatable), --grep PATTERN
// (integration and ui).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVsix } from './package.mjs';
import { runInferredIntegrationLayer, runIntegrationLayer, runUiLayer } from './lib/layers.mjs';
import { run, stopAll } from './lib/processes.mjs';
import { engineMinimum, ensureTools, ensureToolsFor } from './lib/tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(root, 'artifacts');
const ALL = ['unit', 'integration', 'integration-inferred', 'ui'];

const argv = process.argv.slice(2);
const requested = argv.flatMap((a, i) => (a === '--layer' ? [argv[i + 1]] : []));
const grep = argv.flatMap((a, i) => (a === '--grep' ? [argv[i + 1]] : []))[0];
const layers = requested.length > 0 ? requested : ALL;
for (const l of layers) {
  if (!ALL.includes(l)) {
    console.error(`unknown layer "${l}"; choose from ${ALL.join(', ')}`);
    process.exit(2);
  }
}

/** layer -> { passed, failed, problem? } */
const results = new Map();
const heading = (text) => console.log(`\n=== ${text} ===`);

function fail(layer, problem) {
  const previous = results.get(layer) ?? { passed: 0, failed: 0 };
  results.set(layer, { passed: previous.passed, failed: Math.max(previous.failed, 1), problem });
}

function record(layer, result) {
  const entry = { passed: result.passed, failed: result.failed };
  if (result.passed + result.failed === 0) entry.problem = 'no test ran';
  else if (result.pending > 0) entry.problem = `${result.pending} tests are marked pending; a skipped test is not a pass`;
  results.set(layer, entry);
  for (const t of result.tests.filter((x) => x.state === 'failed')) {
    console.log(`\n  FAILED (${layer}) ${t.title}\n    ${String(t.error).split('\n').join('\n    ')}`);
  }
}

async function npmScript(script) {
  const result = await run(process.execPath, [path.join(root, 'node_modules', '.bin', script === 'lint' ? 'eslint' : 'tsc'), ...(script === 'lint' ? ['.'] : ['--noEmit', '-p', '.'])], { cwd: root, echo: true, timeoutMs: 5 * 60_000 });
  if (result.code !== 0) throw new Error(`${script} failed`);
}

async function main() {
  rmSync(path.join(artifacts, 'results'), { recursive: true, force: true });
  mkdirSync(path.join(artifacts, 'results'), { recursive: true });
  if (!existsSync(path.join(root, 'node_modules', '.bin', 'esbuild'))) {
    for (const l of layers) fail(l, 'dependencies are not installed: run `npm ci` first');
    return;
  }

  heading('build: esbuild, tsc --noEmit, eslint');
  // Bundles of test files deleted or renamed since the last build would still run: start clean.
  rmSync(path.join(root, 'out', 'test'), { recursive: true, force: true });
  try {
    const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root, echo: true, timeoutMs: 5 * 60_000 });
    if (build.code !== 0) throw new Error('esbuild failed');
    await npmScript('typecheck');
    await npmScript('lint');
  } catch (error) {
    for (const l of layers) fail(l, `build step failed: ${error.message}`);
    return;
  }

  if (layers.includes('unit')) {
    heading('unit: mocha in plain Node');
    const resultFile = path.join(artifacts, 'results', 'unit.json');
    const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const r = await run(process.execPath, [mocha, '--reporter', path.join(root, 'test', 'support', 'resultReporter.cjs'), path.join(root, 'out', 'test', 'unit', '**', '*.test.js')], {
      cwd: root,
      echo: true,
      timeoutMs: 10 * 60_000,
      env: { ...process.env, DELIBERATE_RESULT_FILE: resultFile },
    }).catch((error) => ({ code: 1, output: String(error) }));
    if (existsSync(resultFile)) record('unit', (await import(`file://${resultFile}?t=${Date.now()}`, { with: { type: 'json' } })).default);
    else fail('unit', `mocha wrote no result (exit ${r.code})`);
  }

  const needVsCode = layers.filter((l) => l !== 'unit');
  if (needVsCode.length === 0) return;

  let tools;
  let vsix;
  try {
    heading('tools: Node 24, code-server, Chromium (cached after the first run)');
    tools = await ensureTools();
    console.log(`code-server ${tools.codeServer.version} at ${tools.codeServer.dir}\nChromium at ${tools.chromiumPath}`);
    heading('package: the Marketplace VSIX and the exact-sources VSIX');
    vsix = await packageVsix({ quiet: true });
    console.log(`${path.relative(root, vsix.path)} (${(vsix.size / 1024).toFixed(0)} KB), ${path.relative(root, vsix.exact.path)} (${(vsix.exact.size / 1024).toFixed(0)} KB)`);
  } catch (error) {
    for (const l of needVsCode) fail(l, `could not prepare VS Code: ${error.message}`);
    return;
  }

  const printTests = (result) => {
    for (const t of result.tests) console.log(`  ${t.state === 'passed' ? '✔' : t.state === 'failed' ? '✘' : '-'} ${t.title} (${t.durationMs} ms)`);
  };
  if (layers.includes('integration')) {
    heading('integration: mocha inside a real VS Code extension host (code-server), exact-sources VSIX installed');
    try {
      const latest = await runIntegrationLayer({ root, tools, exactVsix: vsix.exact.path, artifacts, grep });
      printTests(latest);
      // The same suites on the oldest VS Code package.json's engines.vscode allows, when that is older.
      const { engines } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
      const oldest = engineMinimum(engines.vscode);
      if (oldest === undefined) record('integration', latest);
      else {
        heading(`integration on VS Code ${oldest.vscode} (code-server ${oldest.codeServer}), the engines.vscode minimum`);
        const older = await runIntegrationLayer({ root, tools: await ensureToolsFor(oldest), exactVsix: vsix.exact.path, artifacts, grep, suffix: `-vscode-${oldest.vscode}` });
        for (const t of older.tests) console.log(`  ${t.state === 'passed' ? '✔' : t.state === 'failed' ? '✘' : '-'} [${oldest.vscode}] ${t.title} (${t.durationMs} ms)`);
        record('integration', {
          passed: latest.passed + older.passed,
          failed: latest.failed + older.failed,
          pending: latest.pending + older.pending,
          tests: [...latest.tests, ...older.tests.map((t) => ({ ...t, title: `[VS Code ${oldest.vscode}] ${t.title}` }))],
        });
      }
    } catch (error) {
      fail('integration', error.message);
    }
  }

  if (layers.includes('integration-inferred')) {
    heading('integration-inferred: the same suites, Marketplace VSIX installed (no proposed API: edit sources inferred)');
    try {
      const result = await runInferredIntegrationLayer({ root, tools, vsix: vsix.path, artifacts, grep });
      printTests(result);
      record('integration-inferred', result);
    } catch (error) {
      fail('integration-inferred', error.message);
    }
  }

  if (layers.includes('ui')) {
    heading('ui: Chromium driving the workbench with the keyboard and mouse');
    try {
      record('ui', await runUiLayer({ root, tools, vsix: vsix.exact.path, artifacts, grep }));
      console.log(`screenshots in ${path.relative(root, path.join(artifacts, 'ui'))}/`);
    } catch (error) {
      fail('ui', error.message);
    }
  }
}

let crashed;
try {
  await main();
} catch (error) {
  crashed = error;
} finally {
  await stopAll();
}
if (crashed) console.error(`\nthe test harness itself failed: ${crashed.stack ?? crashed}`);

console.log('');
for (const [layer, r] of results) if (r.problem) console.log(`${layer} layer problem: ${r.problem}`);
for (const layer of layers) {
  const r = results.get(layer) ?? { passed: 0, failed: 1 };
  console.log(`${layer}: ${r.passed} passed, ${r.failed} failed`);
}
const ok = !crashed && layers.every((l) => {
  const r = results.get(l);
  return r && r.failed === 0 && !r.problem && r.passed > 0;
});
process.exit(ok ? 0 : 1);
