import * as vscode from 'vscode';
import type { DocId, Observation } from '../core/observation';
import { Disposable } from './disposable';

/**
 * The command Deliberate's keybindings run (package.json `contributes.keybindings`): it notes
 * which of VS Code's inline-suggestion commands the key stands for, then runs that command,
 * so the suggestion is accepted exactly as before.
 */
export const ACCEPT_COMMAND = 'deliberate.acceptInlineSuggestion';

/**
 * Context key that arms those keybindings. Set once the command is registered and cleared on
 * dispose: before Deliberate activates (or after it stops) the keys fall through to VS Code's
 * own bindings instead of running a command that does not exist yet.
 */
export const ARMED_CONTEXT_KEY = 'deliberate.inlineAcceptKeys';

/**
 * VS Code's commands that accept an inline suggestion or a next-edit suggestion (VS Code 1.139:
 * src/vs/editor/contrib/inlineCompletions/browser/controller/commands.ts). Only these are
 * forwarded: a keybinding cannot make Deliberate run anything else.
 */
export const FORWARDED_COMMANDS: ReadonlySet<string> = new Set([
  // Tab: accept the whole ghost text, or a next-edit suggestion when the cursor is at it.
  'editor.action.inlineSuggest.commit',
  // Ctrl/Cmd+Right: accept the next word of the ghost text.
  'editor.action.inlineSuggest.acceptNextWord',
  // No default key; accepts the next line of the ghost text.
  'editor.action.inlineSuggest.acceptNextLine',
  // Tab on a next-edit suggestion away from the cursor: moves the cursor to it (changes no text).
  'editor.action.inlineSuggest.jump',
  // Shift+Tab on a next-edit suggestion that offers an alternative action (for example a rename).
  'editor.action.inlineSuggest.commitAlternativeAction',
]);

export interface AcceptArgs {
  readonly command?: unknown;
}

/**
 * Stable-API evidence for inline acceptance. Without the proposed `textDocumentChangeReason`
 * API an accepted suggestion is just text appearing at the cursor; the key press that accepted
 * it is not. Deliberate contributes keybindings under VS Code's own `when` clauses for the
 * accept commands that run {@link ACCEPT_COMMAND}, which emits an `editor.command` observation
 * and then runs VS Code's command. The observation always precedes the change it causes.
 *
 * `now()` is the observation stream's clock, or undefined while observation is off: then the
 * key still accepts, and nothing is emitted.
 */
export class InlineAcceptance extends Disposable {
  constructor(
    private readonly emit: (observation: Observation) => void,
    private readonly now: () => number | undefined,
    private readonly docOf: (uri: vscode.Uri) => DocId | undefined,
  ) {
    super();
  }

  start(): void {
    this._register(vscode.commands.registerCommand(ACCEPT_COMMAND, (args?: AcceptArgs) => this.accept(args)));
    void vscode.commands.executeCommand('setContext', ARMED_CONTEXT_KEY, true);
    this._register({ dispose: () => void vscode.commands.executeCommand('setContext', ARMED_CONTEXT_KEY, false) });
  }

  private async accept(args: AcceptArgs | undefined): Promise<unknown> {
    const command = args?.command;
    if (typeof command !== 'string' || !FORWARDED_COMMANDS.has(command)) {
      throw new Error(`${ACCEPT_COMMAND} forwards only VS Code's inline suggestion commands, not ${String(command)}`);
    }
    const t = this.now();
    if (t !== undefined) {
      const editor = vscode.window.activeTextEditor;
      const doc = editor !== undefined ? this.docOf(editor.document.uri) : undefined;
      this.emit({ t, type: 'editor.command', command, ...(doc !== undefined ? { doc } : {}) });
    }
    return vscode.commands.executeCommand(command);
  }
}
