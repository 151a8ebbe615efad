/**
 * Browser side of the "What Deliberate sees" panel. Says `ready`, then renders every
 * snapshot the host sends. Messages are validated on arrival; the DOM is built with
 * textContent only (no HTML strings), and state survives hide and show via setState.
 */
import { hostToWebviewSchema, type HostToWebview, type WebviewToHost } from '../shared/activityMessages';
import { el, table, vscodeApi } from './dom';

const vscode = vscodeApi<WebviewToHost>();
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

function button(label: string, command: WebviewToHost & { type: 'runCommand' }, secondary = true): HTMLButtonElement {
  const b = el('button', label, secondary ? 'secondary' : undefined);
  b.type = 'button';
  b.addEventListener('click', () => vscode.postMessage(command));
  return b;
}

/** "just now", "12 s ago", "3 min ago", "2 h ago": how long ago, from stream times. */
function ago(t: number, now: number | null): string {
  if (now === null) return '';
  const s = Math.max(0, (now - t) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${Math.round(s)} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
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
  const { snapshot, observing, recording, files, now } = message;
  const children: Node[] = [];
  children.push(el('h1', 'What Deliberate sees'));
  const status = el('p', observing ? 'Watching this window. Only counts and sizes, never your code, and nothing leaves this machine.' : 'Paused: Deliberate sees nothing until you turn it back on.', 'status');
  status.dataset.observing = String(observing);
  children.push(status);
  if (recording) children.push(el('p', 'Recording an edit trace. The trace file contains code.', 'status recording'));
  const actions = el('div', undefined, 'actions');
  actions.append(
    button('Show My Progress', { type: 'runCommand', command: 'deliberate.showProgress' }, false),
    button(observing ? 'Pause' : 'Turn on', { type: 'runCommand', command: 'deliberate.toggleObservation' }),
    button(recording ? 'Stop recording' : 'Record edit trace…', { type: 'runCommand', command: recording ? 'deliberate.stopRecording' : 'deliberate.recordTrace' }),
  );
  children.push(actions);

  const summary = el('dl', undefined, 'summary');
  const facts: [string, string][] = [
    ['Edits', String(snapshot.changeEvents)],
    ['AI-written characters', String(snapshot.aiChars)],
    ['Characters added', String(snapshot.insertedChars)],
    ['Characters removed', String(snapshot.removedChars)],
    ['Undo and redo', String(snapshot.undoRedo)],
    ['Files open', String(snapshot.openDocs)],
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
    const latest = table(
      'Latest edits',
      ['When', 'File', 'Source', 'Added', 'Removed'],
      recent.map((c) => [ago(c.t, now), files[c.doc] ?? 'a file', c.label === null ? 'deciding…' : (LABEL_NAMES[c.label] ?? c.label), c.inserted, c.removed]),
    );
    // A file as VS Code lists one: its name, then its folder, quieter.
    for (const row of latest.tBodies[0]?.rows ?? []) {
      const cell = row.cells[1];
      if (cell === undefined) continue;
      const full = cell.textContent ?? '';
      const slash = full.lastIndexOf('/');
      cell.className = 'file';
      cell.title = full;
      cell.replaceChildren(el('span', full.slice(slash + 1), 'name'), ...(slash > 0 ? [el('span', full.slice(0, slash), 'folder')] : []));
    }
    children.push(latest);
  }
  const { outcomes } = message;
  if (outcomes.kept + outcomes.revised + outcomes.undone + outcomes.deleted + outcomes.lost > 0) {
    children.push(
      table('What happened to AI edits', ['Outcome', 'AI edits'], [
        ['Kept as written', outcomes.kept],
        ['Revised by you', outcomes.revised],
        ['Undone', outcomes.undone],
        ['Mostly deleted', outcomes.deleted],
        ['Lost track (the file changed while closed)', outcomes.lost],
      ]),
    );
  }
  const bySource = Object.entries(snapshot.byLabel)
    .filter(([, v]) => v.edits > 0)
    .map(([label, v]) => [LABEL_NAMES[label] ?? label, v.edits, v.chars]);
  if (bySource.length > 0) children.push(table('Where the edits came from', ['Source', 'Edits', 'Characters added'], bySource));
  const counts = Object.entries(snapshot.byType)
    .filter(([, n]) => n > 0)
    .map(([type, n]) => [TYPE_LABELS[type] ?? type, n]);
  if (counts.length > 0) {
    const details = el('details', undefined, 'everything');
    details.append(el('summary', 'Everything Deliberate noticed'), table('Everything Deliberate noticed, by kind', ['Kind', 'Count'], counts));
    children.push(details);
  }
  children.push(
    el(
      'p',
      snapshot.exactSources
        ? 'Where an edit came from is exact when VS Code reports it, and worked out from what happened around it otherwise.'
        : 'Where an edit came from is worked out from what happened around it: the cursor, timing, the clipboard, files, git, terminals and agent hooks.',
      'muted footnote',
    ),
  );
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
