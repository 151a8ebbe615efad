/**
 * Words and numbers for the history retrospective, shared by the command line and the
 * webview so both say the same thing the same way.
 */
import type { GroupChurn, HistoryReviewResult } from '../core/history/retrospective';

export function percent(share: number | null): string {
  if (share === null) return '—';
  const p = share * 100;
  return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
}

/** "12.3% of 4,500 lines (38 commits)" for one window of one group. */
export function windowCell(group: GroupChurn, w: number): string {
  const win = group.windows[w];
  if (group.commits === 0) return '—';
  if (win === undefined || win.eligibleLinesAdded === 0) return win !== undefined && win.eligibleCommits > 0 ? `no lines added (${win.eligibleCommits} commits)` : 'no commit old enough';
  return `${percent(win.share)} of ${win.eligibleLinesAdded.toLocaleString('en-US')} lines`;
}

export const EVIDENCE_LABELS: Readonly<Record<string, string>> = {
  trailer: 'Commit trailer naming an assistant (Co-authored-by, Generated-by, Assisted-by, …)',
  author: "Commit authored by an assistant's bot account",
  message: 'A "Generated with …" line in the commit message',
  note: 'git-ai authorship note (refs/notes/ai)',
  recorded: 'Recorded by Deliberate',
  branch: 'Merge of a branch whose commits are all AI-assisted',
};

/**
 * What the figures mean and do not mean. GitClear's finding is correlational
 * (../shared/notes/coaching-evidence.md, Iterate): it must not be presented as a verdict.
 */
export const CHURN_NOTE =
  'Churn here is the share of added lines that a later commit on this branch rewrote or deleted within 14 or 30 days. ' +
  "GitClear found code churn (lines reverted or modified within two weeks) rose in the AI era; that finding is correlational, not attributed line by line, and so is this one: " +
  'AI-assisted commits may differ from the others in size, kind of work and author. Churn is not always bad (iteration rewrites drafts on purpose). ' +
  'Commits are counted only once they are old enough for the window; merges of branches that mix AI-assisted and other commits, binary files and lock files are left out.';

export function formatHistoryReport(result: HistoryReviewResult): string {
  const lines: string[] = [];
  const when = (t: number | null) => (t === null ? '?' : new Date(t).toISOString().slice(0, 10));
  lines.push(`Commits scanned (current branch, first parent): ${result.commitsScanned}, ${when(result.firstCommitTime)} to ${when(result.lastCommitTime)}`);
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
    lines.push('No AI-assisted commits found: no assistant trailers, bot authors, git-ai notes or commits recorded by Deliberate.');
  } else {
    lines.push('How AI-assisted commits were identified:');
    for (const [kind, n] of Object.entries(result.evidenceCounts)) if (n > 0) lines.push(`  ${EVIDENCE_LABELS[kind] ?? kind}: ${n}`);
    lines.push(`  Assistants: ${Object.entries(result.toolCounts).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    const top = result.aiCommits.filter((c) => c.windows.some((w) => w.churned > 0)).slice(0, 10);
    if (top.length > 0) {
      lines.push('');
      lines.push(`AI-assisted commits with the most churned lines (within ${result.windowsDays.at(-1)} days):`);
      for (const c of top) lines.push(`  ${c.hash.slice(0, 8)}  ${c.windows.at(-1)!.churned}/${c.linesAdded} lines  ${c.subject.slice(0, 72)}`);
    }
  }
  if (result.inconsistencies > 0) lines.push(`\n${result.inconsistencies} hunks did not match the tracked files (shallow clone?); lines of unknown origin are not counted.`);
  lines.push('');
  lines.push(CHURN_NOTE);
  return lines.join('\n');
}
