// A user's corrections to how one export layout maps (its kind, columns, date and number formats),
// in a compact form for the URL ("map" key) and for the device's remembered mappings.
//   map=<signature>~<kind code>~<field>.<column index or ->~@<column index>.<format code>,<next file>

import { FIELDS, type Kind } from '../crm/fields';
import { DATE_FORMATS, NUMBER_FORMATS, type DateFormat, type NumberFormat } from '../crm/parse';

export interface MappingOverride {
  kind: Kind;
  /** field -> column index in the file (null: deliberately unmapped). */
  fields: Record<string, number | null>;
  /** column index -> date or number format. */
  formats: Record<number, DateFormat | NumberFormat>;
}

const KIND_CODE: Record<Kind, string> = { leads: 'l', opportunities: 'o', stage_history: 'h', revenue: 'r', reps: 'p', targets: 't' };

/** Stable short codes: new formats get new codes, old codes never change meaning. */
const FORMAT_CODE: Record<DateFormat | NumberFormat, string> = {
  '%Y-%m-%d': 'ymd', '%Y/%m/%d': 'ysmsd', '%m/%d/%Y': 'mdy', '%d/%m/%Y': 'dmy', '%d.%m.%Y': 'dmyp', '%m-%d-%Y': 'mdyh',
  '%d-%m-%Y': 'dmyh', '%m/%d/%y': 'mdy2', '%d/%m/%y': 'dmy2', '%d.%m.%y': 'dmyp2', '%Y.%m.%d': 'ymdp', '%Y年%m月%d日': 'ymdzh',
  '%d-%b-%Y': 'dby', '%d %b %Y': 'dbys', '%b %d, %Y': 'bdy', '%Y%m%d': 'ymdc', '%Y-%m': 'ym', '%Y/%m': 'ysm',
  quarter: 'yq', excel: 'xl', dot: 'pt', comma: 'cm',
};
const CODE_FORMAT = new Map(Object.entries(FORMAT_CODE).map(([f, c]) => [c, f as DateFormat | NumberFormat]));
const CODE_KIND = new Map(Object.entries(KIND_CODE).map(([k, c]) => [c, k as Kind]));

// Every format has a code (checked here so a new format cannot be forgotten).
for (const f of [...DATE_FORMATS, ...NUMBER_FORMATS]) if (!FORMAT_CODE[f]) throw new Error(`No URL code for format ${f}`);

export function encodeMappings(mappings: Readonly<Record<string, MappingOverride>>): string {
  return Object.entries(mappings)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([sig, o]) => {
      const fields = Object.entries(o.fields).map(([f, c]) => `${f}.${c === null ? '-' : c}`);
      const formats = Object.entries(o.formats).map(([c, f]) => `@${c}.${FORMAT_CODE[f]}`);
      return [sig, KIND_CODE[o.kind], ...fields, ...formats].join('~');
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
      } else {
        if (!(key in FIELDS[kind]) || !(val === '-' || /^\d{1,4}$/.test(val))) return null;
        override.fields[key] = val === '-' ? null : Number(val);
      }
    }
    out[sig] = override;
  }
  return out;
}

