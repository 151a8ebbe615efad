/**
 * A repository that tries to make git run its own programs, as an attacker's clone would:
 * its `.git/config` names a marker program for every setting through which git runs a
 * program on a read-only command (and some that run on writes), and `.git/info/attributes`
 * sends every file through a diff driver and a filter of that program. The program appends
 * its name and arguments to a marker file: if the marker exists, something ran it.
 */
import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface Trap {
  readonly program: string;
  readonly marker: string;
  /** What ran, or '' when nothing did. */
  readonly ran: () => string;
}

/** A program (shell script) that records that it ran, in `dir`. */
export function markerProgram(dir: string): Trap {
  const program = path.join(dir, 'marker-program.sh');
  const marker = path.join(dir, 'MARKER');
  // Records its arguments and the command line of the git that ran it (to tell whose git it was).
  writeFileSync(program, `#!/bin/sh\nparent=$(tr '\\000' ' ' < /proc/$PPID/cmdline 2>/dev/null)\necho "$0 $* <- $parent" >> '${marker}'\nexit 1\n`);
  chmodSync(program, 0o755);
  return { program, marker, ran: () => (existsSync(marker) ? readFileSync(marker, 'utf8') : '') };
}

const HOOKS = ['pre-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit', 'post-checkout', 'post-merge', 'pre-push', 'post-rewrite', 'reference-transaction', 'fsmonitor-watchman', 'post-index-change', 'pre-auto-gc'];

/** Arms the repository whose git directory is `gitDir` with `trap` (see the module comment); returns a function that disarms it. */
export function armRepository(gitDir: string, trap: Trap): () => void {
  const config = path.join(gitDir, 'config');
  const attributes = path.join(gitDir, 'info', 'attributes');
  const savedConfig = readFileSync(config, 'utf8');
  const savedAttributes = existsSync(attributes) ? readFileSync(attributes, 'utf8') : undefined;
  const hooks = path.join(gitDir, 'hostile-hooks');
  mkdirSync(hooks, { recursive: true });
  for (const hook of HOOKS) {
    writeFileSync(path.join(hooks, hook), `#!/bin/sh\nexec '${trap.program}' ${hook} "$@"\n`);
    chmodSync(path.join(hooks, hook), 0o755);
  }
  const p = trap.program;
  appendFileSync(
    path.join(gitDir, 'config'),
    [
      '[core]',
      `\tfsmonitor = ${p}`,
      `\thooksPath = ${hooks}`,
      `\tpager = ${p}`,
      `\tsshCommand = ${p}`,
      `\taskPass = ${p}`,
      `\teditor = ${p}`,
      '[diff]',
      `\texternal = ${p}`,
      '\trenames = copies',
      '\tinterHunkContext = 10',
      '[diff "evil"]',
      `\ttextconv = ${p}`,
      `\tcommand = ${p}`,
      '[filter "evil"]',
      `\tclean = ${p}`,
      `\tsmudge = ${p}`,
      '[credential]',
      `\thelper = !${p}`,
      '[log]',
      '\tshowSignature = true',
      '\tshowRoot = false',
      '[gpg]',
      `\tprogram = ${p}`,
      '[pager]',
      `\tlog = ${p}`,
      '[protocol]',
      '\tallow = always',
      '[protocol "ext"]',
      '\tallow = always',
      '[protocol "file"]',
      '\tallow = always',
      '[uploadpack]',
      `\tpackObjectsHook = ${p}`,
      '',
    ].join('\n'),
  );
  mkdirSync(path.join(gitDir, 'info'), { recursive: true });
  appendFileSync(path.join(gitDir, 'info', 'attributes'), '* diff=evil filter=evil\n');
  return () => {
    writeFileSync(config, savedConfig);
    if (savedAttributes === undefined) rmSync(attributes, { force: true });
    else writeFileSync(attributes, savedAttributes);
  };
}

/** Points the repository's origin at the trap, through each transport that runs a program: a fetch would run it. */
export function armRemote(gitDir: string, trap: Trap): void {
  appendFileSync(path.join(gitDir, 'config'), ['[remote "origin"]', `\tuploadpack = ${trap.program}`, `\treceivepack = ${trap.program}`, '[remote "trap"]', `\turl = ext::${trap.program} %S`, '\tpromisor = true', ''].join('\n'));
}
