// npm run package: builds the production bundles and packs two VSIX files with @vscode/vsce.
//
//   deliberate-<version>.vsix                 the Marketplace / Open VSX package. Its manifest
//                                             declares no proposed API, so `vsce publish` accepts
//                                             it; Deliberate infers where edits come from.
//   deliberate-<version>-exact-sources.vsix   side-loadable only. The same files, with
//                                             `enabledApiProposals: ["textDocumentChangeReason"]`,
//                                             for people who start VS Code with
//                                             `--enable-proposed-api deliberate.deliberate`: then
//                                             VS Code names each edit's source. Without the flag
//                                             VS Code logs that the proposal is refused and this
//                                             package behaves like the Marketplace one.
//
// The repository's package.json IS the Marketplace manifest (no proposals), so running
// `vsce package` or `vsce publish` by hand can never ship a proposal. The extension reads
// `detailedReason` only when VS Code gives it (src/adapters/editorObservations.ts).
// Prints both paths; fails if either is over the 350 KB budget or the Marketplace manifest
// declares a proposal.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { marketplaceReadme } from './lib/marketplaceReadme.mjs';
import { run } from './lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const MAX_BYTES = 350 * 1024;
/** The proposal the exact-sources package declares: `TextDocumentChangeEvent.detailedReason`. */
export const EXACT_PROPOSALS = ['textDocumentChangeReason'];

const vsceCli = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

/** Where the Marketplace page is written for vsce, inside the folder packed (vsce wants a path there). */
const PAGE = 'marketplace-readme.md';

async function vscePackage(cwd, out, quiet) {
  // The Marketplace page is README.md without its sections for developers (marketplaceReadme.mjs);
  // .vscodeignore leaves README.md itself out, and vsce packs the page as the extension's readme.
  writeFileSync(path.join(cwd, PAGE), marketplaceReadme(readFileSync(path.join(root, 'README.md'), 'utf8')));
  let result;
  try {
    // The bundles hold every dependency, so the VSIX needs no node_modules.
    result = await run(process.execPath, [vsceCli, 'package', '--no-dependencies', '--readme-path', PAGE, '--out', out], { cwd, timeoutMs: 5 * 60_000, echo: !quiet });
  } finally {
    rmSync(path.join(cwd, PAGE), { force: true });
  }
  if (result.code !== 0) throw new Error(`vsce package failed in ${cwd} (exit ${result.code}):\n${result.output.slice(-3000)}`);
  const size = statSync(out).size;
  if (size > MAX_BYTES) throw new Error(`${path.basename(out)} is ${(size / 1024).toFixed(0)} KB, over the ${MAX_BYTES / 1024} KB budget`);
  return { path: out, size };
}

/** The manifest inside a VSIX, read with vsce's own reader. */
export async function vsixManifest(vsix) {
  const { readVSIXPackage } = require(path.join(root, 'node_modules', '@vscode', 'vsce', 'out', 'zip.js'));
  return (await readVSIXPackage(vsix)).manifest;
}

/**
 * The check `vsce publish` makes before uploading (validateManifestForPublishing in
 * @vscode/vsce's out/publish.js, not exported): no `enableProposedApi`, no `enabledApiProposals`.
 */
export function publishProblems(manifest) {
  const problems = [];
  if (manifest.enableProposedApi) problems.push('enableProposedApi: true');
  if (Array.isArray(manifest.enabledApiProposals) && manifest.enabledApiProposals.length > 0) problems.push(`enabledApiProposals: [${manifest.enabledApiProposals.join(', ')}]`);
  return problems;
}

const EXACT_NOTE = 'Exact edit sources build: start VS Code with --enable-proposed-api deliberate.deliberate.';

/**
 * The exact-sources package's description: the Marketplace one plus a note. A localised
 * description (`%key%`, words in package.nls*.json) gets a key of its own in each bundle of
 * the staging folder, since VS Code replaces only a whole `%key%` string.
 */
function exactDescription(description, staging) {
  const key = /^%(.+)%$/.exec(description)?.[1];
  if (key === undefined) return `${description} ${EXACT_NOTE}`;
  for (const file of readdirSync(staging).filter((f) => /^package\.nls(\..+)?\.json$/.test(f))) {
    const bundle = JSON.parse(readFileSync(path.join(staging, file), 'utf8'));
    if (typeof bundle[key] === 'string') bundle[`${key}.exactSources`] = `${bundle[key]} ${EXACT_NOTE}`;
    writeFileSync(path.join(staging, file), `${JSON.stringify(bundle, null, 2)}\n`);
  }
  return `%${key}.exactSources%`;
}

/**
 * Packs both VSIX files. Returns the Marketplace one (`path`, `size`) and the exact-sources
 * one (`exact.path`, `exact.size`).
 */
export async function packageVsix({ quiet = false } = {}) {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const { version, name } = manifest;
  const problems = publishProblems(manifest);
  if (problems.length > 0) throw new Error(`package.json is the Marketplace manifest and must declare no proposed API (found ${problems.join(', ')}); the exact-sources package adds it`);

  // 1. The Marketplace package, from the repository as it is (vsce runs vscode:prepublish: the production build).
  const marketplace = await vscePackage(root, path.join(root, `${name}-${version}.vsix`), quiet);
  const packed = await vsixManifest(marketplace.path);
  const packedProblems = publishProblems(packed);
  if (packedProblems.length > 0) throw new Error(`${path.basename(marketplace.path)} would be refused by vsce publish: ${packedProblems.join(', ')}`);

  // 2. The exact-sources package: the very files vsce just packed, with the proposal declared.
  const { listFiles, PackageManager } = require(path.join(root, 'node_modules', '@vscode', 'vsce'));
  const files = await listFiles({ cwd: root, packageManager: PackageManager.None });
  const staging = mkdtempSync(path.join(os.tmpdir(), 'deliberate-exact-vsix-'));
  try {
    for (const file of [...files, '.vscodeignore']) {
      mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      copyFileSync(path.join(root, file), path.join(staging, file));
    }
    const exactManifest = {
      ...manifest,
      description: exactDescription(manifest.description, staging),
      enabledApiProposals: EXACT_PROPOSALS,
      // The bundles were built in step 1; the staging folder has no build scripts.
      scripts: {},
    };
    writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(exactManifest, null, 2)}\n`);
    const exact = await vscePackage(staging, path.join(root, `${name}-${version}-exact-sources.vsix`), quiet);
    return { ...marketplace, exact };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const { path: vsix, size, exact } = await packageVsix();
    console.log(`VSIX for the Marketplace and Open VSX (no proposed API): ${path.relative(process.cwd(), vsix)} (${(size / 1024).toFixed(0)} KB)`);
    console.log(`VSIX with exact edit sources (side-load; needs --enable-proposed-api deliberate.deliberate): ${path.relative(process.cwd(), exact.path)} (${(exact.size / 1024).toFixed(0)} KB)`);
  } catch (error) {
    console.error(String(error instanceof Error ? error.message : error));
    process.exit(1);
  }
}
