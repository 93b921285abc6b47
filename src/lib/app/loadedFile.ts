// A loaded file as DataStore keeps it, and the user's corrections of its columns and formats: how
// they are told apart from what detection decided, and carried to a link or another reading.

import { normalizeHeader } from '../crm/aliases';
import { extraColumnName, KINDS_WITH_EXTRAS, OWN_TEXT, type CanonicalSource, type FieldFailures } from '../crm/canonical';
import { classifyAs, type Classification, type Mapping, type StageEntryColumn } from '../crm/detect';
import { FIELDS, type Kind } from '../crm/fields';
import { datesWithTimes, numberAffixes, type DateFormat, type NumberFormat } from '../crm/parse';
import type { Encoding } from '../db/encoding';
import type { RejectedRow } from '../db/ingest';
import type { MappingOverride } from '../state/mappingCodec';

export interface LoadedFile {
  id: number;
  name: string;
  bytes: number;
  /** The file as dropped, kept to re-read it with another encoding or delimiter. */
  source: File;
  encoding: Encoding;
  delimiter: string;
  table: string;
  rows: number;
  columns: string[];
  /** Rows DuckDB could not split into the header's columns. */
  rejected: number;
  rejectedExamples: RejectedRow[];
  kind: Kind;
  mapping: Mapping;
  stageEntries: StageEntryColumn[];
  extras: string[];
  /** Required fields without a column: the file waits for the user to map them. */
  missing: string[];
  /** No kind matched its headers: it waits for the user to choose its kind and columns. */
  unrecognised: boolean;
  dateFormats: Record<string, DateFormat | null>;
  numberFormats: Record<string, NumberFormat | null>;
  /**
   * Date columns read month-first only because nothing in the file tells (every day <= 12), mapped
   * or not (a column unmapped and mapped again keeps its format); see dayOrderGuesses.
   */
  dayOrderGuessed: string[];
  failures: FieldFailures[];
  /** Identifies the export's layout (its header set), for remembered mappings. */
  signature: string;
  /** Up to three non-empty values of each column, for the mapping screen. */
  samples: Record<string, string[]>;
  /** Formats the user picked (header -> format); everything else was detected. */
  chosenFormats: Record<string, DateFormat | NumberFormat>;
  /** A remembered or linked mapping named an encoding or delimiter that could not read this copy: it was read as detected, without that mapping. */
  savedReadingFailed?: boolean;
  /** Header problems worth telling: blank names, names used twice, a damaged UTF-8 file. */
  headerIssues: {
    blank: number; duplicates: string[]; mixedEncoding: boolean; longRows: boolean;
    /** Read leniently (stray quotes): lines that ended up inside quoted values, and the first row holding one. */
    quoteSpans: { lines: number; row: number } | null;
  };
  /** Mapped columns with no value in any row. */
  emptyMapped: string[];
  /**
   * What detection decided, before any user correction. Encoding and delimiter are those of the
   * first, automatic reading: the signature is of the headers read that way, so that a colleague's
   * copy of the export, read the same way, finds the correction.
   */
  auto: {
    kind: Kind; mapping: Mapping; dateFormats: Record<string, DateFormat | null>; numberFormats: Record<string, NumberFormat | null>;
    encoding: Encoding; delimiter: string;
  };
}

export interface MappingChange {
  kind?: Kind;
  mapping?: Mapping;
  /** Single fields set to a column (or unmapped with null), applied to the mapping as it is then. */
  fields?: Record<string, string | null>;
  dateFormats?: Record<string, DateFormat | null>;
  numberFormats?: Record<string, NumberFormat | null>;
}

/** The columns in use (mapped, or stage-entry dates) whose day/month order is a guess. */
export function dayOrderGuesses(f: Pick<LoadedFile, 'dayOrderGuessed' | 'mapping' | 'stageEntries'>): string[] {
  const used = new Set([...Object.values(f.mapping), ...f.stageEntries.map((s) => s.header)]);
  return f.dayOrderGuessed.filter((h) => used.has(h));
}

/** FNV-1a over the normalised headers, in base 36: short and stable. */
export function headerSignature(headers: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of headers.map(normalizeHeader).join('|')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** A compact override (column indices) as a change to apply to a freshly read file. */
export function changeFromOverride(f: LoadedFile, o: MappingOverride): MappingChange {
  const base = o.kind === f.kind ? f.mapping : classifyAs(o.kind, f.columns).mapping;
  const mapping: Mapping = { ...base };
  for (const [field, col] of Object.entries(o.fields)) {
    if (col === null) delete mapping[field];
    else if (f.columns[col] !== undefined) mapping[field] = f.columns[col];
  }
  const picked = Object.entries(o.formats).map(([col, fmt]) => [f.columns[Number(col)], fmt] as const);
  return { kind: o.kind, mapping, ...splitFormats(picked.filter(([header]) => header !== undefined)) };
}

/** Formats picked per header, split into the date and the number formats a MappingChange holds. */
function splitFormats(picked: readonly (readonly [string, DateFormat | NumberFormat])[]): Required<Pick<MappingChange, 'dateFormats' | 'numberFormats'>> {
  const dateFormats: Record<string, DateFormat> = {};
  const numberFormats: Record<string, NumberFormat> = {};
  for (const [header, fmt] of picked) {
    if (fmt === 'dot' || fmt === 'comma') numberFormats[header] = fmt;
    else dateFormats[header] = fmt;
  }
  return { dateFormats, numberFormats };
}

/** The mapping detection gives the file's columns as its current kind: what corrections differ from. */
function autoMapping(f: LoadedFile): Mapping {
  return f.kind === f.auto.kind ? f.auto.mapping : classifyAs(f.kind, f.columns).mapping;
}

/** The fields the user mapped otherwise than detection did: field -> header, or null when unmapped. */
function changedFields(f: LoadedFile): Record<string, string | null> {
  const auto = autoMapping(f);
  const fields: Record<string, string | null> = {};
  for (const field of new Set([...Object.keys(auto), ...Object.keys(f.mapping)])) {
    if (auto[field] !== f.mapping[field]) fields[field] = f.mapping[field] ?? null;
  }
  return fields;
}

/** The user's corrections of a file's columns and formats, by header name, for `columns` (null when none). */
export function correctionsOf(f: LoadedFile, columns: readonly string[]): MappingChange | null {
  const fields = changedFields(f);
  const { dateFormats, numberFormats } = splitFormats(Object.entries(f.chosenFormats).filter(([h]) => columns.includes(h)));
  if (Object.keys(fields).length + Object.keys(dateFormats).length + Object.keys(numberFormats).length === 0) return null;
  return { fields, dateFormats, numberFormats };
}

/** The encoding and delimiter an override asks for, when they differ from how the file was read. */
export function rereadFor(f: LoadedFile, o: MappingOverride): { encoding: Encoding; delimiter: string } | null {
  const encoding = o.encoding ?? f.encoding;
  const delimiter = o.delimiter ?? f.delimiter;
  return encoding === f.encoding && delimiter === f.delimiter ? null : { encoding, delimiter };
}

/** A file's unmapped columns kept as extra dimensions (opportunities and leads), by header. */
export function extrasOf(f: LoadedFile): Record<string, string> {
  if (!KINDS_WITH_EXTRAS.includes(f.kind)) return {};
  const out: Record<string, string> = {};
  const taken = new Set(Object.keys(FIELDS[f.kind]));
  for (const header of f.extras) {
    const column = extraColumnName(header);
    if (!taken.has(column) && !Object.values(out).includes(column)) out[header] = column;
  }
  return out;
}

/**
 * Up to three distinct values of each of `columns` that are not blank (spaces only, as DuckDB's
 * trim() sees it), in row order; column i of `rows` is named s<i>.
 */
export function sampleValuesOf(rows: readonly Record<string, unknown>[], columns: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(columns.map((c, i) => {
    const seen = new Set<string>();
    for (const row of rows) {
      const v = row[`s${i}`];
      if (typeof v === 'string' && /[^ ]/.test(v)) seen.add(v);
      if (seen.size === 3) break;
    }
    return [c, [...seen]];
  }));
}

/** How a file's first values are written, for the typed table's faster readings (crm/parse.ts). */
export function parseHints(f: Pick<LoadedFile, 'mapping' | 'columns' | 'samples'>): Pick<CanonicalSource, 'numberAffixes' | 'timedDates'> {
  return {
    numberAffixes: Object.fromEntries(Object.values(f.mapping).flatMap((h) => {
      const affixes = numberAffixes(f.samples[h] ?? []);
      return affixes ? [[h, affixes]] : [];
    })),
    timedDates: f.columns.filter((h) => datesWithTimes(f.samples[h] ?? [])),
  };
}

/** The headers a recognised file holds each row's own id and name in (OWN_TEXT): its raw table keeps them plain. */
export const ownText = (c: Classification | null): string[] => (c ? (OWN_TEXT[c.kind] ?? []).flatMap((f) => c.mapping[f] ?? []) : []);

/** A canonical field's type (undefined when the kind has no such field). */
export const typeOf = (kind: Kind, field: string) => (FIELDS[kind] as Record<string, { type: string }>)[field]?.type;

/** The user's corrections of a file against what detection decided, in the URL's compact form. */
export function overrideOf(f: LoadedFile): MappingOverride | null {
  const index = (h: string) => f.columns.indexOf(h);
  const fields: MappingOverride['fields'] = {};
  for (const [field, header] of Object.entries(changedFields(f))) fields[field] = header === null ? null : index(header);
  const formats: MappingOverride['formats'] = {};
  for (const [h, fmt] of Object.entries(f.chosenFormats)) if (index(h) >= 0) formats[index(h)] = fmt;
  const reading: Pick<MappingOverride, 'encoding' | 'delimiter'> = {};
  if (f.encoding !== f.auto.encoding) reading.encoding = f.encoding;
  if (f.delimiter !== f.auto.delimiter) reading.delimiter = f.delimiter;
  if (f.kind === f.auto.kind && Object.keys(fields).length === 0 && Object.keys(formats).length === 0 && Object.keys(reading).length === 0) return null;
  return { kind: f.kind, fields, formats, ...reading };
}
