// Starts code-server (a real VS Code: server, workbench, Node extension host) bound to
// 127.0.0.1, with no auth, telemetry or update checks, in throwaway folders.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { run, startProcess, stop } from './processes.mjs';

/** A free TCP port on 127.0.0.1: `preferred` if it is free, else one the system picks. */
export async function freePort(preferred = 0) {
  try {
    return await listenOnce(preferred);
  } catch {
    return listenOnce(0);
  }
}

function listenOnce(port) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.openRepositoryInParentFolders': 'never',
  'window.confirmBeforeClose': 'never',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Headless Chromium has no GPU: draw the terminal as DOM text, which the ui tests can read.
  'terminal.integrated.gpuAcceleration': 'off',
};

export function codeServerEnv(tools, home) {
  return {
    ...process.env,
    PATH: `${tools.node.binDir}${path.delimiter}${process.env.PATH}`,
    // Keep code-server's own config and state out of the person's home folder.
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
  };
}

function takesVscodeOption(version) {
  const [major, minor] = String(version).split('.').map(Number);
  return major > 4 || (major === 4 && minor >= 100);
}

/** Installs a VSIX the way a user would: `code-server --install-extension`. */
export async function installExtension(tools, home, vsix) {
  const dirs = prepareDirs(home);
  const result = await run(tools.codeServer.bin, ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'], {
    env: codeServerEnv(tools, home),
    timeoutMs: 120_000,
  });
  if (result.code !== 0 || !/successfully installed/i.test(result.output)) {
    throw new Error(`code-server --install-extension ${path.basename(vsix)} failed (exit ${result.code}):\n${result.output.slice(-2000)}`);
  }
  return dirs;
}

function prepareDirs(home, trustWorkspace = true) {
  const userData = path.join(home, 'user-data');
  const extensions = path.join(home, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  mkdirSync(path.join(home, 'config'), { recursive: true });
  // Restricted mode needs workspace trust on, and no startup prompt that would grant it.
  const settings = trustWorkspace ? USER_SETTINGS : { ...USER_SETTINGS, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' };
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return { userData, extensions };
}

async function waitForHttp(url, timeoutMs, child, logFile) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early (code ${child.exitCode}); see ${logFile}`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000} s; see ${logFile}`);
}

/**
 * Starts code-server for `workspace`. Returns its base URL and a `stop()` that ends it.
 * `extraArgs` can add e.g. `--enable-proposed-api`.
 */
export async function startCodeServer(tools, { home, workspace, logFile, extraArgs = [], port: wanted, trustWorkspace = true }) {
  const dirs = prepareDirs(home, trustWorkspace);
  const port = wanted ?? (await freePort());
  const configFile = path.join(home, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const log = createWriteStream(logFile, { flags: 'a' });
  const args = [
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    // Every workspace is trusted, except in the run that checks restricted mode itself.
    ...(trustWorkspace ? ['--disable-workspace-trust'] : []),
    '--disable-getting-started-override',
    // Lets the workbench URL's `payload` name the extension tests to run. The pinned code-server
    // needs it (through --vscode-option); 4.93 (the engine minimum) honours the payload without it
    // and refuses the flag.
    ...(takesVscodeOption(tools.codeServer.version) ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
    workspace,
  ];
  const child = startProcess(tools.codeServer.bin, args, { env: codeServerEnv(tools, home), log });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, 60_000, child, logFile);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return {
    url,
    port,
    dirs,
    workbenchUrl(extra = {}) {
      const params = new URLSearchParams({ folder: workspace, ...extra });
      return `${url}/?${params.toString()}`;
    },
    async stop() {
      await stop(child);
      log.end();
    },
  };
}

/** Launches Debian's Chromium through playwright-core, headless, with no background networking. */
export async function launchChromium(executablePath) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath,
    headless: true,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
