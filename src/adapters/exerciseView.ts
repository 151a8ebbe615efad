/** The Exercise view: the current exercise, its steps (done, current, to do) and progress. */
import * as vscode from 'vscode';
import type { ExerciseSnapshot, StepState } from '../core/exercises/exerciseRun';
import { Disposable } from './disposable';
import type { Exercises } from './exercises';

type Node = { kind: 'exercise' } | { kind: 'step'; index: number } | { kind: 'why' };

const STEP_ICONS: Record<StepState, vscode.ThemeIcon> = {
  done: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  current: new vscode.ThemeIcon('arrow-circle-right', new vscode.ThemeColor('focusBorder')),
  todo: new vscode.ThemeIcon('circle-large-outline'),
};
const STEP_WORDS: Record<StepState, string> = { done: 'done', current: 'now', todo: '' };

export class ExerciseView extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;

  constructor(private readonly exercises: Exercises) {
    super();
    this.view = this._register(vscode.window.createTreeView('deliberate.exercise', { treeDataProvider: this, showCollapseAll: false }));
    this._register(exercises.onDidChange(() => this.refresh()));
    this.refresh();
  }

  private refresh(): void {
    const s = this.exercises.snapshot();
    this.view.description = s === undefined ? undefined : s.completed ? 'done' : `${s.current}/${s.steps.length}`;
    this.view.message = s?.completed ? `Done: ${s.exercise.title}. Start another from the ▶ button.` : undefined;
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    const s = this.exercises.snapshot();
    if (s === undefined) return []; // the welcome content shows
    if (node === undefined) return [{ kind: 'exercise' }];
    if (node.kind === 'exercise') return [...s.steps.map((_, index) => ({ kind: 'step' as const, index })), { kind: 'why' as const }];
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const s = this.exercises.snapshot() as ExerciseSnapshot;
    if (node.kind === 'exercise') {
      const item = new vscode.TreeItem(s.exercise.title, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${s.exercise.habit} · ${Math.min(s.current, s.steps.length)}/${s.steps.length}`;
      item.tooltip = new vscode.MarkdownString(`**${s.exercise.title}** (${s.exercise.habit})\n\n${s.exercise.summary}`);
      item.iconPath = new vscode.ThemeIcon(s.completed ? 'check-all' : 'mortar-board');
      item.id = `exercise:${s.pack}/${s.exercise.id}`;
      return item;
    }
    if (node.kind === 'why') {
      const item = new vscode.TreeItem('Why this habit', vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('info');
      item.tooltip = new vscode.MarkdownString(s.exercise.why);
      item.description = s.exercise.why.length > 60 ? `${s.exercise.why.slice(0, 57)}…` : s.exercise.why;
      return item;
    }
    const step = s.steps[node.index]!;
    const item = new vscode.TreeItem(step.title, vscode.TreeItemCollapsibleState.None);
    item.iconPath = STEP_ICONS[step.state];
    item.description = STEP_WORDS[step.state];
    item.tooltip = new vscode.MarkdownString(`Step ${node.index + 1} of ${s.steps.length}: ${step.title}${step.detail ? `\n\n${step.detail}` : ''}\n\nDone when Deliberate sees it happen.`);
    item.id = `step:${s.pack}/${s.exercise.id}/${node.index}`;
    return item;
  }

  /** Shows the view (for the start command). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand('deliberate.exercise.focus');
  }
}
