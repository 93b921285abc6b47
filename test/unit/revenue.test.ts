// Existing business: MRR movements, NRR, GRR, logo churn and retention cohorts, on a hand-computed
// fixture, on the dbt Labs playbook data against its published rules re-derived in plain JS, and
// on RavenStack's overlapping subscriptions.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { sql } from '../../src/lib/db/sql';
import { accountMonthsSql, retentionCohortsSql, revenueSeriesSql, revenueTilesSql } from '../../src/lib/kpi/revenue';
import { fileFrom, paramsFor, PUBLIC_DATA, storeWith } from './helpers';

const DIR = new URL('../fixtures/kpi/', import.meta.url).pathname;

describe('a monthly MRR file (test/fixtures/kpi/mrr.csv), February-March 2024', () => {
  // Feb: A +50 expansion, B churns 200, C new 80, D churns 50. Mar: C -20 contraction, D reactivates at 70.
  // Opening (January): A 100, B 200, D 50, E 40 = 390. Closing (March): A 150, C 60, D 70, E 40 = 320.
  const range = { from: '2024-02-01', to: '2024-03-31' };
  test('tiles', async () => {
    const { db, store } = await storeWith(fileFrom(`${DIR}mrr.csv`));
    const [t] = await db.query(revenueTilesSql(paramsFor(store, { range, asOf: '2024-03-31' }), range));
    expect(t).toEqual({
      mrr_new: 80, mrr_expansion: 50, mrr_contraction: 20, mrr_churn: 250, mrr_reactivation: 70,
      opening_mrr: 390, closing_mrr: 320,
      retained_mrr: 260, // A 150 + B 0 + D 70 + E 40
      retained_capped_mrr: 190, // A 100 + B 0 + D 50 + E 40
      nrr: 260 / 390, grr: 190 / 390,
      opening_accounts: 4, churned_accounts: 1, logo_churn: 0.25, // B; D came back
      closing_accounts: 4, arpa: 80,
      net_new_arr: -840, // 12 x (80 + 70 + 50 - 20 - 250) = 12 x (320 - 390)
    });
  });

  test('monthly series', async () => {
    const { db, store } = await storeWith(fileFrom(`${DIR}mrr.csv`));
    const rows = await db.query(revenueSeriesSql(paramsFor(store, { range, asOf: '2024-03-31' })));
    expect(rows).toEqual([
      // Feb: opening Jan 390 (A 100, B 200, D 50, E 40); their Feb MRR A 150, E 40
      { period: '2024-02-01', mrr_new: 80, mrr_expansion: 50, mrr_contraction: 0, mrr_churn: 250, mrr_reactivation: 0, closing_mrr: 270, nrr: 190 / 390, grr: 140 / 390 },
      // Mar: opening Feb A 150, C 80, E 40 = 270; their Mar MRR A 150, C 60, E 40
      { period: '2024-03-01', mrr_new: 0, mrr_expansion: 0, mrr_contraction: 20, mrr_churn: 0, mrr_reactivation: 70, closing_mrr: 320, nrr: 250 / 270, grr: 250 / 270 },
    ]);
  });

  test('retention cohorts by first-revenue month', async () => {
    const { db, store } = await storeWith(fileFrom(`${DIR}mrr.csv`));
    const rows = await db.query(retentionCohortsSql(paramsFor(store, { range: { from: '2024-01-01', to: '2024-03-31' }, asOf: '2024-03-31' }), 2));
    expect(rows).toEqual([
      // January: A 100, B 200, D 50 start (350). Month 1: A 150 (B, D gone); month 2: A 150, D 70.
      { cohort: '2024-01-01', accounts: 3, starting_mrr: 350, age: 0, mrr_kept: 1, logos_kept: 1 },
      { cohort: '2024-01-01', accounts: 3, starting_mrr: 350, age: 1, mrr_kept: 150 / 350, logos_kept: 1 / 3 },
      { cohort: '2024-01-01', accounts: 3, starting_mrr: 350, age: 2, mrr_kept: 220 / 350, logos_kept: 2 / 3 },
      // February: C 80, then 60; month 2 is beyond the as-of date: empty
      { cohort: '2024-02-01', accounts: 1, starting_mrr: 80, age: 0, mrr_kept: 1, logos_kept: 1 },
      { cohort: '2024-02-01', accounts: 1, starting_mrr: 80, age: 1, mrr_kept: 0.75, logos_kept: 1 },
      { cohort: '2024-02-01', accounts: 1, starting_mrr: 80, age: 2, mrr_kept: null, logos_kept: null },
    ]);
  });
});

/** The dbt playbook's rules, re-derived in plain JS: a period counts for month M when start <= M < end. */
function playbookMovements(csv: string, lastMonth: string) {
  const rows = csv.trim().split('\n').slice(1).map((l) => {
    const [, customer, start, end, amount] = l.split(',');
    return { customer, start, end, amount: Number(amount) };
  });
  const addMonth = (m: string) => {
    const [y, mo] = m.split('-').map(Number);
    return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
  };
  const totals = new Map<string, Record<string, number>>();
  for (const customer of new Set(rows.map((r) => r.customer))) {
    const mine = rows.filter((r) => r.customer === customer);
    let m = mine.map((r) => r.start).sort()[0];
    let prev = 0;
    let seen = false;
    for (; m <= lastMonth; m = addMonth(m)) {
      const mrr = mine.filter((r) => r.start <= m && m < r.end).reduce((s, r) => s + r.amount, 0);
      const t = totals.get(m) ?? { new: 0, expansion: 0, contraction: 0, churn: 0, reactivation: 0 };
      if (!seen && mrr > 0) t.new += mrr;
      else if (seen && prev === 0 && mrr > 0) t.reactivation += mrr;
      else if (prev > 0 && mrr > prev) t.expansion += mrr - prev;
      else if (prev > 0 && mrr > 0 && mrr < prev) t.contraction += prev - mrr;
      else if (prev > 0 && mrr === 0) t.churn += prev;
      if (mrr > 0) seen = true;
      prev = mrr;
      totals.set(m, t);
    }
  }
  return totals;
}

describe('the dbt MRR playbook data', () => {
  test('every month\'s movements equal the playbook rules, and the as-of date ends the series', async () => {
    const path = `${PUBLIC_DATA}/dbt-mrr-playbook/subscription_periods.csv`;
    const { db, store } = await storeWith(fileFrom(path));
    const asOf = await store.asOf();
    expect(asOf).toBe('2020-01-31'); // last start 2020-01-01; periods ending 2020-02-01 are active through January
    const rows = await db.query(sql`SELECT strftime(month, '%Y-%m-%d') AS m, sum(new_mrr) AS new, sum(expansion_mrr) AS expansion,
        sum(contraction_mrr) AS contraction, sum(churn_mrr) AS churn, sum(reactivation_mrr) AS reactivation
      FROM (${accountMonthsSql(paramsFor(store, { asOf: asOf! }))}) GROUP BY 1 ORDER BY 1`);
    const expected = playbookMovements(readFileSync(path, 'utf8'), '2020-01-01');
    expect(rows.length).toBe(expected.size);
    for (const r of rows) expect(r).toEqual({ m: r.m, ...expected.get(r.m as string) });
    // Customers churn and come back in this data (SOURCE.txt): both movements occur.
    expect(rows.some((r) => (r.reactivation as number) > 0)).toBe(true);
    expect(rows.some((r) => (r.churn as number) > 0)).toBe(true);
  });
});

describe('RavenStack subscriptions', () => {
  test('overlapping subscriptions of an account add up', async () => {
    const path = `${PUBLIC_DATA}/ravenstack-saas/ravenstack_subscriptions.csv`;
    const { db, store } = await storeWith(fileFrom(path));
    const [row] = await db.query(sql`SELECT sum(mrr) AS mrr, count(*) AS accounts FROM (${accountMonthsSql(paramsFor(store, { asOf: '2024-12-31' }))})
      WHERE month = DATE '2024-12-01' AND mrr > 0`);
    // Independently: subscriptions active on 2024-12-31 (start <= that day < end, or no end), summed.
    const subs = readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const active = subs.filter(([, , start, end]) => start <= '2024-12-31' && (end === '' || end > '2024-12-31'));
    expect(row.mrr).toBe(active.reduce((s, r) => s + Number(r[6]), 0));
    expect(row.accounts).toBe(new Set(active.filter((r) => Number(r[6]) > 0).map((r) => r[1])).size);
  });
});
