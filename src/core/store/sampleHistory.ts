/**
 * Seeded, realistic metric history: for the ui test's screenshots, the benchmark, the size
 * budget and the hidden "seed sample data" path of the extension. Pure: randomness comes in as
 * a seeded generator, time as the epoch of the person's local midnight today.
 *
 * The made-up person works about five days a week, uses inline suggestions, chat and agents,
 * and gets better over the period: more AI edits run before commit, smaller bursts, more
 * revisions by hand, a few exercises. The numbers are plausible, not measured.
 */
import type { AssistantKind, Habit, MetricEvent, RunKind } from '../metrics';

export type Random = () => number;

/** mulberry32: a small, fast, seeded generator in [0, 1). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const MINUTE = 60_000;
const ASSISTANTS: AssistantKind[] = ['inline', 'chat', 'agent'];
const RUNS: RunKind[] = ['test', 'test', 'build', 'lint', 'typecheck', 'run', 'debug'];
const HABIT_SIGNALS: [Habit, string][] = [
  ['iterate', 'retryAfterUndo'],
  ['iterate', 'partialAccept'],
  ['learn', 'errorFixedByHand'],
  ['learn', 'errorFixedByAi'],
  ['validate', 'ranAfterAiEdit'],
  ['decompose', 'reviewedBurst'],
];

export interface HistoryOptions {
  /** Epoch ms of local midnight at the start of the last day generated (today). */
  readonly todayStart: number;
  readonly days: number;
  readonly random: Random;
  /** Events of today stop here (epoch ms), so "today" is not in the future. Defaults to the end of the day. */
  readonly until?: number;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function poisson(random: Random, mean: number): number {
  // Knuth's method; means here are small enough.
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** One working day of events starting at `dayStart` (local midnight). `progress` in [0, 1] is how far along the year the person is; `load` scales the amount of work (1 is a normal day). */
export function generateDay(dayStart: number, random: Random, progress: number, load = 1): MetricEvent[] {
  const events: MetricEvent[] = [];
  const start = dayStart + Math.floor((8 + random() * 2) * 60) * MINUTE;
  const minutes = Math.round((4 + random() * 4) * 60 * Math.min(load, 1.6));
  const mix = { inline: 0.5 - 0.15 * progress, chat: 0.25, agent: 0.25 + 0.15 * progress };
  const assistantFor = (): AssistantKind => {
    const x = random();
    return x < mix.inline ? 'inline' : x < mix.inline + mix.chat ? 'chat' : 'agent';
  };
  const pendingCommitted: { at: number; ran: boolean }[] = [];
  let aiSinceCommit = 0;
  let aiRunSinceCommit = 0;
  let aiCharsSinceCommit = 0;
  for (let m = 0; m < minutes; m++) {
    const at = start + m * MINUTE + Math.floor(random() * 50_000);
    // Work comes in spells: about two minutes in three have edits.
    if (random() < 0.65 * Math.min(load, 1.5)) {
      const ai = { inline: 0, chat: 0, agent: 0 };
      const human = Math.floor(random() * 220);
      const aiEditsThisMinute = poisson(random, 0.55 * load);
      for (let i = 0; i < aiEditsThisMinute; i++) {
        const assistant = assistantFor();
        const lines = assistant === 'inline' ? 1 + Math.floor(random() * 4) : Math.max(1, Math.round((assistant === 'agent' ? 60 : 20) * (1.3 - 0.8 * progress) * random() * 2));
        const chars = lines * (25 + Math.floor(random() * 20));
        ai[assistant] += chars;
        events.push({ kind: 'aiEdit', at: at + i, assistant, chars, lines });
        aiSinceCommit++;
        aiCharsSinceCommit += chars;
        const validated = random() < 0.3 + 0.5 * progress;
        if (validated) aiRunSinceCommit++;
        // The fate: undone, deleted, revised or kept; more revisions as the person learns.
        const x = random();
        const outcome = x < 0.1 ? 'undone' : x < 0.15 ? 'deleted' : x < 0.35 + 0.25 * progress ? 'revised' : 'kept';
        const revisedShare = outcome === 'revised' ? 0.05 + random() * 0.5 : outcome === 'kept' ? 0 : 1;
        const retained = Math.round(chars * (1 - revisedShare));
        const committed = outcome === 'undone' || outcome === 'deleted' ? null : random() < 0.7 ? true : null;
        if (committed) pendingCommitted.push({ at: at + i, ran: validated });
        else events.push({ kind: 'fate', at: at + i + 15 * MINUTE, editAt: at + i, assistant, chars, retained, outcome, revisedShare, committed: null, ranBeforeCommit: null });
        if (committed) events.push({ kind: 'fate', at: at + i + 10 * MINUTE, editAt: at + i, assistant, chars, retained, outcome, revisedShare, committed: true, ranBeforeCommit: validated });
        if (assistant !== 'inline' && random() < 0.6) {
          events.push({ kind: 'burst', at: at + i, assistant, chars, lines, files: 1 + Math.floor(random() * (assistant === 'agent' ? 5 : 2)) });
        }
      }
      events.push({ kind: 'edits', at, human, ai, tool: random() < 0.2 ? Math.floor(random() * 80) : 0 });
    }
    if (random() < 0.06 * load) events.push({ kind: 'run', at: at + 5, run: pick(random, RUNS), ok: random() < 0.8, coveredAiEdits: Math.floor(random() * 3) });
    if (random() < 0.02 * load) {
      const [habit, signal] = pick(random, HABIT_SIGNALS);
      const toward = signal !== 'errorFixedByAi' || random() < 0.2;
      events.push({ kind: 'habit', at: at + 7, habit, signal, direction: habit === 'learn' ? (signal === 'errorFixedByHand' && random() < 0.3 + 0.4 * progress ? 1 : -1) : toward ? 1 : 0 });
    }
    if (random() < 0.012 * load && aiSinceCommit > 0) {
      events.push({ kind: 'commit', at: at + 9, aiEdits: aiSinceCommit, aiEditsRun: aiRunSinceCommit, aiChars: aiCharsSinceCommit });
      aiSinceCommit = aiRunSinceCommit = aiCharsSinceCommit = 0;
      pendingCommitted.length = 0;
    }
    if (random() < 0.004) events.push({ kind: 'nudge', at: at + 11, nudge: pick(random, ['runBeforeCommit', 'bigBurst', 'tryFixYourself']), action: pick(random, ['shown', 'acted', 'dismissed', 'snoozed'] as const) });
  }
  if (random() < 0.15 + 0.35 * progress) {
    const at = start + minutes * MINUTE;
    const habit = pick(random, ['iterate', 'validate', 'decompose', 'learn'] as const);
    const exercise = `${habit}-${1 + Math.floor(random() * 4)}`;
    events.push({ kind: 'exercise', at, pack: 'foundations', exercise, habit, event: 'started' });
    events.push({ kind: 'exercise', at: at + 4 * MINUTE, pack: 'foundations', exercise, habit, event: 'step' });
    if (random() < 0.7) events.push({ kind: 'exercise', at: at + 9 * MINUTE, pack: 'foundations', exercise, habit, event: 'completed' });
  }
  return events.sort((a, b) => a.at - b.at);
}

/** `days` days of history ending today (today included), oldest first; about five working days a week. */
export function generateHistory(options: HistoryOptions): MetricEvent[] {
  const out: MetricEvent[] = [];
  for (let k = options.days - 1; k >= 0; k--) {
    const dayStart = options.todayStart - k * DAY;
    const weekday = new Date(dayStart + 12 * 3_600_000).getUTCDay();
    const works = weekday === 0 || weekday === 6 ? options.random() < 0.15 : options.random() < 0.9;
    if (!works) continue;
    const progress = options.days > 1 ? 1 - k / (options.days - 1) : 1;
    for (const e of generateDay(dayStart, options.random, progress)) if (options.until === undefined || e.at <= options.until) out.push(e);
  }
  return out;
}

/** A heavy day: long hours, busy assistants; for the size budget of raw events. */
export function generateHeavyDay(dayStart: number, random: Random): MetricEvent[] {
  return generateDay(dayStart, random, 0.5, 2.5);
}

export { ASSISTANTS };
