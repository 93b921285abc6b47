// The loaded files and the canonical tables built from them. Plain TypeScript (no runes) so unit
// tests drive exactly what the page drives.

import { buildCanonicalSql, OPPORTUNITY_ROWS, parseFailuresSql, type CanonicalSource, type FieldFailures } from '../crm/canonical';
import type { BuildStep } from '../crm/tableWrites';
import { classify, classifyAs, classifyKeeping, missingRequired } from '../crm/detect';
import { KINDS, type Kind } from '../crm/fields';
import { detectDateFormats, detectNumberFormats } from '../crm/formats';
import { orderStages, type StageInfo } from '../crm/stageOrder';
import { parseText } from '../crm/parse';
import type { MappingOverride } from '../state/mappingCodec';
import type { DbClient } from '../db/client';
import { toUtf8, type Encoding } from '../db/encoding';
import { engineBytesPerCsvByte, firstLine, IngestError, loadRawTable, READ_BUFFERS_BYTES, sniff, type Sniffed } from '../db/ingest';
import { ident, join, sql } from '../db/sql';
import type { DayTable } from '../kpi/daily';
import { DayTotals } from './dayTotals';
import {
  changeFromOverride, correctionsOf, extrasOf, headerSignature, overrideOf, ownText, parseHints, rereadFor, sampleValuesOf, typeOf,
  type LoadedFile, type MappingChange,
} from './loadedFile';
import type { KpiParams } from '../kpi/params';

/** What DuckDB-WASM may use before the 4 GiB wasm heap (and the tab) runs out. */
const MEMORY_BUDGET = 3.2e9;

export class DataStore {
  readonly files: LoadedFile[] = [];
  /** The pipeline's stages in order (also in the stage_order table the KPI SQL joins). */
  stages: StageInfo[] = [];
  private nextId = 1;

  /** The day tables; those the load left for later are built by the page once a view is shown (DayTotals.finish). */
  readonly dayTotals: DayTotals;

  private constructor(private readonly db: DbClient) {
    this.dayTotals = new DayTotals(db);
  }

  /**
   * The store over `db`'s current database. `firstId` numbers its files, which name the files
   * registered with the engine (shared by its connections): a second store gives another range.
   */
  static async open(db: DbClient, firstId = 1): Promise<DataStore> {
    const store = new DataStore(db);
    store.nextId = firstId;
    // Reps first: opportunities and leads join it for their owner's team.
    for (const kind of ['reps', ...KINDS.filter((k) => k !== 'reps')] as Kind[]) {
      for (const step of buildCanonicalSql(kind, [])) await store.run(step);
    }
    await store.refreshStageOrder();
    return store;
  }

  /**
   * Loads one file. Unusable files (empty, binary, no known kind) throw an IngestError; a file
   * whose kind is clear but lacks a required column is kept with `missing` set, for the user to map.
   */
  async add(
    name: string,
    file: File,
    options: { encoding?: Encoding; delimiter?: string; overrides?: Readonly<Record<string, MappingOverride>> } = {},
  ): Promise<LoadedFile> {
    const id = this.nextId++;
    let loaded = await this.read(id, name, file, options);
    let override = options.overrides?.[loaded.signature];
    // A correction made after reading the file another way: read it that way, then apply the
    // correction (its column indices count the columns read that way). If that reading fails, the
    // file keeps the automatic one and the correction is not applied.
    if (override && rereadFor(loaded, override)) {
      const automatic = loaded;
      // Its table goes first, so the memory check does not count the file twice.
      await this.db.exec(sql`DROP TABLE IF EXISTS ${ident(automatic.table)}`);
      try {
        loaded = await this.readAgain(automatic, rereadFor(automatic, override)!);
      } catch {
        loaded = await this.read(id, name, file, options);
        loaded.savedReadingFailed = true;
        override = undefined;
      }
    }
    this.files.push(loaded);
    if (override) await this.applyChange(loaded, changeFromOverride(loaded, override));
    try {
      await this.rebuild(loaded.kind);
    } catch (e) {
      // Taking the file out again rebuilds the tables without it; if even that fails, the original error is the one to tell.
      await this.remove(id).catch(() => undefined);
      // The engine ran out of memory building the typed tables: the same advice as a file too large.
      if (!(e instanceof IngestError) && /out of memory/i.test(e instanceof Error ? e.message : String(e))) {
        throw new IngestError('outOfMemory', { name, size: Math.round(file.size / 1e6) });
      }
      throw e;
    }
    return loaded;
  }

  private async read(id: number, name: string, file: File, override: { encoding?: Encoding; delimiter?: string }, keepKind?: Kind): Promise<LoadedFile> {
    const sniffed = await sniff(file, override);
    // A file no kind recognises is kept as an opportunities file waiting for the user to map it
    // (its kind and columns can be chosen in the mapping screen); nothing counts it until then.
    const recognised = keepKind ? classifyKeeping(keepKind, sniffed.headers, sniffed.sample) : classify(sniffed.headers, sniffed.sample);
    const guess = recognised ?? classifyAs('opportunities', sniffed.headers);
    await this.checkRoom(name, file, sniffed);
    const utf8 = await toUtf8(file, sniffed.encoding, sniffed.mixedEncoding);
    const raw = await loadRawTable(this.db, utf8, `raw_${id}`, sniffed.delimiter, { headers: sniffed.headers, plainText: ownText(recognised) });
    if (raw.rows === 0) {
      await this.db.exec(sql`DROP TABLE IF EXISTS ${ident(raw.table)}`);
      throw new IngestError(raw.rejected > 0 ? 'parse' : 'headerOnly', { rejected: raw.rejected, message: raw.rejectedExamples[0]?.error ?? '' });
    }
    // DuckDB may rename headers (duplicates, blanks): classify again on the names it kept (the
    // sniffed rows still line up with them when it kept as many).
    const sample = raw.columns.length === sniffed.headers.length ? sniffed.sample : [];
    const c = keepKind ? classifyKeeping(keepKind, raw.columns, sample) : recognised ? (classify(raw.columns, sample) ?? guess) : classifyAs('opportunities', raw.columns);
    const loaded: LoadedFile = {
      id, name, bytes: file.size, source: file, encoding: sniffed.encoding, delimiter: sniffed.delimiter,
      table: raw.table, rows: raw.rows, columns: raw.columns, rejected: raw.rejected, rejectedExamples: raw.rejectedExamples,
      kind: c.kind, mapping: c.mapping, stageEntries: c.stageEntries, extras: c.extras, missing: c.missing, unrecognised: !recognised,
      dateFormats: {}, numberFormats: {}, dayOrderGuessed: [], failures: [], signature: headerSignature(raw.columns),
      samples: await this.sampleValues(raw.table, raw.columns), chosenFormats: {},
      headerIssues: {
        blank: sniffed.headers.filter((h) => h === '').length,
        duplicates: [...new Set(sniffed.headers.filter((h, i) => h && sniffed.headers.findIndex((x) => x.toLowerCase() === h.toLowerCase()) !== i))],
        mixedEncoding: sniffed.mixedEncoding,
        longRows: sniffed.longRows,
        quoteSpans: raw.quoteSpans,
      },
      emptyMapped: [],
      auto: { kind: c.kind, mapping: c.mapping, dateFormats: {}, numberFormats: {}, encoding: sniffed.encoding, delimiter: sniffed.delimiter },
    };
    await this.detectFormats(loaded);
    loaded.auto.dateFormats = { ...loaded.dateFormats };
    loaded.auto.numberFormats = { ...loaded.numberFormats };
    return loaded;
  }

  /**
   * Refuses a file that would not fit in the engine's memory beside the data already loaded (its
   * tables take several times its CSV size, estimated from its first rows), before the browser tab
   * runs out and crashes.
   */
  private async checkRoom(name: string, file: File, sniffed: Sniffed): Promise<void> {
    const [row] = await this.db.query<{ used: number | null }>(sql`SELECT sum(memory_usage_bytes) AS used FROM duckdb_memory()`);
    // Sized as UTF-8, the form DuckDB reads: GB18030 and Windows-1252 text grows when transcoded.
    const utf8Bytes = file.size * (sniffed.encoding === 'gb18030' ? 1.5 : sniffed.encoding === 'windows-1252' ? 1.1 : 1);
    const perByte = engineBytesPerCsvByte(sniffed.sample);
    const room = MEMORY_BUDGET - Number(row?.used ?? 0) - READ_BUFFERS_BYTES;
    if (utf8Bytes * perByte > room) {
      throw new IngestError('tooLarge', { name, size: Math.round(file.size / 1e6), max: Math.max(0, Math.round(room / perByte / 1e6)) });
    }
  }

  /**
   * Up to three distinct values of each column that are not blank, from the first 500 rows, picked in
   * JS (sampleValuesOf) rather than by a DISTINCT list per column in the engine: each of those set up
   * a hash table of its own, and the 977-row, 20-column sample grew the engine's memory from 17 to 105 MB.
   */
  private async sampleValues(table: string, columns: readonly string[]): Promise<Record<string, string[]>> {
    const named = columns.map((c, i) => sql`${ident(c)} AS ${ident(`s${i}`)}`);
    return sampleValuesOf(await this.db.query(sql`SELECT ${join(named)} FROM ${ident(table)} LIMIT 500`), columns);
  }

  /** The user's corrections of a file against what detection decided, in the URL's compact form. */
  overrideOf(f: LoadedFile): MappingOverride | null {
    return overrideOf(f);
  }

  /** Detects formats for every mapped date/number column not decided yet (user choices are kept). */
  private async detectFormats(f: LoadedFile): Promise<void> {
    const dateHeaders = [
      ...Object.entries(f.mapping).filter(([field]) => typeOf(f.kind, field) === 'date').map(([, h]) => h),
      ...f.stageEntries.map((s) => s.header),
    ].filter((h) => !(h in f.dateFormats));
    const numberHeaders = Object.entries(f.mapping)
      .filter(([field]) => typeOf(f.kind, field) === 'number')
      .map(([, h]) => h)
      .filter((h) => !(h in f.numberFormats));
    const dates = await detectDateFormats(this.db, f.table, dateHeaders);
    Object.assign(f.dateFormats, dates.formats);
    f.dayOrderGuessed = [...f.dayOrderGuessed, ...dates.dayOrderGuessed];
    Object.assign(f.numberFormats, await detectNumberFormats(this.db, f.table, numberHeaders));
  }

  private async applyChange(f: LoadedFile, change: MappingChange): Promise<void> {
    // The user decides what an unrecognised file is.
    if (change.kind || change.mapping || change.fields) f.unrecognised = false;
    if (change.kind && change.kind !== f.kind) {
      const c = classifyAs(change.kind, f.columns);
      Object.assign(f, { kind: c.kind, mapping: c.mapping, stageEntries: c.stageEntries });
    }
    if (change.mapping) {
      const valid = Object.entries(change.mapping).filter(([field, header]) => typeOf(f.kind, field) && f.columns.includes(header));
      f.mapping = Object.fromEntries(valid);
    }
    for (const [field, header] of Object.entries(change.fields ?? {})) {
      if (!typeOf(f.kind, field)) continue;
      if (header === null) delete f.mapping[field];
      else if (f.columns.includes(header)) f.mapping = { ...f.mapping, [field]: header };
    }
    Object.assign(f.dateFormats, change.dateFormats ?? {});
    Object.assign(f.numberFormats, change.numberFormats ?? {});
    for (const [h, fmt] of [...Object.entries(change.dateFormats ?? {}), ...Object.entries(change.numberFormats ?? {})]) {
      if (fmt) f.chosenFormats[h] = fmt;
    }
    const used = new Set([...Object.values(f.mapping), ...f.stageEntries.map((s) => s.header)]);
    f.extras = f.columns.filter((h) => !used.has(h));
    f.missing = missingRequired(f.kind, f.mapping);
    // A format the user picked is no guess.
    f.dayOrderGuessed = f.dayOrderGuessed.filter((h) => !change.dateFormats?.[h]);
    await this.detectFormats(f);
  }

  /** The user's correction of a file's kind, mapping or formats; the canonical tables follow. */
  async remap(id: number, change: MappingChange): Promise<LoadedFile> {
    const f = this.get(id);
    const before = f.kind;
    await this.applyChange(f, change);
    await this.rebuild(before);
    if (f.kind !== before) await this.rebuild(f.kind);
    return f;
  }

  /**
   * Reads the file again with another encoding or delimiter, keeping its kind and the user's
   * corrections of columns the new reading still has (by header name), so that they stay in the
   * remembered mapping and the link too.
   */
  async reread(id: number, override: { encoding?: Encoding; delimiter?: string }): Promise<LoadedFile> {
    const index = this.files.findIndex((f) => f.id === id);
    const old = this.files[index];
    const fresh = await this.readAgain(old, {
      encoding: override.encoding ?? old.encoding,
      delimiter: override.delimiter ?? old.delimiter,
    }, old.unrecognised ? undefined : old.kind); // an unrecognised file's kind was only a placeholder
    const carried = correctionsOf(old, fresh.columns);
    if (carried) await this.applyChange(fresh, carried);
    this.files[index] = fresh;
    await this.rebuild(fresh.kind);
    return fresh;
  }

  /**
   * Reads a file again another way. It keeps the signature and the automatic encoding and delimiter
   * of its first reading (and the kind detection gave it): corrections stay filed under the layout
   * as detection sees it, and say how the reading differs.
   */
  private async readAgain(old: LoadedFile, reading: { encoding: Encoding; delimiter: string }, keepKind?: Kind): Promise<LoadedFile> {
    const fresh = await this.read(old.id, old.name, old.source, reading, keepKind);
    fresh.signature = old.signature;
    fresh.auto.encoding = old.auto.encoding;
    fresh.auto.delimiter = old.auto.delimiter;
    if (keepKind && old.auto.kind !== keepKind) fresh.auto.kind = old.auto.kind;
    return fresh;
  }

  async remove(id: number): Promise<void> {
    const index = this.files.findIndex((f) => f.id === id);
    if (index < 0) return;
    const [file] = this.files.splice(index, 1);
    await this.db.exec(sql`DROP TABLE IF EXISTS ${ident(file.table)}`);
    await this.rebuild(file.kind);
  }

  get(id: number): LoadedFile {
    const f = this.files.find((x) => x.id === id);
    if (!f) throw new Error(`No file ${id}`);
    return f;
  }

  /** Whether a usable file of `kind` is loaded. */
  has(kind: Kind): boolean {
    return this.usable(kind).length > 0;
  }

  /** Canonical fields that at least one usable file of `kind` maps (extra columns included). */
  mappedFields(kind: Kind): Set<string> {
    const fields = new Set(this.usable(kind).flatMap((f) => [...Object.keys(f.mapping), ...Object.values(extrasOf(f))]));
    if (kind === 'reps' && fields.has('manager')) fields.add('team');
    // Opportunities and leads get their owner's team from the reps file.
    if ((kind === 'opportunities' || kind === 'leads') && this.mappedFields('reps').has('team')) fields.add('team');
    // Stage entry dates also come from the "Date entered" columns of opportunity exports.
    if (kind === 'stage_history' && this.usable('opportunities').some((f) => f.stageEntries.length > 0)) fields.add('entered_at');
    return fields;
  }

  /** mappedFields of every kind: what the filters can apply to. */
  fieldSets(): Record<Kind, Set<string>> {
    return Object.fromEntries(KINDS.map((k) => [k, this.mappedFields(k)])) as Record<Kind, Set<string>>;
  }

  private usable(kind: Kind): LoadedFile[] {
    return this.files.filter((f) => f.kind === kind && f.missing.length === 0);
  }

  private sourceOf(f: LoadedFile): CanonicalSource {
    return {
      table: f.table, mapping: f.mapping, dateFormats: f.dateFormats, numberFormats: f.numberFormats,
      stageEntries: f.stageEntries, fileId: f.id, extras: extrasOf(f), rows: f.rows,
      rowidColumn: f.columns.some((c) => c.toLowerCase() === 'rowid'),
      ...parseHints(f),
    };
  }

  /** Extra columns of a kind's usable files: canonical name and the header it came from. */
  extraColumns(kind: Kind): { column: string; label: string }[] {
    const seen = new Map<string, string>();
    for (const f of this.usable(kind)) for (const [header, column] of Object.entries(extrasOf(f))) if (!seen.has(column)) seen.set(column, header);
    return [...seen].map(([column, label]) => ({ column, label }));
  }

  private sources(kind: Kind): CanonicalSource[] {
    return this.usable(kind).map((f) => this.sourceOf(f));
  }

  private async rebuild(kind: Kind): Promise<void> {
    // Opportunities and leads carry their owner's team from reps; stage entry columns of
    // opportunity exports feed the stage history.
    const dependents: Partial<Record<Kind, Kind[]>> = { reps: ['opportunities', 'leads'], opportunities: ['stage_history'] };
    for (const k of [kind, ...(dependents[kind] ?? []), ...(kind === 'reps' ? ['stage_history' as Kind] : [])]) {
      for (const step of buildCanonicalSql(k, this.sources(k), this.sources('opportunities'))) await this.run(step);
    }
    if (kind === 'opportunities' || kind === 'stage_history' || kind === 'reps') await this.refreshStageOrder();
    // Unusable files too: the mapping screen shows what would fail before the user completes it.
    for (const f of this.files.filter((x) => x.kind === kind)) await this.countFailures(f);
    // A statement's rows are compressed when it commits only past a threshold (16 MB), so the last rows
    // written and the flags updated would stay plain: compress them now (memory only: a refusal is no failure).
    await this.db.exec(sql`CHECKPOINT`).catch((e) => console.warn('CHECKPOINT:', firstLine(e)));
  }

  /** Runs one step of a canonical table's build (a table defined from its query's columns included). */
  private async run(step: BuildStep): Promise<void> {
    if (!('shapeOf' in step)) return this.db.exec(step);
    const columns = await this.db.query<{ column_name: string; column_type: string }>(sql`DESCRIBE ${step.shapeOf}`);
    await this.db.exec(step.make(columns.map((c) => ({ name: c.column_name, type: c.column_type }))));
  }

  /** Orders the stages found in opportunities and stage history into the stage_order table. */
  private async refreshStageOrder(): Promise<void> {
    const rows = await this.db.query<{ stage: string }>(
      sql`SELECT stage FROM (SELECT stage, count(*) AS n FROM opportunities WHERE stage IS NOT NULL GROUP BY 1
          UNION ALL SELECT stage, count(*) AS n FROM stage_history WHERE stage IS NOT NULL GROUP BY 1) GROUP BY stage ORDER BY sum(n) DESC`,
    );
    this.stages = orderStages(rows.map((r) => r.stage));
    await this.db.exec(sql`CREATE OR REPLACE TABLE stage_order (stage VARCHAR, stage_key VARCHAR, ord INTEGER, is_won BOOLEAN, is_lost BOOLEAN)`);
    // Each opportunity carries its open stage's order, so that the funnel and forecast queries need
    // not join it (a join of every opportunity costs more than the rest of such a query).
    const table = ident(OPPORTUNITY_ROWS);
    await this.db.exec(sql`UPDATE ${table} SET stage_ord = NULL WHERE stage_ord IS NOT NULL`);
    if (this.stages.length > 0) {
      const values = this.stages.map((s) => sql`(${s.stage}, ${s.key}, ${s.ord}, ${s.isWon}, ${s.isLost})`);
      await this.db.exec(sql`INSERT INTO stage_order VALUES ${join(values)}`);
      await this.db.exec(sql`UPDATE ${table} SET stage_ord = so.ord FROM stage_order so
        WHERE so.stage_key = ${table}.stage_key AND NOT so.is_won AND NOT so.is_lost`);
    }
    // The day totals hold each opportunity's stage order, so they follow it.
    await this.dayTotals.rebuild();
  }

  /** The day totals a view with filters reads (DayTotals.forFilters); null without opportunities or such filters. */
  async filteredTotals(p: KpiParams, tables?: readonly DayTable[]): Promise<KpiParams['filteredTotals']> {
    return this.has('opportunities') ? this.dayTotals.forFilters(p, tables) : null;
  }

  private async countFailures(f: LoadedFile): Promise<void> {
    const q = parseFailuresSql(f.kind, this.sourceOf(f));
    f.failures = q ? (await this.db.query<FieldFailures & Record<string, unknown>>(q)).filter((r) => r.failed > 0) : [];
    // Only columns empty in the first rows are scanned whole: a cheap check on large files.
    const suspects = [...new Set(Object.values(f.mapping))].filter((h) => (f.samples[h] ?? []).length === 0);
    if (suspects.length === 0) {
      f.emptyMapped = [];
      return;
    }
    const counts = suspects.map((h, i) => sql`count(${parseText(ident(h))}) AS ${ident(`n${i}`)}`);
    const [row] = await this.db.query(sql`SELECT ${join(counts)} FROM ${ident(f.table)}`);
    f.emptyMapped = suspects.filter((_, i) => Number(row[`n${i}`]) === 0);
  }

  /**
   * Ids that appear more than once in the canonical table of `kind` (leads or opportunities), with
   * the names of the files that hold them.
   */
  async duplicateIds(kind: 'leads' | 'opportunities'): Promise<{ count: number; examples: string[]; files: string[] }> {
    const column = ident(kind === 'leads' ? 'lead_id' : 'opportunity_id');
    const [row] = await this.db.query<{ n: number; examples: string[] | null; files: number[] | null }>(
      sql`WITH dup AS (SELECT ${column} AS id FROM ${ident(kind)} WHERE ${column} IS NOT NULL GROUP BY 1 HAVING count(*) > 1)
          SELECT (SELECT count(*) FROM dup) AS n, (SELECT list(id ORDER BY id)[1:3] FROM dup) AS examples,
            (SELECT list(file_id ORDER BY file_id) FROM (SELECT DISTINCT file_id FROM ${ident(kind)} WHERE ${column} IN (SELECT id FROM dup))) AS files`,
    );
    const files = (row?.files ?? []).map((id) => this.files.find((f) => f.id === Number(id))?.name ?? String(id));
    return { count: Number(row?.n ?? 0), examples: row?.examples ?? [], files };
  }

  /** The latest event date in the data (never the wall clock): the default "today" of every view. */
  async asOf(): Promise<string | null> {
    const parts = [
      sql`SELECT max(created_at) AS d FROM opportunities`,
      sql`SELECT max(close_date) AS d FROM opportunities WHERE is_closed`,
      sql`SELECT max(created_at) AS d FROM leads`,
      // A revenue month or period start counts through the end of its month (MRR is taken on the month's last day).
      sql`SELECT last_day(max(coalesce(month, start_date))) AS d FROM revenue`,
    ];
    const [row] = await this.db.query<{ d: string | null }>(
      sql`SELECT strftime(max(d), '%Y-%m-%d') AS d FROM (${join(parts, ' UNION ALL ')})`,
    );
    return row?.d ?? null;
  }
}
