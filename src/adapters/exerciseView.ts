/**
 * The Exercise view: the current exercise, its steps (done, skipped, now, to do) in full, and why
 * the habit matters with the evidence one click away. The current step says what it waits for and
 * what Deliberate saw that did not count yet ("a test run at 10:42, but it started before an AI
 * edit"), so it never leaves the person guessing; it can be skipped and the exercise restarted.
 * A webview view, so step names wrap instead of being cut off at the sidebar's width; with no
 * exercise it offers to start one.
 */
import * as vscode from 'vscode';
import type { ExerciseSnapshot, StepEvidence } from '../core/exercises/exerciseRun';
import { HABIT_TEXT } from '../core/progress/habitEvidence';
import { hostToWebviewSchema, plainWhy, webviewToHostSchema, type ExerciseViewModel, type HostToWebview } from '../shared/exerciseMessages';
import { Disposable } from './disposable';
import { openEvidence } from './evidence';
import type { Exercises } from './exercises';
import { webviewPage } from './webviewPage';

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

/** The view's model; `fileName` names a document id as the person knows it. Newest seen first. */
export function exerciseViewModel(s: ExerciseSnapshot, fileName: (doc: string | undefined) => string): ExerciseViewModel {
  return {
    pack: s.pack,
    id: s.exercise.id,
    title: s.exercise.title,
    habit: s.exercise.habit,
    habitName: HABIT_TEXT[s.exercise.habit].title.split(':')[0]!,
    summary: s.exercise.summary,
    why: plainWhy(s.exercise.why),
    steps: s.steps.map((step) => ({
      title: step.title,
      detail: step.detail ?? null,
      state: step.state,
      waitingFor: step.waitingFor ?? null,
      seen: step.seen.map((e) => seenWords(e, fileName)).reverse(),
    })),
    current: s.current,
    completed: s.completed,
    skipped: s.skipped,
  };
}

export class ExerciseView extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewType = 'deliberate.exercise';
  private view: vscode.WebviewView | undefined;
  private ready = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly exercises: Exercises,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(vscode.window.registerWebviewViewProvider(ExerciseView.viewType, this));
    this._register(exercises.onDidChange(() => this.refresh()));
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    const root = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    view.webview.options = { enableScripts: true, localResourceRoots: [root] };
    view.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw));
    view.onDidChangeVisibility(() => {
      if (!view.visible) this.ready = false;
    });
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
    });
    view.webview.html = webviewPage(view.webview, root, { bundle: 'exercise', title: vscode.l10n.t('Exercise'), placeholder: '' });
    this.refresh();
  }

  private refresh(): void {
    const s = this.exercises.snapshot();
    if (this.view !== undefined) this.view.description = s === undefined ? undefined : s.completed ? (s.skipped > 0 ? vscode.l10n.t('finished') : vscode.l10n.t('done')) : vscode.l10n.t('step {0} of {1}', Math.min(s.current + 1, s.steps.length), s.steps.length);
    if (this.view === undefined || !this.ready) return;
    const message: HostToWebview = { type: 'exercise', exercise: s === undefined ? null : exerciseViewModel(s, (doc) => this.exercises.fileName(doc)) };
    void this.view.webview.postMessage(hostToWebviewSchema.parse(message));
  }

  private onMessage(raw: unknown): void {
    const parsed = webviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`Ignored a malformed message from the Exercise view: ${parsed.error.message}`);
      return;
    }
    switch (parsed.data.type) {
      case 'ready':
        this.ready = true;
        this.refresh();
        break;
      case 'start':
        void vscode.commands.executeCommand('deliberate.startExercise');
        break;
      case 'stop':
        void vscode.commands.executeCommand('deliberate.stopExercise');
        break;
      case 'skip':
        void vscode.commands.executeCommand('deliberate.skipExerciseStep');
        break;
      case 'restart':
        void vscode.commands.executeCommand('deliberate.restartExercise');
        break;
      case 'scratch':
        void vscode.commands.executeCommand('deliberate.createScratchWorkspace');
        break;
      case 'evidence':
        void openEvidence(parsed.data.habit);
        break;
    }
  }

  /**
   * Shows the view (for the start command) and leaves the keyboard where the person was: they
   * picked an exercise to do it in the editor, not to read the sidebar.
   */
  async reveal(): Promise<void> {
    if (this.view !== undefined) {
      this.view.show(true);
      return;
    }
    // Not drawn yet: only the view's focus command creates it; then the editor gets the keyboard back.
    await vscode.commands.executeCommand(`${ExerciseView.viewType}.focus`);
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  }
}
