/**
 * The history retrospective: how much of the lines that AI-assisted commits added was
 * rewritten or deleted within 14 and 30 days, next to the same figure for the repository's
 * other commits. Fed git's output (historyLogArgs()) in chunks, oldest commit first, or, for a
 * partial clone, commits the adapter built from `--raw` output (addCommit).
 *
 * Definitions (they are what the figures mean, so they are stated once, here):
 * - A commit's added lines are the lines its mainline diff adds (first parent; renames
 *   followed; binary files and generated lock files not counted).
 * - An added line churns within N days when a later mainline commit, authored at most N days
 *   after the commit that added it, removes it or replaces it ("rewritten" when the hunk also
 *   adds lines in its place, "deleted" otherwise). This is the line-level version of
 *   GitClear's "churn": code reverted or updated soon after it was written.
 * - Windows are judged at the newest commit in the history (its author time), never the wall
 *   clock: what happened after the newest commit is not in the history (a clone not fetched
 *   for months looks the same as a quiet repository), so a commit counts for the N-day figure
 *   only when the history goes on for N days after it. The eligible base is reported.
 * - Merge commits carry a whole branch's lines in their first-parent diff. A merge whose
 *   branch holds only AI-assisted commits counts as AI-assisted (evidence `branch`), one whose
 *   branch holds none as "other"; a merge of mixed or unknown branches is reported as its own
 *   group, never mixed into either side of the comparison.
 * - A shallow clone's boundary commits (their parents were not fetched) show the whole tree
 *   as added; those lines are of unknown origin and the commits are in neither group.
 */
import { AI_EVIDENCE_KINDS, aiEvidence, noteEvidence, unique, type AiEvidence, type AiEvidenceKind, type GitAiNoteSummary } from './aiEvidence';
import { GitLogParser, type ParsedCommit, type ParseWarning } from './gitLogParser';
import { LineOrigins, UNKNOWN_ORIGIN } from './lineOrigins';
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
  /** Commits the history goes on for at least `days` after. */
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

export interface LargestCommit {
  readonly hash: string;
  readonly subject: string;
  readonly linesAdded: number;
  /** Its share of the group's lines added. */
  readonly share: number;
}

export interface GroupChurn {
  readonly commits: number;
  readonly linesAdded: number;
  readonly windows: readonly WindowChurn[];
  /** The commit that added the most lines, or null when the group added none. */
  readonly largest: LargestCommit | null;
}

export interface AiCommitChurn {
  readonly hash: string;
  readonly subject: string;
  readonly authorTime: number;
  /** A merge (its lines are its branch's). */
  readonly merge: boolean;
  readonly evidence: readonly AiEvidence[];
  readonly linesAdded: number;
  /** Per window: whether the history goes on long enough after it, and how many of its lines churned within it. */
  readonly windows: readonly { readonly days: number; readonly eligible: boolean; readonly churned: number }[];
}

/** What kind of clone was read; the adapter finds out, the report states it. */
export interface RepositoryFacts {
  readonly bare: boolean;
  /** A shallow clone: history stops at boundary commits. */
  readonly shallow: boolean;
  /** A partial clone (a promisor remote): some contents may never have been downloaded. */
  readonly partial: boolean;
  /** Objects of the reviewed history missing from this clone (a partial clone); none were fetched. */
  readonly missingObjects: number;
}

export const FULL_CLONE: RepositoryFacts = { bare: false, shallow: false, partial: false, missingObjects: 0 };

export interface AssistantCount {
  readonly tool: string;
  readonly commits: number;
}

export interface HistoryReviewResult {
  /** The newest commit's author time: windows are judged at it (null without commits). */
  readonly judgedAt: number | null;
  readonly windowsDays: readonly number[];
  readonly commitsScanned: number;
  readonly firstCommitTime: number | null;
  readonly lastCommitTime: number | null;
  readonly ai: GroupChurn;
  readonly other: GroupChurn;
  readonly merges: GroupChurn;
  /** AI commits by the kinds of evidence that flagged them (a commit may count under several). */
  readonly evidenceCounts: Readonly<Record<AiEvidenceKind, number>>;
  /** AI commits by assistant (a commit may name several), most commits first. */
  readonly assistants: readonly AssistantCount[];
  /** Every AI-assisted commit, most churned lines (longest window) first. */
  readonly aiCommits: readonly AiCommitChurn[];
  readonly repository: RepositoryFacts;
  /** A shallow clone's boundary commits and the lines they show, of unknown origin and counted nowhere. */
  readonly boundary: { readonly commits: number; readonly lines: number };
  /** Files whose content was unknown for part of the history (binary at some point, or not downloaded): lines there are of unknown origin. */
  readonly unknownContentFiles: number;
  /** Hunks that did not fit the lines tracked so far, and the first files they were in. */
  readonly inconsistencies: number;
  readonly inconsistentPaths: readonly string[];
  /** What the parser could not read in git's output. */
  readonly warnings: readonly ParseWarning[];
  /** What git itself said on stderr while the history was read (rename limits, missing objects, …). */
  readonly gitMessages: readonly string[];
}

export interface RetrospectiveOptions {
  /** Commits Deliberate itself recorded as AI-assisted (full hashes). */
  readonly knownAiCommits?: ReadonlySet<string>;
  readonly windowsDays?: readonly number[];
  /** A shallow clone's boundary commits (full hashes). */
  readonly boundary?: ReadonlySet<string>;
}

/** What arrives once the history has streamed: read alongside it, joined at the end. */
export interface RetrospectiveInputs {
  /** git-ai notes by commit. */
  readonly notes?: ReadonlyMap<string, GitAiNoteSummary>;
  /** What each mainline merge introduces (mergedBranches.ts); without it every merge is "mixed or unknown". */
  readonly merges?: ReadonlyMap<string, MergeIntroduction>;
  readonly repository?: RepositoryFacts;
  readonly gitMessages?: readonly string[];
}

const enum Group {
  Ai = 0,
  Other = 1,
  Merge = 2,
  /** A shallow boundary: in no group. */
  Boundary = 3,
}

export class HistoryRetrospective {
  private readonly parser = new GitLogParser((c) => this.addCommit(c));
  private readonly origins = new LineOrigins();
  private readonly windowsMs: number[];
  private readonly known: ReadonlySet<string>;
  private readonly boundarySet: ReadonlySet<string>;
  // Per commit, by index in feeding order. Plain arrays: 100,000 commits stay small.
  private readonly hashes: string[] = [];
  private readonly subjects: string[] = [];
  private readonly times: number[] = [];
  private readonly isMerge: boolean[] = [];
  private readonly added: number[] = [];
  /** Evidence from the commit itself, for the commits that have some. */
  private readonly evidence = new Map<number, AiEvidence[]>();
  /** churned[w][i]: lines of commit i removed within window w; rewrittenCount likewise for replacements. */
  private readonly churned: number[][];
  private readonly rewrittenCount: number[][];
  private boundaryCommits = 0;
  private boundaryLines = 0;
  private first: number | null = null;
  private last: number | null = null;

  constructor(private readonly options: RetrospectiveOptions = {}) {
    const days = options.windowsDays ?? DEFAULT_WINDOWS_DAYS;
    this.windowsMs = days.map((d) => d * DAY_MS);
    this.known = options.knownAiCommits ?? new Set();
    this.boundarySet = options.boundary ?? new Set();
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
  finish(inputs: RetrospectiveInputs = {}): HistoryReviewResult {
    this.parser.end();
    return this.result(inputs);
  }

  /** One commit, oldest first (what the parser emits; the partial-clone reader builds them itself). */
  addCommit(c: ParsedCommit): void {
    const index = this.times.length;
    const time = c.authorTime;
    const boundary = this.boundarySet.has(c.hash);
    this.hashes.push(c.hash);
    this.subjects.push((c.message.split('\n', 1)[0] ?? '').slice(0, 200));
    this.times.push(time);
    this.isMerge.push(c.parents.length > 1);
    this.first = this.first === null ? time : Math.min(this.first, time);
    this.last = this.last === null ? time : Math.max(this.last, time);
    const evidence = aiEvidence({ hash: c.hash, authorName: c.authorName, authorEmail: c.authorEmail, message: c.message }, this.known);
    if (evidence.length > 0) this.evidence.set(index, evidence);
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
    // A boundary commit's lines were written before the history this clone holds: origin unknown.
    const author = boundary ? UNKNOWN_ORIGIN : index;
    for (const file of c.files) {
      // Lock files are never tracked (a rename between a lock file and a source file is tracked as both).
      const newGenerated = file.newPath === null || isGeneratedPath(file.newPath);
      const oldGenerated = file.oldPath === null || isGeneratedPath(file.oldPath);
      if (newGenerated && oldGenerated) continue;
      // From a lock file to a source file: the old lines were never tracked, so they are unknown, not missing.
      added += this.origins.apply(author, file, sink, oldGenerated && file.oldPath !== null);
    }
    if (boundary) {
      this.boundaryCommits++;
      this.boundaryLines += added;
      added = 0;
    }
    this.added.push(added);
  }

  private result(inputs: RetrospectiveInputs): HistoryReviewResult {
    const days = this.options.windowsDays ?? DEFAULT_WINDOWS_DAYS;
    const judgedAt = this.last;
    const eligible = (i: number, w: number) => judgedAt !== null && judgedAt - this.times[i]! >= this.windowsMs[w]!;
    // Group each commit now that notes and merges are known.
    const groups: Group[] = [];
    const aiEvidenceOf = new Map<number, AiEvidence[]>();
    for (let i = 0; i < this.times.length; i++) {
      if (this.boundarySet.has(this.hashes[i]!)) {
        groups.push(Group.Boundary);
        continue;
      }
      const evidence = [...(this.evidence.get(i) ?? [])];
      const note = noteEvidence(inputs.notes?.get(this.hashes[i]!));
      if (note !== undefined) evidence.push(note);
      let group = evidence.length > 0 ? Group.Ai : Group.Other;
      if (group === Group.Other && this.isMerge[i]) {
        const intro = inputs.merges?.get(this.hashes[i]!);
        if (intro === undefined || intro.introduced === 0 || (intro.aiIntroduced > 0 && intro.aiIntroduced < intro.introduced)) group = Group.Merge;
        else if (intro.aiIntroduced === intro.introduced) {
          group = Group.Ai;
          const detail = `merged branch of ${intro.introduced} AI-assisted commit${intro.introduced === 1 ? '' : 's'}`;
          for (const tool of intro.tools) evidence.push({ kind: 'branch', tool, detail });
        }
      }
      groups.push(group);
      if (group === Group.Ai) aiEvidenceOf.set(i, unique(evidence));
    }
    const group = (g: Group): GroupChurn => {
      let commits = 0;
      let linesAdded = 0;
      let largest = -1;
      const windows = days.map(() => ({ eligibleCommits: 0, eligibleLinesAdded: 0, rewritten: 0, deleted: 0 }));
      for (let i = 0; i < groups.length; i++) {
        if (groups[i] !== g) continue;
        commits++;
        linesAdded += this.added[i]!;
        if (this.added[i]! > 0 && (largest < 0 || this.added[i]! > this.added[largest]!)) largest = i;
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
        largest: largest < 0 ? null : { hash: this.hashes[largest]!, subject: this.subjects[largest]!, linesAdded: this.added[largest]!, share: this.added[largest]! / linesAdded },
      };
    };
    const evidenceCounts = Object.fromEntries(AI_EVIDENCE_KINDS.map((k) => [k, 0])) as Record<AiEvidenceKind, number>;
    // A Map, not an object: a tool named "constructor" or "__proto__" (a note says what it likes) is just a name.
    const toolCounts = new Map<string, number>();
    const aiCommits: AiCommitChurn[] = [];
    for (const [i, evidence] of aiEvidenceOf) {
      for (const kind of new Set(evidence.map((e) => e.kind))) evidenceCounts[kind]++;
      for (const tool of new Set(evidence.map((e) => e.tool))) toolCounts.set(tool, (toolCounts.get(tool) ?? 0) + 1);
      aiCommits.push({
        hash: this.hashes[i]!,
        subject: this.subjects[i]!,
        authorTime: this.times[i]!,
        merge: this.isMerge[i]!,
        evidence,
        linesAdded: this.added[i]!,
        windows: days.map((d, w) => ({ days: d, eligible: eligible(i, w), churned: this.churned[w]![i]! })),
      });
    }
    const longest = days.length - 1;
    aiCommits.sort((a, b) => (b.windows[longest]?.churned ?? 0) - (a.windows[longest]?.churned ?? 0) || b.authorTime - a.authorTime);
    const byName = (a: string, b: string) => {
      const x = a.toLowerCase();
      const y = b.toLowerCase();
      return x < y ? -1 : x > y ? 1 : 0;
    };
    const assistants = [...toolCounts].map(([tool, commits]) => ({ tool, commits })).sort((a, b) => b.commits - a.commits || byName(a.tool, b.tool));
    return {
      judgedAt,
      windowsDays: [...days],
      commitsScanned: this.times.length,
      firstCommitTime: this.first,
      lastCommitTime: this.last,
      ai: group(Group.Ai),
      other: group(Group.Other),
      merges: group(Group.Merge),
      evidenceCounts,
      assistants,
      aiCommits,
      repository: inputs.repository ?? { ...FULL_CLONE, shallow: this.boundaryCommits > 0 },
      boundary: { commits: this.boundaryCommits, lines: this.boundaryLines },
      unknownContentFiles: this.origins.unknownContentPaths.size,
      inconsistencies: this.origins.inconsistencies,
      inconsistentPaths: [...this.origins.inconsistentPaths],
      warnings: [...this.parser.warnings],
      gitMessages: [...(inputs.gitMessages ?? [])],
    };
  }
}
