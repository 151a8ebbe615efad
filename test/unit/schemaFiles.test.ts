import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { packJsonSchema } from '../../src/core/exercises/packSchema';
import { profileJsonSchema } from '../../src/core/profile/profileSchema';

const root = path.resolve(__dirname, '../../..');

/** The JSON schemas contributed through `jsonValidation`, generated from their zod sources. */
const generated: Record<string, object> = {
  'schemas/deliberate-profile.schema.json': profileJsonSchema(),
  'schemas/deliberate-pack.schema.json': packJsonSchema(),
};

describe('checked-in JSON schemas', () => {
  // `npm run schemas` sets this to rewrite the files; the tests then check what was written.
  if (process.env.DELIBERATE_UPDATE_SCHEMAS === '1') {
    for (const [file, schema] of Object.entries(generated)) writeFileSync(path.join(root, file), `${JSON.stringify(schema, null, 2)}\n`);
  }

  for (const [file, schema] of Object.entries(generated)) {
    it(`${file} equals the schema generated from zod (run \`npm run schemas\` after changing it)`, () => {
      assert.ok(existsSync(path.join(root, file)), `${file} is missing`);
      assert.deepEqual(JSON.parse(readFileSync(path.join(root, file), 'utf8')), schema);
    });
  }

  it('package.json contributes both schemas for the files they describe', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { fileMatch: string | string[]; url: string }[] } };
    const byUrl = Object.fromEntries(pkg.contributes.jsonValidation.map((v) => [v.url, ([] as string[]).concat(v.fileMatch)]));
    assert.deepEqual(byUrl, {
      './schemas/deliberate-profile.schema.json': ['.vscode/deliberate.json'],
      './schemas/deliberate-pack.schema.json': ['*.deliberate-pack.json', '.vscode/deliberate-packs/*.json'],
    });
  });
});
