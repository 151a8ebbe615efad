import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HistoryReviewResult } from '../../src/core/history/retrospective';
import { acceptInlineSuggestion, closeAllEditors, deliberateApi, ObservationLog, waitFor, workspaceRoot } from './helpers';
import { testGit } from '../support/historyRepo';
import { armRepository, markerProgram } from '../support/hostileGit';

const DAY = 86_400_000;

/** A real repository with controlled dates: an AI commit whose lines are partly rewritten 5 days later, human lines that survive. */
function makeRepository(): { dir: string; newest: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deliberate-history-it-'));
  const now = Date.now();
  const git = (args: string[], at?: number) => {
    const date = at === undefined ? undefined : `${Math.floor(at / 1000)} +0000`;
    execFileSync('git', ['-c', 'user.name=Pat Human', '-c', 'user.email=pat@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
      cwd: dir,
      env: { ...process.env, ...(date === undefined ? {} : { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }) },
      stdio: 'pipe',
    });
  };
  const lines = (prefix: string, n: number) => Array.from({ length: n }, (_, k) => `export const ${prefix}${k + 1} = ${k + 1};`);
  git(['init', '-q']);
  writeFileSync(path.join(dir, 'human.ts'), lines('human', 10).join('\n') + '\n');
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'Add the human module'], now - 60 * DAY);
  const ai = lines('ai', 8);
  writeFileSync(path.join(dir, 'ai.ts'), ai.join('\n') + '\n');
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'Add the AI module\n\nCo-authored-by: Claude <noreply@anthropic.com>'], now - 50 * DAY);
  // Five days later: lines 2-4 of the AI module rewritten by hand, line 8 deleted.
  const revised = [ai[0]!, 'export const ai2 = 20;', 'export const ai3 = 30;', 'export const ai4 = 40;', ...ai.slice(4, 7)];
  writeFileSync(path.join(dir, 'ai.ts'), revised.join('\n') + '\n');
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'Rework the AI module'], now - 45 * DAY);
  // The newest commit: windows are judged at it, so the history goes on 40 days after the AI commit.
  writeFileSync(path.join(dir, 'later.ts'), 'export const later = 1;\n');
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'Add a later module'], now - 10 * DAY);
  return { dir, newest: Math.floor((now - 10 * DAY) / 1000) * 1000 };
}

describe('history retrospective', () => {
  afterEach(closeAllEditors);

  it('reviews a real repository: AI lines rewritten 5 days later, human lines kept', async () => {
    await deliberateApi();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('deliberate.reviewHistory'), 'the command is registered');
    const { dir, newest } = makeRepository();
    const result = await vscode.commands.executeCommand<HistoryReviewResult | undefined>('deliberate.reviewHistory', dir);
    assert.ok(result, 'the command returns the figures');
    assert.equal(result.commitsScanned, 4);
    assert.equal(result.judgedAt, newest, 'judged at the newest commit');
    assert.equal(result.ai.commits, 1);
    assert.equal(result.ai.linesAdded, 8);
    for (const w of result.ai.windows) {
      assert.deepEqual(w, { days: w.days, eligibleCommits: 1, eligibleLinesAdded: 8, rewritten: 3, deleted: 1, share: 0.5 }, `AI commit, ${w.days} days`);
    }
    assert.equal(result.other.commits, 3);
    assert.equal(result.other.linesAdded, 14);
    for (const w of result.other.windows) {
      assert.deepEqual(w, { days: w.days, eligibleCommits: 2, eligibleLinesAdded: 13, rewritten: 0, deleted: 0, share: 0 }, `other commits, ${w.days} days`);
    }
    assert.deepEqual(result.evidenceCounts, { trailer: 1, author: 0, message: 0, review: 0, note: 0, recorded: 0, branch: 0 });
    assert.equal(result.aiCommits[0]!.subject, 'Add the AI module');
    assert.deepEqual(
      result.aiCommits[0]!.windows.map((w) => w.churned),
      [4, 4],
    );
    // The figures are shown in the history panel.
    await waitFor('the history panel', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('deliberate.history') && t.label === 'AI Code in Repository History'),
    );
  });

  it('returns nothing for a folder that is not a repository', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deliberate-history-none-'));
    const result = await vscode.commands.executeCommand<HistoryReviewResult | undefined>('deliberate.reviewHistory', vscode.Uri.file(dir));
    assert.equal(result, undefined);
  });
});

/**
 * The commit check and the history review in a repository whose .git/config names a program
 * for every way git can run one (test/support/hostileGit.ts): git runs, the program never
 * does. VS Code's own git extension also reads this workspace and does run it, so the trap
 * records which git ran it, and only Deliberate's commands are looked for.
 */
describe('git in a hostile repository', function () {
  this.timeout(60_000);
  const disposables: vscode.Disposable[] = [];
  let disarm: (() => void) | undefined;
  afterEach(async () => {
    disposables.splice(0).forEach((d) => d.dispose());
    disarm?.();
    disarm = undefined;
    await closeAllEditors();
  });

  it("reads a commit of AI code, and the history, without running the repository's programs", async () => {
    const api = await deliberateApi();
    const log = new ObservationLog(api);
    disposables.push(log);
    const cwd = workspaceRoot().fsPath;
    const trap = markerProgram(mkdtempSync(path.join(os.tmpdir(), 'deliberate-trap-')));
    disarm = armRepository(path.join(cwd, '.git'), trap);
    const { docId, document } = await acceptInlineSuggestion(log, disposables, 'src/hostile.ts', 'export function twice(x: number): number {\n  ', '\n}\n', 'return x * 2;');
    await waitFor('the AI edit to be followed', () => api.fates().find((f) => f.doc === docId));
    await document.save();
    testGit(cwd, ['add', 'src/hostile.ts']);
    testGit(cwd, ['commit', '-q', '-m', 'twice']);
    const head = testGit(cwd, ['rev-parse', 'HEAD']).trim();
    // The commit check ran: it listed the commit's files and read the file as committed.
    const fate = await waitFor('the commit check to read the commit', () => api.fates().find((f) => f.doc === docId && f.commit !== null), 20_000);
    assert.equal(fate.commit!.head, head);
    const result = await vscode.commands.executeCommand<HistoryReviewResult | undefined>('deliberate.reviewHistory', cwd);
    assert.ok(result && result.commitsScanned >= 2);
    const ours = trap
      .ran()
      .split('\n')
      .filter((line) => /diff-tree .*--no-commit-id|cat-file blob|rev-parse --show-toplevel|log .*--unified=0|log .*--format=%x00|cat-file --batch/.test(line));
    assert.deepEqual(ours, [], 'no program the repository names ran from a git Deliberate started');
  });
});
