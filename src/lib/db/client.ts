// The one interface the rest of the app uses to talk to DuckDB. Implemented for the browser
// (AsyncDuckDB in a worker) and for Node (the blocking build, used by unit tests).

import type { Table } from 'apache-arrow';
import { inlineParams, type Sql } from './sql';

export type Row = Record<string, unknown>;

export interface DbClient {
  /** Runs a query with bound parameters and returns plain rows. */
  query<T extends Row = Row>(q: Sql): Promise<T[]>;
  /** Runs statements that return nothing of interest. */
  exec(q: Sql): Promise<void>;
  /** Makes a file readable by read_csv under `name`, without copying it into the JS heap. */
  registerFile(name: string, file: File | Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /**
   * A second connection to the same engine whose tables live in an in-memory database of its own,
   * named `database` (dropped by close): the warm-up's (app/warmUp.ts). Files registered are shared.
   */
  session?(database: string): Promise<SessionClient>;
  /**
   * A second connection to the same tables whose statements run in steps (pending queries polled
   * every QUERY_POLLING_MS), so that this connection's queries run between its steps: work the page
   * does not wait for (DayTotals.finish).
   */
  background?(): Promise<BackgroundClient>;
}

export interface BackgroundClient {
  /** Runs a statement; when it fails or is cancelled, its transaction has ended before the promise rejects. */
  exec(q: Sql): Promise<void>;
  /** Interrupts the statement running, if any (its exec rejects). */
  cancel(): Promise<void>;
}

/**
 * Run on a background connection after its statement failed or was cancelled. The engine keeps an
 * interrupted statement's transaction open until the connection's next query; until then the
 * statement's writes block a CHECKPOINT (every load ends with one: DataStore.rebuild).
 */
export const END_INTERRUPTED = 'SELECT 1';

/** How long the engine runs a background statement before it looks at other connections' queries. */
export const QUERY_POLLING_MS = 10;

/** A background statement's text: the statement is sent as text, never prepared. */
export function backgroundText(q: Sql): string {
  const text = inlineParams(q);
  if (text === null) throw new Error('A background statement needs every parameter written in');
  return text;
}

export interface SessionClient extends DbClient {
  /** Drops the session's database and closes its connection. */
  close(): Promise<void>;
}

/**
 * Settings applied once at open: no extension is ever installed or loaded (it would be downloaded).
 * Tables live in a compressed in-memory database: DuckDB's default in-memory one keeps every value
 * uncompressed (see DataStore for how the peak is kept down while they are written). The join-order
 * optimizer is off: a view's time is mostly each statement's fixed cost, and the KPI SQL joins a large
 * table to small ones in the order written (seven views' queries at 1M rows: 459 -> 411 ms in Node).
 */
export function openStatements(database: string): string[] {
  return [
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
    'SET allow_community_extensions = false',
    `ATTACH ':memory:' AS ${database} (COMPRESS)`,
    `USE ${database}`,
    "SET disabled_optimizers = 'join_order'",
  ];
}

/** The database the dashboard's tables live in. */
export const MAIN_DATABASE = 'kpi';
export const OPEN_STATEMENTS = openStatements(MAIN_DATABASE);

/** What a session runs at close: its database dropped (it cannot drop the one it uses, so it goes back to `main`). */
export const closeStatements = (database: string, main = MAIN_DATABASE): string[] => [`USE ${main}`, `DETACH ${database}`];

/**
 * Arrow table -> plain objects, batch by batch (faster than row proxies). DuckDB sends a result in
 * batches of 2,048 rows: reading the table's columns by row index would look up the batch of every
 * value, and read the table's row count (a sum over its batches) on every row.
 */
export function tableToRows<T extends Row>(table: Table): T[] {
  const names = table.schema.fields.map((f) => f.name);
  const rows: T[] = new Array(table.numRows);
  let base = 0;
  for (const batch of table.batches) {
    const columns = names.map((n) => batch.getChild(n));
    const count = batch.numRows;
    for (let i = 0; i < count; i++) {
      const row: Row = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = normalizeValue(columns[c]?.get(i));
      rows[base + i] = row as T;
    }
    base += count;
  }
  return rows;
}

function normalizeValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  // LIST columns arrive as Arrow vectors: hand out plain arrays.
  if (v !== null && typeof v === 'object' && typeof (v as { toArray?: unknown }).toArray === 'function' && Symbol.iterator in v) {
    return Array.from(v as Iterable<unknown>, normalizeValue);
  }
  return v ?? null;
}
