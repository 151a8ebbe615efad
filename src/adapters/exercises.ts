/**
 * Guided exercises in the editor: loads the packs (built in, and the team's from the
 * profile), starts and stops one exercise at a time, feeds it the observation stream and
 * the settled attributions, and reports its metric events.
 *
 * Policy (what completes a step) is in core/exercises; this adapter only loads files,
 * asks the person which exercise, and keeps context keys for the view and walkthrough.
 */
import * as vscode from 'vscode';
import type { Attribution } from '../core/attribution/classifier';
import { ExerciseRun, type ExerciseSnapshot } from '../core/exercises/exerciseRun';
import { readPackFile } from '../core/exercises/packFile';
import type { Pack } from '../core/exercises/packSchema';
import type { ExerciseMetric, MetricEvent } from '../core/metrics';
import type { Observation } from '../core/observation';
import { Disposable } from './disposable';
import { problemLines, publishJsonProblems } from './jsonDiagnostics';
import { readCoachSettings, readExerciseSettings } from './settings';
import type { TeamProfileLayer } from './teamProfile';

export const BUILTIN_PACK_ID = 'deliberate.habits';
const COMPLETED_KEY = 'deliberate.exercisesCompleted';
/** The exercise in progress in this workspace, so a window reload resumes it at its step. */
const ACTIVE_KEY = 'deliberate.activeExercise';

export interface LoadedPack {
  readonly pack: Pack;
  readonly source: 'built-in' | 'team';
}

export interface ExerciseSource {
  /** The editor as it stands (open documents), to seed a new run. */
  currentState(): Observation[];
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
  private run: ExerciseRun | undefined;
  private loading: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly profile: TeamProfileLayer,
    private readonly source: ExerciseSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(profile.onDidChange(() => void this.reloadPacks()));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.json'));
    const onPackFile = (uri: vscode.Uri) => {
      if (this.profile.packFiles().some((p) => p.toString() === uri.toString())) void this.reloadPacks();
    };
    this._register(watcher.onDidChange(onPackFile));
    this._register(watcher.onDidCreate(onPackFile));
    this._register(watcher.onDidDelete(onPackFile));
    void this.reloadPacks().then(() => this.resume());
    void this.setContext();
    this._register(this.changed.event(() => void this.saveActive()));
  }

  /** Picks up the exercise that was in progress when the window last closed, at its step. */
  private async resume(): Promise<void> {
    const saved = this.context.workspaceState.get<{ pack?: unknown; exercise?: unknown; step?: unknown }>(ACTIVE_KEY);
    if (saved === undefined || this.run !== undefined) return;
    const pack = this.packs.find((p) => p.pack.id === saved.pack)?.pack;
    const exercise = pack?.exercises.find((e) => e.id === saved.exercise);
    if (pack === undefined || exercise === undefined || typeof saved.step !== 'number') {
      this.log.warn(`The exercise in progress before the reload (${String(saved.pack)}/${String(saved.exercise)}) is no longer offered; it was not resumed.`);
      await this.context.workspaceState.update(ACTIVE_KEY, undefined);
      return;
    }
    this.begin(pack, exercise, saved.step);
    this.log.info(`Resumed the exercise "${exercise.title}" at step ${saved.step + 1}.`);
    await this.setContext();
    this.changed.fire();
  }

  private begin(pack: Pack, exercise: Pack['exercises'][number], resumeAt?: number): ExerciseRun {
    const { validationCommands } = readCoachSettings();
    const started = Date.now();
    const run = new ExerciseRun(pack.id, exercise, (t) => started + t, { emit: (e: MetricEvent) => this.onMetric(e) }, { teamCommands: validationCommands });
    this.run = run;
    run.start(this.source.currentState(), resumeAt);
    return run;
  }

  private saveActive(): Thenable<void> {
    const run = this.run;
    const active = run !== undefined && !run.completed ? { pack: run.packId, exercise: run.exercise.id, step: run.current } : undefined;
    return this.context.workspaceState.update(ACTIVE_KEY, active);
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
    return this.run?.snapshot();
  }

  /** Feeds an observation; call before the classifier sees it (its attribution may settle at once). */
  observe(i: number, o: Observation): void {
    const run = this.run;
    if (run === undefined || run.completed) return;
    const before = run.current;
    run.observe(i, o);
    if (run.current !== before) this.changed.fire();
  }

  attribute(a: Attribution): void {
    const run = this.run;
    if (run === undefined || run.completed) return;
    const before = run.current;
    run.attribute(a);
    if (run.current !== before) this.changed.fire();
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
    const run = this.begin(pack, exercise);
    await this.setContext();
    this.changed.fire();
    return run.snapshot();
  }

  async stop(): Promise<void> {
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

  private onMetric(e: MetricEvent): void {
    if (e.kind !== 'exercise') return;
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
