// Lead generation and pipeline creation KPIs, the stage funnel and conversion cohorts, on
// hand-computed fixtures (test/fixtures/kpi). The arithmetic is in each test's comments.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DataStore } from '../../src/lib/app/dataStore';
import type { DbClient } from '../../src/lib/db/client';
import { diagnose } from '../../src/lib/kpi/diagnosis';
import { DEFAULT_STAGES } from '../../src/lib/kpi/funnel';
import { leadBreakdownSql, leadSeriesSql, leadTilesSql } from '../../src/lib/kpi/leads';
import { cohortComparison, cohortTable, pipelineCountsSql, pipelineSeriesSql, pipelineStatsSql, pipelineTilesOf, stageFunnelSql, type PipelineCounts, type PipelineStats } from '../../src/lib/kpi/pipeline';
import type { KpiParams } from '../../src/lib/kpi/params';
import type { StagePick } from '../../src/lib/kpi/funnel';
import { csvFile, fileFrom, paramsFor, storeWith } from './helpers';

const DIR = new URL('../fixtures/kpi/', import.meta.url).pathname;
const JAN = { from: '2024-01-01', to: '2024-01-31' };
const FEB = { from: '2024-02-01', to: '2024-02-29' };

let db: DbClient;
let store: DataStore;
beforeAll(async () => {
  ({ db, store } = await storeWith(fileFrom(`${DIR}leads.csv`), fileFrom(`${DIR}opps.csv`), fileFrom(`${DIR}history.csv`)));
  expect(store.files.map((f) => f.kind)).toEqual(['leads', 'opportunities', 'stage_history']);
});

describe('lead generation', () => {
  test('January tiles', async () => {
    const [t] = await db.query(leadTilesSql(paramsFor(store, { range: JAN, asOf: '2024-03-31' }), JAN));
    expect(t).toEqual({
      leads_created: 5, // L1..L5
      leads_qualified: 3, // qualified in January: L1 (01-04), L2 (01-13), L6 (01-03)
      qualified_of_created: 3, // of L1..L5, qualified at any time: L1, L2, L4
      lead_qualification_rate: 0.6, // 3 / 5
      sdr_handoffs: 2, // converted in January: L1 (01-10), L6 (01-05)
      active_sdrs: 2, // Ann, Bob own January's leads
      leads_per_sdr: 2.5, // 5 / 2
      days_to_qualify: 6, // median of L1 2, L2 10, L6 6
      qualification_immature: false, // 75th percentile of 2,2,6,10,16 days is 10; Jan 31 + 10 <= Mar 31
    });
  });

  test('handoffs from the opportunities\' SDR column when there is no leads file', async () => {
    const s = await storeWith(fileFrom(`${DIR}opps.csv`));
    const [t] = await s.db.query(leadTilesSql(paramsFor(s.store, { range: JAN, asOf: '2024-03-31' }), JAN));
    expect(t.sdr_handoffs).toBe(3); // created in January with an SDR: O1, O2 (Sam), O4 (Tia)
  });

  test('a young cohort is flagged immature', async () => {
    const [t] = await db.query(leadTilesSql(paramsFor(store, { range: JAN, asOf: '2024-02-05' }), JAN));
    expect(t.qualification_immature).toBe(true); // Jan 31 + 10 days > Feb 5
  });

  test('monthly series', async () => {
    const rows = await db.query(leadSeriesSql(paramsFor(store, { range: { from: JAN.from, to: FEB.to }, asOf: '2024-03-31' })));
    expect(rows).toEqual([
      { period: '2024-01-01', leads_created: 5, leads_qualified: 3, qualification_rate: 0.6, sdr_handoffs: 2, active_sdrs: 2, leads_per_sdr: 2.5, days_to_qualify: 6 },
      // February: L7, L8 created; L4 (16 days) and L8 (2 days) qualified; L4 converted; Cid alone
      { period: '2024-02-01', leads_created: 2, leads_qualified: 2, qualification_rate: 0.5, sdr_handoffs: 1, active_sdrs: 1, leads_per_sdr: 2, days_to_qualify: 9 },
    ]);
  });

  test('by source', async () => {
    const rows = await db.query(leadBreakdownSql(paramsFor(store, { range: JAN }), 'source'));
    expect(rows).toEqual([
      // Web: created L1, L2, L4 (all qualified since); qualified in January L1, L2, L6; handed off in January L1, L6.
      { key: 'Web', leads_created: 3, leads_qualified: 3, qualified_of_created: 3, qualification_rate: 1, sdr_handoffs: 2 },
      { key: 'Event', leads_created: 2, leads_qualified: 0, qualified_of_created: 0, qualification_rate: 0, sdr_handoffs: 0 },
    ]);
  });

  test('by SDR', async () => {
    const rows = await db.query(leadBreakdownSql(paramsFor(store, { range: FEB }), 'owner'));
    expect(rows).toEqual([
      // Cid: created L7, L8 (L8 qualified 02-14).
      { key: 'Cid', leads_created: 2, leads_qualified: 1, qualified_of_created: 1, qualification_rate: 0.5, sdr_handoffs: 0 },
      // Bob: nothing created in February; L4 (created in January) qualified 02-05 and handed off 02-08.
      { key: 'Bob', leads_created: 0, leads_qualified: 1, qualified_of_created: 0, qualification_rate: null, sdr_handoffs: 1 },
    ]);
  });

  test('by SDR from opportunities when the leads have no handoff dates', async () => {
    const s = await storeWith(fileFrom(`${DIR}opps.csv`));
    const rows = await s.db.query(leadBreakdownSql(paramsFor(s.store, { range: JAN }), 'owner'));
    // Opportunities created in January with an SDR: O1, O2 (Sam), O4 (Tia); no leads file.
    expect(rows).toEqual([
      { key: 'Sam', leads_created: 0, leads_qualified: 0, qualified_of_created: 0, qualification_rate: null, sdr_handoffs: 2 },
      { key: 'Tia', leads_created: 0, leads_qualified: 0, qualified_of_created: 0, qualification_rate: null, sdr_handoffs: 1 },
    ]);
  });

  test('filters apply to leads', async () => {
    const [t] = await db.query(leadTilesSql(paramsFor(store, { range: JAN, filters: { owner: ['Ann'] } }), JAN));
    expect([t.leads_created, t.sdr_handoffs]).toEqual([3, 1]); // L1, L2, L5; L1 converted
  });
});

describe('the quality-or-capacity diagnosis', () => {
  const base = { leads: 100, handoffs: 20, won: 5, qualificationRate: 0.3, leadsPerSdr: 25, daysToQualify: 4 };
  test('falling qualification with flat wins is lead quality', () => {
    const d = diagnose({ ...base, leads: 130, handoffs: 24, won: 5, qualificationRate: 0.24 }, base);
    expect([d.pattern, d.verdict]).toEqual([true, 'quality']);
  });
  test('more leads per SDR and slower qualification is capacity', () => {
    // Handoffs per lead stay at 0.2 and the qualification rate at 0.3; leads per SDR +30%, days to qualify +50%.
    const d = diagnose({ ...base, leads: 130, handoffs: 26, won: 5, leadsPerSdr: 32.5, daysToQualify: 6 }, base);
    expect([d.pattern, d.verdict]).toEqual([true, 'capacity']);
  });
  test('both at once', () => {
    const d = diagnose({ ...base, leads: 130, handoffs: 22, won: 5, leadsPerSdr: 32.5, qualificationRate: 0.25 }, base);
    expect([d.pattern, d.verdict]).toEqual([true, 'both']); // handoffs per lead 0.2 -> 0.17; rate -5 pts; load +30%
  });
  test('wins rising with leads is not the pattern', () => {
    const d = diagnose({ ...base, leads: 130, handoffs: 26, won: 7 }, base);
    expect([d.pattern, d.leadsOnly]).toEqual([false, false]);
  });
  test('leads up, handoffs and wins down: the break is before the handoff', () => {
    // Leads +30%, handoffs 20 -> 18 (-10%), won 5 -> 4 (-20%).
    const d = diagnose({ ...base, leads: 130, handoffs: 18, won: 4 }, base);
    expect([d.pattern, d.leadsOnly]).toEqual([false, true]);
  });
});

/** The pipeline tiles as the view gets them: the funnel's range-free stats, the range's counts, combined. */
async function pipelineTiles(p: KpiParams, range: { from: string; to: string }, pick: StagePick, on: DbClient = db) {
  const [stats] = await on.query<PipelineStats & Record<string, unknown>>(pipelineStatsSql(p, pick));
  const [counts] = await on.query<PipelineCounts & Record<string, unknown>>(pipelineCountsSql(p, range, pick));
  return pipelineTilesOf(counts, stats, range, p.asOf);
}

describe('pipeline creation', () => {
  // Stage 1 = Prospecting (entered on the created date), stage 2 = Qualification or any later open stage.
  // Stage-2 dates from the history: O1 01-12, O2 01-25, O4 02-03, O5 02-11, O7 01-02; O3, O6 never.
  test('January tiles', async () => {
    const t = await pipelineTiles(paramsFor(store, { range: JAN, asOf: '2024-02-20' }), JAN, DEFAULT_STAGES);
    expect(t).toEqual({
      stage1_created: 4, // O1, O2, O3, O4
      stage2_created: 3, // O1, O2, O7
      reached_s2_of_s1: 3, // O1, O2, O4 (in February)
      stage1_to_stage2_rate: 0.75,
      s2_dated: true,
      rate_immature: false, // 75th percentile of 7, 10, 6, 1, 13 days is 10; Jan 31 + 10 <= Feb 20
    });
  });

  test('February is still young', async () => {
    const t = await pipelineTiles(paramsFor(store, { range: FEB, asOf: '2024-02-20' }), FEB, DEFAULT_STAGES);
    expect([t.stage1_created, t.stage2_created, t.stage1_to_stage2_rate, t.rate_immature]).toEqual([2, 2, 0.5, true]);
  });

  test('monthly series', async () => {
    const rows = await db.query(pipelineSeriesSql(paramsFor(store, { range: { from: '2023-12-01', to: FEB.to }, asOf: '2024-02-20' }), DEFAULT_STAGES));
    expect(rows).toEqual([
      { period: '2023-12-01', stage1_created: 1, stage2_created: 0, stage1_to_stage2_rate: 1, pipeline_created_amount: 700 },
      { period: '2024-01-01', stage1_created: 4, stage2_created: 3, stage1_to_stage2_rate: 0.75, pipeline_created_amount: 2600 },
      { period: '2024-02-01', stage1_created: 2, stage2_created: 2, stage1_to_stage2_rate: 0.5, pipeline_created_amount: 600 },
    ]);
  });

  test('the stage funnel counts how far each opportunity got', async () => {
    const rows = await db.query(stageFunnelSql(paramsFor(store, { range: { from: JAN.from, to: FEB.to } }), DEFAULT_STAGES));
    // O1 won; O2 lost after Qualification; O3 Prospecting; O4 Negotiation; O5 Qualification; O6 lost at once.
    expect(rows).toEqual([
      { ord: 1, stage: 'Prospecting', reached: 6 },
      { ord: 2, stage: 'Qualification', reached: 4 },
      { ord: 3, stage: 'Proposal/Price Quote', reached: 2 },
      { ord: 4, stage: 'Negotiation/Review', reached: 2 },
      { ord: 5, stage: 'won', reached: 1 },
    ]);
  });

  test('a later pick of stages uses the history', async () => {
    const pick = { s1: 2, s2: 3 }; // Qualification -> Proposal or later
    const t = await pipelineTiles(paramsFor(store, { range: { from: JAN.from, to: FEB.to }, asOf: '2024-02-20' }), { from: JAN.from, to: FEB.to }, pick);
    // Entered Qualification in Jan-Feb: O1, O2, O4, O5, O7; reached Proposal or later: O1 (01-30), O4 (02-15),
    // O7 (entered Closed Won on 01-25: a win is past every open stage)
    expect([t.stage1_created, t.reached_s2_of_s1, t.stage2_created]).toEqual([5, 3, 3]);
  });
});

describe('conversion cohorts', () => {
  test('stage 1 -> stage 2 by month: cumulative share by age, empty beyond the as-of date, partial when young', async () => {
    const p = paramsFor(store, { range: { from: '2023-12-01', to: FEB.to }, asOf: '2024-02-20' });
    const rows = await db.query(cohortTable(p, DEFAULT_STAGES, 's1_to_s2', 2));
    expect(rows).toEqual([
      // December: O7 reached stage 2 after 13 days (month 0)
      { cohort: '2023-12-01', size: 1, age: 0, reached: 1, share: 1, partial: false },
      { cohort: '2023-12-01', size: 1, age: 1, reached: 1, share: 1, partial: true }, // Dec 31 + 2 months > Feb 20
      { cohort: '2023-12-01', size: 1, age: 2, reached: 1, share: 1, partial: true },
      // January: O1 (7 days), O2 (10), O4 (6) within month 0; O3 never
      { cohort: '2024-01-01', size: 4, age: 0, reached: 3, share: 0.75, partial: true },
      { cohort: '2024-01-01', size: 4, age: 1, reached: 3, share: 0.75, partial: true },
      { cohort: '2024-01-01', size: 4, age: 2, reached: null, share: null, partial: true }, // Mar 1 is after Feb 20: empty
      // February: O5 after 1 day; O6 never
      { cohort: '2024-02-01', size: 2, age: 0, reached: 1, share: 0.5, partial: true },
      { cohort: '2024-02-01', size: 2, age: 1, reached: null, share: null, partial: true },
      { cohort: '2024-02-01', size: 2, age: 2, reached: null, share: null, partial: true },
    ]);
  });

  test('stage 2 -> won by month', async () => {
    const p = paramsFor(store, { range: { from: '2023-12-01', to: FEB.to }, asOf: '2024-02-20' });
    const rows = await db.query(cohortTable(p, DEFAULT_STAGES, 's2_to_won', 1));
    // Stage-2 entries: January O7 (01-02, won 01-25: month 0), O1 (01-12, won 02-20: month 1), O2 (01-25, lost);
    // February O4 (02-03), O5 (02-11), both open. No December entries.
    expect(rows.map((r) => [r.cohort, r.size, r.age, r.reached, r.share])).toEqual([
      ['2024-01-01', 3, 0, 1, 1 / 3],
      ['2024-01-01', 3, 1, 2, 2 / 3],
      ['2024-02-01', 2, 0, 0, 0],
      ['2024-02-01', 2, 1, null, null], // March 1 is after the as-of date: empty, not zero
    ]);
  });

  test('lead -> stage 1 from the opportunity a lead names, when the leads have no converted date', async () => {
    const leads = csvFile('leads.csv', 'lead_id,created_at,opportunity_id\nL1,2024-01-02,O1\nL2,2024-01-03,\nL4,2024-01-14,O2\n');
    const s = await storeWith(leads, fileFrom(`${DIR}opps.csv`));
    const rows = await s.db.query(cohortComparison(paramsFor(s.store, { range: JAN, asOf: '2024-03-31', grain: 'week' }), DEFAULT_STAGES, 'lead_to_s1'));
    // Week of Jan 1: L1 (O1 created 01-05, 3 days later) and L2 (no opportunity); week of Jan 8: L4 (O2 created 01-15).
    expect(rows.map((r) => [r.cohort, r.size, r.share_28])).toEqual([
      ['2024-01-01', 2, 0.5],
      ['2024-01-08', 1, 1],
    ]);
  });

  test('stage 1 -> won by month, compared at 4, 8 and 13 weeks, mature only when every member had that long', async () => {
    const p = paramsFor(store, { range: { from: JAN.from, to: FEB.to }, asOf: '2024-03-31' });
    const rows = await db.query(cohortComparison(p, DEFAULT_STAGES, 's1_to_won'));
    // January: O1 (won after 46 days), O2 lost, O3 and O4 open. February: O5 open, O6 lost.
    // Mature at d days when the cohort's last day + d - 1 <= Mar 31: Jan 31 + 27, + 55 yes, + 90 no; Feb 29 + 27 yes, + 55 no.
    expect(rows.map((r) => [r.cohort, r.size, r.share_28, r.share_56, r.share_91, r.mature_28, r.mature_56, r.mature_91])).toEqual([
      ['2024-01-01', 4, 0, 0.25, 0.25, true, true, false],
      ['2024-02-01', 2, 0, 0, 0, true, false, false],
    ]);
  });

  test('quarterly cohorts, ages in months', async () => {
    const p = paramsFor(store, { range: { from: '2023-10-01', to: '2024-03-31' }, asOf: '2024-03-31', grain: 'quarter' });
    const rows = await db.query(cohortTable(p, DEFAULT_STAGES, 's1_to_s2', 1));
    // Q4 2023: O7 (stage 2 after 13 days). Q1 2024: O1-O6, of which O1, O2, O4, O5 reached stage 2 within their first month.
    expect(rows.map((r) => [r.cohort, r.size, r.age, r.reached, r.share])).toEqual([
      ['2023-10-01', 1, 0, 1, 1],
      ['2023-10-01', 1, 1, 1, 1],
      ['2024-01-01', 6, 0, 4, 4 / 6],
      ['2024-01-01', 6, 1, 4, 4 / 6],
    ]);
  });

  test('lead -> stage 1 by week, compared at 4 weeks', async () => {
    const p = paramsFor(store, { range: JAN, asOf: '2024-03-31', grain: 'week' });
    const rows = await db.query(cohortComparison(p, DEFAULT_STAGES, 'lead_to_s1'));
    // Weeks of Jan 1 (L1, L2: L1 converted after 8 days), Jan 8 (L3), Jan 15 (L4: after 19 days), Jan 22 (L5)
    expect(rows.map((r) => [r.cohort, r.size, r.share_28, r.mature_28])).toEqual([
      ['2024-01-01', 2, 0.5, true],
      ['2024-01-08', 1, 0, true],
      ['2024-01-15', 1, 1, true],
      ['2024-01-22', 1, 0, true],
    ]);
  });
});

describe('pipeline creation without stage history', () => {
  // No history: stage 1 is entered on the created date, stage 2 on the stage_2_at column. The scan
  // then reads only the range's opportunities, which must still include those created before it
  // that entered stage 2 in it (B).
  const OPPS = 'opportunity_id,created_at,stage,amount,stage_2_at,close_date\n'
    + 'A,2024-01-05,Prospecting,100,,2024-06-30\n'
    + 'B,2023-12-20,Qualification,200,2024-01-10,2024-06-30\n'
    + 'C,2024-01-15,Qualification,300,2024-02-03,2024-06-30\n'
    + 'D,2023-11-01,Closed Won,400,2023-11-20,2023-12-15\n'
    + 'E,2024-02-10,Prospecting,500,,2024-06-30\n'
    + 'F,2024-01-31,Closed Lost,600,,2024-02-15\n';
  let plain: { db: DbClient; store: DataStore };
  beforeAll(async () => {
    plain = await storeWith(csvFile('opps.csv', OPPS));
    expect(plain.store.fieldSets().stage_history.has('entered_at')).toBe(false);
  });

  test('January tiles', async () => {
    const t = await pipelineTiles(paramsFor(plain.store, { range: JAN, asOf: '2024-02-20' }), JAN, DEFAULT_STAGES, plain.db);
    // Stage 1 in January: A, C, F; stage 2 in January: B; of A, C, F, only C reached stage 2.
    expect([t.stage1_created, t.stage2_created, t.reached_s2_of_s1, t.stage1_to_stage2_rate]).toEqual([3, 1, 1, 1 / 3]);
  });

  test('monthly series', async () => {
    const rows = await plain.db.query(pipelineSeriesSql(paramsFor(plain.store, { range: { from: '2023-12-01', to: FEB.to }, asOf: '2024-02-20' }), DEFAULT_STAGES));
    expect(rows).toEqual([
      // December: B created (200), it reached stage 2; no stage-2 entry in December.
      { period: '2023-12-01', stage1_created: 1, stage2_created: 0, stage1_to_stage2_rate: 1, pipeline_created_amount: 200 },
      // January: A, C, F created (100 + 300 + 600), C reached stage 2; B entered stage 2.
      { period: '2024-01-01', stage1_created: 3, stage2_created: 1, stage1_to_stage2_rate: 1 / 3, pipeline_created_amount: 1000 },
      // February: E created (500); C entered stage 2.
      { period: '2024-02-01', stage1_created: 1, stage2_created: 1, stage1_to_stage2_rate: 0, pipeline_created_amount: 500 },
    ]);
  });

  test('the stage funnel of January', async () => {
    const rows = await plain.db.query(stageFunnelSql(paramsFor(plain.store, { range: JAN }), DEFAULT_STAGES));
    // A and F (lost) got no further than Prospecting; C is in Qualification.
    expect(rows).toEqual([
      { ord: 1, stage: 'Prospecting', reached: 3 },
      { ord: 2, stage: 'Qualification', reached: 1 },
      { ord: 3, stage: 'won', reached: 0 },
    ]);
  });
});
