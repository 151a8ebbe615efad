/**
 * Browser side of the "What Deliberate sees" panel. Says `ready`, then renders every
 * snapshot the host sends. Messages are validated on arrival; the DOM is built with
 * textContent only (no HTML strings), and state survives hide and show via setState.
 */
import { hostToWebviewSchema, type HostToWebview, type WebviewToHost } from '../shared/activityMessages';
import { el, table } from './dom';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

const TYPE_LABELS: Record<string, string> = {
  'doc.change': 'Edits',
  'editor.selection': 'Cursor and selection moves',
  'doc.open': 'Documents opened',
  'doc.save': 'Saves',
  'doc.close': 'Documents closed',
  'editor.active': 'Editor switches',
  clipboard: 'Clipboard samples (kept in memory only)',
  fs: 'File changes on disk',
  git: 'Git HEAD moves',
  'terminal.exec': 'Terminal commands',
  task: 'Task runs',
  debug: 'Debug sessions',
  diagnostics: 'Problem count changes',
  'window.focus': 'Window focus changes',
  'agent.checkpoint': 'Agent checkpoints',
  'editor.command': 'Intercepted editor commands (accepting a suggestion)',
};

function button(label: string, command: WebviewToHost & { type: 'runCommand' }): HTMLButtonElement {
  const b = el('button', label);
  b.type = 'button';
  b.addEventListener('click', () => vscode.postMessage(command));
  return b;
}

const LABEL_NAMES: Record<string, string> = {
  'ai.inline': 'AI inline suggestion',
  'ai.chat': 'AI chat',
  'ai.agent': 'AI agent',
  'human.type': 'Typed',
  'human.paste': 'Pasted',
  'human.delete': 'Deleted',
  undo: 'Undo',
  redo: 'Redo',
  'tool.format': 'Formatter',
  'tool.refactor': 'Refactoring',
  'tool.complete': 'IntelliSense or snippet',
  vcs: 'Version control',
  external: 'Another program',
};

function render(message: HostToWebview): void {
  const { snapshot, observing, recording } = message;
  const children: Node[] = [];
  children.push(el('h1', 'What Deliberate sees'));
  const status = el('p', observing ? 'Observing this window. Only counts and sizes are shown here; nothing leaves this machine.' : 'Observation is off: Deliberate sees nothing until you turn it on.', 'status');
  status.dataset.observing = String(observing);
  children.push(status);
  children.push(
    el(
      'p',
      snapshot.exactSources
        ? 'Edit sources: exact where VS Code reports them (its textDocumentChangeReason API), inferred from editor signals otherwise.'
        : 'Edit sources: inferred from editor signals (cursor, timing, clipboard, files, git, terminals, agent hooks).',
      'muted',
    ),
  );
  if (recording) children.push(el('p', 'Recording an edit trace: the trace file contains code.', 'status recording'));
  const actions = el('div', undefined, 'actions');
  actions.append(
    button(observing ? 'Turn observation off' : 'Turn observation on', { type: 'runCommand', command: 'deliberate.toggleObservation' }),
    button(recording ? 'Stop recording trace' : 'Record edit trace…', { type: 'runCommand', command: recording ? 'deliberate.stopRecording' : 'deliberate.recordTrace' }),
    button('Settings', { type: 'runCommand', command: 'deliberate.openSettings' }),
  );
  children.push(actions);

  const summary = el('dl', undefined, 'summary');
  const facts: [string, string][] = [
    ['Edits', String(snapshot.changeEvents)],
    ['AI-written characters', String(snapshot.aiChars)],
    ['Characters inserted', String(snapshot.insertedChars)],
    ['Characters removed', String(snapshot.removedChars)],
    ['Undo and redo', String(snapshot.undoRedo)],
    ['Open documents', String(snapshot.openDocs)],
  ];
  for (const [k, v] of facts) {
    const wrap = el('div');
    wrap.append(el('dt', k), el('dd', v));
    summary.append(wrap);
  }
  children.push(summary);

  if (snapshot.changeEvents === 0) {
    children.push(el('p', 'No edits yet. Type in any file, or accept an AI suggestion, and it shows up here.', 'muted'));
  } else {
    const recent = [...snapshot.recentChanges].reverse();
    children.push(
      table(
        'Latest edits (newest first)',
        ['Seconds in', 'Document', 'Source', 'Inserted', 'Removed', 'Parts'],
        recent.map((c) => [(c.t / 1000).toFixed(1), c.doc, c.label === null ? 'deciding…' : (LABEL_NAMES[c.label] ?? c.label), c.inserted, c.removed, c.parts]),
      ),
    );
  }
  const { outcomes } = message;
  if (outcomes.kept + outcomes.revised + outcomes.undone + outcomes.deleted + outcomes.lost > 0) {
    children.push(
      table('What happened to AI edits', ['Outcome', 'AI edits'], [
        ['Kept as written', outcomes.kept],
        ['Revised by hand', outcomes.revised],
        ['Undone', outcomes.undone],
        ['Mostly deleted', outcomes.deleted],
        ['Lost track (file changed while closed)', outcomes.lost],
      ]),
    );
  }
  const bySource = Object.entries(snapshot.byLabel)
    .filter(([, v]) => v.edits > 0)
    .map(([label, v]) => [LABEL_NAMES[label] ?? label, v.edits, v.chars]);
  if (bySource.length > 0) children.push(table('Where the edits came from', ['Source', 'Edits', 'Characters inserted'], bySource));
  const counts = Object.entries(snapshot.byType)
    .filter(([, n]) => n > 0)
    .map(([type, n]) => [TYPE_LABELS[type] ?? type, n]);
  if (counts.length > 0) children.push(table('Observations by kind', ['Kind', 'Count'], counts));
  app.replaceChildren(...children);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = hostToWebviewSchema.safeParse(event.data);
  if (!parsed.success) {
    console.warn('Deliberate: ignored a malformed message', parsed.error.issues);
    return;
  }
  vscode.setState(parsed.data);
  render(parsed.data);
});

const saved = hostToWebviewSchema.safeParse(vscode.getState());
if (saved.success) render(saved.data);
vscode.postMessage({ type: 'ready' });
