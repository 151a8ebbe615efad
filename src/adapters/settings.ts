import * as vscode from 'vscode';
import { clampRetention, DEFAULT_RETENTION_DAYS } from '../core/store/compaction';

export const SETTINGS_SECTION = 'deliberate';

/** Typed mirror of the `deliberate.*` settings schema in package.json. Keep the two in step. */
export interface DeliberateSettings {
  /** The master switch: when false Deliberate observes nothing. */
  readonly enabled: boolean;
  /** `deliberate.store.retentionDays`: days raw metric events are kept; daily rollups are kept for good. */
  readonly retentionDays: number;
}

export function readSettings(): DeliberateSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    enabled: config.get<boolean>('enabled', true),
    retentionDays: clampRetention(config.get<number>('store.retentionDays', DEFAULT_RETENTION_DAYS)),
  };
}

/** Where a `deliberate.*` value comes from: the team profile layer (the person's settings, then the profile, then the default). */
export interface SettingsLayer {
  effective<T>(key: string): { readonly value: T | undefined };
}

/** Without a profile layer (before activation, in tests of other parts) settings read as VS Code has them. */
const plainSettings: SettingsLayer = {
  effective: <T>(key: string) => ({ value: vscode.workspace.getConfiguration(SETTINGS_SECTION).get<T>(key) }),
};
let layer: SettingsLayer = plainSettings;

/** The composition root installs the team profile layer once; settings read through it from then on. */
export function useSettingsLayer(next: SettingsLayer | undefined): void {
  layer = next ?? plainSettings;
}

function read<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  const { value } = layer.effective<unknown>(key);
  return valid(value) ? value : fallback;
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const PRESETS = ['quiet', 'standard', 'learner'] as const;
const HABIT_NAMES = ['iterate', 'validate', 'decompose', 'learn'] as const;
export type CoachPresetSetting = (typeof PRESETS)[number];
export type HabitSetting = (typeof HABIT_NAMES)[number];

/** Typed mirror of `deliberate.coach.*` and `deliberate.validation.commands`, with the team profile layered under the person's settings. */
export interface CoachSettings {
  readonly enabled: boolean;
  readonly preset: CoachPresetSetting;
  readonly dailyBudget: number;
  /** "HH:MM-HH:MM", or "" for none. */
  readonly quietHours: string;
  readonly emphasis: readonly HabitSetting[];
  readonly largeBurstLines: number;
  readonly markAiCode: boolean;
  /** The team's test and lint commands. */
  readonly validationCommands: readonly string[];
}

export function readCoachSettings(): CoachSettings {
  return {
    enabled: read('coach.enabled', true, isBoolean),
    preset: read('coach.preset', 'standard', (v): v is CoachPresetSetting => PRESETS.includes(v as CoachPresetSetting)),
    dailyBudget: read('coach.dailyBudget', 3, isCount),
    quietHours: read('coach.quietHours', '', (v): v is string => isString(v) && /^$|^\d\d:\d\d-\d\d:\d\d$/.test(v)),
    emphasis: read('coach.emphasis', [], (v): v is HabitSetting[] => Array.isArray(v) && v.every((h) => HABIT_NAMES.includes(h as HabitSetting))),
    largeBurstLines: read('coach.largeBurstLines', 80, (v): v is number => isCount(v) && v > 0),
    markAiCode: read('coach.markAiCode', false, isBoolean),
    validationCommands: read('validation.commands', [], isStrings).filter((c) => c.trim() !== ''),
  };
}

/** Typed mirror of `deliberate.exercises.*`. */
export interface ExerciseSettings {
  /** Ids of the packs to offer; empty offers every pack found. */
  readonly packs: readonly string[];
}

export function readExerciseSettings(): ExerciseSettings {
  return { packs: read('exercises.packs', [], isStrings) };
}
