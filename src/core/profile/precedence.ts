/**
 * Which value of a setting applies: the person's own (user, workspace or folder settings)
 * wins; otherwise the team profile's recommendation; otherwise the default.
 *
 * The layers are what VS Code's `WorkspaceConfiguration.inspect` reports, as plain data.
 */
export interface SettingLayers<T> {
  readonly defaultValue?: T;
  readonly globalValue?: T;
  readonly workspaceValue?: T;
  readonly workspaceFolderValue?: T;
}

export type SettingSource = 'folder' | 'workspace' | 'user' | 'profile' | 'default';

export interface Effective<T> {
  readonly value: T | undefined;
  readonly source: SettingSource;
}

export function effectiveSetting<T>(layers: SettingLayers<T> | undefined, profileValue: T | undefined): Effective<T> {
  if (layers?.workspaceFolderValue !== undefined) return { value: layers.workspaceFolderValue, source: 'folder' };
  if (layers?.workspaceValue !== undefined) return { value: layers.workspaceValue, source: 'workspace' };
  if (layers?.globalValue !== undefined) return { value: layers.globalValue, source: 'user' };
  if (profileValue !== undefined) return { value: profileValue, source: 'profile' };
  return { value: layers?.defaultValue, source: 'default' };
}

/** With several workspace folders, each may hold a profile: the first folder (in workspace order) that sets a key decides it. */
export function firstProfileValue<T>(values: readonly (T | undefined)[]): T | undefined {
  for (const v of values) if (v !== undefined) return v;
  return undefined;
}
