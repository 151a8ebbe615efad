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
