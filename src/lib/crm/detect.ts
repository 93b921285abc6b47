// Classifies a file by its headers into one of the canonical kinds and maps its columns.

import { ALIAS_TABLES, GENERIC_HEADERS, SIGNATURE_HEADERS, normalizeHeader } from './aliases';
import { FIELDS, GENERATED_ID, KINDS, REQUIRED, type Kind } from './fields';
import { columnValues, isDateColumn, isMonthStartColumn, isNumberColumn, isOutcomeColumn, type SampleRows } from './values';

/** canonical field -> the file's own header name */
export type Mapping = Record<string, string>;

/** A column holding the date each opportunity entered one stage (HubSpot 'Date entered "X (Pipeline)"'). */
export interface StageEntryColumn {
  header: string;
  stage: string;
}

export interface Classification {
  kind: Kind;
  mapping: Mapping;
  /** Required fields no column was found for (empty when the file can be used as is). */
  missing: string[];
  stageEntries: StageEntryColumn[];
  /** Headers not mapped to a canonical field: kept as extra dimensions. */
  extras: string[];
}

function aliasesFor(kind: Kind, field: string): string[] {
  const out: string[] = [];
  for (const table of Object.values(ALIAS_TABLES)) {
    for (const alias of table[kind]?.[field] ?? []) if (!out.includes(alias)) out.push(alias);
  }
  return out;
}

/** Maps headers to the fields of one kind; a header serves one field at most. */
export function mapHeaders(kind: Kind, headers: readonly string[]): Mapping {
  const normalized = headers.map(normalizeHeader);
  const used = new Set<number>();
  const mapping: Mapping = {};
  for (const field of Object.keys(FIELDS[kind])) {
    for (const alias of aliasesFor(kind, field)) {
      const i = normalized.findIndex((h, idx) => h === alias && !used.has(idx));
      if (i >= 0) {
        mapping[field] = headers[i];
        used.add(i);
        break;
      }
    }
  }
  return mapping;
}

/** Whether the file's rows get generated ids (the kind allows it and no column is mapped to its id). */
export function generatesId(kind: Kind, mapping: Mapping): boolean {
  const id = GENERATED_ID[kind];
  return id !== undefined && !(id in mapping);
}

/**
 * Required fields still missing: those of the alternative that is closest to complete. An id that
 * is generated when absent is never missing.
 */
export function missingRequired(kind: Kind, mapping: Mapping): string[] {
  let best: string[] | null = null;
  for (const alternative of REQUIRED[kind]) {
    const missing = alternative.filter((f) => !(f in mapping) && f !== GENERATED_ID[kind]);
    if (!best || missing.length < best.length) best = missing;
  }
  return best ?? [];
}

const STAGE_ENTRY = /^date entered\s+["“']?(.+?)["”']?\s*$/i;

/** HubSpot-style stage entry columns; the pipeline name in brackets is dropped from the stage. */
export function stageEntryColumns(headers: readonly string[]): StageEntryColumn[] {
  return headers.flatMap((header) => {
    const m = STAGE_ENTRY.exec(header.trim());
    if (!m) return [];
    const stage = m[1].replace(/\s*\([^)]*\)\s*$/, '').trim();
    return stage ? [{ header, stage }] : [];
  });
}

function score(kind: Kind, headers: readonly string[], mapping: Mapping): number {
  const normalized = new Set(headers.map(normalizeHeader));
  const signatures = (SIGNATURE_HEADERS[kind] ?? []).filter((h) => normalized.has(h)).length;
  return Object.keys(mapping).length + 3 * signatures;
}

/** Builds the classification of a file as `kind` (also used when the user picks the kind). */
export function classifyAs(kind: Kind, headers: readonly string[], mapping = mapHeaders(kind, headers)): Classification {
  const stageEntries = kind === 'opportunities' ? stageEntryColumns(headers) : [];
  const used = new Set([...Object.values(mapping), ...stageEntries.map((s) => s.header)]);
  return { kind, mapping, missing: missingRequired(kind, mapping), stageEntries, extras: headers.filter((h) => !used.has(h)) };
}

/**
 * The best-fitting kind: a kind whose required fields are all present wins over one that is
 * incomplete; an incomplete guess is returned (with `missing`) when at least two fields matched,
 * so the user can finish the mapping. Null when nothing fits. A kind complete only thanks to a
 * generated id has no such head start (a leads file then needs little more than a created date):
 * it must win on its columns, and wins ties. When the headers leave the file incomplete or
 * unrecognised, its first data rows (`sample`, aligned with the headers) may complete it
 * (classifyByValues).
 */
export function classify(headers: readonly string[], sample: SampleRows = []): Classification | null {
  const byHeaders = classifyByHeaders(headers);
  if (byHeaders && byHeaders.missing.length === 0) return byHeaders;
  return (sample.length && classifyByValues(headers, sample)) || byHeaders;
}

/** The file classified as `kind` (a kind the user chose or kept): as classify has it when it agrees, with values. */
export function classifyKeeping(kind: Kind, headers: readonly string[], sample: SampleRows = []): Classification {
  const c = classify(headers, sample);
  return c?.kind === kind ? c : classifyAs(kind, headers);
}

/** The columns whose header is a generic word of `role` (GENERIC_HEADERS) and whose values pass `test`. */
function genericColumns(headers: readonly string[], sample: SampleRows, role: keyof typeof GENERIC_HEADERS, test: (values: string[]) => boolean): string[] {
  const words: readonly string[] = GENERIC_HEADERS[role];
  return headers.filter((h, i) => words.includes(normalizeHeader(h)) && test(columnValues(sample, i)));
}

/**
 * A complete classification from the values of generic columns, or null. Only columns with a
 * generic header are given a meaning this way (a header that names something else is left to the
 * user), and only fields still unmapped are filled:
 * - a column of won/lost/open words makes a deal list: it is the status, a date column the created
 *   date, a number column the amount;
 * - first-of-month dates beside a number column and an account column make monthly revenue.
 */
function classifyByValues(headers: readonly string[], sample: SampleRows): Classification | null {
  const outcome = genericColumns(headers, sample, 'outcome', isOutcomeColumn);
  const dates = genericColumns(headers, sample, 'date', isDateColumn);
  const amounts = genericColumns(headers, sample, 'amount', isNumberColumn);
  const free = (mapping: Mapping, candidates: string[]) => candidates.find((h) => !Object.values(mapping).includes(h));
  const complete = (kind: Kind, mapping: Mapping) => {
    const c = classifyAs(kind, headers, mapping);
    return c.missing.length === 0 ? c : null;
  };
  if (outcome.length) {
    const mapping = { ...mapHeaders('opportunities', headers) };
    if (mapping.stage !== outcome[0] && mapping.status !== outcome[0]) {
      // The outcome column may have been taken for another field by its alias ("stage" as stage is fine).
      for (const [field, h] of Object.entries(mapping)) if (h === outcome[0]) delete mapping[field];
      if (!mapping.status) mapping.status = outcome[0];
    }
    const fill = (field: string, candidates: string[]) => {
      const h = mapping[field] ? undefined : free(mapping, candidates);
      if (h) mapping[field] = h;
    };
    fill('created_at', dates);
    fill('amount', amounts);
    const c = complete('opportunities', mapping);
    if (c) return c;
  }
  const months = dates.filter((h) => isMonthStartColumn(columnValues(sample, headers.indexOf(h))));
  const money = amounts.filter((h) => !months.includes(h));
  if (months.length && money.length) {
    const mapping: Mapping = {};
    for (const [field, h] of Object.entries(mapHeaders('revenue', headers))) if (!months.includes(h) && !money.includes(h)) mapping[field] = h;
    mapping.month = months[0];
    if (!mapping.mrr && !mapping.arr) mapping.mrr = money[0];
    const account = mapping.account_id ? undefined : free(mapping, genericColumns(headers, sample, 'account', (v) => v.length > 0));
    if (account) mapping.account_id = account;
    return complete('revenue', mapping);
  }
  return null;
}

function classifyByHeaders(headers: readonly string[]): Classification | null {
  let best: { c: Classification; score: number } | null = null;
  for (const kind of KINDS) {
    const c = classifyAs(kind, headers);
    const complete = c.missing.length === 0 ? (generatesId(kind, c.mapping) ? 0.5 : 1000) : 0;
    const s = score(kind, headers, c.mapping) + complete;
    if (Object.keys(c.mapping).length < 2) continue;
    if (!best || s > best.score) best = { c, score: s };
  }
  return best?.c ?? null;
}
