// Deliberate Demo: Stand-in AI. A scripted stand-in for an AI assistant, for the try-it
// workbench only (scripts/try.mjs installs it there). Runs only in a folder holding
// `.deliberate-demo`; makes no network requests; everything it "writes" is in this file.
const { execFile } = require('node:child_process');
const vscode = require('vscode');

/** Inline suggestions: when the text before the cursor on a line ends with `after`, suggest `text`. */
const SUGGESTIONS = [
  {
    file: /(^|\/)src\/temperature\.js$/,
    after: 'export function isFreezing(',
    // On purpose not quite right (water freezes at 0 °C too): the demo guide asks you to revise it.
    text: 'celsius) {\n  return celsius < 0;\n}',
  },
  {
    file: /(^|\/)src\/temperature\.js$/,
    after: 'export function toCelsius(',
    text: 'fahrenheit) {\n  return ((fahrenheit - 32) * 5) / 9;\n}',
  },
];

/** The agent change: new files and an addition to an existing one, streamed in chunks. */
const FORECAST = `import { toFahrenheit } from './temperature.js';

/** @typedef {{ day: string, lowC: number, highC: number }} DayForecast */

/**
 * One line a day, in both units: "Mon 3–11 °C (37–52 °F)".
 * @param {readonly DayForecast[]} days
 */
export function summarize(days) {
  return days.map((d) => {
    const low = Math.round(toFahrenheit(d.lowC));
    const high = Math.round(toFahrenheit(d.highC));
    return \`\${d.day} \${d.lowC}–\${d.highC} °C (\${low}–\${high} °F)\`;
  });
}

/**
 * The day with the lowest low, or undefined for no days.
 * @param {readonly DayForecast[]} days
 */
export function coldest(days) {
  /** @type {DayForecast | undefined} */
  let min;
  for (const d of days) if (min === undefined || d.lowC < min.lowC) min = d;
  return min;
}
`;

const FORECAST_TEST = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coldest, summarize } from './forecast.js';

const week = [
  { day: 'Mon', lowC: 3, highC: 11 },
  { day: 'Tue', lowC: -2, highC: 4 },
];

test('summarizes each day in both units', () => {
  assert.deepEqual(summarize(week), ['Mon 3–11 °C (37–52 °F)', 'Tue -2–4 °C (28–39 °F)']);
});

test('finds the coldest day', () => {
  assert.equal(coldest(week)?.day, 'Tue');
});
`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function chunks(text, n) {
  const lines = text.split(/(?<=\n)/);
  const size = Math.ceil(lines.length / n);
  const out = [];
  for (let k = 0; k < lines.length; k += size) out.push(lines.slice(k, k + size).join(''));
  return out;
}

/**
 * Tells Deliberate which files the agent is about to write (`pre`) and has written (`post`),
 * through its `deliberate checkpoint` command line, as a real agent's hooks do (README: Agent hooks).
 */
function checkpoint(phase, files) {
  const deliberate = vscode.extensions.getExtension('deliberate.deliberate');
  if (deliberate === undefined) return Promise.resolve();
  const cli = vscode.Uri.joinPath(deliberate.extensionUri, 'dist', 'cli.js').fsPath;
  return new Promise((resolve) => execFile(process.execPath, [cli, 'checkpoint', '--agent', 'demo-ai', '--phase', phase, ...files], () => resolve()));
}

async function agentChange(root, status) {
  const uri = (p) => vscode.Uri.joinPath(root, p);
  const files = ['src/forecast.js', 'src/forecast.test.js', 'src/index.js'].map((p) => uri(p).fsPath);
  status.text = '$(sync~spin) Demo AI: writing…';
  try {
    await checkpoint('pre', files);
    const create = new vscode.WorkspaceEdit();
    for (const p of ['src/forecast.js', 'src/forecast.test.js']) create.createFile(uri(p), { overwrite: true, ignoreIfExists: false });
    await vscode.workspace.applyEdit(create);
    // Stream the text in, a few lines at a time, into all three files: what an agent extension does.
    const plan = [
      ['src/forecast.js', chunks(FORECAST, 3)],
      ['src/forecast.test.js', chunks(FORECAST_TEST, 2)],
      ['src/index.js', ["export * from './forecast.js';\n"]],
    ];
    for (const [path, parts] of plan) {
      for (const part of parts) {
        const doc = await vscode.workspace.openTextDocument(uri(path));
        const edit = new vscode.WorkspaceEdit();
        edit.insert(doc.uri, doc.positionAt(doc.getText().length), part);
        await vscode.workspace.applyEdit(edit);
        await sleep(250);
      }
    }
    await vscode.workspace.saveAll(false);
    await checkpoint('post', files);
    vscode.window.setStatusBarMessage('$(sparkle) Demo AI: added a forecast summary in src/forecast.js, with tests in src/forecast.test.js, and exported it from src/index.js.', 8000);
  } finally {
    status.text = '$(beaker) Demo AI';
  }
}

/** Opens the walkthrough and the demo guide once per demo workspace (its marker names the workspace). */
async function welcome(context, root, force) {
  let marker;
  try {
    marker = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, '.deliberate-demo'))).trim();
  } catch {
    return;
  }
  if (!force && context.workspaceState.get('welcomed') === marker) return;
  await context.workspaceState.update('welcomed', marker);
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'deliberate.deliberate#deliberate.welcome', false);
  await vscode.commands.executeCommand('markdown.showPreviewToSide', vscode.Uri.joinPath(root, 'README.md'));
}

function activate(context) {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (root === undefined) return;
  const status = vscode.window.createStatusBarItem('deliberateDemo.status', vscode.StatusBarAlignment.Right, 98);
  status.name = 'Demo AI';
  status.text = '$(beaker) Demo AI';
  status.tooltip = new vscode.MarkdownString('**Demo AI**: a scripted stand-in for an AI assistant, installed only in this try-it workbench. It knows a few lines of this demo project and makes no network requests.\n\nSee README.md for what to try.');
  status.command = 'deliberateDemo.welcome';
  status.show();
  context.subscriptions.push(status);

  context.subscriptions.push(
    vscode.languages.registerInlineCompletionItemProvider({ scheme: 'file', pattern: '**/*.js' }, {
      provideInlineCompletionItems(document, position) {
        const path = vscode.workspace.asRelativePath(document.uri, false);
        const before = document.lineAt(position.line).text.slice(0, position.character);
        const match = SUGGESTIONS.find((s) => s.file.test(path) && before.trimStart().endsWith(s.after));
        if (!match) return [];
        // The editor closed the bracket as it was typed: the suggestion replaces that `)`, as a
        // real assistant's does, instead of leaving a stray one after it.
        const rest = document.lineAt(position.line).text.slice(position.character);
        const end = /^\)\s*$/.test(rest) ? position.translate(0, rest.length) : position;
        return [new vscode.InlineCompletionItem(match.text, new vscode.Range(position, end))];
      },
    }),
    vscode.commands.registerCommand('deliberateDemo.agentChange', () => agentChange(root, status)),
    vscode.commands.registerCommand('deliberateDemo.welcome', () => welcome(context, root, true)),
  );
  void welcome(context, root, false);
}

module.exports = { activate, deactivate() {} };
