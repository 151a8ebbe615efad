// Builds every bundle with esbuild. Type-checking is a separate step (`npm run typecheck`).
//   node esbuild.config.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Test entry points: every *.test.ts under the folder, plus extra named files. */
function testEntries(dir, extra = []) {
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
  return [...files, ...extra];
}

// jsonc-parser's UMD `main` hides its requires from the bundler: prefer ES modules.
const common = { bundle: true, mainFields: ['module', 'main'], sourcemap: production ? false : 'linked', logLevel: 'info', legalComments: 'none' };

/** @type {esbuild.BuildOptions[]} */
const builds = [
  // Extension host: Node, CommonJS, `vscode` provided by the host.
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: production,
  },
  // Command line: `deliberate replay` and `deliberate checkpoint` (also the package's bin).
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    minify: production,
  },
  // Webview: browser, one self-contained script per view.
  {
    ...common,
    entryPoints: { activity: 'src/webview/activity.ts', history: 'src/webview/history.ts', exercise: 'src/webview/exercise.ts', page: 'src/webview/page.ts', progress: 'src/webview/progress.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: production,
  },
];

if (!production) {
  builds.push(
    // Unit tests: the pure core in plain Node.
    { ...common, entryPoints: testEntries('test/unit'), outdir: 'out/test/unit', outbase: 'test/unit', platform: 'node', format: 'cjs', target: 'node20', external: ['mocha', 'eslint', 'typescript-eslint', '@eslint/js'] },
    // A writer process the store's multi-process unit test spawns several of.
    { ...common, entryPoints: { storeWriter: 'test/support/storeWriter.ts' }, outdir: 'out/test/support', platform: 'node', format: 'cjs', target: 'node20' },
    // Integration tests: loaded by the test runner inside a real VS Code extension host.
    { ...common, entryPoints: testEntries('test/integration', ['test/integration/index.ts']), outdir: 'out/test/integration', outbase: 'test/integration', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'] },
    // Benchmarks: the core, bundled for scripts/bench.
    { ...common, entryPoints: { replayBench: 'test/support/replayBench.ts', historyBench: 'test/support/historyBench.ts', progressBench: 'test/support/progressBench.ts' }, outdir: 'out/bench', platform: 'node', format: 'cjs', target: 'node20' },
    // UI tests: Node driving Chromium with playwright-core.
    { ...common, entryPoints: testEntries('test/ui'), outdir: 'out/test/ui', outbase: 'test/ui', platform: 'node', format: 'cjs', target: 'node20', external: ['playwright-core', 'mocha'] },
  );
}

/** The webviews' style sheets, minified in a production build (the package carries no comments). */
function copyStatic() {
  mkdirSync('dist/webview', { recursive: true });
  for (const sheet of ['activity', 'exercise', 'history', 'page', 'progress']) {
    const from = `src/webview/${sheet}.css`;
    const to = `dist/webview/${sheet}.css`;
    if (production) writeFileSync(to, esbuild.transformSync(readFileSync(from, 'utf8'), { loader: 'css', minify: true, legalComments: 'none' }).code);
    else cpSync(from, to);
  }
}

// A production build starts from an empty dist/: a development build before it leaves source
// maps there (and bundles of views that may no longer exist), which the package must not carry.
if (production) rmSync('dist', { recursive: true, force: true });
// Test bundles start from empty folders too: a bundle of a test file since deleted would run again.
else for (const dir of ['out/test', 'out/bench']) rmSync(dir, { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  copyStatic();
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  copyStatic();
}
