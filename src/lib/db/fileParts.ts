// Large files are read in parts: cut in JS where a record ends (never inside a quoted value), each
// part read by DuckDB with the header row before it (db/ingest.ts).

/**
 * A file larger than this is read in parts of about this size, each cut at the end of a record: the
 * database compresses a table's rows when the statement that wrote them commits, so a file read in
 * one statement is held whole as uncompressed text first (224 MB for the 143 MB bench export, where
 * its compressed table takes 30 MB). Parts of 32 MB rather than 16 read the bench export in 3.1-3.3 s
 * instead of 3.7-3.8 s (Chromium, three loads each) for 15 MB more wasm memory; 48 MB were no faster.
 */
export const READ_PART_BYTES = 32 * 1024 * 1024;

const SCAN_BYTES = 4 * 1024 * 1024;

/** A file's length in bytes, dropped (a Blob) or transcoded (bytes). */
export const byteSize = (file: Blob | Uint8Array): number => (file instanceof Uint8Array ? file.length : file.size);

/**
 * A file's bytes in pieces, read into one reused buffer where the browser allows (a buffer per piece
 * would leave the file's size in garbage on the page's heap until a collection).
 */
async function* pieces(file: Blob | Uint8Array): AsyncGenerator<Uint8Array> {
  if (file instanceof Uint8Array) {
    for (let offset = 0; offset < file.length; offset += SCAN_BYTES) yield file.subarray(offset, offset + SCAN_BYTES);
    return;
  }
  let reader: ReadableStreamBYOBReader;
  try {
    reader = file.stream().getReader({ mode: 'byob' });
  } catch {
    for (let offset = 0; offset < file.size; offset += SCAN_BYTES) yield new Uint8Array(await file.slice(offset, offset + SCAN_BYTES).arrayBuffer());
    return;
  }
  let buffer = new ArrayBuffer(SCAN_BYTES);
  try {
    for (;;) {
      const { value, done } = await reader.read(new Uint8Array(buffer));
      if (done || !value) return;
      yield value;
      buffer = value.buffer;
    }
  } finally {
    // Also when the reading stops early (a first part that needs the whole file read at once).
    reader.cancel().catch(() => {});
  }
}

/** One part of a cut file: [from, to) bytes of whole records, read after the header row (its first `headerEnd` bytes). */
export interface FilePart {
  headerEnd: number;
  from: number;
  to: number;
}

/**
 * Cuts a file into parts of about `partBytes` at line breaks outside quoted values (an even number
 * of quote characters before them: an escaped quote is two), so that no record is split. Each part
 * is given as soon as its end is found, so that the engine reads one part while the next is sought.
 * Nothing is given when there is nothing to cut (one part, or no line break outside quotes).
 * Quotes and line breaks are found with indexOf: only the quotes, and the line breaks from where a
 * cut is due, are looked at (the bench export's first 32 MB in Node: 23 ms instead of 103 ms).
 */
export async function* recordParts(file: Blob | Uint8Array, partBytes: number): AsyncGenerator<FilePart> {
  const size = byteSize(file);
  let quoted = false;
  let headerEnd = -1;
  let from = -1;
  /** Where the next cut is due: the header row ends at the first line break outside quotes. */
  let next = 0;
  let offset = 0;
  for await (const bytes of pieces(file)) {
    for (let i = 0; i < bytes.length; ) {
      const quote = bytes.indexOf(0x22, i);
      const end = quote < 0 ? bytes.length : quote;
      // [i, end) holds no quote: outside quotes, its line breaks from `next` on are cuts.
      for (let j = Math.max(i, next - offset - 1); !quoted && j < end; j = Math.max(j, next - offset - 1)) {
        const lineBreak = bytes.indexOf(0x0a, j);
        if (lineBreak < 0 || lineBreak >= end) break;
        const at = offset + lineBreak + 1;
        j = lineBreak + 1;
        if (at >= size) break;
        if (headerEnd < 0) {
          headerEnd = from = at;
        } else {
          yield { headerEnd, from, to: at };
          from = at;
        }
        next = at + partBytes;
      }
      if (quote < 0) break;
      quoted = !quoted;
      i = quote + 1;
    }
    offset += bytes.length;
  }
  if (from > headerEnd) yield { headerEnd, from, to: size };
}

/** One part of a cut file as a file of its own: the header row, then the part's records. */
export function partFile(file: File | Uint8Array, { headerEnd, from, to }: FilePart): File | Uint8Array {
  const first = from === headerEnd;
  if (!(file instanceof Uint8Array)) return new File(first ? [file.slice(0, to)] : [file.slice(0, headerEnd), file.slice(from, to)], 'part.csv');
  if (first) return file.subarray(0, to);
  const bytes = new Uint8Array(headerEnd + to - from);
  bytes.set(file.subarray(0, headerEnd));
  bytes.set(file.subarray(from, to), headerEnd);
  return bytes;
}
