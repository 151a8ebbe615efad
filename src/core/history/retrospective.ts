/**
 * The history retrospective: how much of the lines that AI-assisted commits added was
 * rewritten or deleted within 14 and 30 days, next to the same figure for the repository's
 * other commits. Fed git's output (historyLogArgs()) in chunks, oldest commit first.
 *
 * Definitions (they are what the figures mean, so they are stated once, here):
 * - A commit's added lines are the lines its mainline diff adds (first parent; renames
 *   followed; binary files and generated lock files not counted).
 * - An added line churns within N days when a later mainline commit, authored at most N days
 *   after the commit that added it, removes it or replaces it ("rewritten" when the hunk also
 *   adds lines in its place, "deleted" otherwise). This is the line-level version of
 *   GitClear's "churn": code reverted or updated soon after it was written.
 * - Only commits at least N days older than `asOf` are eligible for the N-day figure: a
 *   younger commit's lines have not had N days to be rewritten. The eligible base is reported.
 * - Merge commits carry a whole branch's lines in their first-parent diff. A merge whose
 *   branch holds only AI-assisted commits counts as AI-assisted (evidence `branch`), one whose
 *   branch holds none as "other"; a merge of mixed or unknown branches is reported as its own
 *   group, never mixed into either side of the comparison.
 */
import { aiEvidence, type AiEvidence, type AiEvidenceKind } from './aiEvidence';
import { GitLogParser, type ParsedCommit, type ParseWarning } from './gitLogParser';
import { LineOrigins } from './lineOrigins';
import type { MergeIntroduction } from './mergedBranches';

export const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_WINDOWS_DAYS: readonly number[] = [14, 30];

/** Generated files whose churn says nothing about how code was written. */
const GENERATED = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|Gemfile\.lock|composer\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|go\.sum|flake\.lock|packages\.lock\.json|pubspec\.lock|mix\.lock|Podfile\.lock)$|\.min\.(js|css)$/;

export function isGeneratedPath(path: string): boolean {
  return GENERATED.test(path);
}

export interface WindowChurn {
  readonly days: number;
  /** Commits at least `days` old at `asOf`. */
  readonly eligibleCommits: number;
  /** Lines those commits added: the base of `share`. */
  readonly eligibleLinesAdded: number;
  /** Of those lines, replaced within `days`. */
  readonly rewritten: number;
  /** Of those lines, deleted within `days` with nothing in their place. */
  readonly deleted: number;
  /** (rewritten + deleted) / eligibleLinesAdded, or null when there is no eligible line. */
  readonly share: number | null;
}

export interface GroupChurn {
  readonly commits: number;
  readonly linesAdded: number;
  readonly windows: readonly WindowChurn[];
}

export interface AiCommitChurn {
  readonly hash: string;
  readonly subject: string;
  readonly authorTime: number;
  readonly evidence: readonly AiEvidence[];
  readonly linesAdded: number;
  /** Per window: whether the commit is old enough, and how many of its lines churned within it. */
  readonly windows: readonly { readonly days: number; readonly eligible: boolean; readonly churned: number }[];
}

export interface HistoryReviewResult {
  readonly asOf: number;
  readonly windowsDays: readonly number[];
  readonly commitsScanned: number;
  readonly firstCommitTime: number | null;
  readonly lastCommitTime: number | null;
  readonly ai: GroupChurn;
  readonly other: GroupChurn;
  readonly merges: GroupChurn;
  /** AI commits by the kinds of evidence that flagged them (a commit may count under several). */
  readonly evidenceCounts: Readonly<Record<AiEvidenceKind, number>>;
  /** AI commits by assistant (a commit may name several). */
  readonly toolCounts: Readonly<Record<string, number>>;
  /** Every AI-assisted commit, most churned lines (longest window) first. */
  readonly aiCommits: readonly AiCommitChurn[];
  /** Hunks that did not fit the tracked files (a shallow clone, a range that starts mid-history). */
  readonly inconsistencies: number;
  readonly warnings: readonly ParseWarning[];
}

export interface RetrospectiveOptions {
  /** Epoch ms the eligibility of each window is judged at (the adapter passes the wall clock). */
  readonly asOf: number;
  /** Commits Deliberate itself recorded as AI-assisted (full hashes). */
  readonly knownAiCommits?: ReadonlySet<string>;
  readonly windowsDays?: readonly number[];
  /** What each mainline merge introduces (mergedBranches.ts); without it every merge is "mixed or unknown". */
  readonly merges?: ReadonlyMap<string, MergeIntroduction>;
}

type Group = 0 | 1 | 2; // ai, other, merge

export class HistoryRetrospective {
  private readonly parser = new GitLogParser((c) => this.commit(c));
  private readonly origins = new LineOrigins();
  private readonly windowsMs: number[];
  private readonly known: ReadonlySet<string>;
  // Per commit, by index in feeding order. Plain arrays: 10,000+ commits stay small.
  private readonly times: number[] = [];
  private readonly groups: Group[] = [];
  private readonly added: number[] = [];
  /** churned[w][i]: lines of commit i removed within window w; rewrittenCount likewise for replacements. */
  private readonly churned: number[][];
  private readonly rewrittenCount: number[][];
  private readonly aiInfo = new Map<number, { hash: string; subject: string; evidence: AiEvidence[] }>();
  private first: number | null = null;
  private last: number | null = null;

  constructor(private readonly options: RetrospectiveOptions) {
    const days = options.windowsDays ?? DEFAULT_WINDOWS_DAYS;
    this.windowsMs = days.map((d) => d * DAY_MS);
    this.known = options.knownAiCommits ?? new Set();
    this.churned = days.map(() => []);
    this.rewrittenCount = days.map(() => []);
  }

  /** Commits processed so far. */
  get commitsSeen(): number {
    return this.times.length;
  }

  push(chunk: Uint8Array): void {
    this.parser.push(chunk);
  }

  /** Ends the input and returns the figures. */
  finish(): HistoryReviewResult {
    this.parser.end();
    return this.result();
  }

  private commit(c: ParsedCommit): void {
    const index = this.times.length;
    const time = c.authorTime;
    this.times.push(time);
    this.first = this.first === null ? time : Math.min(this.first, time);
    this.last = this.last === null ? time : Math.max(this.last, time);
    const evidence = aiEvidence({ hash: c.hash, authorName: c.authorName, authorEmail: c.authorEmail, message: c.message, aiNote: c.note }, this.known);
    let group: Group = evidence.length > 0 ? 0 : 1;
    if (group === 1 && c.parents.length > 1) {
      const intro = this.options.merges?.get(c.hash);
      if (intro === undefined || intro.introduced === 0 || (intro.aiIntroduced > 0 && intro.aiIntroduced < intro.introduced)) group = 2;
      else if (intro.aiIntroduced === intro.introduced) {
        group = 0;
        const detail = `merged branch of ${intro.introduced} AI-assisted commit${intro.introduced === 1 ? '' : 's'}`;
        for (const tool of intro.tools) evidence.push({ kind: 'branch', tool, detail });
      }
    }
    this.groups.push(group);
    if (group === 0) this.aiInfo.set(index, { hash: c.hash, subject: c.message.split('\n', 1)[0] ?? '', evidence });
    for (let w = 0; w < this.windowsMs.length; w++) {
      this.churned[w]!.push(0);
      this.rewrittenCount[w]!.push(0);
    }
    let added = 0;
    const sink = (origin: number, rewritten: boolean) => {
      const age = Math.max(0, time - this.times[origin]!);
      for (let w = 0; w < this.windowsMs.length; w++) {
        if (age > this.windowsMs[w]!) continue;
        this.churned[w]![origin]!++;
        if (rewritten) this.rewrittenCount[w]![origin]!++;
      }
    };
    for (const file of c.files) {
      // Lock files are never tracked (a rename between a lock file and a source file is tracked as both).
      if ((file.newPath === null || isGeneratedPath(file.newPath)) && (file.oldPath === null || isGeneratedPath(file.oldPath))) continue;
      added += this.origins.apply(index, file, sink);
    }
    this.added.push(added);
  }

  private result(): HistoryReviewResult {
    const days = this.options.windowsDays ?? DEFAULT_WINDOWS_DAYS;
    const eligible = (i: number, w: number) => this.options.asOf - this.times[i]! >= this.windowsMs[w]!;
    const group = (g: Group): GroupChurn => {
      let commits = 0;
      let linesAdded = 0;
      const windows = days.map(() => ({ eligibleCommits: 0, eligibleLinesAdded: 0, rewritten: 0, deleted: 0 }));
      for (let i = 0; i < this.groups.length; i++) {
        if (this.groups[i] !== g) continue;
        commits++;
        linesAdded += this.added[i]!;
        for (let w = 0; w < days.length; w++) {
          if (!eligible(i, w)) continue;
          const acc = windows[w]!;
          acc.eligibleCommits++;
          acc.eligibleLinesAdded += this.added[i]!;
          acc.rewritten += this.rewrittenCount[w]![i]!;
          acc.deleted += this.churned[w]![i]! - this.rewrittenCount[w]![i]!;
        }
      }
      return {
        commits,
        linesAdded,
        windows: windows.map((acc, w) => ({ days: days[w]!, ...acc, share: acc.eligibleLinesAdded > 0 ? (acc.rewritten + acc.deleted) / acc.eligibleLinesAdded : null })),
      };
    };
    const evidenceCounts: Record<AiEvidenceKind, number> = { trailer: 0, author: 0, message: 0, note: 0, recorded: 0, branch: 0 };
    const toolCounts: Record<string, number> = {};
    const aiCommits: AiCommitChurn[] = [];
    for (const [i, info] of this.aiInfo) {
      for (const kind of new Set(info.evidence.map((e) => e.kind))) evidenceCounts[kind]++;
      for (const tool of new Set(info.evidence.map((e) => e.tool))) toolCounts[tool] = (toolCounts[tool] ?? 0) + 1;
      aiCommits.push({
        hash: info.hash,
        subject: info.subject,
        authorTime: this.times[i]!,
        evidence: info.evidence,
        linesAdded: this.added[i]!,
        windows: days.map((d, w) => ({ days: d, eligible: eligible(i, w), churned: this.churned[w]![i]! })),
      });
    }
    const longest = days.length - 1;
    aiCommits.sort((a, b) => (b.windows[longest]?.churned ?? 0) - (a.windows[longest]?.churned ?? 0) || b.authorTime - a.authorTime);
    return {
      asOf: this.options.asOf,
      windowsDays: [...days],
      commitsScanned: this.times.length,
      firstCommitTime: this.first,
      lastCommitTime: this.last,
      ai: group(0),
      other: group(1),
      merges: group(2),
      evidenceCounts,
      toolCounts,
      aiCommits,
      inconsistencies: this.origins.inconsistencies,
      warnings: [...this.parser.warnings],
    };
  }
}
