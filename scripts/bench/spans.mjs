// npm run bench:spans — span upkeep with 10,000 live AI spans across 500 documents.
//
// Times, in this one process, 200,000 typing-like changes spread over the documents:
//   baseline  apply each change to its document's text only
//   spans     the same, plus SpanTracker upkeep of every live span
// and the heap that 10,000 spans take (run with --expose-gc for a steady reading).
// Reports microseconds per change and the ratio to the baseline; asserts nothing.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { run } from '../lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');
const { SpanTracker, applyChanges } = await import(path.join(root, 'out', 'bench', 'replayBench.js'));

const DOCS = 500;
const SPANS_PER_DOC = 20;
const CHANGES = 200_000;
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const gc = globalThis.gc ?? (() => undefined);

function setup() {
  const tracker = new SpanTracker();
  const texts = new Map();
  let key = 0;
  for (let d = 0; d < DOCS; d++) {
    const doc = `d${d}`;
    let text = '';
    for (let s = 0; s < SPANS_PER_DOC; s++) {
      const insert = `export const v${s} = ${s}; // AI line\n`;
      const change = { t: 0, type: 'doc.change', doc, version: s + 2, reason: null, changes: [{ offset: text.length, length: 0, text: insert }] };
      tracker.applyChange(change, key);
      tracker.promote(key++);
      text += insert + 'human line\n';
      tracker.applyChange({ ...change, changes: [{ offset: text.length - 11, length: 0, text: 'human line\n' }] });
    }
    texts.set(doc, text);
  }
  return { tracker, texts };
}

gc();
const heapBefore = process.memoryUsage().heapUsed;
const { tracker, texts } = setup();
gc();
const heapAfter = process.memoryUsage().heapUsed;

// A fixed list of typing-like changes: mostly single characters, some deletions.
const changes = [];
const lengths = new Map([...texts].map(([d, t]) => [d, t.length]));
for (let k = 0; k < CHANGES; k++) {
  const doc = `d${Math.floor(rand() * DOCS)}`;
  const len = lengths.get(doc);
  const offset = Math.floor(rand() * len);
  const del = rand() < 0.2 ? Math.min(1 + Math.floor(rand() * 3), len - offset) : 0;
  const text = del > 0 && rand() < 0.5 ? '' : 'x';
  changes.push({ t: k, type: 'doc.change', doc, version: k, reason: null, changes: [{ offset, length: del, text }] });
  lengths.set(doc, len - del + text.length);
}

function time(fn) {
  const start = performance.now();
  fn();
  return (performance.now() - start) / 1000;
}
const baseline = time(() => {
  const t = new Map(texts);
  for (const c of changes) t.set(c.doc, applyChanges(t.get(c.doc), c.changes));
});
const withSpans = time(() => {
  const t = new Map(texts);
  for (const c of changes) {
    t.set(c.doc, applyChanges(t.get(c.doc), c.changes));
    tracker.applyChange(c);
  }
});
console.log(
  JSON.stringify(
    {
      liveSpans: tracker.spanCount,
      documents: DOCS,
      changes: CHANGES,
      baselineMicrosecondsPerChange: Math.round((baseline / CHANGES) * 1e6 * 100) / 100,
      spansMicrosecondsPerChange: Math.round((withSpans / CHANGES) * 1e6 * 100) / 100,
      spansOverBaseline: Math.round((withSpans / baseline) * 100) / 100,
      heapForSpansMB: Math.round(((heapAfter - heapBefore) / 1024 / 1024) * 100) / 100,
      gcExposed: globalThis.gc !== undefined,
    },
    null,
    2,
  ),
);
