// npm run bench:history — the history retrospective on synthetic repositories of 12,000 commits.
//
// Two repositories, generated once with `git fast-import` and cached under ~/.cache/deliberate-harness:
//   mixed        files created, edited, renamed and deleted over simulated weeks, AI trailers on
//                about a fifth of the commits, a tenth merged from side branches, git-ai notes on 5%
//   notes-heavy  the same kind of history with a git-ai note on nearly every commit, each
//                carrying a prompt transcript (40 KB on average, 8 to 72 KB, as git-ai stores messages)
// Then, in this one process, for each repository and run, it times:
//   numstat        git log --first-parent --numstat, output read and dropped (the issue's baseline)
//   numstat -M     git log --numstat --first-parent --diff-merges=first-parent -M (renames, as the review)
//   retrospective  the review as the command runs it (notes, merges, git log -p parsed, lines tracked)
//   before         (with --before FILE) the same, with an older build's out/bench/historyBench.js
// and reports medians, commits per second and ratios; asserts nothing.
//   node scripts/bench/history.mjs [--commits N] [--runs N] [--note-bytes N] [--before path/to/historyBench.js] [--only mixed|notes-heavy]
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { run } from '../lib/processes.mjs';
import { cacheDir } from '../lib/tools.mjs';

const argv = process.argv.slice(2);
const value = (name) => {
  const k = argv.indexOf(name);
  return k >= 0 ? argv[k + 1] : undefined;
};
const COMMITS = Number(value('--commits') ?? 12_000);
const RUNS = Number(value('--runs') ?? 3);
const BEFORE = value('--before');
const ONLY = value('--only');
const SEED = 20261121;
/** Mean bytes of prompt transcript per git-ai note in the notes-heavy repository. */
const NOTE_BYTES = Number(value('--note-bytes') ?? 40_000);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error(`build failed: ${build.output}`);
const current = await import(pathToFileURL(path.join(root, 'out', 'bench', 'historyBench.js')).href);
const before = BEFORE === undefined ? undefined : await import(pathToFileURL(path.resolve(BEFORE)).href);
const { generateHistory } = current;
const trust = { isTrusted: true };

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

const SCENARIOS = {
  mixed: { files: 40, fileLines: 120, meanGapHours: 4, aiShare: 0.2, noteShare: 0.05, mergeShare: 0.1 },
  'notes-heavy': { files: 40, fileLines: 120, meanGapHours: 4, aiShare: 0.3, noteShare: 0.95, mergeShare: 0.02, noteBytes: NOTE_BYTES },
};

async function repository(name) {
  const repo = path.join(cacheDir, `history-bench-v4-${name}-${COMMITS}-${SEED}${name === 'notes-heavy' ? `-${NOTE_BYTES}` : ''}`);
  const done = path.join(repo, '.deliberate-bench-complete');
  if (!existsSync(done)) {
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(repo, { recursive: true });
    const start = performance.now();
    await git(repo, ['init', '-q', '-b', 'main']);
    let history;
    await fastImport(repo, (write) => {
      history = generateHistory({ commits: COMMITS, seed: SEED, start: Date.UTC(2019, 0, 1), ...SCENARIOS[name] }, write);
    });
    writeFileSync(done, `${history.commits.length}\n`);
    console.error(`generated ${name}: ${COMMITS} commits in ${((performance.now() - start) / 1000).toFixed(1)} s at ${repo}`);
  }
  return repo;
}

/** git log with these arguments, output consumed and dropped. */
function gitLog(repo, args) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('git', ['log', ...args, 'HEAD', '--'], { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.on('data', () => undefined);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((performance.now() - start) / 1000) : reject(new Error(`git log ${args.join(' ')} failed (${code})`))));
  });
}

async function timed(review, repo) {
  const start = performance.now();
  const result = await review(repo, { trust, asOf: Date.now() });
  return { seconds: (performance.now() - start) / 1000, result };
}

/**
 * CPU seconds used so far by this process and the children it has waited for (git), from
 * /proc/self/stat on Linux: on a shared machine wall time mostly measures the other load, CPU
 * time what the work costs. Undefined elsewhere.
 */
function cpuSeconds() {
  if (!existsSync('/proc/self/stat')) return undefined;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  // After "pid (comm) ": state is field 3, so utime..cstime (fields 14-17) are at 11-14.
  const ticks = fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0);
  return ticks / 100; // USER_HZ is 100 on Linux
}

async function cpuOf(work) {
  const before = cpuSeconds();
  await work();
  const after = cpuSeconds();
  return before === undefined || after === undefined ? undefined : after - before;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r3 = (x) => Math.round(x * 1000) / 1000;
const r2 = (x) => Math.round(x * 100) / 100;

const report = {};
for (const name of Object.keys(SCENARIOS)) {
  if (ONLY !== undefined && ONLY !== name) continue;
  const repo = await repository(name);
  const total = Number((await git(repo, ['rev-list', '--count', '--first-parent', 'HEAD'])).trim());
  const notes = Number((await git(repo, ['notes', '--ref=ai', 'list'])).trim().split('\n').filter(Boolean).length);
  const times = { numstat: [], numstatM: [], retrospective: [], before: [] };
  const cpu = { numstat: [], retrospective: [], before: [] };
  let last;
  for (let r = 0; r < RUNS; r++) {
    cpu.numstat.push(await cpuOf(async () => times.numstat.push(await gitLog(repo, ['--first-parent', '--numstat', '--format=%H']))));
    times.numstatM.push(await gitLog(repo, ['--numstat', '--first-parent', '--diff-merges=first-parent', '-M', '--format=%H']));
    cpu.retrospective.push(
      await cpuOf(async () => {
        const x = await timed(current.reviewRepositoryHistory, repo);
        times.retrospective.push(x.seconds);
        last = x.result;
      }),
    );
    if (before !== undefined) cpu.before.push(await cpuOf(async () => times.before.push((await timed(before.reviewRepositoryHistory, repo)).seconds)));
  }
  const t = median(times.retrospective);
  const base = median(times.numstat);
  const cpuBase = cpu.numstat[0] === undefined ? undefined : median(cpu.numstat);
  const entry = {
    commits: total,
    notes,
    runs: RUNS,
    loadAverage: r2(loadavg()[0]),
    numstatSeconds: r3(base),
    numstatRenamesSeconds: r3(median(times.numstatM)),
    retrospectiveSeconds: r3(t),
    retrospectiveCommitsPerSecond: Math.round(total / t),
    retrospectiveOverNumstat: r2(t / base),
    retrospectiveOverNumstatRenames: r2(t / median(times.numstatM)),
    ...(cpuBase === undefined ? {} : { numstatCpuSeconds: r3(cpuBase), retrospectiveCpuSeconds: r3(median(cpu.retrospective)), retrospectiveOverNumstatCpu: r2(median(cpu.retrospective) / cpuBase) }),
    target: 'at most 1.5 times git log --first-parent --numstat',
    aiCommits: last.ai.commits,
    otherCommits: last.other.commits,
    aiChurn30: last.ai.windows[1].share,
    otherChurn30: last.other.windows[1].share,
    warnings: last.warnings.length,
    inconsistencies: last.inconsistencies,
  };
  if (before !== undefined) {
    const b = median(times.before);
    Object.assign(entry, { beforeSeconds: r3(b), beforeCommitsPerSecond: Math.round(total / b), beforeOverNumstat: r2(b / base), speedup: r2(b / t) });
    if (cpuBase !== undefined) Object.assign(entry, { beforeCpuSeconds: r3(median(cpu.before)), beforeOverNumstatCpu: r2(median(cpu.before) / cpuBase), cpuSpeedup: r2(median(cpu.before) / median(cpu.retrospective)) });
  }
  report[name] = entry;
}
console.log(JSON.stringify(report, null, 2));
