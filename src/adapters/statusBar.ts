import * as vscode from 'vscode';
import type { ActivitySnapshot } from '../core/activityTally';
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
    this.item.text = recording ? '$(record) Deliberate: recording' : observing ? '$(eye) Deliberate' : '$(eye-closed) Deliberate: off';
    this.item.backgroundColor = recording ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(observing ? '**Deliberate is on.** ' : '**Deliberate is off.** It observes nothing until you turn it on. ');
    tooltip.appendMarkdown('Everything stays on this machine.\n\n');
    tooltip.appendMarkdown(`Edits observed this session: ${activity.changeEvents}  \n`);
    tooltip.appendMarkdown(`Characters inserted: ${activity.insertedChars}, of them AI-written: ${activity.aiChars}\n\n`);
    tooltip.appendMarkdown(
      activity.exactSources
        ? 'Edit sources: **exact** where VS Code reports them, inferred otherwise.\n\n'
        : 'Edit sources: inferred from editor signals.\n\n',
    );
    if (recording) tooltip.appendMarkdown('**Recording an edit trace** (it contains code). Stop it from the menu.\n\n');
    tooltip.appendMarkdown('Click for Deliberate commands.');
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = {
      label: observing ? `Deliberate is on, ${activity.changeEvents} edits observed. Open Deliberate commands.` : 'Deliberate is off. Open Deliberate commands.',
    };
  }
}
