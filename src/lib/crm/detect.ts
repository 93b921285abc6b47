// Classifies a file by its headers into one of the canonical kinds and maps its columns.

import { ALIAS_TABLES, normalizeHeader } from './aliases';
import { FIELDS, KINDS, REQUIRED, type Kind } from './fields';

/** canonical field -> the file's own header name */
export type Mapping = Record<string, string>;

export interface Classification {
  kind: Kind;
  mapping: Mapping;
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

export function satisfiesRequired(kind: Kind, mapping: Mapping): boolean {
  return REQUIRED[kind].some((alternative) => alternative.every((f) => f in mapping));
}

/** The best-fitting kind, or null when no kind's required fields are all present. */
export function classify(headers: readonly string[]): Classification | null {
  let best: { kind: Kind; mapping: Mapping; score: number } | null = null;
  for (const kind of KINDS) {
    const mapping = mapHeaders(kind, headers);
    if (!satisfiesRequired(kind, mapping)) continue;
    const score = Object.keys(mapping).length;
    if (!best || score > best.score) best = { kind, mapping, score };
  }
  if (!best) return null;
  const mapped = new Set(Object.values(best.mapping));
  return { kind: best.kind, mapping: best.mapping, extras: headers.filter((h) => !mapped.has(h)) };
}
