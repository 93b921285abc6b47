// The result cache (db/cache.ts): one-row queries asked for together run in one statement, and a
// query answered before is not run again, alone or beside another.
import { describe, expect, test } from 'vitest';
import { cachedDb, firstRows } from '../../src/lib/db/cache';
import type { DbClient } from '../../src/lib/db/client';
import { sql, type Sql } from '../../src/lib/db/sql';
import { queryView } from '../../src/lib/app/views/index';
import { previousRange, sameRangeLastYear } from '../../src/lib/kpi/period';
import { DEFAULT_VIEW } from '../../src/lib/state/viewState';
import { fileFrom, paramsFor, PUBLIC_DATA, storeWith, testDb } from './helpers';

/** A client that records the statements it runs. */
function recording(db: DbClient): { db: DbClient; ran: string[] } {
  const ran: string[] = [];
  return { ran, db: { ...db, query: (q: Sql) => (ran.push(q.text), db.query(q)) } };
}

const deal = (id: number, amount: number) => sql`SELECT ${id} AS id, ${amount} AS amount`;
const none = sql`SELECT 0 AS id, 0 AS amount WHERE FALSE`;

describe('the first rows of several queries', () => {
  test('run in one statement, each row given to its query; none where a query has no row', async () => {
    const { db, ran } = recording(await testDb());
    const rows = await firstRows(db, [deal(1, 100), none, deal(3, 250.5)]);
    expect(rows).toEqual([{ id: 1, amount: 100 }, undefined, { id: 3, amount: 250.5 }]);
    expect(ran).toHaveLength(1);
  });

  test('through the cache: only the queries not asked for before run, and alone when one is left', async () => {
    const { db, ran } = recording(await testDb());
    const cached = cachedDb(db);
    expect(await cached.firstRows([deal(1, 100), deal(2, 200)])).toEqual([{ id: 1, amount: 100 }, { id: 2, amount: 200 }]);
    expect(ran).toHaveLength(1);
    // Both asked for before: nothing runs.
    expect(await cached.firstRows([deal(2, 200), deal(1, 100)])).toEqual([{ id: 2, amount: 200 }, { id: 1, amount: 100 }]);
    expect(ran).toHaveLength(1);
    // One new: it runs by itself (the comparison period changed, the period did not).
    expect(await cached.firstRows([deal(1, 100), deal(4, 400)])).toEqual([{ id: 1, amount: 100 }, { id: 4, amount: 400 }]);
    expect(ran).toHaveLength(2);
    expect(ran[1]).not.toMatch(/UNION/);
    // A whole result asked for through query() is its own entry (the first-row entries keep one row).
    expect(await cached.query(deal(1, 100))).toEqual([{ id: 1, amount: 100 }]);
    expect(ran).toHaveLength(3);
    // A full cache keeps the rows asked for while it makes room for the new one (capacity 2 below).
    const small = cachedDb(db, 2);
    await small.firstRows([deal(1, 100), deal(2, 200)]);
    expect(await small.firstRows([deal(1, 100), deal(5, 500)])).toEqual([{ id: 1, amount: 100 }, { id: 5, amount: 500 }]);
    expect(ran).toHaveLength(5);
    // Emptied with the data: everything runs again.
    cached.clear();
    await cached.firstRows([deal(1, 100), deal(2, 200)]);
    expect(ran).toHaveLength(6);
  });
});

describe('views read through the cache give what they give without it (the public Maven CRM export)', () => {
  test.each(['overview', 'new_business', 'pipeline', 'attainment'] as const)('%s, with the previous period and then the same range a year before', async (tab) => {
    const { db, store } = await storeWith(fileFrom(`${PUBLIC_DATA}/maven-crm-opportunities/sales_pipeline.csv`));
    const { db: counted, ran } = recording(db);
    const cached = cachedDb(counted);
    const range = { from: '2017-04-01', to: '2017-06-30' };
    const params = paramsFor(store, { range, asOf: '2017-12-31' });
    const run = (client: DbClient, previous: typeof range) =>
      queryView(tab, { db: client, params, previous, loaded: new Set(['opportunities']), pick: { s1: 1, s2: 2 }, basis: 'bookings' }, { ...DEFAULT_VIEW, tab });
    expect(await run(cached, previousRange(range))).toEqual(await run(db, previousRange(range)));
    const first = ran.length;
    expect(await run(cached, sameRangeLastYear(range))).toEqual(await run(db, sameRangeLastYear(range)));
    // Against another comparison period, the queries of the period itself are not run again.
    expect(ran.length - first).toBeLessThan(first);
  });
});
