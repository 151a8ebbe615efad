/**
 * Words and numbers for the history retrospective, shared by the command line and the
 * webview so both say the same thing the same way.
 */
import type { GroupChurn, HistoryReviewResult, RepositoryFacts } from '../core/history/retrospective';

export function percent(share: number | null): string {
  if (share === null) return '—';
  const p = share * 100;
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
}

/** A commit holding at least this share of its group's lines is named in the report: the figure is mostly about it. */
export const LARGE_COMMIT_SHARE = 0.25;

const fmt = (n: number) => n.toLocaleString('en-US');
export const day = (t: number | null) => (t === null ? '?' : new Date(t).toISOString().slice(0, 10));

type GroupLike = Pick<GroupChurn, 'commits' | 'windows'>;

/** "12.3% of 4,500 lines" for one window of one group. */
export function windowCell(group: GroupLike, w: number): string {
  const win = group.windows[w];
  if (group.commits === 0) return '—';
  if (win === undefined || win.eligibleCommits === 0) return 'no commit old enough';
  if (win.eligibleLinesAdded === 0) return `no lines added (${fmt(win.eligibleCommits)} commits)`;
  return `${percent(win.share)} of ${fmt(win.eligibleLinesAdded)} lines`;
}

export const EVIDENCE_LABELS: ReadonlyMap<string, string> = new Map([
  ['trailer', 'Commit trailer naming an assistant (Co-authored-by, Generated-by, Assisted-by, …)'],
  ['author', "Commit authored by an assistant's bot account"],
  ['message', 'A "Generated with …" line in the commit message'],
  ['review', 'A suggestion from an AI review bot, committed (Ellipsis, Greptile, cubic, Aikido, CodeRabbit)'],
  ['note', 'git-ai authorship note (refs/notes/ai)'],
  ['recorded', 'Recorded by Deliberate'],
  ['branch', 'Merge of a branch whose commits are all AI-assisted'],
]);

export function evidenceLabel(kind: string): string {
  return EVIDENCE_LABELS.get(kind) ?? kind;
}

/**
 * What the figures mean and do not mean. GitClear's finding is correlational
 * (../shared/notes/coaching-evidence.md, Iterate): it must not be presented as a verdict.
 */
export const CHURN_NOTE =
  'Churn here is the share of added lines that a later commit on this branch rewrote or deleted within 14 or 30 days. ' +
  "GitClear found code churn (lines reverted or modified within two weeks) rose in the AI era; that finding is correlational, not attributed line by line, and so is this one: " +
  'AI-assisted commits may differ from the others in size, kind of work and author. Churn is not always bad (iteration rewrites drafts on purpose). ' +
  'A commit counts for a window only when the history goes on that long after it (judged at the newest commit, not today); merges of branches that mix AI-assisted and other commits, binary files and lock files are left out.';

/** What the caveats need: the result, or the panel's copy of it. */
export interface ReviewFacts {
  readonly judgedAt: number | null;
  readonly repository: RepositoryFacts;
  readonly boundary: { readonly commits: number; readonly lines: number };
  readonly unknownContentFiles: number;
  readonly inconsistencies: number;
  readonly inconsistentPaths: readonly string[];
  readonly ai: { readonly commits: number; readonly linesAdded: number; readonly largest: { readonly hash: string; readonly subject: string; readonly linesAdded: number; readonly share: number } | null };
  readonly other: ReviewFacts['ai'];
}

/** The sentences that say what was read and what may bend the figures: the same on the command line and in the panel. */
export function reviewNotes(r: ReviewFacts, unreadParts: number): string[] {
  const notes: string[] = [];
  if (r.judgedAt !== null) notes.push(`Windows are judged at the newest commit (${day(r.judgedAt)}), not today: a commit counts for the 30-day figure only if the history goes on 30 days after it.`);
  if (r.repository.bare) notes.push('This is a bare repository: its history was read as it is (there is no working tree).');
  if (r.repository.shallow) {
    notes.push(
      r.boundary.commits > 0
        ? `This is a shallow clone: its history stops at ${fmt(r.boundary.commits)} boundary commit${r.boundary.commits === 1 ? '' : 's'}, which show the whole tree (${fmt(r.boundary.lines)} lines) as added. Those lines are of unknown origin and counted in neither group. Fetch the full history (git fetch --unshallow) to review it all.`
        : 'This is a shallow clone; the reviewed branch does not reach its boundary.',
    );
  }
  if (r.repository.partial) {
    notes.push(
      r.repository.missingObjects > 0
        ? `This is a partial clone: ${fmt(r.repository.missingObjects)} contents of this history were never downloaded, and Deliberate fetched none. Files with a missing content count their lines as of unknown origin from then on, and renames are followed only when the content did not change.`
        : 'This is a partial clone, but every content this history needs is here.',
    );
  }
  if (r.unknownContentFiles > 0) notes.push(`${fmt(r.unknownContentFiles)} file${r.unknownContentFiles === 1 ? ' was' : 's were'} binary (or not downloaded) for part of the history: lines there from before are of unknown origin and charged to no one.`);
  if (r.inconsistencies > 0) {
    const where = r.inconsistentPaths.length > 0 ? ` (in ${r.inconsistentPaths.join(', ')}${r.inconsistencies > r.inconsistentPaths.length ? ', …' : ''})` : '';
    const why =
      unreadParts > 0
        ? `they follow ${fmt(unreadParts)} part${unreadParts === 1 ? '' : 's'} of git's output Deliberate could not read (see the warnings), after which a file's lines are no longer known`
        : "git's diffs of a full history always fit, so this is a fault in Deliberate's reading: please report it with the file names";
    notes.push(`${fmt(r.inconsistencies)} change${r.inconsistencies === 1 ? '' : 's'} did not fit the lines tracked so far${where}: ${why}. Lines of unknown origin there are not counted.`);
  }
  for (const [name, g] of [['AI-assisted', r.ai], ['other', r.other]] as const) {
    const big = g.largest;
    if (big !== null && g.commits > 1 && big.share >= LARGE_COMMIT_SHARE) {
      notes.push(`One commit holds ${percent(big.share)} of the lines the ${name} commits added (${big.hash.slice(0, 8)} "${big.subject.slice(0, 60)}", ${fmt(big.linesAdded)} lines): that group's figures are mostly about it.`);
    }
  }
  return notes;
}

/** The most-churned AI commits to list: merges carry whole branches, so they are counted but not listed. */
export function topChurned<T extends { merge: boolean; windows: readonly { churned: number }[] }>(commits: readonly T[], n: number): T[] {
  return commits.filter((c) => !c.merge && c.windows.some((w) => w.churned > 0)).slice(0, n);
}

export function formatHistoryReport(result: HistoryReviewResult): string {
  const lines: string[] = [];
  lines.push(`Commits scanned (current branch, first parent): ${result.commitsScanned}, ${day(result.firstCommitTime)} to ${day(result.lastCommitTime)}`);
  lines.push('');
  const header = ['', 'Commits', 'Lines added', ...result.windowsDays.map((d) => `Churned within ${d} days`)];
  const rows = [
    ['AI-assisted commits', String(result.ai.commits), String(result.ai.linesAdded), ...result.windowsDays.map((_, w) => windowCell(result.ai, w))],
    ['Other commits', String(result.other.commits), String(result.other.linesAdded), ...result.windowsDays.map((_, w) => windowCell(result.other, w))],
  ];
  if (result.merges.commits > 0) rows.push(['Merges of mixed or unknown branches (not compared)', String(result.merges.commits), String(result.merges.linesAdded), ...result.windowsDays.map((_, w) => windowCell(result.merges, w))]);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  for (const row of [header, ...rows]) lines.push(row.map((cell, k) => cell.padEnd(widths[k]!)).join('  ').trimEnd());
  lines.push('');
  if (result.ai.commits === 0) {
    lines.push('No AI-assisted commits found: no assistant trailers, bot authors, review bot suggestions, git-ai notes or commits recorded by Deliberate.');
  } else {
    lines.push('How AI-assisted commits were identified:');
    for (const [kind, n] of Object.entries(result.evidenceCounts)) if (n > 0) lines.push(`  ${evidenceLabel(kind)}: ${n}`);
    lines.push(`  Assistants: ${result.assistants.map((a) => `${a.tool} ${a.commits}`).join(', ')}`);
    const top = topChurned(result.aiCommits, 10);
    if (top.length > 0) {
      lines.push('');
      lines.push(`AI-assisted commits with the most churned lines (within ${result.windowsDays.at(-1)} days; merges not listed):`);
      for (const c of top) lines.push(`  ${c.hash.slice(0, 8)}  ${c.windows.at(-1)!.churned}/${c.linesAdded} lines  ${c.subject.slice(0, 72)}`);
    }
  }
  const notes = reviewNotes(result, result.warnings.length);
  if (notes.length > 0) {
    lines.push('');
    for (const n of notes) lines.push(`Note: ${n}`);
  }
  if (result.gitMessages.length > 0) {
    lines.push('');
    lines.push('git said:');
    for (const m of result.gitMessages) lines.push(`  ${m}`);
  }
  lines.push('');
  lines.push(CHURN_NOTE);
  return lines.join('\n');
}
