import * as assert from 'node:assert/strict';
import { SpanTracker } from '../../src/core/fate/spanTracker';
import { fingerprint, findFingerprint } from '../../src/core/fate/fingerprint';
import type { ContentChange, DocChange } from '../../src/core/observation';

/**
 * Checks the span tracker against a brute-force reference that keeps, for every character
 * of the document, the key of the insertion that wrote it (or none), on random edits.
 */
class Reference {
  owners: (number | null)[] = [];
  text = '';
  apply(changes: readonly ContentChange[], key: number | undefined): void {
    for (const c of [...changes].sort((a, b) => b.offset - a.offset)) {
      this.owners.splice(c.offset, c.length, ...Array<number | null>(c.text.length).fill(key ?? null));
      this.text = this.text.slice(0, c.offset) + c.text + this.text.slice(c.offset + c.length);
    }
  }
  retained(key: number): number {
    return this.owners.filter((o) => o === key).length;
  }
}

/** Deterministic pseudo-random numbers (tests may not depend on Math.random). */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

function randomChanges(next: () => number, length: number): ContentChange[] {
  // One to three non-overlapping changes, offsets into the text before the event.
  const count = 1 + Math.floor(next() * 3);
  const cuts = Array.from({ length: count * 2 }, () => Math.floor(next() * (length + 1))).sort((a, b) => a - b);
  const changes: ContentChange[] = [];
  for (let k = 0; k < count; k++) {
    const start = cuts[2 * k]!;
    const end = next() < 0.4 ? start : cuts[2 * k + 1]!; // often a pure insertion
    const last = changes[changes.length - 1];
    const prevEnd = last === undefined ? -1 : last.offset + last.length;
    if (start <= prevEnd) continue;
    const from = Math.floor(next() * 26);
    const text = next() < 0.3 ? '' : 'abcdefghijklmnopqrstuvwxyzabcdefghij'.slice(from, from + 1 + Math.floor(next() * 10));
    if (text === '' && start === end) continue;
    changes.push({ offset: start, length: end - start, text });
  }
  return changes;
}

describe('SpanTracker', () => {
  it('matches a character-by-character reference on 300 random edit sequences', function () {
    this.timeout(60_000); // about a second on an idle machine; CI machines are shared
    for (let seed = 1; seed <= 300; seed++) {
      const next = rng(seed);
      const tracker = new SpanTracker();
      const ref = new Reference();
      const keys: number[] = [];
      let length = 0;
      for (let step = 0; step < 60; step++) {
        const changes = randomChanges(next, length);
        if (changes.length === 0) continue;
        const track = next() < 0.5;
        const key = track ? step : undefined;
        const event: DocChange = { t: step * 100, type: 'doc.change', doc: 'd1', version: step + 2, reason: next() < 0.1 ? 'undo' : null, changes };
        tracker.applyChange(event, key);
        ref.apply(changes, key);
        if (key !== undefined && changes.some((c) => c.text.length > 0)) {
          if (next() < 0.7) {
            tracker.promote(key);
            keys.push(key);
          } else {
            tracker.drop(key);
          }
        }
        for (const c of changes) length += c.text.length - c.length;
        for (const k of keys) {
          const state = tracker.state(k)!;
          assert.equal(state.retained, ref.retained(k), `seed ${seed} step ${step} key ${k}`);
          assert.ok(state.retained <= state.original);
          // Ranges are ordered, disjoint, and cover exactly the reference's characters.
          const covered = state.ranges.flatMap((r) => Array.from({ length: r.end - r.start }, (_, j) => r.start + j));
          const expected = ref.owners.flatMap((o, j) => (o === k ? [j] : []));
          assert.deepEqual(covered, expected, `seed ${seed} step ${step} key ${k}`);
          // Every live piece holds original characters: the text there is the inserted text at `orig`.
          const inserted = tracker.insertedText(k)!;
          for (const p of tracker.pieces(k)) assert.equal(ref.text.slice(p.start, p.end), inserted.slice(p.orig, p.orig + p.end - p.start), `seed ${seed} step ${step} key ${k} piece`);
        }
      }
    }
  });

  it('counts what an undo removes, and an insertion inside as a revision without losing characters', () => {
    const tracker = new SpanTracker();
    const change = (t: number, changes: ContentChange[], reason: 'undo' | null = null): DocChange => ({ t, type: 'doc.change', doc: 'd1', version: t, reason, changes });
    tracker.applyChange(change(1, [{ offset: 0, length: 0, text: 'return a + b;' }]), 1);
    tracker.promote(1);
    tracker.applyChange(change(2, [{ offset: 6, length: 0, text: ' (' }]));
    let s = tracker.state(1)!;
    assert.deepEqual([s.retained, s.touched, s.ranges], [13, true, [{ start: 0, end: 6 }, { start: 8, end: 15 }]]);
    tracker.applyChange(change(3, [{ offset: 0, length: 15, text: '' }], 'undo'));
    s = tracker.state(1)!;
    assert.deepEqual([s.retained, s.undone], [0, 13]);
  });

  it('drops candidates that are not AI and keeps the count of those still waiting', () => {
    const tracker = new SpanTracker();
    tracker.applyChange({ t: 1, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 0, length: 0, text: 'x' }] }, 7);
    assert.equal(tracker.candidateCount, 1);
    tracker.drop(7);
    assert.equal(tracker.state(7), undefined);
    assert.equal(tracker.candidateCount, 0);
  });
});

describe('content fingerprints', () => {
  it('finds every window with the fingerprint, as a brute-force search does', () => {
    const next = rng(7);
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 50 + Math.floor(next() * 200) }, () => 'ab\n '[Math.floor(next() * 4)]).join('');
      const start = Math.floor(next() * (text.length - 5));
      const end = start + 1 + Math.floor(next() * Math.min(12, text.length - start - 1));
      const needle = text.slice(start, end);
      const expected: number[] = [];
      for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) expected.push(at);
      assert.deepEqual(findFingerprint(text, fingerprint(text, start, end)), expected, `round ${round}`);
    }
  });

  it('never contains the text it fingerprints', () => {
    const fp = fingerprint('const secret = "hunter2";');
    assert.match(fp, /^25:[0-9a-f]{16}$/);
  });
});

describe('SpanTracker after close, reopen and reload', () => {
  const change = (t: number, offset: number, length: number, text: string): DocChange => ({ t, type: 'doc.change', doc: 'd1', version: t, reason: null, changes: [{ offset, length, text }] });
  const AI = 'function add(a, b) {\n  return a + b;\n}\n';

  function trackerWithSpan(): SpanTracker {
    const tracker = new SpanTracker();
    tracker.applyChange(change(1, 0, 0, '// header\n'));
    tracker.applyChange(change(2, 10, 0, AI), 1);
    tracker.promote(1);
    tracker.applyChange(change(3, 10 + 15, 1, 'x')); // the person replaced `a` in `add(a, b)` -> split
    return tracker;
  }

  it('keeps spans whose text is where it was when the document reopens', () => {
    const tracker = trackerWithSpan();
    const before = tracker.state(1)!;
    tracker.closeDoc('d1');
    const text = '// header\n' + AI.slice(0, 15) + 'x' + AI.slice(16);
    assert.deepEqual(tracker.reanchor('d1', text), { verified: 2, moved: 0, lostChars: 0 });
    assert.deepEqual(tracker.state(1), before);
  });

  it('finds moved pieces again by their text, and counts what is gone as lost, not deleted', () => {
    const tracker = trackerWithSpan();
    tracker.closeDoc('d1');
    // Changed on disk while closed: a line inserted above, and the function body rewritten.
    const text = '// header\n// more\n' + AI.slice(0, 15) + 'x' + ', b) {\n  return 42;\n}\n';
    const r = tracker.reanchor('d1', text);
    assert.deepEqual(r, { verified: 0, moved: 1, lostChars: AI.length - 16 });
    const s = tracker.state(1)!;
    assert.deepEqual([s.retained, s.lost, s.ranges], [15, AI.length - 16, [{ start: 18, end: 33 }]]);
  });

  it('persists fingerprints, not text, and finds the span again in a new tracker (a window reload)', () => {
    const tracker = trackerWithSpan();
    const persisted = tracker.persist(1)!;
    assert.ok(!JSON.stringify(persisted).includes('return'), 'no code in what is persisted');
    const restored = new SpanTracker();
    restored.restore(-1, { ...persisted, doc: 'd9' }); // a new session gives the document a new id
    const text = '// header\n' + AI.slice(0, 15) + 'x' + AI.slice(16);
    assert.deepEqual(restored.reanchor('d9', '\n\n' + text), { verified: 0, moved: 2, lostChars: 0 });
    assert.deepEqual(restored.state(-1)!.ranges, tracker.state(1)!.ranges.map((r) => ({ start: r.start + 2, end: r.end + 2 })));
    // Once found, the restored span follows changes and knows its surviving text.
    restored.applyChange({ ...change(4, 0, 2, ''), doc: 'd9' });
    assert.deepEqual(restored.state(-1)!.ranges, tracker.state(1)!.ranges);
    const inserted = restored.insertedText(-1)!;
    assert.equal(inserted.slice(0, 15), AI.slice(0, 15));
    assert.equal(inserted.charCodeAt(15), 0, 'the replaced character is unknown');
  });

  it('keeps a candidate whose document closed before it settled: followed, unverified, if AI; gone if not', () => {
    const tracker = new SpanTracker();
    tracker.applyChange(change(1, 0, 0, 'abc'), 5);
    tracker.applyChange(change(2, 3, 0, 'xyz'), 6);
    tracker.closeDoc('d1');
    assert.equal(tracker.candidateCount, 2);
    assert.ok(tracker.promote(5));
    tracker.drop(6);
    assert.equal(tracker.candidateCount, 0);
    // Reopened with its text: the span is found where it was.
    assert.deepEqual(tracker.reanchor('d1', 'abcxyz'), { verified: 1, moved: 0, lostChars: 0 });
    assert.equal(tracker.state(5)!.retained, 3);
  });

  it('moves AI text through a formatter\'s whitespace-only reflow instead of counting it deleted (an agent\'s own prettier pass)', async () => {
    const { DocumentTexts } = await import('../../src/core/text/documentTexts');
    const { outcomeOf } = await import('../../src/core/fate/fateTracker');
    const texts = new DocumentTexts();
    const tracker = new SpanTracker();
    const apply = (c: DocChange, key?: number) => tracker.applyChange(c, key, texts.change(c.doc, c.changes).before);
    texts.open('d1', '// top\n');
    const ai = 'function f(a,b){\n return a+b \n}\n';
    apply(change(1, 7, 0, ai), 1);
    tracker.promote(1);
    // The formatter rewrites the whole function: same characters, other whitespace.
    const formatted = 'function f(a, b) {\n  return a + b\n}\n';
    apply(change(2, 7, ai.length, formatted));
    const s = tracker.state(1)!;
    // Every character is still the AI's, at its new place, but the trailing space the formatter dropped: that one is "reformatted".
    const text = texts.get('d1')!.toString();
    assert.equal(s.ranges.map((r) => text.slice(r.start, r.end)).join(''), ai.replace('b \n', 'b\n'));
    assert.deepEqual([s.retained, s.reformatted, s.touched], [ai.length - 1, 1, false]);
    assert.equal(outcomeOf(s.original, s.retained, s.undone, s.touched, s.lost, s.reformatted), 'kept');
    // Every piece still holds original characters in order (the invariant that lets it be checked and diffed).
    const inserted = tracker.insertedText(1)!;
    for (const p of tracker.pieces(1)) assert.equal(text.slice(p.start, p.end), inserted.slice(p.orig, p.orig + p.end - p.start));
    // A real edit afterwards still counts as the person's.
    apply(change(3, text.indexOf('a + b'), 5, 'a - b'));
    assert.equal(outcomeOf(tracker.state(1)!.original, tracker.state(1)!.retained, 0, tracker.state(1)!.touched, 0, tracker.state(1)!.reformatted), 'revised');
  });
});
