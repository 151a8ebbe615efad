/**
 * Synthetic git histories for the history retrospective: a `git fast-import` stream of a
 * linear history (files created, edited, renamed and deleted over simulated weeks, some
 * commits with AI trailers, git-ai notes on some), and a brute-force reference of the churn
 * figures computed from the generator's own knowledge of every line.
 *
 * Every line's text is unique in the whole history, so git's diff of a file can only keep the
 * lines that really survived; the reference needs no diff at all: a line churns when its id
 * is in the tree before a commit and not after it. Renames are never combined with edits, so
 * git's rename detection (100% similar) always sees them.
 */

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GeneratorOptions {
  readonly commits: number;
  readonly seed: number;
  /** Files alive at the start of the history (more are created and some deleted later). */
  readonly files?: number;
  /** Epoch ms of the first commit. */
  readonly start?: number;
  /** Mean hours between commits. */
  readonly meanGapHours?: number;
  readonly aiShare?: number;
  /** Share of commits with a git-ai note (attesting AI lines on AI commits, empty on the others). */
  readonly noteShare?: number;
  /** Share of commits made on a side branch and merged with a merge commit. */
  readonly mergeShare?: number;
  /** Mean lines per file. */
  readonly fileLines?: number;
  /** Mean bytes of prompt transcript in each git-ai note's metadata (git-ai stores messages there); 0 by default. */
  readonly noteBytes?: number;
}

export interface GeneratedCommit {
  readonly time: number;
  readonly ai: boolean;
  /** Has a git-ai note (attesting AI lines when `ai`, empty otherwise). */
  readonly note: boolean;
  /** Made on a side branch and merged (the merge commit is the mainline commit). */
  readonly merge: boolean;
  readonly linesAdded: number;
}

export interface ReferenceGroup {
  commits: number;
  linesAdded: number;
  windows: { days: number; eligibleCommits: number; eligibleLinesAdded: number; churned: number }[];
}

export interface GeneratedHistory {
  readonly commits: readonly GeneratedCommit[];
  /** The brute-force reference: AI commits and the others (the generator makes no merges). */
  /** `judgedAt`: the newest commit's time, as the review judges windows. */
  reference(judgedAt: number, windowsDays: readonly number[]): { ai: ReferenceGroup; other: ReferenceGroup };
}

const DAY = 86_400_000;
/** Marks of side-branch commits start here, far above the mainline's. */
const SIDE = 10_000_000;

/** Writes the fast-import stream through `write` (ASCII only, so lengths are byte counts) and returns the reference. */
export function generateHistory(options: GeneratorOptions, write: (chunk: string) => void): GeneratedHistory {
  let seed = options.seed >>> 0 || 1;
  const rand = () => {
    // xorshift32: deterministic and fast.
    seed ^= seed << 13;
    seed >>>= 0;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return seed / 0x100000000;
  };
  const int = (n: number) => Math.floor(rand() * n);
  const meanLines = options.fileLines ?? 60;
  const aiShare = options.aiShare ?? 0.2;
  const noteShare = options.noteShare ?? 0.05;
  const mergeShare = options.mergeShare ?? 0;
  let nextLine = 0;
  let nextFile = 0;
  const files = new Map<string, number[]>();
  const originOf: number[] = []; // line id -> commit index
  const removedAt: { id: number; commit: number }[] = [];
  const commits: GeneratedCommit[] = [];
  const newLines = (n: number, commit: number) => {
    const ids: number[] = [];
    for (let k = 0; k < n; k++) {
      originOf.push(commit);
      ids.push(nextLine++);
    }
    return ids;
  };
  const text = (ids: readonly number[]) => ids.map((id) => `line ${id} of the synthetic history ${(id * 2654435761) % 1000}\n`).join('');
  const newPath = () => `src/module${nextFile++}/file${int(1000)}.ts`;
  let time = Math.round((options.start ?? Date.UTC(2024, 0, 1)) / 1000) * 1000;
  const gapMs = (options.meanGapHours ?? 3) * 3_600_000;

  for (let c = 0; c < options.commits; c++) {
    // Whole seconds, as git stores them, so the reference and git agree on every window's edge.
    time += Math.max(60_000, Math.round((rand() * 2 * gapMs) / 1000) * 1000);
    const ops: string[] = [];
    let added = 0;
    const touched = new Set<string>();
    if (c === 0) {
      for (let f = 0; f < (options.files ?? 12); f++) {
        const path = newPath();
        files.set(path, newLines(1 + int(meanLines * 2), c));
        touched.add(path);
      }
      added = nextLine;
    } else {
      const edits = 1 + int(3);
      for (let e = 0; e < edits; e++) {
        const paths = [...files.keys()];
        const roll = rand();
        if (paths.length === 0 || roll < 0.04) {
          const path = newPath();
          const ids = newLines(1 + int(meanLines), c);
          added += ids.length;
          files.set(path, ids);
          touched.add(path);
          continue;
        }
        const path = paths[int(paths.length)]!;
        if (touched.has(path)) continue;
        const ids = files.get(path)!;
        if (roll < 0.06 && paths.length > 3) {
          for (const id of ids) removedAt.push({ id, commit: c });
          files.delete(path);
          ops.push(`D ${path}\n`);
          continue;
        }
        if (roll < 0.08) {
          // A pure rename: nothing else happens to this file in this commit.
          const to = newPath();
          files.delete(path);
          files.set(to, ids);
          ops.push(`R ${path} ${to}\n`);
          touched.add(to);
          continue;
        }
        // One to three edits: replace, insert or delete a run of lines.
        const runs = 1 + int(3);
        for (let r = 0; r < runs; r++) {
          const at = int(ids.length + 1);
          const remove = rand() < 0.3 ? 0 : Math.min(int(6), ids.length - at);
          const insert = rand() < 0.25 ? 0 : 1 + int(12);
          const gone = ids.splice(at, remove, ...newLines(insert, c));
          added += insert;
          // A line this same commit added and removed again never shows in its diff.
          for (const id of gone) {
            if (originOf[id] === c) added--;
            else removedAt.push({ id, commit: c });
          }
        }
        touched.add(path);
      }
    }
    const ai = c > 0 && rand() < aiShare;
    // A merge: the change is made on a side branch, then merged with --no-ff; the merge's
    // first-parent diff is the change, and its AI-ness is its one branch commit's.
    const merge = c > 0 && rand() < mergeShare;
    const note = c > 0 && !merge && rand() < noteShare;
    const trailer = ai ? ['Co-authored-by: Claude <noreply@anthropic.com>', 'Co-authored-by: Copilot <198982749+Copilot@users.noreply.github.com>', 'Assisted-by: Cursor'][int(3)] : c % 7 === 0 ? 'Co-authored-by: Claude Monet <claude@monet.example>' : undefined;
    const message = `Change ${c}: ${['fix', 'add', 'refactor', 'tidy'][int(4)]} module${int(50)}\n${trailer === undefined ? '' : `\n${trailer}\n`}`;
    const who = `Dev ${c % 5} <dev${c % 5}@example.com> ${Math.floor(time / 1000)} +0000`;
    const changes = () => {
      for (const op of ops) write(op);
      for (const path of touched) {
        const ids = files.get(path);
        if (ids === undefined) continue;
        const body = text(ids);
        write(`M 100644 inline ${path}\ndata ${body.length}\n${body}\n`);
      }
      write('\n');
    };
    if (merge) {
      write(`commit refs/heads/side\nmark :${SIDE + c}\nauthor ${who}\ncommitter ${who}\ndata ${message.length}\n${message}from :${c}\n`);
      changes();
      const mmsg = `Merge branch 'side-${c}'\n`;
      write(`commit refs/heads/main\nmark :${c + 1}\nauthor ${who}\ncommitter ${who}\ndata ${mmsg.length}\n${mmsg}from :${c}\nmerge :${SIDE + c}\n`);
      changes();
    } else {
      write(`commit refs/heads/main\nmark :${c + 1}\nauthor ${who}\ncommitter ${who}\ndata ${message.length}\n${message}`);
      if (c > 0) write(`from :${c}\n`);
      changes();
    }
    commits.push({ time, ai, note, merge, linesAdded: added });
    if (note) {
      // Only drawn when asked for, so that histories without transcripts stay the same for a seed.
      const padding = (options.noteBytes ?? 0) > 0 ? 'x'.repeat(Math.round(options.noteBytes! * (0.2 + rand() * 1.6))) : '';
      const messages = padding === '' ? '' : `,"messages":[{"type":"user","text":"${padding}"}]`;
      const body = ai
        ? `src/a.ts\n  0123456789abcdef 1-${added}\n---\n{"schema_version":"authorship/3.0.0","prompts":{"0123456789abcdef":{"agent_id":{"tool":"claude"}${messages}}}}\n`
        : `---\n{"schema_version":"authorship/3.0.0","prompts":{}${padding === '' ? '' : `,"messages":[{"type":"user","text":"${padding}"}]`}}\n`;
      const nmsg = `note for ${c}\n`;
      write(`commit refs/notes/ai\ncommitter ${who}\ndata ${nmsg.length}\n${nmsg}N inline :${c + 1}\ndata ${body.length}\n${body}\n`);
    }
  }

  return {
    commits,
    reference(judgedAt, windowsDays) {
      const churned = windowsDays.map(() => new Array<number>(commits.length).fill(0));
      for (const { id, commit } of removedAt) {
        const origin = originOf[id]!;
        const age = Math.max(0, commits[commit]!.time - commits[origin]!.time);
        windowsDays.forEach((d, w) => {
          if (age <= d * DAY) churned[w]![origin]!++;
        });
      }
      const group = (ai: boolean): ReferenceGroup => {
        const g: ReferenceGroup = { commits: 0, linesAdded: 0, windows: windowsDays.map((days) => ({ days, eligibleCommits: 0, eligibleLinesAdded: 0, churned: 0 })) };
        commits.forEach((c, i) => {
          if (c.ai !== ai) return;
          g.commits++;
          g.linesAdded += c.linesAdded;
          windowsDays.forEach((d, w) => {
            if (judgedAt - c.time < d * DAY) return;
            const acc = g.windows[w]!;
            acc.eligibleCommits++;
            acc.eligibleLinesAdded += c.linesAdded;
            acc.churned += churned[w]![i]!;
          });
        });
        return g;
      };
      return { ai: group(true), other: group(false) };
    },
  };
}

/** Runs the test's own git (never through the port), with the repository's programs off (and hostileGit.ts's filter) so a hostile config cannot fire on the test's own calls. */
export function testGit(cwd: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const r = spawnSync('git', ['-c', 'core.fsmonitor=', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external=', '-c', 'filter.evil.clean=', '-c', 'filter.evil.smudge=', '-c', 'protocol.ext.allow=never', '-c', 'user.name=Pat Human', '-c', 'user.email=pat@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', ...options.env },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/**
 * A repository built commit by commit with controlled author dates, for the edge cases of the
 * history review (renames, binary files, shallow and partial clones, notes, markers).
 */
export class TestRepository {
  private clock: number;

  constructor(
    readonly dir: string,
    /** Epoch ms of the first commit. */
    start = Date.UTC(2024, 0, 1),
  ) {
    this.clock = start;
    testGit(dir, ['init', '-q']);
  }

  /** Writes files (null deletes one), commits them with `message`, `days` after the previous commit; returns the commit's hash. */
  commit(message: string, files: Readonly<Record<string, string | Uint8Array | null>>, options: { days?: number; author?: string; renames?: readonly [string, string][] } = {}): string {
    this.clock += (options.days ?? 1) * DAY;
    for (const [from, to] of options.renames ?? []) {
      fs.mkdirSync(path.dirname(path.join(this.dir, to)), { recursive: true });
      testGit(this.dir, ['mv', from, to]);
    }
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(this.dir, file);
      if (content === null) fs.rmSync(full, { force: true });
      else {
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, content);
      }
    }
    testGit(this.dir, ['add', '-A']);
    const at = `${Math.floor(this.clock / 1000)} +0000`;
    const env = { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at, ...(options.author === undefined ? {} : { GIT_AUTHOR_NAME: options.author.split(' <')[0]!, GIT_AUTHOR_EMAIL: options.author.split('<')[1]?.replace('>', '') ?? 'x@example.com' }) };
    testGit(this.dir, ['commit', '-q', '--allow-empty', '-m', message], { env });
    return testGit(this.dir, ['rev-parse', 'HEAD']).trim();
  }

  /** Epoch ms of the last commit. */
  get now(): number {
    return Math.floor(this.clock / 1000) * 1000;
  }
}

/** `n` numbered lines, each unique to `tag`, newline-terminated. */
export function lines(tag: string, n: number, from = 1): string {
  let text = '';
  for (let k = from; k < from + n; k++) text += `${tag} line ${k}\n`;
  return text;
}
