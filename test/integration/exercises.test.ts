import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExerciseMetric } from '../../src/core/metrics';
import { closeAllEditors, deliberateApi, EXTENSION_ID, GHOST_TEXT, pressKeysWhen, sleep, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

/**
 * One exercise of each habit, completed through real editor actions: suggestions accepted
 * from an inline completion provider registered here, an agent played by writing the file
 * on disk between `deliberate checkpoint` calls (as Claude Code hooks do), typing through
 * VS Code's `type` command, a real test task and a real git commit.
 */
describe('guided exercises in the editor', function () {
  this.timeout(90_000);
  const disposables: vscode.Disposable[] = [];
  let next: string | undefined;
  let provided = 0;

  before(() => {
    disposables.push(
      vscode.languages.registerInlineCompletionItemProvider(
        { pattern: '**/exercise-*' },
        {
          provideInlineCompletionItems(_document, position) {
            if (next === undefined) return [];
            provided++;
            return [new vscode.InlineCompletionItem(next, new vscode.Range(position, position))];
          },
        },
      ),
    );
  });
  after(() => disposables.splice(0).forEach((d) => d.dispose()));
  afterEach(async () => {
    const api = await deliberateApi();
    await api.exercises.stop();
    await closeAllEditors();
  });

  async function open(file: string, text: string): Promise<vscode.TextEditor> {
    const uri = await writeWorkspaceFile(file, text);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await sleep(300);
    return editor;
  }

  /**
   * Accepts `suggestion` at `at` as a person does: Tab on the real keyboard once the ghost
   * text shows (through Deliberate's accept key, as users get it).
   */
  async function accept(editor: vscode.TextEditor, at: vscode.Position, suggestion: string): Promise<void> {
    // The keys go where the focus is: the editor (starting an exercise may have moved it).
    const shown = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    shown.selection = new vscode.Selection(at, at);
    next = suggestion;
    const asked = provided;
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await waitFor('the inline completion provider to be asked', () => (provided > asked ? true : undefined));
    await pressKeysWhen(GHOST_TEXT, 'Tab');
    await waitFor('the accepted suggestion', () => (editor.document.getText().includes(suggestion) ? true : undefined));
    next = undefined;
    await sleep(1500); // its attribution settles
  }

  async function type(text: string): Promise<void> {
    for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
  }

  /** Starts an exercise and returns the metric events it emits. */
  async function start(exercise: string): Promise<string[]> {
    const api = await deliberateApi();
    const events: string[] = [];
    disposables.push(api.exercises.onDidEmit((m: ExerciseMetric) => events.push(`${m.habit}/${m.exercise}:${m.event}`)));
    const snapshot = await api.exercises.start('deliberate.habits', exercise);
    assert.equal(snapshot?.current, 0);
    return events;
  }

  async function finished(): Promise<number> {
    const api = await deliberateApi();
    return waitFor('the exercise to complete', () => (api.exercises.current()?.completed ? api.exercises.current()!.current : undefined), 10_000);
  }

  it('iterate: accept a suggestion, improve it by hand, save', async () => {
    const editor = await open('src/exercise-iterate.ts', 'export function half(x: number): number {\n  \n}\n');
    const events = await start('improve-before-save');
    await accept(editor, new vscode.Position(1, 2), 'return x / 2;');
    // Replace "x / 2" by typing over it.
    editor.selection = new vscode.Selection(new vscode.Position(1, 9), new vscode.Position(1, 14));
    await type('x * 0.5');
    await sleep(1500);
    await editor.document.save();
    assert.equal(await finished(), 3);
    assert.deepEqual(events, ['iterate/improve-before-save:started', 'iterate/improve-before-save:step', 'iterate/improve-before-save:step', 'iterate/improve-before-save:step', 'iterate/improve-before-save:completed']);
  });

  it('validate: an agent edits a file, the tests run, then a commit', async () => {
    const api = await deliberateApi();
    const file = 'src/exercise-validate.ts';
    const uri = await writeWorkspaceFile(file, 'export const rate = 1;\n');
    await vscode.window.showTextDocument(uri);
    await sleep(500);
    const events = await start('test-agent-change');
    // The agent: a "pre" checkpoint, a write to disk, a "post" checkpoint.
    const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
    execFileSync(process.execPath, [cli, 'checkpoint', '--agent', 'test-agent', '--phase', 'pre', uri.fsPath], { env: process.env });
    await sleep(1500); // the spool is read
    writeFileSync(uri.fsPath, 'export const rate = 1;\n\nexport function withRate(x: number): number {\n  return x * rate;\n}\n');
    execFileSync(process.execPath, [cli, 'checkpoint', '--agent', 'test-agent', '--phase', 'post', uri.fsPath], { env: process.env });
    await waitFor('the agent edit step', () => (api.exercises.current()?.current === 1 ? true : undefined), 15_000);
    const task = new vscode.Task({ type: 'shell' }, vscode.TaskScope.Workspace, 'exercise-tests', 'deliberate-tests', new vscode.ShellExecution('exit 0'));
    task.group = vscode.TaskGroup.Test;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Never };
    await vscode.tasks.executeTask(task);
    await waitFor('the test run step', () => (api.exercises.current()?.current === 2 ? true : undefined), 20_000);
    const cwd = workspaceRoot().fsPath;
    execFileSync('git', ['add', file], { cwd });
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', 'tested agent change'], { cwd });
    assert.equal(await finished(), 3);
    assert.deepEqual(events, ['validate/test-agent-change:started', 'validate/test-agent-change:step', 'validate/test-agent-change:step', 'validate/test-agent-change:step', 'validate/test-agent-change:completed']);
  });

  it('decompose: three small AI steps, each reviewed before the next', async () => {
    const editor = await open('src/exercise-decompose.ts', '\n\n\n\n');
    const events = await start('three-small-steps');
    for (let k = 0; k < 3; k++) {
      await accept(editor, new vscode.Position(k, 0), `export const step${k} = ${k};`);
      await editor.document.save(); // a look at it before asking for more
      await sleep(500);
    }
    assert.equal(await finished(), 6);
    assert.deepEqual(events, ['started', 'step', 'step', 'step', 'step', 'step', 'step', 'completed'].map((e) => `decompose/three-small-steps:${e}`));
  });

  it('learn: accept a function, write its doc comment yourself, save', async () => {
    const editor = await open('src/exercise-learn.ts', '\n\n');
    const events = await start('write-the-doc-comment');
    await accept(editor, new vscode.Position(1, 0), 'export function area(w: number, h: number): number {\n  return w * h;\n}');
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), new vscode.Position(0, 0));
    await type('// The area of a w by h rectangle.');
    await sleep(1500);
    await editor.document.save();
    assert.equal(await finished(), 3);
    assert.deepEqual(events, ['started', 'step', 'step', 'step', 'completed'].map((e) => `learn/write-the-doc-comment:${e}`));
  });
  it('a step that waits says what it saw and waits for; it can be skipped (recorded as skipped) and the exercise restarted', async () => {
    const api = await deliberateApi();
    const editor = await open('src/exercise-stuck.ts', 'export const x = 1;\n');
    const events = await start('check-a-suggestion');
    await accept(editor, new vscode.Position(1, 0), 'export const y = 2;');
    await waitFor('the run step', () => (api.exercises.current()?.current === 1 ? true : undefined));
    // A command that is no test, in a terminal: named, with how to teach it.
    const terminal = vscode.window.createTerminal({ name: 'exercise-stuck' });
    disposables.push(terminal);
    terminal.sendText('echo not-a-test-deliberate', true);
    const seen = await waitFor('the command named in what the step saw', () => api.exercises.current()?.steps[1]?.seen.find((e) => e.text.includes('`echo` ran in a terminal')), 30_000);
    assert.match(seen.text, /not a test, build or lint command Deliberate knows/);
    assert.match(api.exercises.current()!.steps[1]!.waitingFor!, /^a test, build or lint run that starts after an accepted inline suggestion of this exercise/);
    await vscode.commands.executeCommand('deliberate.skipExerciseStep');
    await waitFor('the step skipped', () => (api.exercises.current()?.steps.map((x) => x.state).join() === 'done,skipped,current' ? true : undefined));
    await vscode.commands.executeCommand('deliberate.restartExercise');
    await waitFor('the exercise restarted', () => (api.exercises.current()?.steps.map((x) => x.state).join() === 'current,todo,todo' ? true : undefined));
    assert.deepEqual(events, ['started', 'step', 'skipped', 'started'].map((e) => `validate/check-a-suggestion:${e}`));
  });

});

describe('scratch workspace for exercises', () => {
  it('creates a small project whose tests pass, in its own git repository with one commit, without opening it', async () => {
    const { mkdtempSync, readdirSync } = await import('node:fs');
    const os = await import('node:os');
    const folder = vscode.Uri.file(path.join(mkdtempSync(path.join(os.tmpdir(), 'deliberate-scratch-')), 'project'));
    const created = await vscode.commands.executeCommand<vscode.Uri>('deliberate.createScratchWorkspace', { folder, open: false });
    assert.equal(created?.fsPath, folder.fsPath);
    assert.deepEqual(readdirSync(folder.fsPath).sort(), ['.git', '.gitignore', '.vscode', 'README.md', 'package.json', 'src', 'test']);
    const tests = execFileSync(process.execPath, ['--test', '--test-reporter=tap'], { cwd: folder.fsPath, encoding: 'utf8' });
    assert.match(tests, /# pass 2/);
    assert.equal(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: folder.fsPath, encoding: 'utf8' }).trim(), '1');
  });
});
