import * as assert from 'node:assert/strict';
import { EditClassifier, SETTLE_MS, applyChanges, type Attribution } from '../../src/core/attribution/classifier';
import { programOf, commandKind, DEFAULT_AI_AGENT_COMMANDS } from '../../src/core/attribution/commands';
import type { Observation } from '../../src/core/observation';
import { sha256Hex } from '../../src/core/sha256';

/** Runs a scripted stream through the classifier and returns label per change index. */
function classify(stream: Observation[], options = {}): Attribution[] {
  const out: Attribution[] = [];
  const c = new EditClassifier((a) => out.push(a), options);
  stream.forEach((o, i) => c.observe(i, o));
  c.flush();
  return out;
}

const open = (text: string, t = 0): Observation => ({ t, type: 'doc.open', doc: 'd1', lang: 'typescript', text, path: 'src/a.ts' });
const sel = (t: number, at: number, kind: 'keyboard' | 'mouse' | 'command' | null = 'keyboard', anchor = at): Observation => ({
  t,
  type: 'editor.selection',
  doc: 'd1',
  selections: [{ anchor, active: at }],
  kind,
});
const change = (t: number, offset: number, length: number, text: string, extra: Partial<Extract<Observation, { type: 'doc.change' }>> = {}): Observation => ({
  t,
  type: 'doc.change',
  doc: 'd1',
  version: t,
  reason: null,
  changes: [{ offset, length, text }],
  ...extra,
});

describe('EditClassifier', () => {
  it('labels typing, an inline acceptance at the cursor, and a paste that matches the clipboard', () => {
    const suggestion = 'return a + b;\n}';
    const pasted = 'const copy = 1;\n';
    const labels = classify([
      open('function add(a, b) {\n  '),
      sel(10, 23),
      change(100, 23, 0, 'r'),
      sel(101, 24),
      change(220, 24, 0, 'e'),
      sel(221, 25),
      change(300, 24, 1, ''), // backspace
      sel(301, 24),
      // ghost text accepted with Tab: many characters at the cursor, no keyboard selection after
      change(2000, 24, 0, suggestion),
      sel(2001, 24 + suggestion.length, null),
      { t: 2020, type: 'clipboard', text: 'something else' },
      sel(3000, 0, 'keyboard'),
      change(3500, 0, 0, pasted),
      sel(3501, pasted.length, null),
      { t: 3520, type: 'clipboard', length: pasted.length, sha256: sha256Hex(pasted) },
    ]).map((a) => [a.i, a.label]);
    assert.deepEqual(labels, [
      [2, 'human.type'],
      [4, 'human.type'],
      [6, 'human.delete'],
      [8, 'ai.inline'],
      [12, 'human.paste'],
    ]);
  });

  it('labels undo and redo from the event reason with full confidence', () => {
    const out = classify([open('abc'), change(10, 0, 3, '', { reason: 'undo' }), change(20, 0, 0, 'abc', { reason: 'redo' })]);
    assert.deepEqual(
      out.map((a) => [a.label, a.confidence]),
      [
        ['undo', 1],
        ['redo', 1],
      ],
    );
  });

  it('tells a reload by a command-line agent from one by git and one by another program', () => {
    const text = 'export const a = 1;\n';
    const out = classify([
      open(text),
      { t: 1000, type: 'terminal.exec', phase: 'start', commandLine: 'claude -p "add b"' },
      { t: 3000, type: 'fs', doc: 'd1', change: 'changed' },
      change(3040, 20, 0, 'export const b = 2;\n'),
      { t: 5000, type: 'terminal.exec', phase: 'end', commandLine: 'claude -p "add b"', exitCode: 0 },
      { t: 20_000, type: 'terminal.exec', phase: 'start', commandLine: 'git checkout -- src/a.ts' },
      { t: 20_100, type: 'fs', doc: 'd1', change: 'changed' },
      change(20_130, 20, 20, ''),
      { t: 20_300, type: 'terminal.exec', phase: 'end', commandLine: 'git checkout -- src/a.ts', exitCode: 0 },
      { t: 40_000, type: 'terminal.exec', phase: 'start', commandLine: "sed -i 's/1/2/' src/a.ts" },
      { t: 40_050, type: 'fs', doc: 'd1', change: 'changed' },
      change(40_080, 17, 1, '2'),
      { t: 40_100, type: 'terminal.exec', phase: 'end', commandLine: "sed -i 's/1/2/' src/a.ts", exitCode: 0 },
    ]);
    assert.deepEqual(
      out.map((a) => a.label),
      ['ai.agent', 'vcs', 'external'],
    );
  });

  it('treats a reload back to a known git revision as version control even with no git event', () => {
    const text = 'const x = 1;\n';
    const out = classify([
      open(text),
      change(100, 12, 0, ' // draft'),
      { t: 200, type: 'doc.save', doc: 'd1' },
      { t: 260, type: 'fs', doc: 'd1', change: 'changed' },
      { t: 9000, type: 'fs', doc: 'd1', change: 'changed' }, // `git stash` rewrote the file
      change(9030, 12, 9, ''),
    ]);
    assert.equal(out[1]!.label, 'vcs');
  });

  it('does not take typing in a file just created and opened for a reload', () => {
    const out = classify([
      open('let a = 1;\n'),
      { t: 40, type: 'fs', path: 'src/a.ts', change: 'created' }, // the watcher reports the creation after the open
      { t: 900, type: 'git', head: 'abc', branch: 'main', op: 'commit' },
      sel(1000, 11, null),
      change(1100, 11, 0, 'b'),
      sel(1101, 12, 'keyboard'),
    ]);
    assert.deepEqual(
      out.map((a) => a.label),
      ['human.type'],
    );
  });

  it('follows an agent checkpoint from a hook to the document it names', () => {
    const out = classify([
      open('a\n'),
      { t: 100, type: 'agent.checkpoint', agent: 'claude-code', phase: 'pre', paths: ['src/a.ts'] },
      { t: 300, type: 'fs', doc: 'd1', change: 'changed' },
      change(320, 2, 0, 'b\n'),
      { t: 330, type: 'agent.checkpoint', agent: 'claude-code', phase: 'post', paths: ['src/a.ts'] },
    ]);
    assert.deepEqual(
      out.map((a) => [a.label, a.basis]),
      [['ai.agent', 'reload:checkpoint']],
    );
  });

  it('labels rename-like identical replacements and whitespace-only reflows as tools', () => {
    const out = classify([
      open('let foo = 1;\nfoo++;\nfoo--;\n'),
      sel(10, 0),
      { t: 500, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 20, length: 3, text: 'bar' }, { offset: 13, length: 3, text: 'bar' }, { offset: 4, length: 3, text: 'bar' }] },
      { t: 900, type: 'doc.change', doc: 'd1', version: 3, reason: null, changes: [{ offset: 9, length: 1, text: '  ' }, { offset: 3, length: 1, text: '  ' }] },
    ]);
    assert.deepEqual(
      out.map((a) => a.label),
      ['tool.refactor', 'tool.format'],
    );
  });

  it('uses VS Code edit sources only when told to', () => {
    const stream = [open('x'), sel(1, 1), change(5, 1, 0, 'yz', { source: 'inlineCompletionAccept' }), sel(6, 3, null), { t: 20, type: 'clipboard', text: 'yz' } as Observation];
    assert.equal(classify(stream)[0]!.label, 'human.paste');
    const exact = classify(stream, { useExactSources: true })[0]!;
    assert.deepEqual([exact.label, exact.exact, exact.confidence], ['ai.inline', true, 1]);
  });

  it('settles every change within SETTLE_MS of stream time, in order, exactly once', () => {
    const out: Attribution[] = [];
    const c = new EditClassifier((a) => out.push(a));
    c.observe(0, open(''));
    c.observe(1, change(100, 0, 0, 'ab'));
    c.observe(2, change(200, 2, 0, 'c'));
    assert.equal(out.length, 0, 'waits for evidence');
    c.advance(100 + SETTLE_MS);
    assert.deepEqual(
      out.map((a) => a.i),
      [1],
    );
    c.observe(3, sel(5000, 3));
    assert.deepEqual(
      out.map((a) => a.i),
      [1, 2],
    );
    c.flush();
    assert.equal(c.waiting, 0);
  });

  it('applies multi-part changes against the text before the event', () => {
    assert.equal(applyChanges('abcdef', [{ offset: 4, length: 1, text: 'E' }, { offset: 0, length: 1, text: 'AA' }]), 'AAbcdEf');
  });
});

describe('terminal command kinds', () => {
  const ai = new Set(DEFAULT_AI_AGENT_COMMANDS);
  it('finds the program behind wrappers, paths and environment assignments', () => {
    assert.equal(programOf('FOO=1 npx -y @anthropic-ai/claude-code -p "x"'), 'claude-code');
    assert.equal(programOf('/usr/local/bin/codex exec "fix it"'), 'codex');
    assert.equal(programOf('sudo git checkout main'), 'git');
  });
  it('knows agents from other programs', () => {
    assert.equal(commandKind('claude -p "hi"', ai), 'ai');
    assert.equal(commandKind('aider --message x', ai), 'ai');
    assert.equal(commandKind('git stash pop', ai), 'git');
    assert.equal(commandKind("sed -i 's/a/b/' f", ai), 'other');
    assert.equal(commandKind('npm test', ai), 'other');
  });
});
