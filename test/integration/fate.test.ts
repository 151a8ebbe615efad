import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { diffChars } from 'diff';
import * as vscode from 'vscode';
import type { MetricEvent } from '../../src/core/metrics';
import { acceptInlineSuggestion, closeAllEditors, deliberateApi, ObservationLog, sleep, waitFor, workspaceRoot } from './helpers';

/**
 * The fate of AI code in real VS Code: an accepted suggestion is followed through a hand
 * revision, a commit in the real git repository, a rename, and a restart of observation
 * (the same persistence a window reload goes through).
 */
describe('fate of AI edits', () => {
  let log: ObservationLog;
  const disposables: vscode.Disposable[] = [];
  const metrics: MetricEvent[] = [];

  beforeEach(async () => {
    const api = await deliberateApi();
    log = new ObservationLog(api);
    disposables.push(log, api.onDidEmitMetric((e) => metrics.push(e)));
  });
  afterEach(async () => {
    disposables.splice(0).forEach((d) => d.dispose());
    await closeAllEditors();
  });

  const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd: workspaceRoot().fsPath, encoding: 'utf8' }).trim();

  /** Replaces the first occurrence of `find` in the editor's text, as typing over a selection would. */
  async function replaceText(editor: vscode.TextEditor, find: string, replacement: string): Promise<void> {
    const at = editor.document.getText().indexOf(find);
    assert.ok(at >= 0, `"${find}" in the document`);
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + find.length)), replacement));
  }

  it('records what a commit made of an accepted suggestion revised by hand: in the commit, how much revised, not run', async () => {
    const api = await deliberateApi();
    const prefix = 'export function mean(xs: number[]): number {\n  ';
    const suggestion = 'return xs.reduce((a, b) => a + b, 0) / xs.length;';
    const { editor, docId, document } = await acceptInlineSuggestion(log, disposables, 'src/fate-commit.ts', prefix, '\n}\n', suggestion);
    await waitFor('the acceptance to be followed', () => api.fates().find((f) => f.doc === docId), 3_000);
    // Revise about half of it by hand.
    await replaceText(editor, '(a, b) => a + b', '(sum, x) => sum + x');
    await replaceText(editor, 'xs.length', 'Math.max(xs.length, 1)');
    await sleep(1500); // the revisions settle as the person's own typing
    await document.save();
    git('add', 'src/fate-commit.ts');
    git('commit', '-q', '-m', 'mean, revised by hand');
    const head = git('rev-parse', 'HEAD');
    const fate = await waitFor('the commit to be read for the AI edit', () => api.fates().find((f) => f.doc === docId && f.commit !== null), 15_000);

    // The AI text ran from `return` to the `;` still there: diff it against that stretch of the commit.
    const committedLine = git('show', `${head}:src/fate-commit.ts`).split('\n')[1]!.trim();
    let removed = 0;
    for (const part of diffChars(suggestion, committedLine)) if (part.removed) removed += part.value.length;
    assert.deepEqual(
      { head: fate.commit!.head, removed: fate.commit!.removedChars, revisedShare: fate.commit!.revisedShare, ranBeforeCommit: fate.ranBeforeCommit, outcome: fate.outcome, atCommit: fate.atCommit },
      { head, removed, revisedShare: removed / suggestion.length, ranBeforeCommit: false, outcome: 'revised', atCommit: suggestion.length - '(a, b) => a + b'.length - 'xs.length'.length },
    );
    // Retention counts each replaced character as gone (24 of 49); the diff sees that most of
    // the inserted text is still in the commit around the person's additions.
    assert.ok(fate.commit!.revisedShare > 0 && fate.commit!.addedChars > 0, `revised share ${fate.commit!.revisedShare}`);
    // The store hears about it as counts: a commit with one AI edit, not run, and the edit's final fate.
    const commitEvent = await waitFor('the commit metric', () => metrics.find((e) => e.kind === 'commit' && e.head === head));
    assert.deepEqual(commitEvent.kind === 'commit' && [commitEvent.aiEdits, commitEvent.aiEditsRun, commitEvent.aiChars], [1, 0, suggestion.length]);
    const fateEvent = await waitFor('the fate metric', () => metrics.find((e) => e.kind === 'fate' && e.chars === suggestion.length && e.committed === true));
    assert.deepEqual(fateEvent.kind === 'fate' && [fateEvent.assistant, fateEvent.outcome, fateEvent.ranBeforeCommit], ['inline', 'revised', false]);
    // ...and keeps them: the progress view's model counts the committed, unrun AI edit this week.
    const week = await waitFor('the commit in the stored progress', async () => {
      const w = (await api.metrics.progress()).ranges.week;
      return w.validation.commitsWithAi > 0 && w.fates.committed > 0 ? w : undefined;
    });
    assert.ok(week.validation.committedAiEdits >= 1 && week.fates.revised >= 1, JSON.stringify(week.validation));
  });

  it('follows an AI edit through a rename and a restart of observation, finding it again by its fingerprint', async function () {
    this.timeout(60_000);
    const api = await deliberateApi();
    const prefix = 'export function greet(name: string): string {\n  ';
    const suggestion = 'return `Hello, ${name.trim()}! Welcome back.`;';
    const { docId } = await acceptInlineSuggestion(log, disposables, 'src/fate-rename.ts', prefix, '\n}\n', suggestion);
    await waitFor('the acceptance to be followed', () => api.fates().find((f) => f.doc === docId), 3_000);

    // Rename in the editor: the document keeps its id, the span its characters.
    const from = vscode.Uri.joinPath(workspaceRoot(), 'src/fate-rename.ts');
    const to = vscode.Uri.joinPath(workspaceRoot(), 'src/fate-renamed.ts');
    const rename = new vscode.WorkspaceEdit();
    rename.renameFile(from, to);
    assert.ok(await vscode.workspace.applyEdit(rename), 'rename applied');
    const renamed = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(to));
    await replaceText(renamed, ' Welcome back.', '');
    await sleep(1500);
    const afterRename = api.fates().find((f) => f.doc === docId)!;
    assert.deepEqual([afterRename.originalChars, afterRename.atEnd], [suggestion.length, suggestion.length - ' Welcome back.'.length]);

    // Switch observation off and on: the followed edit is saved (fingerprints, no code) and restored, as across a reload.
    const config = vscode.workspace.getConfiguration('deliberate');
    await config.update('enabled', false, vscode.ConfigurationTarget.Global);
    await config.update('enabled', true, vscode.ConfigurationTarget.Global);
    const restored = await waitFor('the restored edit', () => api.fates().find((f) => f.i < 0 && f.originalChars === suggestion.length));
    assert.deepEqual([restored.doc, restored.atEnd, restored.lost], [docId, suggestion.length - ' Welcome back.'.length, 0]);
    // Found again, it keeps following: the person trims part of it.
    await replaceText(renamed, '.trim()', '');
    await sleep(1500);
    const followed = api.fates().find((f) => f.i === restored.i)!;
    assert.equal(followed.atEnd, restored.atEnd - '.trim()'.length);
    assert.equal(followed.outcome, 'revised');
  });
});
