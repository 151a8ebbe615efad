/**
 * Runs store processes (test/support/storeWriter.ts) and audits a store against what they
 * acknowledged: every acknowledged record must be counted exactly once, raw and in the rollups.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { FileStore } from '../../src/adapters/fileStore';
import { fixedOffsetCalendar } from '../../src/core/store/days';
import { rollUp } from '../../src/core/store/rollup';
import type { Job } from './storeWriter';

export const utc = fixedOffsetCalendar(0);
const child = path.resolve(__dirname, '../../../out/test/support/storeWriter.js');

export interface JobResult {
  readonly acked: number[];
  readonly refused: number[];
  /** The record the process was writing when it died, if any: it may or may not be on disk. */
  readonly inFlight: number | undefined;
  readonly done: { failed: number; compactions: number; problems: string[]; calls?: number } | undefined;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs one store process; `killAfterMs` sends it SIGKILL then (if still running). */
export function runJob(job: Job, killAfterMs?: number): Promise<JobResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [child, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => p.kill('SIGKILL'), killAfterMs);
    p.on('close', (_code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      const acked: number[] = [];
      const refused: number[] = [];
      let done: JobResult['done'];
      for (const line of out.split('\n')) {
        if (line.startsWith('a ')) acked.push(Number(line.slice(2)));
        else if (line.startsWith('f ')) refused.push(Number(line.slice(2)));
        else if (line.startsWith('done ')) done = JSON.parse(line.slice(5));
      }
      const ids = job.ids ?? [];
      const reported = acked.length + refused.length;
      const inFlight = done === undefined && reported < ids.length ? ids[reported] : undefined;
      resolve({ acked, refused, inFlight, done, signal, stderr: err });
    });
  });
}

export interface AuditCounts {
  /** Records whose append() returned true. */
  readonly acknowledged: number;
  /** Acknowledged records missing, raw or in the rollups. */
  readonly lost: number;
  /** Records counted more than once, raw or in the rollups. */
  readonly doubled: number;
  /** Records on disk nobody wrote or that were refused. */
  readonly phantom: number;
  readonly rawProblems: number;
}

/**
 * Audits a store whose raw events are all still kept. `maybe`: records in flight when their
 * writer died (on disk or not, both fine). Reads with a fresh reader whose clock says `at`.
 */
export async function audit(dir: string, acked: ReadonlySet<number>, maybe: ReadonlySet<number>, at: number): Promise<AuditCounts> {
  const reader = new FileStore({ dir, clock: { now: () => at }, calendar: utc, log: { info: () => undefined, warn: () => undefined } });
  const raw = await reader.rawEvents();
  const seen = new Map<number, number>();
  for (const e of raw.events) if (e.kind === 'edits') seen.set(e.human, (seen.get(e.human) ?? 0) + 1);
  let lost = 0;
  let doubled = 0;
  let phantom = 0;
  for (const id of acked) if (!seen.has(id)) lost++;
  for (const [id, n] of seen) {
    doubled += n - 1;
    if (!acked.has(id) && !maybe.has(id)) phantom++;
  }
  // The rollups (what the view shows) must hold exactly the raw events, day by day.
  const expected = rollUp(raw.events, utc);
  const { days } = await reader.rollups();
  for (const day of new Set([...expected.keys(), ...days.keys()])) {
    const want = expected.get(day);
    const got = days.get(day);
    const diff = (got?.events ?? 0) - (want?.events ?? 0);
    if (diff > 0) doubled += diff;
    else if (diff < 0) lost -= diff;
    else if ((got?.chars.human ?? 0) !== (want?.chars.human ?? 0)) {
      lost++;
      doubled++;
    }
  }
  return { acknowledged: acked.size, lost, doubled, phantom, rawProblems: raw.problems.filter((p) => p.problem !== 'torn').length };
}

/** Per-day event counts and id sums of what the store shows now: for stores whose raw events expire. */
export async function totals(dir: string, at: number): Promise<Record<string, [number, number]>> {
  const reader = new FileStore({ dir, clock: { now: () => at }, calendar: utc, log: { info: () => undefined, warn: () => undefined } });
  const { days } = await reader.rollups();
  return Object.fromEntries([...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)).map((r) => [r.day, [r.events, r.chars.human]]));
}
