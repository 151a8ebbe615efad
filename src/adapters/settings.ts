import * as vscode from 'vscode';
import { PRESETS, type CoachSettings, type Preset } from '../core/coach/policy';
import type { Habit } from '../core/metrics';

export const SETTINGS_SECTION = 'deliberate';

/** Typed mirror of the `deliberate.*` settings schema in package.json. Keep the two in step. */
export interface DeliberateSettings {
  /** The master switch: when false Deliberate observes nothing. */
  readonly enabled: boolean;
}

export function readSettings(): DeliberateSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    enabled: config.get<boolean>('enabled', true),
  };
}


const HABITS: readonly Habit[] = ['iterate', 'validate', 'decompose', 'learn'];

/** The coach's settings (`deliberate.coach.*`, `deliberate.validation.commands`): the one place they are read. */
export interface CoachSettingsView extends CoachSettings {
  /** Subtle marking of AI code not yet reviewed or run. */
  readonly markAiCode: boolean;
  /** A CodeLens above unreviewed AI code. */
  readonly codeLens: boolean;
}

export function readCoachSettings(): CoachSettingsView {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const preset = config.get<string>('coach.preset', 'standard');
  const int = (key: string): number | null => {
    const v = config.get<unknown>(key, null);
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : null;
  };
  const strings = (key: string): string[] => {
    const v = config.get<unknown>(key, []);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  };
  return {
    enabled: config.get<boolean>('coach.enabled', true),
    preset: (PRESETS as readonly string[]).includes(preset) ? (preset as Preset) : 'standard',
    dailyBudget: int('coach.dailyBudget'),
    quietHours: config.get<string>('coach.quietHours', ''),
    emphasis: strings('coach.emphasis').filter((h): h is Habit => (HABITS as readonly string[]).includes(h)),
    largeBurstLines: int('coach.largeBurstLines'),
    validationCommands: strings('validation.commands'),
    markAiCode: config.get<boolean>('coach.markAiCode', true),
    codeLens: config.get<boolean>('coach.codeLens', true),
    minutesBetweenNudges: int('coach.minutesBetweenNudges'),
  };
}
