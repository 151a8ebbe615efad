import * as vscode from 'vscode';
import { ago, type Coach } from '../core/coach/coach';
import type { AiEdit } from '../core/coach/signals';
import type { SpanRange } from '../core/fate/spanTracker';
import { Disposable } from './disposable';
import type { DocumentIds } from './documentIds';

export interface AiCodeSource {
  coach(): Coach | undefined;
  /** Stream time now. */
  now(): number;
  readonly ids: DocumentIds;
  markAiCode(): boolean;
  codeLens(): boolean;
}

/** Unreviewed AI code of a document: not marked reviewed and not covered by a run. */
function unreviewed(coach: Coach, doc: string): { edit: AiEdit; ranges: readonly SpanRange[] }[] {
  return coach.signals.liveEdits(doc).filter((l) => l.edit.reviewedAt === null && l.edit.runAt === null);
}

/**
 * The subtle marking of AI code not yet reviewed or run (a thin dotted line in the margin
 * and a mark in the overview ruler), a hover on it, and a CodeLens above it. Renders what
 * the coach knows; decides nothing.
 */
export class AiCodeMarks extends Disposable implements vscode.HoverProvider, vscode.CodeLensProvider {
  private readonly decoration = this._register(
    vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      borderWidth: '0 0 0 2px',
      borderStyle: 'dotted',
      borderColor: new vscode.ThemeColor('editorInfo.foreground'),
      overviewRulerColor: new vscode.ThemeColor('editorInfo.foreground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    }),
  );
  private readonly lensesChanged = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly source: AiCodeSource) {
    super();
    this._register(vscode.languages.registerHoverProvider({ scheme: 'file' }, this));
    this._register(vscode.languages.registerHoverProvider({ scheme: 'untitled' }, this));
    this._register(vscode.languages.registerCodeLensProvider({ scheme: 'file' }, this));
    this._register(vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()));
    this._register({ dispose: () => this.timer !== undefined && clearTimeout(this.timer) });
  }

  /** Redraws soon (changes come in bursts). */
  refresh(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, 300);
  }

  private render(): void {
    const coach = this.source.coach();
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = this.source.ids.peek(editor.document.uri);
      if (coach === undefined || doc === undefined || !this.source.markAiCode()) {
        editor.setDecorations(this.decoration, []);
        continue;
      }
      const ranges = unreviewed(coach, doc).flatMap((l) => l.ranges.map((r) => this.toRange(editor.document, r)));
      editor.setDecorations(this.decoration, ranges);
    }
    this.lensesChanged.fire();
  }

  private toRange(document: vscode.TextDocument, r: SpanRange): vscode.Range {
    return new vscode.Range(document.positionAt(r.start), document.positionAt(Math.max(r.start, r.end - 1)));
  }

  private statusWords(edit: AiEdit, now: number): string {
    const run = edit.runAt === null ? 'not run yet' : `run ${ago(now - edit.runAt)}`;
    return `AI-written ${ago(now - edit.t)} · ${run}`;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const coach = this.source.coach();
    const doc = this.source.ids.peek(document.uri);
    if (coach === undefined || doc === undefined) return undefined;
    const offset = document.offsetAt(position);
    const hit = coach.signals.liveEdits(doc).find((l) => l.edit.reviewedAt === null && l.ranges.some((r) => offset >= r.start && offset < r.end));
    if (hit === undefined) return undefined;
    const args = encodeURIComponent(JSON.stringify([{ uri: document.uri.toString() }]));
    const mine = encodeURIComponent(JSON.stringify([{ uri: document.uri.toString(), edits: [hit.edit.i] }]));
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['deliberate.markReviewed', 'deliberate.runTests', 'deliberate.showAiChanges', 'deliberate.thatWasMe'] };
    md.appendMarkdown(`$(sparkle) ${this.statusWords(hit.edit, this.source.now())} · `);
    md.appendMarkdown(`[Mark reviewed](command:deliberate.markReviewed?${args}) · [Run tests](command:deliberate.runTests) · [Show AI changes](command:deliberate.showAiChanges?${args}) · `);
    md.appendMarkdown(`[That was me](command:deliberate.thatWasMe?${mine} "Not AI-written: count it as yours")`);
    const r = hit.ranges.find((x) => offset >= x.start && offset < x.end)!;
    return new vscode.Hover(md, new vscode.Range(document.positionAt(r.start), document.positionAt(r.end)));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const coach = this.source.coach();
    const doc = this.source.ids.peek(document.uri);
    if (coach === undefined || doc === undefined || !this.source.markAiCode() || !this.source.codeLens()) return [];
    const now = this.source.now();
    const lenses: vscode.CodeLens[] = [];
    const seenBursts = new Set<number>();
    const arg = [{ uri: document.uri.toString() }];
    const marked = unreviewed(coach, doc);
    for (const l of marked) {
      // One lens line per burst in the document, above its first range.
      if (seenBursts.has(l.edit.burst) || l.ranges.length === 0) continue;
      seenBursts.add(l.edit.burst);
      const line = document.positionAt(l.ranges[0]!.start).line;
      const range = new vscode.Range(line, 0, line, 0);
      const burst = marked.filter((x) => x.edit.burst === l.edit.burst).map((x) => x.edit.i);
      lenses.push(
        new vscode.CodeLens(range, { title: `$(sparkle) ${this.statusWords(l.edit, now)}`, command: 'deliberate.showAiChanges', arguments: arg, tooltip: 'Show the AI changes as a diff against what was there before' }),
        new vscode.CodeLens(range, { title: 'Mark reviewed', command: 'deliberate.markReviewed', arguments: arg }),
        new vscode.CodeLens(range, { title: 'Run tests', command: 'deliberate.runTests' }),
        new vscode.CodeLens(range, { title: 'That was me', command: 'deliberate.thatWasMe', arguments: [{ uri: document.uri.toString(), edits: burst }], tooltip: 'Not AI-written: count this code as yours' }),
      );
    }
    return lenses;
  }
}
