/**
 * Runs the history retrospective on a local clone through the git port (git.ts): read-only
 * commands only, the repository's own programs off, nothing in Restricted Mode, never a
 * fetch. Shared by the VS Code command and the command line; it imports no `vscode`.
 *
 * What it reads, at most five git processes, three of them at once:
 * - the clone's kind: bare, shallow (and its boundary commits), partial (a promisor remote);
 * - `git log -p --unified=0` of the mainline, streamed into the core;
 * - the commit graph, when the mainline has merges (what each merge brings in);
 * - git-ai notes: listed once and their blobs streamed once (gitAiNotes.ts);
 * - in a partial clone whose history lacks some contents: which objects are missing
 *   (`rev-list --missing=print`, which never fetches), then `git log --raw` instead of `-p`,
 *   with the contents that are present read by `cat-file --batch` and diffed here. A missing
 *   content makes that file's lines "unknown origin"; it never fails the review and never
 *   makes git fetch.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lineDiffHunks } from '../core/history/lineDiff';
import { CatFileBatchReader, collect, GitAiNoteScanner, listNotesArgs, NOTES_REF, parseNotesTree } from '../core/history/gitAiNotes';
import type { GitAiNoteSummary } from '../core/history/aiEvidence';
import { GitLogParser, historyLogArgs, historyRawLogArgs, type FileDiff, type ParsedCommit, type RawChange } from '../core/history/gitLogParser';
import { CommitGraphReader, graphLogArgs } from '../core/history/mergedBranches';
import { HistoryRetrospective, type HistoryReviewResult, type RepositoryFacts } from '../core/history/retrospective';
import { failure, GitError, gitMessages, GitPort, type GitTrust } from './git';

/** A reason the review could not run that the person can act on. */
export class HistoryReviewError extends Error {
  constructor(
    readonly reason: 'notRepository' | 'noCommits' | 'gitMissing' | 'gitFailed' | 'cancelled' | 'untrusted' | 'unsafeRepository',
    message: string,
  ) {
    super(message);
  }
}

export interface HistoryRunOptions {
  /** Whether git may run at all: VS Code's workspace trust, or the person's own command line. */
  readonly trust: GitTrust;
  readonly knownAiCommits?: ReadonlySet<string>;
  readonly signal?: AbortSignal;
  /** Called as commits are processed (at most every 100 commits and at the end). */
  readonly onProgress?: (done: number, total: number) => void;
  /** The git executable; VS Code's git extension may name another one. */
  readonly git?: string;
  readonly windowsDays?: readonly number[];
}

function translate(error: unknown): unknown {
  if (!(error instanceof GitError)) return error;
  switch (error.reason) {
    case 'cancelled':
      return new HistoryReviewError('cancelled', 'The review was cancelled.');
    case 'untrusted':
      return new HistoryReviewError('untrusted', error.message);
    case 'gitMissing':
      return new HistoryReviewError('gitMissing', error.message);
    case 'unsafeRepository':
      return new HistoryReviewError('unsafeRepository', error.message);
    default:
      return new HistoryReviewError('gitFailed', error.message);
  }
}

const truthy = (v: string) => /^(true|yes|on|1)$/i.test(v.trim());

/** What kind of clone holds `folder`, and where its git directory is. */
async function inspectClone(port: GitPort, folder: string, signal?: AbortSignal): Promise<{ gitDir: string; facts: Omit<RepositoryFacts, 'missingObjects'> }> {
  if (!existsSync(folder)) throw new HistoryReviewError('notRepository', `${folder} does not exist.`);
  const r = await port.read(folder, ['rev-parse', '--is-bare-repository', '--is-shallow-repository', '--absolute-git-dir'], { signal });
  if (r.code !== 0) {
    const why = failure(['rev-parse'], r.code, r.stderr);
    if (why.reason === 'unsafeRepository') throw translate(why);
    throw new HistoryReviewError('notRepository', `${folder} is not in a git repository.`);
  }
  const [bare, shallow, gitDir] = r.stdout.trim().split('\n');
  const config = await port.read(folder, ['config', '--get-regexp', '^(remote\\..*\\.promisor|extensions\\.partialclone)$'], { signal });
  const partial = config.code === 0 && config.stdout.split('\n').some((line) => {
    const [key, ...value] = line.split(' ');
    return key === 'extensions.partialclone' ? value.join(' ').trim() !== '' : key !== undefined && key !== '' && truthy(value.join(' '));
  });
  return { gitDir: gitDir ?? '', facts: { bare: bare === 'true', shallow: shallow === 'true', partial } };
}

/** A shallow clone's boundary: the commits whose parents it does not hold. */
function boundaryCommits(gitDir: string): Set<string> {
  try {
    return new Set(readFileSync(path.join(gitDir, 'shallow'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => /^[0-9a-f]{40,64}$/.test(l)));
  } catch {
    return new Set();
  }
}

/** Objects of the mainline's trees (and the notes tree) that this clone lacks. Never fetches: --missing=print sets git's fetch-if-missing off. */
async function missingObjects(port: GitPort, cwd: string, notes: boolean, signal?: AbortSignal): Promise<Set<string>> {
  const missing = new Set<string>();
  let tail = '';
  const decoder = new TextDecoder();
  await port.stream(cwd, ['rev-list', '--objects', '--missing=print', '--first-parent', 'HEAD', ...(notes ? [`${NOTES_REF}^{tree}`] : []), '--'], (chunk) => {
    const text = tail + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    tail = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('?')) missing.add(line.slice(1).trim());
  }, { signal });
  if (tail.startsWith('?')) missing.add(tail.slice(1).trim());
  return missing;
}

/** git-ai notes by commit, each read once and only as far as needed. */
async function readNotes(port: GitPort, cwd: string, missing: ReadonlySet<string>, signal?: AbortSignal): Promise<{ notes: Map<string, GitAiNoteSummary>; stderr: string }> {
  const listing = await port.output(cwd, listNotesArgs(), { signal });
  const commitsOf = new Map<string, string[]>();
  for (const [commit, oid] of parseNotesTree(listing)) {
    if (missing.has(oid)) continue; // a note never downloaded: not read, not fetched
    const list = commitsOf.get(oid);
    if (list === undefined) commitsOf.set(oid, [commit]);
    else list.push(commit);
  }
  const notes = new Map<string, GitAiNoteSummary>();
  if (commitsOf.size === 0) return { notes, stderr: '' };
  // Each note is scanned as it streams and left as soon as its two facts are known.
  const reader = new CatFileBatchReader((oid, size) =>
    size === null
      ? undefined
      : new GitAiNoteScanner((summary) => {
          for (const commit of commitsOf.get(oid) ?? []) notes.set(commit, summary);
        }),
  );
  const stderr = await port.stream(cwd, ['cat-file', '--batch', '--buffer'], (chunk) => reader.push(chunk), { signal, input: [...commitsOf.keys()].join('\n') + '\n' });
  return { notes, stderr };
}

/** Reviews the current branch of the repository that holds `folder`, oldest commit first. */
export async function reviewRepositoryHistory(folder: string, options: HistoryRunOptions): Promise<HistoryReviewResult> {
  const port = new GitPort({ trust: options.trust, executable: options.git });
  try {
    return await review(port, folder, options);
  } catch (error) {
    throw translate(error);
  }
}

async function review(port: GitPort, folder: string, options: HistoryRunOptions): Promise<HistoryReviewResult> {
  const { signal } = options;
  const { gitDir, facts } = await inspectClone(port, folder, signal);
  const cwd = folder;
  const count = await port.read(cwd, ['rev-list', '--count', '--first-parent', 'HEAD', '--'], { signal });
  const total = count.code === 0 ? Number(count.stdout.trim()) || 0 : 0;
  if (total === 0) throw new HistoryReviewError('noCommits', 'This repository has no commits yet.');
  const hasNotes = (await port.read(cwd, ['rev-parse', '--verify', '--quiet', `${NOTES_REF}^{tree}`], { signal })).code === 0;
  const missing = facts.partial ? await missingObjects(port, cwd, hasNotes, signal) : new Set<string>();
  const known = options.knownAiCommits ?? new Set<string>();
  const boundary = facts.shallow ? boundaryCommits(gitDir) : new Set<string>();
  const retrospective = new HistoryRetrospective({ knownAiCommits: known, windowsDays: options.windowsDays, boundary });
  const messages: string[] = [];
  const note = (stderr: string) => {
    for (const m of gitMessages(stderr)) if (!messages.includes(m) && messages.length < 20) messages.push(m);
  };

  // One failure stops the other readers too.
  const stopAll = new AbortController();
  const onAbort = () => stopAll.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const inner = stopAll.signal;
  const stopOnFailure = <T>(p: Promise<T>): Promise<T> =>
    p.catch((error: unknown) => {
      stopAll.abort();
      throw error;
    });

  // Merges on the mainline carry their branch's lines: learn what each one brings in.
  const anyMerge = await port.read(cwd, ['rev-list', '--first-parent', '--merges', '--max-count=1', 'HEAD', '--'], { signal });
  const graphReader = anyMerge.code === 0 && anyMerge.stdout.trim() !== '' ? new CommitGraphReader(known) : undefined;
  const graph = graphReader === undefined ? Promise.resolve() : stopOnFailure(port.stream(cwd, [...graphLogArgs(), 'HEAD', '--'], (chunk) => graphReader.push(chunk), { signal: inner }).then(note));
  const notes: Promise<Map<string, GitAiNoteSummary>> = hasNotes
    ? stopOnFailure(
        readNotes(port, cwd, missing, inner).then((r) => {
          note(r.stderr);
          return r.notes;
        }),
      )
    : Promise.resolve(new Map());

  options.onProgress?.(0, total);
  let reported = 0;
  const progress = () => {
    if (retrospective.commitsSeen - reported >= 100) {
      reported = retrospective.commitsSeen;
      options.onProgress?.(reported, total);
    }
  };
  const log = stopOnFailure(
    (missing.size === 0
      ? port.stream(
          cwd,
          [...historyLogArgs(), 'HEAD', '--'],
          (chunk) => {
            retrospective.push(chunk);
            progress();
          },
          { signal: inner },
        )
      : readPartialClone(port, cwd, missing, retrospective, progress, inner)
    ).then(note),
  );

  // The three readers run at once (git does the work in other processes); the first failure stops the others.
  let noteMap: Map<string, GitAiNoteSummary>;
  try {
    [, noteMap] = await Promise.all([log, notes, graph]);
  } catch (error) {
    // Cancelled by the person: say so, whichever reader noticed first.
    if (signal?.aborted) throw new HistoryReviewError('cancelled', 'The review was cancelled.');
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  const result = retrospective.finish({
    notes: noteMap,
    merges: graphReader?.finish(noteMap),
    repository: { ...facts, missingObjects: missing.size },
    gitMessages: messages,
  });
  options.onProgress?.(result.commitsScanned, total);
  return result;
}

/**
 * A partial clone whose history lacks some contents: `git log --raw` (no contents read), the
 * contents that are present streamed in one `cat-file --batch`, diffed here, and fed to the
 * retrospective commit by commit. A missing content marks its file's lines unknown.
 */
async function readPartialClone(port: GitPort, cwd: string, missing: ReadonlySet<string>, retrospective: HistoryRetrospective, progress: () => void, signal?: AbortSignal): Promise<string> {
  const commits: ParsedCommit[] = [];
  const parser = new GitLogParser((c) => commits.push(c));
  let stderr = await port.stream(cwd, [...historyRawLogArgs(), 'HEAD', '--'], (chunk) => parser.push(chunk), { signal });
  parser.end();
  for (const w of parser.warnings) stderr += `\nDeliberate could not read git's raw output at line ${w.line}: ${w.message}`;
  const ZERO = /^0+$/;
  const present = (oid: string) => !ZERO.test(oid) && !missing.has(oid);
  const isLink = (mode: string) => mode === '160000';
  // Which blobs each commit needs, in commit order: the stream below answers in the same order.
  const wanted: string[] = [];
  const plans = commits.map((c) => {
    const need: { change: RawChange; old: boolean; new: boolean }[] = [];
    for (const r of c.raw) {
      if (isLink(r.oldMode) || isLink(r.newMode) || r.oldOid === r.newOid || r.status === 'D') continue;
      const old = r.status !== 'A';
      if ((old && !present(r.oldOid)) || !present(r.newOid)) continue;
      need.push({ change: r, old, new: true });
      if (old) wanted.push(r.oldOid);
      wanted.push(r.newOid);
    }
    return need;
  });
  let next = 0;
  const blobs: Uint8Array[] = [];
  const feed = () => {
    // Feed every commit whose blobs have all arrived.
    while (next < commits.length) {
      const plan = plans[next]!;
      const needed = plan.reduce((n, p) => n + (p.old ? 2 : 1), 0);
      if (blobs.length < needed) return;
      const c = commits[next]!;
      const contents = new Map<RawChange, { old?: Uint8Array; new: Uint8Array }>();
      let k = 0;
      for (const p of plan) {
        const old = p.old ? blobs[k++] : undefined;
        contents.set(p.change, { old, new: blobs[k++]! });
      }
      blobs.splice(0, needed);
      c.files = c.raw.map((r) => fileDiff(r, contents.get(r), present));
      retrospective.addCommit(c);
      commits[next] = undefined as unknown as ParsedCommit; // let it go
      next++;
      progress();
    }
  };
  if (wanted.length === 0) {
    feed();
    return stderr;
  }
  const reader = new CatFileBatchReader((_oid, size) => {
    if (size !== null) {
      return collect(size, (bytes) => {
        blobs.push(bytes);
        feed();
      });
    }
    // Listed as present a moment ago; if it is gone, its diff is read as empty rather than fetched.
    blobs.push(new Uint8Array(0));
    feed();
    return undefined;
  });
  stderr += '\n' + (await port.stream(cwd, ['cat-file', '--batch', '--buffer'], (chunk) => reader.push(chunk), { signal, input: wanted.join('\n') + '\n' }));
  feed();
  return stderr;
}

/** A raw change as the line tracker wants it, with hunks diffed from the contents when both sides are here. */
function fileDiff(r: RawChange, contents: { old?: Uint8Array; new: Uint8Array } | undefined, present: (oid: string) => boolean): FileDiff {
  const base: FileDiff = { oldPath: r.oldPath, newPath: r.newPath, binary: r.oldMode === '160000' || r.newMode === '160000', copy: r.status === 'C', hunks: [] };
  if (base.binary || r.status === 'D' || r.oldOid === r.newOid) return base;
  if (contents === undefined) {
    // A side that was never downloaded: the file's lines are of unknown origin from here on.
    return { ...base, unknown: !present(r.newOid) || (r.status !== 'A' && !present(r.oldOid)) };
  }
  const hunks = lineDiffHunks(contents.old ?? new Uint8Array(0), contents.new);
  return hunks === 'binary' ? { ...base, binary: true } : { ...base, hunks };
}
