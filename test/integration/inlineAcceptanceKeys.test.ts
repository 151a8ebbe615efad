import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { Attribution } from '../../src/core/attribution/classifier';
import { ACCEPT_COMMAND, ARMED_CONTEXT_KEY, FORWARDED_COMMANDS } from '../../src/adapters/inlineAcceptance';
import { acceptInlineSuggestion, closeAllEditors, deliberateApi, ObservationLog, pressKeys, recordMeasurement, sleep, waitFor } from './helpers';

interface KeybindingRule {
  readonly key: string;
  readonly command: string;
  readonly when?: string;
  readonly args?: { readonly command?: string };
}

/** A `when` clause as VS Code serializes it (normalized, `||` of `&&` terms) as a set of sorted terms. */
function terms(when: string | undefined, without?: string): string[] {
  return (when ?? '')
    .split(' || ')
    .map((term) =>
      term
        .split(' && ')
        .filter((literal) => literal !== without)
        .sort()
        .join(' && '),
    )
    .sort();
}

/** Every default keybinding of this VS Code, extensions' included, in the order VS Code weighs them (lowest first). */
async function defaultKeybindings(): Promise<KeybindingRule[]> {
  await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
  const document = await waitFor('the default keybindings document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === 'vscode://defaultsettings/keybindings.json'));
  return parse(document.getText()) as KeybindingRule[];
}

/**
 * Stable-API evidence for inline acceptance: Deliberate's keybindings stand in front of VS
 * Code's accept commands under the same `when` clauses, note the acceptance as an
 * `editor.command` observation, and run VS Code's command. Runs in both passes: the signal
 * exists for exactly the users who have no edit sources.
 */
describe('inline acceptance keys', () => {
  let log: ObservationLog;
  const disposables: vscode.Disposable[] = [];
  const attributions: Attribution[] = [];

  beforeEach(async () => {
    const api = await deliberateApi();
    log = new ObservationLog(api);
    disposables.push(log, api.onDidAttribute((a) => attributions.push(a)));
  });
  afterEach(async () => {
    disposables.splice(0).forEach((d) => d.dispose());
    await closeAllEditors();
  });

  it("sit under VS Code's own when clauses, in VS Code's order, for every accept key VS Code binds", async () => {
    const rules = await defaultKeybindings();
    const vscodeRules = rules.filter((r) => FORWARDED_COMMANDS.has(r.command));
    const ours = rules.filter((r) => r.command === ACCEPT_COMMAND);
    // 1.139 binds Tab (accept, jump to a next edit, accept in the preview editor), Shift+Tab
    // (alternative action) and Ctrl+Right (next word); accept-next-line has no default key.
    assert.deepEqual(
      [...new Set(vscodeRules.map((r) => r.command))].sort(),
      ['editor.action.inlineSuggest.acceptNextWord', 'editor.action.inlineSuggest.commit', 'editor.action.inlineSuggest.commitAlternativeAction', 'editor.action.inlineSuggest.jump'],
    );
    assert.deepEqual(
      ours.map((r) => ({ key: r.key, command: r.args?.command, when: terms(r.when, ARMED_CONTEXT_KEY) })),
      vscodeRules.map((r) => ({ key: r.key, command: r.command, when: terms(r.when) })),
      "Deliberate's rules must mirror VS Code's accept rules one for one, in the same order",
    );
    // Every rule of ours waits for Deliberate to arm it.
    for (const r of ours) assert.ok(terms(r.when).every((t) => t.split(' && ').includes(ARMED_CONTEXT_KEY)), `${r.key} ${r.when}`);
    // Ours weigh more than VS Code's (extension rules come after core ones), so they win.
    const lastCore = Math.max(...vscodeRules.map((r) => rules.indexOf(r)));
    assert.ok(ours.every((r) => rules.indexOf(r) > lastCore));
  });

  it('Tab: the acceptance is noted as editor.command just before the change, which is exactly the suggestion', async () => {
    const prefix = 'export function sub(a: number, b: number): number {\n  ';
    const suggestion = 'return a - b; // accepted with Tab';
    const accept = () => vscode.commands.executeCommand(ACCEPT_COMMAND, { command: 'editor.action.inlineSuggest.commit' });
    const { docId, before } = await acceptInlineSuggestion(log, disposables, 'src/keys-tab.ts', prefix, '\n}\n', suggestion, accept);
    await sleep(300);
    const after = log.all.slice(before).filter((o) => o.type === 'editor.command' || o.type === 'doc.change');
    assert.deepEqual(
      after.map((o) => (o.type === 'doc.change' ? { type: o.type, doc: o.doc, changes: o.changes } : { type: o.type, doc: o.doc, command: o.command })),
      [
        { type: 'editor.command', doc: docId, command: 'editor.action.inlineSuggest.commit' },
        { type: 'doc.change', doc: docId, changes: [{ offset: prefix.length, length: 0, text: suggestion }] },
      ],
    );
    const [command, change] = after;
    recordMeasurement('Tab: ms from editor.command to its doc.change', change!.t - command!.t);
    assert.ok(change!.t - command!.t < 1000, `the change followed the accept within ${change!.t - command!.t} ms`);
    const attribution = await waitFor('the attribution of the acceptance', () => attributions.find((a) => a.doc === docId && a.insertedChars === suggestion.length), 3_000);
    assert.equal(attribution.label, 'ai.inline');
  });

  it('Ctrl+Right: accepting the next word is noted, and the change is that word', async () => {
    const prefix = 'export const greeting = ';
    const suggestion = "'hello' + ' world';";
    const accept = () => vscode.commands.executeCommand(ACCEPT_COMMAND, { command: 'editor.action.inlineSuggest.acceptNextWord' });
    const { docId, before, document } = await acceptInlineSuggestion(log, disposables, 'src/keys-word.ts', prefix, '\n', suggestion, accept, (text) => text !== `${prefix}\n`);
    await sleep(300);
    const after = log.all.slice(before).filter((o) => o.type === 'editor.command' || o.type === 'doc.change');
    assert.equal(after[0]?.type, 'editor.command');
    assert.deepEqual(after[0], { ...after[0], doc: docId, command: 'editor.action.inlineSuggest.acceptNextWord' });
    const change = after[1];
    assert.ok(change?.type === 'doc.change', 'a change follows the accept');
    recordMeasurement('Ctrl+Right: ms from editor.command to its doc.change', change.t - after[0]!.t);
    const inserted = change.changes.map((c) => c.text).join('');
    assert.ok(inserted.length > 0 && inserted.length < suggestion.length && suggestion.startsWith(inserted), `a first part of the suggestion, not ${JSON.stringify(inserted)}`);
    assert.equal(document.getText(), `${prefix}${inserted}\n`);
  });

  it('Tab pressed on the keyboard reaches Deliberate through its keybinding: editor.command, then the accepted suggestion', async () => {
    const prefix = 'export function mul(a: number, b: number): number {\n  ';
    const suggestion = 'return a * b; // accepted with the Tab key';
    const { docId, before, document } = await acceptInlineSuggestion(log, disposables, 'src/keys-real-tab.ts', prefix, '\n}\n', suggestion, () => pressKeys('Tab'));
    await sleep(300);
    const after = log.all.slice(before).filter((o) => o.type === 'editor.command' || o.type === 'doc.change');
    assert.deepEqual(
      after.map((o) => (o.type === 'doc.change' ? { type: o.type, doc: o.doc, changes: o.changes } : { type: o.type, doc: o.doc, command: o.command })),
      [
        { type: 'editor.command', doc: docId, command: 'editor.action.inlineSuggest.commit' },
        { type: 'doc.change', doc: docId, changes: [{ offset: prefix.length, length: 0, text: suggestion }] },
      ],
    );
    recordMeasurement('Tab key: ms from editor.command to its doc.change', after[1]!.t - after[0]!.t);
    assert.equal(document.getText(), `${prefix}${suggestion}\n}\n`, 'the Tab accepted the suggestion and inserted no tab character');
  });

  it('Ctrl+Right pressed on the keyboard reaches Deliberate through its keybinding', async () => {
    const prefix = 'export const farewell = ';
    const suggestion = "'goodbye' + ' for now';";
    const { docId, before } = await acceptInlineSuggestion(log, disposables, 'src/keys-real-word.ts', prefix, '\n', suggestion, () => pressKeys('Control+ArrowRight'), (text) => text !== `${prefix}\n`);
    await sleep(300);
    const after = log.all.slice(before).filter((o) => o.type === 'editor.command' || o.type === 'doc.change');
    assert.deepEqual(after[0], { ...after[0], type: 'editor.command', doc: docId, command: 'editor.action.inlineSuggest.acceptNextWord' });
    assert.equal(after[1]?.type, 'doc.change');
  });

  it('still accepts while observation is off, and notes nothing', async () => {
    const api = await deliberateApi();
    const config = vscode.workspace.getConfiguration('deliberate');
    await config.update('enabled', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('observation to stop', () => (api.isObserving() ? undefined : true));
      const suggestion = 'return 42;';
      const accept = () => vscode.commands.executeCommand(ACCEPT_COMMAND, { command: 'editor.action.inlineSuggest.commit' });
      // The helper waits for the document's doc.open, which is not observed while off: watch the editor instead.
      const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src/keys-off.ts');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('function f() {\n  \n}\n'));
      let provided = 0;
      disposables.push(
        vscode.languages.registerInlineCompletionItemProvider({ pattern: '**/keys-off.ts' }, {
          provideInlineCompletionItems(_d, position) {
            provided++;
            return [new vscode.InlineCompletionItem(suggestion, new vscode.Range(position, position))];
          },
        }),
      );
      const editor = await vscode.window.showTextDocument(uri);
      editor.selection = new vscode.Selection(1, 2, 1, 2);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await waitFor('the provider to be asked', () => (provided > 0 ? true : undefined));
      await sleep(800);
      const mark = log.all.length;
      await accept();
      await waitFor('the accepted suggestion', () => (editor.document.getText().includes(suggestion) ? true : undefined));
      assert.deepEqual(log.all.slice(mark), []);
    } finally {
      await config.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('observation to resume', () => (api.isObserving() ? true : undefined));
  });

  it('refuses to forward anything but an inline suggestion command', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand(ACCEPT_COMMAND, { command: 'workbench.action.closeAllEditors' })), /forwards only/);
  });
});
