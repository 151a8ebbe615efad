/**
 * The commit preview (opt-in, `deliberate.commit.aiTrailer`, off by default): when files are
 * staged in a repository VS Code's git extension shows, a line in that repository's commit
 * message box says what share of the added lines AI wrote and by which kind of assistant:
 *
 *   AI-assisted: 40% of added lines (inline 30%, agent 10%) [Deliberate]
 *
 * Never silent: it only ever goes into the message box, where the person sees it before
 * committing, and the first time in a window a notification says so (with a way to turn it
 * off). The person can delete or edit it: a line Deliberate put there that is no longer there
 * as written is theirs to decide, and is not put back until the next commit. The numbers come
 * from the session's live AI edits (src/core/coach/commitShare.ts) and git's staged diff; when
 * no added line is AI-written nothing is added. Deliberate's history review reads the line back.
 */
import * as vscode from 'vscode';
import { addedLines, aiLinesOf, commitShare, formatTrailer, type AiRanges } from '../core/coach/commitShare';
import type { AssistantKind } from '../core/metrics';
import { Disposable } from './disposable';
import type { DocumentIds } from './documentIds';
import type { SessionHost } from './sessionHost';
import { readCommitSettings } from './settings';

/** The parts of the git extension's API (vscode.git, version 1) the preview uses. */
export interface TrailerRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  readonly state: {
    readonly HEAD?: { readonly commit?: string };
    readonly indexChanges: readonly { readonly uri: vscode.Uri }[];
    readonly onDidChange: vscode.Event<void>;
  };
  diffIndexWithHEAD(path: string): Promise<string>;
}
export interface TrailerGitApi {
  readonly repositories: readonly TrailerRepository[];
  readonly onDidOpenRepository: vscode.Event<TrailerRepository>;
}

/** Staging comes in bursts (a "Stage All" is one change per file): recompute once it settles. */
const SETTLE_MS = 300;

interface RepoState {
  /** The line Deliberate last put in the box, as it put it. */
  line: string | undefined;
  /** The person removed or changed that line: leave the box alone until the next commit. */
  declined: boolean;
  head: string | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Updates in flight, so a slow diff never overwrites a newer one. */
  generation: number;
  /** The update running now, if any. */
  running: Promise<void> | undefined;
}

export class CommitTrailer extends Disposable {
  private readonly repos = new Map<TrailerRepository, RepoState>();
  private told = false;
  private readonly updated = this._register(new vscode.EventEmitter<{ readonly repository: vscode.Uri; readonly line: string | null }>());
  /** The box was updated (a line put, changed or taken out); for tests. */
  readonly onDidUpdate = this.updated.event;

  constructor(
    private readonly host: SessionHost,
    private readonly ids: DocumentIds,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('deliberate.commit.aiTrailer')) return;
        for (const [repo, state] of this.repos) {
          if (readCommitSettings().aiTrailer) this.schedule(repo, state);
          else this.takeOut(repo, state);
        }
      }),
    );
    this._register(host.onDidInput(({ input }) => {
      // "That was me" changes the share.
      if (input.type === 'label.correct') for (const [repo, state] of this.repos) this.schedule(repo, state);
    }));
    this._register({ dispose: () => [...this.repos.values()].forEach((s) => s.timer !== undefined && clearTimeout(s.timer)) });
    // What the preview would say and did, per repository, once pending updates are done (for
    // the person's own check and for tests, which wait on it instead of on time).
    this._register(vscode.commands.registerCommand('deliberate.commitPreview', () => this.state()));
  }

  /** Finishes any update waiting to settle, then says, per repository, the line for what is staged now, what the box holds of it, and whether the person declined it. */
  async state(): Promise<{ enabled: boolean; repositories: { root: string; line: string | null; shown: string | null; declined: boolean }[] }> {
    const out: { root: string; line: string | null; shown: string | null; declined: boolean }[] = [];
    for (const [repo, state] of this.repos) {
      if (state.timer !== undefined) {
        clearTimeout(state.timer);
        state.timer = undefined;
        await this.run(repo, state);
      }
      await state.running;
      out.push({ root: repo.rootUri.toString(), line: await this.lineFor(repo), shown: state.line ?? null, declined: state.declined });
    }
    return { enabled: readCommitSettings().aiTrailer, repositories: out };
  }

  /** Follows the git extension's repositories (called once its API is available). */
  watch(api: TrailerGitApi): void {
    const follow = (repo: TrailerRepository) => {
      if (this.repos.has(repo)) return;
      const state: RepoState = { line: undefined, declined: false, head: repo.state.HEAD?.commit, timer: undefined, generation: 0, running: undefined };
      this.repos.set(repo, state);
      this._register(repo.state.onDidChange(() => this.schedule(repo, state)));
      this.schedule(repo, state);
    };
    api.repositories.forEach(follow);
    this._register(api.onDidOpenRepository(follow));
  }

  private schedule(repo: TrailerRepository, state: RepoState): void {
    if (state.timer !== undefined) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.run(repo, state);
    }, SETTLE_MS);
  }

  private run(repo: TrailerRepository, state: RepoState): Promise<void> {
    const running = this.update(repo, state).catch((error) => this.log.warn(`Deliberate: the commit preview could not be updated: ${String(error)}`));
    state.running = running;
    return running.finally(() => {
      if (state.running === running) state.running = undefined;
    });
  }

  /** Recomputes the line for what is staged now and puts it in the box, unless the person declined it. */
  private async update(repo: TrailerRepository, state: RepoState): Promise<void> {
    const head = repo.state.HEAD?.commit;
    if (head !== state.head) {
      // A commit was made: the box was emptied by git, and the next commit gets a fresh offer.
      state.head = head;
      state.line = undefined;
      state.declined = false;
    }
    if (!readCommitSettings().aiTrailer || !this.host.running) return;
    if (state.line !== undefined && !repo.inputBox.value.split('\n').includes(state.line)) state.declined = true;
    if (state.declined) return;
    const generation = ++state.generation;
    const line = await this.lineFor(repo);
    if (generation !== state.generation || state.declined) return;
    if (state.line !== undefined && !repo.inputBox.value.split('\n').includes(state.line)) {
      state.declined = true;
      return;
    }
    this.put(repo, state, line);
  }

  private put(repo: TrailerRepository, state: RepoState, line: string | null): void {
    const lines = repo.inputBox.value.split('\n');
    const at = state.line === undefined ? -1 : lines.indexOf(state.line);
    if (line === state.line) return;
    if (at >= 0) {
      if (line === null) lines.splice(at, 1);
      else lines[at] = line;
      repo.inputBox.value = trimBlankEnd(lines).join('\n');
    } else if (line !== null) {
      const body = repo.inputBox.value.replace(/\s+$/, '');
      // Room above for the subject the person writes; the line is the message's last paragraph.
      repo.inputBox.value = `${body}\n\n${line}`;
      this.tell(line);
    }
    state.line = line ?? undefined;
    this.updated.fire({ repository: repo.rootUri, line });
  }

  /** Setting switched off: a line Deliberate put and the person left as it was goes. */
  private takeOut(repo: TrailerRepository, state: RepoState): void {
    if (state.line === undefined || state.declined) return;
    this.put(repo, state, null);
  }

  private tell(line: string): void {
    if (this.told) return;
    this.told = true;
    const off = 'Turn Off';
    void vscode.window.showInformationMessage(`Deliberate put a line at the end of your commit message: "${line}". Delete it there if you would rather not include it.`, off).then((choice) => {
      if (choice === off) void vscode.workspace.getConfiguration('deliberate').update('commit.aiTrailer', false, vscode.ConfigurationTarget.Global);
    });
  }

  /** The line for the repository's staged changes, or null when they add no AI-written line. */
  async lineFor(repo: TrailerRepository): Promise<string | null> {
    const session = this.host.session;
    if (session === undefined) return null;
    const files: { added: string[]; aiLines: Map<string, AssistantKind[]> }[] = [];
    for (const change of repo.state.indexChanges) {
      let diff: string;
      try {
        diff = await repo.diffIndexWithHEAD(change.uri.fsPath);
      } catch {
        continue; // a file git cannot diff (binary, gone): it adds no lines we can count
      }
      const doc = this.ids.peek(change.uri);
      const text = doc === undefined ? undefined : session.text(doc)?.toString();
      const edits: AiRanges[] = doc === undefined ? [] : session.coach.signals.liveEdits(doc).map((l) => ({ assistant: l.edit.assistant, ranges: l.ranges }));
      files.push({ added: addedLines(diff), aiLines: text === undefined ? new Map() : aiLinesOf(text, edits) });
    }
    return formatTrailer(commitShare(files));
  }
}

function trimBlankEnd(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
  return out;
}

