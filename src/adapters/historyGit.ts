/**
 * Runs the history retrospective on a local clone: spawns read-only git commands
 * (rev-parse, rev-list, log) and streams `git log -p` into the pure core. Shared by the
 * VS Code command and the command line; it imports no `vscode`. Never fetches: only what the
 * clone already has is read.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { historyLogArgs } from '../core/history/gitLogParser';
import { CommitGraphReader, graphLogArgs, type MergeIntroduction } from '../core/history/mergedBranches';
import { HistoryRetrospective, type HistoryReviewResult } from '../core/history/retrospective';

/** A reason the review could not run that the person can act on (not a git repository, no commits, no git). */
export class HistoryReviewError extends Error {
  constructor(
    readonly reason: 'notRepository' | 'noCommits' | 'gitMissing' | 'gitFailed' | 'cancelled',
    message: string,
  ) {
    super(message);
  }
}

export interface HistoryRunOptions {
  readonly asOf: number;
  readonly knownAiCommits?: ReadonlySet<string>;
  readonly signal?: AbortSignal;
  /** Called as commits are processed (at most every 100 commits and at the end). */
  readonly onProgress?: (done: number, total: number) => void;
  /** The git executable; VS Code's git extension may name another one. */
  readonly git?: string;
}

interface GitResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };

function runGit(git: string, cwd: string, args: readonly string[], signal?: AbortSignal): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(git, args, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'], signal });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (error: NodeJS.ErrnoException) => reject(translateSpawnError(error, git)));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

function translateSpawnError(error: NodeJS.ErrnoException, git: string): Error {
  if (error.name === 'AbortError') return new HistoryReviewError('cancelled', 'The review was cancelled.');
  if (error.code === 'ENOENT') return new HistoryReviewError('gitMissing', `Git was not found ("${git}"). Install git or set git.path.`);
  return error;
}

/** The top folder of the repository that holds `folder`. */
export async function repositoryRoot(folder: string, git = 'git', signal?: AbortSignal): Promise<string> {
  if (!existsSync(folder)) throw new HistoryReviewError('notRepository', `${folder} does not exist.`);
  const r = await runGit(git, folder, ['rev-parse', '--show-toplevel'], signal);
  if (r.code !== 0) throw new HistoryReviewError('notRepository', `${folder} is not in a git repository.`);
  return r.stdout.trim();
}

/** Reviews the current branch of the repository that holds `folder`, oldest commit first. */
export async function reviewRepositoryHistory(folder: string, options: HistoryRunOptions): Promise<HistoryReviewResult> {
  const git = options.git ?? 'git';
  const { signal } = options;
  const root = await repositoryRoot(folder, git, signal);
  const count = await runGit(git, root, ['rev-list', '--count', '--first-parent', 'HEAD'], signal);
  if (count.code !== 0) throw new HistoryReviewError('noCommits', 'This repository has no commits yet.');
  const total = Number(count.stdout.trim()) || 0;
  if (total === 0) throw new HistoryReviewError('noCommits', 'This repository has no commits yet.');
  const notes = await runGit(git, root, ['rev-parse', '--verify', '--quiet', 'refs/notes/ai'], signal);
  const aiNotes = notes.code === 0;
  const known = options.knownAiCommits ?? new Set<string>();
  // Merges on the mainline carry their branch's lines: learn first what each one brings in.
  const anyMerge = await runGit(git, root, ['rev-list', '--first-parent', '--merges', '--max-count=1', 'HEAD'], signal);
  let merges: Map<string, MergeIntroduction> | undefined;
  if (anyMerge.code === 0 && anyMerge.stdout.trim() !== '') {
    const graph = new CommitGraphReader(known);
    await streamGit(git, root, [...graphLogArgs(aiNotes), 'HEAD', '--'], signal, (chunk) => graph.push(chunk));
    merges = graph.finish();
  }
  const retrospective = new HistoryRetrospective({ asOf: options.asOf, knownAiCommits: known, merges });
  options.onProgress?.(0, total);
  let reported = 0;
  await streamGit(git, root, [...historyLogArgs(aiNotes), 'HEAD', '--'], signal, (chunk) => {
    retrospective.push(chunk);
    if (retrospective.commitsSeen - reported >= 100) {
      reported = retrospective.commitsSeen;
      options.onProgress?.(reported, total);
    }
  });
  const result = retrospective.finish();
  options.onProgress?.(result.commitsScanned, total);
  return result;
}

/** Runs git and hands its stdout to `onChunk` as it arrives; rejects when git fails, `onChunk` throws or `signal` aborts. */
function streamGit(git: string, cwd: string, args: readonly string[], signal: AbortSignal | undefined, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(git, args, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'], signal });
    const err: Buffer[] = [];
    let failure: unknown;
    child.stdout.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return;
      try {
        onChunk(chunk);
      } catch (error) {
        failure = error;
        child.kill();
      }
    });
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (error: NodeJS.ErrnoException) => reject(translateSpawnError(error, git)));
    child.on('close', (code, sig) => {
      if (signal?.aborted) reject(new HistoryReviewError('cancelled', 'The review was cancelled.'));
      else if (failure !== undefined) reject(failure);
      else if (code !== 0) reject(new HistoryReviewError('gitFailed', `git ${args.find((a) => a === 'log') ?? args[0]} failed (${code ?? sig}): ${Buffer.concat(err).toString('utf8').trim().slice(0, 500)}`));
      else resolve();
    });
  });
}
