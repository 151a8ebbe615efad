import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifacts, editorWebviewFrame, MOD, openWorkbench, runCommand as runPaletteCommand } from './workbenchSession';

/**
 * The ui layer: Debian's Chromium drives the real workbench served by code-server, as a
 * person would, with keyboard and mouse. scripts/test.mjs starts code-server with the
 * packaged VSIX installed and passes its URL in the environment.
 */

describe('workbench, as a person uses it', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;

  before(async function () {
    ({ browser, page } = await openWorkbench({ waitForDeliberate: false }));
  });

  after(async () => {
    await browser?.close();
  });

  const runCommand = (title: string) => runPaletteCommand(page, title);

  it('shows the Deliberate status bar item, saying it is on', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'Deliberate' });
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    const label = (await item.locator('a, .statusbar-item-label').first().getAttribute('aria-label')) ?? (await item.getAttribute('aria-label')) ?? '';
    assert.match(label, /Deliberate is on/);
    await page.locator('.part.statusbar').screenshot({ path: path.join(artifacts, 'status-bar.png') });
  });

  it('opens the menu of Deliberate commands from the status bar item', async () => {
    await page.locator('.statusbar-item', { hasText: 'Deliberate' }).click();
    const rows = page.locator('.quick-input-widget .monaco-list-row');
    await rows.first().waitFor();
    const labels = await rows.allInnerTexts();
    assert.ok(labels.some((l) => l.includes('Show My Progress')), JSON.stringify(labels));
    assert.ok(labels.some((l) => l.includes('Show What Deliberate Sees')), JSON.stringify(labels));
    await page.screenshot({ path: path.join(artifacts, 'status-menu.png') });
    // The list scrolls; typing finds the commands further down, as a person would.
    await page.locator('.quick-input-widget input').fill('observation');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Turn Observation On or Off' }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('counts what the person types, shown by a command run from the palette', async () => {
    // Open a file with Quick Open and type into it with the real keyboard.
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
    await page.keyboard.type('\n// typed by a person\n', { delay: 20 });

    await runCommand('Deliberate: Show What Deliberate Sees');
    const tab = page.locator('.tab', { hasText: 'What Deliberate Sees' });
    await tab.waitFor();
    const view = await editorWebviewFrame(page);
    await view.locator('h1', { hasText: 'What Deliberate sees' }).waitFor();
    const edits = view.locator('.summary div', { hasText: 'Edits' }).locator('dd');
    // Every keystroke is one edit; the view must have counted at least the characters typed.
    let count = 0;
    for (let i = 0; i < 40 && count < 20; i++) {
      count = Number(await edits.first().innerText());
      if (count < 20) await page.waitForTimeout(250);
    }
    assert.ok(count >= 20, `the view counted ${count} edits`);
    // Each keystroke is attributed, live, to the person typing.
    await view.locator('td', { hasText: /^Typed$/ }).first().waitFor();
    assert.equal(await view.locator('.summary div', { hasText: 'AI-written characters' }).locator('dd').innerText(), '0');
    await page.screenshot({ path: path.join(artifacts, 'what-deliberate-sees.png') });
  });

  it('reviews the repository history from the palette and shows the comparison', async () => {
    await runCommand('View: Close All Editors');
    await runCommand('Deliberate: Review AI Code in Repository History');
    await page.locator('.tab', { hasText: 'AI Code in Repository History' }).waitFor();
    const view = await editorWebviewFrame(page);
    await view.locator('h1', { hasText: 'AI code in repository history' }).waitFor();
    // The demo workspace is a fresh repository with one commit and no AI trailers.
    await view.locator('.notice', { hasText: 'No AI-assisted commits found' }).waitFor();
    const other = view.locator('#churn tbody tr', { hasText: 'Other commits' });
    assert.deepEqual((await other.locator('td').allInnerTexts()).slice(0, 1), ['1']);
    await view.locator('h2', { hasText: 'What these figures mean' }).waitFor();
    await page.screenshot({ path: path.join(artifacts, 'history-review.png') });
  });

  it("an agent's large edit brings a nudge at its end, and hovering the AI code says what is known", async () => {
    // Runs last: it makes AI code, which the counts above assume there is none of.
    const workspace = process.env.DELIBERATE_WORKSPACE;
    assert.ok(workspace, 'DELIBERATE_WORKSPACE is set by scripts/test.mjs');
    const file = path.join(workspace, 'src', 'stats.ts');
    writeFileSync(file, '// statistics helpers\n');
    // Back to the workbench (the last test left a webview panel focused), then Quick Open.
    await runCommand('View: Close All Editors');
    // Quick Open finds a new file once the file watcher has seen it: try again until it does.
    const input = page.locator('.quick-input-widget input');
    for (let attempt = 0; ; attempt++) {
      await page.waitForTimeout(1000);
      await page.keyboard.press(`${MOD}+P`);
      await input.waitFor();
      await input.fill('stats.ts');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'stats.ts' }).first();
      try {
        await row.waitFor({ timeout: 5000 });
        break;
      } catch (error) {
        await page.keyboard.press('Escape');
        if (attempt === 5) throw error;
      }
    }
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'stats.ts' }).waitFor();
    await page.waitForTimeout(1000);
    // An agent edits the open file on disk and says so through its hook (deliberate checkpoint).
    const cliPath = path.resolve('dist', 'cli.js');
    execFileSync(process.execPath, [cliPath, 'checkpoint', '--agent', 'demo-agent', '--phase', 'pre', file]);
    const body = Array.from({ length: 90 }, (_, k) => `export const c${k} = ${k} * 2; // derived value ${k}`).join('\n');
    writeFileSync(file, `// statistics helpers\n${body}\n`);
    execFileSync(process.execPath, [cliPath, 'checkpoint', '--agent', 'demo-agent', '--phase', 'post', file]);
    // The burst ends 8 s after the agent's last edit; the nudge comes then, as a notification.
    // A toast, or (when the workbench already moved it there) the notification center.
    let shown = page.locator('.notification-toast', { hasText: 'AI just wrote' });
    try {
      await shown.waitFor({ timeout: 30_000 });
    } catch {
      await runCommand('Notifications: Show Notifications');
      shown = page.locator('.notifications-center .notification-list-item', { hasText: 'AI just wrote' });
      await shown.waitFor({ timeout: 10_000 });
    }
    const text = await shown.innerText();
    assert.match(text, /AI just wrote 90 lines across 1 file in one go/);
    for (const button of ['Show diff', 'Mark reviewed', 'Not useful', 'Snooze', 'Why?']) assert.ok(text.includes(button), `${button} in ${text}`);
    await page.screenshot({ path: path.join(artifacts, 'nudge.png') });
    // Hover the AI code: when it was written, not run yet, and the actions.
    await page.keyboard.press('Escape');
    await page.locator('.editor-instance .view-line', { hasText: 'derived value 3' }).first().hover({ position: { x: 60, y: 8 } });
    const hover = page.locator('.monaco-hover', { hasText: 'AI-written' });
    await hover.waitFor({ timeout: 15_000 });
    assert.match(await hover.innerText(), /AI-written (just now|\d+ min ago) · not run yet/);
    await page.screenshot({ path: path.join(artifacts, 'ai-code-hover.png') });
  });
});
