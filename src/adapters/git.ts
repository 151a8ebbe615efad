/**
 * The one way Deliberate runs git, in the extension and on the command line alike. It imports
 * no `vscode`: whoever makes a port says whether the workspace is trusted.
 *
 * Invariants (each is what makes a hostile repository harmless):
 * - Nothing runs without trust. Every call checks `trust.isTrusted` at the moment it is made
 *   and is refused (GitError 'untrusted') in Restricted Mode; no process is started.
 * - The repository's own programs are off. A repository's `.git/config` can name programs
 *   that git runs on read-only commands: core.fsmonitor, hooks, diff.external and
 *   diff.<driver>.command, textconv, pagers, credential helpers and transports (a lazy fetch
 *   in a partial clone). Every call carries SAFE_CONFIG on the command line, which wins over
 *   every config file, and `--no-ext-diff --no-textconv` on the commands that diff.
 * - Nothing is fetched: every transport is refused by `protocol.*.allow=never`, lazy fetching
 *   is off where git supports the switch, and nothing prompts (GIT_TERMINAL_PROMPT=0).
 * - Reads only, except `commitNewRepository` (the scratch project Deliberate makes itself):
 *   `read` and `stream` accept a short list of read-only subcommands and refuse the rest.
 * - The person's environment cannot redirect git to another repository or inject config:
 *   GIT_* variables are dropped (GIT_DIR, GIT_CONFIG_PARAMETERS, GIT_EXTERNAL_DIFF, …), except
 *   the few that only say where git and the person's own config live.
 * - git's own ownership check (safe.directory) stays on: a repository another user owns is
 *   refused by git, and the refusal is reported as such ('unsafeRepository').
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Where trust comes from: VS Code's workspace trust in the extension; the person's own command on the command line. */
export interface GitTrust {
  readonly isTrusted: boolean;
}

/** The command line runs only when the person runs it, on a folder they named: that is their consent. */
export const PERSON_RAN_IT: GitTrust = { isTrusted: true };

export type GitErrorReason = 'untrusted' | 'gitMissing' | 'failed' | 'cancelled' | 'timedOut' | 'unsafeRepository' | 'notAllowed';

export class GitError extends Error {
  constructor(
    readonly reason: GitErrorReason,
    message: string,
    readonly exitCode: number | null = null,
    readonly stderr = '',
  ) {
    super(message);
  }
}

/**
 * `-c` settings on every call. The command line has the last word over system, global and
 * repository config (and over `include.path` files a repository pulls in).
 * - core.fsmonitor empty: no file system monitor hook or daemon (empty is "off" for git
 *   before 2.36, which read a hook path, and after, which reads a boolean).
 * - core.hooksPath=/dev/null: no hook can be found (a path below /dev/null does not exist).
 * - diff.external empty, plus --no-ext-diff and --no-textconv on diffing commands: no
 *   external diff, no diff.<driver>.command, no textconv program.
 * - core.pager=cat (and --no-pager, GIT_PAGER=cat): no pager program.
 * - credential.helper empty resets the helper list; core.askPass empty: nothing asks.
 * - protocol.*.allow=never for every transport git knows (ext:: runs a command; file and ssh
 *   run upload-pack programs a repository names): a lazy fetch in a partial clone fails
 *   instead of reaching out.
 * - gc.auto=0, maintenance.auto=false: no background maintenance after a write.
 * - log.showSignature=false: no gpg program on `git log`.
 */
export const SAFE_CONFIG: readonly string[] = [
  'core.fsmonitor=',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'diff.external=',
  'credential.helper=',
  'core.askPass=',
  'protocol.allow=never',
  ...['file', 'git', 'ssh', 'http', 'https', 'ext', 'fd'].map((p) => `protocol.${p}.allow=never`),
  'gc.auto=0',
  'maintenance.auto=false',
  'log.showSignature=false',
];

/** Variables kept from GIT_*: where git's helpers and the person's own config live. */
const KEPT_GIT_VARIABLES = new Set(['GIT_EXEC_PATH', 'GIT_CONFIG_NOSYSTEM', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_GLOBAL']);

/** The environment git runs with: the person's, without GIT_* redirections, and never prompting, paging or fetching. */
export function gitEnvironment(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    const upper = key.toUpperCase();
    if (upper.startsWith('GIT_') && !KEPT_GIT_VARIABLES.has(upper)) continue;
    if (upper === 'PAGER' || upper === 'SSH_ASKPASS') continue;
    env[key] = value;
  }
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    // git 2.44 and later: never fetch a missing object of a partial clone.
    GIT_NO_LAZY_FETCH: '1',
    GIT_PAGER: 'cat',
    LC_ALL: 'C',
  };
}

/** Read-only subcommands `read` and `stream` run, with a check on their arguments where a subcommand can also write. */
const READ_ONLY: Readonly<Record<string, (args: readonly string[]) => boolean>> = {
  'rev-parse': () => true,
  'rev-list': () => true,
  log: () => true,
  'diff-tree': () => true,
  'ls-tree': () => true,
  'for-each-ref': () => true,
  // No --textconv or --filters: those run the repository's programs.
  'cat-file': (args) => !args.some((a) => a === '--textconv' || a === '--filters' || a.startsWith('--path')),
  // One name: reading HEAD. Two would point HEAD elsewhere.
  'symbolic-ref': (args) => args.filter((a) => !a.startsWith('-')).length <= 1 && !args.includes('-d') && !args.includes('--delete'),
  // Getting values only.
  config: (args) => args.some((a) => a === '--get' || a === '--get-regexp' || a === '--get-all') && !args.some((a) => /^--(add|unset|replace|rename|remove|edit)/.test(a)),
  version: () => true,
};

/** Subcommands that produce diffs: they always get --no-ext-diff and --no-textconv. */
const DIFFING = new Set(['log', 'diff-tree']);

const WRITE = new Set(['init', 'add', 'commit', 'config']);

/** Splits leading `-c key=value` pairs (and other global options) from the subcommand and its arguments. */
function splitCommand(args: readonly string[]): { globals: string[]; command: string; rest: string[] } {
  const globals: string[] = [];
  let k = 0;
  while (k < args.length) {
    const a = args[k]!;
    if (a === '-c') {
      globals.push(a, args[k + 1] ?? '');
      k += 2;
    } else if (a.startsWith('-')) {
      globals.push(a);
      k += 1;
    } else break;
  }
  return { globals, command: args[k] ?? '', rest: args.slice(k + 1) };
}

/** The full argument list git gets: the caller's global options, then SAFE_CONFIG (so it wins), then the command. */
export function safeArgs(args: readonly string[]): string[] {
  const { globals, command, rest } = splitCommand(args);
  const config = SAFE_CONFIG.flatMap((c) => ['-c', c]);
  const extra = DIFFING.has(command) ? ['--no-ext-diff', '--no-textconv'] : [];
  return ['--no-pager', ...globals, ...config, command, ...extra, ...rest];
}

export interface GitResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface GitCallOptions {
  readonly signal?: AbortSignal;
  /** Kill git after this long (GitError 'timedOut'). None by default. */
  readonly timeoutMs?: number;
  /** Written to git's standard input, which is then closed. */
  readonly input?: string;
}

export interface GitPortOptions {
  readonly trust: GitTrust;
  /** The git executable; VS Code's `git.path` may name another one. */
  readonly executable?: string;
  /** The environment to start from (tests); the process's by default. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Bytes of stderr kept per call: enough for git's warnings, bounded for a chatty failure. */
const STDERR_LIMIT = 64 * 1024;

export class GitPort {
  readonly executable: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: GitPortOptions) {
    this.executable = options.executable ?? 'git';
    this.env = gitEnvironment(options.env);
  }

  get trusted(): boolean {
    return this.options.trust.isTrusted;
  }

  /** Runs a read-only command and collects its output; a non-zero exit is a result, not an error. */
  async read(cwd: string, args: readonly string[], options: GitCallOptions = {}): Promise<GitResult> {
    const out: Buffer[] = [];
    const { code, stderr } = await this.spawn(cwd, this.checked(args, 'read'), options, (b) => out.push(b));
    return { code, stdout: Buffer.concat(out).toString('utf8'), stderr };
  }

  /** Like `read`, but a non-zero exit rejects with GitError ('failed', or 'unsafeRepository' when git refuses the owner). */
  async output(cwd: string, args: readonly string[], options: GitCallOptions = {}): Promise<string> {
    const r = await this.read(cwd, args, options);
    if (r.code !== 0) throw failure(args, r.code, r.stderr);
    return r.stdout;
  }

  /**
   * Runs a read-only command and hands its stdout to `onChunk` as it arrives. Resolves with
   * git's stderr (its warnings) when git exits 0; rejects with GitError otherwise, or with
   * what `onChunk` threw (git is then stopped).
   */
  async stream(cwd: string, args: readonly string[], onChunk: (chunk: Uint8Array) => void, options: GitCallOptions = {}): Promise<string> {
    const { code, stderr } = await this.spawn(cwd, this.checked(args, 'read'), options, onChunk);
    if (code !== 0) throw failure(args, code, stderr);
    return stderr;
  }

  /** For `commitNewRepository` only: init, add, commit and config in a repository Deliberate made. */
  async write(cwd: string, args: readonly string[], options: GitCallOptions = {}): Promise<string> {
    const checked = this.checked(args, 'write');
    const out: Buffer[] = [];
    const { code, stderr } = await this.spawn(cwd, checked, options, (b) => out.push(b));
    if (code !== 0) throw failure(args, code, stderr);
    return Buffer.concat(out).toString('utf8');
  }

  private checked(args: readonly string[], mode: 'read' | 'write'): string[] {
    const { command, rest } = splitCommand(args);
    const allowed = mode === 'read' ? Object.hasOwn(READ_ONLY, command) && READ_ONLY[command]!(rest) : WRITE.has(command);
    if (!allowed) throw new GitError('notAllowed', `Deliberate does not run "git ${command}" here (${mode === 'read' ? 'read-only commands only' : 'scratch repository commands only'}).`);
    return safeArgs(args);
  }

  private spawn(cwd: string, args: string[], options: GitCallOptions, onChunk: (chunk: Buffer) => void): Promise<{ code: number | null; stderr: string }> {
    if (!this.options.trust.isTrusted) {
      return Promise.reject(new GitError('untrusted', 'Deliberate runs no git in Restricted Mode: trust this workspace to let it read the repository.'));
    }
    if (options.signal?.aborted) return Promise.reject(new GitError('cancelled', 'Cancelled.'));
    return new Promise((resolve, reject) => {
      const child = spawn(this.executable, args, { cwd, env: this.env, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], windowsHide: true });
      const err: Buffer[] = [];
      let errBytes = 0;
      let failure: unknown;
      let settled = false;
      const stop = (reason: unknown) => {
        if (failure === undefined) failure = reason;
        child.kill();
      };
      const onAbort = () => stop(new GitError('cancelled', 'Cancelled.'));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => stop(new GitError('timedOut', `git ${commandName(args)} took longer than ${Math.round(options.timeoutMs! / 1000)} s and was stopped.`)), options.timeoutMs);
      const done = () => {
        options.signal?.removeEventListener('abort', onAbort);
        if (timer !== undefined) clearTimeout(timer);
      };
      child.stdout!.on('data', (chunk: Buffer) => {
        if (failure !== undefined) return;
        try {
          onChunk(chunk);
        } catch (error) {
          stop(error);
        }
      });
      child.stderr!.on('data', (b: Buffer) => {
        if (errBytes < STDERR_LIMIT) err.push(b);
        errBytes += b.length;
      });
      if (options.input !== undefined) {
        child.stdin!.on('error', () => undefined); // git may exit before reading all of it; the exit code says what happened
        child.stdin!.end(options.input);
      }
      child.on('error', (error: NodeJS.ErrnoException) => {
        done();
        if (settled) return;
        settled = true;
        reject(error.code === 'ENOENT' ? new GitError('gitMissing', `Git was not found ("${this.executable}"). Install git, or set git.path to where it is.`) : error);
      });
      child.on('close', (code) => {
        done();
        if (settled) return;
        settled = true;
        if (failure !== undefined) reject(failure);
        else resolve({ code, stderr: Buffer.concat(err).toString('utf8').slice(0, STDERR_LIMIT) });
      });
    });
  }
}

function commandName(args: readonly string[]): string {
  const safe = splitCommand(args);
  return safe.command;
}

/** What a failed git call means: git refusing a repository another user owns, or another failure. */
export function failure(args: readonly string[], code: number | null, stderr: string): GitError {
  const text = stderr.trim();
  if (/dubious ownership|unsafe repository/i.test(text)) {
    return new GitError('unsafeRepository', 'git refuses to read this repository because another user owns it (git\'s safe.directory protection). Deliberate leaves that protection on; if you trust the owner, add the folder to safe.directory in your own git config.', code, stderr);
  }
  return new GitError('failed', `git ${commandName(args)} failed (exit ${code ?? 'signal'}): ${text.slice(0, 500)}`, code, stderr);
}

/** git's stderr as lines worth showing: its warnings and hints, without blank lines. */
export function gitMessages(stderr: string): string[] {
  return stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export interface NewRepository {
  readonly message: string;
  readonly name: string;
  readonly email: string;
}

/**
 * Makes `folder` a repository of its own holding its files in one commit, with `name` and
 * `email` as the repository's identity (so later commits there work without a global one).
 * Returns false, doing nothing, when `folder` already has a `.git`. Only the new repository
 * is touched: whether the folder sits inside another repository is never asked of git, so no
 * other repository's config is read.
 */
export async function commitNewRepository(port: GitPort, folder: string, repo: NewRepository): Promise<boolean> {
  if (existsSync(path.join(folder, '.git'))) return false;
  await port.write(folder, ['init', '-q']);
  await port.write(folder, ['config', 'user.name', repo.name]);
  await port.write(folder, ['config', 'user.email', repo.email]);
  await port.write(folder, ['add', '-A']);
  await port.write(folder, ['-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', repo.message]);
  return true;
}
