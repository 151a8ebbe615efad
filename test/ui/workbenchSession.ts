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
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * The content of a webview view (My Progress, Exercise) by its pane's title. Webviews live in
 * an overlay outside the pane; the overlay names its anchor element, inside the pane, by id
 * (`data-parent-flow-to-element-id`), which is how this finds the right one among several.
 */
export async function webviewViewFrame(page: Page, paneTitle: string): Promise<FrameLocator> {
  const handle = await page.waitForFunction(
    (title) => {
      const pane = [...document.querySelectorAll('.pane')].find((p) => p.querySelector('.pane-header')?.textContent?.trim().toLowerCase().startsWith(title.toLowerCase()));
      if (pane === undefined) return undefined;
      for (const overlay of document.querySelectorAll<HTMLElement>('[data-parent-flow-to-element-id]')) {
        const anchor = document.getElementById(overlay.dataset.parentFlowToElementId ?? '');
        if (anchor !== null && pane.contains(anchor) && overlay.querySelector('iframe.webview.ready') !== null) return overlay.dataset.parentFlowToElementId;
      }
      return undefined;
    },
    paneTitle,
    { timeout: 30_000 },
  );
  const id = (await handle.jsonValue()) as string;
  return page.frameLocator(`[data-parent-flow-to-element-id="${id}"] iframe.webview.ready`).frameLocator('#active-frame');
}

/** The content of the webview in the active editor (a Deliberate panel or page): the editor points at it with aria-flowto. */
export async function editorWebviewFrame(page: Page): Promise<FrameLocator> {
  const handle = await page.waitForFunction(
    () => {
      const owner = document.querySelector('.editor-group-container.active .editor-instance [aria-flowto]');
      const id = owner?.getAttribute('aria-flowto');
      return id && document.getElementById(id)?.querySelector('iframe.webview.ready') ? id : undefined;
    },
    undefined,
    { timeout: 30_000 },
  );
  const id = (await handle.jsonValue()) as string;
  return page.frameLocator(`[id="${id}"] iframe.webview.ready`).frameLocator('#active-frame');
}
