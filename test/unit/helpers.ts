// Shared set-up for unit tests: the DuckDB-WASM Node build and files loaded as the page loads them.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataStore } from '../../src/lib/app/dataStore';
import { onTestFinished } from 'vitest';
import { createNodeEngine, openNodeDb, type NodeEngine, type NodeDbClient } from '../../src/lib/db/node';
import type { DbClient } from '../../src/lib/db/client';
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
 * ends its client is closed and the engine freed; an engine that fails to close is not reused.
 * Outside a test (beforeAll), the client keeps its engine for the whole file.
 */
export async function testDb(): Promise<NodeDbClient> {
  const engine = idle.pop() ?? (await createNodeEngine());
  const db = await openNodeDb(engine, `test_${++databases}`);
  try {
    onTestFinished(() => db.close().then(() => void idle.push(engine), () => {}));
  } catch {
    // Not in a test: nothing to free.
  }
  return db;
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
