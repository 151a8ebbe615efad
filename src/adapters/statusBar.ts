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

  render(observing: boolean, activity: ActivitySnapshot): void {
    this.item.text = observing ? '$(eye) Deliberate' : '$(eye-closed) Deliberate: off';
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(observing ? '**Deliberate is on.** ' : '**Deliberate is off.** It observes nothing until you turn it on. ');
    tooltip.appendMarkdown('Everything stays on this machine.\n\n');
    tooltip.appendMarkdown(`Edits observed this session: ${activity.changeEvents}  \n`);
    tooltip.appendMarkdown(`Characters inserted: ${activity.insertedChars}, removed: ${activity.removedChars}\n\n`);
    tooltip.appendMarkdown('Click for Deliberate commands.');
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = {
      label: observing ? `Deliberate is on, ${activity.changeEvents} edits observed. Open Deliberate commands.` : 'Deliberate is off. Open Deliberate commands.',
    };
  }
}
