// Replays labelled corpus traces through the real command line (`deliberate replay --explain`)
// and joins each attribution with its trace's ground truth and, where the recording named it,
// the route (the way the text changed: README's coverage table), from <name>.sources.jsonl.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../lib/processes.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const corpusDir = path.join(root, 'test', 'fixtures', 'corpus');

/** Trace files of a split ("tune" or "holdout"), optionally only those whose name matches. */
export function corpusFiles(split, match = /./) {
  return readdirSync(path.join(corpusDir, split))
    .filter((f) => f.endsWith('.jsonl') && !f.endsWith('.sources.jsonl') && match.test(f))
    .sort()
    .map((f) => path.join(corpusDir, split, f));
}

export async function buildCli() {
  const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
  if (build.code !== 0) throw new Error(`build failed:\n${build.output}`);
}

/** What each change's route was, by observation index: from the recording's sources beside the trace. */
function routesOf(file) {
  const sourcesFile = file.replace(/\.jsonl$/, '.sources.jsonl');
  const byKey = new Map();
  if (existsSync(sourcesFile)) {
    for (const line of readFileSync(sourcesFile, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const r = JSON.parse(line);
      byKey.set(`${r.path}#${r.version}`, r);
    }
  }
  const paths = new Map();
  const routes = new Map();
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(1)
    .forEach((line, i) => {
      const o = JSON.parse(line);
      if (o.type === 'doc.open' && o.path !== undefined) paths.set(o.doc, o.path);
      if (o.type === 'doc.change') routes.set(i, byKey.get(`${paths.get(o.doc)}#${o.version}`)?.route);
    });
  return routes;
}

/** One row per labelled change: { trace, i, label, truth, confidence, basis, inserted, route }. */
export async function replayFiles(files) {
  const rows = [];
  for (const file of files) {
    const r = await run(process.execPath, [path.join(root, 'dist', 'cli.js'), 'replay', '--explain', file], { cwd: root });
    if (r.code !== 0) throw new Error(`${file}: ${r.output}`);
    const routes = routesOf(file);
    for (const line of r.output.split('\n')) {
      if (!line.startsWith('{"i"')) continue;
      const a = JSON.parse(line);
      if (a.truth === undefined) continue;
      rows.push({ trace: path.basename(file, '.jsonl'), i: a.i, label: a.label, truth: a.truth, confidence: a.confidence, basis: a.basis, inserted: a.inserted, route: routes.get(a.i) });
    }
  }
  return rows;
}

export const isAi = (label) => label === 'ai.inline' || label === 'ai.chat' || label === 'ai.agent';
