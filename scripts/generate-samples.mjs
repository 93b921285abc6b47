// Writes the built-in sample CRM exports to public/samples/ (see samples.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSamples } from './samples.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'samples');
mkdirSync(out, { recursive: true });
for (const [name, text] of Object.entries(generateSamples())) {
  writeFileSync(join(out, name), text);
  console.log(`${name}: ${text.split('\n').length - 2} rows`);
}
