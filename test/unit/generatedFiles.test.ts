import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { packJsonSchema } from '../../src/core/exercises/packSchema';
import { profileJsonSchema } from '../../src/core/profile/profileSchema';
import { generateConfiguration, nlsKey, readmeSettingsTable, README_BEGIN, README_END, replaceReadmeSettings } from '../../src/core/settings/generate';
import { SETTING_KEYS, SETTINGS } from '../../src/core/settings/settingsModel';

/**
 * Files generated from the settings model and the zod schemas: package.json's configuration
 * and restricted settings, package.nls.json's English words for them, README's settings
 * table and the JSON schemas under schemas/. `npm run generate` sets
 * DELIBERATE_UPDATE_GENERATED=1 to rewrite them; the tests then check what was written.
 */
const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const readJson = (file: string) => JSON.parse(read(file)) as Record<string, unknown>;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const schemas: Record<string, object> = {
  'schemas/deliberate-profile.schema.json': profileJsonSchema(),
  'schemas/deliberate-pack.schema.json': packJsonSchema(),
};
const generated = generateConfiguration();

type Pkg = {
  contributes: { configuration: unknown; jsonValidation: { fileMatch: string | string[]; url: string }[] };
  capabilities: { untrustedWorkspaces: { supported: string; description: string; restrictedConfigurations?: string[] } };
};

/** Generated `config.*` strings replace the old ones; strings other parts of package.json use are kept. */
function mergedNls(existing: Record<string, string>): Record<string, string> {
  const kept = Object.fromEntries(Object.entries(existing).filter(([k]) => !k.startsWith('config.') && !Object.hasOwn(generated.strings, k)));
  return { ...kept, ...generated.strings };
}

function update(): void {
  for (const [file, schema] of Object.entries(schemas)) writeFileSync(path.join(root, file), json(schema));
  const pkg = readJson('package.json') as unknown as Pkg;
  pkg.contributes.configuration = generated.configuration;
  pkg.capabilities.untrustedWorkspaces = { supported: 'limited', description: `%${nlsKey.trust()}%`, restrictedConfigurations: generated.restrictedConfigurations };
  writeFileSync(path.join(root, 'package.json'), json(pkg));
  const nls = existsSync(path.join(root, 'package.nls.json')) ? (readJson('package.nls.json') as Record<string, string>) : {};
  writeFileSync(path.join(root, 'package.nls.json'), json(mergedNls(nls)));
  writeFileSync(path.join(root, 'README.md'), replaceReadmeSettings(read('README.md'), readmeSettingsTable()));
}

describe('files generated from the settings model and the schemas', () => {
  if (process.env.DELIBERATE_UPDATE_GENERATED === '1') update();

  for (const [file, schema] of Object.entries(schemas)) {
    it(`${file} equals the schema generated from zod (run \`npm run generate\` after changing it)`, () => {
      assert.ok(existsSync(path.join(root, file)), `${file} is missing`);
      assert.deepEqual(JSON.parse(read(file)), schema);
    });
  }

  it('package.json contributes.configuration equals the one generated from the settings model', () => {
    assert.deepEqual((readJson('package.json') as unknown as Pkg).contributes.configuration, generated.configuration);
  });

  it('package.json restricts exactly the settings the model restricts, with the trust description', () => {
    assert.deepEqual((readJson('package.json') as unknown as Pkg).capabilities.untrustedWorkspaces, {
      supported: 'limited',
      description: `%${nlsKey.trust()}%`,
      restrictedConfigurations: ['deliberate.validation.commands', 'deliberate.attribution.aiCommands', 'deliberate.trace.folder', 'deliberate.trace.includePaths', 'deliberate.store.retentionDays'],
    });
  });

  it('package.nls.json holds the English words of every setting, and every %reference% in package.json resolves', () => {
    const nls = readJson('package.nls.json') as Record<string, string>;
    assert.deepEqual(nls, mergedNls(nls), 'run `npm run generate`');
    const refs = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.deepEqual(refs.filter((r) => !Object.hasOwn(nls, r)), []);
  });

  it('every user-visible string of package.json is a %reference% to package.nls.json, and the VSIX ships that file', () => {
    const pkg = readJson('package.json') as Record<string, unknown> & { contributes: Record<string, unknown> };
    const visible: [string, unknown][] = [['displayName', pkg.displayName], ['description', pkg.description]];
    const c = pkg.contributes as {
      commands: { command: string; title: string; category?: string; shortTitle?: string }[];
      viewsContainers: Record<string, { title: string }[]>;
      views: Record<string, { id: string; name: string; contextualTitle?: string }[]>;
      viewsWelcome?: { view: string; contents: string }[];
      walkthroughs: { id: string; title: string; description: string; steps: { id: string; title: string; description: string; media: { altText?: string } }[] }[];
    };
    for (const cmd of c.commands) visible.push([`${cmd.command} title`, cmd.title], [`${cmd.command} category`, cmd.category], [`${cmd.command} shortTitle`, cmd.shortTitle]);
    for (const items of Object.values(c.viewsContainers)) for (const v of items) visible.push([`container ${v.title}`, v.title]);
    for (const items of Object.values(c.views)) for (const v of items) visible.push([`${v.id} name`, v.name], [`${v.id} contextualTitle`, v.contextualTitle]);
    for (const w of c.viewsWelcome ?? []) visible.push([`${w.view} welcome`, w.contents]);
    for (const w of c.walkthroughs) {
      visible.push([`${w.id} title`, w.title], [`${w.id} description`, w.description]);
      for (const st of w.steps) visible.push([`${st.id} title`, st.title], [`${st.id} description`, st.description], [`${st.id} altText`, st.media.altText]);
    }
    assert.deepEqual(visible.filter(([, v]) => v !== undefined && !/^%[^%\s]+%$/.test(String(v))).map(([where]) => where), []);
    assert.ok(read('.vscodeignore').split('\n').includes('!package.nls.json'), '.vscodeignore lets package.nls.json into the VSIX');
  });

  it("README's settings table equals the one generated from the model", () => {
    const readme = read('README.md');
    assert.ok(readme.includes(README_BEGIN) && readme.includes(README_END), 'README.md has the settings markers');
    assert.equal(readme, replaceReadmeSettings(readme, readmeSettingsTable()), 'run `npm run generate`');
  });

  it('package.json contributes both schemas for the files they describe', () => {
    const pkg = readJson('package.json') as unknown as Pkg;
    const byUrl = Object.fromEntries(pkg.contributes.jsonValidation.map((v) => [v.url, ([] as string[]).concat(v.fileMatch)]));
    assert.deepEqual(byUrl, {
      './schemas/deliberate-profile.schema.json': ['.vscode/deliberate.json'],
      './schemas/deliberate-pack.schema.json': ['*.deliberate-pack.json', '.vscode/deliberate-packs/*.json'],
    });
  });
});

describe('the generated configuration follows the conventions of first-party extensions', () => {
  const categories = generated.configuration as { title: string; order: number; properties: Record<string, Record<string, unknown>> }[];
  const properties = Object.fromEntries(categories.flatMap((c) => Object.entries(c.properties)));

  it('groups settings into titled, ordered categories, General first and traces and data last', () => {
    assert.deepEqual(
      categories.map((c) => [generated.strings[c.title.slice(1, -1)], c.order]),
      [['General', 0], ['Coach', 1], ['Validation', 2], ['Exercises', 3], ['AI Agents', 4], ['Edit Traces', 5], ['Your Data', 6]],
    );
  });

  it('every setting has a scope, a markdownDescription and an order unique in its category', () => {
    assert.deepEqual(Object.keys(properties), SETTING_KEYS.map((k) => `deliberate.${k}`));
    for (const [key, p] of Object.entries(properties)) {
      assert.ok(['window', 'machine'].includes(p.scope as string), `${key} scope`);
      assert.match(p.markdownDescription as string, /^%config\..+\.description%$/, key);
      assert.equal(p.description, undefined, `${key}: one description, in markdown`);
    }
    for (const c of categories) {
      const orders = Object.values(c.properties).map((p) => p.order);
      assert.equal(new Set(orders).size, orders.length, `${c.title}: duplicate order`);
    }
  });

  it('each enum has exactly one description per value, in order', () => {
    const withEnum = Object.entries(properties).flatMap(([key, p]) => {
      const at = (Array.isArray(p.enum) ? p : (p.items as Record<string, unknown> | undefined)) ?? {};
      return Array.isArray(at.enum) ? [[key, (at.enum as string[]).length, (at.enumDescriptions as string[]).length] as const] : [];
    });
    assert.deepEqual(withEnum, [
      ['deliberate.coach.preset', 3, 3],
      ['deliberate.coach.emphasis', 4, 4],
    ]);
    assert.deepEqual(
      (properties['deliberate.coach.preset']!.enumDescriptions as string[]).map((r) => r.slice(1, -1)),
      ['quiet', 'standard', 'learner'].map((v) => `config.coach.preset.enum.${v}`),
    );
  });

  it('the default of every setting is valid for its own validator', () => {
    assert.deepEqual(SETTING_KEYS.filter((k) => !SETTINGS[k].schema.safeParse(SETTINGS[k].default).success), []);
  });
});
