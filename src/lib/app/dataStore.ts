// The loaded files and the canonical tables built from them. Plain TypeScript (no runes) so unit
// tests drive exactly what the page drives.

import { buildCanonicalSql, type CanonicalSource } from '../crm/canonical';
import { detectDateFormats } from '../crm/dates';
import { classify, type Mapping } from '../crm/detect';
import { FIELDS, KINDS, type Kind } from '../crm/fields';
import type { DateFormat } from '../crm/parse';
import type { DbClient } from '../db/client';
import { IngestError, loadRawTable, sniff } from '../db/ingest';
import { ident, join, sql } from '../db/sql';

export interface LoadedFile {
  id: number;
  name: string;
  bytes: number;
  kind: Kind;
  rows: number;
  table: string;
  mapping: Mapping;
  extras: string[];
  dateFormats: Record<string, DateFormat | null>;
}

export class DataStore {
  readonly files: LoadedFile[] = [];
  private nextId = 1;

  private constructor(private readonly db: DbClient) {}

  static async open(db: DbClient): Promise<DataStore> {
    const store = new DataStore(db);
    for (const kind of KINDS) await db.exec(buildCanonicalSql(kind, []));
    return store;
  }

  /** Loads one file; throws IngestError with a specific code when the file cannot be used. */
  async add(name: string, file: File): Promise<LoadedFile> {
    const sniffed = await sniff(file);
    const classification = classify(sniffed.headers);
    if (!classification) throw new IngestError('unrecognised', { name, headers: sniffed.headers.slice(0, 12).join(', ') });
    const id = this.nextId++;
    const raw = await loadRawTable(this.db, file, `raw_${id}`, sniffed.delimiter);
    // DuckDB may rename headers (duplicates, blanks): classify again on the names it kept.
    const final = classify(raw.columns) ?? classification;
    const dateHeaders = Object.entries(final.mapping)
      .filter(([field]) => (FIELDS[final.kind] as Record<string, { type: string }>)[field]?.type === 'date')
      .map(([, header]) => header);
    const dateFormats = await detectDateFormats(this.db, raw.table, dateHeaders);
    const loaded: LoadedFile = {
      id, name, bytes: file.size, kind: final.kind, rows: raw.rows, table: raw.table,
      mapping: final.mapping, extras: final.extras, dateFormats,
    };
    this.files.push(loaded);
    try {
      await this.rebuild(final.kind);
    } catch (e) {
      this.files.pop();
      await this.db.exec(sql`DROP TABLE IF EXISTS ${ident(raw.table)}`);
      await this.rebuild(final.kind);
      throw e;
    }
    return loaded;
  }

  async remove(id: number): Promise<void> {
    const index = this.files.findIndex((f) => f.id === id);
    if (index < 0) return;
    const [file] = this.files.splice(index, 1);
    await this.db.exec(sql`DROP TABLE IF EXISTS ${ident(file.table)}`);
    await this.rebuild(file.kind);
  }

  has(kind: Kind): boolean {
    return this.files.some((f) => f.kind === kind);
  }

  /** Canonical fields that at least one loaded file of `kind` maps. */
  mappedFields(kind: Kind): Set<string> {
    return new Set(this.files.filter((f) => f.kind === kind).flatMap((f) => Object.keys(f.mapping)));
  }

  private async rebuild(kind: Kind): Promise<void> {
    const sources: CanonicalSource[] = this.files
      .filter((f) => f.kind === kind)
      .map((f) => ({ table: f.table, mapping: f.mapping, dateFormats: f.dateFormats, fileId: f.id }));
    await this.db.exec(buildCanonicalSql(kind, sources));
  }

  /** The latest event date in the data (never the wall clock): the default "today" of every view. */
  async asOf(): Promise<string | null> {
    const parts = [
      sql`SELECT max(created_at) AS d FROM opportunities`,
      sql`SELECT max(close_date) AS d FROM opportunities WHERE is_closed`,
      sql`SELECT max(created_at) AS d FROM leads`,
    ];
    const [row] = await this.db.query<{ d: string | null }>(
      sql`SELECT strftime(max(d), '%Y-%m-%d') AS d FROM (${join(parts, ' UNION ALL ')})`,
    );
    return row?.d ?? null;
  }
}
