// npm run corpus:signals -- [REGEX] — what each stable-API signal adds (issue 11, item 2).
// Replays the matching labelled traces (both splits; default: every trace) four ways: as
// recorded; without Deliberate's accept-key notes (`editor.command`); without the chat
// editing session's checkpoints (`agent.checkpoint` of agent `vscode.chat`); without both.
// For each it prints AI precision and recall, by edits and by characters, for every AI call
// and for the sure ones (confidence at or above SURE_AI_CONFIDENCE: what coaching acts on).
// Removing a line renumbers the ones after it; the truth travels with each change's own line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCli, corpusFiles, isAi, replayFiles, root } from './replayCorpus.mjs';

const SURE = Number(/export const SURE_AI_CONFIDENCE = ([\d.]+);/.exec(readFileSync(path.join(root, 'src', 'core', 'attribution', 'confidence.ts'), 'utf8'))[1]);
const match = new RegExp(process.argv[2] ?? '.');
const files = [...corpusFiles('tune', match), ...corpusFiles('holdout', match)];
if (files.length === 0) throw new Error(`no trace matches ${match}`);

const isAcceptKey = (o) => o.type === 'editor.command';
const isChatCheckpoint = (o) => o.type === 'agent.checkpoint' && o.agent === 'vscode.chat';
const variants = [
  ['as recorded', () => false],
  ['without accept keys', isAcceptKey],
  ['without chat checkpoints', isChatCheckpoint],
  ['without both', (o) => isAcceptKey(o) || isChatCheckpoint(o)],
];

await buildCli();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'deliberate-signals-'));
const pct = (x) => (x * 100).toFixed(1);
const chars = (rows) => rows.reduce((n, r) => n + r.inserted, 0);
try {
  const counts = { acceptKeys: 0, chatCheckpoints: 0 };
  console.log(`${files.length} traces matching ${match}; sure = confidence ≥ ${SURE}`);
  console.log('');
  console.log('| signals | AI calls | precision (edits) | recall (edits) | precision (chars) | recall (chars) | sure calls | sure precision (edits) | sure recall (edits) | sure recall (chars) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, drop] of variants) {
    const written = files.map((file) => {
      const lines = readFileSync(file, 'utf8').split('\n');
      const kept = lines.filter((line, k) => {
        if (k === 0 || line.trim() === '') return true;
        const o = JSON.parse(line);
        if (name === 'as recorded') {
          if (isAcceptKey(o)) counts.acceptKeys++;
          if (isChatCheckpoint(o)) counts.chatCheckpoints++;
        }
        return !drop(o);
      });
      const out = path.join(tmp, path.basename(file));
      writeFileSync(out, kept.join('\n'));
      return out;
    });
    const rows = await replayFiles(written);
    const truthAi = rows.filter((r) => isAi(r.truth));
    const row = (calls) => {
      const right = calls.filter((r) => isAi(r.truth));
      return {
        calls: calls.length,
        precision: calls.length === 0 ? 1 : right.length / calls.length,
        precisionChars: chars(calls) === 0 ? 1 : chars(right) / chars(calls),
        recall: right.length / Math.max(1, truthAi.length),
        recallChars: chars(right) / Math.max(1, chars(truthAi)),
      };
    };
    const all = row(rows.filter((r) => isAi(r.label)));
    const sure = row(rows.filter((r) => isAi(r.label) && r.confidence >= SURE));
    const p = (r, x) => (r.calls === 0 ? '–' : pct(x));
    console.log(`| ${name} | ${all.calls} | ${p(all, all.precision)} | ${pct(all.recall)} | ${p(all, all.precisionChars)} | ${pct(all.recallChars)} | ${sure.calls} | ${p(sure, sure.precision)} | ${pct(sure.recall)} | ${pct(sure.recallChars)} |`);
  }
  console.log('');
  console.log(`in these traces: ${counts.acceptKeys} accept-key notes, ${counts.chatCheckpoints} chat checkpoints`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
