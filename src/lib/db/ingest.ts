// File ingest: sniff the first bytes (PapaParse), classify, then let DuckDB parse the whole file
// into a raw all-text table. Typed canonical tables are built from raw tables (crm/canonical.ts).

import Papa from 'papaparse';
import type { DbClient } from './client';
import { ident, literal, sql } from './sql';

const SNIFF_BYTES = 64 * 1024;

export type IngestErrorCode = 'empty' | 'headerOnly' | 'binary' | 'encoding' | 'unrecognised' | 'parse';

/** A problem with one file; `code` picks the message, `detail` fills it in. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(`${code}: ${JSON.stringify(detail)}`);
  }
}

export interface Sniffed {
  headers: string[];
  delimiter: string;
  /** Up to 20 data rows from the start of the file. */
  sample: string[][];
}

export async function sniff(file: Blob): Promise<Sniffed> {
  if (file.size === 0) throw new IngestError('empty');
  const bytes = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new IngestError('encoding', { encoding: 'UTF-16' });
  }
  if (bytes.includes(0)) throw new IngestError('binary');
  let text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  // Drop a line cut in half by the sniff window.
  if (file.size > SNIFF_BYTES) text = text.slice(0, Math.max(text.lastIndexOf('\n'), 0));
  const parsed = Papa.parse<string[]>(text, { preview: 21, skipEmptyLines: 'greedy' });
  const [headerRow, ...sample] = parsed.data;
  const headers = (headerRow ?? []).map((h) => h.trim());
  if (headers.length === 0 || headers.every((h) => h === '')) throw new IngestError('empty');
  if (sample.length === 0) throw new IngestError('headerOnly', { columns: headers.length });
  return { headers, delimiter: parsed.meta.delimiter || ',', sample };
}

export interface RawTable {
  table: string;
  rows: number;
  columns: string[];
}

/** Parses the whole file with DuckDB into `table` (every column as text). The file is read in place. */
export async function loadRawTable(db: DbClient, file: File | Uint8Array, table: string, delimiter: string): Promise<RawTable> {
  const registered = `${table}.csv`;
  await db.registerFile(registered, file);
  try {
    await db.exec(sql`CREATE OR REPLACE TABLE ${ident(table)} AS
      SELECT * FROM read_csv(${literal(registered)}, header = true, all_varchar = true,
        delim = ${literal(delimiter)}, quote = '"', escape = '"')`);
  } catch (e) {
    throw new IngestError('parse', { message: firstLine(e) });
  } finally {
    await db.dropFile(registered);
  }
  const [{ n }] = await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(table)}`);
  const described = await db.query<{ column_name: string }>(sql`DESCRIBE ${ident(table)}`);
  return { table, rows: Number(n), columns: described.map((d) => d.column_name) };
}

/** DuckDB errors run to many lines (and the wasm build appends a stack): keep the first. */
export function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0].slice(0, 300);
}
