// Calendar arithmetic, and grain buckets computed in SQL agreeing with an independent JS route.
import { describe, expect, test } from 'vitest';
import { testDb } from './helpers';
import { ident, join, sql } from '../../src/lib/db/sql';
import {
  addMonths, bucketSeriesSql, bucketsOf, bucketSql, bucketStart, fiscalYearLabel, fiscalYearStart, fiscalYearToDate, isIsoDate,
  previousRange, sameRangeLastYear, GRAINS, presetRange,
} from '../../src/lib/kpi/period';

describe('dates', () => {
  test('fiscal year start and label', () => {
    expect(fiscalYearStart('2024-03-15', 1)).toBe('2024-01-01');
    expect(fiscalYearStart('2024-03-15', 4)).toBe('2023-04-01');
    expect(fiscalYearStart('2024-04-01', 4)).toBe('2024-04-01');
    expect(fiscalYearLabel('2024-03-15', 2)).toBe(2025); // Feb 2024 - Jan 2025 is FY2025
    expect(fiscalYearLabel('2024-03-15', 1)).toBe(2024);
    expect(fiscalYearToDate('2017-12-31', 1)).toEqual({ from: '2017-01-01', to: '2017-12-31' });
  });

  test('previous period has the same number of days and ends the day before', () => {
    expect(previousRange({ from: '2024-03-01', to: '2024-03-31' })).toEqual({ from: '2024-01-30', to: '2024-02-29' });
    expect(previousRange({ from: '2017-01-01', to: '2017-12-31' })).toEqual({ from: '2016-01-02', to: '2016-12-31' }); // 365 days; 2016 had 366
    expect(sameRangeLastYear({ from: '2024-02-29', to: '2024-03-31' })).toEqual({ from: '2023-02-28', to: '2023-03-31' });
  });

  test('month arithmetic clamps to the month end; ISO validation rejects impossible days', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
});

describe('grain buckets', () => {
  const dates = ['2023-01-01', '2023-03-31', '2023-04-01', '2023-12-31', '2024-01-01', '2024-02-29', '2024-06-30', '2024-07-01', '2024-10-15', '2025-01-05'];

  test('SQL buckets equal the JS buckets for every grain and fiscal start', async () => {
    const db = await testDb();
    for (const grain of GRAINS) {
      for (const fy of [1, 2, 4, 7, 10, 12]) {
        const cols = dates.map((d, i) => sql`strftime(${bucketSql(grain, sql`CAST(${d} AS DATE)`, fy)}, '%Y-%m-%d') AS ${ident(`b${i}`)}`);
        const [row] = await db.query(sql`SELECT ${join(cols)}`);
        dates.forEach((d, i) => expect([grain, fy, d, row[`b${i}`]]).toEqual([grain, fy, d, bucketStart(grain, d, fy)]));
      }
    }
  });

  test('weeks start on Monday', () => {
    expect(bucketStart('week', '2024-01-07', 1)).toBe('2024-01-01'); // Sunday -> Monday before
    expect(bucketStart('week', '2024-01-01', 1)).toBe('2024-01-01'); // a Monday
  });

  test('fiscal quarters follow the fiscal start', () => {
    expect(bucketStart('quarter', '2024-01-15', 2)).toBe('2023-11-01'); // Nov-Jan is Q4 of a February year
    expect(bucketStart('quarter', '2024-02-01', 2)).toBe('2024-02-01');
    expect(bucketStart('year', '2024-03-31', 4)).toBe('2023-04-01');
  });

  test('the bucket series covers the range, one row per bucket', async () => {
    const db = await testDb();
    const rows = await db.query(sql`SELECT strftime(bucket, '%Y-%m-%d') AS b FROM (${bucketSeriesSql('quarter', { from: '2024-02-10', to: '2024-09-01' }, 1)})`);
    expect(rows.map((r) => r.b)).toEqual(['2024-01-01', '2024-04-01', '2024-07-01']);
  });
});

describe('range presets, relative to the as-of date', () => {
  test.each([
    ['thisMonth', 1, { from: '2024-05-01', to: '2024-05-15' }],
    ['lastMonth', 1, { from: '2024-04-01', to: '2024-04-30' }],
    ['thisQuarter', 1, { from: '2024-04-01', to: '2024-05-15' }],
    ['lastQuarter', 1, { from: '2024-01-01', to: '2024-03-31' }],
    ['fiscalYtd', 1, { from: '2024-01-01', to: '2024-05-15' }],
    ['lastFiscalYear', 1, { from: '2023-01-01', to: '2023-12-31' }],
    ['trailing12', 1, { from: '2023-05-16', to: '2024-05-15' }],
    ['thisQuarter', 2, { from: '2024-05-01', to: '2024-05-15' }], // Feb-start quarters: May-Jul
    ['lastFiscalYear', 4, { from: '2023-04-01', to: '2024-03-31' }],
  ] as const)('%s (fiscal start %i)', (preset, fy, expected) => {
    expect(presetRange(preset, '2024-05-15', fy)).toEqual(expected);
  });
});

describe('bucketsOf', () => {
  test('weeks from Monday, cut to the range at both ends', () => {
    // 2024-12-25 is a Wednesday: its week starts Monday 2024-12-23; 2025-01-08 is the next Wednesday but one.
    expect(bucketsOf('week', { from: '2024-12-25', to: '2025-01-08' }, 1)).toEqual([
      { from: '2024-12-25', to: '2024-12-29' },
      { from: '2024-12-30', to: '2025-01-05' },
      { from: '2025-01-06', to: '2025-01-08' },
    ]);
  });
  test('fiscal quarters from April', () => {
    expect(bucketsOf('quarter', { from: '2024-05-15', to: '2024-12-31' }, 4)).toEqual([
      { from: '2024-05-15', to: '2024-06-30' },
      { from: '2024-07-01', to: '2024-09-30' },
      { from: '2024-10-01', to: '2024-12-31' },
    ]);
  });
});
