/**
 * What each mainline merge commit brings in. The retrospective follows the first parent, so
 * a merge commit's diff carries all of its branch's lines; whether those lines came from
 * AI-assisted commits is decided by the commits the merge introduces: the commits reachable
 * from its other parents and not from its first parent.
 *
 * Invariant used for speed: walking the mainline oldest first, everything reachable from a
 * merge's first parent is exactly the mainline commits before it plus the commits introduced
 * by earlier mainline merges. So one shared `seen` set, filled as the walk goes, answers
 * "reachable from the first parent" and the whole classification is linear in the commits.
 */
import { aiEvidence, noteEvidence, type GitAiNoteSummary } from './aiEvidence';
import { commitHeaderArgs, GitLogParser } from './gitLogParser';

export interface CommitNode {
  readonly parents: readonly string[];
  /** The assistants its evidence names; empty when it is not AI-assisted. */
  readonly aiTools: readonly string[];
}

export interface MergeIntroduction {
  /** Non-merge commits the merge introduces. */
  readonly introduced: number;
  /** Of those, AI-assisted. */
  readonly aiIntroduced: number;
  /** Assistants named by the AI-assisted ones. */
  readonly tools: readonly string[];
}

/** The first-parent chain from `head`, oldest first. */
export function mainlineOf(head: string, commits: ReadonlyMap<string, CommitNode>): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  for (let hash: string | undefined = head; hash !== undefined && !seen.has(hash); hash = commits.get(hash)?.parents[0]) {
    seen.add(hash);
    chain.push(hash);
    if (!commits.has(hash)) break;
  }
  return chain.reverse();
}

/** For every merge commit on the mainline (oldest first), what it introduces. */
export function mergeIntroductions(mainline: readonly string[], commits: ReadonlyMap<string, CommitNode>): Map<string, MergeIntroduction> {
  const seen = new Set<string>();
  const result = new Map<string, MergeIntroduction>();
  for (const hash of mainline) {
    seen.add(hash);
    const node = commits.get(hash);
    if (node === undefined || node.parents.length < 2) continue;
    let introduced = 0;
    let aiIntroduced = 0;
    const tools = new Set<string>();
    const stack = node.parents.slice(1).filter((p) => !seen.has(p));
    for (const p of stack) seen.add(p);
    while (stack.length > 0) {
      const h = stack.pop()!;
      const c = commits.get(h);
      if (c === undefined) continue; // beyond a shallow clone's boundary
      if (c.parents.length < 2) {
        introduced++;
        if (c.aiTools.length > 0) {
          aiIntroduced++;
          for (const t of c.aiTools) tools.add(t);
        }
      }
      for (const p of c.parents) {
        if (!seen.has(p)) {
          seen.add(p);
          stack.push(p);
        }
      }
    }
    result.set(hash, { introduced, aiIntroduced, tools: [...tools].sort() });
  }
  return result;
}

/** Arguments after `git` for the commit graph (no diffs): every commit reachable from the range, HEAD first. */
export function graphLogArgs(): string[] {
  return ['log', '--no-color', '--encoding=UTF-8', ...commitHeaderArgs()];
}

/**
 * Reads the commit graph from graphLogArgs() output, keeping only parents and AI evidence per
 * commit. Notes are joined at the end, so they can be read while the graph streams.
 */
export class CommitGraphReader {
  private readonly commits = new Map<string, { parents: readonly string[]; aiTools: readonly string[] }>();
  private head: string | undefined;
  private readonly parser: GitLogParser;

  constructor(knownAiCommits: ReadonlySet<string>) {
    this.parser = new GitLogParser((c) => {
      this.head ??= c.hash;
      const evidence = aiEvidence({ hash: c.hash, authorName: c.authorName, authorEmail: c.authorEmail, message: c.message }, knownAiCommits);
      this.commits.set(c.hash, { parents: c.parents, aiTools: [...new Set(evidence.map((e) => e.tool))] });
    });
  }

  push(chunk: Uint8Array): void {
    this.parser.push(chunk);
  }

  /** What every mainline merge introduces, with the git-ai notes (commit → summary) joined in. */
  finish(notes: ReadonlyMap<string, GitAiNoteSummary> = new Map()): Map<string, MergeIntroduction> {
    this.parser.end();
    if (this.head === undefined) return new Map();
    if (notes.size > 0) {
      for (const [hash, node] of this.commits) {
        const note = noteEvidence(notes.get(hash));
        if (note !== undefined && !node.aiTools.includes(note.tool)) this.commits.set(hash, { parents: node.parents, aiTools: [...node.aiTools, note.tool] });
      }
    }
    return mergeIntroductions(mainlineOf(this.head, this.commits), this.commits);
  }
}
