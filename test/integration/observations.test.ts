import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Observation } from '../../src/core/observation';
import { closeAllEditors, deliberateApi, ObservationLog, sleep, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

/** The adapter turns the editor's events into observations in the trace format. */
describe('editor observations', () => {
  let log: ObservationLog;

  beforeEach(async () => {
    log = new ObservationLog(await deliberateApi());
  });
  afterEach(async () => {
    log.dispose();
    await closeAllEditors();
  });

  it('observes open, typing with selection moves, undo, save and close of a document', async () => {
    const uri = await writeWorkspaceFile('src/typed.ts', 'const x = 1;\n');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const docId = await waitFor('doc.open', () => log.docIdOf('src/typed.ts'));
    const open = log.ofType('doc.open').find((o) => o.doc === docId)!;
    assert.equal(open.lang, 'typescript');
    assert.equal(open.text, 'const x = 1;\n');
    await waitFor('editor.active', () => log.ofType('editor.active').find((o) => o.doc === docId));

    editor.selection = new vscode.Selection(document.positionAt(12), document.positionAt(12));
    await vscode.commands.executeCommand('type', { text: ' ' });
    await vscode.commands.executeCommand('type', { text: '/' });
    await waitFor('two typing changes', () => (log.ofType('doc.change').filter((c) => c.doc === docId).length >= 2 ? true : undefined));
    // Save while dirty (saving a document undone back to its saved text does nothing). The
    // editor may auto save first (code-server saves after a delay by default); either way the
    // document ends saved and the save is observed.
    const saved = await document.save();
    assert.ok(saved || !document.isDirty, 'the document is saved');
    await waitFor('doc.save', () => log.ofType('doc.save').find((o) => o.doc === docId));
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => log.ofType('doc.change').find((c) => c.reason === 'undo'));

    const changes = log.ofType('doc.change').filter((c) => c.doc === docId);
    assert.deepEqual(
      changes.map((c) => [c.reason, c.changes]),
      [
        [null, [{ offset: 12, length: 0, text: ' ' }]],
        [null, [{ offset: 13, length: 0, text: '/' }]],
        ['undo', [{ offset: 12, length: 2, text: '' }]],
      ],
    );
    const selections = log.ofType('editor.selection').filter((s) => s.doc === docId);
    assert.ok(selections.some((s) => s.selections[0]?.active === 14), 'cursor after the typed characters');
    // Times are relative milliseconds that never go backwards.
    const ts = log.all.map((o) => o.t);
    assert.deepEqual(ts, [...ts].sort((a, b) => a - b));

  });

  it('observes files created and changed on disk by another program', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'generated', `out-${Date.now()}.txt`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('one'));
    const rel = vscode.workspace.asRelativePath(uri, false);
    await waitFor(`fs created ${rel}`, () => log.ofType('fs').find((o) => o.path === rel && o.change === 'created'), 15_000);
  });

  it('observes the files of a folder moved into the workspace, which the watcher reports as one folder', async () => {
    const { mkdirSync, renameSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const name = `moved-${Date.now()}`;
    // Made beside the workspace (same file system), then moved in whole: one rename.
    const staging = path.join(path.dirname(workspaceRoot().fsPath), name);
    mkdirSync(path.join(staging, 'lib', 'node_modules'), { recursive: true });
    writeFileSync(path.join(staging, 'index.ts'), 'export {};\n');
    writeFileSync(path.join(staging, 'lib', 'util.ts'), 'export const x = 1;\n');
    writeFileSync(path.join(staging, 'lib', 'node_modules', 'dep.js'), '');
    renameSync(staging, path.join(workspaceRoot().fsPath, name));
    const created = () => log.ofType('fs').filter((o) => o.change === 'created' && o.path?.startsWith(`${name}/`)).map((o) => o.path);
    await waitFor('both files reported', () => (created().includes(`${name}/index.ts`) && created().includes(`${name}/lib/util.ts`) ? true : undefined), 15_000);
    // Each once, and nothing from the dependency folder.
    const lib = created().filter((p) => p !== `${name}/lib`).sort();
    assert.deepEqual(lib, [`${name}/index.ts`, `${name}/lib/util.ts`]);
  });

  it('observes a test task: start and end with group and exit code', async () => {
    const task = new vscode.Task({ type: 'shell' }, vscode.TaskScope.Workspace, 'deliberate-it-test', 'deliberate-tests', new vscode.ShellExecution('exit 3'));
    task.group = vscode.TaskGroup.Test;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Never };
    await vscode.tasks.executeTask(task);
    const end = await waitFor('task end', () => log.ofType('task').find((o) => o.phase === 'end' && o.name === 'deliberate-it-test'), 20_000);
    assert.deepEqual(
      log.ofType('task').filter((o) => o.name === 'deliberate-it-test').map((o) => [o.phase, o.group]),
      [
        ['start', 'test'],
        ['end', 'test'],
      ],
    );
    assert.equal(end.exitCode, 3);
  });

  it('observes a commit in the workspace repository as a git observation', async function () {
    const { execFileSync } = await import('node:child_process');
    const cwd = workspaceRoot().fsPath;
    try {
      execFileSync('git', ['rev-parse', '--git-dir'], { cwd });
    } catch {
      assert.fail('the harness makes the test workspace a git repository');
    }
    await sleep(500); // the adapter reads the initial HEAD asynchronously at start
    await writeWorkspaceFile('committed.txt', `commit at ${Date.now()}\n`);
    execFileSync('git', ['add', 'committed.txt'], { cwd });
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', 'a commit from the test'], { cwd });
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const git = await waitFor('git observation for the new commit', () => log.ofType('git').find((o) => o.head === head), 15_000);
    assert.equal(git.op, 'commit');
    assert.equal(git.branch, 'main');
  });

  it("does not observe the editor's own settings file when a setting changes", async () => {
    const config = vscode.workspace.getConfiguration('deliberate');
    const before = log.all.length;
    await config.update('coach.dailyBudget', 7, vscode.ConfigurationTarget.Global);
    await config.update('coach.dailyBudget', undefined, vscode.ConfigurationTarget.Global);
    await sleep(1500);
    const docs = log.all.slice(before).filter((o) => o.type === 'doc.open' || o.type === 'doc.change');
    assert.deepEqual(docs, [], 'settings.json is the editor\'s, not the person\'s code');
  });

  it('observes nothing while switched off, and again when switched on', async () => {
    const api = await deliberateApi();
    const config = vscode.workspace.getConfiguration('deliberate');
    await config.update('enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('observation to stop', () => (api.isObserving() ? undefined : true));
      const uri = await writeWorkspaceFile('src/off.ts', '');
      const editor = await vscode.window.showTextDocument(uri);
      const mark = log.all.length;
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'unseen'));
      await sleep(300);
      assert.deepEqual(log.all.slice(mark).filter((o: Observation) => o.type === 'doc.change'), []);
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('observation to resume', () => (api.isObserving() ? true : undefined));
    const editor = vscode.window.activeTextEditor!;
    const mark = log.all.length;
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'seen'));
    await waitFor('the edit after switching on', () => log.all.slice(mark).find((o) => o.type === 'doc.change'));
  });
});
