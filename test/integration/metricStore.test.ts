import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MetricEvent } from '../../src/core/metrics';
import { deliberateApi, waitFor } from './helpers';

describe('metric store and progress, in the extension', function () {
  this.timeout(60_000);
  const out = mkdtempSync(path.join(tmpdir(), 'deliberate-export-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('stores metric events from api.metrics and shows them in the progress model; export, delete and open folder work', async () => {
    const api = await deliberateApi();
    await vscode.commands.executeCommand('deliberate.deleteData', { confirm: true });
    const now = Date.now();
    const events: MetricEvent[] = [
      { kind: 'edits', at: now, human: 300, ai: { inline: 0, chat: 100, agent: 0 }, tool: 0 },
      { kind: 'fate', at: now, editAt: now - 1000, assistant: 'chat', chars: 100, retained: 90, outcome: 'revised', revisedShare: 0.1, committed: true, ranBeforeCommit: true },
      { kind: 'exercise', at: now, pack: 'foundations', exercise: 'validate-1', habit: 'validate', event: 'completed' },
    ];
    for (const e of events) assert.equal(api.metrics.record(e), true);
    assert.equal(api.metrics.record({ kind: 'commit', at: now, aiEdits: -1, aiEditsRun: 0, aiChars: 0 }), false, 'an invalid event is refused');
    const model = await api.metrics.progress();
    assert.equal(model.empty, false);
    assert.equal(model.ranges.week.code.aiShare, 0.25);
    assert.equal(model.ranges.week.fates.revised, 1);
    assert.equal(model.ranges.week.exercises.completed, 1);
    assert.equal(model.streak.current, 1);
    assert.ok(api.metrics.dataFolder().length > 0);

    const json = (await vscode.commands.executeCommand<string>('deliberate.exportData', { kind: 'json', target: path.join(out, 'data.json') }))!;
    const exported = JSON.parse(readFileSync(json, 'utf8'));
    // The session keeps recording what earlier tests left settling; ours are the ones at `now`.
    assert.equal(exported.events.filter((e: { at: number }) => e.at === now).length, 3);
    assert.equal(exported.days.length, 1);
    const csv = (await vscode.commands.executeCommand<string>('deliberate.exportData', { kind: 'csv', target: path.join(out, 'data.csv') }))!;
    assert.equal(readFileSync(csv, 'utf8').trimEnd().split('\r\n').length, 2);
    const md = (await vscode.commands.executeCommand<string>('deliberate.exportData', { kind: 'markdown', target: path.join(out, 'summary.md') }))!;
    const summary = readFileSync(md, 'utf8');
    assert.match(summary, /^# My progress with Deliberate/);
    assert.doesNotMatch(summary, new RegExp(api.metrics.dataFolder().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the shareable summary names no path');

    const folder = await vscode.commands.executeCommand<string>('deliberate.openDataFolder');
    assert.equal(folder, path.resolve(api.metrics.dataFolder()));

    const deleted = await vscode.commands.executeCommand<{ files: number; bytes: number }>('deliberate.deleteData', { confirm: true });
    assert.ok(deleted && deleted.files >= 1 && deleted.bytes > 0, JSON.stringify(deleted));
    assert.equal((await api.metrics.progress()).empty, true);
    assert.equal(existsSync(path.join(api.metrics.dataFolder(), 'events')), false);
  });

  it('opens the progress view as an editor panel', async () => {
    await vscode.commands.executeCommand('deliberate.showProgress');
    const tab = await waitFor('the progress panel tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('deliberate.progressPanel')),
    );
    assert.equal(tab.label, 'My Progress');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
