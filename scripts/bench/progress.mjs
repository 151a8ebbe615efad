// npm run bench:progress — the store and the progress view with a year of seeded history.
//
// In this one process:
//   append     a year of events written through the real FileStore (one write per record)
//   compact    folding closed days into rollups.jsonl
//   read       store.rollups(): the query the view makes (rollups file + live segments)
//   baseline   the same answer by re-reading every raw event of the year (no rollups)
//   ranges     week / month / all-time sums over the rollup index
//   model      buildProgress: everything the view shows, for all three ranges
//   heavy day  bytes of raw events for a heavy day (budget: about 1 MB)
// Then, in headless Chromium (Debian's, via playwright-core), the webview bundle itself:
//   first paint: from the page's start to the webview posting `painted` with the year's model.
// Reports figures; asserts nothing.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { run } from '../lib/processes.mjs';
import { ensureChromium } from '../lib/tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root });
if (build.code !== 0) throw new Error('build failed');
const lib = await import(path.join(root, 'out', 'bench', 'progressBench.js'));
const { FileStore, fixedOffsetCalendar, RollupIndex, rangeSpan, rollUp, encodeRecord, generateHeavyDay, generateHistory, seededRandom, buildProgress, hostToWebviewSchema } = lib;

const calendar = fixedOffsetCalendar(0);
const todayStart = Date.UTC(2026, 10, 21);
const today = '2026-11-21';
const now = { t: todayStart + 17 * 3_600_000 };

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
async function time(fn, runs) {
  const out = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await fn();
    out.push(performance.now() - t0);
  }
  return { ms: median(out), value };
}
const fmt = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(1)} ms`);

const events = generateHistory({ todayStart, days: 365, random: seededRandom(42), until: now.t });
const dir = mkdtempSync(path.join(os.tmpdir(), 'deliberate-bench-store-'));
try {
  const clock = { now: () => now.t };
  const store = new FileStore({ dir, clock, calendar, log: { info: () => undefined, warn: (m) => console.warn(m) }, retentionDays: () => 90 });
  // Append each event on its own day, as the windows of that day would have.
  const t0 = performance.now();
  for (const e of events) {
    now.t = e.at;
    store.append(e);
  }
  const appendMs = performance.now() - t0;
  now.t = todayStart + 17 * 3_600_000;
  const rawBytes = (await store.size()).bytes;
  const compact = await time(() => store.compact(), 1);
  // The second compaction expires raw segments past retention, now that their days are folded.
  const expired = (await store.compact()).expired;
  const size = await store.size();
  const rollupBytes = statSync(path.join(dir, 'rollups.jsonl')).size;

  const read = await time(() => store.rollups(), 15);
  const baseline = await time(async () => rollUp((await store.rawEvents()).events, calendar), 5);
  const days = read.value.days;
  const index = new RollupIndex(days.values());
  const ranges = {};
  for (const r of ['week', 'month', 'all']) ranges[r] = await time(() => index.sum(rangeSpan(r, today, index.firstDay)), 200);
  const model = await time(() => buildProgress(index, today), 30);
  const readAndModel = await time(async () => buildProgress((await store.rollups()).days.values(), today), 15);
  const message = hostToWebviewSchema.parse({ type: 'progress', model: model.value, skippedRecords: 0, dataFolder: dir });
  const validate = await time(() => hostToWebviewSchema.parse(message), 30);

  const heavy = generateHeavyDay(todayStart, seededRandom(11));
  const heavyBytes = heavy.reduce((n, e) => n + Buffer.byteLength(encodeRecord(e)), 0);

  console.log(`bench:progress — a year of seeded history: ${events.length} events on ${days.size} days`);
  console.log(`  append        ${fmt(appendMs)} for ${events.length} records (${((appendMs * 1000) / events.length).toFixed(1)} µs a record, one write each)`);
  console.log(`  compact       ${fmt(compact.ms)}: ${compact.value.compacted} segments folded; raw ${(rawBytes / 1024).toFixed(0)} KB; the next compaction expired ${expired} raw segments past retention (90 days), leaving ${(size.bytes / 1024).toFixed(0)} KB of which rollups.jsonl ${(rollupBytes / 1024).toFixed(0)} KB`);
  console.log(`  read          ${fmt(read.ms)} store.rollups() (rollups file + live segments), median of 15`);
  console.log(`  baseline      ${fmt(baseline.ms)} rolling up the raw events kept (90 days) instead; rollups are ${(baseline.ms / read.ms).toFixed(0)}× faster`);
  console.log(`  ranges        week ${fmt(ranges.week.ms)}, month ${fmt(ranges.month.ms)}, all ${fmt(ranges.all.ms)} (sum over the rollup index)`);
  console.log(`  model         ${fmt(model.ms)} buildProgress for three ranges; ${fmt(readAndModel.ms)} with the read; message validation ${fmt(validate.ms)}; message ${(JSON.stringify(message).length / 1024).toFixed(0)} KB`);
  console.log(`  heavy day     ${heavy.length} raw events, ${(heavyBytes / 1024).toFixed(0)} KB (${((heavyBytes / 1_000_000) * 100).toFixed(0)}% of the 1 MB budget)`);

  // First paint of the real webview bundle in headless Chromium, with the year's model.
  const { chromium } = await import('playwright-core');
  const executablePath = await ensureChromium();
  const page = path.join(dir, 'progress-bench.html');
  const js = readFileSync(path.join(root, 'dist', 'webview', 'progress.js'), 'utf8');
  const css = readFileSync(path.join(root, 'dist', 'webview', 'progress.css'), 'utf8');
  const THEME = '--vscode-font-family: sans-serif; --vscode-font-size: 13px; --vscode-foreground: #ccc; --vscode-charts-blue: #3794ff; --vscode-charts-green: #89d185; --vscode-charts-orange: #d18616; --vscode-charts-purple: #b180d7; --vscode-charts-yellow: #cca700; --vscode-charts-red: #f14c4c;';
  writeFileSync(
    page,
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>:root{${THEME}} html{background:#1e1e1e}</style><style>${css}</style></head><body><main id="app"></main>
<script>
window.__start = performance.now();
const MESSAGE = ${JSON.stringify(message)};
window.acquireVsCodeApi = () => ({
  getState: () => undefined, setState: () => undefined,
  postMessage: (m) => {
    if (m.type === 'ready') setTimeout(() => window.postMessage(MESSAGE, '*'), 0);
    if (m.type === 'painted') window.__painted = { ms: m.ms, sinceStart: performance.now() - window.__start };
  },
});
</script><script>${js}</script></body></html>`,
  );
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const paints = [];
    for (const width of [360, 1200]) {
      for (let i = 0; i < 5; i++) {
        const tab = await browser.newPage({ viewport: { width, height: 900 } });
        await tab.goto(`file://${page}`);
        await tab.waitForFunction(() => globalThis.__painted !== undefined, undefined, { timeout: 10_000 });
        paints.push({ width, ...(await tab.evaluate(() => globalThis.__painted)) });
        if (i === 0 && process.argv.includes('--screenshots')) {
          const out = path.join(root, 'artifacts', 'bench');
          mkdirSync(out, { recursive: true });
          await tab.screenshot({ path: path.join(out, `progress-${width}.png`), fullPage: true });
        }
        await tab.close();
      }
    }
    if (process.argv.includes('--screenshots')) {
      // The first-day state, from an empty store's model.
      const empty = hostToWebviewSchema.parse({ type: 'progress', model: buildProgress([], today), skippedRecords: 0, dataFolder: dir });
      const tab = await browser.newPage({ viewport: { width: 360, height: 700 } });
      await tab.goto(`file://${page}`);
      await tab.evaluate((m) => globalThis.postMessage(m, '*'), empty);
      await tab.locator('#first-day').waitFor();
      await tab.screenshot({ path: path.join(root, 'artifacts', 'bench', 'progress-first-day-360.png'), fullPage: true });
      await tab.close();
    }
    for (const width of [360, 1200]) {
      const mine = paints.filter((p) => p.width === width);
      console.log(`  first paint   ${width}px wide: ${fmt(median(mine.map((p) => p.sinceStart)))} from page start to painted (script start to painted ${fmt(median(mine.map((p) => p.ms)))}), median of ${mine.length}; target 200 ms`);
    }
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
