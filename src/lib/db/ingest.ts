// File ingest: sniff the first bytes (encoding, delimiter, headers, sample rows with PapaParse),
// transcode to UTF-8 when needed, then let DuckDB parse the whole file (a large one part by part,
// db/fileParts.ts) into a raw all-text table.
// Rows DuckDB cannot split into the header's columns are rejected and counted, never lost silently.

import Papa from 'papaparse';
import type { DbClient } from './client';
import { decodeSample, detectEncoding, wholeLines, type Encoding } from './encoding';
import { ident, join, literal, raw, sql } from './sql';
import { byteSize, partFile, READ_PART_BYTES, recordParts } from './fileParts';

const SNIFF_BYTES = 64 * 1024;
const WIDE_SNIFF_BYTES = 4 * 1024 * 1024;
/** A row may be this long (a 10 MB note in one field loads; beyond this, the file is refused). */
export const MAX_LINE_BYTES = 16_000_000;
/**
 * DuckDB's read buffer. Left alone it is 16 times max_line_size, and two are held at once: with
 * rows of 32 MB allowed, the engine's heap peaked at 1.5 GB reading 1M rows instead of 0.55 GB.
 * Twice the longest row is the least that reads long rows right: a buffer only a little longer
 * than them loses rows that straddle two buffers (measured on DuckDB 1.4.3; see ingest.test.ts).
 */
const READ_BUFFER_BYTES = 2 * MAX_LINE_BYTES;
/** The read buffers DuckDB holds while it reads a file (two at a time). */
export const READ_BUFFERS_BYTES = 2 * READ_BUFFER_BYTES;
/** Files up to this size are counted line by line when stray quotes made DuckDB read them leniently. */
const LINE_COUNT_MAX_BYTES = 256 * 1024 * 1024;

export type IngestErrorCode = 'empty' | 'headerOnly' | 'binary' | 'unrecognised' | 'parse' | 'tooLarge' | 'outOfMemory' | 'tooWide';

/** More columns than any CRM export has: refused before DuckDB spends memory on them. */
export const MAX_COLUMNS = 2000;

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
  /** Mostly UTF-8 with some bytes that are not: read as UTF-8, the bad bytes replaced. */
  mixedEncoding: boolean;
  /** The first data row is longer than the sniff window (a very long value somewhere in it). */
  longRows: boolean;
  headers: string[];
  delimiter: string;
  /** Up to 20 data rows from the start of the file. */
  sample: string[][];
}

export async function sniff(file: Blob, override: { encoding?: Encoding; delimiter?: string } = {}): Promise<Sniffed> {
  if (file.size === 0) throw new IngestError('empty');
  let bytes = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  // A very wide header (thousands of columns) needs a bigger window to reach the first data row.
  if (file.size > SNIFF_BYTES && bytes.filter((b) => b === 0x0a).length < 2) bytes = new Uint8Array(await file.slice(0, WIDE_SNIFF_BYTES).arrayBuffer());
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) throw new IngestError('binary', { what: 'xlsx' });
  // A window of a larger file may end inside a character: encodings are judged on its whole lines.
  const cut = file.size > bytes.length;
  const encoding = override.encoding ?? detectEncoding(bytes, cut);
  const mixedEncoding = !override.encoding && encoding !== 'utf-8' && isMostlyUtf8(cut ? wholeLines(bytes) : bytes);
  let text = decodeSample(bytes, mixedEncoding ? 'utf-8' : encoding);
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
  if (headers.length > MAX_COLUMNS) throw new IngestError('tooWide', { columns: headers.length, max: MAX_COLUMNS });
  // A first row longer than the window is not a missing row: DuckDB reads it (or rejects it, counted).
  if (sample.length === 0 && file.size <= bytes.length) throw new IngestError('headerOnly', { columns: headers.length });
  return { encoding: mixedEncoding ? 'utf-8' : encoding, mixedEncoding, longRows: sample.length === 0, headers, delimiter: parsed.meta.delimiter || ',', sample };
}

/** DuckDB keeps a string in a 16-byte slot, its text beside it when longer than 12 bytes. */
const STRING_SLOT_BYTES = 16;
const STRING_INLINE_BYTES = 12;
/** Engine memory per CSV byte when the first rows tell nothing (a first row longer than the sniff window). */
const FALLBACK_BYTES_PER_CSV_BYTE = 6;

/**
 * The most engine memory a file can take per byte of its UTF-8 text, judged on its first rows: every
 * value held twice, in the raw text table and in the typed one, each time as a string, as if nothing
 * compressed (text such as random ids may not; typed numbers, dates and enums take less). Short values
 * cost the most per byte: a 16-byte slot for "1,". The 1M-row bench export comes out at 3.9 bytes per
 * byte; uncompressed its tables took 2.9, compressed they take 0.7.
 */
export function engineBytesPerCsvByte(sample: readonly (readonly string[])[]): number {
  const encoder = new TextEncoder();
  let csv = 0;
  let tables = 0;
  for (const row of sample) {
    for (const value of row) {
      const n = encoder.encode(value).length;
      csv += n + 1; // and its delimiter or line break
      tables += 2 * (STRING_SLOT_BYTES + (n > STRING_INLINE_BYTES ? n : 0));
    }
  }
  return csv > 0 ? tables / csv : FALLBACK_BYTES_PER_CSV_BYTE;
}

/** Valid multi-byte UTF-8 sequences at least as many as invalid bytes: a UTF-8 file with some damage. */
function isMostlyUtf8(bytes: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const need = b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += need;
    } else invalid++;
  }
  // GBK text forms some valid UTF-8 pairs by chance, so UTF-8 must be the better reading.
  return valid > 0 && invalid > 0 && valid >= invalid;
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
  /** Read leniently (stray quotes): lines that ended up inside quoted values, and the first row holding one. */
  quoteSpans: { lines: number; row: number } | null;
}

/**
 * The longest row a read of `bytes` allows, and its buffer size: no row is longer than what is read,
 * so a small file gets smaller buffers than the 16 MB row limit asks for (the engine's memory after a
 * 100k-row load in Node: 112 MB instead of 122 MB).
 */
function readSizes(bytes: number): { line: number; buffer: number } {
  const line = Math.min(MAX_LINE_BYTES, bytes + 1);
  return { line, buffer: (READ_BUFFER_BYTES / MAX_LINE_BYTES) * line };
}

/** read_csv over a registered file of `bytes`: every column as text, rows that do not fit the header rejected into `rejects`. */
function readCsv(registered: string, bytes: number, delimiter: string, strict: boolean, rejects: string, columns?: readonly string[]) {
  const sizes = readSizes(bytes);
  return sql`read_csv(${literal(registered)}, header = true, all_varchar = true,
        delim = ${literal(delimiter)}, quote = '"', escape = '"', ignore_errors = true, max_line_size = ${literal(String(sizes.line))},
        buffer_size = ${literal(String(sizes.buffer))},
        strict_mode = ${raw(strict ? 'true' : 'false')}, store_rejects = true, rejects_table = ${literal(rejects)}, rejects_scan = ${literal(`${rejects}_scans`)}
        ${columns ? raw(`, auto_detect = false, columns = {${columns.map((c) => `${literal(c).text}: 'VARCHAR'`).join(', ')}}`) : raw('')})`;
}

/**
 * The rows read_csv rejected into `rejects` (then dropped): the lines they take, how many records
 * they are, and the first three. DuckDB numbers a record by the records before it (the header is
 * line 1); `recordsBefore` numbers a part's as the reading of the whole file would.
 */
async function takeRejects(db: DbClient, rejects: string, recordsBefore: number): Promise<{ lines: number; records: number; examples: RejectedRow[] }> {
  // A rejected record can span several lines (an unclosed quote swallows the lines after it): each
  // line counts, so rows in = rows loaded + rows rejected whatever the quoting did.
  const [{ rejected, records }] = await db.query<{ rejected: number; records: number }>(
    sql`SELECT coalesce(sum(lines), 0) AS rejected, count(*) AS records FROM (
          SELECT line, max(len(string_split(trim(csv_line, chr(13) || chr(10)), chr(10)))) AS lines FROM ${ident(rejects)} GROUP BY line)`,
  );
  const examples = await db.query<RejectedRow & Record<string, unknown>>(
    sql`SELECT line + ${raw(String(recordsBefore))} AS line, any_value(error_type) AS type, any_value(error_message) AS error, any_value(left(csv_line, 120)) AS text
        FROM ${ident(rejects)} GROUP BY line ORDER BY line LIMIT 3`,
  );
  await dropRejects(db, rejects);
  return { lines: Number(rejected), records: Number(records), examples: examples.map((e) => ({ ...e, line: Number(e.line) })) };
}

const dropRejects = (db: DbClient, rejects: string) => db.exec(sql`DROP TABLE IF EXISTS ${ident(rejects)}; DROP TABLE IF EXISTS ${ident(`${rejects}_scans`)}`);

/** What a failed read of `file` tells the user: out of memory, or DuckDB's first line. */
function readError(e: unknown, file: File | Uint8Array): IngestError {
  const message = firstLine(e);
  if (/out of memory/i.test(message)) return new IngestError('outOfMemory', { size: Math.round(byteSize(file) / 1e6) });
  return new IngestError('parse', { message });
}

const sniffFailed = (e: unknown) => /sniffing/i.test(firstLine(e));

/** How loadRawTable reads a file. */
export interface RawReading {
  /** The header row as sniffed: the columns of a file whose quotes defeat DuckDB's sniffer. */
  headers?: readonly string[];
  /**
   * Columns of a file read in parts stored plain, not compressed: a row's own id and name, where
   * compression finds little to share and costs the most (1M rows in Node: 3.0 s instead of 2.6 s
   * to read, for 23 MB more).
   */
  plainText?: readonly string[];
  partBytes?: number;
}

/**
 * Parses the whole file with DuckDB into `table` (every column as text). The file is read in place;
 * a large one part by part (READ_PART_BYTES), unless its first part needs more than a strict reading.
 */
export async function loadRawTable(
  db: DbClient, file: File | Uint8Array, table: string, delimiter: string, { headers, plainText = [], partBytes = READ_PART_BYTES }: RawReading = {},
): Promise<RawTable> {
  return (byteSize(file) > partBytes && (await readParts(db, file, partBytes, table, delimiter, plainText))) || readWhole(db, file, table, delimiter, headers);
}

/**
 * Reads a file cut into parts (recordParts) part by part into `table`, the first part sniffed as a
 * whole file would be and the others read with the columns it gave; the next cut is sought while
 * the engine reads a part. Null (nothing kept) when there is nothing to cut, or when the first part
 * cannot be read strictly: stray quotes are for the lenient reading of the whole file.
 */
async function readParts(
  db: DbClient, file: File | Uint8Array, partBytes: number, table: string, delimiter: string, plainText: readonly string[],
): Promise<RawTable | null> {
  const registered = `${table}_part.csv`;
  const rejects = `${table}_rejects`;
  let columns: string[] = [];
  let rows = 0;
  let rejected = 0;
  let rejectedRecords = 0;
  /** Records read so far, loaded or rejected. */
  let records = 0;
  const rejectedExamples: RejectedRow[] = [];
  const cuts = recordParts(file, partBytes);
  let next = cuts.next();
  try {
    for (let i = 0; ; i++) {
      const { value: part, done } = await next;
      if (done) break;
      const bytes = part.headerEnd + part.to - part.from;
      await db.registerFile(registered, partFile(file, part));
      // The next cut is sought while the engine reads this part (not before registering it: the
      // scan holds the page's thread, and the engine's answer would wait for it).
      next = cuts.next();
      try {
        if (i === 0) {
          // The first part is sniffed, the table made from the columns found, then every part read with them.
          const found = await db.query<{ column_name: string }>(sql`DESCRIBE SELECT * FROM ${readCsv(registered, bytes, delimiter, true, rejects)}`);
          columns = found.map((d) => d.column_name);
          const definitions = columns.map((c) => sql`${ident(c)} VARCHAR${raw(plainText.includes(c) ? ' USING COMPRESSION uncompressed' : '')}`);
          await db.exec(sql`CREATE OR REPLACE TABLE ${ident(table)} (${join(definitions)})`);
        }
        await db.exec(sql`INSERT INTO ${ident(table)} SELECT * FROM ${readCsv(registered, bytes, delimiter, true, rejects, columns)}`);
      } catch (e) {
        await dropRejects(db, rejects);
        await db.exec(sql`DROP TABLE IF EXISTS ${ident(table)}`);
        if (i === 0 && sniffFailed(e)) return null;
        throw readError(e, file);
      } finally {
        await db.dropFile(registered);
      }
      const taken = await takeRejects(db, rejects, records);
      rejected += taken.lines;
      rejectedExamples.push(...taken.examples);
      rows = Number((await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(table)}`))[0].n);
      records = rows + (rejectedRecords += taken.records);
    }
  } finally {
    // A part sought while the last one was read: its failure is of no interest once the reading stopped.
    next.catch(() => {});
    await cuts.return(undefined);
  }
  return columns.length ? { table, rows, columns, rejected, rejectedExamples: rejectedExamples.slice(0, 3), quoteSpans: null } : null;
}

/** Reads the whole file in one statement, leniently when stray quotes defeat a strict reading. */
async function readWhole(db: DbClient, file: File | Uint8Array, table: string, delimiter: string, headers?: readonly string[]): Promise<RawTable> {
  const registered = `${table}.csv`;
  const rejects = `${table}_rejects`;
  await db.registerFile(registered, file);
  // `columns` skips DuckDB's sniffer: the header row is then taken as given and every row checked
  // against it, so a quote that never closes rejects the rows it swallows instead of the file.
  const read = (strict: boolean, columns?: string[]) =>
    db.exec(sql`CREATE OR REPLACE TABLE ${ident(table)} AS SELECT * FROM ${readCsv(registered, byteSize(file), delimiter, strict, rejects, columns)}`);
  let lenient = false;
  try {
    try {
      await read(true);
    } catch (e) {
      if (!sniffFailed(e)) throw e;
      lenient = true;
      try {
        // Quotes inside unquoted values (hand-made or hostile files) defeat DuckDB's strict sniffer:
        // read such a file leniently rather than refuse it.
        await read(false);
      } catch (e2) {
        // A quote opened and never closed defeats both: read with the header row the file has.
        if (!sniffFailed(e2) || !headers?.length) throw e2;
        await dropRejects(db, rejects);
        await read(true, uniqueNames(headers));
      }
    }
  } catch (e) {
    await db.dropFile(registered);
    throw readError(e, file);
  }
  try {
    const [{ n }] = await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM ${ident(table)}`);
    const described = await db.query<{ column_name: string }>(sql`DESCRIBE ${ident(table)}`);
    const columns = described.map((d) => d.column_name);
    const taken = await takeRejects(db, rejects, 0);
    let rejectedLines = taken.lines;
    let quoteSpans: RawTable['quoteSpans'] = null;
    if (lenient) {
      quoteSpans = await joinedLines(db, table, columns);
      // DuckDB keeps only the first 10,000 characters of a rejected record, so a quote left open
      // early hides how many lines it swallowed: count the file's lines and take the difference.
      if (byteSize(file) <= LINE_COUNT_MAX_BYTES) {
        const [{ lines }] = await db.query<{ lines: number }>(
          sql`SELECT len(list_filter(string_split(content, chr(10)), x -> trim(x, chr(13)) <> '')) AS lines FROM read_text(${literal(registered)})`,
        );
        rejectedLines = Math.max(rejectedLines, Number(lines) - 1 - Number(n) - (quoteSpans?.lines ?? 0));
      }
    }
    return { table, rows: Number(n), columns, rejected: rejectedLines, rejectedExamples: taken.examples, quoteSpans };
  } finally {
    await db.dropFile(registered);
  }
}

/** Line breaks inside the values of a loaded table, and the first row holding one. */
async function joinedLines(db: DbClient, table: string, columns: readonly string[]): Promise<{ lines: number; row: number } | null> {
  const breaks = join(columns.map((c) => sql`coalesce(len(${ident(c)}) - len(replace(${ident(c)}, chr(10), '')), 0)`), ' + ');
  const [row] = await db.query<{ lines: number | null; first: number | null }>(
    sql`SELECT sum(b) AS lines, min(r) FILTER (WHERE b > 0) AS first FROM (SELECT ${breaks} AS b, row_number() OVER () AS r FROM ${ident(table)})`,
  );
  const lines = Number(row?.lines ?? 0);
  return lines > 0 ? { lines, row: Number(row.first) } : null;
}

/** Column names as DuckDB would make them: blanks named by position, repeats numbered. */
function uniqueNames(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, i) => {
    let name = h.trim() === '' ? `column${i}` : h;
    for (let n = 1; seen.has(name.toLowerCase()); n++) name = `${h}_${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** DuckDB errors run to many lines (and the wasm build appends a stack): keep the first. */
export function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0].slice(0, 300);
}
