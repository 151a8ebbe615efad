// npm start: try Deliberate in a browser-based VS Code on this machine, with a stand-in AI.
// Builds and packages the extension, packages the demo's stand-in AI (demo/ai-stand-in: scripted
// inline suggestions and an agent change, labelled as a demo, nothing from the network),
// installs both into code-server (installed from npm on first use and cached), opens a fresh
// demo workspace whose README is the guide, and prints the URL. The stand-in opens the
// walkthrough and the guide when the workbench starts.
// Options: --port N (default 8080 or the first free port after it), --smoke (start, check in
// Chromium that the workbench shows Deliberate, the demo AI and the walkthrough, then stop:
// used to test this command).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freePort, installExtension, launchChromium, startCodeServer } from './lib/codeServer.mjs';
import { packageDemoExtension } from './lib/demoExtension.mjs';
import { stopAll } from './lib/processes.mjs';
import { cacheDir, ensureChromium, ensureTools } from './lib/tools.mjs';
import { makeWorkspace } from './lib/workspace.mjs';
import { packageVsix } from './package.mjs';

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const portArg = argv.flatMap((a, i) => (a === '--port' ? [Number(argv[i + 1])] : []))[0];

async function main() {
  console.log('Building and packaging Deliberate and the demo AI…');
  const vsix = await packageVsix({ quiet: true });
  const demo = await packageDemoExtension();
  const tools = await ensureTools({ chromium: smoke });
  const home = path.join(cacheDir, 'try');
  // A fresh demo project every time, so the guide's steps always start from the same place.
  const workspace = path.join(home, 'workspace');
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  await makeWorkspace(workspace);
  await installExtension(tools, home, vsix.path);
  await installExtension(tools, home, demo);
  const port = portArg ?? (await freePort(8080));
  const server = await startCodeServer(tools, { home, workspace, logFile: path.join(home, 'code-server.log'), port });
  const url = server.workbenchUrl();
  console.log(`
Deliberate is running in VS Code for the browser:

    ${url}

Open it in a browser on this machine. The walkthrough and the demo guide (README.md) open
on their own; follow the guide: about five minutes.

"Demo AI" in the status bar is a scripted stand-in for an AI assistant, installed only here.
It knows a few lines of the demo project and makes no network requests.
The demo project is ${workspace} (made fresh on every npm start).

Desktop VS Code: install Deliberate itself with
    code --install-extension ${vsix.path}
or Extensions view → … → Install from VSIX…

Press Ctrl+C to stop.`);
  if (smoke) {
    const browser = await launchChromium(tools.chromiumPath ?? (await ensureChromium()));
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(url, { timeout: 60_000 });
      await page.locator('.statusbar-item', { hasText: 'Deliberate' }).waitFor({ timeout: 60_000 });
      await page.locator('.statusbar-item', { hasText: 'Demo AI' }).waitFor({ timeout: 60_000 });
      await page.locator('.gettingStartedContainer h2', { hasText: 'Get started with Deliberate' }).waitFor({ timeout: 60_000 });
      console.log('smoke check: the workbench shows Deliberate, the demo AI and the walkthrough');
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
