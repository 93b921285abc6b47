// A user's corrections to how one export layout maps (its kind, columns, date and number formats),
// in a compact form for the URL ("map" key) and for the device's remembered mappings.
//   map=<signature>~<kind code>~<field>.<column index or ->~@<column index>.<format code>[~enc.<code>][~sep.<code>],<next file>
// The signature is that of the file as detection first read it; enc/sep name the encoding and
// delimiter the user picked instead, and column indices count the columns read that way.

import { FIELDS, type Kind } from '../crm/fields';
import { DATE_FORMATS, NUMBER_FORMATS, type DateFormat, type NumberFormat } from '../crm/parse';
import { ENCODINGS, type Encoding } from '../db/encoding';
import type { DELIMITERS } from '../db/ingest';

export interface MappingOverride {
  kind: Kind;
  /** field -> column index in the file (null: deliberately unmapped). */
  fields: Record<string, number | null>;
  /** column index -> date or number format. */
  formats: Record<number, DateFormat | NumberFormat>;
  /** The encoding the user picked, when it is not the one detected. */
  encoding?: Encoding;
  /** The delimiter the user picked, when it is not the one detected. */
  delimiter?: string;
}

const KIND_CODE: Record<Kind, string> = { leads: 'l', opportunities: 'o', stage_history: 'h', revenue: 'r', reps: 'p', targets: 't' };

/** Stable short codes: new formats get new codes, old codes never change meaning. */
const FORMAT_CODE: Record<DateFormat | NumberFormat, string> = {
  '%Y-%m-%d': 'ymd', '%Y/%m/%d': 'ysmsd', '%m/%d/%Y': 'mdy', '%d/%m/%Y': 'dmy', '%d.%m.%Y': 'dmyp', '%m-%d-%Y': 'mdyh',
  '%d-%m-%Y': 'dmyh', '%m/%d/%y': 'mdy2', '%d/%m/%y': 'dmy2', '%d.%m.%y': 'dmyp2', '%Y.%m.%d': 'ymdp', '%Y年%m月%d日': 'ymdzh',
  '%d-%b-%Y': 'dby', '%d %b %Y': 'dbys', '%b %d, %Y': 'bdy', '%Y%m%d': 'ymdc', '%Y-%m': 'ym', '%Y/%m': 'ysm', '%Y年%m月': 'ymzhm',
  quarter: 'yq', year: 'yr', excel: 'xl', dot: 'pt', comma: 'cm',
};
/** Stable short codes, as for formats (added later: optional items, so older links still decode). */
const ENCODING_CODE: Record<Encoding, string> = { 'utf-8': 'u8', 'utf-16le': 'u16le', 'utf-16be': 'u16be', gb18030: 'gb', 'windows-1252': 'w1252' };
const DELIMITER_CODE: Record<(typeof DELIMITERS)[number], string> = { ',': 'c', ';': 'sc', '\t': 't', '|': 'p' };
const CODE_ENCODING = new Map(Object.entries(ENCODING_CODE).map(([e, c]) => [c, e as Encoding]));
const CODE_DELIMITER = new Map(Object.entries(DELIMITER_CODE).map(([d, c]) => [c, d]));
const CODE_FORMAT = new Map(Object.entries(FORMAT_CODE).map(([f, c]) => [c, f as DateFormat | NumberFormat]));
const CODE_KIND = new Map(Object.entries(KIND_CODE).map(([k, c]) => [c, k as Kind]));

// Every format has a code (checked here so a new format cannot be forgotten).
for (const f of [...DATE_FORMATS, ...NUMBER_FORMATS]) if (!FORMAT_CODE[f]) throw new Error(`No URL code for format ${f}`);
for (const e of ENCODINGS) if (!ENCODING_CODE[e]) throw new Error(`No URL code for encoding ${e}`);
// "enc" and "sep" items sit beside field items: no kind may have a field of those names.
for (const fields of Object.values(FIELDS)) if ('enc' in fields || 'sep' in fields) throw new Error('A field named enc or sep clashes with the mapping codec');

export function encodeMappings(mappings: Readonly<Record<string, MappingOverride>>): string {
  return Object.entries(mappings)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([sig, o]) => {
      const fields = Object.entries(o.fields).map(([f, c]) => `${f}.${c === null ? '-' : c}`);
      const formats = Object.entries(o.formats).map(([c, f]) => `@${c}.${FORMAT_CODE[f]}`);
      const reading = [
        ...(o.encoding ? [`enc.${ENCODING_CODE[o.encoding]}`] : []),
        ...(o.delimiter && o.delimiter in DELIMITER_CODE ? [`sep.${DELIMITER_CODE[o.delimiter as keyof typeof DELIMITER_CODE]}`] : []),
      ];
      return [sig, KIND_CODE[o.kind], ...fields, ...formats, ...reading].join('~');
    })
    .join(',');
}

/** Null when any part is malformed: a mapping is used whole or not at all. */
export function decodeMappings(value: string): Record<string, MappingOverride> | null {
  const out: Record<string, MappingOverride> = {};
  for (const entry of value.split(',')) {
    const [sig, kindCode, ...items] = entry.split('~');
    const kind = CODE_KIND.get(kindCode);
    if (!/^[0-9a-z]{1,8}$/.test(sig) || !kind || items.length > 200) return null;
    const override: MappingOverride = { kind, fields: {}, formats: {} };
    for (const item of items) {
      const m = /^(@?)([a-z0-9_]+)\.([a-z0-9]+|-)$/.exec(item);
      if (!m) return null;
      const [, isFormat, key, val] = m;
      if (isFormat) {
        const format = CODE_FORMAT.get(val);
        if (!/^\d{1,4}$/.test(key) || !format) return null;
        override.formats[Number(key)] = format;
      } else if (key === 'enc') {
        const encoding = CODE_ENCODING.get(val);
        if (!encoding) return null;
        override.encoding = encoding;
      } else if (key === 'sep') {
        const delimiter = CODE_DELIMITER.get(val);
        if (!delimiter) return null;
        override.delimiter = delimiter;
      } else {
        if (!(key in FIELDS[kind]) || !(val === '-' || /^\d{1,4}$/.test(val))) return null;
        override.fields[key] = val === '-' ? null : Number(val);
      }
    }
    out[sig] = override;
  }
  return out;
}

