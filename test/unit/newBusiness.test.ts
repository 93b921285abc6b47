// New-business KPIs on a hand-computed fixture (test/fixtures/nb-*.csv), on the DuckDB-WASM engine.
//
// Fixture, range 2024-01-01..2024-03-31 (91 days; previous period 2023-10-02..2023-12-31):
//   O1 Acme  Ann won  1000 new   created 2023-12-01 closed 2024-01-15  cycle 45 d
//   O2 Beta  Ann won  3000 (none = new) 2024-01-10 -> 2024-02-20       cycle 41 d
//   O3 Acme  Bob won   500 expansion 2024-02-01 -> 2024-03-01          cycle 29 d (2024 is a leap year)
//   O4 Gamma Bob lost 2000 new 2024-01-05 -> 2024-03-10
//   O5 Delta Bob lost    0 new 2024-02-15 -> 2024-03-31 (last day, inclusive)
//   O6 Eps   Ann open 4000 new created 2024-03-20
//   O7 Zeta  Cid won  7000 new 2023-10-01 -> 2023-12-20 (previous period)
//   O8 Beta  Cid won  2500 new 2024-03-05 -> 2024-04-02 (after the range)
import { beforeAll, describe, expect, test } from 'vitest';
import type { DbClient } from '../../src/lib/db/client';
import type { DataStore } from '../../src/lib/app/dataStore';
import { newBusinessBySql, wonDealDistributionsSql } from '../../src/lib/kpi/newBusiness';
import { distributionFrom, type DistributionRow } from '../../src/lib/kpi/distribution';
import type { KpiParams } from '../../src/lib/kpi/params';
import type { Filters } from '../../src/lib/kpi/filters';
import { readFileSync } from 'node:fs';
import { csvFile, fileFrom, paramsFor, PUBLIC_DATA, queryNewBusiness, storeWith } from './helpers';
import { ignoredFilters } from '../../src/lib/kpi/filters';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const Q1 = { from: '2024-01-01', to: '2024-03-31' };

function params(store: DataStore, filters: Filters = {}, range = Q1): KpiParams {
  return paramsFor(store, { range, asOf: '2024-05-01', filters });
}

for (const fixture of ['nb-canonical.csv', 'nb-salesforce.csv']) {
  describe(`new business KPIs from ${fixture}`, () => {
    let db: DbClient;
    let store: DataStore;
    beforeAll(async () => {
      ({ db, store } = await storeWith(fileFrom(`${FIXTURES}${fixture}`)));
    });

    test('the won new deals of the range spread by size and by sales cycle, counted in the engine', async () => {
      const rows = await db.query<DistributionRow & { of: string } & Record<string, unknown>>(wonDealDistributionsSql(params(store)));
      const [sizes, cycles] = ['amount', 'cycle_days'].map((of) => distributionFrom(rows.find((r) => r.of === of)));
      // O1 (1000, 45 days) and O2 (3000, 41 days); O3 is an expansion. 1000 to 3000 in 12 is 167 a bin:
      // 200 is the nearest round step (ratios 1.2 for 200, 1.5 for 250, 1.67 for 100).
      expect(sizes).toEqual({
        n: 2, min: 1000, max: 3000, median: 2000,
        bins: Array.from({ length: 12 }, (_, i) => 1000 + 200 * i),
        counts: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
      });
      // 41 to 45 days in 12 is 0.33 a bin: 0.25 is the nearest (ratios 1.33 for 0.25, 1.5 for 0.5).
      expect(cycles).toEqual({
        n: 2, min: 41, max: 45, median: 43,
        bins: Array.from({ length: 18 }, (_, i) => 41 + 0.25 * i),
        counts: [1, ...new Array(15).fill(0), 1],
      });
    });

    test('tiles for the range match the hand computation', async () => {
      const r = await queryNewBusiness(db, params(store));
      expect(r.tiles).toEqual({
        won_deals: 3, // O1, O2, O3
        lost_deals: 2, // O4, O5
        win_rate: 0.6, // 3 / (3 + 2)
        new_bookings: 4000, // O1 + O2; O3 is expansion
        avg_deal_size: 2000, // 4000 / 2 new-business wins
        sales_cycle_days: 41, // median(45, 41, 29)
        pipeline_created_amount: 12000, // O2 3000 + O3 500 + O4 2000 + O5 0 + O6 4000 + O8 2500
        new_customers: 2, // Acme (first win O1), Beta (first win O2); Zeta's first win is earlier
        expansion_bookings: 500, // O3
        new_deals: 2, // O1, O2
        created_deals: 6, // created in the range: O2, O3, O4, O5, O6, O8
        won_of_created: 3, // O2, O3 and O8 (won 04-02, after the range: "so far")
        win_rate_created: 0.5, // 3 / 6
        bookings_arpa: 2000, // 4000 / 2 new customers
      });
    });

    test('the comparison is the previous period of equal length', async () => {
      const r = await queryNewBusiness(db, params(store));
      expect(r.previousRange).toEqual({ from: '2023-10-02', to: '2023-12-31' });
      expect(r.previous.won_deals).toBe(1); // O7
      expect(r.previous.new_bookings).toBe(7000);
      expect(r.previous.pipeline_created_amount).toBe(1000); // O1 created 2023-12-01; O7 created the day before the period
      expect(r.previous.new_customers).toBe(1); // Zeta
      expect(r.previous.win_rate).toBe(1);
    });

    test('filters apply to every tile, including who won an account first', async () => {
      const ann = await queryNewBusiness(db, params(store, { owner: ['Ann'] }));
      expect(ann.tiles.won_deals).toBe(2);
      expect(ann.tiles.win_rate).toBe(1);
      expect(ann.tiles.new_customers).toBe(2);
      const bob = await queryNewBusiness(db, params(store, { owner: ['Bob'] }));
      expect(bob.tiles.won_deals).toBe(1);
      expect(bob.tiles.win_rate).toBeCloseTo(1 / 3, 12);
      expect(bob.tiles.new_bookings).toBe(0);
      expect(bob.tiles.avg_deal_size).toBeNull(); // no new-business win: not computable, not zero
      expect(bob.tiles.new_customers).toBe(0); // Acme's first win was Ann's
      const both = await queryNewBusiness(db, params(store, { owner: ['Ann', 'Bob'] }));
      expect(both.tiles.won_deals).toBe(3);
      // A name the file does not hold (a link made with other files) matches nothing, alone or beside one it holds.
      const nobody = await queryNewBusiness(db, params(store, { owner: ["O'Nobody"] }));
      expect([nobody.tiles.won_deals, nobody.tiles.lost_deals, nobody.tiles.new_bookings]).toEqual([0, 0, 0]);
      expect((await queryNewBusiness(db, params(store, { owner: ["O'Nobody", 'Ann'] }))).tiles.won_deals).toBe(2);
    });

    test('a filter on a field the file lacks is ignored, and said to be ignored', async () => {
      const p = params(store, { segment: ['Enterprise'], owner: ['Ann'] });
      const r = await queryNewBusiness(db, p);
      expect(r.tiles.won_deals).toBe(2); // Ann's wins; the segment filter does not apply
      expect(ignoredFilters(p, 'opportunities')).toEqual(['segment']);
    });

    test('monthly series has every month, with bookings, wins and win rate', async () => {
      const r = await queryNewBusiness(db, params(store));
      expect(r.series).toEqual([
        // Created-cohort variant, by created_at: Jan O2 won, O4 lost; Feb O3 won, O5 lost; Mar O6 open, O8 won (04-02, so far).
        { period: '2024-01-01', won_deals: 1, lost_deals: 0, win_rate: 1, new_bookings: 1000, new_customers: 1, created_deals: 2, won_of_created: 1, win_rate_created: 0.5 }, // Acme's first win
        { period: '2024-02-01', won_deals: 1, lost_deals: 0, win_rate: 1, new_bookings: 3000, new_customers: 1, created_deals: 2, won_of_created: 1, win_rate_created: 0.5 }, // Beta's
        { period: '2024-03-01', won_deals: 1, lost_deals: 2, win_rate: 1 / 3, new_bookings: 0, new_customers: 0, created_deals: 2, won_of_created: 1, win_rate_created: 0.5 }, // Acme again
      ]);
    });

    test('the created-cohort win rate per month follows the filters; a month with nothing created has none', async () => {
      const r = await queryNewBusiness(db, params(store, { owner: ['Ann'] }));
      // Ann created O2 in January (won) and O6 in March (still open); nothing in February. O1 was created in 2023.
      expect(r.series.map((p) => [p.period, p.created_deals, p.won_of_created, p.win_rate_created])).toEqual([
        ['2024-01-01', 1, 1, 1],
        ['2024-02-01', 0, 0, null],
        ['2024-03-01', 1, 0, 0],
      ]);
    });

    test('by any dimension, with win rate and deal size', async () => {
      const rows = await db.query(newBusinessBySql(params(store), 'owner'));
      expect(rows).toEqual([
        // Ann: O1 (45 days, Acme's first win), O2 (41 days, Beta's first win); median cycle 43; ARPA 4000 / 2.
        { key: 'Ann', new_bookings: 4000, won_deals: 2, lost_deals: 0, win_rate: 1, avg_deal_size: 2000, new_customers: 2, sales_cycle_days: 43, arpa: 2000 },
        // Bob: O3, an expansion of Acme (29 days): no new customer, so no ARPA.
        { key: 'Bob', new_bookings: 0, won_deals: 1, lost_deals: 2, win_rate: 1 / 3, avg_deal_size: null, new_customers: 0, sales_cycle_days: 29, arpa: null },
      ]);
    });

  });
}

describe('without account names', () => {
  test('new customers and bookings per customer are unknown, not zero; the other tiles stand', async () => {
    // The canonical fixture with its account_name column cut out.
    const text = readFileSync(`${FIXTURES}nb-canonical.csv`, 'utf8').trim().split('\n').map((line) => line.split(',').filter((_, i) => i !== 1).join(',')).join('\n');
    const { db, store } = await storeWith(csvFile('no-accounts.csv', text));
    const r = await queryNewBusiness(db, params(store));
    expect([r.tiles.won_deals, r.tiles.new_bookings, r.tiles.new_customers, r.tiles.bookings_arpa]).toEqual([3, 4000, null, null]);
  });
});

describe('the public Maven CRM opportunities file', () => {
  test('gives the published figures over its whole span', async () => {
    const { db, store } = await storeWith(fileFrom(`${PUBLIC_DATA}/maven-crm-opportunities/sales_pipeline.csv`));
    expect(store.files[0]).toMatchObject({ kind: 'opportunities', rows: 8800 });
    expect(await store.asOf()).toBe('2017-12-31');
    const r = await queryNewBusiness(db, { ...params(store), range: { from: '2016-01-01', to: '2017-12-31' } });
    expect(r.tiles.won_deals).toBe(4238);
    expect(r.tiles.lost_deals).toBe(2473);
    expect(r.tiles.win_rate).toBeCloseTo(0.6315, 4);
    expect(r.tiles.new_bookings).toBe(10005534);
  });
});
