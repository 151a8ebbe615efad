import * as path from 'node:path';
import { existsSync, promises as fsp } from 'node:fs';
import type { GitOp } from '../core/observation';
import { GitError, GitPort, type GitTrust } from './git';

export interface GitHead {
  readonly head: string;
  readonly branch: string | null;
}

const HASH = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
/** Small reads; a git that hangs (a network file system) must not hold the editor's observations forever. */
const TIMEOUT_MS = 10_000;

/**
 * Reads HEAD, the branch and the operation that last moved HEAD from a local clone, through
 * the git port: only the local repository is read, nothing is fetched, the repository's own
 * programs stay off, and nothing runs while the workspace is untrusted (every method then
 * answers "nothing known": undefined, null or an error the caller already handles).
 */
export class GitState {
  private readonly git: GitPort;
  private gitDir: string | undefined;
  /** Reads refused because the workspace is untrusted: an event a test (or a status) can wait for, where nothing else happens. */
  refusals = 0;

  constructor(
    readonly root: string,
    trust: GitTrust,
    executable?: string,
  ) {
    this.git = new GitPort({ trust, executable });
  }

  /**
   * The repository that holds `folder`. Trusted: git says where its top is. Untrusted: the
   * nearest folder with a `.git` entry, found without running git, so that the caller can
   * watch it and reads start to work the moment the workspace is trusted.
   */
  static async find(folder: string, trust: GitTrust, executable?: string): Promise<GitState | undefined> {
    if (!trust.isTrusted) {
      const top = nearestRepository(folder);
      return top === undefined ? undefined : new GitState(top, trust, executable);
    }
    try {
      const top = (await new GitPort({ trust, executable }).output(folder, ['rev-parse', '--show-toplevel'], { timeoutMs: TIMEOUT_MS })).trim();
      return top ? new GitState(top, trust, executable) : undefined;
    } catch {
      return undefined; // not a repository, or git is not installed
    }
  }

  async head(): Promise<GitHead | undefined> {
    try {
      const head = (await this.git.output(this.root, ['rev-parse', '--verify', '-q', 'HEAD'], { timeoutMs: TIMEOUT_MS })).trim();
      if (!HASH.test(head)) return undefined;
      const branch = (await this.git.read(this.root, ['symbolic-ref', '--short', '-q', 'HEAD'], { timeoutMs: TIMEOUT_MS })).stdout.trim();
      return { head, branch: branch === '' ? null : branch };
    } catch (error) {
      if (error instanceof GitError && error.reason === 'untrusted') this.refusals++;
      return undefined; // an empty repository has no HEAD yet; untrusted: nothing is read
    }
  }

  /** Repository-relative paths (forward slashes) of the files a commit changed. */
  async changedFiles(commit: string): Promise<Set<string>> {
    const out = await this.git.output(this.root, ['diff-tree', '--root', '--no-commit-id', '--name-only', '-r', '-z', '--no-renames', verified(commit)], { timeoutMs: TIMEOUT_MS });
    return new Set(out.split('\0').filter((p) => p !== ''));
  }

  /** A file's text as a commit (a full hash, or HEAD) left it: the blob as stored, no filters; null when the commit has no such file. */
  async fileAt(commit: string, relativePath: string): Promise<string | null> {
    const r = await this.git.read(this.root, ['cat-file', 'blob', `${verified(commit)}:${relativePath}`], { timeoutMs: TIMEOUT_MS });
    return r.code === 0 ? r.stdout : null;
  }

  /** Path of `fsPath` relative to the repository root, with forward slashes; undefined outside it. */
  relative(fsPath: string): string | undefined {
    const rel = path.relative(this.root, fsPath);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  /** The operation named by the newest reflog entry of HEAD, e.g. "commit (amend): ..." → commit. */
  async lastOp(): Promise<GitOp> {
    try {
      this.gitDir ??= (await this.git.output(this.root, ['rev-parse', '--absolute-git-dir'], { timeoutMs: TIMEOUT_MS })).trim();
      const log = await fsp.readFile(path.join(this.gitDir, 'logs', 'HEAD'), 'utf8');
      const last = log.trimEnd().split('\n').pop() ?? '';
      const message = last.split('\t')[1] ?? '';
      return opFromReflogMessage(message);
    } catch {
      return null;
    }
  }
}

/** A full commit hash, or HEAD: never an option or a revision expression built from outside. */
function verified(commit: string): string {
  if (commit !== 'HEAD' && !HASH.test(commit)) throw new Error(`not a commit hash: ${commit.slice(0, 80)}`);
  return commit;
}

/** The nearest folder at or above `folder` with a `.git` entry (a folder, or a file for worktrees and submodules). */
export function nearestRepository(folder: string): string | undefined {
  for (let dir = path.resolve(folder); ; ) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function opFromReflogMessage(message: string): GitOp {
  const verb = message.split(':')[0]?.trim() ?? '';
  if (verb.startsWith('commit')) return 'commit';
  if (verb.startsWith('checkout') || verb.startsWith('switch')) return 'checkout';
  if (verb.startsWith('reset')) return message.includes('WIP on') ? 'stash' : 'reset';
  if (verb.startsWith('merge') || verb.startsWith('pull')) return 'merge';
  if (verb.startsWith('rebase')) return 'rebase';
  return null;
}
