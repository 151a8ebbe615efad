import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifacts, editorWebviewFrame, MOD, openWorkbench, runCommand } from './workbenchSession';

/**
 * A paste with the real keyboard in the browser workbench is the person's own text: Deliberate
 * sees it through VS Code's paste API (never by reading the clipboard, which in a browser
 * would ask for permission) and counts it as pasted, not as AI.
 */
describe('paste, as a person does it', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    ({ browser, page } = await openWorkbench());
  });
  after(async () => {
    await browser?.close();
  });

  it('copies three lines and pastes them elsewhere: counted as pasted, no AI, no clipboard prompt', async () => {
    await page.keyboard.press(`${MOD}+P`);
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('hello.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'hello.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press(`${MOD}+End`);
    await page.keyboard.type('\nconst first = 1;\nconst second = 2;\nconst third = 3;\n', { delay: 10 });
    // Select the three lines just typed (Shift+Up three times from the line after them), copy, paste below.
    for (let k = 0; k < 3; k++) await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press(`${MOD}+C`);
    await page.keyboard.press(`${MOD}+End`);
    await page.keyboard.press(`${MOD}+V`);
    await page.locator('.view-line', { hasText: 'const third = 3;' }).nth(1).waitFor();

    await runCommand(page, 'Deliberate: Show What Deliberate Sees');
    const view = await editorWebviewFrame(page);
    await view.locator('h1', { hasText: 'What Deliberate sees' }).waitFor();
    // The by-label table shows the paste once it has settled (about a second).
    await view
      .locator('td', { hasText: /^Pasted$/ })
      .first()
      .waitFor({ timeout: 20_000 })
      .catch(async (error: Error) => {
        await page.screenshot({ path: path.join(artifacts, 'paste-failed.png') });
        throw new Error(`${error.message}\nWhat the view shows: ${(await view.locator('body').innerText()).slice(0, 3000)}`);
      });
    assert.equal(await view.locator('.summary div', { hasText: 'AI-written characters' }).locator('dd').innerText(), '0');
    // No notification about the browser's clipboard: Deliberate never read it.
    assert.equal(await page.locator('.notifications-toasts', { hasText: /clipboard/i }).count(), 0);
    await page.screenshot({ path: path.join(artifacts, 'paste.png') });
  });
});
