import * as vscode from 'vscode';

/** Schemes whose documents are the person's code. Output channels, settings, git views etc. are not. */
const TRACKED_SCHEMES = new Set(['file', 'untitled', 'vscode-remote']);

export function isTrackedDocument(document: vscode.TextDocument): boolean {
  return TRACKED_SCHEMES.has(document.uri.scheme);
}

/**
 * Gives each document an opaque id ("d1", "d2", ...) that is stable for the session, so
 * observations never carry URIs or absolute paths. The id survives close and reopen.
 */
export class DocumentIds {
  private readonly ids = new Map<string, string>();
  private next = 1;

  idFor(uri: vscode.Uri): string {
    const key = uri.toString();
    let id = this.ids.get(key);
    if (id === undefined) {
      id = `d${this.next++}`;
      this.ids.set(key, id);
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
