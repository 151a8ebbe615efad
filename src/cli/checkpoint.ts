/**
 * `deliberate checkpoint --agent NAME [--phase pre|post] [FILES...]`, for AI agents' hooks: tells
 * the running Deliberate windows which files the agent is about to edit or has edited, through
 * the checkpoint spool (shared/spool.ts). With no FILES it reads the hook's JSON payload from
 * standard input.
 *
 * It never fails the agent's tool call: it exits 0 whatever happens to the spool, and 1 (which
 * agents report to the person but do not act on) for a mistake in the hook's own command line.
 * Never 2: Claude Code and VS Code agent hooks take exit code 2 to mean "block this tool call".
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { spoolDir, SPOOL_VERSION, writeSpoolRecord, type SpoolRecord } from '../shared/spool';

const USAGE = 'usage: deliberate checkpoint --agent NAME [--phase pre|post] [FILES...]\n      (with no FILES, reads an agent hook\'s JSON payload from standard input)';

class CheckpointUsageError extends Error {}

/** File paths named in an agent hook's JSON payload (Claude Code, VS Code agent hooks, and similar). */
export function pathsFromHookPayload(payload: unknown): { paths: string[]; cwd: string | undefined } {
  const paths = new Set<string>();
  let cwd: string | undefined;
  const visit = (value: unknown, key: string | undefined, depth: number): void => {
    if (depth > 6 || value === null || value === undefined) return;
    if (typeof value === 'string') {
      if (key !== undefined && /^(file_?path|path|notebook_?path|filePath|uri|files?)$/i.test(key) && value.length > 0 && value.length < 4096 && !value.includes('\n')) {
        const p = value.startsWith('file://') ? fileUrlPath(value) : value;
        if (p !== undefined) paths.add(p);
      }
      return;
    }
    if (Array.isArray(value)) {
      for (const v of value) visit(v, key, depth + 1);
      return;
    }
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (k === 'cwd' && typeof v === 'string') cwd = v;
        else if (k !== 'transcript_path') visit(v, k, depth + 1);
      }
    }
  };
  visit(payload, undefined, 0);
  return { paths: [...paths], cwd };
}

function fileUrlPath(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined; // not a URL after all: not a path we can use
  }
}

function parseArgs(args: readonly string[]): { agent: string; phase: 'pre' | 'post'; files: string[] } {
  let agent: string | undefined;
  let phase: 'pre' | 'post' = 'post';
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '--agent') agent = args[++k];
    else if (a.startsWith('--agent=')) agent = a.slice('--agent='.length);
    else if (a === '--phase' || a.startsWith('--phase=')) {
      const value = a === '--phase' ? args[++k] : a.slice('--phase='.length);
      if (value !== 'pre' && value !== 'post') throw new CheckpointUsageError('--phase is "pre" or "post"');
      phase = value;
    } else if (a.startsWith('--')) throw new CheckpointUsageError(`unknown option ${a}`);
    else files.push(a);
  }
  if (agent === undefined || agent.trim() === '') throw new CheckpointUsageError('checkpoint needs --agent NAME');
  if (agent.trim().length > 100) throw new CheckpointUsageError('--agent is at most 100 characters');
  return { agent: agent.trim(), phase, files };
}

function warn(message: string): void {
  process.stderr.write(`deliberate: warning: ${message}\n`);
}

/** Runs the command; returns the exit code (0, or 1 for a mistake in the hook's command line). */
export function checkpointCommand(args: readonly string[]): number {
  try {
    const { agent, phase, files } = parseArgs(args);
    let cwd = process.cwd();
    if (files.length === 0 && !process.stdin.isTTY) {
      let input = '';
      try {
        input = readFileSync(0, 'utf8');
      } catch (error) {
        warn(`could not read the hook payload from standard input (${String(error)}); no files recorded`);
      }
      if (input.trim() !== '') {
        let payload: unknown;
        try {
          payload = JSON.parse(input);
        } catch {
          warn('standard input is not a JSON hook payload; no files recorded');
        }
        const found = pathsFromHookPayload(payload);
        files.push(...found.paths);
        if (found.cwd !== undefined && path.isAbsolute(found.cwd)) cwd = found.cwd;
      }
    }
    // A hook fires for every tool; only a call that names files is a checkpoint.
    if (files.length === 0) return 0;
    const record: SpoolRecord = { version: SPOOL_VERSION, agent, phase, paths: files.slice(0, 10_000).map((f) => path.resolve(cwd, f)), cwd, at: Date.now() };
    writeSpoolRecord(spoolDir(), record);
    return 0;
  } catch (error) {
    if (error instanceof CheckpointUsageError) {
      process.stderr.write(`deliberate: ${error.message}\n${USAGE}\n`);
      return 1;
    }
    // Never fail the agent's hook: report a spool problem and exit 0.
    warn(`could not write the checkpoint: ${String(error)}`);
    return 0;
  }
}
