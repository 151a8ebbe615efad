// Records the labelled corpus: node scripts/corpus/record.mjs [SCENARIO...]
//
// For each scenario (scripts/corpus/scenarios.mjs): a fresh copy of test/corpus/project in
// a git repository, code-server with the exact-sources Deliberate VSIX and the test-only corpus
// helper (both with the proposed textDocumentChangeReason API enabled), Chromium driven by
// Playwright with real keyboard input. Deliberate's own recorder ("Deliberate: Record Edit
// Trace", started from the command palette) writes the trace; scripts/corpus/label.mjs
// then adds labels from VS Code's edit sources and the scenario's phases, and the result
// goes to test/fixtures/corpus/<split>/<scenario>.jsonl.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createWriteStream, symlinkSync } from 'node:fs';
import { freePort, installExtension, launchChromium, startCodeServer } from '../lib/codeServer.mjs';
import { run, startProcess, stop, stopAll } from '../lib/processes.mjs';
import { cacheDir, ensureTools } from '../lib/tools.mjs';
import { packageVsix } from '../package.mjs';
import { labelTrace } from './label.mjs';
import { scenarios } from './scenarios.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const only = process.argv.slice(2);
const outDir = path.join(root, 'test', 'fixtures', 'corpus');
const ORIGINAL_PATH = process.env.PATH;

async function git(cwd, ...args) {
  const r = await run('git', ['-c', 'user.name=Corpus', '-c', 'user.email=corpus@deliberate.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd, timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.output}`);
}

async function makeProject(dir, settings, bin, env = {}) {
  cpSync(path.join(root, 'test', 'corpus', 'project'), dir, { recursive: true });
  mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  // A non-login bash, so that /etc/profile does not reset PATH and the stand-in agents are found.
  const terminal = {
    'terminal.integrated.profiles.linux': { corpus: { path: '/bin/bash', args: [] } },
    'terminal.integrated.defaultProfile.linux': 'corpus',
    'terminal.integrated.env.linux': { PATH: `${bin}:\${env:PATH}`, ...env },
  };
  writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'editor.acceptSuggestionOnEnter': 'off', ...terminal, ...settings }, null, 2));
  await git(dir, 'init', '-q');
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'start');
  await git(dir, 'checkout', '-q', '-b', 'feature');
  writeFileSync(path.join(dir, 'src', 'units.ts'), readFileSync(path.join(dir, 'src', 'units.ts'), 'utf8').replace('0.621371', '0.62137119'));
  writeFileSync(path.join(dir, 'src', 'forecast.ts'), readFileSync(path.join(dir, 'src', 'forecast.ts'), 'utf8').replace("  windKmh: number;\n", "  windKmh: number;\n  uvIndex?: number;\n"));
  await git(dir, 'commit', '-q', '-am', 'feature');
  await git(dir, 'checkout', '-q', 'main');
}

/** Claude Code's version the corpus drives (the team saw 2.1.197 behave as ai-routes.md describes). */
const CLAUDE_CODE_VERSION = '2.1.197';

/** The real Claude Code CLI from npm, cached like code-server: the native binary of its platform package. */
async function ensureClaudeCode() {
  const dir = path.join(cacheDir, `claude-code-${CLAUDE_CODE_VERSION}`);
  const bin = path.join(dir, 'node_modules', '@anthropic-ai', 'claude-code-linux-x64', 'claude');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
    const r = await run('npm', ['install', '--no-audit', '--no-fund', '--no-save', `@anthropic-ai/claude-code-linux-x64@${CLAUDE_CODE_VERSION}`], { cwd: dir, timeoutMs: 10 * 60_000 });
    if (r.code !== 0 || !existsSync(bin)) throw new Error(`could not install Claude Code ${CLAUDE_CODE_VERSION} from npm:\n${r.output.slice(-2000)}`);
  }
  return bin;
}

/** Claude Code hooks that tell Deliberate which file each Edit or Write is about (`deliberate checkpoint`, payload on stdin). */
function writeClaudeHooks(workspace) {
  const cli = path.join(root, 'dist', 'cli.js');
  const hook = (phase) => [{ matcher: 'Edit|Write|NotebookEdit', hooks: [{ type: 'command', command: `node ${JSON.stringify(cli)} checkpoint --agent claude-code --phase ${phase}` }] }];
  mkdirSync(path.join(workspace, '.claude'), { recursive: true });
  writeFileSync(path.join(workspace, '.claude', 'settings.json'), JSON.stringify({ hooks: { PreToolUse: hook('pre'), PostToolUse: hook('post') } }, null, 2));
}

function chatParticipantDir() {
  const dir = process.env.DELIBERATE_CHAT_PARTICIPANT ?? path.join(root, 'test', 'corpus', 'chat-participant');
  if (!existsSync(path.join(dir, 'package.json'))) {
    throw new Error(`chat scenarios need the stand-in chat participant at ${dir} (or DELIBERATE_CHAT_PARTICIPANT)`);
  }
  return dir;
}

/**
 * The development extension a scenario loads. VS Code for the web keeps one
 * `extensionDevelopmentPath` (its payload becomes a Map: a second entry replaces the first),
 * so a chat scenario gets one folder holding both test extensions: the corpus helper and
 * the stand-in chat participant, copied side by side (each still requires `vscode` from
 * inside the extension's folder, so each gets the proposals the manifest declares), with
 * one manifest contributing what both contribute, under the helper's id.
 */
function devExtension(home, chatParticipant) {
  const helperDir = path.join(root, 'test', 'corpus', 'helper-extension');
  if (chatParticipant === undefined) return helperDir;
  const dir = path.join(home, 'dev-extension');
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(helperDir, 'extension.js'), path.join(dir, 'helper.js'));
  cpSync(path.join(chatParticipant, 'extension.js'), path.join(dir, 'chat.js'));
  const helper = JSON.parse(readFileSync(path.join(helperDir, 'package.json'), 'utf8'));
  const chat = JSON.parse(readFileSync(path.join(chatParticipant, 'package.json'), 'utf8'));
  const contributes = { ...chat.contributes, commands: [...(helper.contributes.commands ?? []), ...(chat.contributes.commands ?? [])] };
  const manifest = {
    ...helper,
    engines: chat.engines,
    main: './extension.js',
    activationEvents: ['onStartupFinished'],
    enabledApiProposals: [...new Set([...(helper.enabledApiProposals ?? []), ...(chat.enabledApiProposals ?? [])])],
    contributes,
  };
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(
    path.join(dir, 'extension.js'),
    "const helper = require('./helper.js');\nconst chat = require('./chat.js');\nexports.activate = (context) => {\n  helper.activate(context);\n  chat.activate(context);\n};\nexports.deactivate = () => undefined;\n",
  );
  return dir;
}

class Context {
  constructor(page, control, workspace) {
    this.page = page;
    this.control = control;
    this.workspace = workspace;
    this.terminalOpen = false;
  }
  async wait(ms) {
    await this.page.waitForTimeout(ms);
  }
  /**
   * What the person (or the AI) is doing from now on: `label` labels the changes whose VS Code
   * edit source is generic; `route` names the way text changes (README's coverage table), kept
   * beside the trace in <name>.sources.jsonl for scoring by route.
   */
  async phase(label, route) {
    await this.wait(350); // let the previous phase's events arrive first
    writeFileSync(path.join(this.control, 'phase.txt'), route === undefined ? label : `${label}\n${route}`);
  }
  /** Types text as one input event, as an IME commit, dictation or the emoji picker does. */
  async insertText(text) {
    await this.page.keyboard.insertText(text);
    await this.wait(300);
  }
  /** The script the scripted Messages API plays to the real Claude Code CLI (turns of tool calls, then text); "$WS" is the workspace. */
  async claudeScript(turns) {
    const json = JSON.stringify({ turns }).replaceAll('$WS', this.workspace);
    writeFileSync(path.join(this.control, 'claude-script.json'), json);
  }
  async press(key, times = 1) {
    for (let k = 0; k < times; k++) {
      await this.page.keyboard.press(key);
      await this.wait(60 + Math.random() * 80);
    }
  }
  /** Types like a person: one key at a time, 40 to 160 ms apart; "\n" is Enter. */
  async type(text) {
    for (const ch of text) {
      if (ch === '\n') await this.page.keyboard.press('Enter');
      else await this.page.keyboard.type(ch);
      await this.wait(40 + Math.random() * 120);
    }
  }
  async typeInWidget(text) {
    await this.page.keyboard.type(text, { delay: 30 });
  }
  async palette(title) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
    await this.wait(150);
    await this.page.keyboard.press('Enter');
    await this.wait(300);
  }
  async open(file) {
    await this.page.keyboard.press('Control+p');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(file);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) }).first().waitFor({ timeout: 15_000 });
    await this.wait(200);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: path.basename(file) }).waitFor({ timeout: 15_000 });
    await this.wait(400);
    // Focus the editor as a person does: click into its text (an editor scrolled to a short
    // last line may show its text area too small to click: then anywhere in the editor).
    const lines = this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
    await lines.click({ position: { x: 5, y: 5 }, timeout: 5_000 }).catch(() => this.page.locator('.editor-group-container.active .monaco-editor').first().click({ position: { x: 80, y: 12 }, force: true }));
    await this.wait(150);
  }
  /**
   * Back to the editor already open, from the keyboard. (`open` clicks the first line of the
   * text; above AI code at the top of a file that is Deliberate's CodeLens, which opens its
   * "before AI ↔ now" diff.)
   */
  async focusEditor() {
    await this.palette('View: Focus Active Editor Group');
    await this.wait(300);
  }
  async endOfFile() {
    await this.press('Control+End');
  }
  async gotoLine(n) {
    await this.page.keyboard.press('Control+g');
    await this.wait(200);
    await this.page.keyboard.type(String(n));
    await this.page.keyboard.press('Enter');
    await this.wait(200);
  }
  async selectLines(from, to) {
    await this.gotoLine(from);
    await this.press('Home');
    await this.press('Home');
    for (let k = from; k <= to; k++) await this.page.keyboard.press('Shift+ArrowDown');
    await this.wait(150);
  }
  async find(text) {
    await this.page.keyboard.press('Control+f');
    await this.wait(250);
    await this.page.keyboard.type(text.split('\n')[0]);
    await this.page.keyboard.press('Enter');
    await this.wait(200);
    await this.page.keyboard.press('Escape');
    await this.wait(150);
  }
  async save() {
    await this.press('Control+s');
    await this.wait(500);
  }
  /** Puts text on the clipboard, as copying it from a browser or another program does. */
  async setClipboard(text) {
    await this.page.evaluate((t) => globalThis.navigator.clipboard.writeText(t), text);
    await this.wait(200);
  }
  /** Drags the current selection with the mouse and drops it at the end of the line that shows `targetText`. */
  async dragSelectionTo(targetText) {
    const editor = this.page.locator('.editor-group-container.active .monaco-editor');
    const selected = await editor.locator('.selected-text').first().boundingBox();
    const target = await editor.locator('.view-line', { hasText: targetText }).first().boundingBox();
    if (selected === null || target === null) throw new Error(`nothing to drag, or no line showing ${targetText}`);
    await this.page.mouse.move(selected.x + selected.width / 2, selected.y + selected.height / 2);
    await this.page.mouse.down();
    await this.wait(150);
    const toX = Math.min(target.x + target.width + 40, target.x + 600);
    for (let k = 1; k <= 8; k++) {
      await this.page.mouse.move(selected.x + ((toX - selected.x) * k) / 8, selected.y + ((target.y + target.height / 2 - selected.y) * k) / 8);
      await this.wait(40);
    }
    await this.page.mouse.up();
    await this.wait(500);
  }
  async suggestions(list) {
    writeFileSync(path.join(this.control, 'suggestions.json'), JSON.stringify(list));
  }
  /** Waits for the ghost text a typed trigger brings up, then accepts it whole with Tab. */
  async acceptInline(label, route) {
    await this.page.locator('.ghost-text-decoration, .ghost-text').first().waitFor({ timeout: 8_000 });
    await this.wait(500 + Math.random() * 500); // reading the suggestion
    await this.phase(label, route);
    await this.page.keyboard.press('Tab');
    await this.wait(400);
  }
  /** Accepts a suggestion line by line (Ctrl+Alt+Down, bound to acceptNextLine for the corpus), `lines` times. */
  async acceptInlineLines(label, lines, route = 'inline-accept-line') {
    await this.page.locator('.ghost-text-decoration, .ghost-text').first().waitFor({ timeout: 8_000 });
    await this.wait(600);
    await this.phase(label, route);
    for (let k = 0; k < lines; k++) {
      await this.page.keyboard.press('Control+Alt+ArrowDown');
      await this.wait(300 + Math.random() * 250);
    }
  }
  /** Accepts a suggestion word by word (Ctrl+Right), `words` times. */
  async acceptInlineWords(label, words, route) {
    await this.page.locator('.ghost-text-decoration, .ghost-text').first().waitFor({ timeout: 8_000 });
    await this.wait(600);
    await this.phase(label, route);
    for (let k = 0; k < words; k++) {
      await this.page.keyboard.press('Control+ArrowRight');
      await this.wait(250 + Math.random() * 250);
    }
  }
  /**
   * Waits for the ghost text a typed trigger brings up, reads it, and turns it down: Escape,
   * or (with `typeOn`) by typing on something else, which hides it.
   */
  async rejectInline(route, typeOn) {
    await this.page.locator('.ghost-text-decoration, .ghost-text').first().waitFor({ timeout: 8_000 });
    await this.wait(700 + Math.random() * 400);
    await this.phase('human.type', route);
    if (typeOn === undefined) await this.press('Escape');
    else await this.type(typeOn);
    await this.page.locator('.ghost-text-decoration, .ghost-text').first().waitFor({ state: 'detached', timeout: 8_000 }).catch(() => undefined);
  }
  /**
   * A next-edit suggestion (an inline edit away from the cursor, from the helper's provider):
   * waits for VS Code to show it, then Tab jumps to it (the cursor moves, no text changes)
   * and a second Tab accepts it.
   */
  /** Changes the corpus helper has seen so far (one line each in the control folder's sources.jsonl). */
  changesSeen() {
    const file = path.join(this.control, 'sources.jsonl');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length : 0;
  }
  /**
   * A next-edit suggestion taken as a person does: Tab, and a second Tab only if the first
   * changed nothing (Tab jumps to an edit away from the cursor, and accepts one near it at
   * once: a second Tab regardless was typed into the file in a batch 14 recording).
   */
  async acceptNextEdit(label, route = 'next-edit') {
    // The gutter indicator VS Code draws by the edit (a box of no size of its own: attached, not "visible").
    const shown = this.page.locator('.inline-edits-view-gutter-indicator');
    await shown.first().waitFor({ state: 'attached', timeout: 10_000 });
    await this.wait(900);
    await this.phase(label, route);
    const before = this.changesSeen();
    await this.page.keyboard.press('Tab');
    for (let k = 0; k < 20 && this.changesSeen() === before; k++) await this.wait(100);
    await this.wait(600);
    if (this.changesSeen() === before) {
      await this.page.keyboard.press('Tab');
      await this.wait(600);
    }
  }
  /** Opens IntelliSense (or waits for it) and accepts the first item. */
  async acceptSuggestion(label, key = 'Tab', route) {
    const widget = this.page.locator('.suggest-widget.visible');
    if (!(await widget.isVisible())) await this.page.keyboard.press('Control+Space');
    await widget.waitFor({ timeout: 8_000 });
    await this.wait(400);
    await this.phase(label, route);
    await this.page.keyboard.press(key);
    await this.wait(400);
  }
  async agent(job) {
    writeFileSync(path.join(this.control, 'agent-job.json'), JSON.stringify(job));
    await this.palette('Corpus Agent: Apply the Requested Change');
    await this.wait(300 + job.steps.reduce((s, st) => s + (st.delayMs ?? 0) + 50, 0));
  }
  agentJobOnly(job) {
    writeFileSync(path.join(this.control, 'agent-job.json'), JSON.stringify(job));
  }
  /**
   * Asks the stand-in chat participant (`@standin`) in the chat view, as a person does: the
   * chat view opened from the palette, the request typed into its input, Enter. It answers
   * with `job`'s edits (test/corpus/chat-participant), applied by VS Code's chat editing
   * session; this waits for the answer's text to show, then for the edits to land.
   */
  async chat(prompt, job) {
    writeFileSync(path.join(this.control, 'chat-job.json'), JSON.stringify(job));
    await this.chatInput();
    // A request sent before the stand-in model is resolved fails ("Language model
    // unavailable"): wait until the model picker shows it, as a person sees it there.
    await this.page.locator('.interactive-input-part', { hasText: 'Stand-in' }).first().waitFor({ timeout: 20_000 }).catch(() => undefined);
    await this.wait(1200);
    for (let attempt = 0; ; attempt++) {
      const items = this.page.locator('.interactive-item-container');
      const before = await items.count();
      await this.page.keyboard.type(`@standin ${prompt}`, { delay: 30 });
      await this.wait(300);
      await this.page.keyboard.press('Enter');
      // The request and its answer: two new items; the answer shows the job's text or the error.
      const deadline = Date.now() + 30_000;
      let outcome;
      while (outcome === undefined) {
        if (Date.now() > deadline) throw new Error(`@standin did not answer "${prompt}"`);
        const texts = (await items.allInnerTexts()).slice(before).join('\n');
        if (texts.includes(job.text)) outcome = 'answered';
        else if (texts.includes('Language model unavailable')) outcome = 'unavailable';
        else await this.wait(250);
      }
      if (outcome === 'answered') break;
      if (attempt >= 2) throw new Error('the stand-in model stayed unavailable');
      // The person sees the error and asks again a moment later.
      await this.wait(3000);
      await this.chatInput();
    }
    await this.wait(2500);
  }
  /**
   * Back in the chat input, emptied: the participant is sticky (the input keeps "@standin "
   * after a request), and Ctrl+Backspace undoes the edits only in an empty input.
   */
  async chatInput() {
    await this.palette('Chat: Open Chat');
    await this.wait(800);
    await this.page.keyboard.press('Control+a');
    await this.page.keyboard.press('Backspace');
    await this.wait(300);
  }
  /** Keep every pending chat edit: Ctrl+Enter in the chat input (chatEditing.acceptAllFiles). */
  async chatKeepAll() {
    await this.chatInput();
    await this.page.keyboard.press('Control+Enter');
    await this.wait(1500);
  }
  /**
   * Undo every pending chat edit: Ctrl+Backspace in the empty chat input
   * (chatEditing.discardAllFiles); VS Code asks first, the person confirms.
   */
  async chatUndoAll() {
    await this.chatInput();
    await this.page.keyboard.press('Control+Backspace');
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 5_000 }).catch(() => undefined);
    if (await dialog.isVisible()) {
      await this.wait(700);
      await dialog.locator('.monaco-button').filter({ hasNotText: 'Cancel' }).first().click();
    }
    await this.wait(1500);
  }
  /**
   * Inline chat at the cursor: Ctrl+I, the request typed into the editor's chat widget,
   * Enter; the stand-in participant's editor-location twin answers with `job`'s edits,
   * applied by VS Code's inline chat (`inlineChat.applyEdits`).
   */
  async inlineChat(prompt, job) {
    writeFileSync(path.join(this.control, 'chat-job.json'), JSON.stringify(job));
    await this.page.keyboard.press('Control+i');
    await this.page.locator('.inline-chat .interactive-input-part, .inline-chat-2 .interactive-input-part, .monaco-editor .chat-widget .interactive-input-part').first().waitFor({ timeout: 15_000 });
    await this.wait(800);
    await this.page.keyboard.type(prompt, { delay: 30 });
    await this.wait(300);
    await this.page.keyboard.press('Enter');
    await this.wait(4000);
  }
  /** In the editor: Keep (Ctrl+Shift+Y) or Undo (Ctrl+Shift+N) the chat's edits to this file. */
  async chatFile(keep) {
    await this.page.keyboard.press(keep ? 'Control+Shift+Y' : 'Control+Shift+N');
    await this.wait(1500);
  }
  /**
   * In the editor: Keep or Undo one chat change with the mouse, as people do: hover the line
   * showing `lineText` and click Keep or Undo in the toolbar VS Code shows by the change. (The
   * keys Ctrl+Y and Ctrl+N need the cursor inside the change: in a recording Ctrl+N opened a
   * new untitled file instead; "Undo this Change" from the palette changed nothing.)
   */
  async chatHunk(keep, lineText) {
    const line = this.page.locator('.editor-group-container.active .view-line', { hasText: lineText }).first();
    // After one change is resolved VS Code moves the cursor to the next and shows its
    // toolbar already; the line's text may then be hard to find under the diff's decorations.
    const box = await line.boundingBox({ timeout: 4_000 }).catch(() => null);
    if (box !== null) {
      await this.page.mouse.move(box.x + 40, box.y + box.height / 2, { steps: 5 });
      await this.wait(600);
    }
    const widget = this.page.locator('.chat-diff-change-content-widget:visible').first();
    await widget.waitFor({ timeout: 8_000 });
    await this.wait(500);
    // Keep is drawn as a button, Undo as a link: found by their text.
    await widget.getByText(keep ? 'Keep' : 'Undo', { exact: true }).first().click();
    await this.wait(1200);
  }
  async cliJob(job) {
    writeFileSync(path.join(this.control, 'cli-job.json'), JSON.stringify(job));
  }
  async terminal(commandLine, waitMs) {
    if (!this.terminalOpen) {
      await this.palette('Terminal: Create New Terminal');
      await this.wait(2500);
      this.terminalOpen = true;
    } else {
      await this.palette('Terminal: Focus Terminal');
      await this.wait(400);
    }
    await this.page.keyboard.type(commandLine, { delay: 25 });
    await this.page.keyboard.press('Enter');
    await this.wait(waitMs);
  }
  async setSetting(key, value) {
    const file = path.join(this.workspace, '.vscode', 'settings.json');
    const settings = JSON.parse(readFileSync(file, 'utf8'));
    settings[key] = value;
    writeFileSync(file, JSON.stringify(settings, null, 2));
    await this.wait(1200);
  }
}

async function recordScenario(tools, vsix, scenario) {
  const home = mkdtempSync(path.join(os.tmpdir(), `deliberate-corpus-${scenario.name}-`));
  const workspace = path.join(home, 'workspace');
  const control = path.join(home, 'control');
  const bin = path.join(home, 'bin');
  mkdirSync(control, { recursive: true });
  mkdirSync(bin, { recursive: true });
  // The real Claude Code CLI talks to a scripted Messages API on loopback (test/corpus/claude-api-server.mjs).
  const claudePort = scenario.claude ? await freePort() : undefined;
  const claudeEnv = scenario.claude
    ? {
        ANTHROPIC_BASE_URL: `http://127.0.0.1:${claudePort}`,
        ANTHROPIC_API_KEY: 'corpus-not-a-key',
        CLAUDE_CONFIG_DIR: path.join(home, 'claude-config'),
        DISABLE_TELEMETRY: '1',
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
        DISABLE_AUTOUPDATER: '1',
        IS_SANDBOX: '1',
      }
    : {};
  await makeProject(workspace, scenario.settings ?? {}, bin, claudeEnv);
  writeFileSync(path.join(control, 'phase.txt'), 'human.type');
  // Each wrapper runs the stand-in agent under its own name.
  for (const name of ['claude', 'codex', 'aider', 'gemini']) {
    cpSync(path.join(root, 'test', 'corpus', 'fake-agent.mjs'), path.join(bin, `${name}.mjs`));
    writeFileSync(path.join(bin, name), `#!/bin/sh\nexec node ${JSON.stringify(path.join(bin, `${name}.mjs`))} "$@"\n`);
    chmodSync(path.join(bin, name), 0o755);
  }
  let claudeServer;
  if (scenario.claude) {
    // `claude` is the real program: the native binary of npm's platform package.
    rmSync(path.join(bin, 'claude'));
    symlinkSync(await ensureClaudeCode(), path.join(bin, 'claude'));
    writeFileSync(path.join(control, 'claude-script.json'), JSON.stringify({ turns: ['Nothing to do.'] }));
    if (scenario.claude.hooks) writeClaudeHooks(workspace);
    mkdirSync(path.join(root, 'artifacts', 'logs'), { recursive: true });
    claudeServer = startProcess(process.execPath, [path.join(root, 'test', 'corpus', 'claude-api-server.mjs'), String(claudePort), path.join(control, 'claude-script.json')], {
      log: createWriteStream(path.join(root, 'artifacts', 'logs', `corpus-${scenario.name}-api.log`)),
    });
  }
  // Chat scenarios need the stand-in chat participant (test/corpus/chat-participant, or
  // DELIBERATE_CHAT_PARTICIPANT): it answers a request with scripted edits that VS Code's
  // chat editing session applies, with Keep and Undo.
  const chatParticipant = scenario.chat ? chatParticipantDir() : undefined;
  await installExtension(tools, home, vsix);
  // acceptNextLine has no default key; the corpus binds one, as a person who uses it would.
  writeFileSync(
    path.join(home, 'user-data', 'User', 'keybindings.json'),
    JSON.stringify([{ key: 'ctrl+alt+down', command: 'editor.action.inlineSuggest.acceptNextLine', when: 'inlineSuggestionVisible && !editorReadonly' }], null, 2),
  );
  const logFile = path.join(root, 'artifacts', 'logs', `corpus-${scenario.name}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  process.env.PATH = `${bin}${path.delimiter}${ORIGINAL_PATH}`;
  process.env.DELIBERATE_CORPUS_CONTROL = control;
  process.env.DELIBERATE_CORPUS_CLI = path.join(root, 'dist', 'cli.js');
  process.env.DELIBERATE_SPOOL = path.join(home, 'spool');
  const server = await startCodeServer(tools, {
    home,
    workspace,
    logFile,
    // Chat scenarios turn chat on (the harness starts VS Code with AI features off), as the
    // integration layer's chat tests do.
    settings: chatParticipant !== undefined ? { 'chat.disableAIFeatures': false } : {},
    extraArgs: ['--enable-proposed-api', 'deliberate.deliberate', '--enable-proposed-api', 'deliberate-corpus.helper'],
  });
  const browser = await launchChromium(tools.chromiumPath);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const payload = [['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${devExtension(home, chatParticipant)}`]];
    await page.goto(server.workbenchUrl({ payload: JSON.stringify(payload) }), { timeout: 60_000 });
    await page.locator('.statusbar-item', { hasText: 'Deliberate' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(2500);
    const ctx = new Context(page, control, workspace);
    await ctx.palette('Deliberate: Record Edit Trace');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(root, 'artifacts', 'logs', `corpus-${scenario.name}-start.png`) });
    await page.locator('.monaco-dialog-box a.monaco-button, .monaco-dialog-box button', { hasText: 'Record with File Paths' }).first().click();
    await page.locator('.statusbar-item', { hasText: 'recording' }).waitFor();
    try {
      await scenario.run(ctx);
    } catch (error) {
      await page.screenshot({ path: path.join(root, 'artifacts', 'logs', `corpus-${scenario.name}-failed.png`) });
      throw error;
    }
    await ctx.wait(1500);
    await ctx.palette('Deliberate: Stop Recording Edit Trace');
    await ctx.wait(1000);
    await page.screenshot({ path: path.join(root, 'artifacts', 'logs', `corpus-${scenario.name}.png`) });
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    if (claudeServer !== undefined) await stop(claudeServer);
  }
  const traceDir = path.join(home, 'user-data', 'User', 'globalStorage', 'deliberate.deliberate', 'traces');
  const traces = existsSync(traceDir) ? readdirSync(traceDir).filter((f) => f.endsWith('.jsonl')).sort() : [];
  if (traces.length === 0) throw new Error(`no trace was written for ${scenario.name} (looked in ${traceDir})`);
  const trace = readFileSync(path.join(traceDir, traces[traces.length - 1]), 'utf8');
  const sources = existsSync(path.join(control, 'sources.jsonl')) ? readFileSync(path.join(control, 'sources.jsonl'), 'utf8') : '';
  const { text, stats } = labelTrace(trace, sources, scenario.name);
  const out = path.join(outDir, scenario.split, `${scenario.name}.jsonl`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, text);
  // VS Code's own edit sources and the phases, kept for auditing the labels (no code in it).
  writeFileSync(out.replace(/\.jsonl$/, '.sources.jsonl'), sources);
  if (existsSync(path.join(control, 'api-requests.jsonl'))) console.log(`${scenario.name}: Claude Code asked ${readFileSync(path.join(control, 'api-requests.jsonl'), 'utf8').trim().split('\n').length} requests`);
  rmSync(home, { recursive: true, force: true });
  return { out, stats };
}

try {
  const vsix = await packageVsix({ quiet: true });
  await run(process.execPath, [path.join(root, 'esbuild.config.mjs')], { cwd: root }); // dist/cli.js for the hooks
  const tools = await ensureTools();
  const chosen = scenarios.filter((s) => only.length === 0 || only.includes(s.name));
  const failed = [];
  for (const scenario of chosen) {
    const started = Date.now();
    try {
      const { out, stats } = await recordScenario(tools, vsix.exact.path, scenario);
      console.log(`${scenario.name}: ${path.relative(root, out)} ${JSON.stringify(stats)} (${Math.round((Date.now() - started) / 1000)} s)`);
    } catch (error) {
      failed.push(scenario.name);
      console.error(`${scenario.name}: FAILED: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
      await stopAll();
    }
  }
  if (failed.length > 0) throw new Error(`scenarios that failed: ${failed.join(', ')}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stopAll();
}
