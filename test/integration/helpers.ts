import * as assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DeliberateApi } from '../../src/extension';
import type { Observation } from '../../src/core/observation';

export const EXTENSION_ID = 'deliberate.deliberate';

export async function deliberateApi(): Promise<DeliberateApi> {
  const extension = vscode.extensions.getExtension<DeliberateApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  assert.equal(api.apiVersion, 1);
  return api;
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Collects every observation from now until disposed. */
export class ObservationLog implements vscode.Disposable {
  readonly all: Observation[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(api: DeliberateApi) {
    this.subscription = api.onDidObserve((o) => this.all.push(o));
  }

  ofType<K extends Observation['type']>(type: K): Extract<Observation, { type: K }>[] {
    return this.all.filter((o): o is Extract<Observation, { type: K }> => o.type === type);
  }

  docIdOf(relativePath: string): string | undefined {
    return this.ofType('doc.open').find((o) => o.path === relativePath)?.doc;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri;
}

export async function writeWorkspaceFile(relativePath: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export interface IntegrationRunConfig {
  readonly resultFile?: string;
  /** Where the harness installed the VSIX; when set, Deliberate must load from there. */
  readonly extensionsDir?: string;
  /** True when the workspace is a git repository the harness made for the tests. */
  readonly gitWorkspace?: boolean;
  /**
   * `exact`: the installed VSIX declares the proposed `textDocumentChangeReason` API, so VS Code
   * names each edit's source; `inferred`: the Marketplace VSIX, which cannot (what users get).
   */
  readonly pass?: 'exact' | 'inferred';
  /** Where `recordMeasurement` appends its JSON lines. */
  readonly measurementsFile?: string;
  /** Where `pressKeys` asks the harness for real key presses. */
  readonly keysDir?: string;
}

export function runConfig(): IntegrationRunConfig {
  const file = path.join(__dirname, 'run-config.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as IntegrationRunConfig) : {};
}

let keyRequests = 0;

/**
 * Presses keys on the real keyboard, in the workbench's browser page (Playwright key names:
 * `Tab`, `Control+ArrowRight`), through the harness; resolves once they were pressed. The
 * focus must be where the keys should go (for example `showTextDocument` first).
 */
export async function pressKeys(...keys: string[]): Promise<void> {
  return pressKeysWhen(undefined, ...keys);
}

/** Presses `keys` once an element matching the CSS selector `waitFor` shows in the workbench (undefined: at once). */
export async function pressKeysWhen(shows: string | undefined, ...keys: string[]): Promise<void> {
  const dir = runConfig().keysDir;
  if (dir === undefined) throw new Error('this run has no harness to press keys (run-config.json names no keysDir)');
  const n = `${process.pid}-${++keyRequests}`;
  writeFileSync(path.join(dir, `${n}.json.tmp`), JSON.stringify({ keys, ...(shows !== undefined ? { waitFor: shows } : {}) }));
  renameSync(path.join(dir, `${n}.json.tmp`), path.join(dir, `${n}.json`));
  const done = path.join(dir, `${n}.done`);
  // The harness renames its answer into place, so a file that exists is complete.
  const answer = await waitFor(`the harness to press ${keys.join(', ')}`, () => (existsSync(done) ? readFileSync(done, 'utf8') : undefined), 30_000);
  rmSync(done, { force: true });
  if (answer !== 'ok') throw new Error(`pressing ${keys.join(', ')} failed: ${answer}`);
}

/**
 * Notes a value a test measured (for example how long after an accept key its change came)
 * in `artifacts/logs/<pass>-measurements.jsonl`, for the figures in docs. Never asserted on.
 */
export function recordMeasurement(name: string, value: number | string): void {
  const file = runConfig().measurementsFile;
  if (file !== undefined) appendFileSync(file, `${JSON.stringify({ name, value, pass: runConfig().pass ?? null })}\n`);
}

/**
 * Writes a file, registers an inline completion provider for it (disposed with
 * `disposables`), and accepts its suggestion at the end of `prefix` with VS Code's own
 * commands, as a person pressing Tab would. `commit` accepts it (default: VS Code's own
 * accept command, as the suggestion toolbar's Accept button runs it); `accepted` says when
 * the document shows the acceptance (default: it holds the whole suggestion).
 */
/** The ghost text of an inline suggestion in the editor (what a person sees before pressing Tab). */
export const GHOST_TEXT = '.monaco-editor .ghost-text-decoration, .monaco-editor .ghost-text';

export async function acceptInlineSuggestion(
  log: ObservationLog,
  disposables: vscode.Disposable[],
  file: string,
  prefix: string,
  suffix: string,
  suggestion: string,
  // As a person accepts: Tab on the keyboard once the ghost text shows (through Deliberate's accept key, as users get it).
  commit: () => Thenable<unknown> = () => pressKeysWhen(GHOST_TEXT, 'Tab'),
  accepted: (text: string) => boolean = (text) => text.includes(suggestion),
): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor; docId: string; before: number }> {
  const uri = await writeWorkspaceFile(file, prefix + suffix);
  let provided = 0;
  disposables.push(
    vscode.languages.registerInlineCompletionItemProvider(
      { pattern: `**/${file.split('/').pop()}` },
      {
        provideInlineCompletionItems(document, position) {
          if (document.uri.toString() !== uri.toString()) return [];
          provided++;
          return [new vscode.InlineCompletionItem(suggestion, new vscode.Range(position, position))];
        },
      },
    ),
  );
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  const docId = await waitFor(`doc.open of ${file}`, () => log.docIdOf(file));
  const cursor = document.positionAt(prefix.length);
  editor.selection = new vscode.Selection(cursor, cursor);
  await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  await waitFor('the inline completion provider to be asked', () => (provided > 0 ? true : undefined));
  const before = log.all.length;
  await commit();
  await waitFor('the accepted suggestion in the document', () => (accepted(document.getText()) ? true : undefined));
  return { document, editor, docId, before };
}
