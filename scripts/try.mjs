// npm start: try Deliberate in a browser-based VS Code on this machine.
// Builds and packages the extension, installs the VSIX into code-server (installed from
// npm on first use and cached), opens a small demo workspace, and prints the URL.
// Options: --port N (default 8080 or the first free port after it), --smoke (start, check
// in Chromium that the workbench shows Deliberate, then stop: used to test this command).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort, installExtension, launchChromium, startCodeServer } from './lib/codeServer.mjs';
import { stopAll } from './lib/processes.mjs';
import { cacheDir, ensureChromium, ensureTools } from './lib/tools.mjs';
import { makeWorkspace } from './lib/workspace.mjs';
import { packageVsix } from './package.mjs';

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const portArg = argv.flatMap((a, i) => (a === '--port' ? [Number(argv[i + 1])] : []))[0];

async function main() {
  console.log('Building and packaging Deliberate…');
  const vsix = await packageVsix({ quiet: true });
  const tools = await ensureTools({ chromium: false });
  const home = path.join(cacheDir, 'try');
  const workspace = path.join(home, 'workspace');
  if (!existsSync(workspace)) {
    mkdirSync(workspace, { recursive: true });
    await makeWorkspace(workspace);
  }
  await installExtension(tools, home, vsix.path);
  const port = portArg ?? (await freePort(8080));
  const server = await startCodeServer(tools, { home, workspace, logFile: path.join(home, 'code-server.log'), port });
  const url = server.workbenchUrl();
  console.log(`
Deliberate is running in VS Code for the browser:

    ${url}

Open it in a browser on this machine. The demo workspace is ${workspace}.
Look for "Deliberate" in the status bar; click it for its commands.

Desktop VS Code: install the same package with
    code --install-extension ${vsix.path}
or Extensions view → … → Install from VSIX…

Press Ctrl+C to stop.`);
  if (smoke) {
    const browser = await launchChromium(await ensureChromium());
    try {
      const page = await browser.newPage();
      await page.goto(url, { timeout: 60_000 });
      await page.locator('.statusbar-item', { hasText: 'Deliberate' }).waitFor({ timeout: 60_000 });
      console.log('smoke check: the workbench shows the Deliberate status bar item');
    } finally {
      await browser.close();
      await server.stop();
    }
    return;
  }
  await new Promise(() => undefined); // until Ctrl+C; processes.mjs ends code-server
}

try {
  await main();
} catch (error) {
  console.error(`npm start failed: ${error instanceof Error ? error.message : error}`);
  await stopAll();
  process.exit(1);
}
await stopAll();
