import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../..');

/** The files `vsce package` would put in the VSIX, as `vsce ls` lists them (no build, no network). */
function packagedFiles(): string[] {
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  return execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' }).split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('what the VSIX carries (.vscodeignore)', function () {
  // `vsce ls` is a child process: seconds on a busy machine.
  this.timeout(60_000);
  // A development build leaves source maps next to every bundle. They must never ship, even when
  // the production build that packaging runs did not clean them away: plant some and look.
  const probes = ['dist/zz-probe.js.map', 'dist/webview/zz-probe.js.map', 'dist/webview/zz-probe.css.map'];

  before(() => {
    for (const p of probes) {
      mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      writeFileSync(path.join(root, p), '{}');
    }
  });

  after(() => {
    for (const p of probes) rmSync(path.join(root, p), { force: true });
  });

  it('leaves out every source map, wherever it is under dist/', () => {
    const files = packagedFiles();
    assert.deepEqual(files.filter((f) => f.endsWith('.map')), []);
  });

  it('carries the bundles, the webview scripts and styles, the schemas and the evidence page', () => {
    const files = new Set(packagedFiles());
    for (const f of ['package.json', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'dist/cli.js', 'dist/webview/progress.js', 'dist/webview/progress.css', 'dist/webview/activity.js', 'dist/webview/page.js', 'dist/webview/page.css', 'media/coaching-evidence.md', 'schemas/deliberate-profile.schema.json', 'media/packs/habits.deliberate-pack.json']) {
      assert.ok(files.has(f), `${f} is in the package (got ${[...files].join(', ')})`);
    }
  });

  it('carries nothing from the sources, tests, scripts or the try-it demo', () => {
    const stray = packagedFiles().filter((f) => /^(src|test|scripts|demo|out|artifacts|node_modules)\//.test(f) || f.endsWith('.ts'));
    assert.deepEqual(stray, []);
  });
});

describe('the Marketplace page (scripts/lib/marketplaceReadme.mjs)', () => {
  it("is README.md without the developers' sections, with no link into a section left out", async () => {
    const { marketplaceReadme, DEVELOPER_SECTIONS, headingAnchor } = (await import(path.join(root, 'scripts', 'lib', 'marketplaceReadme.mjs'))) as {
      marketplaceReadme: (markdown: string) => string;
      DEVELOPER_SECTIONS: string[];
      headingAnchor: (text: string) => string;
    };
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const page = marketplaceReadme(readme);
    const sections = (text: string) => text.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim());
    assert.deepEqual(sections(page), sections(readme).filter((s) => !DEVELOPER_SECTIONS.includes(s)));
    assert.ok(sections(page).includes('Privacy and trust'));
    assert.ok(page.startsWith('# Deliberate\n'));
    // Every in-page link still has its heading.
    const anchors = new Set(page.split('\n').flatMap((l) => (/^#{1,6}\s+(.*)$/.exec(l) ? [headingAnchor(/^#{1,6}\s+(.*)$/.exec(l)![1]!)] : [])));
    for (const [, anchor] of page.matchAll(/\]\(#([^)\s]+)\)/g)) assert.ok(anchors.has(anchor!), `#${anchor} is on the page`);
    assert.ok(page.length < readme.length / 2, `${page.length} of ${readme.length} characters`);
  });

  it('keeps the words of a link into a section left out, and a code block that looks like a heading', async () => {
    const { marketplaceReadme } = (await import(path.join(root, 'scripts', 'lib', 'marketplaceReadme.mjs'))) as { marketplaceReadme: (markdown: string) => string };
    const page = marketplaceReadme('# X\n\nSee [the tests](#test-it) and [trust](#trust).\n\n## Test it\n\nnpm test\n\n## Trust\n\n```md\n## Test it\n```\n');
    assert.match(page, /See the tests and \[trust\]\(#trust\)\./);
    assert.match(page, /```md\n## Test it\n```/);
    assert.doesNotMatch(page, /npm test/);
  });
});
