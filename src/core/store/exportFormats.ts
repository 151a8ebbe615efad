/**
 * Export formats for "Deliberate: Export My Data": everything the store holds, as JSON (raw
 * events still kept plus every daily rollup) or CSV (one row a day). Nothing in either is code
 * or a path: the store never holds any (see metrics.ts).
 */
import type { MetricEvent } from '../metrics';
import { BURST_BUCKETS, type DayRollup } from './rollup';
import { STORE_SCHEMA_VERSION } from './records';

export interface ExportData {
  /** Epoch ms of the export. */
  readonly exportedAt: number;
  readonly days: readonly DayRollup[];
  readonly events: readonly MetricEvent[];
  readonly skippedRecords: number;
}

export function exportJson(data: ExportData): string {
  return (
    JSON.stringify(
      {
        format: 'deliberate-metrics',
        version: STORE_SCHEMA_VERSION,
        exportedAt: new Date(data.exportedAt).toISOString(),
        note: 'Counts about edits, never code or file names. days: one rollup per local day, all time. events: raw events still kept (see deliberate.store.retentionDays).',
        skippedRecords: data.skippedRecords,
        days: data.days,
        events: data.events,
      },
      null,
      1,
    ) + '\n'
  );
}

/** One column per number of a day's rollup, named by its path (`fates.revised`). */
const CSV_COLUMNS: readonly [string, (r: DayRollup) => number | string][] = [
  ['day', (r) => r.day],
  ['events', (r) => r.events],
  ['chars.human', (r) => r.chars.human],
  ['chars.tool', (r) => r.chars.tool],
  ['chars.ai.inline', (r) => r.chars.ai.inline],
  ['chars.ai.chat', (r) => r.chars.ai.chat],
  ['chars.ai.agent', (r) => r.chars.ai.agent],
  ['aiEdits.inline', (r) => r.aiEdits.count.inline],
  ['aiEdits.chat', (r) => r.aiEdits.count.chat],
  ['aiEdits.agent', (r) => r.aiEdits.count.agent],
  ['aiEdits.chars', (r) => r.aiEdits.chars],
  ['aiEdits.lines', (r) => r.aiEdits.lines],
  ['fates.undone', (r) => r.fates.undone],
  ['fates.deleted', (r) => r.fates.deleted],
  ['fates.revised', (r) => r.fates.revised],
  ['fates.kept', (r) => r.fates.kept],
  ['fates.committed', (r) => r.fates.committed],
  ['fates.committedRanFirst', (r) => r.fates.committedRanFirst],
  ['commits.count', (r) => r.commits.count],
  ['commits.withAi', (r) => r.commits.withAi],
  ['commits.allAiRun', (r) => r.commits.allAiRun],
  ['commits.aiEdits', (r) => r.commits.aiEdits],
  ['commits.aiEditsRun', (r) => r.commits.aiEditsRun],
  ['runs.test', (r) => r.runs.test],
  ['runs.build', (r) => r.runs.build],
  ['runs.lint', (r) => r.runs.lint],
  ['runs.typecheck', (r) => r.runs.typecheck],
  ['runs.run', (r) => r.runs.run],
  ['runs.debug', (r) => r.runs.debug],
  ['runs.failed', (r) => r.runs.failed],
  ['bursts.count', (r) => r.bursts.count],
  ['bursts.lines', (r) => r.bursts.lines],
  ...BURST_BUCKETS.map((b, i): [string, (r: DayRollup) => number] => [`bursts.${b.label.replace(/[^0-9a-z]+/gi, '_')}`, (r) => r.bursts.buckets[i]!]),
  ...(['iterate', 'validate', 'decompose', 'learn'] as const).flatMap((h): [string, (r: DayRollup) => number][] => [
    [`habits.${h}.toward`, (r) => r.habits[h].toward],
    [`habits.${h}.away`, (r) => r.habits[h].away],
  ]),
  ['nudges.shown', (r) => r.nudges.shown],
  ['nudges.acted', (r) => r.nudges.acted],
  ['nudges.dismissed', (r) => r.nudges.dismissed],
  ['exercises.started', (r) => r.exercises.started],
  ['exercises.steps', (r) => r.exercises.steps],
  ['exercises.completed', (r) => r.exercises.completed],
];

export function exportCsv(days: readonly DayRollup[]): string {
  const rows = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const r of [...days].sort((a, b) => (a.day < b.day ? -1 : 1))) rows.push(CSV_COLUMNS.map(([, get]) => csvCell(get(r))).join(','));
  return rows.join('\r\n') + '\r\n';
}

function csvCell(value: number | string): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
