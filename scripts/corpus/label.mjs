// Labels a recorded trace: every doc.change gets the ground-truth `label` of the trace
// format, from VS Code's own edit source where it is specific (recorded by the corpus
// helper through the proposed textDocumentChangeReason API) and from the scenario's phase
// (what the script was doing) where VS Code reports a generic source.

const EXACT = {
  inlineCompletionAccept: 'ai.inline',
  inlineCompletionPartialAccept: 'ai.inline',
  suggest: 'tool.complete',
  snippet: 'tool.complete',
  rename: 'tool.refactor',
  codeAction: 'tool.refactor',
  // Chat editing sessions (agent mode, edits) and inline chat applying a response's edits.
  'Chat.applyEdits': 'ai.chat',
  'inlineChat.applyEdits': 'ai.chat',
  // Undo of a chat edit (the whole document back to its text before the request) and
  // restoring a checkpoint: the AI's text goes away, nothing new is written.
  'Chat.undoEdits': 'undo',
  'Chat.reset': 'undo',
};

/** Phases whose label applies to every generic-source change made while they last. */
const PHASE_WINS = new Set(['ai.agent', 'ai.chat', 'vcs', 'external', 'tool.format', 'tool.refactor', 'human.paste', 'undo', 'redo']);

export function labelFor(change, record) {
  if (change.reason === 'undo') return 'undo';
  if (change.reason === 'redo') return 'redo';
  const source = record?.detail?.source;
  if (source !== undefined && EXACT[source] !== undefined) return EXACT[source];
  // The helper's own agent applied this edit (typing may go on meanwhile, with source "cursor").
  if (record?.agent === true && source !== 'cursor') return 'ai.agent';
  const phase = record?.phase;
  if (phase === undefined) return undefined;
  const inserted = change.changes.reduce((n, c) => n + c.text.length, 0);
  const byHand = inserted === 0 ? 'human.delete' : 'human.type';
  if (source === 'cursor') {
    // VS Code says more in the metadata: kind "type" is a key press, "executeCommand" a
    // command such as replace, paste or cut.
    const meta = record?.detail?.metadata ?? {};
    if (meta.kind === 'type') return byHand;
    if (meta.detailedSource === 'replace' || meta.detailedSource === 'replaceAll') return 'tool.refactor';
    if (/paste/i.test(meta.detailedSource ?? '') || /paste/i.test(meta.kind ?? '')) return 'human.paste';
    if (/cut/i.test(meta.detailedSource ?? '')) return 'human.delete';
    // Older sources without metadata: the keys the script pressed, or the paste / replace the phase names.
    if (phase === 'human.paste' || phase === 'tool.refactor') return phase;
    return byHand;
  }
  if (PHASE_WINS.has(phase)) return phase;
  if (phase === 'human.delete') return 'human.delete';
  return byHand;
}

export function labelTrace(traceText, sourcesText, name) {
  // Labels are derived again from scratch: an existing label is replaced.
  const records = new Map();
  for (const line of sourcesText.split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line);
    records.set(`${r.path}#${r.version}`, r);
  }
  const lines = traceText.split('\n').filter((l) => l.trim() !== '');
  const paths = new Map();
  const stats = { changes: 0, labelled: 0, unlabelled: 0, byLabel: {} };
  const out = [lines[0]];
  for (const line of lines.slice(1)) {
    const o = JSON.parse(line);
    if (o.type === 'doc.open' && o.path !== undefined) paths.set(o.doc, o.path);
    if (o.type === 'doc.change') {
      stats.changes++;
      delete o.label;
      const record = records.get(`${paths.get(o.doc)}#${o.version}`);
      const label = labelFor(o, record);
      if (label === undefined) {
        stats.unlabelled++;
        console.warn(`${name}: no edit source recorded for ${paths.get(o.doc)} version ${o.version}; left unlabelled`);
      } else {
        o.label = label;
        stats.labelled++;
        stats.byLabel[label] = (stats.byLabel[label] ?? 0) + 1;
      }
      out.push(JSON.stringify(o));
      continue;
    }
    out.push(line);
  }
  return { text: out.join('\n') + '\n', stats };
}
