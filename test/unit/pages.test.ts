import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { habitSummary } from '../../src/core/coach/habits';
import { HABIT_TEXT } from '../../src/core/progress/habitEvidence';
import { todayHabitsMarkdown } from '../../src/core/progress/todayHabits';
import { parseInline, parsePage, type Block } from '../../src/shared/pageMarkdown';

const root = path.resolve(__dirname, '../../..');
const headingIds = (blocks: Block[]) => blocks.filter((b) => b.kind === 'heading').map((b) => (b as { id: string }).id);

describe('read-only pages', () => {
  describe('their Markdown', () => {
    it('reads headings with anchors, paragraphs across lines, lists with continuation lines and fenced code', () => {
      const blocks = parsePage('# Title {#top}\n\nOne line\nand the next.\n\n- first\n  continued\n- second\n\n```json\n{ "a": 1 }\n```\n## Plain Heading\n');
      assert.deepEqual(blocks, [
        { kind: 'heading', level: 1, id: 'top', inlines: [{ text: 'Title' }] },
        { kind: 'paragraph', inlines: [{ text: 'One line and the next.' }] },
        { kind: 'list', items: [[{ text: 'first continued' }], [{ text: 'second' }]] },
        { kind: 'code', lang: 'json', text: '{ "a": 1 }' },
        { kind: 'heading', level: 2, id: 'plain-heading', inlines: [{ text: 'Plain Heading' }] },
      ]);
    });

    it('reads strong, emphasis, code and links; only web, in-page and evidence links are links', () => {
      assert.deepEqual(parseInline('**Why:** see [the study](https://example.org/a) and *this* `x`'), [
        { text: 'Why:', strong: true },
        { text: ' see ' },
        { text: 'the study', link: { kind: 'external', url: 'https://example.org/a' } },
        { text: ' and ' },
        { text: 'this', em: true },
        { text: ' ' },
        { text: 'x', code: true },
      ]);
      assert.deepEqual(parseInline('[why](evidence:validate)')[0]!.link, { kind: 'evidence', anchor: 'validate' });
      assert.deepEqual(parseInline('[up](#top)')[0]!.link, { kind: 'anchor', anchor: 'top' });
      // A command or file link is not followed: its label stays, as text.
      assert.deepEqual(parseInline('[run](command:workbench.action.terminal.new)'), [{ text: 'run' }]);
      assert.deepEqual(parseInline('[x](file:///etc/passwd)'), [{ text: 'x' }]);
      // Unclosed markers are text.
      assert.deepEqual(parseInline('2 * 3 and **open'), [{ text: '2 * 3 and **open' }]);
    });
  });

  describe('the evidence page (media/coaching-evidence.md, shipped in the VSIX)', () => {
    const text = readFileSync(path.join(root, 'media', 'coaching-evidence.md'), 'utf8');
    const blocks = parsePage(text);

    it('has a section for each habit, for nudges and for practice, under the anchors the code opens', () => {
      assert.deepEqual(headingIds(blocks), ['top', 'iterate', 'validate', 'decompose', 'learn', 'nudges', 'practice']);
      for (const habit of ['iterate', 'validate', 'decompose', 'learn'] as const) {
        const heading = blocks.find((b) => b.kind === 'heading' && b.id === habit) as { inlines: readonly { text: string }[] } | undefined;
        assert.equal(heading?.inlines.map((i) => i.text).join(''), HABIT_TEXT[habit].title, `the ${habit} section is titled as the habit is everywhere else`);
      }
    });

    it('links every study it cites, and each habit section has at least one link', () => {
      let section = '';
      const links = new Map<string, number>();
      for (const b of blocks) {
        if (b.kind === 'heading') section = b.id;
        const spans = b.kind === 'list' ? b.items.flat() : b.kind === 'paragraph' || b.kind === 'heading' ? b.inlines : [];
        for (const s of spans) if (s.link?.kind === 'external') links.set(section, (links.get(section) ?? 0) + 1);
      }
      for (const s of ['iterate', 'validate', 'decompose', 'learn', 'nudges', 'practice']) assert.ok((links.get(s) ?? 0) >= 1, `section ${s} links its sources`);
      for (const figure of ['15%', '28 to 33%', '19% slower', '50%', '67%', '28.2%', '24.5%']) assert.ok(text.includes(figure), `quotes ${figure}`);
    });
  });

  describe("today's habits", () => {
    it('on a day with nothing yet, says what will show and how to start, with no "n/a" and no study ids', () => {
      const text = todayHabitsMarkdown(habitSummary([]));
      assert.match(text, /Nothing to show yet today/);
      assert.doesNotMatch(text, /n\/a|arXiv|\(0 /);
      assert.match(text, /\[Why these four habits\]\(evidence:top\)/);
    });

    it('shows the figures that have data, names the others once, and links each habit to its evidence', () => {
      const at = Date.UTC(2026, 10, 23, 9);
      const text = todayHabitsMarkdown(
        habitSummary([
          { kind: 'habit', at, habit: 'validate', signal: 'ranBeforeCommit', direction: 1 },
          { kind: 'habit', at, habit: 'validate', signal: 'committedUnrun', direction: -1 },
          { kind: 'run', at, run: 'test', ok: true, coveredAiEdits: 2 },
        ]),
      );
      assert.match(text, /## Validate: run it before you trust it \{#validate\}/);
      assert.match(text, /- \*\*Committed AI bursts run before the commit:\*\* 50%\. \*1 run, 1 not\.\*/);
      assert.match(text, /- \*\*Test, build, lint and debug runs:\*\* 1\./);
      assert.match(text, /Not seen yet today: AI edits that left more errors/i);
      for (const habit of ['iterate', 'validate', 'decompose', 'learn']) assert.match(text, new RegExp(`\\(evidence:${habit}\\)`));
      assert.doesNotMatch(text, /n\/a|arXiv/);
      assert.equal(parsePage(text).filter((b) => b.kind === 'heading' && b.level === 2).length, 4);
    });
  });
});
