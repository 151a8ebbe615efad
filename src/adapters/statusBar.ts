import * as vscode from 'vscode';
import type { ActivitySnapshot } from '../core/activityTally';
import { setCommandContext } from './commandContext';
import { Disposable } from './disposable';

/** Shows that Deliberate is on (or paused); a click opens the menu of its commands. */
export class StatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('deliberate.status', vscode.StatusBarAlignment.Right, 100));
    this.item.name = 'Deliberate';
    this.item.command = 'deliberate.showMenu';
    this.item.show();
  }

  render(observing: boolean, recording: boolean, activity: ActivitySnapshot): void {
    setCommandContext('deliberate.observing', observing);
    setCommandContext('deliberate.recording', recording);
    this.item.text = recording ? `$(record) ${vscode.l10n.t('Deliberate: recording')}` : observing ? '$(eye) Deliberate' : `$(eye-closed) ${vscode.l10n.t('Deliberate: off')}`;
    this.item.backgroundColor = recording ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(observing ? vscode.l10n.t('**Deliberate is on.**') : vscode.l10n.t('**Deliberate is off.** It observes nothing until you turn it on.'));
    tooltip.appendMarkdown(` ${vscode.l10n.t('Everything stays on this machine.')}\n\n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Edits this session: {0}', activity.changeEvents)}  \n`);
    tooltip.appendMarkdown(`${vscode.l10n.t('Characters added: {0}, of them written by AI: {1}', activity.insertedChars, activity.aiChars)}\n\n`);
    tooltip.appendMarkdown(
      activity.exactSources
        ? `${vscode.l10n.t('Where edits come from: **exact** where VS Code reports it, worked out otherwise.')}\n\n`
        : `${vscode.l10n.t('Where edits come from: worked out from what happens around them.')}\n\n`,
    );
    if (recording) tooltip.appendMarkdown(`${vscode.l10n.t('**Recording an edit trace** (it contains code). Stop it from the menu.')}\n\n`);
    tooltip.appendMarkdown(vscode.l10n.t('Click for Deliberate commands.'));
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = {
      label: observing ? vscode.l10n.t('Deliberate is on, {0} edits observed. Open Deliberate commands.', activity.changeEvents) : vscode.l10n.t('Deliberate is off. Open Deliberate commands.'),
    };
  }
}
