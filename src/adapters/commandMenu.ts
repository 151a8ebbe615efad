import * as vscode from 'vscode';

/** Every command the status bar menu offers, in menu order. Labels match package.json's titles. */
export function menuCommands(): { readonly command: string; readonly label: string; readonly detail: string }[] {
  const t = vscode.l10n.t;
  return [
    { command: 'deliberate.showProgress', label: `$(graph) ${t('Show My Progress')}`, detail: t('Your habits, what happened to AI code, and your practice over a week, a month and all time. Private to this machine.') },
    { command: 'deliberate.showHabits', label: `$(checklist) ${t("Show Today's Habits")}`, detail: t("Today's figures for the four habits, and why each matters.") },
    { command: 'deliberate.startExercise', label: `$(mortar-board) ${t('Start an Exercise')}`, detail: t('A short guided exercise for one habit; its steps are done when you do them in the editor.') },
    { command: 'deliberate.showEvidence', label: `$(book) ${t('Why These Habits? Show the Evidence')}`, detail: t('The studies behind each habit and behind how the nudges are kept rare.') },
    { command: 'deliberate.showActivity', label: `$(pulse) ${t('Show What Deliberate Sees')}`, detail: t('What Deliberate notices in this window, live: counts and sizes, never code.') },
    { command: 'deliberate.reviewHistory', label: `$(history) ${t('Review AI Code in Repository History')}`, detail: t('How much of the lines AI-assisted commits added was rewritten or deleted within 14 and 30 days, next to the other commits. Local clone only.') },
    { command: 'deliberate.showHookSetup', label: `$(plug) ${t('Show Agent Hook Setup')}`, detail: t('Hook configurations for Claude Code and VS Code agents, so Deliberate knows exactly which files an agent edits.') },
    { command: 'deliberate.recordTrace', label: `$(record) ${t('Record Edit Trace (start or stop)')}`, detail: t('Writes what Deliberate observes to a local file, to replay or to share. A trace contains code.') },
    { command: 'deliberate.exportData', label: `$(export) ${t('Export My Data…')}`, detail: t('JSON, CSV, or a Markdown summary you may choose to share. Nothing is sent anywhere.') },
    { command: 'deliberate.toggleObservation', label: `$(eye-closed) ${t('Turn Observation On or Off')}`, detail: t('The master switch. Off means Deliberate observes nothing.') },
    { command: 'deliberate.openSettings', label: `$(gear) ${t('Open Settings')}`, detail: t('All Deliberate settings.') },
  ];
}

export async function showCommandMenu(): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    menuCommands().map((c) => ({ label: c.label, detail: c.detail, command: c.command })),
    { title: 'Deliberate', placeHolder: vscode.l10n.t('Choose a Deliberate command') },
  );
  if (picked !== undefined) await vscode.commands.executeCommand(picked.command);
}
