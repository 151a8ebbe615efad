/**
 * The typed reader of `deliberate.*` settings: the one place the extension reads them.
 *
 * Invariants:
 * - Every value is checked with its setting's one validator (core/settings/settingsModel.ts),
 *   the same one VS Code's settings editor and the team profile checker use. An invalid value
 *   reads as the default, and the reader says so once in the log: never silently.
 * - Values come through the team profile layer (the person's own settings win, then the
 *   profile, then the default), which says where each value came from.
 */
import * as vscode from 'vscode';
import type { CoachSettings } from '../core/coach/policy';
import type { CommandOrigin } from '../core/settings/commandConsent';
import { effectiveSetting, type SettingSource } from '../core/profile/precedence';
import { checkSetting, defaultOf, SETTINGS_SECTION as SECTION, type SettingKey, type SettingValue } from '../core/settings/settingsModel';
import { clampRetention } from '../core/store/compaction';

export const SETTINGS_SECTION = SECTION;

/** Typed view of the general settings. */
export interface DeliberateSettings {
  /** The master switch: when false Deliberate observes nothing. */
  readonly enabled: boolean;
  /** `deliberate.store.retentionDays`: days raw metric events are kept; daily rollups are kept for good. */
  readonly retentionDays: number;
}

/** Where a `deliberate.*` value comes from: the team profile layer (the person's settings, then the profile, then the default). */
export interface SettingsLayer {
  effective<T>(key: string): { readonly value: T | undefined; readonly source?: SettingSource };
  /** Where to say that a value was invalid and ignored (the output channel). */
  warn?(message: string): void;
}

/** Without a profile layer (before activation, in tests of other parts) settings read as VS Code has them. */
const plainSettings: SettingsLayer = {
  effective: <T>(key: string) => effectiveSetting<T>(vscode.workspace.getConfiguration(SECTION).inspect<T>(key), undefined),
};
let layer: SettingsLayer = plainSettings;
/** Invalid values already reported, so that each is said once, not on every read. */
const reported = new Set<string>();

/** The composition root installs the team profile layer once; settings read through it from then on. */
export function useSettingsLayer(next: SettingsLayer | undefined): void {
  layer = next ?? plainSettings;
}

/** A setting's checked value and where it came from; an invalid value reads as the default. */
export function readSetting<K extends SettingKey>(key: K): { readonly value: SettingValue<K>; readonly source: SettingSource } {
  const { value, source = 'default' } = layer.effective<unknown>(key);
  if (value === undefined) return { value: defaultOf(key), source: 'default' };
  const checked = checkSetting(key, value);
  if (checked.ok) return { value: checked.value, source };
  const said = `${key}=${JSON.stringify(value)}`;
  if (!reported.has(said) && reported.size < 1000) {
    reported.add(said);
    layer.warn?.(`Setting deliberate.${key} (from ${describeSource(source)}) is ignored: ${checked.message}. Its default applies.`);
  }
  return { value: defaultOf(key), source: 'default' };
}

function describeSource(source: SettingSource): string {
  switch (source) {
    case 'user':
      return 'your user settings';
    case 'workspace':
      return 'the workspace settings';
    case 'folder':
      return 'the folder settings';
    case 'profile':
      return 'the team profile';
    case 'default':
      return 'the default';
  }
}

export function readSettings(): DeliberateSettings {
  return {
    enabled: readSetting('enabled').value,
    retentionDays: clampRetention(readSetting('store.retentionDays').value),
  };
}

/** The coach's settings (`deliberate.coach.*`, `deliberate.validation.commands`), read through the team profile layer. */
export interface CoachSettingsView extends CoachSettings {
  /** Subtle marking of AI code not yet reviewed or run. */
  readonly markAiCode: boolean;
  /** A CodeLens above unreviewed AI code. */
  readonly codeLens: boolean;
}

export function readCoachSettings(): CoachSettingsView {
  return {
    enabled: readSetting('coach.enabled').value,
    preset: readSetting('coach.preset').value,
    dailyBudget: readSetting('coach.dailyBudget').value,
    quietHours: readSetting('coach.quietHours').value,
    emphasis: readSetting('coach.emphasis').value,
    largeBurstLines: readSetting('coach.largeBurstLines').value,
    validationCommands: readSetting('validation.commands').value.filter((c) => c.trim() !== ''),
    markAiCode: readSetting('coach.markAiCode').value,
    codeLens: readSetting('coach.codeLens').value,
    minutesBetweenNudges: readSetting('coach.minutesBetweenNudges').value,
  };
}

/** Where a command came from, for command consent: the workspace's and folder's settings are the workspace's. */
export function commandOrigin(source: SettingSource): CommandOrigin {
  return source === 'folder' ? 'workspace' : source;
}

/**
 * The command **Run tests** runs from the settings: the first entry of
 * `deliberate.validation.commands` that is a command line (not a `/regular expression/`), and
 * where it came from; undefined when there is none. Pass both to `CommandConsent.confirmRun`.
 */
export function readValidationCommand(): { readonly command: string; readonly origin: CommandOrigin } | undefined {
  const { value, source } = readSetting('validation.commands');
  const command = value.map((c) => c.trim()).find((c) => c !== '' && !c.startsWith('/'));
  return command === undefined ? undefined : { command, origin: commandOrigin(source) };
}

/** Typed mirror of `deliberate.exercises.*`. */
export interface ExerciseSettings {
  /** Ids of the packs to offer; empty offers every pack found. */
  readonly packs: readonly string[];
}

export function readExerciseSettings(): ExerciseSettings {
  return { packs: readSetting('exercises.packs').value };
}

/** `deliberate.attribution.aiCommands`, as program names are compared (lower case). */
export function readAttributionSettings(): { readonly aiCommands: readonly string[] } {
  return { aiCommands: readSetting('attribution.aiCommands').value.map((c) => c.toLowerCase()) };
}

/** `deliberate.trace.*`. The folder comes from user settings only (machine scope): a workspace cannot choose where traces go. */
export function readTraceSettings(): { readonly folder: string; readonly includePaths: boolean } {
  return { folder: readSetting('trace.folder').value.trim(), includePaths: readSetting('trace.includePaths').value };
}

/** Typed mirror of `deliberate.commit.*`. */
export interface CommitSettings {
  /** Preview a line in the commit message box with the share of AI-written lines (off by default). */
  readonly aiTrailer: boolean;
}

export function readCommitSettings(): CommitSettings {
  return { aiTrailer: readSetting('commit.aiTrailer').value };
}
