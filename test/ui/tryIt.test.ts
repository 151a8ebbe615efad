import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { artifacts, editorWebviewFrame, MOD, openWorkbench, runCommand as runPaletteCommand, terminalWithPrompt, webviewViewFrame } from './workbenchSession';

/**
 * The try-it journey (`npm start`), step by step as the demo workspace's README tells a
 * newcomer, with the real keyboard, in a workbench that has the try-it's stand-in AI
 * (demo/ai-stand-in) installed: scripts/lib/layers.mjs installs it for this file. Every wait is
 * for something on screen. Screenshots of each step, then of Deliberate's views in dark, light
 * and high-contrast themes, narrow and wide, go to artifacts/ui/try-it-*.png.
 */

describe('try-it journey, following the demo README', function () {
  this.timeout(240_000);
  let browser: Browser;
  let page: Page;

  before(async function () {
    ({ browser, page } = await openWorkbench({ height: 800 }));
  });

  after(async () => {
    await browser?.close();
  });

  const runCommand = (title: string) => runPaletteCommand(page, title);
  const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `try-it-${name}.png`) });

  /** A Deliberate notification, as a toast or (if the workbench moved it there) in the notification center. */
  async function notification(text: string | RegExp): Promise<Locator> {
    const toast = page.locator('.notification-toast', { hasText: text });
    try {
      await toast.waitFor({ timeout: 45_000 });
      return toast;
    } catch {
      await runCommand('Notifications: Show Notifications');
      const item = page.locator('.notifications-center .notification-list-item', { hasText: text });
      await item.waitFor({ timeout: 10_000 });
      return item;
    }
  }

  async function quickOpen(name: string): Promise<void> {
    await page.keyboard.press(`${MOD}+P`);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(name);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: name }).waitFor();
  }

  it('opens on the walkthrough and the guide, with the demo AI labelled in the status bar', async () => {
    await page.locator('.statusbar-item', { hasText: 'Demo AI' }).waitFor({ timeout: 60_000 });
    await page.locator('.gettingStartedContainer h2', { hasText: 'Get started with Deliberate' }).waitFor({ timeout: 60_000 });
    // The guide (the demo README) opens in the Markdown preview beside it.
    await page.locator('.tab', { hasText: 'Preview README.md' }).waitFor({ timeout: 30_000 });
    await (await editorWebviewFrame(page)).locator('h1', { hasText: 'Try Deliberate' }).waitFor({ timeout: 30_000 });
    await shot('1-start');
  });

  it('step 1: accepting the demo AI suggestion with Tab marks the AI code not yet reviewed or run', async () => {
    await quickOpen('temperature.js');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.click();
    await page.keyboard.press(`${MOD}+End`);
    await page.keyboard.type('export function isFreezing(', { delay: 25 });
    // The demo AI's suggestion as grey text, then Tab.
    await page.locator('.editor-instance .ghost-text-decoration, .editor-instance .ghost-text').first().waitFor({ timeout: 30_000 });
    await shot('2-suggestion');
    await page.keyboard.press('Tab');
    await page.locator('.editor-instance .view-line', { hasText: 'return celsius < 0;' }).waitFor();
    // The mark: a CodeLens above the AI code, and the status bar item for AI code not yet run.
    await page.locator('.editor-instance .codelens-decoration', { hasText: /AI-written (just now|\d+ min ago) · not run yet/ }).first().waitFor({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: /AI lines? not run/ }).waitFor({ timeout: 30_000 });
    await shot('3-marks');
  });

  it('step 2: revising the suggestion by hand', async () => {
    // The cursor is after the accepted text: up to the return line, and `<` becomes `<=`.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('=');
    await page.keyboard.press(`${MOD}+S`);
    await page.locator('.editor-instance .view-line', { hasText: 'return celsius <= 0;' }).waitFor();
    await page.locator('.tab.active:not(.dirty)', { hasText: 'temperature.js' }).waitFor();
  });

  it('step 3: the agent change across three files brings a nudge when it stops', async () => {
    await runCommand('Demo AI: Make an Agent Change');
    const nudge = await notification('AI just wrote');
    const text = await nudge.innerText();
    assert.match(text, /AI just wrote \d+ lines across 3 files in one go/);
    for (const button of ['Show diff', 'Mark reviewed', 'Why?']) assert.ok(text.includes(button), `${button} in ${text}`);
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await shot('4-nudge');
  });

  it('step 4: running the tests in the terminal clears the marks', async () => {
    await terminalWithPrompt(page);
    await page.keyboard.type('npm test\n', { delay: 10 });
    // Deliberate saw the run (shell integration): no AI code is left unrun.
    await page.locator('.statusbar-item', { hasText: /AI lines? not run/ }).waitFor({ state: 'detached', timeout: 60_000 });
    await shot('5-tests');
  });

  it('step 5 and 6: committing, then My Progress shows the AI edits, their fate and the run before the commit', async () => {
    await terminalWithPrompt(page);
    await page.keyboard.type('git add -A && git commit -qm "Freezing point and forecast"\n', { delay: 10 });
    await runCommand('View: Hide Panel');
    await runCommand('Deliberate: Focus on My Progress View');
    const view = await webviewViewFrame(page, 'My Progress');
    await view.locator('h1', { hasText: 'Your progress' }).waitFor({ timeout: 30_000 });
    // The view refreshes as the store changes: wait for the commit's fates to arrive.
    await view.locator('figure[data-chart="fates"] figcaption', { hasText: /[1-9]\d* reached a commit/ }).waitFor({ timeout: 90_000 });
    const aiEdits = Number(await view.locator('#sources .stat', { hasText: 'AI edits' }).locator('.stat-value').innerText());
    assert.ok(aiEdits >= 2, `${aiEdits} AI edits (the suggestion and the agent's)`);
    await view.locator('#validation .stat-value', { hasText: /^[1-9]\d*%$/ }).first().waitFor({ timeout: 30_000 });
    await shot('6-progress');
  });

  describe("Deliberate's views, in every theme, narrow and wide", () => {
    async function setColorTheme(theme: string): Promise<void> {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>Preferences: Color Theme');
      await page.locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
      for (let i = 0; i < 40 && (await input.inputValue()).startsWith('>'); i++) await page.waitForTimeout(100);
      await input.fill(theme);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    }

    const panel = (): Promise<FrameLocator> => editorWebviewFrame(page);

    /** Fails when anything in the frame makes it scroll sideways. */
    async function assertNoSidewaysScroll(frame: FrameLocator, what: string): Promise<void> {
      const { scroll, client } = await frame.locator('body').evaluate((b) => ({ scroll: b.ownerDocument.documentElement.scrollWidth, client: b.ownerDocument.documentElement.clientWidth }));
      assert.ok(scroll <= client + 1, `${what} scrolls sideways: ${scroll} px of content in ${client} px`);
    }

    it('the evidence page opens at the section asked for', async () => {
      await runCommand('Deliberate: Why These Habits? Show the Evidence');
      await page.locator('.tab.active', { hasText: 'Why These Habits' }).waitFor();
      await (await panel()).locator('h1', { hasText: 'What the coaching rests on' }).waitFor();
      // From My Progress: a habit's "The studies" opens the evidence at that habit.
      await runCommand('Deliberate: Focus on My Progress View');
      const progress = await webviewViewFrame(page, 'My Progress');
      const validate = progress.locator('article.habit[data-habit="validate"]');
      await validate.locator('summary', { hasText: 'Why this matters' }).click();
      await validate.locator('a', { hasText: 'The studies' }).click();
      await (await panel()).locator('section.target[data-section="validate"]').waitFor();
      await shot('evidence-validate');
    });

    it("today's habits and the hook setup are read-only pages, never documents to save", async () => {
      await runCommand("Deliberate: Show Today's Habits");
      await page.locator('.tab.active', { hasText: "Today's Habits" }).waitFor();
      const habits = await panel();
      await habits.locator('h1', { hasText: "Today's habits" }).waitFor();
      assert.equal(await habits.locator('text=n/a').count(), 0);
      await shot('habits');
      await runCommand('Deliberate: Show Agent Hook Setup');
      await page.locator('.tab.active', { hasText: 'Agent Hook Setup' }).waitFor();
      await (await panel()).locator('button.copy').first().waitFor();
      await shot('hook-setup');
      // Neither is an editor with unsaved changes.
      assert.equal(await page.locator('.tab.dirty').count(), 0);
    });

    it('What Deliberate Sees names files, says when, and has one primary action', async () => {
      await runCommand('Deliberate: Show What Deliberate Sees');
      await page.locator('.tab.active', { hasText: 'What Deliberate Sees' }).waitFor();
      const view = await panel();
      await view.locator('h1', { hasText: 'What Deliberate sees' }).waitFor();
      await view.locator('td.file[title="src/temperature.js"]', { hasText: 'temperature.js' }).first().waitFor();
      assert.equal(await view.locator('td', { hasText: /^d\d+$/ }).count(), 0, 'no document ids');
      assert.equal(await view.locator('.actions button:not(.secondary)').count(), 1, 'one primary button');
      await shot('what-deliberate-sees');
    });

    it('reads well in dark, light and high contrast, with the sidebar narrow and wide', async () => {
      await runCommand('View: Close All Editors');
      await runCommand('Deliberate: Focus on My Progress View');
      const sidebar = await webviewViewFrame(page, 'My Progress');
      await sidebar.locator('h1', { hasText: 'Your progress' }).first().waitFor();
      for (const [theme, name] of [
        ['Dark Modern', 'dark'],
        ['Light Modern', 'light'],
        ['Dark High Contrast', 'high-contrast'],
        ['Light High Contrast', 'high-contrast-light'],
      ] as const) {
        await setColorTheme(theme);
        await sidebar.locator('article.habit').first().waitFor();
        await assertNoSidewaysScroll(sidebar, `My Progress (${theme})`);
        await shot(`views-${name}`);
      }
      await setColorTheme('Light 2026');
      // Narrow and wide sidebar: drag the sash on the sidebar's edge, as a person would.
      for (const [width, name] of [
        [220, 'narrow'],
        [560, 'wide'],
      ] as const) {
        const edge = await page.evaluate(() => {
          const sidebar = document.querySelector('.part.sidebar')!.getBoundingClientRect();
          const sash = [...document.querySelectorAll('.monaco-sash.vertical')].map((e) => e.getBoundingClientRect()).find((r) => r.height > 100 && Math.abs(r.left + r.width / 2 - sidebar.right) < 6);
          return sash ? { x: sash.left + sash.width / 2, y: sash.top + sash.height / 2, left: sidebar.left } : undefined;
        });
        assert.ok(edge, "the sash on the sidebar's edge");
        await page.mouse.move(edge.x, edge.y);
        await page.mouse.down();
        await page.mouse.move(edge.left + width, edge.y, { steps: 8 });
        await page.mouse.up();
        await sidebar.locator('article.habit').first().waitFor();
        await assertNoSidewaysScroll(sidebar, `My Progress (${name} sidebar)`);
        await shot(`views-${name}`);
      }
    });
  });
});
