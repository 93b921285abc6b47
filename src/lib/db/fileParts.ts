// Large files are read in parts: cut in JS where a record ends (never inside a quoted value), each
// part read by DuckDB with the header row before it (db/ingest.ts).

/**
 * A file larger than this is read in parts of about this size, each cut at the end of a record: the
 * database compresses a table's rows when the statement that wrote them commits, so a file read in
 * one statement is held whole as uncompressed text first (224 MB for the 143 MB bench export, where
 * its compressed table takes 30 MB).
 */
export const READ_PART_BYTES = 16 * 1024 * 1024;

/** A file cut into parts at record ends: each part is read with the header row before it. */
export interface FileParts {
  /** Bytes of the header row, its line break included. */
  headerEnd: number;
  /** [from, to) byte ranges of whole records; the first starts at headerEnd. */
  parts: { from: number; to: number }[];
}

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
  for (;;) {
    const { value, done } = await reader.read(new Uint8Array(buffer));
    if (done || !value) return;
    yield value;
    buffer = value.buffer;
  }
}

/**
 * Cuts a file into parts of about `partBytes` at line breaks outside quoted values (an even number
 * of quote characters before them: an escaped quote is two), so that no record is split. Null when
 * there is nothing to cut (one part, or no line break outside quotes).
 */
export async function cutIntoParts(file: Blob | Uint8Array, partBytes: number): Promise<FileParts | null> {
  const size = byteSize(file);
  let quoted = false;
  let headerEnd = -1;
  let next = Number.POSITIVE_INFINITY;
  const cuts: number[] = [];
  let offset = 0;
  for await (const bytes of pieces(file)) {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x22) quoted = !quoted;
      else if (b === 0x0a && !quoted) {
        const at = offset + i + 1;
        if (headerEnd < 0) {
          headerEnd = at;
          next = at + partBytes;
        } else if (at >= next && at < size) {
          cuts.push(at);
          next = at + partBytes;
        }
      }
    }
    offset += bytes.length;
  }
  if (headerEnd < 0 || cuts.length === 0) return null;
  const starts = [headerEnd, ...cuts];
  return { headerEnd, parts: starts.map((from, i) => ({ from, to: starts[i + 1] ?? size })) };
}

/** One part of a cut file as a file of its own: the header row, then the part's records. */
export function partFile(file: File | Uint8Array, cut: FileParts, index: number): File | Uint8Array {
  const { from, to } = cut.parts[index];
  if (!(file instanceof Uint8Array)) return new File(index === 0 ? [file.slice(0, to)] : [file.slice(0, cut.headerEnd), file.slice(from, to)], 'part.csv');
  if (index === 0) return file.subarray(0, to);
  const bytes = new Uint8Array(cut.headerEnd + to - from);
  bytes.set(file.subarray(0, cut.headerEnd));
  bytes.set(file.subarray(from, to), cut.headerEnd);
  return bytes;
}
