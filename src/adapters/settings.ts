import * as vscode from 'vscode';

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
