// Shared by the replay, coach and exercise benchmarks.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * A long session as JSON Lines: the trace `source` repeated with shifted times until it holds
 * about `target` observations. Each round uses its own document ids, so documents stay small
 * as in real typing. `dropLabels` removes the ground-truth labels (attribution must infer).
 */
export function longSession(source, { target = 300_000, dropLabels = false } = {}) {
  const lines = readFileSync(source, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const body = lines.slice(1).map((l) => JSON.parse(l));
  const span = body[body.length - 1].t + 1000;
  const out = [lines[0]];
  for (let round = 0; out.length <= target; round++) {
    for (const o of body) {
      const copy = { ...o, t: o.t + round * span };
      if ('doc' in copy && typeof copy.doc === 'string') copy.doc = `${copy.doc}r${round}`;
      if (copy.type === 'agent.checkpoint' && copy.docs) copy.docs = copy.docs.map((d) => `${d}r${round}`);
      if (dropLabels) delete copy.label;
      out.push(JSON.stringify(copy));
    }
  }
  return out.join('\n') + '\n';
}

/** Runs `fn` `repeats` times; the median, in seconds. */
export function medianSeconds(fn, repeats = 5) {
  const samples = [];
  for (let k = 0; k < repeats; k++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] / 1000;
}
