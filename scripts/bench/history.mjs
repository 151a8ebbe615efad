// npm run bench:history — the history retrospective on a synthetic repository of 10,000+ commits.
//
// The repository is generated once with `git fast-import` (files created, edited, renamed and
// deleted over simulated weeks, AI trailers on about a fifth of the commits, a tenth merged
// from side branches with merge commits, git-ai notes on some) and cached under
// ~/.cache/deliberate-harness. Then, in this one process, it times:
//   baseline       git log --numstat --first-parent over the same range, output read and dropped
//   retrospective  git log -p --unified=0 parsed and every line's origin tracked (the command's code)
// and reports commits per second for both and their ratio; asserts nothing.
//   node scripts/bench/history.mjs [--commits N] [--runs N]
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { run } from '../lib/processes.mjs';
import { cacheDir } from '../lib/tools.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const k = argv.indexOf(name);
  return k >= 0 ? Number(argv[k + 1]) : fallback;
};
const COMMITS = option('--commits', 12_000);
const RUNS = option('--runs', 3);
const SEED = 20261121;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error(`build failed: ${build.output}`);
const { generateHistory, reviewRepositoryHistory } = await import(path.join(root, 'out', 'bench', 'historyBench.js'));

async function git(cwd, args, input) {
  const r = await run('git', args, { cwd, input, timeoutMs: 20 * 60_000 });
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.output.slice(0, 2000)}`);
  return r.output;
}

/** Streams a fast-import stream into git without holding it all in memory. */
function fastImport(dir, produce) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import failed (${code}): ${stderr}`))));
    let buffered = [];
    let size = 0;
    const flush = () => {
      if (size > 0) child.stdin.write(buffered.join(''));
      buffered = [];
      size = 0;
    };
    produce((chunk) => {
      buffered.push(chunk);
      size += chunk.length;
      if (size > 1 << 20) flush();
    });
    flush();
    child.stdin.end();
  });
}

const repo = path.join(cacheDir, `history-bench-v3-${COMMITS}-${SEED}`);
const done = path.join(repo, '.deliberate-bench-complete');
if (!existsSync(done)) {
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  const start = performance.now();
  await git(repo, ['init', '-q', '-b', 'main']);
  let history;
  await fastImport(repo, (write) => {
    history = generateHistory({ commits: COMMITS, seed: SEED, start: Date.UTC(2019, 0, 1), files: 40, fileLines: 120, meanGapHours: 4, aiShare: 0.2, noteShare: 0.05, mergeShare: 0.1 }, write);
  });
  writeFileSync(done, `${history.commits.length}\n`);
  console.error(`generated ${COMMITS} commits in ${((performance.now() - start) / 1000).toFixed(1)} s at ${repo}`);
}

const total = Number((await git(repo, ['rev-list', '--count', '--first-parent', 'HEAD'])).trim());

/** The baseline: git log --numstat over the same commits, output consumed and dropped. */
function baseline() {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('git', ['log', '--numstat', '--first-parent', '--diff-merges=first-parent', '-M', '--format=%H', 'HEAD', '--'], { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] });
    let bytes = 0;
    child.stdout.on('data', (b) => (bytes += b.length));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ seconds: (performance.now() - start) / 1000, bytes }) : reject(new Error(`git log --numstat failed (${code})`))));
  });
}

async function retrospective() {
  const start = performance.now();
  const result = await reviewRepositoryHistory(repo, { asOf: Date.now() });
  return { seconds: (performance.now() - start) / 1000, result };
}

const base = [];
const retro = [];
let last;
for (let r = 0; r < RUNS; r++) {
  base.push((await baseline()).seconds);
  const x = await retrospective();
  retro.push(x.seconds);
  last = x.result;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const b = median(base);
const t = median(retro);
console.log(
  JSON.stringify(
    {
      commits: total,
      runs: RUNS,
      baselineSeconds: Math.round(b * 1000) / 1000,
      retrospectiveSeconds: Math.round(t * 1000) / 1000,
      baselineCommitsPerSecond: Math.round(total / b),
      retrospectiveCommitsPerSecond: Math.round(total / t),
      retrospectiveOverBaseline: Math.round((t / b) * 100) / 100,
      target: 'at least 500 commits per second',
      aiCommits: last.ai.commits,
      otherCommits: last.other.commits,
      aiChurn14: last.ai.windows[0].share,
      otherChurn14: last.other.windows[0].share,
      aiChurn30: last.ai.windows[1].share,
      otherChurn30: last.other.windows[1].share,
      warnings: last.warnings.length,
      inconsistencies: last.inconsistencies,
    },
    null,
    2,
  ),
);
