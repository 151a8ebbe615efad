import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseTrace } from '../../src/core/traceFormat';
import { closeAllEditors, deliberateApi, EXTENSION_ID, ObservationLog, sleep, waitFor, writeWorkspaceFile } from './helpers';

describe('edit trace recorder and agent checkpoints', () => {
  afterEach(closeAllEditors);

  it('records what happens while it runs, in the interchange format, and attributes the edits', async () => {
    const api = await deliberateApi();
    const uri = await writeWorkspaceFile('src/recorded.ts', 'let a = 1;\n');
    const editor = await vscode.window.showTextDocument(uri);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'deliberate-trace-')), 'trace.jsonl');
    const attributions: string[] = [];
    const sub = api.onDidAttribute((a) => attributions.push(a.label));
    try {
      const started = await vscode.commands.executeCommand<string>('deliberate.recordTrace', { file, includePaths: true, skipWarning: true });
      assert.equal(started, file);
      editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(1, 0));
      await vscode.commands.executeCommand('type', { text: 'b' });
      await vscode.commands.executeCommand('undo');
      await waitFor('both edits to be attributed', () => (attributions.length >= 2 ? true : undefined), 5_000);
      const stopped = await vscode.commands.executeCommand<string>('deliberate.stopRecording');
      assert.equal(stopped, file);
    } finally {
      sub.dispose();
    }
    const trace = parseTrace(readFileSync(file, 'utf8'), file);
    assert.equal(trace.header.version, 1);
    const observations = trace.observations.map((o) => o.observation);
    const open = observations.find((o) => o.type === 'doc.open' && o.path === 'src/recorded.ts');
    assert.ok(open && open.type === 'doc.open', 'the document open when recording began is in the trace');
    assert.equal(open.text, 'let a = 1;\n');
    const changes = observations.filter((o) => o.type === 'doc.change' && o.doc === open.doc);
    assert.deepEqual(
      changes.map((c) => (c.type === 'doc.change' ? [c.reason, c.changes] : [])),
      [
        [null, [{ offset: 11, length: 0, text: 'b' }]],
        ['undo', [{ offset: 11, length: 1, text: '' }]],
      ],
    );
    assert.equal(observations[0]!.t, 0);
    assert.ok(!JSON.stringify(observations).includes(os.homedir() + '/'), 'no absolute paths');
    assert.deepEqual(attributions.slice(-2), ['human.type', 'undo']);
  });

  it('turns a checkpoint from the packaged command line into an agent.checkpoint observation', async () => {
    const api = await deliberateApi();
    const log = new ObservationLog(api);
    try {
      const uri = await writeWorkspaceFile('src/agent-target.ts', 'export {};\n');
      await vscode.window.showTextDocument(uri);
      const doc = await waitFor('doc.open', () => log.docIdOf('src/agent-target.ts'));
      await sleep(200);
      const cli = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
      execFileSync(process.execPath, [cli, 'checkpoint', '--agent', 'test-agent', '--phase', 'pre', uri.fsPath], { env: process.env });
      const checkpoint = await waitFor('agent.checkpoint', () => log.ofType('agent.checkpoint').find((c) => c.agent === 'test-agent'), 10_000);
      assert.deepEqual({ phase: checkpoint.phase, docs: checkpoint.docs, paths: checkpoint.paths }, { phase: 'pre', docs: [doc], paths: ['src/agent-target.ts'] });
    } finally {
      log.dispose();
    }
  });
});
