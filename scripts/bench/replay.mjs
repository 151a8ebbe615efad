// npm run bench:replay — replay throughput on a typing-heavy trace.
//
// Builds a long typing session (a corpus trace's typing, repeated with shifted times until
// it holds about 300,000 observations), then times, in this one process:
//   baseline   apply every change to its document's text, nothing else
//   attribute  the attribution engine alone (EditClassifier fed every observation, keeping
//              the documents' texts itself): the cost of deciding where edits came from
//   classify   the whole session over the parsed observations (what the extension does per
//              event, and `deliberate replay` minus reading the file)
//   end-to-end parse the JSON Lines text with validation, then classify
// Reports events per second and the ratio of each to the baseline. Not a test: numbers,
// not assertions, so a slow machine never fails the build.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../lib/processes.mjs';
import { longSession, medianSeconds } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');
const { parseTrace, replayTrace, applyChanges, EditClassifier } = await import(path.join(root, 'out', 'bench', 'replayBench.js'));

const source = process.argv[2] ?? path.join(root, 'test', 'fixtures', 'corpus', 'tune', 'typing-inline-accept.jsonl');
const big = longSession(source);
const parsed = parseTrace(big, 'bench.jsonl').observations;
const events = parsed.length;
const changes = parsed.filter((o) => o.observation.type === 'doc.change').length;

const time = (fn, repeats = 5) => medianSeconds(fn, repeats);

const baseline = time(() => {
  const docs = new Map();
  for (const { observation: o } of parsed) {
    if (o.type === 'doc.open') docs.set(o.doc, o.text);
    else if (o.type === 'doc.change') docs.set(o.doc, applyChanges(docs.get(o.doc) ?? '', o.changes));
  }
});
const attribute = time(() => {
  const classifier = new EditClassifier(() => undefined);
  for (const { i, observation } of parsed) classifier.observe(i, observation);
  classifier.flush();
});
const classify = time(() => replayTrace(parsed));
const endToEnd = time(() => replayTrace(parseTrace(big, 'bench.jsonl').observations), 3);
const result = {
  trace: path.relative(root, source),
  observations: events,
  changes,
  baselineEventsPerSecond: Math.round(events / baseline),
  attributeEventsPerSecond: Math.round(events / attribute),
  attributeMicrosecondsPerChange: Math.round((attribute / changes) * 1e6 * 100) / 100,
  attributeOverBaseline: Math.round((attribute / baseline) * 100) / 100,
  classifyEventsPerSecond: Math.round(events / classify),
  endToEndEventsPerSecond: Math.round(events / endToEnd),
  classifyMicrosecondsPerEvent: Math.round((classify / events) * 1e6 * 100) / 100,
  classifyOverBaseline: Math.round((classify / baseline) * 100) / 100,
  endToEndOverBaseline: Math.round((endToEnd / baseline) * 100) / 100,
};
console.log(JSON.stringify(result, null, 2));
