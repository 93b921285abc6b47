// File ingest: sniff the first bytes (encoding, delimiter, headers, sample rows with PapaParse),
// transcode to UTF-8 when needed, then let DuckDB parse the whole file into a raw all-text table.
// Rows DuckDB cannot split into the header's columns are rejected and counted, never lost silently.

import Papa from 'papaparse';
import type { DbClient } from './client';
import { decodeSample, detectEncoding, type Encoding } from './encoding';
import { ident, literal, sql } from './sql';

const SNIFF_BYTES = 64 * 1024;

export type IngestErrorCode = 'empty' | 'headerOnly' | 'binary' | 'unrecognised' | 'parse' | 'tooLarge';

/** A problem with one file; `code` picks the message, `detail` fills it in. */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(`${code}: ${JSON.stringify(detail)}`);
  }
}

export const DELIMITERS = [',', ';', '\t', '|'] as const;

export interface Sniffed {
  encoding: Encoding;
  headers: string[];
  delimiter: string;
  /** Up to 20 data rows from the start of the file. */
  sample: string[][];
}

export async function sniff(file: Blob, override: { encoding?: Encoding; delimiter?: string } = {}): Promise<Sniffed> {
  if (file.size === 0) throw new IngestError('empty');
  const bytes = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) throw new IngestError('binary', { what: 'xlsx' });
  const encoding = override.encoding ?? detectEncoding(bytes);
  let text = decodeSample(bytes, encoding);
  if (text.includes('\0') || /[\u0001-\u0008\u000e-\u001f]{4,}/.test(text)) throw new IngestError('binary', { what: 'binary' });
  // Drop a line cut in half by the sniff window.
  if (file.size > SNIFF_BYTES) text = text.slice(0, Math.max(text.lastIndexOf('\n'), 0));
  const parsed = Papa.parse<string[]>(text, {
    preview: 21,
    skipEmptyLines: 'greedy',
    delimiter: override.delimiter ?? '',
    delimitersToGuess: [...DELIMITERS],
  });
  const [headerRow, ...sample] = parsed.data;
  const headers = (headerRow ?? []).map((h) => h.trim());
  if (headers.length === 0 || headers.every((h) => h === '')) throw new IngestError('empty');
  if (sample.length === 0) throw new IngestError('headerOnly', { columns: headers.length });
  return { encoding, headers, delimiter: parsed.meta.delimiter || ',', sample };
}

export interface RejectedRow {
  line: number;
  /** DuckDB's error type, e.g. MISSING COLUMNS, TOO MANY COLUMNS, UNQUOTED VALUE. */
  type: string;
  error: string;
  text: string;
}

export interface RawTable {
  table: string;
  rows: number;
  columns: string[];
  rejected: number;
  rejectedExamples: RejectedRow[];
}

/** Parses the whole file with DuckDB into `table` (every column as text). The file is read in place. */
export async function loadRawTable(db: DbClient, file: File | Uint8Array, table: string, delimiter: string): Promise<RawTable> {
  const registered = `${table}.csv`;
  const rejects = `${table}_rejects`;
  const scans = `${table}_scans`;
  await db.registerFile(registered, file);
  try {
    await db.exec(sql`CREATE OR REPLACE TABLE ${ident(table)} AS
      SELECT * FROM read_csv(${literal(registered)}, header = true, all_varchar = true,
        delim = ${literal(delimiter)}, quote = '"', escape = '"', ignore_errors = true,
        store_rejects = true, rejects_table = ${literal(rejects)}, rejects_scan = ${literal(scans)})`);
  } catch (e) {
    throw new IngestError('parse', { message: firstLine(e) });
  } finally {
    await db.dropFile(registered);
  }
  const [{ n }] = await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(table)}`);
  const described = await db.query<{ column_name: string }>(sql`DESCRIBE ${ident(table)}`);
  const [{ rejected }] = await db.query<{ rejected: number }>(sql`SELECT count(DISTINCT line) AS rejected FROM ${ident(rejects)}`);
  const rejectedExamples = await db.query<RejectedRow & Record<string, unknown>>(
    sql`SELECT line, any_value(error_type) AS type, any_value(error_message) AS error, any_value(left(csv_line, 120)) AS text
        FROM ${ident(rejects)} GROUP BY line ORDER BY line LIMIT 3`,
  );
  await db.exec(sql`DROP TABLE IF EXISTS ${ident(rejects)}; DROP TABLE IF EXISTS ${ident(scans)}`);
  return { table, rows: Number(n), columns: described.map((d) => d.column_name), rejected: Number(rejected), rejectedExamples };
}

/** DuckDB errors run to many lines (and the wasm build appends a stack): keep the first. */
export function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0].slice(0, 300);
}
