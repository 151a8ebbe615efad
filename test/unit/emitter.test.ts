import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/core/emitter';

describe('Emitter', () => {
  it('delivers in subscription order, survives a throwing listener, and unsubscribes', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<number>((e) => errors.push(e));
    const got: string[] = [];
    const a = emitter.event((n) => got.push(`a${n}`));
    emitter.event(() => {
      throw new Error('boom');
    });
    emitter.event((n) => got.push(`c${n}`));
    emitter.fire(1);
    a.dispose();
    emitter.fire(2);
    assert.deepEqual(got, ['a1', 'c1', 'c2']);
    assert.equal(errors.length, 2);
    assert.equal(emitter.size, 2);
  });

  it('lets a listener unsubscribe itself during delivery without skipping others', () => {
    const emitter = new Emitter<number>();
    const got: string[] = [];
    const self = emitter.event(() => {
      got.push('self');
      self.dispose();
    });
    emitter.event(() => got.push('other'));
    emitter.fire(1);
    emitter.fire(2);
    assert.deepEqual(got, ['self', 'other', 'other']);
  });
});
