import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { replaySession } from '../../src/core/replay';
import type { SessionOutput } from '../../src/core/session';
import { parseTrace } from '../../src/core/traceFormat';
import { LOCAL_TIME } from '../../src/shared/localTime';
import { acceptInlineSuggestion, closeAllEditors, deliberateApi, ObservationLog, waitFor, workspaceRoot } from './helpers';

/**
 * The one pipeline, as VS Code's editTelemetry tests check theirs: a real session in the
 * extension is recorded, the trace is replayed through the same Session in plain code, and
 * the whole output log (attributions, nudges, metric events, fates) is compared at once.
 */
describe('record, then replay: the same outputs', function () {
  this.timeout(120_000);
  const disposables: vscode.Disposable[] = [];
  const config = () => vscode.workspace.getConfiguration('deliberate');
  const KEYS = ['coach.largeBurstLines', 'coach.minutesBetweenNudges', 'coach.dailyBudget', 'coach.preset'];

  after(async () => {
    for (const k of KEYS) await config().update(k, undefined, vscode.ConfigurationTarget.Global);
    disposables.splice(0).forEach((d) => d.dispose());
    await closeAllEditors();
  });

  it('replaying a recorded session gives exactly the outputs the extension had, in order', async () => {
    const api = await deliberateApi();
    const log = new ObservationLog(api);
    disposables.push(log);
    let live: SessionOutput[] = [];
    let recording = false;
    disposables.push(
      // Outputs of the recording's own session: from its first input on.
      api.onDidInput(({ input }) => {
        if (input.type === 'session.start' && recording) live = [];
      }),
      api.onDidOutput((o) => live.push(o)),
    );
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'deliberate-equality-')), 'session.jsonl');
    // Earlier tests' nudges put kinds in their cooldown: start from a coach that has shown nothing.
    await vscode.commands.executeCommand('deliberate.resetCoach');
    recording = true;
    await vscode.commands.executeCommand('deliberate.recordTrace', { file, skipWarning: true });

    // A session with a bit of everything: settings, an AI edit, typing, a save and a nudge, its answer, a commit.
    await config().update('coach.preset', 'standard', vscode.ConfigurationTarget.Global);
    await config().update('coach.largeBurstLines', 10, vscode.ConfigurationTarget.Global);
    await config().update('coach.minutesBetweenNudges', 0, vscode.ConfigurationTarget.Global);
    await config().update('coach.dailyBudget', api.coachState().usedToday + 5, vscode.ConfigurationTarget.Global);
    const name = `src/equality-${Date.now()}.ts`;
    const body = Array.from({ length: 12 }, (_, k) => `  const v${k} = xs[${k}] ?? 0;`).join('\n');
    const accepted = await acceptInlineSuggestion(log, disposables, name, '// replay equality\n', '\n', `export function f(xs: number[]): number {\n${body}\n  return v0;\n}`);
    await vscode.commands.executeCommand('type', { text: '\n// typed by hand' });
    const nudged = waitFor('a nudge', () => live.find((o) => o.kind === 'nudge'), 30_000);
    // A save after a quiet moment is a breakpoint; wait for the pause rather than guess it.
    await waitFor('the AI edit to settle', () => live.find((o) => o.kind === 'attribution' && o.attribution.doc === accepted.docId && o.attribution.label === 'ai.inline'), 10_000);
    await accepted.document.save();
    const nudge = await nudged;
    if (nudge.kind !== 'nudge') throw new Error('not a nudge');
    await vscode.commands.executeCommand('deliberate.nudgeAction', nudge.nudge.id, 'markReviewed');
    const cwd = workspaceRoot().fsPath;
    execFileSync('git', ['add', name], { cwd });
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', 'equality'], { cwd });
    await waitFor('the commit to be read and its AI edits counted', () => live.find((o) => o.kind === 'metric' && o.event.kind === 'commit'), 15_000);
    await vscode.commands.executeCommand('deliberate.stopRecording');
    recording = false;
    const recorded = [...live];

    const text = readFileSync(file, 'utf8');
    const trace = parseTrace(text, file);
    const { outputs } = replaySession(trace.observations, { startEpochMs: Date.parse(trace.header.recordedAt!), local: LOCAL_TIME, endSession: false });

    const kinds = new Set(recorded.map((o) => (o.kind === 'metric' ? `metric:${o.event.kind}` : o.kind)));
    for (const k of ['attribution', 'nudge', 'commitNeedsFiles', 'metric:aiEdit', 'metric:commit', 'metric:fate', 'metric:nudge']) assert.ok(kinds.has(k), `the recorded session has ${k} outputs: ${[...kinds].join(', ')}`);
    assert.equal(recorded.filter((o) => o.kind === 'problem').length, 0);
    // Document ids differ (the trace numbers its own); everything else must be identical.
    assert.deepEqual(canonicalDocs(outputs), canonicalDocs(recorded));
  });
});

/** Renames document ids in order of first appearance, so two logs that differ only in their ids compare equal. */
function canonicalDocs(outputs: readonly SessionOutput[]): unknown {
  const names = new Map<string, string>();
  const name = (id: string) => {
    if (!names.has(id)) names.set(id, `D${names.size + 1}`);
    return names.get(id)!;
  };
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string' && key === 'doc') return name(value);
    if (Array.isArray(value)) return value.map((v) => walk(v, key === 'docs' ? 'doc' : undefined));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk(outputs);
}
