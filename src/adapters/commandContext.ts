import * as vscode from 'vscode';

/**
 * The context keys that hide commands from the palette when they do not apply
 * (`menus.commandPalette` in package.json): recording a trace, observing, AI code not yet
 * reviewed in this session. Set only when a value changes, so callers may call on every render.
 */
export type CommandContextKey = 'deliberate.recording' | 'deliberate.observing' | 'deliberate.unreviewedAiCode';

const current = new Map<CommandContextKey, boolean>();

export function setCommandContext(key: CommandContextKey, value: boolean): void {
  if (current.get(key) === value) return;
  current.set(key, value);
  void vscode.commands.executeCommand('setContext', key, value);
}
