/**
 * The person's data commands: export (JSON, CSV, or a Markdown summary to share), delete all
 * (after a modal confirmation), and open the data folder. Nothing is sent anywhere: export
 * writes a file where the person chooses.
 */
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { progressMarkdown } from '../core/progress/summary';
import { exportCsv, exportJson } from '../core/store/exportFormats';
import type { MetricStore } from './metricStore';

type ExportKind = 'json' | 'csv' | 'markdown';

const EXPORT_CHOICES: (vscode.QuickPickItem & { format: ExportKind })[] = [
  { format: 'markdown', label: 'Markdown summary', description: 'A readable summary you may share: progress and habits, no code or file names' },
  { format: 'json', label: 'JSON', description: 'Everything: every daily rollup and the raw events still kept' },
  { format: 'csv', label: 'CSV', description: 'One row a day, for a spreadsheet' },
];
const EXTENSIONS: Record<ExportKind, { ext: string; filter: string }> = {
  json: { ext: 'json', filter: 'JSON' },
  csv: { ext: 'csv', filter: 'CSV' },
  markdown: { ext: 'md', filter: 'Markdown' },
};

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Options let tests run the commands without dialogs: `{ kind, target }` for export, `{ confirm: true }` for delete (test stores only). */
export interface ExportOptions {
  readonly kind?: ExportKind;
  readonly target?: string;
}

export async function exportData(store: MetricStore, now: number, options: ExportOptions = {}): Promise<string | undefined> {
  const kind = options.kind ?? (await vscode.window.showQuickPick(EXPORT_CHOICES, { title: 'Export my Deliberate data', placeHolder: 'Choose a format' }))?.format;
  if (kind === undefined) return undefined;
  let target = options.target !== undefined ? vscode.Uri.file(options.target) : undefined;
  if (target === undefined) {
    const stamp = new Date(now).toISOString().slice(0, 10);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    target = await vscode.window.showSaveDialog({
      title: 'Export my Deliberate data',
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
    void vscode.window.showInformationMessage(`Exported to ${target.fsPath} (${formatBytes(Buffer.byteLength(text))}).`, 'Open').then((choice) => {
      if (choice === 'Open' && target) void vscode.window.showTextDocument(target);
    });
  }
  return target.fsPath;
}

export async function deleteData(store: MetricStore, requested: { confirm?: boolean } = {}): Promise<{ files: number; bytes: number } | undefined> {
  // Skipping the confirmation is for tests only: it is honoured only for a store the environment
  // points elsewhere (DELIBERATE_STORE), so no other extension can wipe a person's history silently.
  const options = { confirm: requested.confirm === true && Boolean(process.env.DELIBERATE_STORE) };
  const { files, bytes } = await store.store.size();
  if (files === 0) {
    if (!options.confirm) void vscode.window.showInformationMessage('Deliberate holds no progress data on this machine.');
    return { files: 0, bytes: 0 };
  }
  if (!options.confirm) {
    const choice = await vscode.window.showWarningMessage(
      'Delete all your Deliberate progress data?',
      { modal: true, detail: `This removes ${files} file(s), ${formatBytes(bytes)}, from ${store.dir}: every recorded event and every daily summary, from all windows. It cannot be undone. Export first if you want a copy.` },
      'Delete All',
    );
    if (choice !== 'Delete All') return undefined;
  }
  const report = await store.store.deleteAll();
  store.notifyChanged();
  if (!options.confirm) void vscode.window.showInformationMessage(`Deleted ${report.files} file(s), ${formatBytes(report.bytes)}, of Deliberate progress data.`);
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
    void vscode.window.showInformationMessage(`Your Deliberate data is in ${store.dir}`, 'Copy Path').then((choice) => {
      if (choice === 'Copy Path') void vscode.env.clipboard.writeText(store.dir);
    });
  }
  return path.resolve(store.dir);
}
