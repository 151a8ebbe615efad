/**
 * The person's data commands: export (JSON, CSV, or a Markdown summary to share), delete all
 * (after a modal confirmation), and open the data folder. Nothing is sent anywhere: export
 * writes a file where the person chooses, starting outside the workspace.
 */
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { progressMarkdown } from '../core/progress/summary';
import { exportCsv, exportJson } from '../core/store/exportFormats';
import type { MetricStore } from './metricStore';

type ExportKind = 'json' | 'csv' | 'markdown';

function exportChoices(): (vscode.QuickPickItem & { format: ExportKind })[] {
  return [
    { format: 'markdown', label: vscode.l10n.t('Markdown summary'), description: vscode.l10n.t('A readable summary you may share: progress and habits, no code or file names') },
    { format: 'json', label: 'JSON', description: vscode.l10n.t('Everything: every daily summary and the raw events still kept') },
    { format: 'csv', label: 'CSV', description: vscode.l10n.t('One row a day, for a spreadsheet') },
  ];
}
const EXTENSIONS: Record<ExportKind, { ext: string; filter: string }> = {
  json: { ext: 'json', filter: 'JSON' },
  csv: { ext: 'csv', filter: 'CSV' },
  markdown: { ext: 'md', filter: 'Markdown' },
};

function formatBytes(bytes: number): string {
  return bytes < 1024 ? vscode.l10n.t('{0} bytes', bytes) : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Options let tests run the commands without dialogs: `{ kind, target }` for export, `{ confirm: true }` for delete (test stores only). */
export interface ExportOptions {
  readonly kind?: ExportKind;
  readonly target?: string;
}

export async function exportData(store: MetricStore, now: number, options: ExportOptions = {}): Promise<string | undefined> {
  const kind = options.kind ?? (await vscode.window.showQuickPick(exportChoices(), { title: vscode.l10n.t('Export My Deliberate Data'), placeHolder: vscode.l10n.t('Choose a format') }))?.format;
  if (kind === undefined) return undefined;
  let target = options.target !== undefined ? vscode.Uri.file(options.target) : undefined;
  if (target === undefined) {
    const stamp = new Date(now).toISOString().slice(0, 10);
    const folder = await defaultExportFolder();
    target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export My Deliberate Data'),
      defaultUri: vscode.Uri.joinPath(folder, `deliberate-${kind === 'markdown' ? 'summary' : 'data'}-${stamp}.${EXTENSIONS[kind].ext}`),
      filters: { [EXTENSIONS[kind].filter]: [EXTENSIONS[kind].ext] },
    });
  }
  if (target === undefined) return undefined;
  let text: string;
  if (kind === 'markdown') {
    text = progressMarkdown((await store.progress()).model);
  } else {
    const read = await store.store.rollups();
    const days = [...read.days.values()];
    if (kind === 'csv') text = exportCsv(days);
    else {
      const raw = await store.store.rawEvents();
      text = exportJson({ exportedAt: now, days, events: raw.events, skippedRecords: read.problems.length + raw.problems.length });
    }
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  if (options.target === undefined) {
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0} ({1}).', target.fsPath, formatBytes(Buffer.byteLength(text))), open).then((choice) => {
      if (choice === open && target) void vscode.window.showTextDocument(target);
    });
  }
  return target.fsPath;
}

/**
 * Where the save dialog starts: the Downloads folder, else the home folder. Never the
 * workspace: an export left in the project is one `git add -A` away from being committed.
 */
export async function defaultExportFolder(): Promise<vscode.Uri> {
  const home = vscode.Uri.file(homedir());
  const downloads = vscode.Uri.joinPath(home, 'Downloads');
  try {
    if ((await vscode.workspace.fs.stat(downloads)).type & vscode.FileType.Directory) return downloads;
  } catch {
    // no Downloads folder: the home folder
  }
  return home;
}

export async function deleteData(store: MetricStore, requested: { confirm?: boolean } = {}): Promise<{ files: number; bytes: number } | undefined> {
  // Skipping the confirmation is for tests only: it is honoured only for a store the environment
  // points elsewhere (DELIBERATE_STORE), so no other extension can wipe a person's history silently.
  const options = { confirm: requested.confirm === true && Boolean(process.env.DELIBERATE_STORE) };
  const { files, bytes } = await store.store.size();
  if (files === 0) {
    if (!options.confirm) void vscode.window.showInformationMessage(vscode.l10n.t('Deliberate holds no progress data on this machine.'));
    return { files: 0, bytes: 0 };
  }
  if (!options.confirm) {
    const deleteAll = vscode.l10n.t('Delete All');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Delete all your Deliberate progress data?'),
      { modal: true, detail: vscode.l10n.t('This removes {0} file(s), {1}, from {2}: every recorded event and every daily summary, from all windows. It cannot be undone. Export first if you want a copy.', files, formatBytes(bytes), store.dir) },
      deleteAll,
    );
    if (choice !== deleteAll) return undefined;
  }
  const report = await store.store.deleteAll();
  store.notifyChanged();
  if (!options.confirm) void vscode.window.showInformationMessage(vscode.l10n.t('Deleted {0} file(s), {1}, of Deliberate progress data.', report.files, formatBytes(report.bytes)));
  return report;
}

export async function openDataFolder(store: MetricStore): Promise<string> {
  const folder = vscode.Uri.file(store.dir);
  await vscode.workspace.fs.createDirectory(folder);
  // In a desktop editor, show the folder in the file manager. In a browser (code-server, remote)
  // there is no file manager on this side: show the path and offer to copy it.
  if (vscode.env.uiKind === vscode.UIKind.Desktop && vscode.env.remoteName === undefined) {
    await vscode.commands.executeCommand('revealFileInOS', folder);
  } else {
    const copy = vscode.l10n.t('Copy Path');
    void vscode.window.showInformationMessage(vscode.l10n.t('Your Deliberate data is in {0}', store.dir), copy).then((choice) => {
      if (choice === copy) void vscode.env.clipboard.writeText(store.dir);
    });
  }
  return path.resolve(store.dir);
}
