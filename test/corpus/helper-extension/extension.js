// Test-only helper for recording the labelled corpus (scripts/corpus/record.mjs).
// 1. An inline completion provider that suggests scripted code when the text before the
//    cursor ends with a trigger, like an AI completion model would.
// 2. "Corpus Agent: Apply the Requested Change": applies a scripted workspace edit (one
//    file, many files, streamed in chunks, new files), like an AI agent extension would.
// 3. Writes, for every document change, VS Code's own edit source (proposed
//    textDocumentChangeReason API) and the scenario phase, to label the trace afterwards.
// The control folder is <workspace>/../control: the recorder writes phase.txt,
// suggestions.json and agent-job.json there; this helper appends to sources.jsonl.
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

function controlDir() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(path.dirname(folder.uri.fsPath), 'control') : undefined;
}

function readJson(name, fallback) {
  try {
    return JSON.parse(fs.readFileSync(path.join(controlDir(), name), 'utf8'));
  } catch {
    return fallback;
  }
}

/** phase.txt: the label on its first line, the route (README's coverage table) on an optional second. */
function phaseAndRoute() {
  try {
    const [label, route] = fs.readFileSync(path.join(controlDir(), 'phase.txt'), 'utf8').trim().split('\n');
    return { phase: label.trim(), route: route?.trim() || undefined };
  } catch {
    return { phase: 'unknown', route: undefined };
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Greater than zero while this helper's agent is applying a workspace edit. */
let applying = 0;

function activate(context) {
  const dir = controlDir();
  if (!dir) return;
  const out = path.join(dir, 'sources.jsonl');
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length === 0 || e.document.uri.scheme !== 'file') return;
      const rel = vscode.workspace.asRelativePath(e.document.uri, false);
      let detail;
      try {
        detail = e.detailedReason ? JSON.parse(JSON.stringify(e.detailedReason)) : null;
      } catch {
        detail = { source: String(e.detailedReason?.source) };
      }
      const { phase, route } = phaseAndRoute();
      fs.appendFileSync(out, JSON.stringify({ path: rel, version: e.document.version, phase, route, agent: applying > 0, reason: e.reason ?? null, detail, at: Date.now() }) + '\n');
    }),
  );

  context.subscriptions.push(
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**/*' }, {
      provideInlineCompletionItems(document, position) {
        const before = document.getText(new vscode.Range(new vscode.Position(Math.max(0, position.line - 3), 0), position));
        for (const s of readJson('suggestions.json', [])) {
          if (s.nextEdit !== undefined) {
            // A next-edit suggestion: once the trigger is in the file, an edit of `find`
            // (away from the cursor) into `text`, shown as an inline edit (proposal
            // inlineCompletionsAdditions: `isInlineEdit`), offered until `find` is gone
            // or `text` is in the file.
            const whole = document.getText();
            const at = whole.indexOf(s.nextEdit.find);
            if (!whole.includes(s.trigger) || at < 0 || whole.includes(s.nextEdit.text)) continue;
            const range = new vscode.Range(document.positionAt(at), document.positionAt(at + s.nextEdit.find.length));
            const item = new vscode.InlineCompletionItem(s.nextEdit.text, range);
            item.isInlineEdit = true;
            return [item];
          }
          if (!before.endsWith(s.trigger)) continue;
          // "replacePrefix": the item replaces the last N characters typed (as completion
          // models that rewrite the start of the word do), its text starting with them.
          const n = s.replacePrefix ?? 0;
          const start = document.positionAt(document.offsetAt(position) - n);
          return [new vscode.InlineCompletionItem(s.text, new vscode.Range(start, position))];
        }
        return [];
      },
    }),
  );
  // Ready: the provider is registered (ui tests wait for this before typing a trigger).
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'ready.tmp'), String(Date.now()));
  fs.renameSync(path.join(dir, 'ready.tmp'), path.join(dir, 'ready'));

  context.subscriptions.push(
    vscode.commands.registerCommand('corpusAgent.run', async () => {
      const job = readJson('agent-job.json', null);
      if (!job) return;
      const root = vscode.workspace.workspaceFolders[0].uri;
      const uri = (p) => vscode.Uri.joinPath(root, p);
      for (const step of job.steps) {
        const edit = new vscode.WorkspaceEdit();
        for (const e of step.edits) {
          if (e.create) edit.createFile(uri(e.path), { overwrite: true, contents: new TextEncoder().encode(e.text ?? '') });
          else if (e.createEmpty) edit.createFile(uri(e.path), { overwrite: true });
          else {
            const doc = await vscode.workspace.openTextDocument(uri(e.path));
            const find = e.after !== undefined ? doc.getText().indexOf(e.after) + e.after.length : e.replace !== undefined ? doc.getText().indexOf(e.replace) : doc.getText().length;
            const start = doc.positionAt(Math.max(0, find));
            const end = e.replace !== undefined ? doc.positionAt(find + e.replace.length) : start;
            edit.replace(uri(e.path), new vscode.Range(start, end), e.text);
          }
        }
        applying++;
        try {
          await vscode.workspace.applyEdit(edit);
        } finally {
          applying--;
        }
        // An agent that shows what it made: the new file opens in the editor.
        if (step.show) await vscode.window.showTextDocument(uri(step.show), { preview: false, preserveFocus: step.preserveFocus ?? false });
        if (step.delayMs) await sleep(step.delayMs);
      }
      if (job.save) await vscode.workspace.saveAll(false);
    }),
  );
}

module.exports = { activate, deactivate() {} };
