// Test-only stand-in for an AI chat in VS Code (chat view, edits and agent modes): the chat
// participant @standin answers each request with scripted edits through
// ChatResponseStream.textEdit (proposal chatParticipantAdditions), which VS Code applies
// through its chat editing session, with Keep and Undo, exactly as it does for Copilot.
//
// The next answer comes from the command `standinChat.script` (argument: a job), or else
// from <workspace>/../control/chat-job.json (for the corpus recorder). A job:
//   { "text": "markdown shown in the answer",
//     "files": [ { "path": "src/a.ts", "edits": [ { "range": [sl, sc, el, ec], "text": "..." } ] },
//                { "path": "src/new.ts", "create": "whole text of a new file" } ],
//     "chunks": 1 }   // > 1: each file's edits are pushed in that many textEdit calls
// Paths are relative to the first workspace folder. The answer records what it pushed in
// `standinChat.lastAnswer`.
// `standinChat.ask` ({ prompt, job, mode }) does it all for a test: scripts the job, waits for
// the stand-in model, sends "@standin <prompt>" through the chat view (mode: ask, edit or
// agent; default agent) and resolves with the answer once every edit has been pushed.
// The same answers serve inline chat (editor location) through a second, default participant.
// Also registers a stand-in language model (vendor deliberate-standin) that echoes, so the
// chat has a model to select without a network.
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

let scripted;
let lastAnswer;
/** Resolves the pending `standinChat.ask` when the participant has answered. */
let answered;

function controlJob() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(path.dirname(folder.uri.fsPath), 'control', 'chat-job.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function answer(request, _context, stream, token) {
  const job = scripted ?? controlJob() ?? { text: 'Nothing scripted.', files: [] };
  scripted = undefined;
  const root = vscode.workspace.workspaceFolders[0].uri;
  const pushed = [];
  stream.markdown(job.text ?? 'Here are the changes.');
  for (const file of job.files ?? []) {
    const uri = vscode.Uri.joinPath(root, file.path);
    const edits = file.create !== undefined
      ? [vscode.TextEdit.insert(new vscode.Position(0, 0), file.create)]
      : file.edits.map((e) => vscode.TextEdit.replace(new vscode.Range(e.range[0], e.range[1], e.range[2], e.range[3]), e.text));
    const chunks = Math.max(1, file.chunks ?? job.chunks ?? 1);
    const per = Math.ceil(edits.length / chunks);
    for (let i = 0; i < edits.length; i += per) {
      if (token.isCancellationRequested) break;
      stream.textEdit(uri, edits.slice(i, i + per));
      pushed.push({ path: file.path, edits: Math.min(per, edits.length - i) });
      if (chunks > 1) await sleep(50);
    }
    stream.textEdit(uri, true);
  }
  lastAnswer = { prompt: request.prompt, command: request.command, pushed, at: Date.now() };
  answered?.(lastAnswer);
  answered = undefined;
  return { metadata: { standin: true } };
}

function activate(context) {
  const participant = vscode.chat.createChatParticipant('deliberate-standin.chat', answer);
  context.subscriptions.push(participant);
  // Inline chat (Ctrl+I in an editor) asks the default participant of the editor location;
  // declaring one needs the defaultChatParticipant proposal. Where it is unavailable the
  // panel participant above still works.
  try {
    context.subscriptions.push(vscode.chat.createChatParticipant('deliberate-standin.inline', answer));
  } catch (error) {
    console.error('stand-in inline chat participant not registered', error);
  }
  context.subscriptions.push(
    vscode.commands.registerCommand('standinChat.script', (job) => {
      scripted = job;
    }),
    vscode.commands.registerCommand('standinChat.lastAnswer', () => lastAnswer),
    vscode.commands.registerCommand('standinChat.ask', async ({ prompt, job, mode = 'agent', timeoutMs = 30000 }) => {
      // The chat resolves a request's model when it starts; the provider's models appear lazily.
      const deadline = Date.now() + timeoutMs;
      while ((await vscode.lm.selectChatModels({ vendor: 'deliberate-standin' })).length === 0) {
        if (Date.now() > deadline) throw new Error('the stand-in language model never became available');
        await sleep(100);
      }
      scripted = job;
      const done = new Promise((resolve) => {
        answered = resolve;
      });
      await vscode.commands.executeCommand('workbench.action.chat.open', { query: `@standin ${prompt}`, isPartialQuery: false, mode });
      let timer;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`@standin did not answer within ${timeoutMs} ms (is chat enabled?)`)), Math.max(0, deadline - Date.now()));
      });
      try {
        return await Promise.race([done, timeout]);
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  if (vscode.lm && typeof vscode.lm.registerLanguageModelChatProvider === 'function') {
    try {
      context.subscriptions.push(
        vscode.lm.registerLanguageModelChatProvider('deliberate-standin', {
          provideLanguageModelChatInformation: () => [
            {
              id: 'standin-echo',
              name: 'Stand-in (echo)',
              family: 'standin',
              version: '0',
              maxInputTokens: 100000,
              maxOutputTokens: 4000,
              // Agent mode lists only models that call tools; this one never does.
              capabilities: { toolCalling: true, imageInput: false },
              isUserSelectable: true,
              // Proposal chatProvider: the default model wherever chat asks for one.
              isDefault: true,
            },
          ],
          async provideLanguageModelChatResponse(_model, messages, _options, progress) {
            const last = messages[messages.length - 1];
            const text = (last?.content ?? []).map((p) => (typeof p.value === 'string' ? p.value : '')).join('');
            progress.report(new vscode.LanguageModelTextPart(`Stand-in model: ${text.slice(0, 200)}`));
          },
          provideTokenCount: (_model, text) => Math.ceil((typeof text === 'string' ? text.length : 100) / 4),
        }),
      );
    } catch (error) {
      console.error('stand-in model not registered', error);
    }
  }
  // The chat lists a provider's models only once something asks for them; until then a
  // request typed into the chat view fails with "Language model unavailable". Ask once.
  if (vscode.lm && typeof vscode.lm.selectChatModels === 'function') {
    setTimeout(() => {
      vscode.lm.selectChatModels({ vendor: 'deliberate-standin' }).then(undefined, () => undefined);
    }, 0);
  }
}

module.exports = { activate, deactivate() {} };
