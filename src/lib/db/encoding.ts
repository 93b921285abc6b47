// Text encodings of CRM exports: detected from the first bytes, and anything that is not UTF-8
// transcoded in the browser, chunk by chunk, so DuckDB always reads UTF-8.

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/**
 * Best guess from a sample of the file's first bytes; `cut` says the sample is a window of a larger
 * file, so its last character may be incomplete.
 */
export function detectEncoding(bytes: Uint8Array, cut = false): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return utf16;
  const sample = cut ? wholeLines(bytes) : bytes;
  if (isUtf8(sample)) return 'utf-8';
  return looksLikeGb18030(sample) ? 'gb18030' : 'windows-1252';
}

/**
 * A cut window up to its last line feed, so that strict decoders do not fail on a character the
 * cut split in two. The byte 0x0A is never inside a multi-byte character of UTF-8 or GBK/GB18030
 * (it is in UTF-16, which is decided before any cut). A window without a line feed is kept whole.
 */
export function wholeLines(bytes: Uint8Array): Uint8Array {
  const end = bytes.lastIndexOf(0x0a);
  return end > 0 ? bytes.subarray(0, end + 1) : bytes;
}

/** ASCII text in UTF-16 has a zero byte beside nearly every character. */
function utf16WithoutBom(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function isUtf8(bytes: Uint8Array): boolean {
  // The sample may end inside a multi-byte character: drop an incomplete tail before validating.
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * GBK/GB18030 text has its high bytes in pairs (one Chinese character each); Windows-1252 text
 * has them alone inside Latin words ("Müller", "café"). Count which pattern the sample follows.
 */
function looksLikeGb18030(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  let pairs = 0;
  let singles = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] < 0x80) continue;
    let j = i;
    while (j < bytes.length && bytes[j] >= 0x80) j++;
    const run = j - i;
    if (run === 1) singles++;
    else if (run % 2 === 0) pairs += run / 2;
    else singles++;
    i = j - 1;
  }
  return pairs > singles;
}

/**
 * The file as UTF-8 (itself when it already is, unless `repair` asks to replace invalid bytes); the
 * original is read as a stream, never whole.
 */
export async function toUtf8(file: File, encoding: Encoding, repair = false): Promise<File> {
  if (encoding === 'utf-8' && !repair) return file;
  const decoded = file.stream().pipeThrough(new TextDecoderStream(encoding)).pipeThrough(new TextEncoderStream());
  const blob = await new Response(decoded).blob();
  return new File([blob], file.name, { type: 'text/csv' });
}

/** Decodes a sample of bytes for sniffing. */
export function decodeSample(bytes: Uint8Array, encoding: Encoding): string {
  return new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '');
}
