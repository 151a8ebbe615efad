import * as assert from 'node:assert/strict';
import { Coach } from '../../src/core/coach/coach';
import { DEFAULT_COACH_SETTINGS, memoryStore } from '../../src/core/coach/policy';
import { UTC_TIME } from '../../src/core/coach/replay';
import type { MetricEvent } from '../../src/core/metrics';
import type { EditLabel, Observation } from '../../src/core/observation';
import { buildProgress } from '../../src/core/progress/progressModel';
import { progressMarkdown } from '../../src/core/progress/summary';
import { fixedOffsetCalendar } from '../../src/core/store/days';
import { rollUp } from '../../src/core/store/rollup';

/**
 * "Errors fixed after an AI edit", from the stream to the words of the export: the figure
 * counts errors cleared in files AI wrote into, never a person fixing their own typo.
 */
const START = Date.UTC(2026, 10, 23, 9);

function session(script: (s: { type(t: number, doc: string, label: EditLabel, text: string): void; errors(t: number, doc: string, n: number): void }) => void): MetricEvent[] {
  const metrics: MetricEvent[] = [];
  const coach = new Coach({ settings: DEFAULT_COACH_SETTINGS, store: memoryStore(), local: UTC_TIME, startEpochMs: START, sink: { emit: (e) => metrics.push(e) }, onNudge: () => undefined });
  const texts = new Map<string, string>();
  let i = 0;
  const observe = (o: Observation): number => {
    const k = i++;
    coach.observe(k, o);
    return k;
  };
  script({
    type(t, doc, label, text) {
      if (!texts.has(doc)) {
        texts.set(doc, '');
        observe({ t, type: 'doc.open', doc, lang: 'typescript', text: '' });
      }
      const before = texts.get(doc)!;
      texts.set(doc, before + text);
      const k = observe({ t, type: 'doc.change', doc, version: t, reason: null, changes: [{ offset: before.length, length: 0, text }] });
      coach.attribute({ i: k, t, doc, label, confidence: 1, basis: 'script', exact: false, insertedChars: text.length, removedChars: 0 });
    },
    errors(t, doc, n) {
      observe({ t, type: 'diagnostics', doc, errors: n, warnings: 0 });
    },
  });
  coach.flush(60 * 60_000);
  return metrics;
}

/** The export of that day, with the characters typed as the metric deriver would count them. */
function exportOf(metrics: MetricEvent[]): string {
  const typed: MetricEvent = { kind: 'edits', at: START + 60_000, human: 12, ai: { inline: 0, chat: 0, agent: 0 }, tool: 0 };
  return progressMarkdown(buildProgress(rollUp([typed, ...metrics], fixedOffsetCalendar(0)).values(), '2026-11-23'));
}

describe('errors fixed after an AI edit', () => {
  it('with no AI at all, fixing your own errors counts for nothing: the export says 0', () => {
    const metrics = session((s) => {
      s.type(1000, 'd1', 'human.type', 'foo(');
      s.errors(1500, 'd1', 1);
      s.type(5000, 'd1', 'human.type', ');');
      s.errors(5500, 'd1', 0);
      s.type(9000, 'd1', 'human.type', 'bar(');
      s.errors(9500, 'd1', 1);
      s.type(12_000, 'd1', 'human.type', ');');
      s.errors(12_500, 'd1', 0);
    });
    assert.deepEqual(metrics.filter((m) => m.kind === 'habit').map((m) => (m as { signal: string }).signal), []);
    const text = exportOf(metrics);
    assert.match(text, /0 errors cleared in files AI wrote into \(0 by your own edits\)/);
    assert.doesNotMatch(text, /[1-9]\d* errors? (fixed|cleared)/);
  });

  it('errors in a file AI wrote into: your own fix and another AI round are each counted, and named', () => {
    const metrics = session((s) => {
      s.type(1000, 'd1', 'human.type', 'let a = 1;\n'); // your own file before the AI came
      s.errors(1200, 'd1', 0);
      s.type(2000, 'd2', 'human.type', 'oops(');
      s.errors(2500, 'd2', 1);
      s.type(3000, 'd2', 'human.type', ');'); // an own typo in a file AI never touched
      s.errors(3500, 'd2', 0);
      s.type(10_000, 'd1', 'ai.inline', 'const b = compute(;\n');
      s.errors(10_500, 'd1', 1);
      s.type(20_000, 'd1', 'human.type', ')'); // you fix the AI's error
      s.errors(20_500, 'd1', 0);
      s.type(30_000, 'd1', 'ai.chat', 'broken(');
      s.errors(30_500, 'd1', 1);
      s.type(40_000, 'd1', 'ai.chat', ');'); // another AI round fixes it
      s.errors(40_500, 'd1', 0);
    });
    const signals = metrics.filter((m) => m.kind === 'habit' && m.habit === 'learn').map((m) => (m as { signal: string }).signal);
    assert.deepEqual(signals, ['errorFixedByHand', 'errorFixedByAi']);
    assert.match(exportOf(metrics), /2 errors cleared in files AI wrote into \(1 by your own edits\)/);
  });
});
