// Shared set-up for unit tests: the DuckDB-WASM Node build and files loaded as the page loads them.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { DataStore } from '../../src/lib/app/dataStore';
import { createNodeEngine, openNodeDb, type NodeEngine, type NodeDbClient } from '../../src/lib/db/node';
import type { DbClient } from '../../src/lib/db/client';
import { raw } from '../../src/lib/db/sql';
import type { KpiParams } from '../../src/lib/kpi/params';
import { newBusinessSeriesSql, newBusinessTilesSql, type NewBusinessPoint, type NewBusinessTiles } from '../../src/lib/kpi/newBusiness';
import { previousRange, type DateRange } from '../../src/lib/kpi/period';

/** The public datasets beside the checkout (../shared/data/public); KPI_PUBLIC_DATA overrides. */
export const PUBLIC_DATA = process.env.KPI_PUBLIC_DATA ?? fileURLToPath(new URL('../../../shared/data/public', import.meta.url));

export function fileFrom(path: string): File {
  return new File([readFileSync(path)], basename(path));
}

export function csvFile(name: string, text: string): File {
  return new File([text], name);
}

/** Engines whose client has closed, ready for the next test of this file. */
const idle: NodeEngine[] = [];
let databases = 0;

/**
 * A fresh database for a test, on an engine an earlier test of the file used if one is free:
 * instantiating DuckDB-WASM costs about 1.5 s in Node, a database a few milliseconds. When the test
 * ends its client is closed; the engine is freed only after a test that passed and left no other
 * database attached (a failed test may have left statements running). Outside a test (beforeAll),
 * the client keeps its engine for the whole file.
 */
export async function testDb(): Promise<NodeDbClient> {
  const engine = idle.pop() ?? (await createNodeEngine());
  const db = await openNodeDb(engine, `test_${++databases}`);
  try {
    onTestFinished(async ({ task }) => {
      await db.close();
      if (task.result?.state === 'pass' && attachedBesidesDefault(engine) === 0) idle.push(engine);
    });
  } catch {
    // Not in a test: nothing to free.
  }
  return db;
}

/** The databases attached to an engine, by name in order (the default `memory` among them). */
const ATTACHED = 'SELECT database_name AS d FROM duckdb_databases() WHERE NOT internal ORDER BY 1';

/** Databases attached to `engine` besides the default one, seen from a connection of its own. */
function attachedBesidesDefault(engine: NodeEngine): number {
  const conn = engine.connect();
  try {
    return conn.query(ATTACHED).toArray().filter((r) => r.d !== 'memory').length;
  } finally {
    conn.close();
  }
}

/** The names of the databases attached to the engine, in order (the default `memory` among them). */
export async function attachedDatabases(db: DbClient): Promise<string[]> {
  return (await db.query<{ d: string }>(raw(ATTACHED))).map((r) => r.d);
}

export async function storeWith(...files: File[]): Promise<{ db: DbClient; store: DataStore }> {
  const db = await testDb();
  const store = await DataStore.open(db);
  for (const f of files) await store.add(f.name, f);
  return { db, store };
}

/** KPI parameters over the store's data; `patch` overrides any of them. */
export function paramsFor(store: DataStore, patch: Partial<KpiParams> = {}): KpiParams {
  return { range: { from: '2024-01-01', to: '2024-12-31' }, grain: 'month', fyStart: 1, asOf: '2024-12-31', filters: {}, fields: store.fieldSets(), ...patch };
}

export interface NewBusinessResults {
  range: DateRange;
  previousRange: DateRange;
  tiles: NewBusinessTiles;
  previous: NewBusinessTiles;
  series: NewBusinessPoint[];
}

/** The new-business tiles for the range and the previous period, and the series: the SQL the views run. */
export async function queryNewBusiness(db: DbClient, params: KpiParams): Promise<NewBusinessResults> {
  const prev = previousRange(params.range);
  const [[tiles], [previous], series] = await Promise.all([
    db.query<NewBusinessTiles & Record<string, unknown>>(newBusinessTilesSql(params, params.range)),
    db.query<NewBusinessTiles & Record<string, unknown>>(newBusinessTilesSql(params, prev)),
    db.query<NewBusinessPoint & Record<string, unknown>>(newBusinessSeriesSql(params)),
  ]);
  return { range: params.range, previousRange: prev, tiles, previous, series };
}
