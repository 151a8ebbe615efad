import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { replayFates } from '../../src/core/attribution/replay';
import { FateTracker, outcomeOf, RETENTION_WINDOWS } from '../../src/core/fate/fateTracker';
import type { Observation } from '../../src/core/observation';
import { parseTrace } from '../../src/core/traceFormat';

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
    });
    assert.equal(fate.following, 1);
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
