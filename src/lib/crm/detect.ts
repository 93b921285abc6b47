// Classifies a file by its headers into one of the canonical kinds and maps its columns.

import { ALIAS_TABLES, SIGNATURE_HEADERS, normalizeHeader } from './aliases';
import { FIELDS, GENERATED_ID, KINDS, REQUIRED, type Kind } from './fields';

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
 * it must win on its columns, and wins ties.
 */
export function classify(headers: readonly string[]): Classification | null {
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
