import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { FileStore, systemCalendar } from '../../src/adapters/fileStore';
import { generateHistory, seededRandom } from '../../src/core/store/sampleHistory';
import { artifacts, editorWebviewFrame, openWorkbench, runCommand as runPaletteCommand, webviewViewFrame } from './workbenchSession';

/**
 * The progress view as a person sees it, with a year of seeded history in the store that
 * scripts/lib/layers.mjs points the extension at (DELIBERATE_STORE). Screenshots in dark, light
 * and high-contrast themes go to artifacts/ui/; every check is about what is on screen.
 */
const storeDir = process.env.DELIBERATE_STORE;
const SECTIONS = ['Your week in words', 'Where your code came from', 'What happened to AI edits', 'Run before commit', 'Size of AI bursts', 'Practice', 'Your four habits'];

function paintLogLines(dir: string): string[] {
  let files: string[];
  try {
    files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.log'));
  } catch {
    return [];
  }
  return files.flatMap((f) =>
    readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l.includes('Progress view: first paint'))
      .map((l) => l.replace(/^.*Progress view: /, '')),
  );
}

describe('progress view, with a year of history', function () {
  this.timeout(180_000);
  let browser: Browser;
  let page: Page;
  let seeded = 0;

  before(async function () {
    assert.ok(storeDir, 'DELIBERATE_STORE is set by scripts/lib/layers.mjs');
    // Seed the store through the real FileStore, each event on its own local day, then compact.
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    const until = Date.now() - 60_000;
    const events = generateHistory({ todayStart: midnight.getTime(), days: 365, random: seededRandom(2026), until });
    const clock = { t: 0, now: () => clock.t };
    const store = new FileStore({ dir: storeDir!, clock, calendar: systemCalendar, log: { info: () => undefined, warn: (m) => assert.fail(m) } });
    for (const e of events) {
      clock.t = e.at;
      assert.ok(store.append(e));
    }
    clock.t = Date.now();
    await store.compact();
    seeded = events.length;

    ({ browser, page } = await openWorkbench({ height: 900 }));
  });

  after(async () => {
    await browser?.close();
  });

  const runCommand = (title: string) => runPaletteCommand(page, title);

  /** Switches the color theme as a person would: Preferences: Color Theme, type its name, Enter. */
  async function setColorTheme(theme: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('>Preferences: Color Theme');
    // Click the command itself: "Browse Color Themes in Marketplace" ranks first for this text.
    await page.locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
    // The theme picker replaces the command palette's input (which still starts with ">").
    for (let i = 0; i < 40 && (await input.inputValue()).startsWith('>'); i++) await page.waitForTimeout(100);
    await input.fill(theme);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** The My Progress view in the sidebar (one of two webview views there, with Exercise). */
  const sidebarView = (): Promise<FrameLocator> => webviewViewFrame(page, 'My Progress');
  /** My Progress as an editor panel. */
  const panelView = (): Promise<FrameLocator> => editorWebviewFrame(page);

  async function assertWhatAPersonMustSee(view: FrameLocator, range: string): Promise<void> {
    await view.locator('h1', { hasText: 'Your progress' }).waitFor();
    for (const title of SECTIONS.map((t) => (range === 'month' ? t.replace('week', 'month') : range === 'all' ? t.replace('Your week in words', 'All time in words') : t))) {
      assert.equal(await view.locator('h2', { hasText: title }).count(), 1, `section "${title}"`);
    }
    // Charts carry data: bars in the sources chart, and a text summary naming the AI share.
    const sources = view.locator('figure[data-chart="sources"]');
    assert.ok((await sources.locator('svg rect.bar').count()) > 5, 'the sources chart has bars');
    assert.match(await sources.locator('figcaption').innerText(), /^\d+% of \d+ characters came from AI/);
    assert.ok((await view.locator('figure[data-chart="bursts"] svg rect.bar').count()) === 5);
    assert.equal(await view.locator('article.habit').count(), 4);
    for (const habit of ['Iterate', 'Validate', 'Decompose', 'Keep learning']) await view.locator('article.habit h3', { hasText: habit }).waitFor();
    assert.match(await view.locator('article.habit .based-on').first().innerText(), /^Based on: \d+ AI edits/);
    const reflection = await view.locator('#reflection li').allInnerTexts();
    assert.ok(reflection.length >= 3, JSON.stringify(reflection));
  }

  it('opens from its activity bar container and shows every section with charts of the seeded data', async () => {
    assert.ok(seeded > 10_000, `${seeded} events seeded`);
    const started = Date.now();
    await page.locator('.activitybar .action-item a[aria-label^="Deliberate"], .activitybar .action-item .action-label[aria-label^="Deliberate"]').first().click();
    const view = await sidebarView();
    await view.locator('article.habit').first().waitFor();
    console.log(`      progress view (sidebar) painted with data ${Date.now() - started} ms after the click (measured from the test, includes the webview's creation)`);
    await assertWhatAPersonMustSee(view, 'week');
    assert.equal(await view.locator('.range-switch button[aria-pressed="true"]').innerText(), 'Week');
    await page.screenshot({ path: path.join(artifacts, 'progress-sidebar.png') });
  });

  it('switches range, offers every chart as a table by keyboard, and keeps the range across hide and show', async () => {
    const view = await sidebarView();
    await view.locator('.range-switch button', { hasText: 'Month' }).click();
    await view.locator('.period', { hasText: 'Last 30 days' }).waitFor();
    assert.equal(await view.locator('.range-switch button[aria-pressed="true"]').innerText(), 'Month');
    // Thirty days: the sources chart's table has a row per day.
    const summary = view.locator('figure[data-chart="fates"] summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    const rows = view.locator('figure[data-chart="fates"] table tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 5);
    assert.match(await view.locator('figure[data-chart="fates"] table caption').innerText(), /Fate of AI edits/);
    assert.equal(await view.locator('figure[data-chart="sources"] table tbody tr').count(), 30);
    await assertWhatAPersonMustSee(view, 'month');
    // Hide the sidebar and show it again: the webview is rebuilt and restores its state.
    await page.keyboard.press('Control+B');
    await page.waitForTimeout(500);
    await page.keyboard.press('Control+B');
    const again = await sidebarView();
    await again.locator('.period', { hasText: 'Last 30 days' }).waitFor();
    assert.equal(await again.locator('.range-switch button[aria-pressed="true"]').innerText(), 'Month');
    assert.equal(await again.locator('figure[data-chart="fates"] details[open] table').count(), 1);
    await again.locator('.range-switch button', { hasText: 'All time' }).click();
    await again.locator('.period', { hasText: 'All time' }).waitFor();
    assert.ok((await again.locator('figure[data-chart="sources"] table tbody tr').count()) >= 12);
    await page.screenshot({ path: path.join(artifacts, 'progress-sidebar-all-time.png') });
    await again.locator('.range-switch button', { hasText: 'Week' }).click();
  });

  it('opens as an editor panel and reads well in dark, light and high-contrast themes', async () => {
    await page.keyboard.press('Control+B');
    const started = Date.now();
    await runCommand('Deliberate: Show My Progress');
    await page.locator('.tab', { hasText: 'My Progress' }).waitFor();
    const view = await panelView();
    await view.locator('article.habit').first().waitFor();
    console.log(`      progress panel painted with data ${Date.now() - started} ms after the command (measured from the test)`);
    await assertWhatAPersonMustSee(view, 'week');
    // Wide: two columns of cards.
    const fates = await view.locator('#fates').boundingBox();
    const validation = await view.locator('#validation').boundingBox();
    assert.ok(fates && validation && Math.abs(fates.y - validation.y) < 2 && validation.x > fates.x, 'fates and validation side by side in a wide panel');
    await page.screenshot({ path: path.join(artifacts, 'progress-panel-default-theme.png') });

    for (const [theme, bodyClass, file] of [
      ['Dark 2026', 'vscode-dark', 'progress-panel-dark.png'],
      ['Dark High Contrast', 'vscode-high-contrast', 'progress-panel-high-contrast.png'],
      ['Light High Contrast', 'vscode-high-contrast-light', 'progress-panel-high-contrast-light.png'],
      ['Light Modern', 'vscode-light', 'progress-panel-light.png'],
    ] as const) {
      await setColorTheme(theme);
      const themed = await panelView();
      await themed.locator(`body.${bodyClass}`).waitFor();
      await themed.locator('article.habit').first().waitFor();
      // Every series has a colour of its own in every theme: no bar falls back to the default
      // black fill (a theme that lacks a chart colour would otherwise hide a series).
      const fills = new Set<string>();
      for (const cls of ['c-human', 'c-inline', 'c-chat', 'c-agent', 'c-kept', 'c-revised', 'c-undone']) {
        const fill = await themed.locator(`rect.${cls}`).first().evaluate((r) => getComputedStyle(r).fill);
        assert.ok(!['rgb(0, 0, 0)', 'none', ''].includes(fill), `${theme}: ${cls} is coloured (${fill})`);
        fills.add(fill);
      }
      assert.ok(fills.size >= 5, `${theme}: series are told apart by colour too (${[...fills].join(', ')})`);
      await page.screenshot({ path: path.join(artifacts, file) });
    }
    // Back to this code-server's default theme for the suites that follow.
    await setColorTheme('Light 2026');
    // The extension logs its own figure: from opening (sidebar resolve or panel command) to the
    // webview posting `painted`. Reported, not asserted (speed belongs to benchmarks).
    for (const line of paintLogLines(path.join(path.dirname(storeDir!), 'user-data', 'logs'))) console.log(`      extension log: ${line}`);
  });
});
