import * as assert from 'node:assert/strict';
import { MAX_LEAF, Rope } from '../../src/core/text/rope';

/** Deterministic pseudo-random numbers (tests may not depend on Math.random). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

function randomText(next: () => number, n: number): string {
  const alphabet = 'ab c\n{}xyz\t\u00e9\ud83d\ude00';
  let s = '';
  for (let k = 0; k < n; k++) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

function lineOf(text: string, k: number): number {
  let n = 0;
  for (let j = 0; j < k; j++) if (text.charCodeAt(j) === 10) n++;
  return n;
}

describe('Rope', () => {
  it('matches a plain string over random edits, small and large, and keeps its invariants', function () {
    this.timeout(60_000);
    for (let seed = 1; seed <= 40; seed++) {
      const next = rng(seed);
      let text = randomText(next, Math.floor(next() * 5000));
      let rope = Rope.from(text);
      const versions: [Rope, string][] = [];
      for (let step = 0; step < 300; step++) {
        const offset = Math.floor(next() * (text.length + 1));
        const length = Math.floor(next() * Math.min(text.length - offset, next() < 0.1 ? 4000 : 5) + 0);
        const insert = randomText(next, next() < 0.1 ? Math.floor(next() * 3000) : Math.floor(next() * 3));
        rope = rope.replace(offset, length, insert);
        text = text.slice(0, offset) + insert + text.slice(offset + length);
        if (step % 37 === 0) versions.push([rope, text]);
        assert.equal(rope.length, text.length);
        assert.equal(rope.check(), null, `seed ${seed} step ${step}`);
      }
      assert.equal(rope.toString(), text);
      assert.equal(rope.lineFeeds, lineOf(text, text.length));
      // Old versions are untouched by later edits.
      for (const [r, t] of versions) assert.equal(r.toString(), t);
      // Random reads.
      for (let k = 0; k < 50; k++) {
        const a = Math.floor(next() * (text.length + 1));
        const b = a + Math.floor(next() * 200);
        assert.equal(rope.slice(a, b), text.slice(a, b));
        assert.equal(rope.charCodeAt(a), text.charCodeAt(a));
        assert.equal(rope.lineAt(a), lineOf(text, a));
      }
      for (let line = 0; line <= rope.lineFeeds + 1; line += 1 + Math.floor(next() * 5)) {
        const starts = [0];
        for (let j = 0; j < text.length; j++) if (text[j] === '\n') starts.push(j + 1);
        assert.equal(rope.lineStart(line), line < starts.length ? starts[line] : text.length);
      }
    }
  });

  it('applies an event of several changes with offsets into the text before it, and refuses overlapping or out-of-range ones', () => {
    const rope = Rope.from('hello world');
    assert.equal(rope.apply([{ offset: 0, length: 5, text: 'HI' }, { offset: 6, length: 5, text: 'there' }]).toString(), 'HI there');
    assert.throws(() => rope.apply([{ offset: 0, length: 5, text: '' }, { offset: 3, length: 2, text: '' }]), /overlap/);
    assert.throws(() => rope.replace(12, 0, 'x'), /outside the text/);
  });

  it('stays shallow under one-character typing at one place (no fragmentation into tiny leaves)', () => {
    let rope = Rope.from('x'.repeat(200_000));
    for (let k = 0; k < 20_000; k++) rope = rope.replace(100_000 + k, 0, 'y');
    assert.equal(rope.check(), null);
    // 220,000 characters in leaves of at least a quarter of MAX_LEAF: an AVL tree at most ~1.44 log2(n) high.
    const leaves = Math.ceil(220_000 / (MAX_LEAF / 4));
    assert.ok(rope.height <= Math.ceil(1.45 * Math.log2(leaves)) + 2, `height ${rope.height}`);
  });
});
