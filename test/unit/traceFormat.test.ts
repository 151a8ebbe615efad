import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OBSERVATION_TYPES, type Observation } from '../../src/core/observation';
import { formatHeader, formatObservation, parseTrace, TraceError } from '../../src/core/traceFormat';

const samplesDir = path.resolve(__dirname, '../../../test/fixtures/sample-traces');
const HEADER = '{"format":"edit-trace","version":1,"vscode":"1.139.1","platform":"linux","recordedAt":"2026-11-21T19:00:00.000Z"}';

function expectTraceError(text: string, line: number, pattern: RegExp): void {
  assert.throws(
    () => parseTrace(text, 'bad.jsonl'),
    (error: unknown) => {
      assert.ok(error instanceof TraceError, `expected a TraceError, got ${String(error)}`);
      assert.equal(error.file, 'bad.jsonl');
      assert.equal(error.line, line);
      assert.match(error.message, /^bad\.jsonl:\d+: /);
      assert.match(error.detail, pattern);
      return true;
    },
  );
}

describe('trace format (shared/spec/trace-format.md)', () => {
  const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.jsonl'));

  it('has the team sample traces to read', () => {
    assert.ok(samples.length >= 5, `found ${samples.length} samples in ${samplesDir}`);
  });

  for (const file of samples) {
    it(`reads ${file} and writes every observation back identically`, () => {
      const text = readFileSync(path.join(samplesDir, file), 'utf8');
      const trace = parseTrace(text, file);
      assert.deepEqual(trace.warnings, []);
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      assert.equal(trace.observations.length, lines.length - 1);
      trace.observations.forEach(({ i, line, observation }) => {
        assert.equal(i, line - 2);
        // Round trip: what we write parses to the same value as what we read.
        assert.deepEqual(JSON.parse(formatObservation(observation)), JSON.parse(lines[i + 1]!));
      });
    });
  }

  // editor.command is this project's addition to the format (intercepted accept commands); the team's samples predate it.
  it('covers every observation type across the samples except debug, task and editor.command', () => {
    const seen = new Set<string>();
    for (const file of samples) {
      for (const { observation } of parseTrace(readFileSync(path.join(samplesDir, file), 'utf8'), file).observations) seen.add(observation.type);
    }
    const missing = OBSERVATION_TYPES.filter((t) => !seen.has(t));
    assert.deepEqual(missing.sort(), ['debug', 'editor.command', 'task']);
  });

  it('rejects a trace without a header, naming file and line', () => {
    expectTraceError('{"t":0,"type":"window.focus","focused":true}\n', 1, /header/);
    expectTraceError('', 1, /header line is missing/);
  });

  it('rejects a version it does not know', () => {
    expectTraceError('{"format":"edit-trace","version":2}\n', 1, /unsupported trace version 2/);
  });

  it('names the line of malformed JSON, counting empty lines', () => {
    expectTraceError(`${HEADER}\n\n{"t":0,"type":"window.focus","focused":true}\n{"t":1,"type":\n`, 4, /not valid JSON/);
  });

  it('names the field of a known type with a bad field', () => {
    expectTraceError(`${HEADER}\n{"t":5,"type":"doc.change","doc":"d1","version":2,"reason":null,"changes":[{"offset":-1,"length":0,"text":"x"}]}\n`, 2, /changes\.0\.offset/);
    expectTraceError(`${HEADER}\n{"t":5,"type":"doc.save"}\n`, 2, /bad "doc.save" observation: doc/);
    expectTraceError(`${HEADER}\n{"t":5,"type":"doc.change","doc":"d1","version":2,"reason":null,"changes":[{"offset":0,"length":0,"text":"x"}],"label":"ai.magic"}\n`, 2, /label/);
    expectTraceError(`${HEADER}\n{"t":5,"type":"clipboard"}\n`, 2, /clipboard needs/);
  });

  it('validates the hot types as strictly on the fast path as zod does, and drops unknown fields the same way', () => {
    const trace = parseTrace(
      `${HEADER}\n{"t":1,"type":"doc.change","doc":"d1","version":2,"reason":null,"changes":[{"offset":0,"length":0,"text":"x","extra":1}],"future":true}\n{"t":2,"type":"editor.selection","doc":"d1","selections":[{"anchor":1,"active":1}],"kind":null,"extra":"y"}\n`,
      'f.jsonl',
    );
    assert.deepEqual(
      trace.observations.map((o) => o.observation),
      [
        { t: 1, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 0, length: 0, text: 'x' }] },
        { t: 2, type: 'editor.selection', doc: 'd1', selections: [{ anchor: 1, active: 1 }], kind: null },
      ],
    );
    expectTraceError(`${HEADER}\n{"t":1,"type":"editor.selection","doc":"d1","selections":[{"anchor":1.5,"active":1}],"kind":null}\n`, 2, /selections\.0\.anchor/);
    expectTraceError(`${HEADER}\n{"t":1,"type":"doc.change","doc":"d1","version":2,"reason":"later","changes":[{"offset":0,"length":0,"text":"x"}]}\n`, 2, /reason/);
    expectTraceError(`${HEADER}\n{"t":1,"type":"doc.change","doc":"d1","version":2,"reason":null,"changes":[]}\n`, 2, /changes/);
  });

  it('rejects time that goes backwards', () => {
    expectTraceError(`${HEADER}\n{"t":5,"type":"debug","phase":"start"}\n{"t":4,"type":"debug","phase":"end"}\n`, 3, /went backwards/);
  });

  it('skips an unknown type with a warning, keeping indices of the file', () => {
    const trace = parseTrace(`${HEADER}\r\n{"t":1,"type":"future.thing","x":1}\r\n{"t":2,"type":"debug","phase":"start"}\r\n`, 'f.jsonl');
    assert.deepEqual(trace.warnings, [{ file: 'f.jsonl', line: 2, message: 'unknown observation type "future.thing", skipped' }]);
    assert.deepEqual(trace.observations, [{ i: 1, line: 3, observation: { t: 2, type: 'debug', phase: 'start' } }]);
  });

  it('writes a header that it reads back', () => {
    const header = formatHeader({ vscode: '1.139.1', platform: 'linux', recordedAt: '2026-11-21T19:00:00.000Z' });
    assert.equal(header, HEADER);
    const observation: Observation = { t: 3, type: 'doc.change', doc: 'd1', version: 2, reason: null, changes: [{ offset: 0, length: 1, text: 'é\n' }] };
    const trace = parseTrace(`${header}\n${formatObservation(observation)}\n`, 'x.jsonl');
    assert.deepEqual(trace.observations[0]!.observation, observation);
  });
});
