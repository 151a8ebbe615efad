import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HistoryReviewResult } from '../core/history/retrospective';
import { historyHostToWebviewSchema, historyWebviewToHostSchema, toHistoryView, type HistoryHostToWebview } from '../shared/historyMessages';
import { Disposable } from './disposable';
import { openWebviewPanel } from './webviewPage';
import { HistoryReviewError, reviewRepositoryHistory } from './historyGit';

/** Workspace trust, read at each git call: the port refuses while it is off. */
const editorTrust = {
  get isTrusted() {
    return vscode.workspace.isTrusted;
  },
};

export const RESTRICTED_MODE_MESSAGE = 'Deliberate runs no git in Restricted Mode, so it has not read this repository. Trust the workspace to review its history.';

/**
 * "Deliberate: Review AI Code in Repository History": picks a workspace folder, runs the
 * retrospective on its local clone with cancellable progress, and shows the figures in a
 * webview panel. Reads the repository with git's read-only commands; never fetches.
 */
export class HistoryReview extends Disposable {
  static readonly viewType = 'deliberate.history';
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private pending: HistoryHostToWebview | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** Commits Deliberate recorded as AI-assisted (full hashes); wired by the composition root. */
    private readonly knownAiCommits: () => Promise<ReadonlySet<string>> = () => Promise.resolve(new Set()),
  ) {
    super();
    this._register({ dispose: () => this.panel?.dispose() });
  }

  /**
   * Runs the review. `target` (a folder path or URI) skips the folder question. Returns the
   * figures, or undefined when there was nothing to review or the person cancelled.
   */
  async run(target?: unknown): Promise<HistoryReviewResult | undefined> {
    const folder = await this.pickFolder(target);
    if (folder === undefined) return undefined;
    if (folder.scheme !== 'file') {
      void vscode.window.showWarningMessage('Deliberate reviews repository history on local clones only; this folder is not on this machine.');
      return undefined;
    }
    const name = path.basename(folder.fsPath);
    if (!vscode.workspace.isTrusted) {
      // Said before anything runs; the port would refuse anyway.
      this.log.info(`History review of ${name} not run: the workspace is in Restricted Mode.`);
      void vscode.window.showWarningMessage(RESTRICTED_MODE_MESSAGE, 'Manage Workspace Trust').then((pick) => {
        if (pick !== undefined) void vscode.commands.executeCommand('workbench.trust.manage');
      });
      return undefined;
    }
    // The git program: only from the person's own settings, never from the workspace's (it would run).
    const gitPath = vscode.workspace.getConfiguration('git').inspect<unknown>('path')?.globalValue;
    const known = await this.knownAiCommits().catch((error: unknown) => {
      this.log.warn(`Could not read Deliberate's own commit records; going by trailers and notes only: ${String(error)}`);
      return new Set<string>();
    });
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Reviewing AI code in the history of ${name}`, cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          let reported = 0;
          try {
            return await reviewRepositoryHistory(folder.fsPath, {
              trust: editorTrust,
              knownAiCommits: known,
              signal: controller.signal,
              git: typeof gitPath === 'string' && gitPath !== '' ? gitPath : undefined,
              onProgress: (done, total) => {
                const share = total > 0 ? (done / total) * 100 : 0;
                progress.report({ message: `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} commits`, increment: share - reported });
                reported = share;
              },
            });
          } finally {
            subscription.dispose();
          }
        },
      );
      for (const w of result.warnings) this.log.warn(`History review: git log output line ${w.line}: ${w.message}`);
      for (const m of result.gitMessages) this.log.info(`History review: git said: ${m}`);
      this.log.info(`History review of ${name}: ${result.commitsScanned} commits, ${result.ai.commits} AI-assisted.`);
      this.show({ type: 'result', view: toHistoryView(result, name) });
      return result;
    } catch (error) {
      if (!(error instanceof HistoryReviewError)) throw error;
      switch (error.reason) {
        case 'cancelled':
          void vscode.window.showInformationMessage('History review cancelled. Nothing was changed; run it again any time.');
          break;
        case 'notRepository':
          void vscode.window.showWarningMessage(`${name} is not a git repository, so there is no history to review.`);
          break;
        case 'noCommits':
          void vscode.window.showInformationMessage(`${name} has no commits yet, so there is no history to review.`);
          break;
        case 'untrusted':
          void vscode.window.showWarningMessage(RESTRICTED_MODE_MESSAGE);
          break;
        case 'unsafeRepository':
          void vscode.window.showWarningMessage(`${name}: ${error.message}`);
          break;
        default:
          this.log.error(`History review of ${name} failed: ${error.message}`);
          void vscode.window.showErrorMessage(`Deliberate could not review the history of ${name}: ${error.message}`);
      }
      return undefined;
    }
  }

  private async pickFolder(target: unknown): Promise<vscode.Uri | undefined> {
    if (target instanceof vscode.Uri) return target;
    if (typeof target === 'string' && target !== '') return vscode.Uri.file(target);
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      void vscode.window.showInformationMessage('Open a folder that is a git repository to review its history.');
      return undefined;
    }
    if (folders.length === 1) return folders[0]!.uri;
    const picked = await vscode.window.showQuickPick(
      folders.map((f) => ({ label: f.name, description: f.uri.scheme === 'file' ? f.uri.fsPath : f.uri.toString(), uri: f.uri })),
      { title: 'Review AI Code in Repository History', placeHolder: 'Which folder’s repository?' },
    );
    return picked?.uri;
  }

  private show(message: HistoryHostToWebview): void {
    this.pending = historyHostToWebviewSchema.parse(message);
    if (this.panel !== undefined) {
      this.panel.reveal();
      if (this.ready) void this.panel.webview.postMessage(this.pending);
      return;
    }
    this.ready = false;
    this.panel = openWebviewPanel(
      this.extensionUri,
      { viewType: HistoryReview.viewType, title: 'AI Code in Repository History', bundle: 'history', placeholder: 'Waiting for the extension…' },
      {
        onMessage: (raw) => {
          const parsed = historyWebviewToHostSchema.safeParse(raw);
          if (!parsed.success) {
            this.log.warn(`Ignored a malformed message from the history view: ${parsed.error.message}`);
            return;
          }
          // The only message is `ready`: the view (new, or shown again after hiding) wants the latest figures.
          this.ready = true;
          if (this.pending !== undefined) void this.panel?.webview.postMessage(this.pending);
        },
        onHidden: () => (this.ready = false),
        onDisposed: () => {
          this.panel = undefined;
          this.ready = false;
        },
      },
    );
  }

}
