// Starts code-server (a real VS Code: server, workbench, Node extension host) bound to
// 127.0.0.1, with no auth, telemetry or update checks, in throwaway folders.
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

function prepareDirs(home, trustWorkspace = true, extraSettings = {}) {
  const userData = path.join(home, 'user-data');
  const extensions = path.join(home, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  mkdirSync(path.join(home, 'config'), { recursive: true });
  // Restricted mode needs workspace trust on, and no startup prompt that would grant it.
  const base = { ...USER_SETTINGS, ...extraSettings };
  const settings = trustWorkspace ? base : { ...base, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' };
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
 * `extraArgs` can add e.g. `--enable-proposed-api`; `settings` adds to (or overrides) the user settings.
 */
export async function startCodeServer(tools, { home, workspace, logFile, extraArgs = [], port: wanted, trustWorkspace = true, settings = {} }) {
  const dirs = prepareDirs(home, trustWorkspace, settings);
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

/**
 * code-server grants every API proposal to every extension: its patch (proposed-api.diff)
 * makes `isProposedApiEnabled` return true in the extension host, the server and the
 * workbench, whatever the extension's `enabledApiProposals` says. Stable VS Code grants a
 * proposal only to an extension that declares it (and only with --enable-proposed-api). So
 * the Marketplace VSIX, which declares none, would still see
 * `TextDocumentChangeEvent.detailedReason` in plain code-server.
 *
 * This makes (once, cached next to the original) a copy of the code-server installation,
 * hard-linked file by file, in which those three bundles have VS Code's own check back:
 * a proposal is enabled exactly when the extension declares it. Returns `tools` with
 * `codeServer` pointing at the copy. The original files are never written.
 */
export async function withDeclaredProposalsOnly(tools) {
  const source = tools.codeServer.dir;
  const dir = `${source}-declared-proposals`;
  const bin = path.join(dir, 'node_modules', '.bin', 'code-server');
  const marker = path.join(dir, '.declared-proposals-complete');
  const sourceMarker = path.join(source, '.install-complete');
  const stamp = existsSync(sourceMarker) ? readFileSync(sourceMarker, 'utf8') : '';
  if (existsSync(bin) && existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return { ...tools, codeServer: { ...tools.codeServer, dir, bin } };
  rmSync(dir, { recursive: true, force: true });
  const copy = await run('cp', ['-al', source, dir], { timeoutMs: 5 * 60_000 });
  if (copy.code !== 0) throw new Error(`could not make the declared-proposals copy of code-server (cp -al exit ${copy.code}):\n${copy.output.slice(-2000)}`);
  const out = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'out');
  for (const bundle of ['vs/workbench/api/node/extensionHostProcess.js', 'server-main.js', 'vs/code/browser/workbench/workbench.js']) {
    const file = path.join(out, bundle);
    const text = readFileSync(file, 'utf8');
    // `function X(ext,proposal){return!0}` right before the check that throws "CANNOT use API proposal".
    const pattern = /function ([\w$]+)\(([\w$]+),([\w$]+)\)\{return!0\}(?=function [\w$]+\([\w$]+,[\w$]+\)\{if\(!\1\([\w$]+,[\w$]+\)\)throw new Error\(`Extension '\$\{[\w$]+\.identifier\.value\}' CANNOT use API proposal)/g;
    const matches = text.match(pattern) ?? [];
    if (matches.length !== 1) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`${bundle} of code-server ${tools.codeServer.version}: expected code-server's always-true isProposedApiEnabled once, found it ${matches.length} times; the harness cannot make proposals unavailable in this version`);
    }
    // VS Code's own isProposedApiEnabled (src/vs/workbench/services/extensions/common/extensions.ts).
    const patched = text.replace(pattern, (_, name, ext, proposal) => `function ${name}(${ext},${proposal}){return!!${ext}.enabledApiProposals&&${ext}.enabledApiProposals.includes(${proposal})}`);
    // Write a new file and rename it over the hard link, so the original installation is untouched.
    writeFileSync(`${file}.patched`, patched);
    renameSync(`${file}.patched`, file);
  }
  writeFileSync(marker, stamp);
  return { ...tools, codeServer: { ...tools.codeServer, dir, bin } };
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
