import * as vscode from 'vscode';
import type { ActivitySnapshot } from '../core/activityTally';
import { hostToWebviewSchema, webviewToHostSchema, type HostToWebview } from '../shared/activityMessages';
import { Disposable } from './disposable';
import { openWebviewPanel } from './webviewPage';

/**
 * The "What Deliberate sees" panel: a live view of the observation stream's metrics. The
 * webview announces `ready` before the host sends anything; messages are validated on
 * arrival; the content security policy allows only this extension's script, by nonce.
 */
export class ActivityPanel extends Disposable {
  static readonly viewType = 'deliberate.activity';
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private pending: HostToWebview | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  show(): void {
    if (this.panel !== undefined) {
      this.panel.reveal();
      return;
    }
    this.ready = false;
    // A hidden webview is torn down; it says `ready` again when shown and gets the latest state.
    this.panel = openWebviewPanel(
      this.extensionUri,
      { viewType: ActivityPanel.viewType, title: 'What Deliberate Sees', bundle: 'activity', placeholder: 'Waiting for the extension…' },
      {
        onMessage: (raw) => this.onMessage(raw),
        onHidden: () => (this.ready = false),
        onDisposed: () => {
          this.panel = undefined;
          this.ready = false;
        },
      },
    );
  }

  update(observing: boolean, recording: boolean, snapshot: ActivitySnapshot, outcomes: HostToWebview['outcomes']): void {
    const message: HostToWebview = {
      type: 'snapshot',
      observing,
      recording,
      outcomes,
      snapshot: { ...snapshot, byType: { ...snapshot.byType }, byLabel: { ...snapshot.byLabel }, recentChanges: [...snapshot.recentChanges] },
    };
    this.pending = message;
    if (this.panel !== undefined && this.ready) void this.panel.webview.postMessage(hostToWebviewSchema.parse(message));
  }

  private onMessage(raw: unknown): void {
    const parsed = webviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`Ignored a malformed message from the activity view: ${parsed.error.message}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.pending !== undefined) void this.panel?.webview.postMessage(this.pending);
        break;
      case 'runCommand':
        void vscode.commands.executeCommand(message.command);
        break;
    }
  }

}
