import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The built command line (dist/cli.js), run as a user runs it. */
const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'cli.js');
const HEADER = '{"format":"edit-trace","version":1,"vscode":"1.139.1","platform":"linux","recordedAt":"2026-11-21T19:00:00.000Z"}';

function run(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input: options.input ?? '', env: { ...process.env, ...options.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('deliberate command line', function () {
  this.timeout(20_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deliberate-cli-'));

  it('replays a labelled trace: one line per change, then the score summary last', () => {
    const file = path.join(dir, 'ok.jsonl');
    writeFileSync(
      file,
      [
        HEADER,
        '{"t":0,"type":"doc.open","doc":"d1","lang":"ts","text":""}',
        '{"t":5,"type":"editor.selection","doc":"d1","selections":[{"anchor":0,"active":0}],"kind":"keyboard"}',
        '{"t":10,"type":"doc.change","doc":"d1","version":2,"reason":null,"changes":[{"offset":0,"length":0,"text":"a"}],"label":"human.type"}',
        '{"t":11,"type":"future.kind","x":1}',
        '{"t":3000,"type":"doc.change","doc":"d1","version":3,"reason":"undo","changes":[{"offset":0,"length":1,"text":""}],"label":"undo"}',
      ].join('\n') + '\n',
    );
    const r = run(['replay', '--score', file]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.slice(0, 2), [
      { i: 2, t: 10, doc: 'd1', label: 'human.type', confidence: 0.95 },
      { i: 4, t: 3000, doc: 'd1', label: 'undo', confidence: 1 },
    ]);
    const summary = lines[2];
    for (const key of ['precision', 'recall', 'precisionChars', 'recallChars']) assert.equal(typeof summary.ai[key], 'number', key);
    assert.deepEqual(summary.confusion, { 'human.type': { 'human.type': 1 }, undo: { undo: 1 } });
    assert.ok(summary.eventsPerSecond > 0);
    assert.match(r.stderr, /ok\.jsonl:5: unknown observation type "future\.kind", skipped/);
  });

  it('names the file and line of a malformed trace and exits 1', () => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, `${HEADER}\n{"t":0,"type":"doc.change","doc":"d1"}\n`);
    const r = run(['replay', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bad\.jsonl:2: bad "doc\.change" observation/);
    const missing = run(['replay', path.join(dir, 'nope.jsonl')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.jsonl:0: cannot read the file \(ENOENT\)/);
  });

  it('explains usage errors with exit code 2', () => {
    assert.equal(run([]).code, 2);
    const r = run(['replay', '--fate', '--use-label']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option --use-label/);
  });
});
