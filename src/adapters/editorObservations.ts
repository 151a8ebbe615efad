import * as vscode from 'vscode';
import type { Clock } from '../core/ports';
import type { ContentChange, GitOp, Observation, SelectionKind } from '../core/observation';
import { Disposable } from './disposable';
import { DocumentIds, isTrackedDocument } from './documentIds';
import { GitState } from './gitState';
import { workspaceTrust } from './teamProfile';
import { CheckpointSpool } from './checkpointSpool';
import { spoolDir, type SpoolRecord } from '../shared/spool';
import { CHAT_AGENT } from '../core/attribution/commands';

/** Without the paste API, the clipboard is sampled after a change that could be a paste and inserts this much or more. */
const CLIPBOARD_SAMPLE_MIN_INSERT = 2;
/** What typing inserts in one change: an auto-closed pair, or Enter with indentation. Never a paste to check. */
const TYPED_SHAPE = /^(?:[()[\]{}"'`<>]{2}|(?:\r?\n[ \t]*)+)$/;
/** A clipboard read that has not answered by then is given up (a browser may never answer). */
const CLIPBOARD_TIMEOUT_MS = 500;
/** Git writes several files per operation; wait for it to settle before reading HEAD. */
const GIT_SETTLE_MS = 150;
/** A new folder's listing reports at most this many files (and remembers as many); deeper than LISTED_DEPTH is not listed. */
const LISTED_MAX = 2000;
const LISTED_DEPTH = 8;
/** The watcher's own report of a file in a new folder comes within this of the folder's (or it is a new creation). */
const CREATED_LATELY_MS = 10_000;

/** Scheme of the documents VS Code's chat editing session opens for the files it edits (the text before the request). */
const CHAT_EDITING_SCHEME = 'chat-editing-text-model';

/** The file a `chat-editing-text-model` document stands for: same path, under the workspace folder that holds it. */
function chatEditedFile(uri: vscode.Uri): vscode.Uri | undefined {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const root = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
    if (uri.path.startsWith(root)) return folder.uri.with({ path: uri.path });
  }
  return undefined;
}

/** `TextDocumentChangeEvent.detailedReason` from the proposed `textDocumentChangeReason` API. */
interface DetailedReason {
  readonly source?: string;
}

/**
 * Translates VS Code events into observations (shared/spec/trace-format.md) and hands them
 * to `emit`. It makes no decisions about them: classification, tracking and coaching
 * happen in the core. `t` is milliseconds since this source started, never decreasing.
 */
/** Folders whose files are build output, dependencies or tool state: never source the person or an agent writes by hand. */
const OUTPUT_FOLDERS = ['.git', 'node_modules', 'dist', 'out', 'build', 'target', 'coverage', '.next', '.nuxt', '.svelte-kit', '.turbo', '.parcel-cache', '.cache', '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.gradle', 'obj'];

/**
 * The folder names not watched: OUTPUT_FOLDERS and the folders the person excluded
 * (`files.exclude`, `files.watcherExclude`, `search.exclude` entries of the form `**\/name`
 * or `**\/name/**`, set to true).
 */
function excludedFolders(): Set<string> {
  const names = new Set(OUTPUT_FOLDERS);
  for (const setting of ['files.exclude', 'files.watcherExclude', 'search.exclude']) {
    const patterns = vscode.workspace.getConfiguration().get<Record<string, unknown>>(setting) ?? {};
    for (const [pattern, on] of Object.entries(patterns)) {
      const m = /^\*\*\/([^*?[\]{}/]+)(?:\/\*\*)?$/.exec(pattern);
      if (on === true && m !== null) names.add(m[1]!);
    }
  }
  return names;
}

/** A change that could be a paste: text inserted by one or more changes that is not the shape of typing, nor an undo or redo. */
function couldBePaste(changes: readonly ContentChange[], reason: 'undo' | 'redo' | null): boolean {
  if (reason !== null) return false;
  let inserted = 0;
  for (const c of changes) inserted += c.text.length;
  if (inserted < CLIPBOARD_SAMPLE_MIN_INSERT) return false;
  return !changes.every((c) => TYPED_SHAPE.test(c.text) || c.text.trim() === '');
}

export class EditorObservations extends Disposable {
  private readonly startedAt: number;
  private lastT = 0;
  private readonly diagnosticCounts = new Map<string, string>();
  private git: GitState | undefined;
  private lastGitHead: string | undefined;
  private gitTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly ids: DocumentIds,
    private readonly emit: (observation: Observation) => void,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    super();
    this.startedAt = clock.now();
  }

  /** Elapsed milliseconds for the next observation. */
  private t(): number {
    this.lastT = Math.max(this.lastT, Math.round(this.clock.now() - this.startedAt));
    return this.lastT;
  }

  /** The local repository of the first workspace folder, once found. */
  get repository(): GitState | undefined {
    return this.git;
  }

  /** Epoch milliseconds at which this stream's `t` is 0. */
  get startEpoch(): number {
    return this.startedAt;
  }

  /** The current `t` of this stream. */
  now(): number {
    return this.t();
  }

  start(): void {
    this.emit({ t: this.t(), type: 'window.focus', focused: vscode.window.state.focused });
    for (const document of vscode.workspace.textDocuments) this.onOpen(document);
    const active = vscode.window.activeTextEditor;
    this.emit({ t: this.t(), type: 'editor.active', doc: active && isTrackedDocument(active.document) ? this.ids.idFor(active.document.uri) : null });

    this._register(vscode.workspace.onDidOpenTextDocument((d) => this.onOpen(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)));
    this._register(
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (isTrackedDocument(d)) this.emit({ t: this.t(), type: 'doc.save', doc: this.ids.idFor(d.uri) });
      }),
    );
    this._register(
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (!isTrackedDocument(d)) {
          this.onChatEditingModel(d, 'post');
          return;
        }
        const doc = this.ids.peek(d.uri);
        // After a rename the document lives on under its new name with the same id; the
        // editor may close the old name after opening the new one: that is no close of it.
        if (doc === undefined || this.ids.uriOf(doc)?.toString() !== d.uri.toString()) return;
        this.open.delete(doc);
        this.emit({ t: this.t(), type: 'doc.close', doc });
      }),
    );
    this._register(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const doc = editor && isTrackedDocument(editor.document) ? this.ids.idFor(editor.document.uri) : null;
        this.emit({ t: this.t(), type: 'editor.active', doc });
      }),
    );
    this._register(vscode.window.onDidChangeTextEditorSelection((e) => this.onSelection(e)));
    this._register(
      vscode.window.onDidChangeWindowState((state) => {
        this.emit({ t: this.t(), type: 'window.focus', focused: state.focused });
      }),
    );
    this._register(vscode.languages.onDidChangeDiagnostics((e) => this.onDiagnostics(e.uris)));
    this.watchFiles();
    this.watchPaste();
    this.watchTerminals();
    this.watchTasksAndDebug();
    void this.watchGit();
    // This window takes only checkpoints for its own files (its workspace folders, documents it saw); other windows take theirs.
    const owns = (p: string): boolean => this.ids.peek(vscode.Uri.file(p)) !== undefined || DocumentIds.relativePath(vscode.Uri.file(p)) !== undefined;
    const spool = this._register(new CheckpointSpool({ dir: spoolDir(), onRecord: (r) => this.onCheckpoint(r), warn: (m) => this.warn(m), now: () => this.clock.now(), owns }));
    spool.start();
  }

  /** An AI agent's hook said it is about to edit, or has edited, these files. */
  private onCheckpoint(record: SpoolRecord): void {
    const docs: string[] = [];
    const paths: string[] = [];
    for (const p of record.paths) {
      const uri = vscode.Uri.file(p);
      const doc = this.ids.peek(uri);
      if (doc !== undefined) docs.push(doc);
      const rel = DocumentIds.relativePath(uri);
      if (rel !== undefined) paths.push(rel);
    }
    if (record.paths.length > 0 && docs.length === 0 && paths.length === 0) return; // not this workspace's files
    this.emit({ t: this.t(), type: 'agent.checkpoint', agent: record.agent, phase: record.phase, ...(docs.length > 0 ? { docs } : {}), paths });
  }

  private onOpen(document: vscode.TextDocument): void {
    if (isTrackedDocument(document)) this.emit(this.openObservation(document, this.t()));
    else this.onChatEditingModel(document, 'pre');
  }

  /**
   * VS Code's chat editing session (agent mode, edits, inline chat) opens a document of
   * scheme `chat-editing-text-model` for each file just before its first edit to it (the
   * file as it was before the request; docs/ai-routes-stable-api.md), and closes it when the
   * session lets the file go. On stable API that is the one sign that the chat is about to
   * write the file, so it goes into the stream as the chat's checkpoint: "pre" on open,
   * "post" on close. The document's own text (the person's code) is never read.
   */
  private onChatEditingModel(document: vscode.TextDocument, phase: 'pre' | 'post'): void {
    if (document.uri.scheme !== CHAT_EDITING_SCHEME) return;
    const file = chatEditedFile(document.uri);
    if (file === undefined) return;
    const doc = this.ids.peek(file);
    const path = DocumentIds.relativePath(file);
    if (doc === undefined && path === undefined) return; // not this workspace's file
    this.emit({ t: this.t(), type: 'agent.checkpoint', agent: CHAT_AGENT, phase, ...(doc !== undefined ? { docs: [doc] } : {}), paths: path !== undefined ? [path] : [] });
  }

  /** Documents whose doc.open has been emitted and not closed since: a change is only ever about one of them. */
  private readonly open = new Set<string>();

  private openObservation(document: vscode.TextDocument, t: number): Observation {
    const path = DocumentIds.relativePath(document.uri);
    const doc = this.ids.idFor(document.uri);
    this.open.add(doc);
    return { t, type: 'doc.open', doc, lang: document.languageId, text: document.getText(), ...(path !== undefined ? { path } : {}) };
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0 || !isTrackedDocument(event.document)) return;
    if (!this.open.has(this.ids.idFor(event.document.uri))) {
      // A change to a document whose opening was never reported (the editor's events can
      // come in that order): observe it as opened now, with this change already in it.
      this.warn(`A change to ${event.document.uri.scheme}:…/${event.document.uri.path.split('/').pop() ?? ''} came before its opening; it is observed as opened with the change.`);
      this.onOpen(event.document);
      return;
    }
    const changes: ContentChange[] = event.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text }));
    const reason =
      event.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : event.reason === vscode.TextDocumentChangeReason.Redo ? 'redo' : null;
    const source = (event as { detailedReason?: DetailedReason }).detailedReason?.source;
    this.emit({
      t: this.t(),
      type: 'doc.change',
      doc: this.ids.idFor(event.document.uri),
      version: event.document.version,
      reason,
      changes,
      ...(typeof source === 'string' ? { source } : {}),
    });
    if (!this.pasteObserved && couldBePaste(changes, reason) && vscode.env.uiKind === vscode.UIKind.Desktop && event.document === vscode.window.activeTextEditor?.document) void this.sampleClipboard();
  }

  /** True once pastes are seen through the paste API: the clipboard is then never read. */
  private pasteObserved = false;

  /**
   * Pastes and drops, seen as they happen: a paste-edit provider that VS Code asks on every
   * paste into a file (and a drop provider for drag and drop) gets the pasted text from the
   * paste itself, without reading the clipboard (in the browser that read would ask the
   * person for permission). It passes the text's length and hashes to the session and adds
   * no edit of its own, so the paste happens exactly as without Deliberate. Where the API is
   * missing (VS Code before 1.97), the clipboard is read after a change that could be a paste,
   * on the desktop only.
   */
  private watchPaste(): void {
    const api = vscode.languages as Partial<{
      registerDocumentPasteEditProvider(selector: vscode.DocumentSelector, provider: unknown, metadata: unknown): vscode.Disposable;
      registerDocumentDropEditProvider(selector: vscode.DocumentSelector, provider: unknown, metadata?: unknown): vscode.Disposable;
    }>;
    if (typeof api.registerDocumentPasteEditProvider !== 'function') return;
    const selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];
    const sample = async (dataTransfer: vscode.DataTransfer): Promise<undefined> => {
      try {
        const text = await dataTransfer.get('text/plain')?.asString();
        if (text !== undefined && !this.isDisposed) this.emit({ t: this.t(), type: 'clipboard', text });
      } catch {
        // Nothing readable was pasted: nothing to observe.
      }
      return undefined;
    };
    try {
      this._register(
        api.registerDocumentPasteEditProvider(selector, { provideDocumentPasteEdits: (_d: unknown, _r: unknown, dataTransfer: vscode.DataTransfer) => sample(dataTransfer) }, { providedPasteEditKinds: [], pasteMimeTypes: ['text/plain'] }),
      );
      if (typeof api.registerDocumentDropEditProvider === 'function') {
        this._register(api.registerDocumentDropEditProvider(selector, { provideDocumentDropEdits: (_d: unknown, _p: unknown, dataTransfer: vscode.DataTransfer) => sample(dataTransfer) }, { providedDropEditKinds: [], dropMimeTypes: ['text/plain'] }));
      }
      this.pasteObserved = true;
    } catch (error) {
      this.warn(`Pastes cannot be observed through the paste API here (${String(error)}); the clipboard is read after a change that could be a paste instead.`);
    }
  }

  private async sampleClipboard(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const text = await Promise.race([
        Promise.resolve(vscode.env.clipboard.readText()),
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), CLIPBOARD_TIMEOUT_MS);
        }),
      ]);
      if (text !== undefined && !this.isDisposed) this.emit({ t: this.t(), type: 'clipboard', text });
    } catch {
      // No clipboard access (for example a browser that refused): nothing to observe.
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  private onSelection(event: vscode.TextEditorSelectionChangeEvent): void {
    const document = event.textEditor.document;
    if (!isTrackedDocument(document)) return;
    const kind: SelectionKind =
      event.kind === vscode.TextEditorSelectionChangeKind.Keyboard
        ? 'keyboard'
        : event.kind === vscode.TextEditorSelectionChangeKind.Mouse
          ? 'mouse'
          : event.kind === vscode.TextEditorSelectionChangeKind.Command
            ? 'command'
            : null;
    this.emit({
      t: this.t(),
      type: 'editor.selection',
      doc: this.ids.idFor(document.uri),
      selections: event.selections.map((s) => ({ anchor: document.offsetAt(s.anchor), active: document.offsetAt(s.active) })),
      kind,
    });
  }

  private onDiagnostics(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) {
      const doc = this.ids.peek(uri);
      if (doc === undefined) continue; // only documents the person has had open
      let errors = 0;
      let warnings = 0;
      for (const d of vscode.languages.getDiagnostics(uri)) {
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      }
      const key = `${errors}/${warnings}`;
      if (this.diagnosticCounts.get(doc) === key) continue;
      this.diagnosticCounts.set(doc, key);
      this.emit({ t: this.t(), type: 'diagnostics', doc, errors, warnings });
    }
  }

  /**
   * Disk writes that matter to attribution: to a document Deliberate has seen (a reload, an
   * agent's or git's write) and to the workspace's source files (an agent writing a file no
   * editor has open). Writes into build output and dependency folders (and whatever the
   * person excluded from the explorer, search or the watcher) are dropped before they become
   * observations: a build writing 2,000 files is not 2,000 observations.
   */
  private watchFiles(): void {
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*'));
    let skip = excludedFolders();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('files.exclude') || e.affectsConfiguration('files.watcherExclude') || e.affectsConfiguration('search.exclude')) skip = excludedFolders();
      }),
    );
    const report = (change: 'created' | 'changed' | 'deleted', uri: vscode.Uri): string | undefined => {
      const doc = this.ids.peek(uri);
      if (doc !== undefined) {
        this.emit({ t: this.t(), type: 'fs', doc, change });
        return undefined;
      }
      const rel = DocumentIds.relativePath(uri);
      if (rel === undefined || rel.split('/').some((segment) => skip.has(segment))) return undefined;
      this.emit({ t: this.t(), type: 'fs', path: rel, change });
      return rel;
    };
    // Paths reported created lately, and whether by listing a new folder (then the watcher's
    // own event for it, if it comes, is the same creation: reported once). A folder listed
    // twice (the watcher reported it and a folder inside it) reports each file once. Entries
    // go after CREATED_LATELY_MS, at a deletion, or past LISTED_MAX (oldest first).
    const created = new Map<string, { t: number; byListing: boolean }>();
    const remember = (path: string, byListing: boolean) => {
      const now = this.t();
      created.delete(path);
      created.set(path, { t: now, byListing });
      for (const [p, e] of created) {
        if (now - e.t <= CREATED_LATELY_MS && created.size <= LISTED_MAX) break;
        created.delete(p);
      }
    };
    const lately = (path: string) => {
      const e = created.get(path);
      return e !== undefined && this.t() - e.t <= CREATED_LATELY_MS ? e : undefined;
    };
    this._register(
      watcher.onDidCreate((uri) => {
        const rel = DocumentIds.relativePath(uri);
        const seen = rel !== undefined ? lately(rel) : undefined;
        if (seen?.byListing === true) {
          seen.byListing = false;
          return;
        }
        const reported = report('created', uri);
        if (reported === undefined) return;
        remember(reported, false);
        void this.listCreatedFolder(uri, skip, (file) => {
          const path = DocumentIds.relativePath(file);
          if (path === undefined || lately(path) !== undefined) return;
          if (report('created', file) !== undefined) remember(path, true);
        });
      }),
    );
    this._register(watcher.onDidChange((uri) => void report('changed', uri)));
    this._register(
      watcher.onDidDelete((uri) => {
        const rel = report('deleted', uri);
        if (rel !== undefined) created.delete(rel);
      }),
    );
    // A rename in the editor keeps each document's id, so its spans follow it to the new name.
    this._register(
      vscode.workspace.onWillRenameFiles((e) => {
        for (const f of e.files) this.ids.rename(f.oldUri, f.newUri);
      }),
    );
  }

  /**
   * A folder created or moved into the workspace (an agent or a script making a new folder of
   * files, `mv`, an unpacked archive): the watcher may report only the folder, the files in it
   * having been written before it was watched. Lists what is in it (files only, skipping
   * excluded folders, at most LISTED_MAX) and reports each as created. Not a folder: nothing.
   */
  private async listCreatedFolder(uri: vscode.Uri, skip: ReadonlySet<string>, created: (file: vscode.Uri) => void): Promise<void> {
    const isFolder = await vscode.workspace.fs.stat(uri).then(
      (s) => (s.type & vscode.FileType.Directory) !== 0 && (s.type & vscode.FileType.SymbolicLink) === 0,
      () => false,
    );
    if (!isFolder) return;
    const queue: Array<{ uri: vscode.Uri; depth: number }> = [{ uri, depth: 0 }];
    let budget = LISTED_MAX;
    while (queue.length > 0 && budget > 0) {
      const next = queue.shift()!;
      const entries = await vscode.workspace.fs.readDirectory(next.uri).then(
        (e) => e,
        () => [] as Array<[string, vscode.FileType]>,
      );
      for (const [name, type] of entries) {
        if (budget <= 0 || this.isDisposed) return;
        if (type & vscode.FileType.SymbolicLink) continue;
        const child = vscode.Uri.joinPath(next.uri, name);
        if (type & vscode.FileType.Directory) {
          if (!skip.has(name) && next.depth < LISTED_DEPTH) queue.push({ uri: child, depth: next.depth + 1 });
        } else if (type & vscode.FileType.File) {
          budget--;
          created(child);
        }
      }
    }
  }

  private watchTerminals(): void {
    this._register(
      vscode.window.onDidStartTerminalShellExecution((e) => {
        this.emit({ t: this.t(), type: 'terminal.exec', phase: 'start', commandLine: e.execution.commandLine.value });
      }),
    );
    this._register(
      vscode.window.onDidEndTerminalShellExecution((e) => {
        this.emit({ t: this.t(), type: 'terminal.exec', phase: 'end', commandLine: e.execution.commandLine.value, exitCode: e.exitCode ?? null });
      }),
    );
  }

  private watchTasksAndDebug(): void {
    const group = (task: vscode.Task): 'test' | 'build' | null =>
      task.group?.id === vscode.TaskGroup.Test.id ? 'test' : task.group?.id === vscode.TaskGroup.Build.id ? 'build' : null;
    this._register(
      vscode.tasks.onDidStartTaskProcess((e) => {
        const task = e.execution.task;
        this.emit({ t: this.t(), type: 'task', phase: 'start', name: task.name, group: group(task) });
      }),
    );
    this._register(
      vscode.tasks.onDidEndTaskProcess((e) => {
        const task = e.execution.task;
        this.emit({ t: this.t(), type: 'task', phase: 'end', name: task.name, group: group(task), exitCode: e.exitCode ?? null });
      }),
    );
    this._register(vscode.debug.onDidStartDebugSession(() => this.emit({ t: this.t(), type: 'debug', phase: 'start' })));
    this._register(vscode.debug.onDidTerminateDebugSession(() => this.emit({ t: this.t(), type: 'debug', phase: 'end' })));
  }

  private async watchGit(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder === undefined || folder.uri.scheme !== 'file') return;
    const git = await GitState.find(folder.uri.fsPath, workspaceTrust);
    if (git === undefined || this.isDisposed) return;
    this.git = git;
    await this.readGit(null);
    // HEAD, branch refs and the stash ref cover commit, checkout, reset, merge, rebase and stash.
    const pattern = new vscode.RelativePattern(vscode.Uri.file(git.root), '.git/{HEAD,logs/HEAD,refs/heads/**,refs/stash}');
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(pattern));
    const schedule = (uri: vscode.Uri) => {
      const stash = uri.path.endsWith('/refs/stash');
      if (this.gitTimer !== undefined) clearTimeout(this.gitTimer);
      this.gitTimer = setTimeout(() => void this.readGit(stash ? 'stash' : undefined), GIT_SETTLE_MS);
    };
    this._register(watcher.onDidChange(schedule));
    this._register(watcher.onDidCreate(schedule));
    this._register({ dispose: () => this.gitTimer !== undefined && clearTimeout(this.gitTimer) });
  }

  /** Emits a git observation when HEAD or the branch moved, or `forcedOp` is given (stash keeps HEAD). */
  private async readGit(forcedOp: GitOp | undefined): Promise<void> {
    const git = this.git;
    if (git === undefined) return;
    const now = await git.head();
    if (now === undefined || this.isDisposed) return;
    const key = `${now.head} ${now.branch ?? ''}`;
    if (key === this.lastGitHead && forcedOp === undefined) return;
    const first = this.lastGitHead === undefined;
    this.lastGitHead = key;
    const op = first ? null : forcedOp !== undefined ? forcedOp : await git.lastOp();
    this.emit({ t: this.t(), type: 'git', head: now.head, branch: now.branch, op });
  }
}
