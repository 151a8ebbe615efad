// A store process for the store's unit tests (metricStore.test.ts, storeFaults.test.ts): writes
// records through the real FileStore and compacts, while other processes do the same, and may be
// killed at any point (by the parent's SIGKILL, or by itself at the n-th file system call).
//   node out/test/support/storeWriter.js '<json Job>'
// Prints `a <id>` as soon as append() acknowledged record <id> and `f <id>` when it refused it
// (written to the pipe synchronously, so an acknowledgement printed is one the parent sees even
// if the process is killed right after), then `done <json summary>`.
import { writeSync } from 'node:fs';
import { FileStore } from '../../src/adapters/fileStore';
import { fixedOffsetCalendar } from '../../src/core/store/days';
import { faultyFileSystem } from './faultyFs';

export interface Job {
  readonly dir: string;
  /** Records to append; each carries its id in `human`, and 1 in `ai.inline`. */
  readonly ids?: readonly number[];
  /** The virtual clock: `startAt`, plus one day every `msPerDay` of real time when given. */
  readonly startAt: number;
  readonly epoch?: number;
  readonly msPerDay?: number;
  /** Before record index i (of `ids`), move the clock by `ms` (negative: back). */
  readonly jumps?: readonly (readonly [number, number])[];
  /** Compact after every this many records, and once at the end when `compactAtEnd`. */
  readonly compactEvery?: number;
  readonly compactAtEnd?: boolean;
  /** Extra compactions with nothing appended (a compactor process). */
  readonly compactions?: number;
  readonly retentionDays?: number;
  /** Kill this process at the n-th file system call. */
  readonly crashAt?: number;
  /** Pause (ms) every 50 records, so processes interleave. */
  readonly pauseMs?: number;
}

const job = JSON.parse(process.argv[2]!) as Job;
const DAY = 86_400_000;
let offset = 0;
const clock = {
  now: () => job.startAt + offset + (job.epoch !== undefined && job.msPerDay !== undefined ? Math.floor(((Date.now() - job.epoch) / job.msPerDay) * DAY) : 0),
};
const problems: string[] = [];
const faults = job.crashAt !== undefined ? faultyFileSystem({ crashAt: job.crashAt }) : undefined;
const store = new FileStore({
  dir: job.dir,
  clock,
  calendar: fixedOffsetCalendar(0),
  log: { info: () => undefined, warn: (m) => problems.push(m) },
  retentionDays: () => job.retentionDays ?? 90,
  ...(faults !== undefined ? { fs: faults } : {}),
});
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

async function main(): Promise<void> {
  let failed = 0;
  let compactions = 0;
  const compact = async (): Promise<void> => {
    if ((await store.compact()) !== undefined) compactions++;
  };
  const ids = job.ids ?? [];
  for (let i = 0; i < ids.length; i++) {
    for (const [at, ms] of job.jumps ?? []) if (at === i) offset += ms;
    const id = ids[i]!;
    const ok = store.append({ kind: 'edits', at: clock.now(), human: id, ai: { inline: 1, chat: 0, agent: 0 }, tool: 0 });
    say(`${ok ? 'a' : 'f'} ${id}`);
    if (!ok) failed++;
    if (job.compactEvery !== undefined && i % job.compactEvery === job.compactEvery - 1) await compact();
    if (job.pauseMs !== undefined && i % 50 === 49) await new Promise((r) => setTimeout(r, job.pauseMs));
  }
  if (job.compactAtEnd === true) await compact();
  for (let k = 0; k < (job.compactions ?? 0); k++) await compact();
  say(`done ${JSON.stringify({ failed, compactions, problems, calls: faults?.calls })}`);
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
