// npm run bench:replay — replay throughput on a typing-heavy trace.
//
// Builds a long typing session (a corpus trace's typing, repeated with shifted times until
// it holds about 300,000 observations), then times, in this one process:
//   baseline   apply every change to its document's text, nothing else
//   classify   the attribution engine over the parsed observations (what the extension
//              does per event, and `deliberate replay` minus reading the file)
//   end-to-end parse the JSON Lines text with validation, then classify
// Reports events per second and the ratio of each to the baseline. Not a test: numbers,
// not assertions, so a slow machine never fails the build.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { run } from '../lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');
const { parseTrace, replayTrace, applyChanges } = await import(path.join(root, 'out', 'bench', 'replayBench.js'));

const source = process.argv[2] ?? path.join(root, 'test', 'fixtures', 'corpus', 'tune', 'typing-inline-accept.jsonl');
const text = readFileSync(source, 'utf8');
const lines = text.split('\n').filter((l) => l.trim() !== '');
const header = lines[0];
const body = lines.slice(1).map((l) => JSON.parse(l));
const span = body[body.length - 1].t + 1000;
const TARGET = 300_000;
const out = [header];
for (let round = 0; out.length <= TARGET; round++) {
  // Each round uses its own document ids, so documents stay small as in real typing.
  for (const o of body) {
    const copy = { ...o, t: o.t + round * span };
    if ('doc' in copy && typeof copy.doc === 'string') copy.doc = `${copy.doc}r${round}`;
    if (copy.type === 'agent.checkpoint' && copy.docs) copy.docs = copy.docs.map((d) => `${d}r${round}`);
    out.push(JSON.stringify(copy));
  }
}
const big = out.join('\n') + '\n';
const parsed = parseTrace(big, 'bench.jsonl').observations;
const events = parsed.length;

function time(fn, repeats = 5) {
  const samples = [];
  for (let k = 0; k < repeats; k++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] / 1000; // median seconds
}

const baseline = time(() => {
  const docs = new Map();
  for (const { observation: o } of parsed) {
    if (o.type === 'doc.open') docs.set(o.doc, o.text);
    else if (o.type === 'doc.change') docs.set(o.doc, applyChanges(docs.get(o.doc) ?? '', o.changes));
  }
});
const classify = time(() => replayTrace(parsed));
const endToEnd = time(() => replayTrace(parseTrace(big, 'bench.jsonl').observations), 3);
const changes = parsed.filter((o) => o.observation.type === 'doc.change').length;
const result = {
  trace: path.relative(root, source),
  observations: events,
  changes,
  baselineEventsPerSecond: Math.round(events / baseline),
  classifyEventsPerSecond: Math.round(events / classify),
  endToEndEventsPerSecond: Math.round(events / endToEnd),
  classifyMicrosecondsPerEvent: Math.round((classify / events) * 1e6 * 100) / 100,
  classifyOverBaseline: Math.round((classify / baseline) * 100) / 100,
  endToEndOverBaseline: Math.round((endToEnd / baseline) * 100) / 100,
};
console.log(JSON.stringify(result, null, 2));
