import { isControlInput } from '../../src/core/sessionInput';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { EditClassifier, SETTLE_MS, type Attribution } from '../../src/core/attribution/classifier';
import { parseTrace } from '../../src/core/traceFormat';

/** Invariants of the attribution engine on every recorded trace of the labelled corpus. */
const corpus = path.resolve(__dirname, '../../../test/fixtures/corpus');
const traces = ['tune', 'holdout'].flatMap((split) =>
  readdirSync(path.join(corpus, split))
    .filter((f) => f.endsWith('.jsonl') && !f.endsWith('.sources.jsonl'))
    .map((f) => path.join(corpus, split, f)),
);
const TICK_MS = 250;

describe('attribution on the labelled corpus', () => {
  it('has traces in both the tuning and the held-out set', () => {
    assert.ok(traces.some((t) => t.includes(`${path.sep}tune${path.sep}`)));
    assert.ok(traces.some((t) => t.includes(`${path.sep}holdout${path.sep}`)));
  });

  for (const file of traces) {
    it(`${path.basename(file)}: every change labelled in the trace, attributed once, in order, within a second`, () => {
      const trace = parseTrace(readFileSync(file, 'utf8'), file);
      const changes = trace.observations.filter((o) => o.observation.type === 'doc.change');
      assert.ok(changes.length > 0);
      for (const c of changes) assert.ok(c.observation.type === 'doc.change' && c.observation.label !== undefined, `line ${c.line} has no label`);
      // Replay as the extension runs it: the clock advances every TICK_MS between observations.
      const emitted: { a: Attribution; at: number }[] = [];
      let now = 0;
      const classifier = new EditClassifier((a) => emitted.push({ a, at: now }));
      for (const { i, observation } of trace.observations) {
        if (isControlInput(observation)) continue;
        while (now + TICK_MS < observation.t) {
          now += TICK_MS;
          classifier.advance(now);
        }
        now = observation.t;
        classifier.observe(i, observation);
      }
      // After the last observation the clock keeps ticking.
      for (let k = 0; k * TICK_MS <= SETTLE_MS + TICK_MS; k++) {
        now += TICK_MS;
        classifier.advance(now);
      }
      assert.equal(classifier.waiting, 0);
      assert.deepEqual(
        emitted.map((e) => e.a.i),
        changes.map((c) => c.i),
      );
      for (const { a, at } of emitted) {
        assert.ok(at - a.t <= SETTLE_MS + TICK_MS, `change ${a.i} settled ${at - a.t} ms after it happened`);
        assert.ok(a.confidence > 0 && a.confidence <= 1);
      }
    });
  }
});
