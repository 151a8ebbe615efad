import * as assert from 'node:assert/strict';
import { ActivityTally } from '../../src/core/activityTally';
import type { Observation } from '../../src/core/observation';

describe('ActivityTally', () => {
  it('counts edits, characters, undo and open documents from a stream, and never keeps text', () => {
    const tally = new ActivityTally(2);
    const stream: Observation[] = [
      { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: 'secret code' },
      { t: 1, type: 'doc.open', doc: 'd2', lang: 'ts', text: '' },
      { t: 10, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 0, length: 0, text: 'abc' }] },
      { t: 20, type: 'doc.change', doc: 'd1', version: 3, reason: null, changes: [{ offset: 5, length: 2, text: '' }, { offset: 0, length: 1, text: 'xy' }] },
      { t: 30, type: 'doc.change', doc: 'd2', version: 2, reason: 'undo', changes: [{ offset: 0, length: 3, text: '' }] },
      { t: 31, type: 'doc.close', doc: 'd2' },
      { t: 32, type: 'editor.selection', doc: 'd1', selections: [{ anchor: 1, active: 1 }], kind: 'keyboard' },
    ];
    stream.forEach((o, i) => tally.add(o, i));
    tally.addAttribution({ i: 4, t: 30, doc: 'd2', label: 'undo', confidence: 1, basis: 'reason', exact: false, insertedChars: 0, removedChars: 3 });
    tally.addAttribution({ i: 3, t: 20, doc: 'd1', label: 'ai.inline', confidence: 0.9, basis: 'x', exact: true, insertedChars: 2, removedChars: 3 });
    const s = tally.snapshot();
    assert.deepEqual(
      { changes: s.changeEvents, ins: s.insertedChars, rem: s.removedChars, undo: s.undoRedo, open: s.openDocs, last: s.lastChangeAt },
      { changes: 3, ins: 5, rem: 6, undo: 1, open: 1, last: 30 },
    );
    assert.deepEqual(s.recentChanges, [
      { i: 3, label: 'ai.inline', t: 20, doc: 'd1', inserted: 2, removed: 3, parts: 2, reason: null },
      { i: 4, label: 'undo', t: 30, doc: 'd2', inserted: 0, removed: 3, parts: 1, reason: 'undo' },
    ]);
    assert.equal(s.byType['editor.selection'], 1);
    assert.equal(s.aiChars, 2);
    assert.equal(s.exactSources, true);
    assert.deepEqual(s.byLabel['ai.inline'], { edits: 1, chars: 2 });
    assert.deepEqual(s.byLabel.undo, { edits: 1, chars: 0 });
    assert.equal(s.byType['doc.open'], 2);
    assert.ok(!JSON.stringify(s).includes('secret'), 'the snapshot must not carry document text');
  });

  it('returns snapshots that later observations do not change', () => {
    const tally = new ActivityTally();
    const before = tally.snapshot();
    tally.add({ t: 1, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 0, length: 0, text: 'a' }] });
    assert.equal(before.changeEvents, 0);
    assert.equal(before.recentChanges.length, 0);
    assert.equal(tally.snapshot().changeEvents, 1);
  });
});
