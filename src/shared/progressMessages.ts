/**
 * The typed message map between the extension host and the progress view (sidebar view and
 * editor panel alike). Both sides validate what arrives with these schemas before acting on it.
 */
import * as z from 'zod/mini';

const num = z.number();
const share = z.nullable(z.number());
const trend = z.enum(['up', 'down', 'steady', 'unknown']);
const habit = z.enum(['iterate', 'validate', 'decompose', 'learn']);
const range = z.enum(['week', 'month', 'all']);

const habitProgress = z.object({
  habit,
  title: z.string(),
  score: share,
  previous: share,
  sample: num,
  enough: z.boolean(),
  trend,
  measure: z.string(),
  basedOn: z.string(),
  evidence: z.string(),
  suggestion: z.string(),
});

const rangeProgress = z.object({
  range,
  title: z.string(),
  from: z.string(),
  to: z.string(),
  days: num,
  activeDays: num,
  events: num,
  code: z.object({ human: num, tool: num, ai: z.object({ inline: num, chat: num, agent: num }), possiblyAi: num, total: num, aiShare: share }),
  series: z.array(z.object({ label: z.string(), from: z.string(), human: num, tool: num, inline: num, chat: num, agent: num })),
  seriesUnit: z.enum(['day', 'week', 'month']),
  aiEdits: num,
  fates: z.object({ undone: num, deleted: num, revised: num, kept: num, total: num, committed: num }),
  validation: z.object({ committedAiEdits: num, ranFirst: num, share, commits: num, commitsWithAi: num, commitsAllRun: num, runs: num }),
  bursts: z.object({ count: num, buckets: z.array(z.object({ label: z.string(), count: num })), reviewable: num, meanLines: share }),
  habits: z.array(habitProgress),
  practice: z.object({ days: num, calendar: z.array(z.object({ day: z.string(), practiced: z.boolean(), active: z.boolean() })) }),
  exercises: z.object({ started: num, steps: num, completed: num, distinct: num }),
  nudges: z.object({ shown: num, acted: num }),
  reflection: z.array(z.string()),
});

export const progressModelSchema = z.object({
  today: z.string(),
  firstDay: z.nullable(z.string()),
  empty: z.boolean(),
  streak: z.object({ current: num, longest: num, practicedToday: z.boolean() }),
  ranges: z.object({ week: rangeProgress, month: rangeProgress, all: rangeProgress }),
});

export const hostToWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    model: progressModelSchema,
    /** Records skipped while reading (torn, corrupt or newer); the view says so and points at the log. */
    skippedRecords: num,
    /** Where the data lives, to show in the footer. */
    dataFolder: z.string(),
    /** The sidebar view, whose title bar already names it, or the editor panel. */
    surface: z.optional(z.enum(['view', 'panel'])),
  }),
]);
export type HostToWebview = z.infer<typeof hostToWebviewSchema>;

/** Commands the progress view may ask for; anything else is refused on arrival. */
export const PROGRESS_COMMANDS = ['deliberate.exportData', 'deliberate.openDataFolder', 'deliberate.deleteData', 'deliberate.showProgress', 'deliberate.showMenu', 'deliberate.openSettings', 'deliberate.startExercise'] as const;

export const webviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** The first render with data is on screen; `ms` since the webview's script started. */
  z.object({ type: z.literal('painted'), ms: num }),
  z.object({ type: z.literal('runCommand'), command: z.enum(PROGRESS_COMMANDS) }),
  /** "The evidence" under a habit: the evidence page at that habit's section. */
  z.object({ type: z.literal('openEvidence'), habit }),
]);
export type WebviewToHost = z.infer<typeof webviewToHostSchema>;

/** What the webview keeps across hide and show (vscode.setState). */
export const viewStateSchema = z.object({ range, tablesOpen: z.optional(z.array(z.string())) });
export type ViewState = z.infer<typeof viewStateSchema>;
