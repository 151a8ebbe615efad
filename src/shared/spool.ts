/**
 * The checkpoint spool: a folder where `deliberate checkpoint` (called by AI agents'
 * hooks) drops one small JSON file per checkpoint, and the extension picks them up. Local
 * files only; the extension deletes each file once read.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as z from 'zod';

export const SPOOL_VERSION = 1;

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
