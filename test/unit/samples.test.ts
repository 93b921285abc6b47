// The built-in sample CRM: the committed files are exactly what the deterministic generator writes,
// and each loads as its kind with every row.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { generateSamples } from '../../scripts/samples.mjs';
import { SAMPLE_FILES } from '../../src/lib/app/sampleFiles';
import { csvFile, storeWith } from './helpers';

const SAMPLES = new URL('../../public/samples/', import.meta.url).pathname;

describe('sample data', () => {
  const generated = generateSamples() as Record<string, string>;

  test('the committed files match the generator', () => {
    expect(Object.keys(generated).sort()).toEqual([...SAMPLE_FILES].sort());
    for (const name of SAMPLE_FILES) expect(readFileSync(`${SAMPLES}${name}`, 'utf8')).toBe(generated[name]);
  });

  test('every file loads as its kind with all its rows', async () => {
    const files = SAMPLE_FILES.map((n) => csvFile(n, generated[n]));
    const { store } = await storeWith(...files);
    const kinds = Object.fromEntries(store.files.map((f) => [f.name, f.kind]));
    expect(kinds).toEqual({
      'opportunities.csv': 'opportunities', 'leads.csv': 'leads', 'revenue.csv': 'revenue', 'reps.csv': 'reps', 'targets.csv': 'targets',
    });
    for (const f of store.files) expect(f.rows).toBe(generated[f.name].trimEnd().split('\n').length - 1);
    expect(await store.asOf()).toBe('2026-06-30');
  });

  test('spans about two years and a few thousand rows', () => {
    const opps = generated['opportunities.csv'].trimEnd().split('\n').slice(1);
    const created = opps.map((l) => l.split(',')[10]).sort();
    expect(created[0] >= '2024-07-01' && created.at(-1)! <= '2026-06-30').toBe(true);
    const total = Object.values(generated).reduce((n, t) => n + t.trimEnd().split('\n').length - 1, 0);
    expect(total).toBeGreaterThan(2000);
  });
});
