// Shared set-up for unit tests: the DuckDB-WASM Node build and files loaded as the page loads them.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataStore } from '../../src/lib/app/dataStore';
import { openNodeDb } from '../../src/lib/db/node';
import type { DbClient } from '../../src/lib/db/client';
import type { KpiParams } from '../../src/lib/kpi/params';

/** The public datasets beside the checkout (../shared/data/public); KPI_PUBLIC_DATA overrides. */
export const PUBLIC_DATA = process.env.KPI_PUBLIC_DATA ?? fileURLToPath(new URL('../../../shared/data/public', import.meta.url));

export function fileFrom(path: string): File {
  return new File([readFileSync(path)], basename(path));
}

export function csvFile(name: string, text: string): File {
  return new File([text], name);
}

export async function storeWith(...files: File[]): Promise<{ db: DbClient; store: DataStore }> {
  const db = await openNodeDb();
  const store = await DataStore.open(db);
  for (const f of files) await store.add(f.name, f);
  return { db, store };
}

/** KPI parameters over the store's data; `patch` overrides any of them. */
export function paramsFor(store: DataStore, patch: Partial<KpiParams> = {}): KpiParams {
  return { range: { from: '2024-01-01', to: '2024-12-31' }, grain: 'month', fyStart: 1, asOf: '2024-12-31', filters: {}, fields: store.fieldSets(), ...patch };
}
