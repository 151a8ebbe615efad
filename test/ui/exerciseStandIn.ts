import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { MOD, openWorkbench, runCommand, webviewViewFrame } from './workbenchSession';

/**
 * A workbench with a stand-in AI, for ui tests that need AI edits made through the editor:
 * the corpus helper extension (test/corpus/helper-extension) is loaded as a development
 * extension beside the installed Deliberate. It is an inline completion provider that
 * suggests scripted text when the text before the cursor ends with a trigger (the test writes
 * the triggers into its control folder, `<workspace>/../control/suggestions.json`). The agent
 * is played in the terminal: `deliberate checkpoint` before and after a write to disk, as an
 * agent's hooks do. Everything else is the real keyboard.
 */
export const workspace = process.env.DELIBERATE_WORKSPACE ?? '';
const root = path.resolve(__dirname, '../../..');
export const CLI = '"$XDG_DATA_HOME/../extensions/deliberate.deliberate-0.1.0/dist/cli.js"';

/** Triggers and the text the stand-in suggests after each (a trigger must not end another). */
export function useSuggestions(suggestions: Record<string, string>): void {
  const control = path.join(path.dirname(workspace), 'control');
  mkdirSync(control, { recursive: true });
  writeFileSync(path.join(control, 'suggestions.json'), JSON.stringify(Object.entries(suggestions).map(([trigger, text]) => ({ trigger, text }))));
}

export async function openWorkbenchWithStandIn(options: { height?: number } = {}): Promise<{ browser: Browser; page: Page }> {
  const url = new URL(process.env.DELIBERATE_UI_URL ?? '');
  const helper = path.join(root, 'test', 'corpus', 'helper-extension');
  url.searchParams.set('payload', JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${url.host}${helper}`]]));
  process.env.DELIBERATE_UI_URL = url.toString();
  // The stand-in writes `ready` once its provider is registered; typing a trigger before that
  // asks nobody. Wait for this workbench's stand-in, not for time.
  const ready = path.join(path.dirname(workspace), 'control', 'ready');
  rmSync(ready, { force: true });
  const opened = await openWorkbench(options);
  const deadline = Date.now() + 180_000;
  while (!existsSync(ready)) {
    if (Date.now() > deadline) throw new Error('the stand-in AI extension did not start within 180 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return opened;
}

export function writeWorkspaceFile(relative: string, text: string): void {
  const file = path.join(workspace, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** What a person does in the workbench. */
export class Person {
  constructor(readonly page: Page) {}

  async pick(label: string, timeout = 30_000): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout });
    await input.fill(label, { timeout });
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Runs a command from the palette, and waits until the palette has closed on it. */
  async command(title: string): Promise<void> {
    await runCommand(this.page, title);
    await this.page.locator('.quick-input-widget input[placeholder="Type the name of a command to run."]').waitFor({ state: 'hidden' });
  }

  /**
   * Starts an exercise from the palette: waits for the exercise picker itself (not the palette
   * it replaces) before typing into it. If the workbench lost the picker (focus taken by a
   * notification or a view), Escape and ask again, once.
   */
  async startExercise(title: string, started: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const picker = this.page.locator('.quick-input-widget input[placeholder^="Pick a short exercise"]');
      try {
        await this.command('Deliberate: Start an Exercise');
        await picker.waitFor({ timeout: 20_000 });
        await picker.fill(title);
        await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
        await this.page.keyboard.press('Enter');
        await started();
        return;
      } catch (error) {
        if (attempt > 0) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Opens (or focuses) a file with Quick Open and puts the cursor at its end. */
  async edit(name: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.page.keyboard.press(`${MOD}+P`);
        await this.pick(name, attempt === 0 ? 10_000 : 30_000);
        break;
      } catch (error) {
        // Now and then Quick Open comes up inert (the workbench had not finished with the last
        // picker): say what was inert, close it and open it again, once.
        const inert = await this.page.evaluate(() => [...document.querySelectorAll('[inert]')].map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`).join(', '));
        console.log(`      (Quick Open for ${name} failed on attempt ${attempt + 1}; inert: ${inert || 'nothing'})`);
        if (attempt > 0) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
    await this.page.locator('.tab.active', { hasText: name }).waitFor();
    await this.page.locator('.editor-instance .monaco-editor.focused').waitFor();
    await this.page.keyboard.press(`${MOD}+End`);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 20 });
  }

  async press(key: string, times = 1): Promise<void> {
    for (let k = 0; k < times; k++) await this.page.keyboard.press(key);
  }

  /**
   * The stand-in's grey suggestion is on screen: waits for it. If none shows in 10 s (the
   * editor can drop a request made while it was busy), asks for one with Alt+\\ as a person
   * would, then waits again.
   */
  async ghost(): Promise<void> {
    const ghost = this.page.locator('.editor-instance .ghost-text-decoration, .editor-instance .ghost-text').first();
    if (await ghost.waitFor({ timeout: 10_000 }).then(() => true, () => false)) return;
    await this.page.keyboard.press('Alt+Backslash');
    await ghost.waitFor({ timeout: 30_000 });
  }

  /**
   * Types the trigger, waits for the grey suggestion and accepts it with Tab, then waits until
   * the text is in the document: the grey text gone and the line drawn as text. (Tab runs
   * Deliberate's accept command in the extension host, which runs VS Code's; a person sees the
   * text turn from grey to code before going on, and so does this.)
   */
  async acceptSuggestion(trigger: string, shows: string): Promise<void> {
    await this.type(trigger);
    await this.ghost();
    await this.page.keyboard.press('Tab');
    await this.page.locator('.editor-instance .ghost-text-decoration, .editor-instance .ghost-text').first().waitFor({ state: 'detached', timeout: 30_000 });
    await this.line(shows);
  }

  /**
   * An editor line with this text is on screen as text, not as a suggestion: the lines of the
   * document are in `.view-lines`; a multi-line suggestion's grey lines are drawn in a view
   * zone outside it.
   */
  async line(text: string): Promise<void> {
    await this.page.locator('.editor-instance .view-lines .view-line', { hasText: text }).first().waitFor();
  }

  async save(name: string): Promise<void> {
    await this.page.keyboard.press(`${MOD}+S`);
    await this.page.locator('.tab.active:not(.dirty)', { hasText: name }).waitFor();
  }

  /** Types a command line into the integrated terminal (a new one the first time). */
  async shell(commandLine: string): Promise<void> {
    if ((await this.page.locator('.terminal-wrapper.active .xterm').count()) === 0) await this.command('Terminal: Create New Terminal');
    else await this.command('Terminal: Focus Terminal');
    await this.page.locator('.terminal-wrapper.active .xterm-helper-textarea:focus').waitFor();
    await this.page.keyboard.type(`${commandLine}\n`, { delay: 5 });
  }

  /** A commit of everything, from the terminal (git's own identity given, as a scratch repository may have none). */
  commit(message: string): Promise<void> {
    return this.shell(`git add -A && git -c user.name=Ui -c user.email=ui@example.invalid commit -qm "${message}"`);
  }

  /** An agent's change to a file open in the editor: checkpoints around a write to disk. */
  agentAppends(relative: string, text: string): Promise<void> {
    const printf = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/'/g, "'\\''");
    return this.shell(
      `node ${CLI} checkpoint --agent ui-agent --phase pre ${relative}; sleep 1; printf '${printf}' >> ${relative}; node ${CLI} checkpoint --agent ui-agent --phase post ${relative}`,
    );
  }

  async clearNotifications(): Promise<void> {
    await this.command('Notifications: Clear All Notifications');
  }
}

/** The Exercise view (Deliberate's activity bar container), as a tree of rows. */
export class ExerciseView {
  constructor(private readonly page: Page) {}

  /** The Exercise view's content (a webview view), found where it is drawn now. */
  private frame(): Promise<FrameLocator> {
    return webviewViewFrame(this.page, 'Exercise');
  }

  /**
   * The view shows the exercise `title` with `k` of its `n` steps passed: "habit · step k+1 of n",
   * or "habit · done" (or "finished", with a step skipped) once all are.
   */
  async at(title: string, k: number, n: number, timeout = 60_000): Promise<void> {
    const view = await this.frame();
    await view.locator('h2', { hasText: title }).waitFor({ timeout });
    const meta = k >= n ? / · (done|finished)$/ : new RegExp(` · step ${k + 1} of ${n}$`);
    await view.locator('.meta', { hasText: meta }).waitFor({ timeout });
  }

  /** What the current step waits for, in words, is shown under it (any words when none are given). */
  async waitingFor(words: string | RegExp = /^Waiting for /): Promise<void> {
    const view = await this.frame();
    await view.locator('li.step[data-state="current"] .waiting', { hasText: words }).first().waitFor();
  }

  /** Something seen that did not count, shown under the current step ("Saw at 10:42: …"). */
  async saw(words: string | RegExp, timeout = 60_000): Promise<string> {
    const view = await this.frame();
    const row = view.locator('li.step[data-state="current"] .seen li', { hasText: /Saw at \d\d:\d\d: / }).filter({ hasText: words }).first();
    await row.waitFor({ timeout });
    return row.innerText();
  }
}
