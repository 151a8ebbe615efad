import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { deliberateApi, waitFor, workspaceRoot } from './helpers';

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
});
