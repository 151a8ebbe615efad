import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ActivitySnapshot } from '../core/activityTally';
import { hostToWebviewSchema, webviewToHostSchema, type HostToWebview } from '../shared/activityMessages';
import { Disposable } from './disposable';
import { DocumentIds } from './documentIds';
import { openWebviewPanel } from './webviewPage';

/** What the panel needs from the extension to speak the person's language: file names and the time now. */
export interface ActivityPanelHost {
  /** The document a document id stands for (ids never leave memory; names are shown here only). */
  uriOf(doc: string): vscode.Uri | undefined;
  /** Stream time now, or undefined when observation is off. */
  now(): number | undefined;
}

/**
 * The "What Deliberate Sees" panel: a live view of what Deliberate observes in this window, in
 * counts and sizes, with the latest edits by file name. The webview announces `ready` before the
 * host sends anything; messages are validated on arrival; the content security policy allows
 * only this extension's script, by nonce.
 */
export class ActivityPanel extends Disposable {
  static readonly viewType = 'deliberate.activity';
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private pending: HostToWebview | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly host: ActivityPanelHost = { uriOf: () => undefined, now: () => undefined },
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
      { viewType: ActivityPanel.viewType, title: vscode.l10n.t('What Deliberate Sees'), bundle: 'activity', placeholder: vscode.l10n.t('Waiting for the extension…') },
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
    const files: Record<string, string> = {};
    for (const c of snapshot.recentChanges) files[c.doc] ??= this.fileName(c.doc);
    const message: HostToWebview = {
      type: 'snapshot',
      observing,
      recording,
      outcomes,
      now: this.host.now() ?? null,
      files,
      snapshot: { ...snapshot, byType: { ...snapshot.byType }, byLabel: { ...snapshot.byLabel }, recentChanges: [...snapshot.recentChanges] },
    };
    this.pending = message;
    if (this.panel !== undefined && this.ready) void this.panel.webview.postMessage(hostToWebviewSchema.parse(message));
  }

  /** The workspace-relative path, else the file name, else a plain word (never the id). */
  private fileName(doc: string): string {
    const uri = this.host.uriOf(doc);
    if (uri === undefined) return vscode.l10n.t('a file');
    if (uri.scheme === 'untitled') return uri.path;
    return DocumentIds.relativePath(uri) ?? path.posix.basename(uri.path);
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
