import * as vscode from 'vscode';
import { clampRetention, DEFAULT_RETENTION_DAYS } from '../core/store/compaction';
import { PRESETS, type CoachSettings, type Preset } from '../core/coach/policy';
import type { Habit } from '../core/metrics';

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
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
/** A whole number of at least `min`, or null for "the preset's". */
const count = (key: string, min = 0): number | null => {
  const { value } = layer.effective<unknown>(key);
  return typeof value === 'number' && Number.isFinite(value) && value >= min ? Math.floor(value) : null;
};
const HABITS: readonly Habit[] = ['iterate', 'validate', 'decompose', 'learn'];

/** The coach's settings (`deliberate.coach.*`, `deliberate.validation.commands`), read through the team profile layer: the one place they are read. */
export interface CoachSettingsView extends CoachSettings {
  /** Subtle marking of AI code not yet reviewed or run. */
  readonly markAiCode: boolean;
  /** A CodeLens above unreviewed AI code. */
  readonly codeLens: boolean;
}

export function readCoachSettings(): CoachSettingsView {
  return {
    enabled: read('coach.enabled', true, isBoolean),
    preset: read('coach.preset', 'standard', (v): v is Preset => (PRESETS as readonly unknown[]).includes(v)),
    dailyBudget: count('coach.dailyBudget'),
    quietHours: read('coach.quietHours', '', (v): v is string => isString(v) && /^$|^\d\d:\d\d-\d\d:\d\d$/.test(v)),
    emphasis: read('coach.emphasis', [], isStrings).filter((h): h is Habit => (HABITS as readonly string[]).includes(h)),
    largeBurstLines: count('coach.largeBurstLines', 1),
    validationCommands: read('validation.commands', [], isStrings).filter((c) => c.trim() !== ''),
    markAiCode: read('coach.markAiCode', true, isBoolean),
    codeLens: read('coach.codeLens', true, isBoolean),
    minutesBetweenNudges: count('coach.minutesBetweenNudges'),
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

/** Typed mirror of `deliberate.commit.*`. */
export interface CommitSettings {
  /** Preview a line in the commit message box with the share of AI-written lines (off by default). */
  readonly aiTrailer: boolean;
}

export function readCommitSettings(): CommitSettings {
  return { aiTrailer: read('commit.aiTrailer', false, isBoolean) };
}
