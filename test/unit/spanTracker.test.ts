import * as assert from 'node:assert/strict';
import { SpanTracker } from '../../src/core/fate/spanTracker';
import type { ContentChange, DocChange } from '../../src/core/observation';

/**
 * Checks the span tracker against a brute-force reference that keeps, for every character
 * of the document, the key of the insertion that wrote it (or none), on random edits.
 */
class Reference {
  owners: (number | null)[] = [];
  apply(changes: readonly ContentChange[], key: number | undefined): void {
    for (const c of [...changes].sort((a, b) => b.offset - a.offset)) {
      this.owners.splice(c.offset, c.length, ...Array<number | null>(c.text.length).fill(key ?? null));
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
    const text = next() < 0.3 ? '' : 'abcdefghij'.slice(0, 1 + Math.floor(next() * 10));
    if (text === '' && start === end) continue;
    changes.push({ offset: start, length: end - start, text });
  }
  return changes;
}

describe('SpanTracker', () => {
  it('matches a character-by-character reference on 300 random edit sequences', () => {
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
