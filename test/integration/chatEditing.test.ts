import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Attribution } from '../../src/core/attribution/classifier';
import type { DocChange } from '../../src/core/observation';
import { closeAllEditors, deliberateApi, ObservationLog, sleep, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

/** A job for the stand-in chat participant (test/corpus/chat-participant). */
interface ChatJob {
  readonly text?: string;
  readonly files: readonly ({ path: string; edits: { range: [number, number, number, number]; text: string }[] } | { path: string; create: string })[];
}

const OPEN = 'export function one() {\n  return 1;\n}\n\nexport function two() {\n  return 2;\n}\n';
const CLOSED = 'export const closed = 1;\n';
const CREATED = 'export const created = true;\n';

/**
 * VS Code's chat editing session (agent mode, with Keep and Undo), driven for real: the
 * stand-in participant @standin answers with `ChatResponseStream.textEdit`, and VS Code's
 * chat applies the edits, keeps them or undoes them, as it does for Copilot. Runs in both
 * passes; on stable VS Code (the inferred pass) Deliberate sees only the documents.
 */
describe('chat editing sessions', function () {
  this.timeout(90_000);
  let log: ObservationLog;
  const attributions: Attribution[] = [];
  const disposables: vscode.Disposable[] = [];
  let n = 0;
  let files: { open: string; closed: string; created: string };

  before(async () => {
    // The harness starts VS Code with AI features off; this suite turns chat on for itself.
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', false, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    // Observation off and on: a new session, so no burst of this suite's edits carries into
    // the next suite (the coach's large-burst test counts the AI lines since the last look).
    const api = await deliberateApi();
    const deliberate = vscode.workspace.getConfiguration('deliberate');
    await deliberate.update('enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor('observation to stop', () => (api.isObserving() ? undefined : true));
    await deliberate.update('enabled', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('observation to resume', () => (api.isObserving() ? true : undefined));
  });
  beforeEach(async () => {
    const api = await deliberateApi();
    log = new ObservationLog(api);
    disposables.push(log, api.onDidAttribute((a) => attributions.push(a)));
    n++;
    files = { open: `src/chat${n}-open.ts`, closed: `src/chat${n}-closed.ts`, created: `src/chat${n}-created.ts` };
  });
  afterEach(async () => {
    // Each test gets a chat of its own: keep what is pending, then a new chat (else the next
    // test's Undo would also undo this test's edits, which stay in the same editing session).
    await vscode.commands.executeCommand('chatEditing.acceptAllFiles');
    await vscode.commands.executeCommand('workbench.action.chat.newChat');
    disposables.splice(0).forEach((d) => d.dispose());
    await closeAllEditors();
  });

  /** One file open in an editor, one closed, and a file the answer creates. */
  async function ask(): Promise<{ openDoc: vscode.TextDocument; openId: string; before: number }> {
    await writeWorkspaceFile(files.closed, CLOSED);
    const openDoc = await vscode.workspace.openTextDocument(await writeWorkspaceFile(files.open, OPEN));
    await vscode.window.showTextDocument(openDoc);
    const openId = await waitFor('doc.open of the open file', () => log.docIdOf(files.open));
    const before = log.all.length;
    const job: ChatJob = {
      text: 'Changing one and two, and adding a file.',
      files: [
        { path: files.open, edits: [{ range: [1, 9, 1, 10], text: '100' }, { range: [5, 9, 5, 10], text: '200' }] },
        { path: files.closed, edits: [{ range: [0, 23, 0, 24], text: '2' }] },
        { path: files.created, create: CREATED },
      ],
    };
    await vscode.commands.executeCommand('standinChat.ask', { prompt: 'change one and two, add a file', job, mode: 'agent' });
    await waitFor('the chat edits in the open file', () => (openDoc.getText().includes('return 200;') ? true : undefined), 15_000);
    await waitFor('the created file observed', () => log.docIdOf(files.created), 15_000);
    await waitFor('the chat edit in the closed file', () => log.ofType('doc.change').find((c) => c.doc === log.docIdOf(files.closed)), 15_000);
    return { openDoc, openId, before };
  }

  const changesOf = (doc: string | undefined, from = 0): DocChange[] => log.all.slice(from).filter((o): o is DocChange => o.type === 'doc.change' && o.doc === doc);
  const labelOf = (c: DocChange) => waitFor(`the attribution of ${c.doc} v${c.version}`, () => attributions.find((a) => a.doc === c.doc && a.t === c.t && a.insertedChars === c.changes.reduce((s, x) => s + x.text.length, 0)), 5_000);

  it("an answer's edits reach every file as one change per push, and are attributed to the chat", async () => {
    const { openId, before } = await ask();
    // The open file: both edits of the push in one change event (VS Code lists them last first).
    assert.deepEqual(
      changesOf(openId, before).map((c) => c.changes),
      [[{ offset: 72, length: 1, text: '200' }, { offset: 33, length: 1, text: '100' }]],
    );
    // The closed file: VS Code opens it (no editor) and edits it.
    const closedId = log.docIdOf(files.closed)!;
    assert.deepEqual(changesOf(closedId, before).map((c) => c.changes), [[{ offset: 23, length: 1, text: '2' }]]);
    // The new file: created empty, then filled.
    const createdId = log.docIdOf(files.created)!;
    assert.equal(log.ofType('doc.open').find((o) => o.doc === createdId)?.text, '');
    assert.deepEqual(changesOf(createdId, before).map((c) => c.changes), [[{ offset: 0, length: 0, text: CREATED }]]);
    const labels: Record<string, string> = {};
    for (const [name, id] of [['open', openId], ['closed', closedId], ['created', createdId]] as const) labels[name] = (await labelOf(changesOf(id, before)[0]!)).label;
    assert.deepEqual(labels, { open: 'ai.chat', closed: 'ai.chat', created: 'ai.chat' });
  });

  it('Undo puts back each file as it was before the request in one whole-document change, keeps what the person typed since, deletes the created file; the chat edits end undone, never counted as new AI text', async () => {
    const { openDoc, openId } = await ask();
    // The person goes back to the file (the chat input had the focus) and types into it.
    const editor = await vscode.window.showTextDocument(openDoc);
    editor.selection = new vscode.Selection(2, 1, 2, 1);
    await vscode.commands.executeCommand('type', { text: ' // mine' });
    await waitFor('the typing', () => (openDoc.getText().includes('} // mine') ? true : undefined));
    const beforeUndo = openDoc.getText();
    const mark = log.all.length;
    await vscode.commands.executeCommand('chatEditing.discardAllFiles');
    const expected = OPEN.replace('}\n', '} // mine\n');
    await waitFor('the undo in the open file', () => (openDoc.getText() === expected ? true : undefined), 15_000);
    const [undoOpen] = changesOf(openId, mark);
    assert.ok(undoOpen, 'the undo is observed');
    assert.deepEqual(undoOpen.changes, [{ offset: 0, length: beforeUndo.length, text: expected }]);
    const closedId = log.docIdOf(files.closed)!;
    await waitFor('the undo in the closed file', () => changesOf(closedId, mark)[0]);
    assert.deepEqual(changesOf(closedId, mark)[0]!.changes, [{ offset: 0, length: CLOSED.length, text: CLOSED }]);
    const createdId = log.docIdOf(files.created)!;
    await waitFor('the created file deleted', () => log.all.slice(mark).find((o) => o.type === 'fs' && o.change === 'deleted' && (o.doc === createdId || o.path === files.created)), 15_000);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(workspaceRoot(), files.created))));
    // What Deliberate makes of it: the undo is not AI text, and the chat's edits are undone.
    assert.deepEqual([(await labelOf(undoOpen)).label, (await labelOf(changesOf(closedId, mark)[0]!)).label], ['undo', 'undo']);
    // Each file's chat edits (one per push: how many pushes the chat makes depends on timing)
    // end undone, once each file has a fate.
    const api = await deliberateApi();
    const docs = [openId, closedId, createdId];
    const fates = await waitFor('a fate for each file', () => {
      const f = api.fates().filter((x) => docs.includes(x.doc));
      return docs.every((d) => f.some((x) => x.doc === d)) ? f : undefined;
    }, 15_000);
    assert.deepEqual(
      [...new Set(fates.map((f) => JSON.stringify({ doc: f.doc, label: f.label, outcome: f.outcome })))].map((j) => JSON.parse(j) as unknown).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      [...docs].sort().map((doc) => ({ doc, label: 'ai.chat', outcome: 'undone' })),
    );
  });

  it('Keep changes no document: the chat edits stay, saved', async () => {
    const { openDoc, openId } = await ask();
    const mark = log.all.length;
    await vscode.commands.executeCommand('chatEditing.acceptAllFiles');
    await sleep(1500);
    assert.deepEqual(log.all.slice(mark).filter((o) => o.type === 'doc.change'), []);
    assert.equal(openDoc.getText(), OPEN.replace('return 1;', 'return 100;').replace('return 2;', 'return 200;'));
    assert.equal(openDoc.isDirty, false);
    const api = await deliberateApi();
    // One fate per push of the chat's edits (how many pushes depends on timing), all kept.
    const kept = api.fates().filter((f) => f.doc === openId);
    assert.ok(kept.length >= 1, 'the chat edits are followed');
    assert.deepEqual([...new Set(kept.map((f) => `${f.label} ${f.outcome}`))], ['ai.chat kept']);
  });
});
