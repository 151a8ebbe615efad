/**
 * The checkpoint spool: a folder where `deliberate checkpoint` (called by AI agents' hooks)
 * drops one small JSON file per checkpoint, and the extension picks them up. Local files only.
 *
 * Several windows share the folder. A checkpoint belongs to the windows whose workspaces hold
 * its files: a window takes only checkpoints naming a file of its own, keeps the part naming its
 * files and puts the rest back for the others (adapters/checkpointSpool.ts). A checkpoint nobody
 * takes is removed once stale, by any window.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as z from 'zod';

export const SPOOL_VERSION = 1;
/** A checkpoint older than this when found belongs to a moment that is over: dropped, by any window. */
export const SPOOL_STALE_MS = 10 * 60_000;

export function spoolDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DELIBERATE_SPOOL) return env.DELIBERATE_SPOOL;
  const state = env.XDG_STATE_HOME && path.isAbsolute(env.XDG_STATE_HOME) ? env.XDG_STATE_HOME : path.join(os.homedir(), '.local', 'state');
  return path.join(state, 'deliberate', 'spool');
}

export const spoolRecordSchema = z.object({
  version: z.literal(SPOOL_VERSION),
  agent: z.string().min(1).max(100),
  phase: z.enum(['pre', 'post']),
  /** Absolute paths of the files the agent is about to edit or has edited. */
  paths: z.array(z.string()).max(10_000),
  cwd: z.string(),
  /** Epoch milliseconds when the hook ran. */
  at: z.number().int().nonnegative(),
});
export type SpoolRecord = z.infer<typeof spoolRecordSchema>;

/**
 * Writes one checkpoint file; it appears whole or not at all (written under a dot name, then
 * renamed). Names start with the time, so readers take checkpoints oldest first. Throws on failure.
 */
export function writeSpoolRecord(dir: string, record: SpoolRecord): string {
  mkdirSync(dir, { recursive: true });
  const name = `${String(record.at).padStart(13, '0')}-${process.pid}-${randomBytes(4).toString('hex')}.json`;
  const temp = path.join(dir, `.${name}.tmp`);
  writeFileSync(temp, JSON.stringify(record));
  renameSync(temp, path.join(dir, name));
  return name;
}
