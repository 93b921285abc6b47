// Encoders written for the tests (Node has only a UTF-8 encoder): UTF-16 from Buffer, Windows-1252
// for Latin-1 letters, GB18030 from a reverse table of the platform's own decoder.
export const utf16le = (s: string) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]));
export const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), le]));
};
export function windows1252(s: string): Uint8Array {
  return Uint8Array.from([...s].map((ch) => {
    const c = ch.codePointAt(0)!;
    if (c > 0xff || (c >= 0x80 && c < 0xa0)) throw new Error(`not in Windows-1252: ${ch}`);
    return c;
  }));
}
let gbTable: Map<string, number[]> | null = null;
export function gb18030(s: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([a, b]));
      if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
    }
  }
  return Uint8Array.from([...s].flatMap((ch) => (ch.codePointAt(0)! < 0x80 ? [ch.codePointAt(0)!] : gbTable!.get(ch) ?? (() => { throw new Error(ch); })())));
}
