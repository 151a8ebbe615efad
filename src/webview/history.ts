/**
 * Browser side of the "AI code in repository history" panel. Says `ready`, then renders the
 * figures the host sends. Messages are validated on arrival; the DOM is built with
 * textContent only (commit subjects are the person's own data, never parsed as HTML).
 */
import { historyHostToWebviewSchema, type HistoryView, type HistoryWebviewToHost } from '../shared/historyMessages';
import { CHURN_NOTE, day, evidenceLabel, percent, reviewNotes } from '../shared/historyReport';
import { el, table, vscodeApi } from './dom';

const vscode = vscodeApi<HistoryWebviewToHost>();
const app = document.getElementById('app')!;
const fmt = (n: number) => n.toLocaleString('en-US');

function churnCell(group: HistoryView['ai'], w: number): string {
  const win = group.windows[w];
  if (group.commits === 0) return '—';
  if (win === undefined || win.eligibleCommits === 0) return 'no commit with that much history after it';
  if (win.eligibleLinesAdded === 0) return `no lines added (${fmt(win.eligibleCommits)} commits)`;
  return `${percent(win.share)} of ${fmt(win.eligibleLinesAdded)} lines (${fmt(win.eligibleCommits)} commits)`;
}

function render(view: HistoryView): void {
  const children: Node[] = [];
  children.push(el('h1', 'AI code in repository history'));
  children.push(
    el(
      'p',
      `${view.folder}: ${fmt(view.commitsScanned)} commit${view.commitsScanned === 1 ? '' : 's'} on the current branch (first parent), ${day(view.firstCommitTime)} to ${day(view.lastCommitTime)}. Read from this machine's clone only; nothing leaves it.`,
      'muted',
    ),
  );
  if (view.ai.commits === 0) {
    children.push(
      el(
        'p',
        'No AI-assisted commits found. Deliberate looked for commit trailers naming an assistant (such as "Co-authored-by: Claude" or "Assisted-by: GitHub Copilot"), commits authored by an assistant’s bot account, "Generated with …" lines, git-ai notes under refs/notes/ai, and commits it recorded itself. The figures for the other commits are below.',
        'notice',
      ),
    );
  }
  const headers = ['', 'Commits', 'Lines added', ...view.windowsDays.map((d) => `Rewritten or deleted within ${d} days`)];
  const rows: (string | number)[][] = [
    ['AI-assisted commits', fmt(view.ai.commits), fmt(view.ai.linesAdded), ...view.windowsDays.map((_, w) => churnCell(view.ai, w))],
    ['Other commits', fmt(view.other.commits), fmt(view.other.linesAdded), ...view.windowsDays.map((_, w) => churnCell(view.other, w))],
  ];
  if (view.merges.commits > 0) rows.push(['Merges of mixed or unknown branches (not compared)', fmt(view.merges.commits), fmt(view.merges.linesAdded), ...view.windowsDays.map((_, w) => churnCell(view.merges, w))]);
  children.push(table('Share of added lines that a later commit rewrote or deleted', headers, rows, 'churn'));

  if (view.ai.commits > 0) {
    const evidenceRows = view.evidenceCounts.filter((e) => e.commits > 0).map((e) => [evidenceLabel(e.kind), fmt(e.commits)]);
    evidenceRows.push(['Assistants named', view.assistants.map((a) => `${a.tool} (${fmt(a.commits)})`).join(', ')]);
    children.push(table('How AI-assisted commits were identified (a commit can show several signs)', ['Evidence', 'Commits'], evidenceRows, 'evidence'));
    if (view.topAiCommits.length > 0) {
      children.push(
        table(
          `AI-assisted commits with the most lines rewritten or deleted (top ${view.topAiCommits.length}; merges are counted above, not listed)`,
          ['Commit', 'Subject', 'Lines added', ...view.windowsDays.map((d) => `Within ${d} days`)],
          view.topAiCommits.map((c) => [c.short, c.subject, fmt(c.linesAdded), ...c.windows.map((w) => `${fmt(w.churned)}${w.eligible ? '' : ' (history too short after it)'}`)]),
          'top',
        ),
      );
    }
  }
  const notes = reviewNotes(view, view.warnings);
  if (notes.length > 0) {
    children.push(el('h2', 'About this history'));
    for (const n of notes) children.push(el('p', n, 'muted'));
  }
  if (view.warnings > 0) children.push(el('p', `${fmt(view.warnings)} parts of git's output could not be read; see the Deliberate output channel.`, 'muted'));
  if (view.gitMessages.length > 0) {
    children.push(el('h2', 'What git said'));
    for (const m of view.gitMessages) children.push(el('p', m, 'muted'));
  }
  children.push(el('h2', 'What these figures mean'));
  children.push(el('p', CHURN_NOTE));
  app.replaceChildren(...children);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = historyHostToWebviewSchema.safeParse(event.data);
  if (!parsed.success) {
    console.warn('Deliberate: ignored a malformed message', parsed.error.issues);
    return;
  }
  vscode.setState(parsed.data);
  render(parsed.data.view);
});

const saved = historyHostToWebviewSchema.safeParse(vscode.getState());
if (saved.success) render(saved.data.view);
vscode.postMessage({ type: 'ready' });
