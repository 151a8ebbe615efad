// Packages the try-it's stand-in AI (demo/ai-stand-in, a scripted inline completion provider
// and agent, labelled as a demo) into a VSIX for code-server. Only the try-it workbench and the
// ui test of the try-it journey install it; it is never part of Deliberate's package.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEMO_EXTENSION_DIR = path.join(root, 'demo', 'ai-stand-in');

/** Builds out/demo/ai-stand-in.vsix from demo/ai-stand-in; returns its path. */
export async function packageDemoExtension() {
  const outDir = path.join(root, 'out', 'demo');
  mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, 'ai-stand-in.vsix');
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = await run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { cwd: DEMO_EXTENSION_DIR, timeoutMs: 2 * 60_000 });
  if (result.code !== 0) throw new Error(`packaging the demo AI (demo/ai-stand-in) failed (exit ${result.code}):\n${result.output.slice(-2000)}`);
  return out;
}
