/**
 * Guided exercises in the editor: loads the packs (built in, and the team's from the
 * profile), asks the person which exercise, and starts and stops it in the session (which
 * runs it on the observation stream: src/core/exercises). Keeps context keys for the view
 * and walkthrough, and the exercise in progress across reloads (and new sessions).
 */
import * as vscode from 'vscode';
import type { ExerciseSnapshot } from '../core/exercises/exerciseRun';
import { readPackFile } from '../core/exercises/packFile';
import type { Pack } from '../core/exercises/packSchema';
import type { ExerciseMetric } from '../core/metrics';
import type { SessionOutput } from '../core/session';
import { Disposable } from './disposable';
import { problemLines, publishJsonProblems } from './jsonDiagnostics';
import type { SessionHost } from './sessionHost';
import { readExerciseSettings } from './settings';
import type { TeamProfileLayer } from './teamProfile';

export const BUILTIN_PACK_ID = 'deliberate.habits';
const COMPLETED_KEY = 'deliberate.exercisesCompleted';
/** The exercise in progress in this workspace, so a window reload resumes it at its step. */
const ACTIVE_KEY = 'deliberate.activeExercise';

export interface LoadedPack {
  readonly pack: Pack;
  readonly source: 'built-in' | 'team';
}

export class Exercises extends Disposable {
  private readonly metrics = this._register(new vscode.EventEmitter<ExerciseMetric>());
  /** Every exercise metric event (started, step, completed), for the store and the progress view. */
  readonly onDidEmit = this.metrics.event;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** The current exercise changed (started, a step done, completed, stopped). */
  readonly onDidChange = this.changed.event;
  private readonly packDiagnostics = this._register(vscode.languages.createDiagnosticCollection('deliberate-packs'));
  private packs: LoadedPack[] = [];
  /** The exercise in progress, as the session last reported it. */
  private run: ExerciseSnapshot | undefined;
  private loading: Promise<void> = Promise.resolve();
  private packsRead = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly profile: TeamProfileLayer,
    private readonly host: SessionHost,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(host.onDidOutput((o) => this.onOutput(o)));
    // A new session (observation switched on, a recording) carries on the exercise in progress.
    this._register(host.onDidStart(() => void (this.packsRead ? this.resume() : undefined)));
    this._register(profile.onDidChange(() => void this.reloadPacks()));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.json'));
    const onPackFile = (uri: vscode.Uri) => {
      if (this.profile.packFiles().some((p) => p.toString() === uri.toString())) void this.reloadPacks();
    };
    this._register(watcher.onDidChange(onPackFile));
    this._register(watcher.onDidCreate(onPackFile));
    this._register(watcher.onDidDelete(onPackFile));
    void this.reloadPacks().then(() => {
      this.packsRead = true;
      return this.resume();
    });
    void this.setContext();
    this._register(this.changed.event(() => void this.saveActive()));
    this._register(vscode.commands.registerCommand('deliberate.skipExerciseStep', () => this.skip()));
    this._register(vscode.commands.registerCommand('deliberate.restartExercise', () => this.restart()));
  }

  /** Skips the current step (recorded as skipped, not done). False when no exercise is in progress. */
  skip(): boolean {
    if (this.run === undefined || this.run.completed) return false;
    return this.host.control({ type: 'exercise.skip' });
  }

  /** Starts the exercise in progress again from its first step. */
  restart(): boolean {
    if (this.run === undefined) return false;
    return this.host.control({ type: 'exercise.restart' });
  }

  /** A document's name for the person (workspace-relative), for "saw a save of {file}". */
  fileName(doc: string | undefined): string {
    const uri = doc === undefined ? undefined : this.host.ids.uriOf(doc);
    return uri === undefined ? 'a file' : vscode.workspace.asRelativePath(uri, false);
  }

  /** Picks up the exercise that was in progress when the window last closed, at its step. */
  private async resume(): Promise<void> {
    const saved = this.context.workspaceState.get<{ pack?: unknown; exercise?: unknown; step?: unknown }>(ACTIVE_KEY);
    if (saved === undefined || this.host.session?.exerciseSnapshot() !== undefined || !this.host.running) return;
    const pack = this.packs.find((p) => p.pack.id === saved.pack)?.pack;
    const exercise = pack?.exercises.find((e) => e.id === saved.exercise);
    if (pack === undefined || exercise === undefined || typeof saved.step !== 'number') {
      this.log.warn(`The exercise in progress before the reload (${String(saved.pack)}/${String(saved.exercise)}) is no longer offered; it was not resumed.`);
      await this.context.workspaceState.update(ACTIVE_KEY, undefined);
      return;
    }
    this.host.control({ type: 'exercise.start', pack: pack.id, exercise, resumeAt: saved.step });
    this.log.info(`Resumed the exercise "${exercise.title}" at step ${saved.step + 1}.`);
  }

  private saveActive(): Thenable<void> {
    const run = this.run;
    const active = run !== undefined && !run.completed ? { pack: run.pack, exercise: run.exercise.id, step: run.current } : undefined;
    // Written when it changes (evidence shown under a step changes the snapshot, not this).
    const key = JSON.stringify(active ?? null);
    if (key === this.savedActive) return Promise.resolve();
    this.savedActive = key;
    return this.context.workspaceState.update(ACTIVE_KEY, active);
  }

  private savedActive: string | undefined;

  private onOutput(o: SessionOutput): void {
    if (o.kind === 'exercise') {
      // Stopping the session (observation off) does not stop the exercise: it resumes with the next session.
      const before = this.run;
      this.run = o.exercise ?? undefined;
      void this.setContext();
      this.changed.fire();
      // Finished with steps skipped: no "completed" event (it was not all practised), but it is over.
      const run = this.run;
      if (run !== undefined && run.completed && run.skipped > 0 && before !== undefined && !before.completed) {
        void vscode.window.showInformationMessage(`Exercise finished: ${run.exercise.title}, with ${run.skipped} step${run.skipped === 1 ? '' : 's'} skipped.`, 'Restart It', 'Start Another').then((a) =>
          a === 'Restart It' ? this.restart() : a === 'Start Another' ? vscode.commands.executeCommand('deliberate.startExercise') : undefined,
        );
      }
    } else if (o.kind === 'metric' && o.event.kind === 'exercise') {
      this.onMetric(o.event);
    }
  }

  get ready(): Promise<void> {
    return this.loading;
  }

  reloadPacks(): Promise<void> {
    this.loading = this.loading.then(() => this.readPacks()).catch((error) => this.log.error('Loading exercise packs failed', error));
    return this.loading;
  }

  private async readPacks(): Promise<void> {
    await this.profile.ready;
    const loaded: LoadedPack[] = [];
    const builtinDir = vscode.Uri.joinPath(this.context.extensionUri, 'media', 'packs');
    const builtins = (await vscode.workspace.fs.readDirectory(builtinDir)).filter(([name]) => name.endsWith('.deliberate-pack.json')).map(([name]) => vscode.Uri.joinPath(builtinDir, name));
    this.packDiagnostics.clear();
    for (const [uri, source] of [...builtins.map((u) => [u, 'built-in'] as const), ...this.profile.packFiles().map((u) => [u, 'team'] as const)]) {
      let text: string;
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        this.log.warn(`The team profile names the exercise pack ${vscode.workspace.asRelativePath(uri)}, which cannot be read.`);
        continue;
      }
      const { pack, problems } = readPackFile(text);
      if (source === 'team') publishJsonProblems(this.packDiagnostics, uri, text, problems, 'Deliberate exercise pack');
      for (const line of problemLines(uri, text, problems)) this.log.warn(line);
      if (pack === undefined) continue;
      if (loaded.some((p) => p.pack.id === pack.id)) {
        this.log.warn(`${vscode.workspace.asRelativePath(uri)}: a pack with id "${pack.id}" is already loaded; this one is ignored.`);
        continue;
      }
      loaded.push({ pack, source });
    }
    this.packs = loaded;
    this.changed.fire();
  }

  /** The packs offered by `deliberate.exercises.packs` (profile included); all when it is empty. */
  offered(): LoadedPack[] {
    const wanted = readExerciseSettings().packs;
    return wanted.length === 0 ? this.packs : this.packs.filter((p) => wanted.includes(p.pack.id));
  }

  snapshot(): ExerciseSnapshot | undefined {
    return this.run;
  }

  /** Starts an exercise; without ids, asks with a QuickPick of the offered packs. Returns the snapshot, or undefined when cancelled. */
  async start(packId?: string, exerciseId?: string): Promise<ExerciseSnapshot | undefined> {
    await this.loading;
    let pack: Pack | undefined;
    let exerciseIdChosen = exerciseId;
    if (packId !== undefined && exerciseId !== undefined) {
      pack = this.packs.find((p) => p.pack.id === packId)?.pack;
    } else {
      const choice = await this.pick();
      if (choice === undefined) return undefined;
      pack = choice.pack;
      exerciseIdChosen = choice.exercise;
    }
    const exercise = pack?.exercises.find((e) => e.id === exerciseIdChosen);
    if (pack === undefined || exercise === undefined) {
      void vscode.window.showWarningMessage(`There is no exercise "${exerciseIdChosen ?? ''}" in the pack "${packId ?? ''}".`);
      return undefined;
    }
    if (!this.host.control({ type: 'exercise.start', pack: pack.id, exercise })) {
      void vscode.window.showWarningMessage('Deliberate is off, so it cannot follow an exercise. Turn observation on first.');
      return undefined;
    }
    return this.run;
  }

  async stop(): Promise<void> {
    this.host.control({ type: 'exercise.stop' });
    this.run = undefined;
    await this.setContext();
    this.changed.fire();
  }

  private async pick(): Promise<{ pack: Pack; exercise: string } | undefined> {
    type Item = vscode.QuickPickItem & { pack?: Pack; exercise?: string };
    const items: Item[] = [];
    for (const { pack, source } of this.offered()) {
      items.push({ label: pack.title, kind: vscode.QuickPickItemKind.Separator, description: source });
      for (const e of pack.exercises) items.push({ label: e.title, description: e.habit, detail: e.summary, pack, exercise: e.id });
    }
    if (items.length === 0) {
      void vscode.window.showInformationMessage('No exercise pack is offered: check the setting deliberate.exercises.packs.');
      return undefined;
    }
    const chosen = await vscode.window.showQuickPick(items, { title: 'Start an exercise', placeHolder: 'Pick a short exercise; its steps complete from what you do in the editor', matchOnDescription: true, matchOnDetail: true });
    return chosen?.pack !== undefined && chosen.exercise !== undefined ? { pack: chosen.pack, exercise: chosen.exercise } : undefined;
  }

  private onMetric(e: ExerciseMetric): void {
    this.metrics.fire(e);
    if (e.event === 'completed') {
      const done = this.context.globalState.get<number>(COMPLETED_KEY, 0) + 1;
      void this.context.globalState.update(COMPLETED_KEY, done).then(() => this.setContext());
      void vscode.window.showInformationMessage(`Exercise done: ${this.run?.exercise.title ?? e.exercise}.`, 'Start Another').then((a) => a && vscode.commands.executeCommand('deliberate.startExercise'));
    }
  }

  private async setContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'deliberate.exerciseActive', this.run !== undefined && !this.run.completed);
    await vscode.commands.executeCommand('setContext', 'deliberate.exercisesCompleted', this.context.globalState.get<number>(COMPLETED_KEY, 0) > 0);
  }
}
