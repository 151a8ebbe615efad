/**
 * The Exercise view: the current exercise, its steps (done, skipped, current, to do) and
 * progress. The current step opens onto what it waits for and what Deliberate saw that did not
 * count yet ("a test run at 10:42, but it started before an AI edit"), so it never leaves the
 * person guessing; its title bar skips the step or restarts the exercise.
 */
import * as vscode from 'vscode';
import type { ExerciseSnapshot, StepEvidence, StepState } from '../core/exercises/exerciseRun';
import { Disposable } from './disposable';
import type { Exercises } from './exercises';

type Node = { kind: 'exercise' } | { kind: 'step'; index: number } | { kind: 'why' } | { kind: 'waiting'; index: number } | { kind: 'seen'; index: number; entry: number };

const STEP_ICONS: Record<StepState, vscode.ThemeIcon> = {
  done: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  skipped: new vscode.ThemeIcon('debug-step-over'),
  current: new vscode.ThemeIcon('arrow-circle-right', new vscode.ThemeColor('focusBorder')),
  todo: new vscode.ThemeIcon('circle-large-outline'),
};
const STEP_WORDS: Record<StepState, string> = { done: 'done', skipped: 'skipped', current: 'now', todo: '' };

/** "10:42" in local time. */
function clock(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** One thing seen, in words: "Saw at 10:42: a test run started, but …". */
export function seenWords(entry: StepEvidence, fileName: (doc: string | undefined) => string): string {
  const text = entry.text.replace(/\{file\}/g, fileName(entry.doc));
  return `Saw at ${clock(entry.at)}: ${text}`;
}

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
    this.view.description = s === undefined ? undefined : s.completed ? (s.skipped > 0 ? 'finished' : 'done') : `${s.current}/${s.steps.length}`;
    this.view.message = s?.completed
      ? s.skipped > 0
        ? `Finished: ${s.exercise.title}, ${s.skipped} step${s.skipped === 1 ? '' : 's'} skipped. Restart it or start another from the ▶ button.`
        : `Done: ${s.exercise.title}. Start another from the ▶ button.`
      : undefined;
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    const s = this.exercises.snapshot();
    if (s === undefined) return []; // the welcome content shows
    if (node === undefined) return [{ kind: 'exercise' }];
    if (node.kind === 'exercise') return [...s.steps.map((_, index) => ({ kind: 'step' as const, index })), { kind: 'why' as const }];
    if (node.kind === 'step' && s.steps[node.index]?.state === 'current') {
      const step = s.steps[node.index]!;
      return [{ kind: 'waiting', index: node.index }, ...step.seen.map((_, entry) => ({ kind: 'seen' as const, index: node.index, entry })).reverse()];
    }
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
    if (node.kind === 'waiting') {
      const item = new vscode.TreeItem(`Waiting for ${step.waitingFor ?? 'it to happen'}`, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('watch');
      item.tooltip = new vscode.MarkdownString(`Deliberate completes this step when it sees ${step.waitingFor ?? 'it'}. Stuck? **Skip This Exercise Step** in the view's title bar passes it (recorded as skipped, not done).`);
      item.id = `waiting:${s.pack}/${s.exercise.id}/${node.index}/${s.current}`;
      return item;
    }
    if (node.kind === 'seen') {
      const entry = step.seen[node.entry]!;
      const words = seenWords(entry, (doc) => this.exercises.fileName(doc));
      const item = new vscode.TreeItem(words, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('eye');
      item.tooltip = words;
      return item;
    }
    const current = step.state === 'current';
    const item = new vscode.TreeItem(step.title, current ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.iconPath = STEP_ICONS[step.state];
    item.description = STEP_WORDS[step.state];
    const waiting = step.waitingFor === undefined ? '' : `\n\nWaiting for ${step.waitingFor}.`;
    const state = step.state === 'skipped' ? '\n\nSkipped: not counted as done.' : step.state === 'done' ? '\n\nDone.' : waiting;
    item.tooltip = new vscode.MarkdownString(`Step ${node.index + 1} of ${s.steps.length}: ${step.title}${step.detail ? `\n\n${step.detail}` : ''}${state}\n\nDone when Deliberate sees it happen.`);
    // The id changes with the state, so a step that becomes current opens onto what it waits for.
    item.id = `step:${s.pack}/${s.exercise.id}/${node.index}/${step.state}`;
    return item;
  }

  /** Shows the view (for the start command). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand('deliberate.exercise.focus');
  }
}
