import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

interface Contributes {
  commands: { command: string; title: string; category?: string }[];
  menus: { commandPalette: { command: string; when: string }[] };
}

describe('README and package.json agree on the commands', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: Contributes };
  // Titles are `%key%` references into package.nls.json (the English strings).
  const nls = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const title = (t: string) => t.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? t);
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const hidden = new Set(pkg.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));

  it('the command table names every command a person can run from the palette', () => {
    const table = readme.slice(readme.indexOf('### Commands'), readme.indexOf('### Views'));
    assert.ok(table.length > 100, 'README has a "### Commands" section before "### Views"');
    const titles = pkg.contributes.commands.filter((c) => !hidden.has(c.command)).map((c) => title(c.title));
    assert.deepEqual(titles.filter((t) => t.startsWith('%')), [], 'every title resolves');
    assert.deepEqual(titles.filter((t) => !table.includes(`Deliberate: ${t}`) && !table.includes(`/ \`${t}\``)), []);
  });

  it('every command hidden from the palette when it does not apply names a context key Deliberate sets', () => {
    const keys = new Set(['deliberate.exerciseActive', 'deliberate.recording', 'deliberate.unreviewedAiCode', 'workbenchState']);
    for (const m of pkg.contributes.menus.commandPalette.filter((x) => x.when !== 'false')) {
      const used = m.when.match(/[\w.]+/g)!.filter((w) => w.includes('.') || w === 'workbenchState');
      assert.ok(used.every((k) => keys.has(k)), `${m.command}: ${m.when}`);
    }
  });
});
