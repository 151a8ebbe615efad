import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifacts, MOD, openWorkbench, runCommand as runPaletteCommand, terminalWithPrompt, webviewViewFrame } from './workbenchSession';

/**
 * The Exercise view mid-exercise and the onboarding walkthrough, driven with the keyboard
 * and mouse in the real workbench. The agent is played in the integrated terminal: a
 * `deliberate checkpoint` before and after a write to disk, as an agent's hooks would.
 */

describe('exercises and walkthrough, as a person sees them', function () {
  this.timeout(180_000);
  let browser: Browser;
  let page: Page;

  before(async function () {
    ({ browser, page } = await openWorkbench());
  });

  after(async () => {
    await browser?.close();
  });

  const runCommand = (title: string) => runPaletteCommand(page, title);

  async function pick(label: string): Promise<void> {
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(label);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
    await page.keyboard.press('Enter');
  }

  it('opens the onboarding walkthrough from the palette', async () => {
    await runCommand('Welcome: Open Walkthrough...');
    await pick('Get started with Deliberate');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.locator('h2', { hasText: 'Get started with Deliberate' }).waitFor();
    for (const title of ['The four habits', 'Get a place to practise', 'Start an exercise', 'Finish one', 'Share settings with your team']) {
      await walkthrough.locator('.getting-started-step', { hasText: title }).first().waitFor();
    }
    assert.equal(await walkthrough.locator('.getting-started-step', { hasText: 'Start an exercise' }).first().getAttribute('aria-checked'), 'false');
    await page.screenshot({ path: path.join(artifacts, 'walkthrough.png') });
  });

  it('shows the Exercise view mid-exercise: the agent step done, the test step current, every step name in full', async () => {
    // The file the agent will change is open, as it would be while a person works.
    await page.keyboard.press(`${MOD}+P`);
    await pick('temperature.js');
    await page.locator('.editor-instance .monaco-editor').first().waitFor();

    await runCommand('Deliberate: Start an Exercise');
    await pick('Run the tests after an agent edit');
    const view = await webviewViewFrame(page, 'Exercise');
    const step = (text: string) => view.locator('li.step', { hasText: text });
    await view.locator('h2', { hasText: 'Run the tests after an agent edit, before committing' }).waitFor();
    await step('Have an agent edit a file').and(view.locator('[data-state="current"]')).waitFor();

    // The agent, in the terminal: checkpoint, write, checkpoint.
    await terminalWithPrompt(page);
    const cli = '"$XDG_DATA_HOME/../extensions/deliberate.deliberate-0.1.0/dist/cli.js"';
    await page.keyboard.type(
      `node ${cli} checkpoint --agent ui-agent --phase pre src/temperature.js; sleep 1; printf '\\nexport const boiling = 100;\\n' >> src/temperature.js; node ${cli} checkpoint --agent ui-agent --phase post src/temperature.js\n`,
      { delay: 5 },
    );
    await step('Have an agent edit a file').and(view.locator('[data-state="done"]')).waitFor({ timeout: 30_000 });
    await step('Run the tests').and(view.locator('[data-state="current"]')).waitFor();
    assert.equal(await view.locator('.meta').innerText(), 'Validate · step 2 of 3');
    // Step names wrap: none is cut off at the sidebar's width.
    for (const title of await view.locator('li.step .title').all()) {
      const { scroll, client } = await title.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
      assert.ok(scroll <= client + 1, `"${await title.innerText()}" fits (${scroll} in ${client} px)`);
    }
    await runCommand('View: Hide Panel');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await page.screenshot({ path: path.join(artifacts, 'exercise-view.png') });
  });

  it('checks off the walkthrough step once an exercise is started, not the one for finishing it', async () => {
    await page.locator('.tab', { hasText: 'Welcome' }).click();
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.locator('.getting-started-step[aria-checked="true"]', { hasText: 'Start an exercise' }).waitFor({ timeout: 15_000 });
    assert.equal(await walkthrough.locator('.getting-started-step', { hasText: 'Finish one' }).first().getAttribute('aria-checked'), 'false');
    await page.screenshot({ path: path.join(artifacts, 'walkthrough-progress.png') });
  });
});
