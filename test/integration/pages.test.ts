import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, deliberateApi, EXTENSION_ID, ObservationLog, waitFor, writeWorkspaceFile } from './helpers';

/** The open tabs that are Deliberate's read-only pages (webviews), by their titles. */
function pageTabs(): string[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('deliberate.page')).map((t) => t.label);
}

/**
 * Deliberate's own pages and files are never the person's code: today's habits, the hook setup
 * and the evidence are read-only pages (not untitled documents that ask to be saved), and
 * Deliberate's installed files are not observed even when opened and edited.
 */
describe("Deliberate's own pages and files", () => {
  let log: ObservationLog;

  beforeEach(async () => {
    log = new ObservationLog(await deliberateApi());
  });
  afterEach(async () => {
    log.dispose();
    await closeAllEditors();
  });

  /**
   * Every observation up to now is in the log once a change to a workspace file shows up after it.
   * The marker change is left settled (attributed) and saved, so nothing of it reaches the next test.
   */
  async function observedSoFar(): Promise<void> {
    const api = await deliberateApi();
    const marker = `src/pages-marker-${Date.now()}.ts`;
    const uri = await writeWorkspaceFile(marker, '');
    const editor = await vscode.window.showTextDocument(uri);
    const doc = await waitFor('the marker opened', () => log.docIdOf(marker));
    const settled = new Promise<void>((resolve) => {
      const sub = api.onDidAttribute((a) => {
        if (a.doc !== doc) return;
        sub.dispose();
        resolve();
      });
    });
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'x'));
    await waitFor('the marker change', () => (log.ofType('doc.change').some((c) => c.doc === doc) ? true : undefined));
    await settled;
    await editor.document.save();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  }

  it("shows today's habits, the hook setup and the evidence as read-only pages: no document, nothing observed", async () => {
    const openBefore = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    await vscode.commands.executeCommand('deliberate.showHabits');
    await vscode.commands.executeCommand('deliberate.showHookSetup');
    await vscode.commands.executeCommand('deliberate.showEvidence', 'validate');
    await waitFor('three page tabs', () => (pageTabs().length === 3 ? true : undefined));
    assert.deepEqual(pageTabs().sort(), ['Agent Hook Setup', "Today's Habits", 'Why These Habits']);
    // No untitled or unsaved document came with them: nothing that could ask to be saved.
    assert.deepEqual(vscode.workspace.textDocuments.filter((d) => !openBefore.has(d.uri.toString()) && (d.isUntitled || d.isDirty)).map((d) => d.uri.toString()), []);
    const before = log.all.length;
    await observedSoFar();
    const seen = log.all.slice(0, before).filter((o) => o.type === 'doc.open' || o.type === 'doc.change');
    assert.deepEqual(seen, [], 'opening the pages was observed as documents');
    // Showing a page again reuses its tab.
    await vscode.commands.executeCommand('deliberate.showEvidence', 'learn');
    assert.equal(pageTabs().filter((t) => t === 'Why These Habits').length, 1);
  });

  it("does not observe Deliberate's own installed files, even edited", async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const evidence = vscode.Uri.joinPath(extension.extensionUri, 'media', 'coaching-evidence.md');
    const document = await vscode.workspace.openTextDocument(evidence);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'typed into the extension folder\n'));
    await observedSoFar();
    const path = evidence.path;
    const ownFile = log.ofType('doc.open').filter((o) => o.text.startsWith('typed into the extension folder') || o.text.includes('# What the coaching rests on'));
    assert.deepEqual(ownFile, [], `${path} was observed`);
    assert.equal(log.ofType('doc.change').filter((c) => c.changes.some((ch) => ch.text.includes('typed into the extension folder'))).length, 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
