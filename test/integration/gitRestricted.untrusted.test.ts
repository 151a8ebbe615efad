import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HistoryReviewResult } from '../../src/core/history/retrospective';
import { testGit } from '../support/historyRepo';
import { armRepository, markerProgram } from '../support/hostileGit';
import { acceptInlineSuggestion, closeAllEditors, deliberateApi, ObservationLog, sleep, waitFor, workspaceRoot } from './helpers';

/**
 * Runs in the restricted-mode pass (scripts/lib/layers.mjs): the workspace, a git repository,
 * is never trusted. Its .git/config names a program for every way git can run one
 * (test/support/hostileGit.ts); in Restricted Mode Deliberate runs no git at all, so the
 * program never runs, whatever Deliberate is asked to do. (VS Code's own git extension does
 * not run in Restricted Mode either.)
 */
describe('git in Restricted Mode', function () {
  this.timeout(60_000);
  const disposables: vscode.Disposable[] = [];
  let disarm: (() => void) | undefined;
  const trap = markerProgram(mkdtempSync(path.join(os.tmpdir(), 'deliberate-trap-')));

  before(() => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass opens the workspace in restricted mode');
    disarm = armRepository(path.join(workspaceRoot().fsPath, '.git'), trap);
  });
  after(() => disarm?.());
  afterEach(async () => {
    disposables.splice(0).forEach((d) => d.dispose());
    await closeAllEditors();
  });

  it('reviews no history, and the repository program never runs', async () => {
    await deliberateApi();
    const result = await vscode.commands.executeCommand<HistoryReviewResult | undefined>('deliberate.reviewHistory', workspaceRoot().fsPath);
    assert.equal(result, undefined, 'the review refuses in Restricted Mode (and says why)');
    assert.equal(trap.ran(), '');
  });

  it('makes the scratch project without git', async () => {
    const folder = vscode.Uri.file(path.join(mkdtempSync(path.join(os.tmpdir(), 'deliberate-scratch-')), 'project'));
    const created = await vscode.commands.executeCommand<vscode.Uri>('deliberate.createScratchWorkspace', { folder, open: false });
    assert.equal(created?.fsPath, folder.fsPath);
    assert.ok(existsSync(path.join(folder.fsPath, 'package.json')), 'the project files are there');
    assert.equal(existsSync(path.join(folder.fsPath, '.git')), false, 'no git ran to make its repository');
  });

  it('does not read a commit of AI code, and the repository program never runs', async () => {
    const api = await deliberateApi();
    const log = new ObservationLog(api);
    disposables.push(log);
    const cwd = workspaceRoot().fsPath;
    const { docId, document } = await acceptInlineSuggestion(log, disposables, 'src/restricted.ts', 'export function half(x: number): number {\n  ', '\n}\n', 'return x / 2;');
    await waitFor('the AI edit to be followed', () => api.fates().find((f) => f.doc === docId));
    await document.save();
    // The test's own git, with the repository's programs off; the reflog write is what Deliberate's watcher sees.
    const moved = new Promise<void>((resolve) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(workspaceRoot(), '.git/logs/HEAD'));
      disposables.push(watcher, watcher.onDidChange(() => resolve()));
    });
    testGit(cwd, ['add', 'src/restricted.ts']);
    testGit(cwd, ['commit', '-q', '-m', 'half']);
    await moved; // Deliberate's watcher got the same event in this extension host
    // Nothing happens next, which cannot be waited for as an event: give the watcher's settle
    // time (150 ms) and a git read ample time to have happened, then check it did not.
    await sleep(3_000);
    assert.equal(log.ofType('git').length, 0, 'no git observation: HEAD was not read');
    assert.equal(api.fates().find((f) => f.doc === docId)?.commit ?? null, null, 'the commit was not read');
    assert.equal(trap.ran(), '');
  });
});
