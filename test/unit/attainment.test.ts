// Attainment, forecast and gap, rep attainment and SDR ROI, product launch: hand-computed on
// test/fixtures/kpi/{people-opps,reps,targets}.csv (as-of date 2024-04-10, the last close).
import { beforeAll, describe, expect, test } from 'vitest';
import type { DataStore } from '../../src/lib/app/dataStore';
import type { DbClient } from '../../src/lib/db/client';
import { sql } from '../../src/lib/db/sql';
import { attainmentSeriesSql, attainmentSql, fiscalYearMonthsSql, forecastInputsSql, netNewSql, rangeTargetsSql, recentMonths, targetSql, type ForecastInputs } from '../../src/lib/kpi/attainment';
import { forecast, forecastAtRate, planGap } from '../../src/lib/kpi/forecast';
import { productLaunchesSql, productNetNewSql } from '../../src/lib/kpi/launch';
import { monthsToMultiple, repAttainmentSql, repSummarySeriesSql, repSummarySql, sdrCurveSql, sdrRoiSql, sdrTotalSql, type SdrCurvePoint } from '../../src/lib/kpi/people';
import { csvFile, fileFrom, paramsFor, storeWith } from './helpers';

const DIR = new URL('../fixtures/kpi/', import.meta.url).pathname;
const Q1 = { from: '2024-01-01', to: '2024-03-31' };
let db: DbClient;
let store: DataStore;
const one = async (q: ReturnType<typeof sql>) => (await db.query(q))[0];

beforeAll(async () => {
  ({ db, store } = await storeWith(fileFrom(`${DIR}people-opps.csv`), fileFrom(`${DIR}reps.csv`), fileFrom(`${DIR}targets.csv`)));
  expect(await store.asOf()).toBe('2024-04-10');
});

describe('targets and attainment', () => {
  test('targets sum over whole periods and prorate cut ones by days', async () => {
    const p = paramsFor(store);
    expect((await one(targetSql(p, Q1))).target).toBe(3000);
    // Jan 16-31 is 16 of 31 days; Feb 1-15 is 15 of 29 days.
    expect((await one(targetSql(p, { from: '2024-01-16', to: '2024-02-15' }))).target as number).toBeCloseTo(1000 * 16 / 31 + 1000 * 15 / 29, 9);
  });

  test('a quarterly targets file', async () => {
    const s = await storeWith(csvFile('t.csv', 'quarter,target\n2024-Q1,3000\n2024-Q2,6000\n'));
    const p = paramsFor(s.store);
    // Feb 1 - Apr 30: 60 of Q1's 91 days, 30 of Q2's 91 days.
    expect((await s.db.query(targetSql(p, { from: '2024-02-01', to: '2024-04-30' })))[0].target as number).toBeCloseTo(3000 * 60 / 91 + 6000 * 30 / 91, 9);
  });

  test('Chinese period labels: 2024年一季度, 2024年Q2 and months written 2024年7月', async () => {
    const q = await storeWith(csvFile('t.csv', '季度,目标\n2024年一季度,3000\n2024年Q2,6000\n'));
    // Feb 1 - Apr 30: 60 of Q1's 91 days, 30 of Q2's 91 days (as for "2024-Q1" above).
    expect((await q.db.query(targetSql(paramsFor(q.store), { from: '2024-02-01', to: '2024-04-30' })))[0].target as number).toBeCloseTo(3000 * 60 / 91 + 6000 * 30 / 91, 9);
    const m = await storeWith(csvFile('m.csv', '月份,目标\n2024年7月,3100\n2024年8月,6200\n'));
    expect(m.store.files[0].dateFormats['月份']).toBe('%Y年%m月');
    // Jul 16 - Aug 15: 16 of July's 31 days (1600) and 15 of August's 31 days (3000).
    expect((await m.db.query(targetSql(paramsFor(m.store), { from: '2024-07-16', to: '2024-08-15' })))[0].target as number).toBeCloseTo(1600 + 3000, 9);
  });

  test('quarters as 2024年第1季度 and 2024年3季度; two-digit fiscal years FY99 and FY05', async () => {
    const q = await storeWith(csvFile('t.csv', '季度,目标\n2024年第1季度,3000\n2024年3季度,9200\n'));
    // Jul 1 - Jul 31: 31 of Q3's 92 days = 9200 * 31 / 92 = 3100; Q1 not in range.
    expect((await q.db.query(targetSql(paramsFor(q.store), { from: '2024-07-01', to: '2024-07-31' })))[0].target as number).toBeCloseTo(3100, 9);
    const y = await storeWith(csvFile('y.csv', 'fiscal_year,target\nFY99,36500\nFY05,73000\n'));
    // FY99 is 1999 (365 days): January is 3100; FY05 is 2005: January is 73000 * 31 / 365 = 6200.
    expect((await y.db.query(targetSql(paramsFor(y.store), { from: '1999-01-01', to: '1999-01-31' })))[0].target as number).toBeCloseTo(3100, 9);
    expect((await y.db.query(targetSql(paramsFor(y.store), { from: '2005-01-01', to: '2005-01-31' })))[0].target as number).toBeCloseTo(6200, 9);
  });

  test('a targets file by fiscal year written as a year alone ("FY2024", "FY 2025"): calendar years, prorated by days', async () => {
    const s = await storeWith(csvFile('t.csv', 'fiscal_year,target\nFY2024,36600\nFY 2025,73000\n'));
    const p = paramsFor(s.store);
    const target = async (range: { from: string; to: string }) => (await s.db.query(targetSql(p, range)))[0].target as number;
    // Q1 2024 is 91 of 2024's 366 days: 36600 * 91 / 366 = 9100.
    expect(await target(Q1)).toBeCloseTo(9100, 9);
    // Jul 2024 - Jun 2025: 184 of 2024's 366 days (18400) and 181 of 2025's 365 days (36200).
    expect(await target({ from: '2024-07-01', to: '2025-06-30' })).toBeCloseTo(18400 + 36200, 9);
  });

  test('bookings-based net new revenue and attainment', async () => {
    const p = paramsFor(store);
    const nn = (await one(netNewSql(p, "bookings", Q1))).net_new as number;
    expect(nn).toBe(4500); // P1 2000 + P2 1500 + P3 1000
    // The tiles' query: net new, target (1000 a month) and their ratio together.
    expect(await one(attainmentSql(p, 'bookings', Q1))).toEqual({ net_new: 4500, target: 3000, target_attainment: 1.5 });
  });

  test('the fiscal year month by month', async () => {
    const rows = await db.query(fiscalYearMonthsSql(paramsFor(store, { asOf: '2024-04-10' }), 'bookings'));
    expect(rows.slice(0, 5)).toEqual([
      { month: '2024-01-01', actual: 0, target: 1000 },
      { month: '2024-02-01', actual: 2000, target: 1000 },
      { month: '2024-03-01', actual: 2500, target: 1000 },
      { month: '2024-04-01', actual: 500, target: 1000 },
      { month: '2024-05-01', actual: null, target: 1000 }, // after the as-of date
    ]);
    expect(rows).toHaveLength(12);
  });
});

describe('revenue-based net new (test/fixtures/kpi/mrr.csv)', () => {
  // Monthly movements x 12: December E new 40; January A 100, B 200, D 50 new (+350); February
  // A +50, C new 80, B -200, D -50 (-120); March C -20, D back at 70 (+50).
  test('net new for a range, the fiscal year month by month, and the forecast inputs', async () => {
    const s = await storeWith(fileFrom(`${DIR}mrr.csv`));
    const p = paramsFor(s.store, { asOf: '2024-03-31' });
    expect((await s.db.query(netNewSql(p, 'revenue', { from: '2024-02-01', to: '2024-03-31' })))[0].net_new).toBe(12 * (-120 + 50));
    const months = await s.db.query(fiscalYearMonthsSql(p, 'revenue'));
    expect(months.slice(0, 4)).toEqual([
      { month: '2024-01-01', actual: 12 * 350, target: null },
      { month: '2024-02-01', actual: 12 * -120, target: null },
      { month: '2024-03-01', actual: 12 * 50, target: null },
      { month: '2024-04-01', actual: null, target: null },
    ]);
    const i = (await s.db.query(forecastInputsSql(p, 'revenue')))[0];
    expect(i).toMatchObject({
      ytd_actual: 12 * (350 - 120 + 50), recent_actual: 12 * (350 - 120 + 50), recent_days: 91, remaining_days: 275,
      weighted_pipeline: 0, open_pipeline: 0, fy_target: null, weighting: 'win_rate',
    });
  });
});

describe('the stage-weighted forecast from historical stage-to-win rates (test/fixtures/kpi/{opps,history}.csv)', () => {
  test('each open deal weighted by the win rate of closed deals that got as far as its stage', async () => {
    const s = await storeWith(fileFrom(`${DIR}opps.csv`), fileFrom(`${DIR}history.csv`));
    const i = (await s.db.query(forecastInputsSql(paramsFor(s.store, { asOf: '2024-02-20' }), 'bookings')))[0];
    // Closed by 2024-02-20: O1 and O7 won (past every stage), O2 lost after Qualification (2), O6 lost at once (1).
    // Stage rates: Prospecting 2/4, Qualification 2/3, Proposal and Negotiation 2/2.
    // Open, closing by the year end: O3 Prospecting 300, O4 Negotiation/Review 800, O5 Qualification 200.
    expect(i.weighting).toBe('history');
    expect(i.open_pipeline).toBe(1300);
    expect(i.weighted_pipeline as number).toBeCloseTo(300 * 0.5 + 800 * 1 + 200 * (2 / 3), 9);
  });
});

describe('per grain bucket (the overview sparklines)', () => {
  test('net new, target and attainment by month, the last month cut by the range', async () => {
    const rows = await db.query(attainmentSeriesSql(paramsFor(store, { range: { from: '2024-01-01', to: '2024-04-10' } }), 'bookings'));
    expect(rows).toEqual([
      { period: '2024-01-01', net_new: 0, target: 1000, target_attainment: 0 },
      { period: '2024-02-01', net_new: 2000, target: 1000, target_attainment: 2 }, // P1
      { period: '2024-03-01', net_new: 2500, target: 1000, target_attainment: 2.5 }, // P2 + P3
      { period: '2024-04-01', net_new: 500, target: (1000 * 10) / 30, target_attainment: 500 / ((1000 * 10) / 30) }, // P5; 10 of April's 30 days
    ]);
  });

  test('team attainment by month: quotas prorated to each month, bookings by close date', async () => {
    const rows = await db.query(repSummarySeriesSql(paramsFor(store, { range: Q1 })));
    const annQ = (days: number) => (3000 * days) / 91; // Ann's Q1 quota, by days of the 91
    const bobQ = (days: number) => (1500 * days) / 91;
    expect(rows.map((r) => r.period)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    // January: no wins. February: Ann P1 2000, Bob nothing. March: Ann P2 1500, Bob P3 1000.
    expect(rows[0]).toMatchObject({ rep_attainment: 0, reps_at_quota_pct: 0, median_attainment: 0 });
    expect(rows[1].rep_attainment as number).toBeCloseTo(2000 / (annQ(29) + bobQ(29)), 12);
    expect(rows[1].reps_at_quota_pct).toBe(0.5);
    expect(rows[1].median_attainment as number).toBeCloseTo((2000 / annQ(29) + 0) / 2, 12);
    expect(rows[2].rep_attainment as number).toBeCloseTo(2500 / (annQ(31) + bobQ(31)), 12);
    expect(rows[2].reps_at_quota_pct).toBe(1);
    expect(rows[2].median_attainment as number).toBeCloseTo((1500 / annQ(31) + 1000 / bobQ(31)) / 2, 12);
  });
});

describe('forecast and gap', () => {
  test('inputs', async () => {
    const i = (await one(forecastInputsSql(paramsFor(store, { asOf: '2024-04-10' }), 'bookings'))) as unknown as ForecastInputs;
    expect(recentMonths('2024-04-10')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(recentMonths('2024-03-31')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(i).toEqual({
      ytd_actual: 5000, // 4500 in Q1 + P5 500
      recent_actual: 4500, recent_days: 91, // January - March
      remaining_days: 265, // Apr 11 - Dec 31
      weighted_pipeline: 2400, open_pipeline: 4000, weighting: 'probability', // P6 4000 x 60% (no stage history)
      fy_target: 12000,
      win_rate: 0.8, // won P1 P2 P3 P5 of closed P1-P5
      avg_deal_size: 1500, // new business wins P1 P2 P3: 4500 / 3
      lead_to_opportunity: null, // no leads file
    });
    const f = forecast(i);
    expect(f.runRate).toBeCloseTo(5000 + (4500 / 91) * 265, 9);
    expect(f.pipeline).toBe(7400);
    expect(f.gap).toBeCloseTo(12000 - f.runRate, 9);
  });

  test('seen from an earlier as-of date: deals created later did not exist, deals closed later were open', async () => {
    const s = await storeWith(csvFile('asof.csv', [
      'opportunity_id,owner,stage,amount,created_at,close_date,type',
      'A1,Ann,Closed Won,1000,2024-01-05,2024-02-01,New', // won in the year
      'A2,Ann,Closed Lost,500,2024-01-10,2024-02-10,New', // lost in the year
      'A3,Ann,Closed Won,700,2024-03-15,2024-02-20,New', // closed "before" it was created, after the as-of date: not there yet
      'A4,Ann,Closed Won,300,2024-01-20,,New', // won, no close date: closed, outside every dated window
      'A5,Ann,Prospecting,2000,2024-02-01,2024-06-30,New', // open, closing this fiscal year
      'A6,Ann,Closed Won,900,2024-02-05,2024-05-01,New', // won after the as-of date: open then
      'A7,Ann,Closed Lost,400,2024-04-01,2024-04-15,New', // created after the as-of date
    ].join('\n')));
    // Read from the day totals (no filter) and from the opportunities (a filter that keeps every deal).
    for (const filters of [{}, { owner: ['Ann'] }]) {
      const i = (await s.db.query(forecastInputsSql(paramsFor(s.store, { asOf: '2024-03-01', filters }), 'bookings')))[0];
      expect(i).toEqual({
        ytd_actual: 1700, // A1 + A3 by close date (net new does not look at the created date)
        recent_actual: 1700, recent_days: 91, // December - February
        remaining_days: 305, // Mar 2 - Dec 31 (2024 is a leap year)
        // Closed by then: A1, A4 won, A2 lost: 2 / 3 overall, the weight of A5 (no probability, no history) and A6 (closed later).
        weighted_pipeline: expect.closeTo((2000 + 900) * (2 / 3), 9), open_pipeline: 2900, weighting: 'win_rate',
        fy_target: null,
        win_rate: 0.5, // closed in the twelve months to 2024-03-01: A1 won, A2 lost
        avg_deal_size: 1000, // A1
        lead_to_opportunity: null,
      });
    }
  });

  test('what closes a gap', () => {
    expect(planGap(3000, { winRate: 0.8, avgDealSize: 1500, leadToOpportunity: 0.1 })).toEqual({
      pipelineNeeded: 3750, // 3000 / 0.8
      opportunitiesNeeded: 3, // 3000 / (0.8 x 1500) = 2.5, rounded up
      leadsNeeded: 30, // 3 / 0.1
    });
    expect(planGap(-10, { winRate: 0.8, avgDealSize: 1500, leadToOpportunity: 0.1 })).toEqual({ pipelineNeeded: 0, opportunitiesNeeded: 0, leadsNeeded: 0 });
    expect(planGap(3000, { winRate: 0.8, avgDealSize: 1500, leadToOpportunity: null }).leadsNeeded).toBeNull();
  });

  test('the gap moves with the win rate the user tries', async () => {
    const i = (await one(forecastInputsSql(paramsFor(store, { asOf: '2024-04-10' }), 'bookings'))) as unknown as ForecastInputs;
    // Year to date 5000, open pipeline closing this year 4000 (P6), fiscal year target 12000.
    expect(forecastAtRate(i, 0.5)).toEqual({ yearEnd: 7000, gap: 5000 });
    expect(forecastAtRate(i, 1)).toEqual({ yearEnd: 9000, gap: 3000 });
    expect(forecastAtRate(i, null)).toBeNull();
  });

  test('lead to stage 1 for the planner: of the twelve months\' leads, the share that became an opportunity', async () => {
    const leads = csvFile('leads.csv', [
      'lead_id,created_at,converted_at,opportunity_id',
      'L1,2024-01-10,2024-01-20,', // converted
      'L2,2024-02-10,,P2', // linked to an opportunity
      'L3,2024-03-10,,',
      'L4,2024-03-20,,',
      'L5,2023-03-01,2023-03-05,', // created more than twelve months before the as-of date
    ].join('\n'));
    const s = await storeWith(fileFrom(`${DIR}people-opps.csv`), leads);
    const i = (await s.db.query(forecastInputsSql(paramsFor(s.store, { asOf: '2024-04-10' }), 'bookings')))[0];
    expect(i.lead_to_opportunity).toBe(0.5); // 2 of L1-L4
  });
});

describe('people', () => {
  test('rep attainment for Q1', async () => {
    const rows = await db.query(repAttainmentSql(paramsFor(store), Q1));
    expect(rows).toEqual([
      { rep: 'Ann', team: 'East', role: 'AE', start_date: '2022-01-01', quota: 3000, bookings: 3500, won_deals: 2, attainment: 3500 / 3000,
        ote: 120000, ote_in_range: 120000 * 91 / 365, bookings_per_ote: 3500 / (120000 * 91 / 365), ramped: true },
      // Bob started 2024-01-15: not ramped 90 days before the range starts
      { rep: 'Bob', team: 'West', role: 'AE', start_date: '2024-01-15', quota: 1500, bookings: 1000, won_deals: 1, attainment: 1000 / 1500,
        ote: 100000, ote_in_range: 100000 * 91 / 365, bookings_per_ote: 1000 / (100000 * 91 / 365), ramped: false },
    ]);
    // At quota: Ann, 1 of 2; median attainment (1.1667 + 0.6667) / 2
  });

  test('yearly quotas written "2024", "FY24" and "FY 2024": a quota for the calendar year, prorated to Q1', async () => {
    const reps = csvFile('quotas.csv', 'rep,period,quota\nAnn,FY24,36600\nBob,FY 2024,18300\nCem,2024,36600\n');
    const s = await storeWith(fileFrom(`${DIR}people-opps.csv`), reps);
    const rows = await s.db.query(repAttainmentSql(paramsFor(s.store), Q1));
    // Q1 is 91 of 2024's 366 days: Ann's quota 36600 * 91 / 366 = 9100, Bob's 4550, Cem's 9100.
    // Won in Q1: Ann P1 2000 + P2 1500 = 3500; Bob P3 1000; Cem nothing.
    expect(rows.map((r) => [r.rep, r.quota, r.bookings])).toEqual([['Ann', 9100, 3500], ['Bob', 4550, 1000], ['Cem', 9100, 0]]);
    expect(rows.map((r) => r.attainment as number)).toEqual([3500 / 9100, 1000 / 4550, 0].map((x) => expect.closeTo(x, 12)));
  });

  test('the team figures for Q1: attainment, share at quota, median, ramped reps, bookings per OTE', async () => {
    const s = await one(repSummarySql(paramsFor(store), Q1));
    const ote = (120000 + 100000) * 91 / 365; // Ann's and Bob's OTE for the 91 days of Q1
    expect(s.rep_attainment).toBe(1); // (3500 + 1000) / (3000 + 1500); the SDRs have no quota
    expect([s.at_quota, s.with_quota, s.reps_at_quota_pct]).toEqual([1, 2, 0.5]); // Ann only
    expect(s.median_attainment as number).toBeCloseTo((3500 / 3000 + 1000 / 1500) / 2, 12);
    expect([s.ramped, s.bookings_per_ramped_rep]).toEqual([1, 3500]); // Bob started 2024-01-15
    expect(s.bookings_per_ote as number).toBeCloseTo(4500 / ote, 12);
    // A range in which nobody has a quota: no team figures, not zeros.
    const none = await one(repSummarySql(paramsFor(store), { from: '2023-01-01', to: '2023-03-31' }));
    expect([none.rep_attainment, none.reps_at_quota_pct, none.median_attainment, none.with_quota]).toEqual([null, null, null, 0]);
  });

  test('all SDRs together over Q1: sourced bookings over their cost', async () => {
    const s = await one(sdrTotalSql(paramsFor(store), Q1));
    expect(s.bookings).toBe(4500); // Sam 3000 + Tia 1500
    expect(s.sdr_roi as number).toBeCloseTo(4500 / (2 * 73000 * 91 / 365), 12);
  });

  test('a quota period cut by the range is prorated by days', async () => {
    const rows = await db.query(repAttainmentSql(paramsFor(store), { from: '2024-02-01', to: '2024-04-30' }));
    const ann = rows.find((r) => r.rep === 'Ann')!;
    expect(ann.quota as number).toBeCloseTo(3000 * 60 / 91 + 3000 * 30 / 91, 9);
    expect(ann.bookings).toBe(4000); // P1, P2, P5
  });

  test('SDR ROI over Q1: sourced bookings / cost (else OTE) for the days in the window', async () => {
    const rows = await db.query(sdrRoiSql(paramsFor(store), Q1));
    expect(rows).toEqual([
      { sdr: 'Sam', start_date: '2023-07-01', sourced_bookings: 3000, sourced_won: 2, cost_in_window: 73000 * 91 / 365, sdr_roi: 3000 / (73000 * 91 / 365) },
      { sdr: 'Tia', start_date: '2024-01-01', sourced_bookings: 1500, sourced_won: 1, cost_in_window: 73000 * 91 / 365, sdr_roi: 1500 / (73000 * 91 / 365) },
    ]);
  });

  test('months from an SDR\'s start (or the data\'s) to a multiple of their cost', async () => {
    const curve = (await db.query(sdrCurveSql(paramsFor(store, { asOf: '2024-04-10' })))) as unknown as SdrCurvePoint[];
    const sam = curve.filter((c) => c.sdr === 'Sam');
    // Sam started 2023-07-01, before the data begins (2024-01-05, the first opportunity): months count
    // from there. Months 0-3 start by 2024-04-10.
    expect(sam.map((c) => c.month)).toEqual([0, 1, 2, 3]);
    // Month 1 ends before 2024-03-05: P1 2000 against 2 months of cost; month 2 adds P3 (closed 03-05).
    expect(sam[0].bookings).toBe(0);
    expect(sam[1].bookings).toBe(2000);
    expect(sam[2].multiple).toBeCloseTo(3000 / (73000 / 12 * 3), 12);
    expect(monthsToMultiple(curve, 'Sam', 0.15)).toBe(2); // 2000 / 12166.67 = 0.164 in the second month
    expect(monthsToMultiple(curve, 'Sam', 4)).toBeNull();
    // Reaching the default 4x: the first month whose cumulative multiple is at least 4, counted from 1.
    const rising = [1.5, 3.9, 4, 6].map((multiple, month) => ({ sdr: 'Uma', month, bookings: 0, cost: 1, multiple }));
    expect(monthsToMultiple(rising, 'Uma', 4)).toBe(3);
  });
});

describe('a product launch', () => {
  test('net new of the most recent product since its first activity', async () => {
    const p = paramsFor(store);
    const launches = await db.query(productLaunchesSql('bookings'));
    expect(launches).toEqual([{ product: 'Add-on', launch: '2024-03-01' }, { product: 'Core', launch: '2024-01-05' }]);
    const r = await one(productNetNewSql(p, 'bookings', { product: 'Add-on', launch: '2024-03-01' }));
    expect(r).toEqual({ product_net_new: 500, target: null }); // P5; the targets file has no product column
  });

  test('against a product target, and from revenue when the revenue file names products', async () => {
    const targets = csvFile('t.csv', 'month,target,product\n2024-03-01,1000,Add-on\n2024-04-01,1000,Add-on\n2024-03-01,9000,Core\n');
    const s = await storeWith(fileFrom(`${DIR}people-opps.csv`), targets);
    const r = (await s.db.query(productNetNewSql(paramsFor(s.store, { asOf: '2024-04-10' }), 'bookings', { product: 'Add-on', launch: '2024-03-01' })))[0];
    // P5 500 against March's 1000 and 10 of April's 30 days of 1000.
    expect(r.product_net_new).toBe(500);
    expect(r.target as number).toBeCloseTo(1000 + (1000 * 10) / 30, 9);

    const revenue = csvFile('mrr.csv', 'account_id,month,mrr,product\nX,2024-01,100,Core\nY,2024-03,50,Add-on\nY,2024-04,80,Add-on\n');
    const rv = await storeWith(revenue);
    expect(await rv.db.query(productLaunchesSql('revenue'))).toEqual([{ product: 'Add-on', launch: '2024-03-01' }, { product: 'Core', launch: '2024-01-01' }]);
    const a = (await rv.db.query(productNetNewSql(paramsFor(rv.store, { asOf: '2024-04-30' }), 'revenue', { product: 'Add-on', launch: '2024-03-01' })))[0];
    expect(a.product_net_new).toBe(12 * (50 + 30)); // Y new at 50 in March, +30 in April, as ARR
  });
});

describe('targets without a targets file', () => {
  test('every range has a null target, as the join over the empty targets table gives', async () => {
    const { db, store } = await storeWith(csvFile('o.csv', 'opportunity_id,stage,amount,created_at,close_date\nA,Closed Won,100,2024-01-05,2024-02-01\n'));
    const p = paramsFor(store);
    expect(p.fields.targets?.has('target')).toBe(false);
    const ranges = [{ from: '2024-01-01', to: '2024-01-31' }, { from: '2024-02-01', to: '2024-03-31' }, { from: '2023-01-01', to: '2023-12-31' }];
    // The general query, as if a targets file had been loaded: its table is empty.
    const asIfLoaded = { ...p, fields: { ...p.fields, targets: new Set(['period', 'target']) } };
    const order = (q: ReturnType<typeof rangeTargetsSql>) => sql`SELECT strftime(b_from, '%Y-%m-%d') AS b_from, strftime(b_to, '%Y-%m-%d') AS b_to, target FROM (${q}) ORDER BY b_from`;
    const without = await db.query(order(rangeTargetsSql(p, ranges)));
    expect(without).toEqual([
      { b_from: '2023-01-01', b_to: '2023-12-31', target: null },
      { b_from: '2024-01-01', b_to: '2024-01-31', target: null },
      { b_from: '2024-02-01', b_to: '2024-03-31', target: null },
    ]);
    expect(await db.query(order(rangeTargetsSql(asIfLoaded, ranges)))).toEqual(without);
    // The tiles that read it: net new 100 in February, no target, no attainment.
    const [row] = await db.query(attainmentSql(p, 'bookings', { from: '2024-02-01', to: '2024-02-29' }));
    expect(row).toEqual({ net_new: 100, target: null, target_attainment: null });
  });
});
