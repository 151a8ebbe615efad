/**
 * A scratch workspace for exercises: a small JavaScript project with a test command, in a
 * git repository (so commit steps can happen), in a folder the person picks or under the
 * extension's storage. Never overwrites existing files.
 */
import * as vscode from 'vscode';
import { commitNewRepository, GitPort } from './git';
import { workspaceTrust } from './teamProfile';

const FILES: Readonly<Record<string, string>> = {
  'README.md': `# Deliberate scratch project

A small project for Deliberate's exercises. Open the Exercise view (Deliberate in the
activity bar), start an exercise, and use any inline completion provider or agent.

- \`src/cart.js\`: a shopping cart with a few functions left to write.
- \`test/cart.test.js\`: its tests. Run them with \`npm test\` (Node's built-in test runner)
  or the **test** task.
`,
  'package.json': `${JSON.stringify({ name: 'deliberate-scratch', version: '0.0.0', private: true, type: 'commonjs', scripts: { test: 'node --test' } }, null, 2)}\n`,
  'src/cart.js': `/** A shopping cart: items with a price in cents and a quantity. */
function total(items) {
  return items.reduce((sum, item) => sum + item.price * item.quantity, 0);
}

// Exercise: ask an AI for \`applyDiscount(items, percent)\`, then make it yours.

// Exercise: ask for \`formatCents(cents)\` ("12.34"), then write its doc comment yourself.

module.exports = { total };
`,
  'test/cart.test.js': `const { test } = require('node:test');
const assert = require('node:assert/strict');
const { total } = require('../src/cart');

test('total of an empty cart is zero', () => {
  assert.equal(total([]), 0);
});

test('total multiplies price by quantity', () => {
  assert.equal(total([{ price: 250, quantity: 2 }, { price: 100, quantity: 1 }]), 600);
});
`,
  '.vscode/tasks.json': `${JSON.stringify({ version: '2.0.0', tasks: [{ label: 'test', type: 'shell', command: 'npm test', group: { kind: 'test', isDefault: true }, problemMatcher: [] }] }, null, 2)}\n`,
  '.gitignore': 'node_modules/\n',
};

export interface ScratchOptions {
  /** Create it here instead of asking. */
  readonly folder?: vscode.Uri;
  /** Open the folder afterwards (default: ask). */
  readonly open?: boolean;
}

export async function createScratchWorkspace(storage: vscode.Uri, log: vscode.LogOutputChannel, options: ScratchOptions = {}): Promise<vscode.Uri | undefined> {
  let folder = options.folder;
  if (folder === undefined) {
    const where = await vscode.window.showQuickPick(
      [
        { label: 'In Deliberate’s storage', detail: 'A new folder nobody else sees', id: 'storage' as const },
        { label: 'Choose a folder…', detail: 'Create the project inside a folder you pick', id: 'pick' as const },
      ],
      { title: 'Create a scratch workspace for exercises' },
    );
    if (where === undefined) return undefined;
    if (where.id === 'storage') {
      folder = vscode.Uri.joinPath(storage, 'scratch', `project-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}`);
    } else {
      const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Create Scratch Project Here' });
      if (picked?.[0] === undefined) return undefined;
      folder = vscode.Uri.joinPath(picked[0], 'deliberate-scratch');
    }
  }
  for (const [relative, text] of Object.entries(FILES)) {
    const uri = vscode.Uri.joinPath(folder, relative);
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (!exists) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  }
  if (folder.scheme === 'file') {
    try {
      // Its own repository, even inside another one; in Restricted Mode the port refuses and the catch below says so.
      await commitNewRepository(new GitPort({ trust: workspaceTrust }), folder.fsPath, { message: 'Scratch project for Deliberate exercises', name: 'Deliberate scratch', email: 'scratch@deliberate.invalid' });
    } catch (error) {
      // Without git the exercises still work; only commit steps cannot complete.
      log.warn(`The scratch project has no git repository (${String(error)}); exercises with a commit step will wait for one.`);
    }
  }
  log.info(`Scratch project ready at ${folder.toString(true)}`);
  const how = options.open === false ? undefined : options.open === true ? 'Open It' : await vscode.window.showInformationMessage('The scratch project is ready.', 'Open It', 'Open in New Window');
  if (how !== undefined) await vscode.commands.executeCommand('vscode.openFolder', folder, { forceNewWindow: how === 'Open in New Window' });
  return folder;
}
