/**
 * The team profile in the editor: finds `.vscode/deliberate.json` in each workspace folder,
 * validates it (problems in the Problems panel at their line), and layers its
 * recommendations under the person's own settings.
 *
 * Invariants:
 * - The person's own settings (user, workspace, folder) always win; the profile only fills
 *   in what the person has not set (core/profile/precedence.ts).
 * - In an untrusted workspace the profile is read and checked but not applied; it applies
 *   the moment the workspace is trusted.
 * - A bad or unreadable file never breaks anything: its valid settings apply, its problems
 *   are shown, and the rest of Deliberate carries on.
 * - Nothing here collects or sends data.
 */
import * as vscode from 'vscode';
import type { JsonProblem } from '../core/jsonProblems';
import { effectiveSetting, type Effective } from '../core/profile/precedence';
import { PROFILE_KEYS, PROFILE_SETTINGS, profileFileFrom, type ProfileKey, type ProfileValues } from '../core/profile/profileSchema';
import { EMPTY_PROFILE, readTeamProfile, type TeamProfile } from '../core/profile/teamProfile';
import { Disposable } from './disposable';
import { problemLines, publishJsonProblems } from './jsonDiagnostics';

export const PROFILE_PATH = '.vscode/deliberate.json';
const SECTION = 'deliberate';

/** Where trust comes from: VS Code's workspace trust in the extension, a fake in tests. */
export interface TrustSource {
  readonly isTrusted: boolean;
  onDidGrant(listener: () => void): vscode.Disposable;
}

export const workspaceTrust: TrustSource = {
  get isTrusted() {
    return vscode.workspace.isTrusted;
  },
  onDidGrant: (listener) => vscode.workspace.onDidGrantWorkspaceTrust(listener),
};

interface FolderProfile {
  readonly folder: vscode.Uri;
  readonly profile: TeamProfile;
}

export class TeamProfileLayer extends Disposable {
  private readonly diagnostics: vscode.DiagnosticCollection;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires when an effective value may have changed: the profile, trust or the person's settings. */
  readonly onDidChange = this.changed.event;
  /** Per workspace folder (in workspace order), the profile as last read from disk. */
  private profiles: FolderProfile[] = [];
  private loading: Promise<void> = Promise.resolve();

  constructor(
    private readonly trust: TrustSource,
    private readonly log: vscode.LogOutputChannel,
    diagnosticsName = 'deliberate-profile',
  ) {
    super();
    this.diagnostics = this._register(vscode.languages.createDiagnosticCollection(diagnosticsName));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${PROFILE_PATH}`));
    const reload = () => void this.reload();
    this._register(watcher.onDidCreate(reload));
    this._register(watcher.onDidChange(reload));
    this._register(watcher.onDidDelete(reload));
    // A file created together with its new `.vscode` folder (a clone, a pull, a script) may
    // reach the watcher only as the folder's creation: read again when the folder appears.
    const folderWatcher = this._register(vscode.workspace.createFileSystemWatcher('**/.vscode', false, true, true));
    this._register(
      folderWatcher.onDidCreate(() => {
        for (const ms of [250, 1500]) {
          const timer = setTimeout(reload, ms);
          this._register({ dispose: () => clearTimeout(timer) });
        }
      }),
    );
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(reload));
    // While the file is being edited, check the live text; the profile applies once saved.
    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.isProfileUri(e.document.uri)) this.publish(e.document.uri, e.document.getText(), readTeamProfile(e.document.getText()).problems);
      }),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.changed.fire();
      }),
    );
    this._register(
      trust.onDidGrant(() => {
        if (this.profiles.some((p) => p.profile !== EMPTY_PROFILE)) this.log.info(vscode.l10n.t('The workspace is trusted now: the team profile applies.'));
        this.changed.fire();
      }),
    );
    void this.reload();
  }

  /** Resolves when the profiles on disk have been read (after construction or the last change). */
  get ready(): Promise<void> {
    return this.loading;
  }

  get applied(): boolean {
    return this.trust.isTrusted;
  }

  /** Reads every folder's profile again. */
  reload(): Promise<void> {
    this.loading = this.loading.then(() => this.readAll()).catch((error) => this.log.error('Reading the team profile failed', error));
    return this.loading;
  }

  private async readAll(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const next: FolderProfile[] = [];
    this.diagnostics.clear();
    for (const folder of folders) {
      const uri = vscode.Uri.joinPath(folder.uri, PROFILE_PATH);
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        next.push({ folder: folder.uri, profile: EMPTY_PROFILE });
        continue;
      }
      const profile = readTeamProfile(text);
      next.push({ folder: folder.uri, profile });
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      // An open, unsaved profile shows the problems of what is on screen.
      this.publish(uri, open?.isDirty ? open.getText() : text, open?.isDirty ? readTeamProfile(open.getText()).problems : profile.problems);
      for (const line of problemLines(uri, text, profile.problems)) this.log.warn(line);
      if (!this.trust.isTrusted) this.log.info(vscode.l10n.t('{0} is not applied until you trust this workspace.', vscode.workspace.asRelativePath(uri)));
    }
    this.profiles = next;
    this.changed.fire();
  }

  private isProfileUri(uri: vscode.Uri): boolean {
    return (vscode.workspace.workspaceFolders ?? []).some((f) => vscode.Uri.joinPath(f.uri, PROFILE_PATH).toString() === uri.toString());
  }

  private publish(uri: vscode.Uri, text: string, problems: readonly JsonProblem[]): void {
    publishJsonProblems(this.diagnostics, uri, text, problems, 'Deliberate team profile');
  }

  /** The profile's recommendation for a setting, if any applies (first folder that sets it; nothing while untrusted). */
  recommended<K extends ProfileKey>(key: K): ProfileValues[K] | undefined {
    if (!this.trust.isTrusted) return undefined;
    for (const { profile } of this.profiles) if (profile.values[key] !== undefined) return profile.values[key];
    return undefined;
  }

  /** Settings read through this layer report invalid values here. */
  warn(message: string): void {
    this.log.warn(message);
  }

  /** The value of `deliberate.<key>` that applies, and where it came from. */
  effective<T>(key: string): Effective<T> {
    const layers = vscode.workspace.getConfiguration(SECTION).inspect<T>(key);
    const recommended = (PROFILE_KEYS as readonly string[]).includes(key) ? (this.recommended(key as ProfileKey) as T | undefined) : undefined;
    return effectiveSetting<T>(layers, recommended);
  }

  /** Pack files the profiles name, as URIs inside their folders (nothing while untrusted). */
  packFiles(): vscode.Uri[] {
    if (!this.trust.isTrusted) return [];
    return this.profiles.flatMap(({ folder, profile }) =>
      profile.packFiles.filter((f) => !f.includes('..')).map((f) => vscode.Uri.joinPath(folder, f)),
    );
  }

  /** Problems of every profile, for the API and tests. */
  problems(): { folder: string; problems: readonly JsonProblem[] }[] {
    return this.profiles.map((p) => ({ folder: p.folder.toString(), problems: p.profile.problems }));
  }

  /**
   * Writes `.vscode/deliberate.json` from the current effective settings, for a team lead to
   * commit. Asks before overwriting unless `overwrite` is given. Returns the file, or
   * undefined when the person cancelled.
   */
  async writeFromSettings(options: { folder?: vscode.Uri; overwrite?: boolean; open?: boolean } = {}): Promise<vscode.Uri | undefined> {
    const folder = options.folder ?? (await pickFolder());
    if (folder === undefined) return undefined;
    const uri = vscode.Uri.joinPath(folder, PROFILE_PATH);
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (exists && options.overwrite !== true) {
      if (options.overwrite === false) return undefined;
      const replace = vscode.l10n.t('Replace');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists. Replace it with your current settings?', vscode.workspace.asRelativePath(uri)), { modal: true }, replace);
      if (answer !== replace) return undefined;
    }
    const values: Record<string, unknown> = {};
    for (const key of PROFILE_KEYS) {
      const { value } = this.effective(key);
      if (value !== undefined && PROFILE_SETTINGS[key].safeParse(value).success) values[key] = value;
    }
    // The pack files the file names now (read afresh: the watcher may not have reported its latest change yet).
    await this.reload();
    const existing = this.profiles.find((p) => p.folder.toString() === folder.toString())?.profile.packFiles ?? [];
    const file = profileFileFrom(values as ProfileValues, { packFiles: existing });
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`));
    await this.reload();
    if (options.open !== false) await vscode.window.showTextDocument(uri);
    return uri;
  }
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: the team profile is a file in the repository (.vscode/deliberate.json).'));
    return undefined;
  }
  if (folders.length === 1) return folders[0]!.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Which folder gets the team profile?') }))?.uri;
}
