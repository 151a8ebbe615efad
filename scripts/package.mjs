// npm run package: builds the production bundles and packs the VSIX with @vscode/vsce.
// Prints the VSIX path; fails if it is over the 350 KB budget.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_BYTES = 350 * 1024;

export async function packageVsix({ quiet = false } = {}) {
  const { version, name } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const out = path.join(root, `${name}-${version}.vsix`);
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The bundles hold every dependency, so the VSIX needs no node_modules.
  const result = await run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: root, timeoutMs: 5 * 60_000, echo: !quiet });
  if (result.code !== 0) throw new Error(`vsce package failed (exit ${result.code}):\n${result.output.slice(-3000)}`);
  const size = statSync(out).size;
  if (size > MAX_BYTES) throw new Error(`${path.basename(out)} is ${(size / 1024).toFixed(0)} KB, over the 350 KB budget`);
  return { path: out, size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { path: vsix, size } = await packageVsix();
    console.log(`VSIX: ${path.relative(process.cwd(), vsix)} (${(size / 1024).toFixed(0)} KB)`);
  } catch (error) {
    console.error(String(error instanceof Error ? error.message : error));
    process.exit(1);
  }
}
