/**
 * Read-only pages in editor panels: the evidence the coaching rests on, today's habits and
 * the agent hook setup. A webview rather than a document: it never asks to be saved, cannot be
 * typed into, and is not a text document, so Deliberate never observes it as the person's code.
 * One panel per page, reused: showing a page again updates and reveals it.
 */
import * as vscode from 'vscode';
import { hostToWebviewSchema, webviewToHostSchema, type HostToWebview, type PageId } from '../shared/pageMessages';
import { Disposable } from './disposable';
import { openWebviewPanel } from './webviewPage';

export interface Page {
  readonly id: PageId;
  readonly title: string;
  readonly markdown: string;
  /** The section to show first (a heading's anchor). */
  readonly anchor?: string;
}

interface OpenPage {
  readonly panel: vscode.WebviewPanel;
  ready: boolean;
  message: HostToWebview;
}

export class PagePanels extends Disposable {
  static readonly viewType = 'deliberate.page';
  private readonly open = new Map<PageId, OpenPage>();
  private requests = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** A page link to a section of the evidence page. */
    private readonly onOpenEvidence: (anchor: string) => void,
  ) {
    super();
    this._register({ dispose: () => [...this.open.values()].forEach((p) => p.panel.dispose()) });
  }

  show(page: Page): void {
    const message: HostToWebview = hostToWebviewSchema.parse({
      type: 'page',
      id: page.id,
      markdown: page.markdown,
      anchor: page.anchor ?? null,
      request: ++this.requests,
      words: { copy: vscode.l10n.t('Copy'), copied: vscode.l10n.t('Copied'), copyLabel: vscode.l10n.t('Copy to the clipboard') },
    });
    const existing = this.open.get(page.id);
    if (existing !== undefined) {
      existing.message = message;
      existing.panel.title = page.title;
      existing.panel.reveal();
      if (existing.ready) void existing.panel.webview.postMessage(message);
      return;
    }
    const entry: OpenPage = {
      ready: false,
      message,
      panel: openWebviewPanel(
        this.extensionUri,
        { viewType: PagePanels.viewType, title: page.title, bundle: 'page', placeholder: vscode.l10n.t('Loading…') },
        {
          onMessage: (raw) => this.onMessage(page.id, raw),
          onHidden: () => (entry.ready = false),
          onDisposed: () => this.open.delete(page.id),
        },
      ),
    };
    this.open.set(page.id, entry);
  }

  private onMessage(id: PageId, raw: unknown): void {
    const entry = this.open.get(id);
    const parsed = webviewToHostSchema.safeParse(raw);
    if (entry === undefined) return;
    if (!parsed.success) {
      this.log.warn(`Ignored a malformed message from the ${id} page: ${parsed.error.message}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        entry.ready = true;
        void entry.panel.webview.postMessage(entry.message);
        break;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text).then(() => vscode.window.setStatusBarMessage(vscode.l10n.t('Copied to the clipboard'), 2000));
        break;
      case 'openEvidence':
        this.onOpenEvidence(message.anchor);
        break;
    }
  }
}
