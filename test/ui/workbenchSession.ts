import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';

/**
 * What every ui test file shares: the workbench code-server serves (scripts/lib/layers.mjs
 * passes its URL and Debian's Chromium in the environment), opened in a fresh browser, and
 * commands run from the palette as a person would.
 */
export const artifacts = process.env.DELIBERATE_ARTIFACTS ?? path.resolve('artifacts/ui');
export const MOD = process.platform === 'darwin' ? 'Meta' : 'Control';

export async function openWorkbench(options: { height?: number; waitForDeliberate?: boolean } = {}): Promise<{ browser: Browser; page: Page }> {
  const url = process.env.DELIBERATE_UI_URL;
  assert.ok(url, 'DELIBERATE_UI_URL is set by scripts/test.mjs (run `npm run test:ui`)');
  mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.DELIBERATE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: options.height ?? 800 } });
  page.setDefaultTimeout(30_000);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The extension activates on startup finished: its status bar item says it is there.
  if (options.waitForDeliberate !== false) await page.locator('.statusbar-item', { hasText: 'Deliberate' }).waitFor({ state: 'visible', timeout: 60_000 });
  return { browser, page };
}

/** Runs a command by its title from the command palette (F1). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  // A webview that has the focus may keep F1 to itself: the palette's other key then.
  if (!(await input.waitFor({ timeout: 5_000 }).then(() => true, () => false))) await page.keyboard.press('Control+Shift+P');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

let tagCounter = 0;

/**
 * The content frame of the webview drawn over an area of the workbench: a view's pane (by its
 * title) or the active editor. Webviews live in an overlay positioned over the view or editor
 * that shows them, not inside it, so the one that belongs to the area is the one on screen within
 * its bounds; it is tagged so the frame locator addresses exactly that iframe.
 */
async function webviewOver(page: Page, area: { pane: string } | { editor: true }, what: string, timeout = 30_000): Promise<FrameLocator> {
  const tag = `ui-${++tagCounter}`;
  try {
    await page.waitForFunction(
      ({ area, tag }) => {
        const visible = (e: Element) => e.getBoundingClientRect().width > 0;
        const found =
          'pane' in area
            ? [...document.querySelectorAll('.pane')].find((p) => (p.querySelector('.pane-header')?.textContent ?? '').trim().toLowerCase().startsWith(area.pane.toLowerCase()))?.querySelector('.pane-body')
            : [...document.querySelectorAll('.editor-group-container.active .editor-container')].find(visible);
        if (found === undefined || found === null) return false;
        const a = found.getBoundingClientRect();
        if (a.width === 0 || a.height === 0) return false;
        // Webviews of tabs not showing keep their place and size, hidden; while one tab replaces
        // another both may show for a moment: wait until exactly one is on screen there.
        const over = [...document.querySelectorAll<HTMLIFrameElement>('iframe.webview.ready')].filter((frame) => {
          if (!frame.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
          const b = frame.getBoundingClientRect();
          return b.width > 0 && b.height > 0 && b.left >= a.left - 2 && b.right <= a.right + 2 && b.top >= a.top - 2 && b.bottom <= a.bottom + 2;
        });
        if (over.length !== 1) return false;
        over[0]!.dataset.uiTest = tag;
        return true;
      },
      { area, tag },
      { timeout },
    );
  } catch (error) {
    throw new Error(`no webview on screen in ${what}`, { cause: error });
  }
  return page.frameLocator(`iframe.webview.ready[data-ui-test="${tag}"]`).frameLocator('#active-frame');
}

/** The content of a webview view (My Progress, Exercise) by its pane's title. */
export function webviewViewFrame(page: Page, paneTitle: string): Promise<FrameLocator> {
  return webviewOver(page, { pane: paneTitle }, `the ${paneTitle} view`);
}

/** The content of the webview in the active editor (a Deliberate panel or page). */
export function editorWebviewFrame(page: Page): Promise<FrameLocator> {
  return webviewOver(page, { editor: true }, 'the active editor');
}

/**
 * Focuses the integrated terminal (a new one if there is none) and waits for its shell prompt,
 * so what is typed next reaches the shell rather than racing its start.
 */
export async function terminalWithPrompt(page: Page): Promise<void> {
  if ((await page.locator('.terminal-wrapper.active .xterm').count()) === 0) await runCommand(page, 'Terminal: Create New Terminal');
  else await runCommand(page, 'Terminal: Focus Terminal');
  await page.locator('.terminal-wrapper.active .xterm-helper-textarea:focus').waitFor();
  await page.locator('.terminal-wrapper.active .xterm-rows').filter({ hasText: /[$#]\s*$/ }).waitFor({ timeout: 60_000 });
}
