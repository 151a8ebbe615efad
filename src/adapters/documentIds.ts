import * as vscode from 'vscode';

/** Schemes whose documents are the person's code. Output channels, settings, git views etc. are not. */
const TRACKED_SCHEMES = new Set(['file', 'untitled', 'vscode-remote']);

/** Folders whose documents are the editor's own (the user settings and keybindings), not the person's code. */
const ignoredFolders: string[] = [];

/**
 * Documents under `folder` are not observed: Deliberate passes VS Code's user data folder,
 * where `settings.json` lives. (Changing a setting through the API writes that file, which
 * would otherwise look like an agent editing code on disk.)
 */
export function ignoreDocumentsUnder(folder: vscode.Uri): void {
  const prefix = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  if (!ignoredFolders.includes(prefix)) ignoredFolders.push(prefix);
}

/**
 * Deliberate never observes its own documents: the editor's user data folder (settings, and
 * Deliberate's storage: progress data, traces, checkpoints), its logs, and its own installed
 * files (the evidence page, packs and schemas, should someone open them). Its pages are
 * webviews and its diffs use their own scheme, so neither is a document it could observe.
 */
export function ignoreOwnDocuments(context: { readonly extensionUri: vscode.Uri; readonly globalStorageUri: vscode.Uri; readonly logUri: vscode.Uri }): void {
  // globalStorageUri is <user data>/User/globalStorage/<extension id>: the User folder holds the editor's own files.
  ignoreDocumentsUnder(vscode.Uri.joinPath(context.globalStorageUri, '..', '..'));
  ignoreDocumentsUnder(context.logUri);
  ignoreDocumentsUnder(context.extensionUri);
}

export function isTrackedDocument(document: vscode.TextDocument): boolean {
  if (!TRACKED_SCHEMES.has(document.uri.scheme)) return false;
  const p = document.uri.path;
  return !ignoredFolders.some((prefix) => p.startsWith(prefix));
}

/**
 * Gives each document an opaque id ("d1", "d2", ...) that is stable for the session, so
 * observations never carry URIs or absolute paths. The id survives close and reopen, and
 * a rename: the new URI takes the old one's id, so what is followed in the file goes on.
 */
export class DocumentIds {
  private readonly ids = new Map<string, string>();
  private readonly uris = new Map<string, vscode.Uri>();
  private next = 1;

  /**
   * A file is about to be renamed: its new URI gets the id it has now. Called before the
   * rename, because the editor closes and reopens the document under the new URI before it
   * reports the rename done. Folders carry the ids of the documents inside them along.
   */
  rename(from: vscode.Uri, to: vscode.Uri): void {
    const fromKey = from.toString();
    const prefix = fromKey.endsWith('/') ? fromKey : `${fromKey}/`;
    for (const [key, id] of [...this.ids]) {
      let moved: vscode.Uri | undefined;
      if (key === fromKey) moved = to;
      else if (key.startsWith(prefix)) moved = vscode.Uri.joinPath(to, key.slice(prefix.length));
      if (moved === undefined) continue;
      this.ids.set(moved.toString(), id);
      this.uris.set(id, moved);
    }
  }

  /** The URI a document id stands for now (its latest name). */
  uriOf(id: string): vscode.Uri | undefined {
    return this.uris.get(id);
  }

  idFor(uri: vscode.Uri): string {
    const key = uri.toString();
    let id = this.ids.get(key);
    if (id === undefined) {
      id = `d${this.next++}`;
      this.ids.set(key, id);
      this.uris.set(id, uri);
    }
    return id;
  }

  /** The id of a document already seen, without assigning one. */
  peek(uri: vscode.Uri): string | undefined {
    return this.ids.get(uri.toString());
  }

  /** Workspace-relative path with forward slashes, or undefined outside every workspace folder. */
  static relativePath(uri: vscode.Uri): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (folder === undefined) return undefined;
    const relative = vscode.workspace.asRelativePath(uri, false);
    return relative === uri.fsPath ? undefined : relative.replace(/\\/g, '/');
  }
}
