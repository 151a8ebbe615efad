import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Attribution } from '../../src/core/attribution/classifier';
import { acceptInlineSuggestion, closeAllEditors, deliberateApi, ObservationLog, sleep, waitFor } from './helpers';

/**
 * The first slice: an inline (ghost text) suggestion accepted through VS Code's own
 * commands reaches Deliberate as exactly that insertion.
 */
describe('inline completion acceptance', () => {
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

  const acceptSuggestion = (file: string, prefix: string, suffix: string, suggestion: string) => acceptInlineSuggestion(log, disposables, file, prefix, suffix, suggestion);

  it('follows the accepted suggestion after a hand revision: retained characters and outcome', async () => {
    const prefix = 'export function mean(xs: number[]): number {\n  ';
    const suggestion = 'return xs.reduce((a, b) => a + b, 0) / xs.length;';
    const { editor, docId } = await acceptSuggestion('src/inline-revise.ts', prefix, '\n}\n', suggestion);
    const api = await deliberateApi();
    await waitFor('the acceptance to be followed', () => api.fates().find((f) => f.doc === docId), 3_000);
    // Revise by hand: replace "xs.length" with "Math.max(xs.length, 1)".
    const start = prefix.length + suggestion.indexOf('xs.length;');
    await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + 9)), 'Math.max(xs.length, 1)'));
    await sleep(1500);
    const fate = api.fates().find((f) => f.doc === docId)!;
    assert.deepEqual(
      { label: fate.label, original: fate.originalChars, atEnd: fate.atEnd, outcome: fate.outcome },
      { label: 'ai.inline', original: suggestion.length, atEnd: suggestion.length - 9, outcome: 'revised' },
    );
  });

  it('observes exactly the inserted suggestion, as one change at the cursor', async () => {
    const prefix = 'export function add(a: number, b: number): number {\n  ';
    const suffix = '\n}\n';
    const suggestion = 'return a + b; // from the test provider';
    const { document, docId, before } = await acceptSuggestion('src/inline-accept.ts', prefix, suffix, suggestion);
    await sleep(300);

    const changes = log.all.slice(before).filter((o) => o.type === 'doc.change');
    assert.deepEqual(
      changes.map((c) => ({ doc: c.doc, reason: c.reason, changes: c.changes, version: c.version })),
      [{ doc: docId, reason: null, changes: [{ offset: prefix.length, length: 0, text: suggestion }], version: document.version }],
    );
    assert.equal(document.getText(), prefix + suggestion + suffix);
    // The attribution engine, running live, settles it as an AI inline suggestion within about a second.
    const attribution = await waitFor('the attribution of the acceptance', () => attributions.find((a) => a.doc === docId && a.insertedChars === suggestion.length), 3_000);
    assert.equal(attribution.label, 'ai.inline');
    // The clipboard is not read for it: pastes are seen through the paste API, never by reading the clipboard.
    assert.equal(log.all.slice(before).filter((o) => o.type === 'clipboard').length, 0);
    // Exact when VS Code reported the edit source (proposed API available), inferred otherwise.
    const observed = changes[0]!;
    assert.equal(attribution.exact, observed.type === 'doc.change' && observed.source === 'inlineCompletionAccept');
  });
});
