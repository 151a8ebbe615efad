import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { sha256Hex } from '../../src/core/sha256';

describe('sha256Hex (pure, for clipboard samples)', () => {
  it('matches node:crypto on empty, ASCII, multi-block and non-ASCII text', () => {
    const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'b'.repeat(64), 'x'.repeat(1000), 'héllo wörld ✓ 日本 😀\r\n'];
    for (const text of inputs) assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'), JSON.stringify(text.slice(0, 20)));
  });
});
