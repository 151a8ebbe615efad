import * as vscode from 'vscode';
import { LineIndex, type JsonProblem } from '../core/jsonProblems';

/** Shows problems of a hand-written JSON file in the Problems panel, each at its place in `text` (one line index for all of them). */
export function publishJsonProblems(collection: vscode.DiagnosticCollection, uri: vscode.Uri, text: string, problems: readonly JsonProblem[], source: string): void {
  const lines = new LineIndex(text);
  collection.set(
    uri,
    problems.map((p) => {
      const start = lines.position(p.offset);
      const end = lines.position(p.offset + p.length);
      const d = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = source;
      return d;
    }),
  );
}

/** "file:line:column: message" lines for the output channel. */
export function problemLines(uri: vscode.Uri, text: string, problems: readonly JsonProblem[]): string[] {
  const lines = new LineIndex(text);
  return problems.map((p) => {
    const { line, character } = lines.position(p.offset);
    return `${vscode.workspace.asRelativePath(uri)}:${line + 1}:${character + 1}: ${p.message}`;
  });
}
