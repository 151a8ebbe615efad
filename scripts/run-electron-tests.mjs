// npm run test:electron: the same integration suites in desktop VS Code, downloaded by
// @vscode/test-electron. For machines with internet access; this project's CI and the
// offline machines use code-server instead (npm test). Deliberate runs from the source
// folder here (extensionDevelopmentPath), after `npm run build`.
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { run } from './lib/processes.mjs';
import { makeWorkspace } from './lib/workspace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root, echo: true });
if (build.code !== 0) process.exit(1);
const home = mkdtempSync(path.join(os.tmpdir(), 'deliberate-electron-'));
const workspace = await makeWorkspace(path.join(home, 'workspace'));
const resultFile = path.join(root, 'artifacts', 'results', 'integration-electron.json');
const outDir = path.join(root, 'out', 'test', 'integration');
writeFileSync(path.join(outDir, 'run-config.json'), JSON.stringify({ resultFile, gitWorkspace: true }, null, 2));
let code = 1;
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outDir, 'index.js'),
    launchArgs: [workspace, '--disable-workspace-trust', '--disable-extensions', '--user-data-dir', path.join(home, 'user-data')],
  });
  const result = JSON.parse(readFileSync(resultFile, 'utf8'));
  console.log(`integration (electron): ${result.passed} passed, ${result.failed} failed`);
  code = result.failed === 0 && result.passed > 0 ? 0 : 1;
} catch (error) {
  console.error(`test-electron could not run VS Code: ${error instanceof Error ? error.message : error}\nOn a machine without internet access use \`npm test\` (code-server from npm).`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
process.exit(code);
