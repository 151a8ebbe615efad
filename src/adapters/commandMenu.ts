import * as vscode from 'vscode';

/** Every command the status bar menu offers, in menu order. Titles match package.json. */
export const MENU_COMMANDS: readonly { readonly command: string; readonly label: string; readonly detail: string }[] = [
  { command: 'deliberate.showProgress', label: '$(graph) Show My Progress', detail: 'Your habits, the fate of AI code and your practice over a week, a month and all time. Private to this machine.' },
  { command: 'deliberate.showHabits', label: "$(checklist) Show Today's Habits", detail: "Today's figures for the four habits, with the evidence behind each." },
  { command: 'deliberate.showActivity', label: '$(pulse) Show What Deliberate Sees', detail: 'The observation stream of this window: counts and sizes, never code.' },
  { command: 'deliberate.startExercise', label: '$(mortar-board) Start an Exercise', detail: 'A short guided exercise for one habit; its steps complete from what you do in the editor.' },
  { command: 'deliberate.recordTrace', label: '$(record) Record Edit Trace (start or stop)', detail: 'Writes what Deliberate observes to a local file, to replay or to share. A trace contains code.' },
  { command: 'deliberate.showHookSetup', label: '$(plug) Show Agent Hook Setup', detail: 'Hook configurations for Claude Code and VS Code agents, so Deliberate knows exactly which files an agent edits.' },
  { command: 'deliberate.reviewHistory', label: '$(history) Review AI Code in Repository History', detail: 'How much of the lines AI-assisted commits added was rewritten or deleted within 14 and 30 days, next to the other commits. Local clone only.' },
  { command: 'deliberate.exportData', label: '$(export) Export My Data…', detail: 'JSON, CSV, or a Markdown summary you may choose to share. Nothing is sent anywhere.' },
  { command: 'deliberate.toggleObservation', label: '$(debug-pause) Turn Observation On or Off', detail: 'The master switch. Off means Deliberate observes nothing.' },
  { command: 'deliberate.openSettings', label: '$(gear) Open Settings', detail: 'All Deliberate settings.' },
];

export async function showCommandMenu(): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    MENU_COMMANDS.map((c) => ({ label: c.label, detail: c.detail, command: c.command })),
    { title: 'Deliberate', placeHolder: 'Choose a Deliberate command' },
  );
  if (picked !== undefined) await vscode.commands.executeCommand(picked.command);
}
