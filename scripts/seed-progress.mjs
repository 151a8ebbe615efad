// Seeds a metric store folder with a year of made-up, realistic history, to look at the
// progress view with data:  node scripts/seed-progress.mjs /tmp/deliberate-sample [days] [seed]
// then start VS Code with DELIBERATE_STORE=/tmp/deliberate-sample (e.g. `DELIBERATE_STORE=... npm start`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './lib/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [dir, daysText = '365', seedText = '2026'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node scripts/seed-progress.mjs FOLDER [DAYS] [SEED]');
  process.exit(2);
}
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');
const { FileStore, generateHistory, seededRandom, systemCalendar } = await import(path.join(root, 'out', 'bench', 'progressBench.js'));
const midnight = new Date();
midnight.setHours(0, 0, 0, 0);
const events = generateHistory({ todayStart: midnight.getTime(), days: Number(daysText), random: seededRandom(Number(seedText)), until: Date.now() });
const clock = { t: 0, now: () => clock.t };
const store = new FileStore({ dir: path.resolve(dir), clock, calendar: systemCalendar, log: { info: () => undefined, warn: (m) => console.warn(m) } });
for (const e of events) {
  clock.t = e.at;
  store.append(e);
}
clock.t = Date.now();
await store.compact();
console.log(`seeded ${events.length} events into ${path.resolve(dir)}`);
