import * as assert from 'node:assert/strict';
import type { MetricEvent } from '../../src/core/metrics';
import { buildProgress, isPracticeDay } from '../../src/core/progress/progressModel';
import { progressMarkdown } from '../../src/core/progress/summary';
import { addDays, fixedOffsetCalendar } from '../../src/core/store/days';
import { exportCsv, exportJson } from '../../src/core/store/exportFormats';
import { encodeRecord } from '../../src/core/store/records';
import { emptyRollup, rollUp } from '../../src/core/store/rollup';
import { generateHeavyDay, generateHistory, seededRandom } from '../../src/core/store/sampleHistory';
import { hostToWebviewSchema, webviewToHostSchema } from '../../src/shared/progressMessages';

const utc = fixedOffsetCalendar(0);
const TODAY = '2026-11-21';
const TODAY_START = Date.UTC(2026, 10, 21);
const DAY = 86_400_000;
const at = (daysAgo: number, hour = 10): number => TODAY_START - daysAgo * DAY + hour * 3_600_000;

function fate(daysAgo: number, outcome: 'kept' | 'revised' | 'undone' | 'deleted', committed: boolean | null, ran: boolean | null): MetricEvent {
  return { kind: 'fate', at: at(daysAgo), editAt: at(daysAgo) - 1, assistant: 'chat', chars: 100, retained: 80, outcome, revisedShare: 0.2, committed, ranBeforeCommit: ran };
}

describe('progress model', () => {
  it('has a first-day state with no data', () => {
    const model = buildProgress([], TODAY);
    assert.equal(model.empty, true);
    assert.equal(model.streak.current, 0);
    assert.equal(model.ranges.week.reflection.length, 1);
    assert.match(model.ranges.week.reflection[0]!, /Nothing recorded/);
    assert.equal(model.ranges.week.series.length, 7);
    assert.ok(model.ranges.week.habits.every((h) => h.score === null && h.trend === 'unknown'));
  });

  it('shows characters the classifier was not sure of apart: in the total, never in the AI share', () => {
    const events: MetricEvent[] = [
      { kind: 'edits', at: at(0), human: 500, ai: { inline: 200, chat: 0, agent: 0 }, tool: 0, possiblyAi: 300 },
      { kind: 'edits', at: at(1), human: 0, ai: { inline: 0, chat: 0, agent: 0 }, tool: 0, possiblyAi: 100 },
    ];
    const week = buildProgress(rollUp(events, utc).values(), TODAY).ranges.week;
    assert.equal(week.code.total, 1100);
    assert.equal(week.code.possiblyAi, 400);
    assert.equal(week.code.aiShare, 200 / 1100);
    const message = { type: 'progress' as const, model: buildProgress(rollUp(events, utc).values(), TODAY), skippedRecords: 0, dataFolder: '/data' };
    assert.equal(hostToWebviewSchema.parse(message).model.ranges.week.code.possiblyAi, 400);
    assert.match(progressMarkdown(buildProgress(rollUp(events, utc).values(), TODAY)), /\| …and possibly AI \(not sure\) \| 36% \|/);
  });

  it('computes shares, fates, validation, bursts and habits from rollups', () => {
    const events: MetricEvent[] = [
      { kind: 'edits', at: at(0), human: 600, ai: { inline: 100, chat: 200, agent: 100 }, tool: 0 },
      ...Array.from({ length: 6 }, (_, i) => fate(1, i < 3 ? 'revised' : 'kept', true, i < 4)),
      fate(2, 'undone', null, null),
      ...[3, 10, 30, 60, 300].map((lines, i): MetricEvent => ({ kind: 'burst', at: at(i), assistant: 'agent', chars: lines * 30, lines, files: 1 })),
      // Older: the week before, validation was worse.
      ...Array.from({ length: 5 }, () => fate(9, 'kept', true, false)),
    ];
    const model = buildProgress(rollUp(events, utc).values(), TODAY);
    const week = model.ranges.week;
    assert.equal(week.code.total, 1000);
    assert.equal(week.code.aiShare, 0.4);
    assert.deepEqual(week.fates, { undone: 1, deleted: 0, revised: 3, kept: 3, total: 7, committed: 6 });
    assert.equal(week.validation.committedAiEdits, 6);
    assert.equal(week.validation.ranFirst, 4);
    assert.deepEqual(
      week.bursts.buckets.map((b) => b.count),
      [1, 1, 1, 1, 1],
    );
    assert.equal(week.bursts.reviewable, 3);
    const validate = week.habits.find((h) => h.habit === 'validate')!;
    assert.equal(validate.score, 4 / 6);
    assert.equal(validate.previous, 0);
    assert.equal(validate.trend, 'up');
    assert.match(validate.basedOn, /6 committed AI edits, 4 of them run or tested first/);
    assert.match(validate.evidence, /15% of sessions, against 28 to 33%/);
    assert.doesNotMatch(validate.evidence, /coaching-evidence|Source:/);
    const iterate = week.habits.find((h) => h.habit === 'iterate')!;
    assert.equal(iterate.score, 3 / 7);
    assert.equal(iterate.trend, 'up', 'three of seven revised against none of five the week before');
    const learn = week.habits.find((h) => h.habit === 'learn')!;
    assert.equal(learn.enough, false);
    assert.equal(model.ranges.month.fates.total, 12);
  });

  it('counts practice streaks by local day; today not over yet does not break one', () => {
    const practice = (daysAgo: number): MetricEvent => ({ kind: 'exercise', at: at(daysAgo), pack: 'p', exercise: 'e', habit: 'learn', event: 'step' });
    const validatedCommit = (daysAgo: number): MetricEvent => ({ kind: 'commit', at: at(daysAgo), aiEdits: 2, aiEditsRun: 2, aiChars: 10 });
    const unvalidated = (daysAgo: number): MetricEvent => ({ kind: 'commit', at: at(daysAgo), aiEdits: 2, aiEditsRun: 1, aiChars: 10 });
    const events = [practice(1), validatedCommit(2), practice(3), unvalidated(4), practice(10), practice(11), practice(12), practice(13)];
    const model = buildProgress(rollUp(events, utc).values(), TODAY);
    assert.equal(model.streak.current, 3);
    assert.equal(model.streak.practicedToday, false);
    assert.equal(model.streak.longest, 4);
    assert.equal(model.ranges.week.practice.days, 3);
    assert.equal(isPracticeDay(emptyRollup('2026-01-01')), false);
  });

  it('writes a plain reflection that says when numbers are small', () => {
    const events: MetricEvent[] = [{ kind: 'edits', at: at(0), human: 100, ai: { inline: 0, chat: 0, agent: 300 }, tool: 0 }, fate(0, 'kept', true, true), fate(0, 'revised', true, false)];
    const text = buildProgress(rollUp(events, utc).values(), TODAY).ranges.week.reflection.join(' ');
    assert.match(text, /AI wrote 75% of the code, most of it through agents/);
    assert.match(text, /too few to read much into/);
    assert.doesNotMatch(text, /should|bad|poor|fail|only you/i);
  });

  it('uses weekly or monthly points for all time, and shows a year of seeded history improving', () => {
    const events = generateHistory({ todayStart: TODAY_START, days: 365, random: seededRandom(7), until: at(0, 18) });
    const days = rollUp(events, utc);
    const model = buildProgress(days.values(), TODAY);
    assert.equal(model.empty, false);
    assert.equal(model.ranges.all.seriesUnit, 'month');
    assert.ok(model.ranges.all.series.length >= 12 && model.ranges.all.series.length <= 13);
    assert.equal(model.ranges.month.series.length, 30);
    const sumSeries = model.ranges.all.series.reduce((n, p) => n + p.human + p.inline + p.chat + p.agent + p.tool, 0);
    assert.equal(sumSeries, model.ranges.all.code.total);
    const first = buildProgress([...days.values()].filter((d) => d.day < addDays(TODAY, -300)), addDays(TODAY, -300)).ranges.month;
    const last = model.ranges.month;
    assert.ok(last.validation.share! > first.validation.share! + 0.2, `validation ${first.validation.share} → ${last.validation.share}`);
    assert.ok(model.streak.longest >= 1);
    assert.ok(model.ranges.all.exercises.completed > 10);
    // The model crosses to the webview as is: the message schema accepts it and keeps every field.
    const message = { type: 'progress', model, skippedRecords: 0, dataFolder: '/tmp/x' };
    assert.deepEqual(hostToWebviewSchema.parse(message), message);
    assert.equal(hostToWebviewSchema.safeParse({ ...message, model: { ...model, streak: { current: '3' } } }).success, false);
    assert.equal(webviewToHostSchema.safeParse({ type: 'runCommand', command: 'workbench.action.terminal.sendSequence' }).success, false);
    const md = progressMarkdown(model);
    assert.match(md, /^# My progress with Deliberate/);
    assert.match(md, /\| Code written by AI \| \d+% \| \d+% \| \d+% \|/);
    assert.doesNotMatch(md, /[/\\][\w.-]+\.(ts|js|py)\b/);
  });

  it('exports JSON and CSV with every day and nothing but counts', () => {
    const events = generateHistory({ todayStart: TODAY_START, days: 30, random: seededRandom(3) });
    const days = [...rollUp(events, utc).values()];
    const json = JSON.parse(exportJson({ exportedAt: TODAY_START, days, events, skippedRecords: 0 }));
    assert.equal(json.format, 'deliberate-metrics');
    assert.equal(json.days.length, days.length);
    assert.equal(json.events.length, events.length);
    const csv = exportCsv(days).trimEnd().split('\r\n');
    assert.equal(csv.length, days.length + 1);
    const header = csv[0]!.split(',');
    assert.equal(header[0], 'day');
    assert.ok(csv.slice(1).every((line) => line.split(',').length === header.length));
    assert.equal(csv[1]!.split(',')[header.indexOf('fates.revised')], String(days.sort((a, b) => (a.day < b.day ? -1 : 1))[0]!.fates.revised));
  });

  it('keeps a heavy day of raw events within the 1 MB budget', () => {
    const events = generateHeavyDay(TODAY_START, seededRandom(11));
    const bytes = events.reduce((n, e) => n + Buffer.byteLength(encodeRecord(e)), 0);
    assert.ok(events.length > 2000, `${events.length} events`);
    assert.ok(bytes < 1_000_000, `${bytes} bytes`);
  });
});
