// Fuzzing the ingest path with random mutations of a real export (the Maven pipeline file), for a
// bounded time: no crash, and no silent row loss (rows in = rows loaded + rows reported rejected).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DataStore } from '../../src/lib/app/dataStore';
import { IngestError } from '../../src/lib/db/ingest';
import type { DbClient } from '../../src/lib/db/client';
import { raw } from '../../src/lib/db/sql';
import { neutralise, toCsv } from '../../src/lib/format/csv';
import { PUBLIC_DATA, testDb } from './helpers';
import { rng } from '../../scripts/samples.mjs';

const SECONDS = Number(process.env.FUZZ_SECONDS ?? 12);

/**
 * Mutations an export suffers by hand or by a broken tool. With `quotes`, stray double quotes too
 * (they join lines into one value); those runs add no blank lines, which inside a quoted value
 * would be text rather than a skipped line.
 */
function mutate(lines: string[], r: () => number, quotes: boolean): string[] {
  const out = [...lines];
  const n = 1 + Math.floor(r() * 8);
  for (let k = 0; k < n; k++) {
    const i = 1 + Math.floor(r() * (out.length - 1));
    const line = out[i];
    const at = Math.floor(r() * (line.length + 1));
    switch (Math.floor(r() * (quotes ? 10 : 8))) {
      case 0: out[i] = line.slice(0, at) + line.slice(at + 1); break; // drop a character (maybe a comma)
      case 1: out[i] = `${line.slice(0, at)},${line.slice(at)}`; break; // an extra field
      case 2: out[i] = line.slice(0, at); break; // truncated
      case 3: out[i] = `${line.slice(0, at)}\u00e9\u4e2d\u20ac${line.slice(at)}`; break; // non-ASCII text
      case 4: out[i] = line.replace(/\d{4}-\d{2}-\d{2}/, 'not a date'); break;
      case 5: out[i] = line.replace(/,(\d+)$/, ',$1abc'); break; // a broken amount
      case 6: if (quotes) out[i] = line.replace(',', ',"'); else out.splice(i, 0, ''); break; // a quote opened at a field's start, or a blank line
      case 7: out[i] = `${line.slice(0, at)};${line.slice(at)}`; break; // a stray other separator
      case 8: out[i] = `${line.slice(0, at)}"${line.slice(at)}`; break; // a stray quote anywhere
      default: out[i] = line.replace(/,([^,]*)$/, ',"$1'); break; // the last field's quote never closed
    }
  }
  return out;
}

/** Line breaks inside the values DuckDB loaded: lines a quote joined into one row. */
async function joinedLines(db: DbClient, table: string, columns: string[]): Promise<number> {
  const breaks = columns.map((c) => `coalesce(len("${c.replaceAll('"', '""')}") - len(replace("${c.replaceAll('"', '""')}", chr(10), '')), 0)`).join(' + ');
  const [row] = await db.query<{ n: number | null }>(raw(`SELECT sum(${breaks}) AS n FROM "${table}"`));
  return Number(row.n ?? 0);
}

describe('fuzzing the ingest path', () => {
  test(`random mutations of the Maven export for ${SECONDS} s: no crash, no silent row loss`, async () => {
    const original = readFileSync(`${PUBLIC_DATA}/maven-crm-opportunities/sales_pipeline.csv`, 'utf8').trim().split('\n').slice(0, 400);
    const db = await testDb();
    const store = await DataStore.open(db);
    const r = rng(7);
    const end = Date.now() + SECONDS * 1000;
    let runs = 0;
    let quoted = 0;
    while (Date.now() < end) {
      // Every other run has stray quotes.
      const quotes = runs % 2 === 1;
      const lines = mutate(original, r, quotes);
      const text = `${lines.join('\n')}\n`;
      // Rows in: non-blank lines after the header (DuckDB skips blank lines, as a reader would).
      const rowsIn = lines.slice(1).filter((l) => l.trim() !== '').length;
      let f: Awaited<ReturnType<DataStore['add']>>;
      try {
        f = await store.add(`fuzz-${runs}.csv`, new File([text], `fuzz-${runs}.csv`));
      } catch (e) {
        // Refusing the whole file is allowed (with a specific code); crashing is not.
        expect(e).toBeInstanceOf(IngestError);
        runs++;
        continue;
      }
      // A line is a loaded row, a rejected row, or text inside a quoted value of a loaded row.
      const joined = await joinedLines(db, f.table, f.columns);
      expect({ run: runs, lines: f.rows + f.rejected + joined }).toEqual({ run: runs, lines: rowsIn });
      // Lines joined by a stray quote are said (a valid quoted multi-line value is not).
      if (joined > 0 && f.headerIssues.quoteSpans) expect(f.headerIssues.quoteSpans.lines).toBe(joined);
      if (quotes && joined > 0) quoted++;
      await store.remove(f.id);
      runs++;
    }
    expect(runs).toBeGreaterThan(5);
    // The quote mutations did join lines in some runs (the invariant was tested on them).
    expect(quoted).toBeGreaterThan(0);
    expect(store.files).toHaveLength(0);
  }, (SECONDS + 60) * 1000);
});

describe('CSV downloads', () => {
  test('formula-like values are neutralised; numbers and plain text are not', () => {
    expect(neutralise('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutralise('+cmd|calc')).toBe(`'+cmd|calc`);
    expect(neutralise('@SUM(1)')).toBe(`'@SUM(1)`);
    expect(neutralise('-2+3')).toBe(`'-2+3`);
    expect(neutralise('\tx')).toBe(`'\tx`);
    expect(neutralise('-12.5')).toBe('-12.5');
    expect(neutralise(-3)).toBe(-3);
    expect(neutralise('Acme')).toBe('Acme');
    expect(toCsv(['a', 'b'], [{ a: '=1+1', b: 'x,y' }])).toBe(`a,b\r\n'=1+1,"x,y"`);
  });
});
