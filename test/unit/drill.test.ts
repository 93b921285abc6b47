// The rows behind a tile: the first rows shown in the query's order or sorted by a column, how many
// there are, and a CSV of them all read a slice at a time.
import { beforeAll, describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { testDb } from './helpers';
import type { DbClient } from '../../src/lib/db/client';
import { sql } from '../../src/lib/db/sql';
import { DRILL_ROWS_SHOWN, drillCsv, drillRowsSql, readDrill } from '../../src/lib/app/drill';

let db: DbClient;
beforeAll(async () => {
  db = await testDb();
});

// Rows i = 0..n-1 in descending order; a group of 7 values with every 5th missing; a text name.
const deals = (n: number) =>
  sql`SELECT i AS id, CASE WHEN i % 5 = 0 THEN NULL ELSE i % 7 END AS grp, 'deal ' || i AS name FROM range(CAST(${n} AS BIGINT)) AS t(i) ORDER BY i DESC`;

describe('the rows behind a tile', () => {
  test("slices keep the query's order and neither repeat nor skip a row", async () => {
    const first = await db.query<{ id: number }>(drillRowsSql(deals(100), null, 30));
    const second = await db.query<{ id: number }>(drillRowsSql(deals(100), null, 30, 30));
    expect(first.map((r) => r.id)).toEqual(Array.from({ length: 30 }, (_, k) => 99 - k));
    expect(second.map((r) => r.id)).toEqual(Array.from({ length: 30 }, (_, k) => 69 - k));
  });

  test("sorted by a column: missing values last either way, ties in the query's order", async () => {
    const asc = await db.query<{ id: number; grp: number | null }>(drillRowsSql(deals(20), { column: 'grp', descending: false }, 20));
    // By hand: grp = i % 7 except for i = 0, 5, 10, 15; among equal groups the larger id first (the query's order).
    const byHand = Array.from({ length: 20 }, (_, i) => i)
      .filter((i) => i % 5 !== 0)
      .sort((a, b) => (a % 7) - (b % 7) || b - a);
    expect(asc.map((r) => r.id)).toEqual([...byHand, 15, 10, 5, 0]);
    const desc = await db.query<{ id: number }>(drillRowsSql(deals(20), { column: 'grp', descending: true }, 20));
    const byHandDesc = Array.from({ length: 20 }, (_, i) => i)
      .filter((i) => i % 5 !== 0)
      .sort((a, b) => (b % 7) - (a % 7) || b - a);
    expect(desc.map((r) => r.id)).toEqual([...byHandDesc, 15, 10, 5, 0]);
  });

  test('past DRILL_ROWS_SHOWN rows the drawer holds the first and knows how many there are', async () => {
    const n = DRILL_ROWS_SHOWN + 2_345;
    const d = await readDrill(db, 'won_deals', { numerator: deals(n), denominator: null, sum: null }, 'numerator', null);
    expect(d.rows.length).toBe(DRILL_ROWS_SHOWN);
    expect(d.total).toBe(n);
    expect(d.rows[0]).toEqual({ id: n - 1, grp: (n - 1) % 5 === 0 ? null : (n - 1) % 7, name: `deal ${n - 1}` });
    expect(d.columns).toEqual(['id', 'grp', 'name']);
    // Sorted by name (text order: "deal 0" < "deal 1" < "deal 10" ...): the first rows of all of them.
    const byName = await readDrill(db, 'won_deals', { numerator: deals(n), denominator: null, sum: null }, 'numerator', { column: 'name', descending: false });
    expect(byName.rows.slice(0, 4).map((r) => r.name)).toEqual(['deal 0', 'deal 1', 'deal 10', 'deal 100']);
    // No rows: the columns of the drill before are kept.
    const none = await readDrill(db, 'won_deals', { numerator: sql`SELECT * FROM (${deals(5)}) WHERE id < 0`, denominator: null, sum: null }, 'numerator', null, ['id']);
    expect([none.rows.length, none.total, none.columns]).toEqual([0, 0, ['id']]);
  });

  test('the CSV holds every row once, in the order shown, its header once', async () => {
    const n = 120_000;
    const text = await drillCsv(db, deals(n), null, ['id', 'grp', 'name']);
    const parsed = Papa.parse<string[]>(text.trim()).data;
    expect(parsed[0]).toEqual(['id', 'grp', 'name']);
    expect(parsed.length).toBe(n + 1);
    const ids = parsed.slice(1).map((r) => Number(r[0]));
    expect(ids[0]).toBe(n - 1);
    expect(ids[n - 1]).toBe(0);
    expect(ids.every((id, k) => id === n - 1 - k)).toBe(true);
    expect(parsed[1 + n - 1 - 10]).toEqual(['10', '', 'deal 10']);
  });
});
