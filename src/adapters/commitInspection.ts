import * as vscode from 'vscode';
import type { CommittedFile } from '../core/fate/fateTracker';
import type { DocId } from '../core/observation';
import type { GitState } from './gitState';

/**
 * What a commit made of the documents holding AI edits: for each, the file's text in the
 * commit (null when the commit did not change it) and the document's text now. Reads the
 * local repository only. Documents outside the repository are left out.
 */
export async function inspectCommit(
  git: GitState,
  head: string,
  docs: readonly DocId[],
  uriOf: (doc: DocId) => vscode.Uri | undefined,
): Promise<Map<DocId, CommittedFile>> {
  const files = new Map<DocId, CommittedFile>();
  const changed = await git.changedFiles(head);
  for (const doc of docs) {
    const uri = uriOf(doc);
    if (uri === undefined || uri.scheme !== 'file') continue;
    const rel = git.relative(uri.fsPath);
    if (rel === undefined) continue;
    const current = await currentText(uri);
    if (current === undefined) continue;
    const committed = changed.has(rel) ? await git.fileAt(head, rel) : null;
    files.set(doc, { committed, current });
  }
  return files;
}

async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open !== undefined) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined; // deleted since
  }
}
