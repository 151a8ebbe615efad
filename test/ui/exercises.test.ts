import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { ExerciseView, openWorkbenchWithStandIn, Person, useSuggestions, workspace, writeWorkspaceFile } from './exerciseStandIn';
import { artifacts, MOD, runCommand as runPaletteCommand, terminalWithPrompt, webviewViewFrame } from './workbenchSession';

/**
 * The Exercise view mid-exercise and the onboarding walkthrough, then every built-in exercise
 * completed through real editor actions, driven with the keyboard and mouse in the real
 * workbench: suggestions from a stand-in inline completion provider accepted with Tab (or word
 * by word), undo, typing, saving, `npm test` and `git commit` in the terminal, an agent played
 * there with `deliberate checkpoint` before and after a write to disk. Where a step waits, the
 * view's "not yet" reasons are read as a person would read them.
 */

/** What the stand-in AI suggests after each trigger. */
const SUGGESTIONS: Record<string, string> = {
  aiHalf: '(x: number): number {\n  return x / 2;\n}',
  aiRetry: ' = computeFirst();',
  aiCheck: ' = [1, 2, 3].map((n) => n * 2);',
  aiFirst: ' = 1;',
  aiSecond: ' = 2;',
  aiThird: ' = 3;',
  aiStepOne: ' = 1;',
  aiStepTwo: ' = 2;',
  aiStepThree: ' = 3;',
  aiSmallOne: ' = "one";',
  aiSmallTwo: ' = "two";',
  aiArea: '(w: number, h: number): number {\n  return w * h;\n}',
  aiBroken: ": number = 'oops';",
  aiPart: 'Sum(alpha, beta) + computeTotal(gamma);',
};

/** One file per exercise, in the demo workspace (a git repository). */
const FILES: Record<string, string> = {
  'src/ui-improve.ts': '// improve\n',
  'src/ui-retry.ts': '// retry\n',
  'src/ui-agent.ts': 'export const rate = 1;\n',
  'src/ui-tested.ts': 'export const base = 2;\n',
  'src/ui-check.ts': '// check\n',
  'src/ui-validated.ts': '// validated\n',
  'src/ui-steps.ts': '// steps\n',
  'src/ui-small.ts': '// small\n',
  'src/ui-doc.ts': '// doc\n',
  'src/ui-fix.ts': '// fix\n',
  'src/ui-part.ts': '// part\n',
};

describe('exercises and walkthrough, as a person sees them', function () {
  this.timeout(180_000);
  let browser: Browser;
  let page: Page;

  before(async function () {
    // VS Code for the Web (code-server) saves after a delay by default; these exercises are about
    // saving on purpose, as desktop VS Code does by default.
    const settingsFile = path.join(path.dirname(workspace), 'user-data', 'User', 'settings.json');
    writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(readFileSync(settingsFile, 'utf8')), 'files.autoSave': 'off' }, null, 2));
    useSuggestions(SUGGESTIONS);
    for (const [file, text] of Object.entries(FILES)) writeWorkspaceFile(file, text);
    ({ browser, page } = await openWorkbenchWithStandIn({ height: 1000 }));
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

  describe('every built-in exercise, completed through the editor', () => {
    let me: Person;
    let view: ExerciseView;

    before(async () => {
      me = new Person(page);
      view = new ExerciseView(page);
      await me.clearNotifications();
    });

    afterEach(async function () {
      const name = (this.currentTest?.title ?? 'exercise').replace(/[^\w]+/g, '-').slice(0, 60);
      await page.screenshot({ path: path.join(artifacts, `exercise-${name}.png`) });
      await me.clearNotifications();
    });

    /** Starts an exercise from the palette; the view shows it at step 0 and what its first step waits for. */
    async function start(title: string, steps: number): Promise<void> {
      await me.startExercise(title, () => view.at(title, 0, steps, 20_000));
      await view.waitingFor();
    }

    it('iterate, Improve a suggestion before you save: typing after the suggestion is not a revision (the view says so); inside it is', async () => {
      const title = 'Improve a suggestion before you save';
      await start(title, 3);
      await me.edit('ui-improve.ts');
      await me.type('export function ');
      await me.acceptSuggestion('aiHalf', 'return x / 2;');
      await view.at(title, 1, 3);
      await view.waitingFor('your own changes to at least 10% of an AI edit');
      // On a new line after it: not a revision, and the view says why.
      await me.press('End');
      await me.press('Enter');
      await me.type('// half');
      await view.saw('your edit in src/ui-improve.ts was outside the AI edit');
      // Inside it: " * 1.0" before the semicolon.
      await me.press('ArrowUp', 2);
      await me.press('End');
      await me.press('ArrowLeft');
      await me.type(' * 1.0');
      await view.at(title, 2, 3);
      await me.save('ui-improve.ts');
      await view.at(title, 3, 3);
    });

    it('iterate, Reject and ask again: accept, undo, accept a new attempt', async () => {
      const title = 'Reject and ask again';
      await start(title, 3);
      await me.edit('ui-retry.ts');
      await me.type('const ');
      await me.acceptSuggestion('aiRetry', 'computeFirst()');
      await view.at(title, 1, 3);
      await me.press(`${MOD}+Z`);
      await view.at(title, 2, 3);
      // Ask again: Alt+\\ triggers the suggestion where the cursor is.
      await me.press('Alt+Backslash');
      await me.ghost();
      await me.press('Tab');
      await me.line('computeFirst()');
      await view.at(title, 3, 3);
    });

    it("iterate, Edit the agent's change before committing", async () => {
      const title = "Edit the agent's change before committing";
      await start(title, 3);
      await me.edit('ui-agent.ts');
      await me.agentAppends('src/ui-agent.ts', '\nexport function withRate(x: number): number {\n  return x * rate;\n}\n');
      await view.at(title, 1, 3);
      await me.edit('ui-agent.ts');
      await me.press('ArrowUp', 2);
      await me.press('End');
      await me.press('ArrowLeft');
      await me.type(' * 100');
      await view.at(title, 2, 3);
      await me.save('ui-agent.ts');
      await me.commit('Revise the agent change');
      await view.at(title, 3, 3);
    });

    it('iterate, Take only the part of a suggestion you want: word by word, then your own words', async () => {
      const title = 'Take only the part of a suggestion you want';
      await start(title, 3);
      await me.edit('ui-part.ts');
      await me.type('export const total = ');
      await me.type('aiPart');
      await me.ghost();
      // One word of it ("Sum"), and no more: the rest of the grey text goes with Escape.
      await me.press(`${MOD}+ArrowRight`);
      await view.at(title, 1, 3);
      await me.press('Escape');
      await me.line('total = aiPartSum');
      await me.type('(mine, ours);');
      await view.at(title, 2, 3);
      await me.save('ui-part.ts');
      await view.at(title, 3, 3);
    });

    it('validate, Run the tests after an agent edit: a command that is no test is named, npm test counts, then the commit', async () => {
      const title = 'Run the tests after an agent edit, before committing';
      await start(title, 3);
      await me.edit('ui-tested.ts');
      await me.agentAppends('src/ui-tested.ts', '\nexport function twiceBase(): number {\n  return base * 2;\n}\n');
      await view.at(title, 1, 3);
      await view.waitingFor("a test run that starts after an agent's edit of this exercise");
      await me.shell('echo checking');
      await view.saw('`echo` ran in a terminal, but it is not a test, build or lint command Deliberate knows');
      await me.shell('npm test');
      await view.at(title, 2, 3);
      await me.commit('Tested agent change');
      await view.at(title, 3, 3);
    });

    it('validate, Check an accepted suggestion by running it', async () => {
      const title = 'Check an accepted suggestion by running it';
      await start(title, 3);
      await me.edit('ui-check.ts');
      await me.type('export const ');
      await me.acceptSuggestion('aiCheck', 'map((n) => n * 2)');
      await view.at(title, 1, 3);
      await me.shell('npm test');
      await view.at(title, 2, 3);
      await me.edit('ui-check.ts');
      await me.save('ui-check.ts');
      await view.at(title, 3, 3);
    });

    it('validate, Commit only code you have run: a commit with an unrun AI edit waits, and says why', async () => {
      const title = 'Commit only code you have run';
      await start(title, 4);
      await me.edit('ui-validated.ts');
      await me.type('export const ');
      await me.acceptSuggestion('aiFirst', 'aiFirst = 1;');
      await view.at(title, 1, 4);
      await me.press('Enter');
      await me.type('export const ');
      await me.acceptSuggestion('aiSecond', 'aiSecond = 2;');
      await view.at(title, 2, 4);
      await me.shell('npm test');
      await view.at(title, 3, 4);
      // A third AI edit, committed before any run covers it: not yet.
      await me.edit('ui-validated.ts');
      await me.press('Enter');
      await me.type('export const ');
      await me.acceptSuggestion('aiThird', 'aiThird = 3;');
      await me.save('ui-validated.ts');
      await me.commit('Unrun third');
      await view.saw('a commit, but 1 AI edit in it was not run first: run the tests, then commit again');
      await page.screenshot({ path: path.join(artifacts, 'exercise-not-yet.png') });
      await me.shell('npm test');
      await me.edit('ui-validated.ts');
      await me.press('Enter');
      await me.type('// all run');
      await me.save('ui-validated.ts');
      await me.commit('All run');
      await view.at(title, 4, 4);
    });

    it('decompose, Ask for a change in three small steps, each looked at before the next', async () => {
      const title = 'Ask for a change in three small steps';
      await start(title, 6);
      await me.edit('ui-steps.ts');
      for (const [k, trigger] of ['aiStepOne', 'aiStepTwo', 'aiStepThree'].entries()) {
        await me.type('export const ');
        await me.acceptSuggestion(trigger, `${trigger} = ${k + 1};`);
        await view.at(title, 2 * k + 1, 6);
        await me.press('ArrowLeft'); // a look at it
        await view.at(title, 2 * k + 2, 6);
        await me.press('End');
        await me.press('Enter');
      }
    });

    it('decompose, One small AI step per commit', async () => {
      const title = 'One small AI step per commit';
      await start(title, 6);
      for (const [k, trigger] of ['aiSmallOne', 'aiSmallTwo'].entries()) {
        await me.edit('ui-small.ts');
        await me.press('Enter');
        await me.type('export const ');
        await me.acceptSuggestion(trigger, `${trigger} = "${k === 0 ? 'one' : 'two'}";`);
        await view.at(title, 3 * k + 1, 6);
        await me.save('ui-small.ts');
        await me.shell('npm test');
        await view.at(title, 3 * k + 2, 6);
        await me.commit(`Small step ${k + 1}`);
        await view.at(title, 3 * k + 3, 6);
      }
    });

    it('learn, Write the doc comment yourself', async () => {
      const title = 'Write the doc comment yourself';
      await start(title, 3);
      await me.edit('ui-doc.ts');
      await me.type('export function ');
      await me.acceptSuggestion('aiArea', 'return w * h;');
      await view.at(title, 1, 3);
      await me.press(`${MOD}+Home`);
      await me.press('End');
      await me.type(': the area of a w by h rectangle');
      await view.at(title, 2, 3);
      await me.save('ui-doc.ts');
      await view.at(title, 3, 3);
    });

    it('learn, Fix an error by hand: the view says what error it saw, and your fix clears it', async () => {
      const title = 'Fix an error by hand';
      await start(title, 2);
      await me.edit('ui-fix.ts');
      await me.type('export const ');
      await me.acceptSuggestion('aiBroken', "aiBroken: number = 'oops';");
      await view.at(title, 1, 2);
      await view.saw('1 error in src/ui-fix.ts after the AI edit: now clear it with your own edits', 90_000);
      await me.press('End');
      await me.press('Backspace', "'oops';".length);
      await me.type('42;');
      await view.at(title, 2, 2, 90_000);
    });
  });
});
