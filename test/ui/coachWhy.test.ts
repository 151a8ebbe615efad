import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { openWorkbenchWithStandIn, Person, useSuggestions, writeWorkspaceFile } from './exerciseStandIn';
import { artifacts } from './workbenchSession';

/**
 * A nudge's "Why?" as a person meets it: the hint before a commit of AI code never run, "Why?"
 * on it says what they did (their file, when, how much) and one line of evidence with the study
 * one click away; closing that dialog is interest, not a dismissal, so the next such commit is
 * hinted again (a dismissal would quiet the kind for 4 hours). Then "That was me" in the AI
 * code's hover: the marks and the count of AI lines not run go.
 */
describe('a nudge\'s "Why?" and "That was me", as a person sees them', function () {
  this.timeout(240_000);
  let browser: Browser;
  let page: Page;
  let me: Person;

  const HINT = /\d+ AI edits? \(\d+ lines? in 1 file\) (is|are) staged without a test, build or lint run since written|You committed \d+ AI edits? \(\d+ lines? in 1 file\) that no test, build or lint run covered/;
  const TWELVE = Array.from({ length: 12 }, (_, k) => `  total += ${k};`).join('\n');
  before(async () => {
    useSuggestions({
      aiFirstSum: `(): number {\n  let total = 0;\n${TWELVE}\n  return total;\n}`,
      aiSecondSum: `(): number {\n  let total = 1;\n${TWELVE}\n  return total;\n}`,
      aiThirdSum: `(): number {\n  let total = 2;\n${TWELVE}\n  return total;\n}`,
    });
    writeWorkspaceFile('src/ui-why.ts', '// why\n');
    writeWorkspaceFile('src/ui-why2.ts', '// why again\n');
    writeWorkspaceFile('src/ui-mine.ts', '// mine\n');
    ({ browser, page } = await openWorkbenchWithStandIn({ height: 900 }));
    me = new Person(page);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const name = (this.currentTest.title ?? 'test').replace(/[^\w]+/g, '-').slice(0, 60);
    await page.screenshot({ path: path.join(artifacts, `failed-why-${name}.png`) });
  });

  after(async () => {
    await browser?.close();
  });

  /**
   * A notification with this text, as a toast or in the notification center (the workbench
   * does not always show a toast: a notification that came while another was shown, or while
   * the terminal had focus, may be in the center only).
   */
  async function notification(text: string | RegExp): Promise<Locator> {
    const toast = page.locator('.notification-toast', { hasText: text }).last();
    const item = page.locator('.notifications-center .notification-list-item', { hasText: text }).last();
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline) {
      try {
        await toast.waitFor({ timeout: 5_000 });
        return toast;
      } catch {
        if ((await page.locator('.notifications-center.visible').count()) === 0) await me.command('Notifications: Show Notifications');
        try {
          await item.waitFor({ timeout: 5_000 });
          return item;
        } catch {
          await me.command('Notifications: Hide Notifications');
        }
      }
    }
    throw new Error(`no notification ${String(text)} within 45 s`);
  }

  async function aiCodeCommittedUnrun(file: string, trigger: string, message: string): Promise<void> {
    await me.edit(file);
    await me.type('export function ');
    await me.acceptSuggestion(trigger, 'return total;');
    await me.save(file);
    await me.commit(message);
  }

  it('"Why?" says what you did, with your file, the time and how much, then one line of evidence and the study', async () => {
    await aiCodeCommittedUnrun('ui-why.ts', 'aiFirstSum', 'First sum');
    // Staging (git add) brings the hint before the commit; a commit without staging in VS Code brings it at the commit.
    const hint = await notification(HINT);
    await hint.locator('.monaco-button', { hasText: 'Why?' }).click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, /Why am I seeing this\? AI code going into a commit has not been run\./);
    assert.match(text, /What you did: AI code went toward a commit without a test, build, lint or debug run after it was written\./);
    assert.match(text, /src\/ui-why\.ts: 1 inline suggestion, 16 lines \(\d+ characters\), at \d\d:\d\d/);
    assert.match(text, /Why it matters: Verified work \(a run, passing tests\) came in 28-33% of experienced Claude Code sessions against 15% of novice ones\./);
    for (const button of ['Open the Study', 'That Was Me', 'Try the Exercise', 'Run tests', 'Not useful']) {
      assert.ok(await dialog.locator('.monaco-button', { hasText: button }).count(), `${button} in the dialog`);
    }
    await page.screenshot({ path: path.join(artifacts, 'nudge-why.png') });
    // Read, then closed: interest, not a dismissal.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('closing "Why?" did not dismiss the nudge: the next commit of unrun AI code is hinted again', async () => {
    await me.clearNotifications();
    await aiCodeCommittedUnrun('ui-why2.ts', 'aiSecondSum', 'Second sum');
    await notification(HINT);
  });

  it('"That was me" in the hover of AI code: the marks and the count of AI lines not run go', async () => {
    await me.clearNotifications();
    await me.edit('ui-mine.ts');
    await me.type('export function ');
    await me.acceptSuggestion('aiThirdSum', 'return total;');
    const status = page.locator('.statusbar-item', { hasText: /AI lines? not run/ });
    await status.waitFor({ timeout: 30_000 });
    const lens = page.locator('.editor-instance .codelens-decoration', { hasText: 'That was me' }).first();
    await lens.waitFor({ timeout: 30_000 });
    // Hover the AI code: the hover offers "That was me".
    // Hover the text itself (past the end of a line, the editor shows no hover).
    await page.locator('.editor-instance .view-line', { hasText: 'let total = 2;' }).first().hover({ position: { x: 40, y: 8 } });
    const link = page.locator('.monaco-hover a', { hasText: 'That was me' }).first();
    await link.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(artifacts, 'that-was-me-hover.png') });
    await link.click();
    await notification(/noted\. That edit counts as yours now/);
    await lens.waitFor({ state: 'detached', timeout: 30_000 });
    await status.waitFor({ state: 'detached', timeout: 30_000 });
  });
});
