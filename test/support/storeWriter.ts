// A writer process for test/unit/metricStore.test.ts: writes records through the real FileStore
// while other processes do the same and compact, on a shared virtual clock where a day passes
// every `msPerDay` of real time.
//   node out/test/support/storeWriter.js <dir> <writer> <count> <epoch> <msPerDay> <startAt>
import { FileStore } from '../../src/adapters/fileStore';
import { fixedOffsetCalendar } from '../../src/core/store/days';

const [dir, writerText, countText, epochText, msPerDayText, startAtText] = process.argv.slice(2);
const writer = Number(writerText);
const count = Number(countText);
const epoch = Number(epochText);
const msPerDay = Number(msPerDayText);
const startAt = Number(startAtText);
const clock = { now: () => startAt + Math.floor(((Date.now() - epoch) / msPerDay) * 86_400_000) };
const problems: string[] = [];
const store = new FileStore({ dir: dir!, clock, calendar: fixedOffsetCalendar(0), log: { info: () => undefined, warn: (m) => problems.push(m) } });

async function main(): Promise<void> {
  let failed = 0;
  let compactions = 0;
  for (let i = 0; i < count; i++) {
    // human carries (writer, i): the parent checks every record arrives exactly once.
    const ok = store.append({ kind: 'edits', at: clock.now(), human: writer * 1_000_000 + i, ai: { inline: 1, chat: 0, agent: 0 }, tool: 0 });
    if (!ok) failed++;
    if (i % 50 === 49) {
      await new Promise((r) => setTimeout(r, 5));
      if (i % 150 === 149 && (await store.compact()) !== undefined) compactions++;
    }
  }
  process.stdout.write(JSON.stringify({ writer, failed, compactions, problems }) + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
