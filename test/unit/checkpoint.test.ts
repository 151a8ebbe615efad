import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckpointSpool } from '../../src/adapters/checkpointSpool';
import { SPOOL_VERSION, writeSpoolRecord, type SpoolRecord } from '../../src/shared/spool';

const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'cli.js');

function run(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: options.input ?? '', env: { ...process.env, ...options.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A window's spool reader: owns the files under its workspace folder, like editorObservations' `owns`. */
function window(dir: string, folder: string, now: { t: number }, got: SpoolRecord[], warnings: string[]): CheckpointSpool {
  const owns = (p: string) => p.startsWith(folder + path.sep);
  return new CheckpointSpool({
    dir,
    // What editorObservations does with a record: keep the paths of this workspace, drop a record with none.
    onRecord: (r) => {
      const mine = r.paths.filter(owns);
      if (r.paths.length === 0 || mine.length > 0) got.push({ ...r, paths: mine });
    },
    warn: (m) => warnings.push(m),
    now: () => now.t,
    owns,
  });
}

describe('agent checkpoints', function () {
  this.timeout(30_000);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'deliberate-spool-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('two windows sharing the spool each take exactly the checkpoints for their own files: none lost, none doubled', async () => {
    const dir = path.join(tmp, 'two-windows');
    const now = { t: Date.now() };
    const a: SpoolRecord[] = [];
    const b: SpoolRecord[] = [];
    const warnings: string[] = [];
    const wsA = path.join(tmp, 'ws-a');
    const wsB = path.join(tmp, 'ws-b');
    const readers = [window(dir, wsA, now, a, warnings), window(dir, wsB, now, b, warnings)];
    readers.forEach((r) => r.start());
    try {
      const record = (agent: string, paths: string[]): SpoolRecord => ({ version: SPOOL_VERSION, agent, phase: 'post', paths, cwd: tmp, at: now.t });
      const expectA = new Set<string>();
      const expectB = new Set<string>();
      // 60 checkpoints, each for one window's file, written in bursts while both windows read.
      for (let i = 0; i < 60; i++) {
        const mineA = i % 2 === 0;
        writeSpoolRecord(dir, record(`agent-${i}`, [path.join(mineA ? wsA : wsB, `f${i}.ts`)]));
        (mineA ? expectA : expectB).add(`agent-${i}`);
        if (i % 7 === 0) await new Promise((r) => setImmediate(r));
      }
      // Four name files of both windows: each window gets its part.
      for (let i = 0; i < 4; i++) {
        writeSpoolRecord(dir, record(`both-${i}`, [path.join(wsA, `g${i}.ts`), path.join(wsB, `g${i}.ts`)]));
        expectA.add(`both-${i}`);
        expectB.add(`both-${i}`);
      }
      // Three name files outside both: nobody's, left alone.
      for (let i = 0; i < 3; i++) writeSpoolRecord(dir, record(`elsewhere-${i}`, [path.join(tmp, 'elsewhere', `h${i}.ts`)]));

      // Wait until both windows have read everything there is for them (or nothing is left to read).
      const left = () => readdirSync(dir).filter((n) => !n.startsWith('.'));
      const deadline = Date.now() + 20_000;
      const forSomeWindow = (n: string) => {
        try {
          return !readFileSync(path.join(dir, n), 'utf8').includes('elsewhere');
        } catch {
          return true; // being taken right now
        }
      };
      while ((a.length < expectA.size || b.length < expectB.size) && left().some(forSomeWindow)) {
        assert.ok(Date.now() < deadline, `window A has ${a.length} of ${expectA.size}, B ${b.length} of ${expectB.size}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await Promise.all(readers.map((r) => r.scan()));
      const lost = [...expectA].filter((x) => !a.some((r) => r.agent === x)).length + [...expectB].filter((x) => !b.some((r) => r.agent === x)).length;
      assert.equal(lost, 0, 'checkpoints lost');
      assert.deepEqual(a.map((r) => r.agent).sort(), [...expectA].sort(), 'window A got its own, once each');
      assert.deepEqual(b.map((r) => r.agent).sort(), [...expectB].sort(), 'window B got its own, once each');
      for (const r of a) assert.ok(r.paths.every((p) => p.startsWith(wsA)), 'A sees only paths of its workspace');
      for (const r of b) assert.ok(r.paths.every((p) => p.startsWith(wsB)));
      assert.equal(left().length, 3, 'the checkpoints for files of neither window are left for a window that may own them');
      assert.deepEqual(warnings, []);
      // Stale after ten minutes: then any window removes them.
      now.t += 11 * 60_000;
      await readers[0]!.scan();
      assert.deepEqual(left(), []);
    } finally {
      readers.forEach((r) => r.dispose());
    }
  });

  it('a window whose workspace gains a folder takes its checkpoints then; leftovers of a window that died are cleaned', async () => {
    const dir = path.join(tmp, 'later');
    const now = { t: Date.now() };
    const got: SpoolRecord[] = [];
    let folders: string[] = [];
    const spool = new CheckpointSpool({ dir, onRecord: (r) => got.push(r), warn: () => undefined, now: () => now.t, owns: (p) => folders.some((f) => p.startsWith(f)) });
    mkdirSync(dir, { recursive: true });
    writeSpoolRecord(dir, { version: SPOOL_VERSION, agent: 'late', phase: 'pre', paths: ['/ws/late/a.ts'], cwd: '/ws/late', at: now.t });
    await spool.scan();
    assert.equal(got.length, 0);
    folders = ['/ws/late/'];
    await spool.scan();
    assert.deepEqual(got.map((r) => r.agent), ['late']);
    const leftover = path.join(dir, '.123-1-abcd.json.taken-9_dead');
    writeFileSync(leftover, '{}');
    const old = new Date(Date.now() - 20 * 60_000);
    utimesSync(leftover, old, old);
    writeFileSync(path.join(dir, 'broken.json'), '{"version":1');
    await spool.scan();
    assert.deepEqual(readdirSync(dir).sort(), ['broken.json.bad']);
  });

  it('writes a checkpoint to the spool from files or from a Claude Code or VS Code hook payload', () => {
    const spool = path.join(tmp, 'cli-spool');
    const env = { DELIBERATE_SPOOL: spool };
    assert.equal(run(['checkpoint', '--agent', 'codex', '--phase', 'pre', 'src/a.ts'], { env }).code, 0);
    const payload = JSON.stringify({ session_id: 's', cwd: '/work/project', hook_event_name: 'PostToolUse', tool_name: 'Edit', tool_input: { file_path: '/work/project/src/b.ts', old_string: 'x', new_string: 'y' } });
    assert.equal(run(['checkpoint', '--agent', 'claude-code'], { env, input: payload }).code, 0);
    const vscodePayload = JSON.stringify({ cwd: '/repo', hookEventName: 'PreToolUse', tool_name: 'editFiles', tool_input: { files: ['src/main.ts', 'file:///repo/src/%E0%A4%A.ts'] } });
    const bad = run(['checkpoint', '--agent', 'vscode', '--phase', 'pre'], { env, input: vscodePayload });
    assert.equal(bad.code, 0, 'a file URL that does not decode is skipped, not fatal');
    // A tool call that names no file is not a checkpoint.
    assert.equal(run(['checkpoint', '--agent', 'vscode'], { env, input: JSON.stringify({ cwd: '/repo', tool_name: 'runInTerminal', tool_input: { command: 'ls' } }) }).code, 0);
    const records = readdirSync(spool)
      .sort()
      .map((f) => JSON.parse(readFileSync(path.join(spool, f), 'utf8')));
    assert.deepEqual(
      records.map((r) => [r.agent, r.phase, r.paths]),
      [
        ['codex', 'pre', [path.resolve('src/a.ts')]],
        ['claude-code', 'post', ['/work/project/src/b.ts']],
        ['vscode', 'pre', ['/repo/src/main.ts']],
      ],
    );
  });

  it('never fails the agent\'s tool call: exit 0 whatever happens to the spool, and 1, never 2 (which blocks the call), for a mistake in the hook\'s command', () => {
    const readOnly = path.join(tmp, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    const unwritable = run(['checkpoint', '--agent', 'a', 'x.ts'], { env: { DELIBERATE_SPOOL: path.join(readOnly, 'spool') } });
    // (As root the folder is writable anyway; either way the call succeeds.)
    assert.equal(unwritable.code, 0, unwritable.stderr);
    const notJson = run(['checkpoint', '--agent', 'a'], { env: { DELIBERATE_SPOOL: path.join(tmp, 's2') }, input: 'not json' });
    assert.equal(notJson.code, 0);
    assert.match(notJson.stderr, /not a JSON hook payload/);
    const usage = run(['checkpoint', 'a.ts']);
    assert.equal(usage.code, 1);
    assert.match(usage.stderr, /checkpoint needs --agent NAME/);
    assert.equal(run(['checkpoint', '--agent', 'a', '--phase', 'during', 'a.ts']).code, 1);
    const spoolIsAFile = path.join(tmp, 'a-file');
    writeFileSync(spoolIsAFile, '');
    const r = run(['checkpoint', '--agent', 'a', 'x.ts'], { env: { DELIBERATE_SPOOL: spoolIsAFile } });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /could not write the checkpoint/);
  });
});
