import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Attribution } from '../../src/core/attribution/classifier';
import { closeAllEditors, deliberateApi, ObservationLog, waitFor, writeWorkspaceFile } from './helpers';

/**
 * A paste is the person's own text. Deliberate sees it through VS Code's paste API (the
 * pasted text's length and hashes, taken from the paste itself) and never by reading the
 * clipboard, which in the browser would ask the person for permission.
 */
describe('paste', () => {
  const disposables: vscode.Disposable[] = [];
  afterEach(async () => {
    disposables.splice(0).forEach((d) => d.dispose());
    await closeAllEditors();
  });

  it('sees a paste through the paste API, before its change, and attributes it to the person', async () => {
    const api = await deliberateApi();
    const log = new ObservationLog(api);
    const attributions: Attribution[] = [];
    disposables.push(log, api.onDidAttribute((a) => attributions.push(a)));
    const text = 'export const greeting = "hello";\nexport const farewell = "goodbye";\n';
    const uri = await writeWorkspaceFile('src/paste-source.ts', `${text}\n// end\n`);
    const editor = await vscode.window.showTextDocument(uri);
    const docId = await waitFor('the document to be observed', () => log.docIdOf('src/paste-source.ts'));
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), new vscode.Position(2, 0));
    await vscode.commands.executeCommand('editor.action.clipboardCopyAction');
    const end = editor.document.positionAt(editor.document.getText().length);
    editor.selection = new vscode.Selection(end, end);
    const before = log.all.length;
    await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
    const change = await waitFor('the paste to change the document', () => log.all.slice(before).find((o) => o.type === 'doc.change' && o.doc === docId && o.changes.some((c) => c.text === text)));
    const sample = log.all.slice(before, log.all.indexOf(change)).find((o) => o.type === 'clipboard');
    assert.ok(sample !== undefined && sample.type === 'clipboard' && sample.length === text.length && sample.text === undefined, 'the pasted text reaches the session as its length and hash, before the change');
    const attribution = await waitFor('the attribution of the paste', () => attributions.find((a) => a.doc === docId && a.insertedChars === text.length), 3_000);
    assert.equal(attribution.label, 'human.paste');
  });
});
