// CSV downloads: PapaParse writes the text; values a spreadsheet would run as formulas are
// neutralised first (the OWASP CSV-injection advice: prefix with a single quote).

import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  // A negative number stays a number; anything else starting like a formula is text.
  if (FORMULA_START.test(value) && !/^-\d+(\.\d+)?$/.test(value)) return `'${value}`;
  return value;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return Papa.unparse({ fields: [...columns], data: rows.map((r) => columns.map((c) => neutralise(r[c] ?? ''))) });
}

/** Starts a download of `content` named `filename`, from this page (no request leaves it). */
export function download(filename: string, content: Blob | string, type = 'text/csv;charset=utf-8'): void {
  const blob = content instanceof Blob ? content : new Blob(['\uFEFF', content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
