// Range edges: inclusive dates, weeks starting Monday across a year boundary, fiscal years starting
// in April.
import { describe, expect, test } from 'vitest';
import { newBusinessSeriesSql, newBusinessTilesSql } from '../../src/lib/kpi/newBusiness';
import { fiscalYearToDate } from '../../src/lib/kpi/period';
import { csvFile, paramsFor, storeWith } from './helpers';

const deals = `opportunity_id,created_at,stage,amount,close_date
A,2024-06-01,Closed Won,10,2024-06-30
B,2024-06-01,Closed Won,20,2024-07-01
C,2024-12-01,Closed Won,30,2024-12-30
D,2024-12-01,Closed Won,40,2025-01-03
E,2024-12-01,Closed Won,50,2025-01-06
F,2024-12-01,Closed Won,60,2025-03-31
`;

describe('range edges', () => {
  test('both ends of a range are inclusive', async () => {
    const { db, store } = await storeWith(csvFile('d.csv', deals));
    const [t] = await db.query(newBusinessTilesSql(paramsFor(store), { from: '2024-06-30', to: '2024-07-01' }));
    expect(t.won_deals).toBe(2); // A on the first day, B on the last
  });

  test('weeks start on Monday, also across a year boundary', async () => {
    const { db, store } = await storeWith(csvFile('d.csv', deals));
    const rows = await db.query(newBusinessSeriesSql(paramsFor(store, { grain: 'week', range: { from: '2024-12-25', to: '2025-01-10' } })));
    // Weeks of Mon 2024-12-23, Mon 2024-12-30 (C on Mon 12-30, D on Fri 01-03), Mon 2025-01-06 (E).
    expect(rows.map((r) => [r.period, r.won_deals])).toEqual([['2024-12-23', 0], ['2024-12-30', 2], ['2025-01-06', 1]]);
  });

  test('a fiscal year starting in April: quarters and the default range', async () => {
    const { db, store } = await storeWith(csvFile('d.csv', deals));
    const rows = await db.query(newBusinessSeriesSql(paramsFor(store, { grain: 'quarter', fyStart: 4, range: { from: '2024-04-01', to: '2025-03-31' } })));
    // FY Q1 Apr-Jun: A; Q2 Jul-Sep: B; Q3 Oct-Dec: C; Q4 Jan-Mar: D, E, F.
    expect(rows.map((r) => [r.period, r.won_deals])).toEqual([['2024-04-01', 1], ['2024-07-01', 1], ['2024-10-01', 1], ['2025-01-01', 3]]);
    expect(fiscalYearToDate('2025-02-15', 4)).toEqual({ from: '2024-04-01', to: '2025-02-15' });
    const years = await db.query(newBusinessSeriesSql(paramsFor(store, { grain: 'year', fyStart: 4, range: { from: '2024-04-01', to: '2025-03-31' } })));
    expect(years.map((r) => [r.period, r.won_deals, r.new_bookings])).toEqual([['2024-04-01', 6, 210]]);
  });
});
