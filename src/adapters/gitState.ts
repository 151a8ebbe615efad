import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import { simpleGit, type SimpleGit } from 'simple-git';
import type { GitOp } from '../core/observation';

export interface GitHead {
  readonly head: string;
  readonly branch: string | null;
}

/**
 * Reads HEAD, the branch and the operation that last moved HEAD from a local clone. Only
 * the local repository is read; nothing is fetched.
 */
export class GitState {
  private readonly git: SimpleGit;

  constructor(readonly root: string) {
    this.git = simpleGit({ baseDir: root, maxConcurrentProcesses: 2, timeout: { block: 10_000 } });
  }

  static async find(folder: string): Promise<GitState | undefined> {
    try {
      const top = (await simpleGit({ baseDir: folder, timeout: { block: 10_000 } }).revparse(['--show-toplevel'])).trim();
      return top ? new GitState(top) : undefined;
    } catch {
      return undefined; // not a repository, or git is not installed
    }
  }

  async head(): Promise<GitHead | undefined> {
    try {
      const head = (await this.git.revparse(['HEAD'])).trim();
      const branch = (await this.git.raw(['symbolic-ref', '--short', '-q', 'HEAD']).catch(() => '')).trim();
      return { head, branch: branch === '' ? null : branch };
    } catch {
      return undefined; // an empty repository has no HEAD yet
    }
  }

  /** Repository-relative paths (forward slashes) of the files a commit changed. */
  async changedFiles(commit: string): Promise<Set<string>> {
    const out = await this.git.raw(['diff-tree', '--root', '--no-commit-id', '--name-only', '-r', '-z', '--no-renames', commit]);
    return new Set(out.split('\0').filter((p) => p !== ''));
  }

  /** A file's text as a commit left it, or null when the commit has no such file. */
  async fileAt(commit: string, relativePath: string): Promise<string | null> {
    try {
      return await this.git.show([`${commit}:${relativePath}`]);
    } catch {
      return null;
    }
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
      const gitDir = (await this.git.revparse(['--absolute-git-dir'])).trim();
      const log = await fsp.readFile(path.join(gitDir, 'logs', 'HEAD'), 'utf8');
      const last = log.trimEnd().split('\n').pop() ?? '';
      const message = last.split('\t')[1] ?? '';
      return opFromReflogMessage(message);
    } catch {
      return null;
    }
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
