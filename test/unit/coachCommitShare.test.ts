import * as assert from 'node:assert/strict';
import { addedLines, aiLinesOf, commitShare, formatTrailer, isDeliberateTrailer } from '../../src/core/coach/commitShare';
import { aiEvidence } from '../../src/core/history/aiEvidence';

describe('the commit preview: the share of AI-written lines a commit adds', () => {
  const text = 'export function a() {\n  return 1;\n}\nconst twice = (x) => x * 2;\nconst half = (x) => x / 2;\n\nconst mine = 3;\n';
  const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });

  it('a line is AI-written when half or more of its non-blank characters are in a live AI range', () => {
    const lines = aiLinesOf(text, [
      { assistant: 'inline', ranges: [at('const twice = (x) => x * 2;\n')] },
      // The agent wrote "const half = (x) =>" and the person " x / 2;": most of it is the agent's.
      { assistant: 'agent', ranges: [at('const half = (x) =>')] },
      // Two characters of the person's line are the agent's: it stays the person's.
      { assistant: 'agent', ranges: [at('mi')] },
    ]);
    assert.deepEqual([...lines], [
      ['const twice = (x) => x * 2;', ['inline']],
      ['const half = (x) => x / 2;', ['agent']],
    ]);
  });

  it('matches the staged diff\'s added lines, each AI line once, blank lines on neither side', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1,3 +1,7 @@',
      ' export function a() {',
      '+const twice = (x) => x * 2;',
      '+const twice = (x) => x * 2;',
      '+  const half = (x) => x / 2;',
      '+',
      '+const mine = 3;',
      '-old line',
    ].join('\n');
    assert.deepEqual(addedLines(diff), ['const twice = (x) => x * 2;', 'const twice = (x) => x * 2;', '  const half = (x) => x / 2;', '', 'const mine = 3;']);
    const aiLines = aiLinesOf(text, [
      { assistant: 'inline', ranges: [at('const twice = (x) => x * 2;\n')] },
      { assistant: 'agent', ranges: [at('const half = (x) => x / 2;')] },
    ]);
    const share = commitShare([{ added: addedLines(diff), aiLines }]);
    // The second "twice" line is not in the document as AI: one AI line counts once.
    assert.deepEqual(share, { added: 4, ai: 2, byAssistant: { inline: 1, chat: 0, agent: 1 } });
    assert.equal(formatTrailer(share), 'AI-assisted: 50% of added lines (inline 25%, agent 25%) [Deliberate]');
  });

  it('says nothing when no added line is AI-written, and marks tiny shares as under 1%', () => {
    assert.equal(formatTrailer({ added: 10, ai: 0, byAssistant: { inline: 0, chat: 0, agent: 0 } }), null);
    assert.equal(formatTrailer({ added: 0, ai: 0, byAssistant: { inline: 0, chat: 0, agent: 0 } }), null);
    assert.equal(formatTrailer({ added: 400, ai: 1, byAssistant: { inline: 0, chat: 1, agent: 0 } }), 'AI-assisted: <1% of added lines (chat <1%) [Deliberate]');
  });

  it('the history review reads the line back as Deliberate\'s own evidence, even when it is all the message holds', () => {
    const line = 'AI-assisted: 40% of added lines (inline 30%, agent 10%) [Deliberate]';
    assert.ok(isDeliberateTrailer(line));
    assert.ok(!isDeliberateTrailer('AI-assisted: yes'));
    const identity = { hash: 'a'.repeat(40), authorName: 'Ada', authorEmail: 'ada@example.org', aiNote: '' };
    assert.deepEqual(aiEvidence({ ...identity, message: `Fix the parser\n\n${line}\n` }, new Set()), [{ kind: 'trailer', tool: 'AI assistant', detail: 'Deliberate: 40% of added lines (inline 30%, agent 10%)' }]);
    assert.deepEqual(aiEvidence({ ...identity, message: `${line}\n` }, new Set()), [{ kind: 'trailer', tool: 'AI assistant', detail: 'Deliberate: 40% of added lines (inline 30%, agent 10%)' }]);
    // A person's own "AI-assisted: no" is not evidence.
    assert.deepEqual(aiEvidence({ ...identity, message: 'Fix\n\nAI-assisted: no\n' }, new Set()), []);
  });
});
