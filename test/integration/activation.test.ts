import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { deliberateApi, EXTENSION_ID, runConfig } from './helpers';

describe('activation', () => {
  it('runs as the installed extension and is active after startup', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'Deliberate is installed');
    const api = await deliberateApi();
    assert.ok(extension.isActive);
    assert.equal(api.isObserving(), true);
    // The harness installs the packaged VSIX with --install-extension: the tested code is
    // the artifact users get, not the source folder.
    const expected = runConfig().extensionsDir;
    if (expected !== undefined) {
      assert.equal(path.dirname(extension.extensionPath), expected, `loaded from ${extension.extensionPath}`);
    }
    assert.equal(extension.packageJSON.main, './dist/extension.js');
  });

  it('contributes its commands and the master switch setting', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['deliberate.showMenu', 'deliberate.showActivity', 'deliberate.toggleObservation', 'deliberate.openSettings']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
    assert.equal(vscode.workspace.getConfiguration('deliberate').inspect<boolean>('enabled')?.defaultValue, true);
  });
});
