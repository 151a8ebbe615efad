import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** `deliberate replay --coach` and `--habits`, run as a user runs them (dist/cli.js). */
const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('deliberate replay --coach', function () {
  this.timeout(20_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deliberate-coach-'));
  const file = path.join(dir, 'day.jsonl');
  const body = Array.from({ length: 100 }, (_, k) => `line${k};\\n`).join('');
  writeFileSync(
    file,
    [
      '{"format":"edit-trace","version":1,"recordedAt":"2026-11-23T09:00:00.000Z"}',
      '{"t":0,"type":"doc.open","doc":"d1","lang":"typescript","text":""}',
      // The agent's hook announces the write: the edit is surely the agent's (coaching acts only on sure attributions).
      '{"t":500,"type":"agent.checkpoint","agent":"claude-code","phase":"pre","docs":["d1"]}',
      `{"t":1000,"type":"doc.change","doc":"d1","version":2,"reason":null,"changes":[{"offset":0,"length":0,"text":"${body}"}],"source":"x","label":"ai.agent"}`,
      '{"t":60000,"type":"git","head":"c1","branch":"main","op":"commit"}',
    ].join('\n') + '\n',
  );

  it('prints one line per nudge, {"t","kind","doc","edits"} (the AI edits it is about), and the targets on request', () => {
    const r = run(['replay', '--coach', '--targets', file]);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    // The classifier reads the 100-line insertion away from any cursor as an agent's.
    assert.deepEqual(lines.slice(0, -1), [
      { t: 9000, kind: 'largeBurst', doc: 'd1', edits: [2] },
      { t: 60000, kind: 'unrunAtCommit', doc: 'd1', edits: [2] },
    ]);
    assert.deepEqual(lines.at(-1), { trace: file, targets: { nudgesAfterTyping: 0, daysOverBudget: 0, committedUnrunBursts: 1, hinted: 1, silenced: 0, missed: 0, nudges: 2 } });
  });

  it('--preset quiet and --budget change the policy; bad values are usage errors', () => {
    // A budget of 0 leaves only the commit hint, which is outside the budget.
    assert.deepEqual(run(['replay', '--coach', '--budget', '0', file]).stdout.trim().split('\n').map((l) => JSON.parse(l).kind), ['unrunAtCommit']);
    // Quiet asks about bursts of 200 lines and more: only the commit hint is left.
    assert.deepEqual(run(['replay', '--coach', '--preset=quiet', file]).stdout.trim().split('\n').map((l) => JSON.parse(l).kind), ['unrunAtCommit']);
    const bad = run(['replay', '--coach', '--preset', 'loud', file]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--preset is one of quiet, standard, learner/);
    assert.equal(run(['replay', '--targets', file]).status, 2);
  });

  it('--habits prints the habit summary with its evidence', () => {
    const r = run(['replay', '--habits', file]);
    assert.equal(r.status, 0, r.stderr);
    const { habits } = JSON.parse(r.stdout);
    const validate = habits.find((h: { habit: string }) => h.habit === 'validate');
    assert.deepEqual(validate.figures[0], { id: 'ranBeforeCommit', label: 'Committed AI bursts run before the commit', value: 0, unit: 'share', evidence: '0 run, 1 not' });
    assert.match(validate.source, /Claude Code expertise study/);
  });
});
