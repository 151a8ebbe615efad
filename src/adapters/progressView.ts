/**
 * The progress view: a webview view in Deliberate's activity bar container, and the same view
 * as an editor panel (Deliberate: Show My Progress). Each webview says `ready` before the host
 * sends anything; messages are validated on arrival both ways; the content security policy
 * allows only this extension's script, by nonce, and its stylesheet.
 */
import * as vscode from 'vscode';
import { hostToWebviewSchema, webviewToHostSchema, type HostToWebview } from '../shared/progressMessages';
import { Disposable } from './disposable';
import { openEvidence } from './evidence';
import { webviewPage } from './webviewPage';
import type { MetricStore } from './metricStore';

const MODEL_MAX_AGE_MS = 60_000;

interface Surface {
  readonly webview: vscode.Webview;
  /** The sidebar view (its title bar names it) or the editor panel. */
  readonly kind: 'view' | 'panel';
  ready: boolean;
  /** When the person asked to open it (performance.now of the host), for the first-paint figure. */
  openedAt: number | undefined;
}

export class ProgressView extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewType = 'deliberate.progress';
  static readonly panelType = 'deliberate.progressPanel';
  private readonly surfaces = new Set<Surface>();
  private panel: vscode.WebviewPanel | undefined;
  private viewOpenRequestedAt: number | undefined;
  private latest: Promise<HostToWebview> | undefined;
  private latestAt = 0;
  /** Milliseconds from the request to open to the first paint with data, most recent first. */
  readonly paints: number[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: MetricStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    // Kept alive while hidden: showing it again costs no reload and no repaint (the one view
    // of its kind, so the memory is bounded); its state also survives a real teardown (setState).
    this._register(vscode.window.registerWebviewViewProvider(ProgressView.viewType, this, { webviewOptions: { retainContextWhenHidden: true } }));
    this._register(
      store.onDidChange(() => {
        this.latest = undefined;
        for (const s of this.surfaces) if (s.ready) void this.send(s);
      }),
    );
    this._register({ dispose: () => this.panel?.dispose() });
  }

  /** Opens the sidebar view (focus command of the view). */
  async focusView(): Promise<void> {
    this.viewOpenRequestedAt = performance.now();
    await vscode.commands.executeCommand(`${ProgressView.viewType}.focus`);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    const surface = this.attach(view.webview, this.viewOpenRequestedAt ?? performance.now(), 'view');
    this.viewOpenRequestedAt = undefined;
    // The webview is retained while hidden: it stays ready and painted.
    view.onDidDispose(() => this.surfaces.delete(surface));
  }

  showPanel(): void {
    const openedAt = performance.now();
    if (this.panel !== undefined) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(ProgressView.panelType, vscode.l10n.t('My Progress'), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [this.webviewRoot()],
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'progress.svg');
    this.panel = panel;
    const surface = this.attach(panel.webview, openedAt, 'panel');
    panel.onDidDispose(() => {
      this.surfaces.delete(surface);
      this.panel = undefined;
    });
  }

  private webviewRoot(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
  }

  private attach(webview: vscode.Webview, openedAt: number, kind: Surface['kind']): Surface {
    const surface: Surface = { webview, kind, ready: false, openedAt };
    this.surfaces.add(surface);
    webview.options = { enableScripts: true, localResourceRoots: [this.webviewRoot()] };
    webview.onDidReceiveMessage((raw: unknown) => this.onMessage(surface, raw));
    // Read the store while the webview loads, so the model is ready when it says `ready`.
    void this.model().catch(() => undefined);
    webview.html = this.html(webview);
    return surface;
  }

  private onMessage(surface: Surface, raw: unknown): void {
    const parsed = webviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`Ignored a malformed message from the progress view: ${parsed.error.message}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ready':
        surface.ready = true;
        void this.send(surface);
        break;
      case 'painted':
        if (surface.openedAt !== undefined) {
          const ms = performance.now() - surface.openedAt;
          surface.openedAt = undefined;
          this.paints.unshift(Math.round(ms));
          this.paints.length = Math.min(this.paints.length, 20);
          this.log.info(`Progress view: first paint ${Math.round(ms)} ms after opening (script to paint ${Math.round(message.ms)} ms).`);
        }
        break;
      case 'runCommand':
        void vscode.commands.executeCommand(message.command);
        break;
      case 'openEvidence':
        void openEvidence(message.habit);
        break;
    }
  }

  /** The message with the progress model, cached until the data changes and for at most a minute (so "today" moves on). */
  private model(): Promise<HostToWebview> {
    if (performance.now() - this.latestAt > MODEL_MAX_AGE_MS) this.latest = undefined;
    if (this.latest === undefined) this.latestAt = performance.now();
    this.latest ??= this.store.progress().then(({ model, skippedRecords }) => hostToWebviewSchema.parse({ type: 'progress', model, skippedRecords, dataFolder: this.store.dir }));
    return this.latest;
  }

  private async send(surface: Surface): Promise<void> {
    try {
      const message = await this.model();
      if (surface.ready) await surface.webview.postMessage({ ...message, surface: surface.kind });
    } catch (error) {
      this.latest = undefined;
      this.log.error('Progress view: could not read the metric store', error);
    }
  }

  private html(webview: vscode.Webview): string {
    return webviewPage(webview, this.webviewRoot(), { bundle: 'progress', title: vscode.l10n.t('My Progress'), placeholder: vscode.l10n.t('Loading your progress…'), live: false });
  }
}
