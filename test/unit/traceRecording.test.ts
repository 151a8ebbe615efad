import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseTrace } from '../../src/core/traceFormat';
import { TraceRecording } from '../../src/core/traceRecording';

describe('TraceRecording', () => {
  const options = { includePaths: false, vscodeVersion: '1.139.1', platform: 'linux', recordedAt: '2026-11-21T22:00:00.000Z' };

  it('writes a trace that the reader accepts: times from the start, local ids, opaque names for paths, hashed clipboard', () => {
    const r = new TraceRecording(5000, options);
    const lines = [
      r.header(),
      r.line({ t: 5000, type: 'doc.open', doc: 'd7', lang: 'ts', text: 'x', path: 'src/x.ts' }),
      r.line({ t: 5100, type: 'doc.change', doc: 'd7', version: 2, reason: null, changes: [{ offset: 1, length: 0, text: 'yz' }] }),
      r.line({ t: 5120, type: 'clipboard', text: 'secret' }),
      r.line({ t: 5200, type: 'fs', path: 'src/other.ts', change: 'changed' }),
      r.line({ t: 5300, type: 'fs', doc: 'd7', change: 'changed' }),
      r.line({ t: 5400, type: 'agent.checkpoint', agent: 'claude', phase: 'pre', paths: ['src/other.ts', 'src/x.ts'] }),
    ];
    const text = lines.join('\n') + '\n';
    assert.ok(!text.includes('secret'), 'clipboard text is never written');
    assert.ok(!text.includes('src/'), 'no paths unless allowed');
    const trace = parseTrace(text, 'rec.jsonl');
    assert.deepEqual(
      trace.observations.map((o) => o.observation),
      [
        { t: 0, type: 'doc.open', doc: 'd1', lang: 'ts', text: 'x', path: 'p1' },
        { t: 100, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 1, length: 0, text: 'yz' }] },
        { t: 120, type: 'clipboard', length: 6, sha256: createHash('sha256').update('secret').digest('hex'), normalizedSha256: createHash('sha256').update('secret').digest('hex') },
        { t: 200, type: 'fs', path: 'p2', change: 'changed' },
        { t: 300, type: 'fs', doc: 'd1', change: 'changed' },
        // The same path is the same opaque name wherever it appears.
        { t: 400, type: 'agent.checkpoint', agent: 'claude', phase: 'pre', paths: ['p2', 'p1'] },
      ],
    );
    assert.equal(r.observations, 6);
  });

  it('keeps workspace-relative paths when the person allowed them', () => {
    const r = new TraceRecording(0, { ...options, includePaths: true });
    assert.equal(r.line({ t: 1, type: 'doc.open', doc: 'd2', lang: 'ts', text: '', path: 'src/x.ts' }), '{"t":1,"type":"doc.open","doc":"d1","lang":"ts","text":"","path":"src/x.ts"}');
  });
});
