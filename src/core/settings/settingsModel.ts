/**
 * Every `deliberate.*` setting, defined once: its value (one zod schema, the only validator),
 * default, scope, group and order, words, whether a team profile may recommend it, and
 * whether an untrusted workspace may set it.
 *
 * Built from this list, and kept equal to it by test/unit/generatedFiles.test.ts
 * (`npm run generate` rewrites them):
 * - package.json `contributes.configuration` (one category per group) and
 *   `capabilities.untrustedWorkspaces.restrictedConfigurations`, with its English words in
 *   package.nls.json;
 * - the team profile's schema (core/profile/profileSchema.ts) and schemas/*.json;
 * - the typed reader (adapters/settings.ts) and README's settings tables.
 *
 * Invariants:
 * - A value is valid or not as a whole, everywhere: VS Code's settings editor (from the
 *   generated JSON schema), the reader (an invalid value reads as the default and is
 *   reported) and the profile checker use the same schema.
 * - Settings that run something, or decide where data is written or what it holds, are
 *   `restricted`: an untrusted workspace's settings cannot set them.
 */
import * as z from 'zod';
import { PRESET_CONFIG } from '../coach/policy';
import { COMMAND_LINE, HABITS, lineText, PACK_ID, patterned, PRESETS, PROGRAM_NAME, QUIET_HOURS_PATTERN, uniqueArray } from './values';

export const SETTINGS_SECTION = 'deliberate';

/** The settings editor's categories, in order. */
export const SETTING_GROUPS = {
  general: 'General',
  coach: 'Coach',
  validation: 'Validation',
  exercises: 'Exercises',
  attribution: 'AI Agents',
  traces: 'Edit Traces',
  data: 'Your Data',
} as const;
export type SettingGroup = keyof typeof SETTING_GROUPS;

/**
 * VS Code's scopes, as used here. `window`: user or workspace settings. `machine`: user
 * settings of the machine Deliberate runs on only; a workspace cannot set it at all.
 */
export type SettingScope = 'machine' | 'window';

export interface SettingSpec<S extends z.ZodType = z.ZodType, P extends boolean = boolean> {
  readonly group: SettingGroup;
  readonly scope: SettingScope;
  /** The value's one validator. */
  readonly schema: S;
  readonly default: z.output<S>;
  /** For the settings editor; may link other settings as `#deliberate.key#`. */
  readonly markdownDescription: string;
  /** One description per value of an enum (or of an array's enum items), keyed by value. */
  readonly enumDescriptions?: Readonly<Record<string, string>>;
  /** Short meaning, for README's table. */
  readonly summary: string;
  /** README's default column, when the default needs words (null: "the preset's"). */
  readonly defaultText?: string;
  /** A team profile (.vscode/deliberate.json) may recommend it. */
  readonly profile: P;
  /** Why an untrusted workspace may not set it; false when it may. */
  readonly restricted: false | string;
}

function setting<S extends z.ZodType, P extends boolean>(spec: SettingSpec<S, P>): SettingSpec<S, P> {
  return spec;
}

const minutes = (ms: number) => ms / 60_000;
const byPreset = (f: (p: (typeof PRESET_CONFIG)[keyof typeof PRESET_CONFIG]) => number) => PRESETS.map((p) => `${p} ${f(PRESET_CONFIG[p])}`).join(', ');

export const QUIET_HOURS_MESSAGE = 'Use HH:MM-HH:MM on the 24-hour clock, for example 18:00-09:00, or leave it empty.';

/** Every setting, in the order the settings editor shows them within their group. Keys are without `deliberate.`. */
export const SETTINGS = {
  enabled: setting({
    group: 'general',
    scope: 'window',
    schema: z.boolean(),
    default: true,
    markdownDescription:
      'The master switch. When off, Deliberate observes nothing in this editor: no edits, files, terminals or git events. Everything Deliberate observes stays on this machine. Toggle it quickly with **Deliberate: Turn Observation On or Off**.',
    summary: 'Observe this editor. When off, Deliberate observes nothing.',
    profile: false,
    restricted: false,
  }),
  'coach.enabled': setting({
    group: 'coach',
    scope: 'window',
    schema: z.boolean(),
    default: true,
    markdownDescription:
      'Show coaching nudges: rare, at natural breakpoints (a save, a commit, the end of a test run or an AI burst, a pause), never while you type. Off: Deliberate still observes (see `#deliberate.enabled#`) but never nudges.',
    summary: "Show coaching nudges (the nudges' master switch).",
    profile: true,
    restricted: false,
  }),
  'coach.preset': setting({
    group: 'coach',
    scope: 'window',
    schema: z.enum(PRESETS),
    default: 'standard',
    markdownDescription: 'How much coaching. `#deliberate.coach.dailyBudget#`, `#deliberate.coach.minutesBetweenNudges#`, `#deliberate.coach.largeBurstLines#` and `#deliberate.coach.emphasis#` adjust it.',
    enumDescriptions: {
      quiet: `At most ${PRESET_CONFIG.quiet.dailyBudget} nudge a day, ${minutes(PRESET_CONFIG.quiet.minGapMs)} minutes apart at least: only the hint before committing AI code that never ran, and very large AI changes.`,
      standard: `Up to ${PRESET_CONFIG.standard.dailyBudget} nudges a day, ${minutes(PRESET_CONFIG.standard.minGapMs)} minutes apart at least: the commit hint, large AI changes, AI code left unrun, errors after an AI edit.`,
      learner: `Up to ${PRESET_CONFIG.learner.dailyBudget} nudges a day, ${minutes(PRESET_CONFIG.learner.minGapMs)} minutes apart at least: every kind, including unread AI code in unfamiliar files and errors fixed by another AI round.`,
    },
    summary: '`quiet`, `standard` or `learner`: see [Coaching](#coaching).',
    profile: true,
    restricted: false,
  }),
  'coach.dailyBudget': setting({
    group: 'coach',
    scope: 'window',
    schema: z.int().min(0).max(50).nullable(),
    default: null,
    markdownDescription: `Most nudges in one day. Empty: the preset's (${byPreset((c) => c.dailyBudget)}). One slot is kept for the hint before a commit of AI code that never ran.`,
    summary: 'Most nudges in a day.',
    defaultText: "(preset's)",
    profile: true,
    restricted: false,
  }),
  'coach.minutesBetweenNudges': setting({
    group: 'coach',
    scope: 'window',
    schema: z.int().min(0).max(1440).nullable(),
    default: null,
    markdownDescription: `Fewest minutes between two nudges. Empty: the preset's (${byPreset((c) => minutes(c.minGapMs))}). The hint before a commit is exempt.`,
    summary: 'Fewest minutes between two nudges (the commit hint is exempt).',
    defaultText: "(preset's)",
    profile: true,
    restricted: false,
  }),
  'coach.quietHours': setting({
    group: 'coach',
    scope: 'window',
    schema: patterned(QUIET_HOURS_PATTERN, QUIET_HOURS_MESSAGE, 20),
    default: '',
    markdownDescription: 'No nudges between these local times, for example `18:00-09:00` (it may cross midnight). Empty: none.',
    summary: 'No nudges between these local times, `HH:MM-HH:MM`.',
    defaultText: '`""`',
    profile: true,
    restricted: false,
  }),
  'coach.emphasis': setting({
    group: 'coach',
    scope: 'window',
    schema: uniqueArray(z.enum(HABITS), 'name each habit once', HABITS.length),
    default: [],
    markdownDescription: 'Habits to favour: their nudges come first and are on even when the preset leaves them out.',
    enumDescriptions: {
      iterate: 'Iterate: treat AI output as a draft. Revise it, retry after an undo.',
      validate: 'Validate: run it before you trust it. Tests, build, lint, type-check.',
      decompose: 'Decompose: ask for steps you can check. Review AI changes in reviewable sizes.',
      learn: 'Keep learning: read AI code in unfamiliar places, fix some errors yourself.',
    },
    summary: 'Habits whose nudges come first (and are on even if the preset leaves them out).',
    profile: true,
    restricted: false,
  }),
  'coach.largeBurstLines': setting({
    group: 'coach',
    scope: 'window',
    schema: z.int().min(1).max(100_000).nullable(),
    default: null,
    markdownDescription: `An AI burst (edits with no look, run or own edit in between) of at least this many lines asks whether you can review it. Empty: the preset's (${byPreset((c) => c.largeBurstLines)}).`,
    summary: 'Lines of one AI burst that ask "can you review this?".',
    defaultText: "(preset's)",
    profile: true,
    restricted: false,
  }),
  'coach.markAiCode': setting({
    group: 'coach',
    scope: 'window',
    schema: z.boolean(),
    default: true,
    markdownDescription: 'Mark AI-written code that you have not yet reviewed or run with a subtle line in the gutter margin. Hover it for when it was written, to mark it reviewed or to run the tests.',
    summary: 'A subtle margin line on AI code not yet reviewed or run; hover for details.',
    profile: true,
    restricted: false,
  }),
  'coach.codeLens': setting({
    group: 'coach',
    scope: 'window',
    schema: z.boolean(),
    default: true,
    markdownDescription: 'Show a CodeLens above AI-written code that is not yet reviewed: `AI-written 3 min ago · not run yet`, with **Mark reviewed** and **Run tests**. Needs `#deliberate.coach.markAiCode#`.',
    summary: 'A CodeLens above unreviewed AI code.',
    profile: true,
    restricted: false,
  }),
  'commit.aiTrailer': setting({
    group: 'coach',
    scope: 'window',
    schema: z.boolean(),
    default: false,
    markdownDescription:
      "When you stage files in VS Code's Source Control, put a line at the end of the commit message box saying what share of the added lines AI wrote, and by which kind of assistant, e.g. `AI-assisted: 40% of added lines (inline 30%, agent 10%) [Deliberate]`. You see it before you commit and can delete it; it is only ever put in the message box, never into a commit by itself. Deliberate's history review reads the line back.",
    summary: 'Preview a line with the share of AI-written lines in the commit message box.',
    profile: false,
    restricted: false,
  }),
  'validation.commands': setting({
    group: 'validation',
    scope: 'window',
    schema: z.array(COMMAND_LINE).max(50),
    default: [],
    markdownDescription:
      "Your team's test and lint commands, as command-line prefixes (`npm run verify`) or `/regular expressions/`. Runs of them count as validation (besides the common ecosystems: npm, yarn, pnpm, jest, vitest, pytest, go test, cargo, dotnet, mvn, gradle, make, tsc, eslint, ruff, …), and the first one that is not an expression is what **Run tests** runs. Deliberate shows a command before it first runs it, and asks first when it comes from the workspace or a team profile.",
    summary: "The team's test and lint commands (prefixes or `/regex/`); the first is what **Run tests** runs, after you have seen it.",
    profile: true,
    restricted: 'it names a command that Run tests sends to a terminal',
  }),
  'exercises.packs': setting({
    group: 'exercises',
    scope: 'window',
    schema: z.array(PACK_ID).max(50),
    default: [],
    markdownDescription:
      'Ids of the exercise packs **Deliberate: Start an Exercise** offers (the built-in pack is `deliberate.habits`; a team profile can add its own packs). Empty offers every pack found.',
    summary: 'Ids of the exercise packs to offer; empty offers all.',
    profile: true,
    restricted: false,
  }),
  'attribution.aiCommands': setting({
    group: 'attribution',
    scope: 'window',
    schema: z.array(PROGRAM_NAME).max(50),
    default: [],
    markdownDescription:
      'Extra command-line AI agents, by program name (for example `my-agent`). Files that change on disk while one of them runs in a terminal count as AI agent edits. Built in: `claude`, `codex`, `aider`, `gemini`, `cursor-agent`, `copilot`, `amp`, `opencode`, `goose` and others.',
    summary: 'Extra command-line AI agents, by program name.',
    profile: false,
    restricted: 'it decides which edits count as AI edits in your progress: a repository could make its own scripts count',
  }),
  'trace.folder': setting({
    group: 'traces',
    scope: 'machine',
    schema: lineText(1000),
    default: '',
    markdownDescription:
      'Folder for edit traces written by **Deliberate: Record Edit Trace**. Empty means the extension\'s own storage folder. A trace contains code; it is written only on this machine. Set it in your user settings: a workspace cannot choose where your traces go.',
    summary: 'Where recorded traces go (user settings only).',
    defaultText: '(extension storage)',
    profile: false,
    restricted: 'it names where traces, which contain code, are written',
  }),
  'trace.includePaths': setting({
    group: 'traces',
    scope: 'window',
    schema: z.boolean(),
    default: false,
    markdownDescription:
      "Write each document's path, relative to the workspace folder, into recorded traces. Off by default: a trace then names documents only as `d1`, `d2`, … Never absolute paths.",
    summary: 'Write workspace-relative paths into traces (never absolute ones).',
    profile: false,
    restricted: 'it adds file paths to the traces you record and share',
  }),
  'store.retentionDays': setting({
    group: 'data',
    scope: 'machine',
    schema: z.int().min(7).max(3650),
    default: 90,
    markdownDescription:
      'Days to keep raw progress events (counts about edits, never code) before only their daily summaries remain, from 7 to 3650. Daily summaries are kept until you delete them with **Deliberate: Delete All My Data…**; a year of them is a few hundred KB. Export with **Deliberate: Export My Data…**.',
    summary: 'Days raw progress events are kept (daily summaries stay until you delete them; user settings only).',
    profile: false,
    restricted: 'it decides when your progress data is deleted, for every workspace',
  }),
} as const;

export type Settings = typeof SETTINGS;
export type SettingKey = keyof Settings;
export type SettingValue<K extends SettingKey> = z.output<Settings[K]['schema']>;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** Keys a team profile may recommend. */
export type ProfileKey = { [K in SettingKey]: Settings[K]['profile'] extends true ? K : never }[SettingKey];
export const PROFILE_KEYS = SETTING_KEYS.filter((k): k is ProfileKey => SETTINGS[k].profile);

/** Keys an untrusted workspace's settings cannot set. */
export const RESTRICTED_KEYS = SETTING_KEYS.filter((k) => SETTINGS[k].restricted !== false);

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Checks a value of a setting with its one validator. */
export function checkSetting<K extends SettingKey>(key: K, value: unknown): Checked<SettingValue<K>> {
  const result = SETTINGS[key].schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data as SettingValue<K> };
  const issue = result.error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : `[${issue.path.map(String).join('][')}] `;
  return { ok: false, message: `${where}${issue?.message ?? 'invalid value'}` };
}

/**
 * The coach's settings as one object (the shape of CoachSettings), each field checked by its
 * setting's own validator: for readers of settings recorded elsewhere (a trace's session start).
 */
export const COACH_SETTINGS_SCHEMA = z.object({
  enabled: SETTINGS['coach.enabled'].schema,
  preset: SETTINGS['coach.preset'].schema,
  dailyBudget: SETTINGS['coach.dailyBudget'].schema,
  quietHours: SETTINGS['coach.quietHours'].schema,
  emphasis: SETTINGS['coach.emphasis'].schema,
  largeBurstLines: SETTINGS['coach.largeBurstLines'].schema,
  minutesBetweenNudges: SETTINGS['coach.minutesBetweenNudges'].schema,
  validationCommands: SETTINGS['validation.commands'].schema,
});

export function defaultOf<K extends SettingKey>(key: K): SettingValue<K> {
  return SETTINGS[key].default as SettingValue<K>;
}

/** `#deliberate.x#` setting links (settings editor only) as plain code elsewhere. */
export function withoutSettingLinks(markdown: string): string {
  return markdown.replace(/`#(deliberate\.[\w.]+)#`/g, '`$1`');
}

/** Markdown reduced to plain text, for plain `description` fields. */
export function plainText(markdown: string): string {
  return withoutSettingLinks(markdown)
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');
}
