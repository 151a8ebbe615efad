// A small non-AI formatter: trims trailing spaces and makes indentation two spaces.
import { readFileSync, writeFileSync } from 'node:fs';
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const out = text
    .split('\n')
    .map((line) => line.replace(/\s+$/, '').replace(/^\t+/, (tabs) => '  '.repeat(tabs.length)))
    .join('\n');
  writeFileSync(file, out);
}
