// Actual vs target in buckets of the view's grain, hand-computed on test/fixtures/kpi/{people-opps,targets}.csv:
// won bookings Feb 2000, Mar 1500 + 1000, Apr 10 500 (expansion); a target of 1000 every month of 2024.
import { beforeAll, expect, test } from 'vitest';
import type { DataStore } from '../../src/lib/app/dataStore';
import type { DbClient } from '../../src/lib/db/client';
import { attainmentPeriodsSql } from '../../src/lib/kpi/attainment';
import type { Grain } from '../../src/lib/kpi/period';
import { fileFrom, paramsFor, storeWith } from './helpers';

const DIR = new URL('../fixtures/kpi/', import.meta.url).pathname;
let db: DbClient;
let store: DataStore;
const periods = (grain: Grain) => db.query(attainmentPeriodsSql(paramsFor(store, { asOf: '2024-04-10', grain }), 'bookings'));

beforeAll(async () => {
  ({ db, store } = await storeWith(fileFrom(`${DIR}people-opps.csv`), fileFrom(`${DIR}targets.csv`)));
});

test('by fiscal quarter: Q1 complete, Q2 so far (the as-of date is Apr 10), later quarters empty', async () => {
  expect(await periods('quarter')).toEqual([
    { period: '2024-01-01', actual: 4500, target: 3000, partial: false }, // 2000 + 1500 + 1000
    { period: '2024-04-01', actual: 500, target: 3000, partial: true },
    { period: '2024-07-01', actual: null, target: 3000, partial: false },
    { period: '2024-10-01', actual: null, target: 3000, partial: false },
  ]);
});

test('by month, and weeks fall back to months', async () => {
  const months = await periods('month');
  expect(months).toHaveLength(12);
  expect(months.slice(0, 5)).toEqual([
    { period: '2024-01-01', actual: 0, target: 1000, partial: false },
    { period: '2024-02-01', actual: 2000, target: 1000, partial: false },
    { period: '2024-03-01', actual: 2500, target: 1000, partial: false },
    { period: '2024-04-01', actual: 500, target: 1000, partial: true },
    { period: '2024-05-01', actual: null, target: 1000, partial: false },
  ]);
  expect(await periods('week')).toEqual(months);
});

test('by fiscal year: the last three, years without data or targets stay empty, not zero', async () => {
  expect(await periods('year')).toEqual([
    { period: '2022-01-01', actual: null, target: null, partial: false },
    { period: '2023-01-01', actual: null, target: null, partial: false },
    { period: '2024-01-01', actual: 5000, target: 12000, partial: true },
  ]);
});

test('an April fiscal year by quarter', async () => {
  const rows = await db.query(attainmentPeriodsSql(paramsFor(store, { asOf: '2024-04-10', grain: 'quarter', fyStart: 4 }), 'bookings'));
  // FY from 2024-04-01: Q1 Apr-Jun holds the as-of date; only the Apr 10 booking counts.
  expect(rows.map((r) => [r.period, r.actual, r.target])).toEqual([
    ['2024-04-01', 500, 3000], ['2024-07-01', null, 3000], ['2024-10-01', null, 3000], ['2025-01-01', null, null],
  ]);
});
