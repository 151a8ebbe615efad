// node scripts/corpus/relabel.mjs TRACE... — labels recorded traces again from the edit
// sources kept beside them (<name>.sources.jsonl), after a change to scripts/corpus/label.mjs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { labelTrace } from './label.mjs';

for (const file of process.argv.slice(2)) {
  const sources = file.replace(/\.jsonl$/, '.sources.jsonl');
  if (!existsSync(sources)) {
    console.error(`${file}: no ${path.basename(sources)} beside it; skipped`);
    continue;
  }
  const { text, stats } = labelTrace(readFileSync(file, 'utf8'), readFileSync(sources, 'utf8'), path.basename(file));
  writeFileSync(file, text);
  console.log(`${path.basename(file)}: ${JSON.stringify(stats)}`);
}
