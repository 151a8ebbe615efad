import * as assert from 'node:assert/strict';
import { FateTracker } from '../../src/core/fate/fateTracker';
import { MetricDeriver } from '../../src/core/metricDeriver';
import type { MetricEvent } from '../../src/core/metrics';
import type { EditLabel, Observation } from '../../src/core/observation';

describe('MetricDeriver', () => {
  it('turns a scripted session into the metric events a store keeps, with epoch times and no text', () => {
    const events: MetricEvent[] = [];
    const start = 1_749_999_960_000; // a whole minute
    const deriver = new MetricDeriver({ emit: (e) => events.push(e) }, start);
    const fate = new FateTracker();
    const AI = 'const total = items.reduce((a, b) => a + b, 0);\nreturn total;\n';
    const stream: [Observation, EditLabel | null][] = [
      [{ t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: '' }, null],
      [{ t: 1000, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 0, length: 0, text: 'x' }] }, 'human.type'],
      [{ t: 2000, type: 'doc.change', doc: 'd1', version: 3, reason: null, changes: [{ offset: 1, length: 0, text: AI }] }, 'ai.agent'],
      [{ t: 3000, type: 'doc.change', doc: 'd1', version: 4, reason: null, changes: [{ offset: 0, length: 0, text: '\n' }] }, 'tool.format'],
      [{ t: 61_000, type: 'doc.change', doc: 'd1', version: 5, reason: null, changes: [{ offset: 0, length: 1, text: '' }] }, 'human.delete'],
      [{ t: 62_000, type: 'terminal.exec', phase: 'start', commandLine: 'npm test' }, null],
      [{ t: 70_000, type: 'git', head: 'c0ffee', branch: 'main', op: 'commit' }, null],
    ];
    stream.forEach(([o, label], i) => {
      fate.observe(i, o);
      deriver.observe(i, o);
      if (label !== null && o.type === 'doc.change') {
        fate.attribute(i, label, o.t, o.doc);
        deriver.attribute({ i, label, t: o.t });
      }
    });
    const contained = fate.commitLanded(70_000, 'c0ffee', new Map([['d1', { committed: 'x' + AI, current: 'x' + AI }]]));
    deriver.commit(70_000, 'c0ffee', contained);
    deriver.fates(fate.drainFinal(), 70_000);
    deriver.flush(70_000, true);
    assert.deepEqual(events, [
      { kind: 'aiEdit', at: start + 2000, assistant: 'agent', chars: AI.length, lines: 3 },
      { kind: 'edits', at: start, human: 1, ai: { inline: 0, chat: 0, agent: AI.length }, tool: 1 },
      { kind: 'commit', at: start + 70_000, head: 'c0ffee', aiEdits: 1, aiEditsRun: 1, aiChars: AI.length },
      {
        kind: 'fate',
        at: start + 70_000,
        editAt: start + 2000,
        assistant: 'agent',
        chars: AI.length,
        retained: AI.length,
        outcome: 'kept',
        revisedShare: 0,
        committed: true,
        ranBeforeCommit: true,
      },
    ]);
    assert.ok(!JSON.stringify(events).includes('reduce'), 'no code in metric events');
  });
});
