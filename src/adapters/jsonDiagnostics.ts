import * as vscode from 'vscode';
import { lineAndCharacter, type JsonProblem } from '../core/jsonProblems';

/** Shows problems of a hand-written JSON file in the Problems panel, each at its place in `text`. */
export function publishJsonProblems(collection: vscode.DiagnosticCollection, uri: vscode.Uri, text: string, problems: readonly JsonProblem[], source: string): void {
  collection.set(
    uri,
    problems.map((p) => {
      const start = lineAndCharacter(text, p.offset);
      const end = lineAndCharacter(text, p.offset + p.length);
      const d = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = source;
      return d;
    }),
  );
}

/** "file:line:column: message" lines for the output channel. */
export function problemLines(uri: vscode.Uri, text: string, problems: readonly JsonProblem[]): string[] {
  return problems.map((p) => {
    const { line, character } = lineAndCharacter(text, p.offset);
    return `${vscode.workspace.asRelativePath(uri)}:${line + 1}:${character + 1}: ${p.message}`;
  });
}
