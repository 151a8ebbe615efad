import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { replayFates } from '../../src/core/attribution/replay';
import { FateTracker, outcomeOf, RETENTION_WINDOWS } from '../../src/core/fate/fateTracker';
import type { EditLabel, Observation } from '../../src/core/observation';
import { parseTrace } from '../../src/core/traceFormat';
import { applyChanges } from '../../src/core/attribution/classifier';
import { Rope } from '../../src/core/text/rope';

const change = (t: number, offset: number, length: number, text: string, reason: 'undo' | 'redo' | null = null): Observation => ({
  t,
  type: 'doc.change',
  doc: 'd1',
  version: t,
  reason,
  changes: [{ offset, length, text }],
});

describe('FateTracker', () => {
  it('measures retention at every window, at the next save and commit, on a scripted day', () => {
    const fate = new FateTracker();
    const stream: Observation[] = [
      { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: '' },
      change(1000, 0, 0, '0123456789'), // AI, 10 characters
      change(2000, 10, 0, 'x'), // typed next to it: not a loss
      change(10_000, 2, 3, ''), // three of its characters deleted
      { t: 40_000, type: 'doc.save', doc: 'd1' },
      change(100_000, 0, 1, 'Z'), // one more replaced
      { t: 200_000, type: 'git', head: 'abc', branch: 'main', op: 'commit' },
      { t: 700_000, type: 'window.focus', focused: true },
    ];
    stream.forEach((o, i) => {
      fate.observe(i, o);
      if (i === 1) fate.attribute(1, 'ai.inline', 1000, 'd1');
      if (i === 2) fate.attribute(2, 'human.type', 2000, 'd1');
    });
    const [f] = fate.fates(700_000);
    assert.deepEqual(f, {
      i: 1,
      t: 1000,
      doc: 'd1',
      label: 'ai.inline',
      originalChars: 10,
      retained: { '30s': 7, '120s': 6, '300s': 6, '600s': 6, '900s': null },
      atSave: 7,
      atCommit: 6,
      firstRunAfter: null,
      ranBeforeCommit: false,
      atEnd: 6,
      outcome: 'revised',
      revisedShare: 0.4,
      lost: 0,
      commit: null,
      commitsWithout: 0,
      finalAt: null,
    });
    assert.equal(fate.following, 1);
  });

  describe("a chat's Undo (no undo reason from VS Code: the classifier calls it an undo)", () => {
    const OPEN = 'export function one() {\n  return 1;\n}\n';
    const CHAT = OPEN.replace('return 1;', 'return 100;');
    const CREATED = 'export const created = true;\n';
    /**
     * Feeds the stream with the texts before each change. `labels`: after observation `at`,
     * the attribution of change `i` settles (index: label, for one right after its change).
     */
    function run(stream: Observation[], labels: Record<number, EditLabel | readonly [number, EditLabel]>): FateTracker {
      const fate = new FateTracker();
      const texts = new Map<string, string>();
      stream.forEach((o, i) => {
        let before: Rope | undefined;
        if (o.type === 'doc.open') texts.set(o.doc, o.text);
        if (o.type === 'doc.change') {
          const text = texts.get(o.doc)!;
          before = Rope.from(text);
          texts.set(o.doc, applyChanges(text, o.changes));
        }
        fate.observe(i, o, before);
        for (const [at, value] of Object.entries(labels)) {
          const [changeIndex, label] = typeof value === 'string' ? [Number(at), value] : value;
          if (Number(at) !== i) continue;
          const c = stream[changeIndex] as Extract<Observation, { type: 'doc.change' }>;
          fate.attribute(changeIndex, label, c.t, c.doc);
        }
      });
      return fate;
    }

    it('counts the AI text a whole-document Undo takes back as undone, not deleted, and the typing it keeps does not make it revised', () => {
      const typed = CHAT.replace('}\n', '} // mine\n');
      const fate = run(
        [
          { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: OPEN },
          { t: 1000, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 33, length: 1, text: '100' }] },
          { t: 2000, type: 'doc.change', doc: 'd1', version: 3, reason: null, changes: [{ offset: 39, length: 0, text: ' // mine' }] },
          // Undo: the whole document, back to the text before the request with the typing kept.
          { t: 3000, type: 'doc.change', doc: 'd1', version: 4, reason: null, changes: [{ offset: 0, length: typed.length, text: OPEN.replace('}\n', '} // mine\n') }] },
        ],
        { 1: 'ai.chat', 2: 'human.type', 3: 'undo' },
      );
      assert.deepEqual(fate.fates(3000).map((f) => [f.label, f.outcome, f.atEnd]), [['ai.chat', 'undone', 0]]);
    });

    it('still counts a whole-document change that is not an undo as deleting the AI text', () => {
      const fate = run(
        [
          { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: OPEN },
          { t: 1000, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 33, length: 1, text: '100' }] },
          { t: 3000, type: 'doc.change', doc: 'd1', version: 3, reason: null, changes: [{ offset: 0, length: CHAT.length, text: '// rewritten\n' }] },
        ],
        { 1: 'ai.chat', 2: 'human.paste' },
      );
      assert.deepEqual(fate.fates(3000).map((f) => f.outcome), ['deleted']);
    });

    it("follows a created file's AI text whose document closed before its attribution settled, and counts the file deleted with the Undo as undone", () => {
      const created = (deleteAt: number): Observation[] => [
        { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: OPEN },
        { t: 1000, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 33, length: 1, text: '100' }] },
        { t: 1100, type: 'doc.open', doc: 'd2', lang: 'ts', text: '' },
        { t: 1101, type: 'doc.change', doc: 'd2', version: 2, reason: null, changes: [{ offset: 0, length: 0, text: CREATED }] },
        { t: 3000, type: 'doc.change', doc: 'd1', version: 3, reason: null, changes: [{ offset: 0, length: CHAT.length, text: OPEN }] },
        // The created file: its document closes (before its edit's attribution settles), then the file goes.
        { t: 3070, type: 'doc.close', doc: 'd2' },
        { t: deleteAt, type: 'fs', doc: 'd2', change: 'deleted' },
        { t: deleteAt + 10, type: 'window.focus', focused: true },
      ];
      // Attributions settle about a second after their change: the created file's after its close.
      const settle = { 1: 'ai.chat', 6: [3, 'ai.chat'], 7: [4, 'undo'] } as const;
      const undone = run(created(3160), settle).fates(5000);
      assert.deepEqual(undone.map((f) => [f.doc, f.outcome]), [['d1', 'undone'], ['d2', 'undone']]);
      // The same file deleted long after any undo (by the person, say): deleted.
      const later = run(created(60_000), settle).fates(61_000);
      assert.deepEqual(later.map((f) => [f.doc, f.outcome]), [['d1', 'undone'], ['d2', 'deleted']]);
    });

    it("counts a created file deleted as the chat lets go of it (its checkpoint) as undone", () => {
      const fate = run(
        [
          { t: 0, type: 'doc.open', doc: 'd2', lang: 'ts', text: '' },
          { t: 1, type: 'agent.checkpoint', agent: 'vscode.chat', phase: 'pre', docs: ['d2'], paths: ['src/c.ts'] },
          { t: 2, type: 'doc.change', doc: 'd2', version: 2, reason: null, changes: [{ offset: 0, length: 0, text: CREATED }] },
          { t: 3000, type: 'doc.close', doc: 'd2' },
          { t: 3010, type: 'agent.checkpoint', agent: 'vscode.chat', phase: 'post', docs: ['d2'], paths: ['src/c.ts'] },
          { t: 3100, type: 'fs', doc: 'd2', change: 'deleted' },
        ],
        { 2: 'ai.chat' },
      );
      assert.deepEqual(fate.fates(4000).map((f) => f.outcome), ['undone']);
    });
  });

  it('names outcomes: undone, deleted, revised, kept', () => {
    assert.equal(outcomeOf(10, 0, 10, true), 'undone');
    assert.equal(outcomeOf(10, 3, 0, true), 'deleted');
    assert.equal(outcomeOf(10, 8, 0, true), 'revised');
    assert.equal(outcomeOf(10, 10, 0, true), 'revised'); // something typed inside it
    assert.equal(outcomeOf(10, 10, 0, false), 'kept');
  });

  const corpus = path.resolve(__dirname, '../../../test/fixtures/corpus');
  const traces = ['tune', 'holdout'].flatMap((split) =>
    readdirSync(path.join(corpus, split))
      .filter((f) => f.endsWith('.jsonl') && !f.endsWith('.sources.jsonl'))
      .map((f) => path.join(corpus, split, f)),
  );

  it('keeps its invariants on every corpus trace: retained never exceeds the original and never rises', () => {
    let followed = 0;
    for (const file of traces) {
      const { observations } = parseTrace(readFileSync(file, 'utf8'), file);
      for (const useLabels of [true, false]) {
        for (const f of replayFates(observations, { useLabels })) {
          followed++;
          const series = [...RETENTION_WINDOWS.map((w) => f.retained[w.name]).filter((v): v is number => v !== null), f.atEnd];
          for (let k = 0; k < series.length; k++) {
            assert.ok(series[k]! <= f.originalChars, `${path.basename(file)} i=${f.i}`);
            if (k > 0) assert.ok(series[k]! <= series[k - 1]!, `${path.basename(file)} i=${f.i} rose`);
          }
          if (f.outcome === 'kept') assert.equal(f.atEnd, f.originalChars);
        }
      }
    }
    assert.ok(followed > 100, `followed ${followed} AI edits`);
  });

  it('sees an inline suggestion undone right after acceptance as undone', () => {
    const file = path.join(corpus, 'tune', 'inline-partial-and-undo.jsonl');
    const fates = replayFates(parseTrace(readFileSync(file, 'utf8'), file).observations, { useLabels: true });
    const undone = fates.filter((f) => f.outcome === 'undone');
    assert.equal(undone.length, 1);
    assert.equal(undone[0]!.atEnd, 0);
  });
});

describe('validation runs after AI edits', () => {
  it('records the first run after an edit and whether it came before the commit', () => {
    const fate = new FateTracker();
    const stream: Observation[] = [
      { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: '' },
      change(1000, 0, 0, 'const a = 1;\n'),
      { t: 5000, type: 'terminal.exec', phase: 'start', commandLine: 'ls -la' },
      { t: 6000, type: 'terminal.exec', phase: 'start', commandLine: 'npm test' },
      change(7000, 13, 0, 'const b = 2;\n'),
      { t: 9000, type: 'git', head: 'h1', branch: 'main', op: 'commit' },
    ];
    stream.forEach((o, i) => {
      fate.observe(i, o);
      if (o.type === 'doc.change') fate.attribute(i, 'ai.agent', o.t, 'd1');
    });
    assert.deepEqual(
      fate.fates().map((f) => [f.i, f.firstRunAfter, f.ranBeforeCommit, f.atCommit]),
      [
        [1, 6000, true, 13],
        [4, null, false, 13],
      ],
    );
  });

  it('knows test, build and lint commands of the common ecosystems from other commands', async () => {
    const { isValidationCommand } = await import('../../src/core/fate/validation');
    for (const c of ['npm test', 'npm run build', 'pnpm test', 'yarn lint', 'npx vitest run', 'pytest -q', 'python -m pytest', 'go test ./...', 'cargo test', 'dotnet test', 'mvn -q verify', 'make', 'tsc --noEmit', 'eslint .', 'ruff check', 'node --test', 'node scripts/check.mjs']) {
      assert.ok(isValidationCommand(c), c);
    }
    for (const c of ['ls -la', 'git status', 'cd src', 'npm install', 'claude -p "x"', 'cat README.md', 'go mod tidy', 'cargo add serde', 'yarn install', 'yarn add zod']) {
      assert.ok(!isValidationCommand(c), c);
    }
  });
});

describe('commit time: what the commit made of each AI edit', () => {
  const AI = 'function add(a, b) {\n  return a + b;\n}\n';

  function dayWithTwoDocs(): FateTracker {
    const fate = new FateTracker();
    const stream: Observation[] = [
      { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: '' },
      { t: 0, type: 'doc.open', doc: 'd2', lang: 'ts', text: '' },
      change(1000, 0, 0, AI),
      { ...change(2000, 0, 0, 'const x = 1;\n'), doc: 'd2' } as Observation,
      change(3000, 30, 5, 'a - b'), // revised `a + b` by hand in d1
      { t: 4000, type: 'task', phase: 'start', name: 'test', group: 'test' },
      { t: 9000, type: 'git', head: 'h1', branch: 'main', op: 'commit' },
    ];
    stream.forEach((o, i) => {
      fate.observe(i, o);
      if (i === 2) fate.attribute(2, 'ai.inline', 1000, 'd1');
      if (i === 3) fate.attribute(3, 'ai.agent', 2000, 'd2');
      if (i === 4) fate.attribute(4, 'human.type', 3000, 'd1');
    });
    return fate;
  }

  it('diffs the text as inserted against the text as committed, and leaves edits the commit did not contain waiting', () => {
    const fate = dayWithTwoDocs();
    assert.deepEqual(fate.docsAwaitingCommit().sort(), ['d1', 'd2']);
    const d1Now = AI.slice(0, 30) + 'a - b' + AI.slice(35);
    fate.commitLanded(9000, 'h1', new Map([
      ['d1', { committed: d1Now, current: d1Now }],
      ['d2', { committed: null, current: 'const x = 1;\n' }], // not staged
    ]));
    const [f1, f2] = fate.fates();
    // `+` replaced by `-`: one character of 39 changed, one added.
    assert.deepEqual(f1!.commit, { head: 'h1', t: 9000, revisedShare: 1 / AI.length, addedChars: 1, removedChars: 1 });
    // Retention counts every replaced character as gone; the diff sees that only `+` changed.
    assert.deepEqual([f1!.atCommit, f1!.ranBeforeCommit], [AI.length - 5, true]);
    assert.deepEqual([f2!.commit, f2!.atCommit, f2!.ranBeforeCommit], [null, null, null]);
    assert.deepEqual(fate.docsAwaitingCommit(), ['d2']);
    assert.deepEqual(fate.drainFinal().map((f) => f.i), [2]);
    assert.deepEqual(fate.drainFinal(), [], 'each final fate is given once');
    // The next commit contains d2.
    fate.observe(7, { t: 20_000, type: 'git', head: 'h2', branch: 'main', op: 'commit' });
    fate.commitLanded(20_000, 'h2', new Map([['d2', { committed: 'const x = 1;\n', current: 'const x = 1;\n' }]]));
    const f2b = fate.fates()[1]!;
    assert.deepEqual([f2b.commit?.head, f2b.commit?.revisedShare, f2b.atCommit, f2b.ranBeforeCommit], ['h2', 0, 13, true]); // the test run at 4 s covered it too
  });

  it('finds the edit in a committed file that differs from the document (edited after staging)', () => {
    const fate = dayWithTwoDocs();
    const d1Now = AI.slice(0, 30) + 'a - b' + AI.slice(35);
    const committed = '// staged header\n' + AI; // the commit has the text before the revision
    fate.commitLanded(9000, 'h1', new Map([['d1', { committed, current: d1Now }]]));
    const f1 = fate.fates()[0]!;
    assert.deepEqual(f1.commit, { head: 'h1', t: 9000, revisedShare: 0, addedChars: 0, removedChars: 0 });
  });
});

describe('fates across a window reload', () => {
  it('persists what is still followed without code, and restores it under the new session clock', () => {
    const AI = 'export const answer = compute(42);\n';
    const fate = new FateTracker();
    fate.observe(0, { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: '' });
    fate.observe(1, change(1000, 0, 0, AI));
    fate.attribute(1, 'ai.chat', 1000, 'd1');
    fate.observe(2, change(40_000, 0, 6, '')); // `export` deleted: 30 s window saw it all
    const sessionStart = 1_700_000_000_000;
    const persisted = fate.persist(sessionStart, (doc) => (doc === 'd1' ? 'file:///w/a.ts' : undefined));
    assert.equal(persisted.length, 1);
    assert.ok(!JSON.stringify(persisted).includes('compute'), 'no code');
    assert.deepEqual([persisted[0]!.at, persisted[0]!.retained['30s'], persisted[0]!.docKey], [sessionStart + 1000, AI.length, 'file:///w/a.ts']);

    // The new session started 60 s later and calls the document d3.
    const next = new FateTracker();
    const nextStart = sessionStart + 60_000;
    next.restore(persisted, nextStart, () => 'd3');
    next.observe(0, { t: 0, type: 'doc.open', doc: 'd3', lang: 'ts', text: AI.slice(6) });
    next.observe(1, { t: 100_000, type: 'window.focus', focused: true });
    const [f] = next.fates();
    assert.deepEqual(
      [f!.i, f!.t, f!.label, f!.originalChars, f!.atEnd, f!.lost, f!.retained['30s'], f!.retained['120s'], f!.outcome],
      [-1, -59_000, 'ai.chat', AI.length, AI.length - 6, 0, AI.length, AI.length - 6, 'revised'],
    );
  });

  it('calls an edit lost, not deleted, when its file changed beyond recognition while the window was closed', () => {
    const fate = new FateTracker();
    fate.observe(0, { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: '' });
    fate.observe(1, change(1000, 0, 0, 'some generated code here\n'));
    fate.attribute(1, 'ai.agent', 1000, 'd1');
    const persisted = fate.persist(0, () => 'k');
    const next = new FateTracker();
    next.restore(persisted, 10_000, () => 'd1');
    next.observe(0, { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: 'entirely different\n' });
    const [f] = next.fates();
    assert.deepEqual([f!.atEnd, f!.lost, f!.outcome], [0, 25, 'lost']);
  });
});

describe('redo of an undone AI edit', () => {
  it('follows the edit on as if the undo had not happened, and a plain redo of something else changes nothing', () => {
    const fate = new FateTracker();
    const AI = 'if (!user) return null;\n';
    const stream: [Observation, EditLabel | null][] = [
      [{ t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: 'x\n' }, null],
      [change(1000, 2, 0, AI), 'ai.inline'],
      [change(2000, 2, AI.length, '', 'undo'), 'undo'],
      [change(3000, 2, 0, AI, 'redo'), 'redo'],
      [change(4000, 0, 1, 'y'), 'human.type'],
      [change(5000, 0, 1, ''), 'human.delete'],
      [change(6000, 0, 0, 'y', 'redo'), 'redo'], // a redo, but not of the AI edit
    ];
    stream.forEach(([o, label], i) => {
      fate.observe(i, o);
      if (label !== null && o.type === 'doc.change') fate.attribute(i, label, o.t, o.doc);
    });
    const [f] = fate.fates(31_000);
    assert.deepEqual([fate.fates().length, f!.atEnd, f!.outcome, f!.retained['30s']], [1, AI.length, 'kept', AI.length]);
  });
});
