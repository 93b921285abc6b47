// Every kind of file, the public datasets, quota periods, user corrections and bad input.
import { describe, expect, test } from 'vitest';
import { sql } from '../../src/lib/db/sql';
import { periodMonthsFromHeader } from '../../src/lib/crm/canonical';
import { funnelSql } from '../../src/lib/kpi/funnel';
import { decodeMappings, encodeMappings, type MappingOverride } from '../../src/lib/state/mappingCodec';
import { csvFile, fileFrom, paramsFor, PUBLIC_DATA, queryNewBusiness, storeWith } from './helpers';

describe('the public datasets', () => {
  test('Maven sales teams is a reps roster: team from the manager, region from the office', async () => {
    const { db, store } = await storeWith(fileFrom(`${PUBLIC_DATA}/maven-crm-opportunities/sales_teams.csv`));
    expect(store.files[0]).toMatchObject({ kind: 'reps', rows: 35, missing: [] });
    const rows = await db.query(sql`SELECT rep, team, region FROM reps WHERE rep = 'Anna Snelling'`);
    expect(rows).toEqual([{ rep: 'Anna Snelling', team: 'Dustin Brinkmann', region: 'Central' }]);
  });

  test('RavenStack subscriptions and the dbt playbook are revenue subscription periods', async () => {
    const { db, store } = await storeWith(
      fileFrom(`${PUBLIC_DATA}/ravenstack-saas/ravenstack_subscriptions.csv`),
      fileFrom(`${PUBLIC_DATA}/dbt-mrr-playbook/subscription_periods.csv`),
    );
    expect(store.files.map((f) => [f.kind, f.rows, f.missing])).toEqual([['revenue', 5000, []], ['revenue', 121, []]]);
    // RavenStack: 4,514 of 5,000 subscriptions have no end date (SOURCE.txt); dbt: none is open.
    const [r] = await db.query(sql`SELECT count(*) FILTER (WHERE end_date IS NULL AND file_id = 1) AS open_rs,
      count(*) FILTER (WHERE end_date IS NULL AND file_id = 2) AS open_dbt, sum(mrr) FILTER (WHERE file_id = 2) AS dbt_mrr FROM revenue`);
    expect(r.open_rs).toBe(4514);
    expect(r.open_dbt).toBe(0);
    expect(r.dbt_mrr).toBe(readDbtMrrSum());
  });

  test('RavenStack churn events, no CRM kind, are kept unrecognised for the user to map or remove, and count nowhere', async () => {
    const { db, store } = await storeWith();
    const f = await store.add('x', fileFrom(`${PUBLIC_DATA}/ravenstack-saas/ravenstack_churn_events.csv`));
    expect(f.unrecognised).toBe(true);
    expect(store.has('opportunities')).toBe(false);
    expect((await db.query(sql`SELECT count(*) AS n FROM opportunities`))[0].n).toBe(0);
  });
});

import { readFileSync } from 'node:fs';
function readDbtMrrSum(): number {
  return readFileSync(`${PUBLIC_DATA}/dbt-mrr-playbook/subscription_periods.csv`, 'utf8').trim().split('\n').slice(1)
    .reduce((s, l) => s + Number(l.split(',')[4]), 0);
}

describe('other kinds from CRM exports', () => {
  test('leads from Salesforce, HubSpot contacts, Zoho and a Chinese CRM', async () => {
    const files = [
      csvFile('sf-leads.csv', 'Lead ID,Lead Owner,Lead Source,Lead Status,Create Date,Converted Date,Converted Opportunity ID\nL1,Ann,Web,Converted,1/5/2024,1/9/2024,O1\n'),
      csvFile('hs-contacts.csv', 'Record ID,Create Date,Lifecycle Stage,Contact owner,Original Source,Became a Sales Qualified Lead Date\n9,2024-01-05 10:00,salesqualifiedlead,Ann,Organic Search,2024-01-07 10:00\n'),
      csvFile('zoho-leads.csv', 'Record Id,Lead Owner,Lead Source,Lead Status,Created Time\nz1,Ann,Web,Contacted,15/01/2024 10:00 AM\n'),
      csvFile('线索.csv', '线索编号,线索来源,负责人,线索状态,创建时间\nX1,官网,张三,已转化,2024-01-05 10:00:00\n'),
    ];
    const { db, store } = await storeWith(...files);
    expect(store.files.map((f) => [f.name, f.kind, f.missing.length])).toEqual(files.map((f) => [f.name, 'leads', 0]));
    const rows = await db.query(sql`SELECT lead_id, strftime(created_at, '%Y-%m-%d') AS c, strftime(qualified_at, '%Y-%m-%d') AS q, strftime(converted_at, '%Y-%m-%d') AS v FROM leads ORDER BY file_id`);
    expect(rows).toEqual([
      { lead_id: 'L1', c: '2024-01-05', q: null, v: '2024-01-09' },
      { lead_id: '9', c: '2024-01-05', q: '2024-01-07', v: null },
      { lead_id: 'z1', c: '2024-01-15', q: null, v: null },
      { lead_id: 'X1', c: '2024-01-05', q: null, v: null },
    ]);
  });

  test('a Salesforce opportunity history report is stage history', async () => {
    const text = 'Opportunity ID,Opportunity Name,From Stage,To Stage,Amount,Close Date,Last Modified\nO1,Acme,Prospecting,Qualification,100,2/1/2024,1/10/2024\nO1,Acme,Qualification,Closed Won,100,2/1/2024,2/1/2024\n';
    const { db, store } = await storeWith(csvFile('history.csv', text));
    expect(store.files[0].kind).toBe('stage_history');
    const rows = await db.query(sql`SELECT stage, strftime(entered_at, '%Y-%m-%d') AS d FROM stage_history ORDER BY d`);
    expect(rows).toEqual([{ stage: 'Qualification', d: '2024-01-10' }, { stage: 'Closed Won', d: '2024-02-01' }]);
  });

  test('HubSpot "Date entered" columns become stage history rows', async () => {
    const { db } = await storeWith(fileFrom(new URL('../fixtures/crm/hubspot.csv', import.meta.url).pathname));
    const [r] = await db.query(sql`SELECT count(*) AS n, count(DISTINCT stage) AS stages FROM stage_history`);
    // Filled cells: 10 Appointment Scheduled, 7 Qualified To Buy, 6 Closed Won.
    expect(r).toEqual({ n: 23, stages: 3 });
  });

  test('the funnel takes stage-2 entries from "Date entered" columns, and each open deal its stage order', async () => {
    const { db, store } = await storeWith(fileFrom(new URL('../fixtures/crm/hubspot.csv', import.meta.url).pathname));
    const rows = await db.query(sql`SELECT opportunity_id AS id, strftime(s2_at, '%Y-%m-%d') AS s2, cur_ord FROM (${funnelSql(paramsFor(store))}) ORDER BY s2 NULLS LAST, id`);
    // Stage 2 is Qualified To Buy or later (Closed Won): the earlier of the two cells of each deal.
    // Open deals: D6 in contractsent (third open stage), D9 in appointmentscheduled (first).
    expect(rows).toEqual([
      { id: 'D7', s2: '2023-11-20', cur_ord: null }, { id: 'D1', s2: '2024-01-09', cur_ord: null }, { id: 'D3', s2: '2024-02-02', cur_ord: null },
      { id: 'D4', s2: '2024-02-20', cur_ord: null }, { id: 'D2', s2: '2024-03-03', cur_ord: null }, { id: 'D10', s2: '2024-03-18', cur_ord: null },
      { id: 'D6', s2: '2024-04-10', cur_ord: 3 }, { id: 'D8', s2: '2024-05-06', cur_ord: null },
      { id: 'D5', s2: null, cur_ord: null }, { id: 'D9', s2: null, cur_ord: 1 },
    ]);
  });

  test('targets and a Chinese targets file', async () => {
    const { db } = await storeWith(csvFile('targets.csv', 'period,target\n2024-01,1000\n2024-02,1200\n'), csvFile('目标.csv', '月份,目标\n2024-03-01,"1,300"\n'));
    const rows = await db.query(sql`SELECT strftime(period, '%Y-%m-%d') AS p, target FROM targets ORDER BY p`);
    expect(rows).toEqual([{ p: '2024-01-01', target: 1000 }, { p: '2024-02-01', target: 1200 }, { p: '2024-03-01', target: 1300 }]);
  });
});

describe('the quota period of a reps file', () => {
  const months = async (text: string) => {
    const { db } = await storeWith(csvFile('reps.csv', text));
    return (await db.query(sql`SELECT DISTINCT period_months AS m FROM reps`)).map((r) => r.m);
  };
  test('from the header', async () => {
    expect(await months('rep,quarter,quota\nAnn,2024-Q1,100\nAnn,2024-Q2,100\n')).toEqual([3]);
    expect(await months('rep,month,quota\nAnn,2024-01-01,100\n')).toEqual([1]);
    expect(await months('rep,year,quota\nAnn,2024-01-01,100\n')).toEqual([12]);
  });
  test('from values that are a year alone, read as the calendar year', async () => {
    // The column is named "period" (no length in its name) and each rep has one row: the values say a year.
    const { db, store } = await storeWith(csvFile('reps.csv', 'rep,period,quota\nAnn,2024,1\nBob,FY2025,1\nCem,FY24,1\nDai,FY 2023,1\nEve,fy-2026,1\nFay,2024年,1\n'));
    expect(store.files[0].dateFormats.period).toBe('year');
    const rows = await db.query(sql`SELECT rep, strftime(period, '%Y-%m-%d') AS p, period_months AS m FROM reps ORDER BY rep`);
    expect(rows).toEqual([
      { rep: 'Ann', p: '2024-01-01', m: 12 }, { rep: 'Bob', p: '2025-01-01', m: 12 }, { rep: 'Cem', p: '2024-01-01', m: 12 },
      { rep: 'Dai', p: '2023-01-01', m: 12 }, { rep: 'Eve', p: '2026-01-01', m: 12 }, { rep: 'Fay', p: '2024-01-01', m: 12 },
    ]);
  });
  test('four-digit values that are no year are not read as years', async () => {
    // 1234 and 3000 are outside 1900-2099, "24" is a year only after FY: each counted as unreadable.
    const { store } = await storeWith(csvFile('targets.csv', 'period,target\n2024,1\n1234,1\n3000,1\n24,1\n'));
    const f = store.files[0];
    expect(f.dateFormats.period).toBe('year');
    expect(f.failures.map((x) => [x.header, x.failed])).toEqual([['period', 3]]);
  });
  test('from a header with spaces or capitals ("Fiscal Year", "FISCAL QUARTER")', async () => {
    const of = (header: string) => periodMonthsFromHeader({ table: 't', mapping: { period: header }, dateFormats: {}, numberFormats: {}, stageEntries: [], fileId: 1 });
    expect(['Fiscal Year', 'FISCAL YEAR', 'fiscal-year', 'FY', 'Fiscal Quarter', 'fiscal quarter', 'Fiscal Month', ' Month ', '财年'].map(of)).toEqual([12, 12, 12, 12, 3, 3, 1, 1, 12]);
    // One period per rep: no spacing to learn from, so only the header says 3 or 1 (the default is 12).
    expect(await months('Rep,Fiscal Quarter,Quota\nAnn,2024-01-01,100\nBob,2024-04-01,100\n')).toEqual([3]);
    expect(await months('rep,FISCAL MONTH,quota\nAnn,2024-01-01,100\n')).toEqual([1]);
  });
  test('from the spacing of each rep\'s period starts', async () => {
    expect(await months('rep,period,quota\nAnn,2024-01-01,100\nAnn,2024-04-01,100\nBob,2024-01-01,100\nBob,2024-04-01,100\n')).toEqual([3]);
    expect(await months('rep,period,quota\nAnn,2024-01-01,100\nAnn,2024-02-01,100\nAnn,2024-03-01,100\n')).toEqual([1]);
    // Bob has one period only: he follows the file's usual spacing.
    expect((await months('rep,period,quota\nAnn,2024-01-01,1\nAnn,2024-02-01,1\nBob,2024-01-01,1\n')).sort()).toEqual([1]);
  });
});

describe('corrections and remembered mappings', () => {
  const text = 'opportunity_id,created_date,status_text,amount,won_on\nA,2024-01-02,Won,100,03/02/2024\nB,2024-01-05,Lost,50,04/02/2024\n';

  test('a file missing a required field waits for the user, who maps it', async () => {
    const { db, store } = await storeWith(csvFile('deals.csv', text));
    const f = store.files[0];
    expect(f.kind).toBe('opportunities');
    expect(f.missing).toEqual(['stage']);
    expect(store.has('opportunities')).toBe(false);
    await store.remap(f.id, { mapping: { ...f.mapping, stage: 'status_text', close_date: 'won_on' } });
    expect(f.missing).toEqual([]);
    expect(f.dateFormats.won_on).toBe('%m/%d/%Y'); // ambiguous: month-first wins the tie
    await store.remap(f.id, { dateFormats: { won_on: '%d/%m/%Y' } });
    const rows = await db.query(sql`SELECT opportunity_id AS id, is_won, strftime(close_date, '%Y-%m-%d') AS d FROM opportunities ORDER BY 1`);
    expect(rows).toEqual([{ id: 'A', is_won: true, d: '2024-02-03' }, { id: 'B', is_won: false, d: '2024-02-04' }]);

    // The correction, in the URL's compact form, maps the same export the same way on another device.
    const override = store.overrideOf(f)!;
    expect(override).toEqual({ kind: 'opportunities', fields: { stage: 2, close_date: 4 }, formats: { 4: '%d/%m/%Y' } });
    const decoded = decodeMappings(encodeMappings({ [f.signature]: override }))!;
    const other = await storeWith();
    await other.store.add('deals.csv', csvFile('deals.csv', text), { overrides: decoded });
    const again = await other.db.query(sql`SELECT opportunity_id AS id, is_won, strftime(close_date, '%Y-%m-%d') AS d FROM opportunities ORDER BY 1`);
    expect(again).toEqual(rows);
  });

  test('the mapping codec refuses anything malformed', () => {
    const good: Record<string, MappingOverride> = { abc123: { kind: 'reps', fields: { quota: 3, team: null }, formats: { 1: 'quarter', 3: 'comma' } } };
    const encoded = encodeMappings(good);
    expect(encoded).toBe('abc123~p~quota.3~team.-~@1.yq~@3.cm');
    expect(decodeMappings(encoded)).toEqual(good);
    for (const bad of ['ABC~p', 'abc~z', 'abc~p~nofield.1', 'abc~p~quota.x', 'abc~p~@1.zz', "abc~o~amount.1'--"]) expect(decodeMappings(bad)).toBeNull();
  });

  test('the user can change a file\'s kind', async () => {
    const { store } = await storeWith(csvFile('t.csv', 'period,target,team\n2024-01-01,100,A\n'));
    const f = store.files[0];
    expect(f.kind).toBe('targets');
    await store.remap(f.id, { kind: 'reps', mapping: { rep: 'team', period: 'period', quota: 'target' } });
    expect([f.kind, f.missing]).toEqual(['reps', []]);
    expect(store.has('targets')).toBe(false);
    expect(store.has('reps')).toBe(true);
  });
});

describe('bad input is reported, never silently dropped', () => {
  test('rows with too many or too few fields are rejected and counted', async () => {
    const text = 'opportunity_id,created_at,stage,amount\nA,2024-01-01,Won,1\nB,2024-01-02,Won\nC,2024-01-03,Won,3,extra\nD,2024-01-04,Won,4\n';
    const { store } = await storeWith(csvFile('ragged.csv', text));
    const f = store.files[0];
    expect(f.rows + f.rejected).toBe(4);
    expect([f.rows, f.rejected]).toEqual([2, 2]);
    expect(f.rejectedExamples.map((r) => r.text)).toEqual(['B,2024-01-02,Won', 'C,2024-01-03,Won,3,extra']);
  });

  test('unparseable values are counted per column with examples', async () => {
    const text = 'opportunity_id,created_at,stage,amount,close_date\nA,2024-01-01,Won,1,2024-02-01\nB,2024-01-02,Won,n/a,TBD\nC,2024-01-03,Won,3,soon\n';
    const { store } = await storeWith(csvFile('messy.csv', text));
    const failures = Object.fromEntries(store.files[0].failures.map((f) => [f.field, [f.failed, [...f.examples].sort()]]));
    expect(failures).toEqual({ amount: [1, ['n/a']], close_date: [2, ['TBD', 'soon']] });
  });

  test('unreadable yes/no values of a won flag are counted too', async () => {
    const text = 'opportunity_id,created_at,is_won,amount\nA,2024-01-01,true,1\nB,2024-01-02,maybe,2\nC,2024-01-03,no,3\nD,2024-01-04,?,4\nE,2024-01-05,,5\n';
    const { store } = await storeWith(csvFile('flags.csv', text));
    // "true" and "no" read; "maybe" and "?" do not (2); the empty value of E is no failure.
    const failures = store.files[0].failures.map((f) => [f.field, f.header, f.failed, [...f.examples].sort()]);
    expect(failures).toEqual([['is_won', 'is_won', 2, ['?', 'maybe']]]);
  });

  test('duplicate ids are counted with examples', async () => {
    const text = 'opportunity_id,created_at,stage,amount\nA,2024-01-01,Won,1\nA,2024-01-01,Won,1\nB,2024-01-02,Won,2\nC,2024-01-02,Won,2\nC,2024-01-02,Won,2\n';
    const { store } = await storeWith(csvFile('dups.csv', text));
    expect(await store.duplicateIds('opportunities')).toEqual({ count: 2, examples: ['A', 'C'], files: ['dups.csv'] });
  });
});

describe('extra columns of the files', () => {
  test('unmapped columns become filterable dimensions on the tables that carry them', async () => {
    const opps = 'opportunity_id,created_at,stage,amount,close_date,Partner Tier\nA,2024-01-02,Closed Won,100,2024-02-01,Gold\nB,2024-01-03,Closed Won,50,2024-02-02,Silver\nC,2024-01-04,Closed Won,20,2024-02-03,Gold\n';
    const other = 'Opportunity ID,Created Date,Stage,Amount,Close Date,Industry\nD,1/5/2024,Closed Won,7,2/4/2024,Retail\n';
    const leads = 'lead_id,created_at,source\nL1,2024-01-02,Web\n';
    const { db, store } = await storeWith(csvFile('a.csv', opps), csvFile('b.csv', other), csvFile('l.csv', leads));
    expect(store.extraColumns('opportunities')).toEqual([{ column: 'x_partner_tier', label: 'Partner Tier' }, { column: 'x_industry', label: 'Industry' }]);
    const p = paramsFor(store, { filters: { x_partner_tier: ['Gold'] } });
    const [t] = await db.query(newBusinessTilesSql(p, { from: '2024-01-01', to: '2024-12-31' }));
    expect([t.won_deals, t.new_bookings]).toEqual([2, 120]); // A and C; D has no tier (NULL), B is Silver
    expect(ignoredFilters(p, 'leads')).toEqual(['x_partner_tier']);
  });
});
import { newBusinessTilesSql } from '../../src/lib/kpi/newBusiness';
import { ignoredFilters } from '../../src/lib/kpi/filters';

describe('more export shapes', () => {
  test('a Salesforce forecasting-quota extract is a reps file with monthly quotas', async () => {
    const text = 'ID,QUOTAOWNERID,STARTDATE,QUOTAAMOUNT,CURRENCYISOCODE\nq1,005A,2024-01-01,1000,USD\nq2,005A,2024-02-01,1200,USD\n';
    const { db, store } = await storeWith(csvFile('ForecastingQuota.csv', text));
    expect(store.files[0]).toMatchObject({ kind: 'reps', missing: [] });
    expect(await db.query(sql`SELECT rep, quota, period_months AS m FROM reps ORDER BY period`)).toEqual([
      { rep: '005A', quota: 1000, m: 1 },
      { rep: '005A', quota: 1200, m: 1 },
    ]);
  });

  test('a pipe-separated export', async () => {
    const { store } = await storeWith(csvFile('deals.txt', 'opportunity_id|created_at|stage|amount\nA|2024-01-02|Won|1\nB|2024-01-03|Lost|2\n'));
    expect(store.files[0]).toMatchObject({ kind: 'opportunities', rows: 2, delimiter: '|' });
  });
});

describe('exports without an ID column load as they are, each row with a generated id', () => {
  const range = { from: '2024-01-01', to: '2024-06-30' };

  test('a Pipedrive deal list with exactly the issue\'s columns', async () => {
    const text = [
      'Deal - Title,Deal - Value,Deal - Currency,Deal - Status,Deal - Stage,Deal - Owner,Deal - Deal created,Deal - Won time,Deal - Lost time,Deal - Expected close date',
      'Acme platform,1200,USD,won,Negotiations Started,Ann,2024-01-05 09:00:00,2024-02-10 10:00:00,,2024-02-28',
      'Beta pilot,800,USD,lost,Qualified,Bob,2024-01-10 09:00:00,,2024-03-01 12:00:00,2024-03-15',
      'Gamma rollout,2500.5,USD,won,Proposal Made,Ann,2024-02-01 09:00:00,2024-04-20 16:00:00,,2024-04-30',
      'Delta trial,300,USD,open,Qualified,Bob,2024-03-01 09:00:00,,,2024-06-30',
      'Acme platform,700,USD,won,Proposal Made,Bob,2024-03-02 09:00:00,2024-05-05 11:00:00,,2024-05-31',
    ].join('\n');
    const { db, store } = await storeWith(csvFile('pipedrive-deals.csv', text));
    expect(store.files[0]).toMatchObject({ kind: 'opportunities', missing: [], rows: 5 });
    expect(store.files[0].mapping.opportunity_id).toBeUndefined();
    expect(store.has('opportunities')).toBe(true);
    // Won: Acme 1200 (Feb 10), Gamma 2500.5 (Apr 20), the second Acme 700 (May 5) -> 3; lost: Beta -> 1.
    // No type column: every win is new business, 1200 + 2500.5 + 700 = 4400.5; win rate 3 / 4.
    const { tiles } = await queryNewBusiness(db, paramsFor(store, { range, asOf: '2024-06-30' }));
    expect([tiles.won_deals, tiles.lost_deals, tiles.new_bookings, tiles.win_rate]).toEqual([3, 1, 4400.5, 0.75]);
    // One id per row, in file order; the two deals titled "Acme platform" stay two deals.
    const ids = async () => (await db.query(sql`SELECT opportunity_id AS id FROM opportunities ORDER BY created_at`)).map((r) => r.id);
    expect(await ids()).toEqual(['f1-r1', 'f1-r2', 'f1-r3', 'f1-r4', 'f1-r5']);
    expect(await store.duplicateIds('opportunities')).toMatchObject({ count: 0 });
    // The ids survive a rebuild (a correction of the mapping).
    await store.remap(store.files[0].id, { mapping: { ...store.files[0].mapping, opportunity_name: 'Deal - Stage' } });
    expect(await ids()).toEqual(['f1-r1', 'f1-r2', 'f1-r3', 'f1-r4', 'f1-r5']);
  });

  test('a Zoho deal list with exactly the issue\'s columns', async () => {
    const text = [
      'Deal Name,Stage,Amount,Closing Date,Created Time,Deal Owner,Type,Lead Source',
      'Acme platform,Closed Won,"1,500.00",14/02/2024,05/01/2024 09:12 AM,Ann,New Business,Web',
      'Beta upsell,Closed Won,400.00,03/03/2024,20/01/2024 10:00 AM,Ann,Existing Business,Partner',
      'Gamma,Closed Lost,900.00,20/03/2024,10/02/2024 02:20 PM,Bob,New Business,Trade Show',
      'Delta,Closed Lost,100.00,25/03/2024,12/02/2024 08:00 AM,Bob,New Business,Web',
      'Epsilon,Negotiation/Review,700.00,30/06/2024,01/03/2024 08:00 AM,Bob,New Business,Web',
    ].join('\n');
    const { db, store } = await storeWith(csvFile('Deals_2024.csv', text));
    expect(store.files[0]).toMatchObject({ kind: 'opportunities', missing: [], rows: 5 });
    // Won: Acme (new, 1,500) and Beta (existing business = expansion, 400); lost: Gamma, Delta.
    const { tiles } = await queryNewBusiness(db, paramsFor(store, { range, asOf: '2024-06-30' }));
    expect([tiles.won_deals, tiles.lost_deals, tiles.new_bookings, tiles.expansion_bookings, tiles.win_rate]).toEqual([2, 2, 1500, 400, 0.5]);
  });

  test('a leads list without a lead ID; real ids beside generated ones keep their duplicate check', async () => {
    const leads = 'Lead Owner,Lead Source,Lead Status,Create Date\nAnn,Web,Open,1/5/2024\nBob,Partner,Qualified,1/20/2024\n';
    const deals = 'opportunity_id,created_at,stage,amount\nA,2024-01-01,Closed Won,1\nA,2024-01-02,Closed Won,1\n';
    const idless = 'Deal Name,Stage,Amount,Created Time\nX,Closed Won,5,2024-01-03\nY,Closed Won,6,2024-01-04\n';
    const { db, store } = await storeWith(csvFile('leads.csv', leads), csvFile('deals.csv', deals), csvFile('zoho.csv', idless));
    expect(store.files.map((f) => [f.kind, f.missing])).toEqual([['leads', []], ['opportunities', []], ['opportunities', []]]);
    expect(await db.query(sql`SELECT lead_id AS id, strftime(created_at, '%Y-%m-%d') AS c FROM leads ORDER BY 1`)).toEqual([
      { id: 'f1-r1', c: '2024-01-05' },
      { id: 'f1-r2', c: '2024-01-20' },
    ]);
    // A appears twice (file 2); f3-r1 and f3-r2 are unique: 1 duplicated id.
    expect(await store.duplicateIds('opportunities')).toMatchObject({ count: 1, examples: ['A'] });
  });
});

import { revenueTilesSql } from '../../src/lib/kpi/revenue';

describe('files with generic headers, classified by their values', () => {
  test('Name/Date/Amount/Status with won, lost and open deals loads as a deal list', async () => {
    const text = 'Name,Date,Amount,Status\nAcme,2024-01-05,100,Won\nBeta,2024-01-09,50,Lost\nCyan,2024-02-01,70,Open\nDune,2024-02-11,30,won\n';
    const { db, store } = await storeWith(csvFile('deals.csv', text));
    const f = store.files[0];
    expect([f.kind, f.missing, f.unrecognised, f.mapping.created_at, f.mapping.status]).toEqual(['opportunities', [], false, 'Date', 'Status']);
    const flags = await db.query(sql`SELECT opportunity_name AS n, is_won AS w, is_lost AS l FROM opportunities ORDER BY 1`);
    expect(flags.map((r) => [r.n, r.w, r.l])).toEqual([['Acme', true, false], ['Beta', false, true], ['Cyan', false, false], ['Dune', true, false]]);
    // Created in January: Acme 100 + Beta 50 = 150.
    const { tiles } = await queryNewBusiness(db, paramsFor(store, { range: { from: '2024-01-01', to: '2024-01-31' } }));
    expect(tiles.pipeline_created_amount).toBe(150);
    // Read again another way, the values still say what Date and Status hold.
    const fresh = await store.reread(f.id, { encoding: 'windows-1252' });
    expect([fresh.kind, fresh.missing, fresh.mapping.created_at, fresh.mapping.status]).toEqual(['opportunities', [], 'Date', 'Status']);
  });

  test('Customer/Date/Amount with first-of-month dates loads as monthly revenue', async () => {
    // Jan: Acme 100, Beta 80, Cyan 40. Feb: Acme 150 (+50 expansion), Beta gone (churn 80), Cyan 30
    // (contraction 10), Dune 60 (new). Opening 220, closing 240; Acme, Cyan retained: 150 + 30 = 180.
    const text = 'Customer,Date,Amount\nAcme,2024-01-01,100\nBeta,2024-01-01,80\nCyan,2024-01-01,40\nAcme,2024-02-01,150\nCyan,2024-02-01,30\nDune,2024-02-01,60\n';
    const { db, store } = await storeWith(csvFile('mrr.csv', text));
    expect(store.files[0]).toMatchObject({ kind: 'revenue', missing: [], mapping: { account_id: 'Customer', month: 'Date', mrr: 'Amount' } });
    const range = { from: '2024-02-01', to: '2024-02-29' };
    const [t] = await db.query(revenueTilesSql(paramsFor(store, { range, asOf: '2024-02-29' }), range));
    expect(t).toMatchObject({
      mrr_new: 60, mrr_expansion: 50, mrr_contraction: 10, mrr_churn: 80, mrr_reactivation: 0,
      opening_mrr: 220, closing_mrr: 240, nrr: 180 / 220,
    });
  });

  test('January days or a quota sheet are not monthly revenue', async () => {
    // 1/15, 1/20, 1/28: the 1 is the month (15, 20 and 28 can only be days), so no month starts.
    const days = await storeWith(csvFile('jan.csv', 'Date,Customer,Amount\n1/15/2024,Acme,100\n1/20/2024,Beta,200\n1/28/2024,Gamma,300\n'));
    expect(days.store.files[0].kind === 'revenue' && !days.store.files[0].unrecognised).toBe(false);
    // A person's name is no account: Name/Month/Amount waits for the user instead of becoming revenue.
    const quotas = await storeWith(csvFile('quotas.csv', 'Name,Month,Amount\nAnn,2024-01-01,100\nBob,2024-02-01,200\n'));
    expect(quotas.store.files[0].kind === 'revenue' && quotas.store.files[0].missing.length === 0).toBe(false);
  });

  test('an unrecognised file read again with the right separator is detected afresh, not kept as a deal list', async () => {
    const { store } = await storeWith();
    const text = 'lead_id;created_at;source;owner\nL1;2024-01-02;Web;Ann\nL2;2024-01-03;Event;Bob\n';
    // Read with "," the header is one unknown column: unrecognised, kept as a placeholder deal list.
    const wrong = await store.add('leads.csv', csvFile('leads.csv', text), { delimiter: ',' });
    expect([wrong.unrecognised, wrong.kind]).toEqual([true, 'opportunities']);
    const fresh = await store.reread(wrong.id, { delimiter: ';' });
    expect([fresh.kind, fresh.missing, fresh.unrecognised]).toEqual(['leads', [], false]);
  });
});

describe('fields no file has', () => {
  const stored = async (db: Awaited<ReturnType<typeof storeWith>>['db']) =>
    (await db.query<{ c: string }>(sql`SELECT column_name AS c FROM (DESCRIBE opportunity_rows)`)).map((r) => r.c);

  test('are not stored, yet read as typed NULLs; a file that has one stores it', async () => {
    const a = 'opportunity_id,created_at,stage,amount,close_date,account_name\nA,2024-01-02,Closed Won,100,2024-02-01,Acme\nB,2024-01-03,Closed Won,50,2024-03-01,Acme\n';
    const { db, store } = await storeWith(csvFile('a.csv', a));
    const columns = await stored(db);
    for (const f of ['region', 'won_at', 'probability', 'sdr', 'account_id', 'account_key']) expect(columns).not.toContain(f);
    expect(columns).toEqual(expect.arrayContaining(['opportunity_id', 'amount', 'close_date', 'account_name', 'first_win']));
    const types = Object.fromEntries((await db.query<{ c: string; t: string }>(sql`SELECT column_name AS c, column_type AS t FROM (DESCRIBE opportunities)`)).map((r) => [r.c, r.t]));
    expect(types).toMatchObject({ won_at: 'DATE', probability: 'DOUBLE', sdr: 'VARCHAR', account_key: 'VARCHAR', region: 'ENUM()' });
    // The account key falls back to the name: A, closed first, is Acme's first win.
    expect(await db.query(sql`SELECT opportunity_id AS id, account_key AS k, first_win AS f FROM opportunities ORDER BY 1`)).toEqual([
      { id: 'A', k: 'Acme', f: true },
      { id: 'B', k: 'Acme', f: false },
    ]);
    // Of two wins closed the same day, the first id is the account's first win; an account has one
    // first win even where its id is repeated (a duplicate row).
    const ties = 'opportunity_id,created_at,stage,amount,close_date,account_name\nT2,2024-01-01,Closed Won,1,2024-01-05,Tie\nT10,2024-01-01,Closed Won,1,2024-01-05,Tie\nT3,2024-01-01,Closed Won,1,2024-01-06,Tie\nT10,2024-01-01,Closed Won,1,2024-01-05,Tie\n';
    const tied = await storeWith(csvFile('ties.csv', ties));
    expect(await tied.db.query(sql`SELECT opportunity_id AS id, count(*) FILTER (WHERE first_win) AS f FROM opportunities GROUP BY 1 ORDER BY 1`)).toEqual([
      { id: 'T10', f: 1 },
      { id: 'T2', f: 0 },
      { id: 'T3', f: 0 },
    ]);
    // A filter on a field no file has is set aside, as before.
    const p = paramsFor(store, { filters: { region: ['EMEA'] } });
    expect(ignoredFilters(p, 'opportunities')).toEqual(['region']);
    const [t] = await db.query(newBusinessTilesSql(p, { from: '2024-01-01', to: '2024-12-31' }));
    expect(t.won_deals).toBe(2);

    const b = 'opportunity_id,created_at,stage,amount,close_date,region,account_id\nC,2024-01-04,Closed Won,7,2024-01-20,EMEA,X1\n';
    await store.add('b.csv', csvFile('b.csv', b));
    expect(await stored(db)).toEqual(expect.arrayContaining(['region', 'account_id']));
    const [u] = await db.query(newBusinessTilesSql(paramsFor(store, { filters: { region: ['EMEA'] } }), { from: '2024-01-01', to: '2024-12-31' }));
    expect([u.won_deals, u.new_bookings]).toEqual([1, 7]);
    expect(await db.query(sql`SELECT opportunity_id AS id, account_key AS k, first_win AS f FROM opportunities ORDER BY 1`)).toEqual([
      { id: 'A', k: 'Acme', f: true },
      { id: 'B', k: 'Acme', f: false },
      { id: 'C', k: 'X1', f: true },
    ]);
  });
});

describe('the sample values the mapping screen shows', () => {
  test('up to three distinct values per column from the first 500 rows, blanks (spaces) skipped, in file order', async () => {
    const lines = ['Opportunity ID,Stage,Amount,Notes,Empty'];
    // Notes: blank, spaces only, a tab (not blank to DuckDB's trim), then repeats; Empty is blank throughout.
    const notes = ['', '   ', '\tx', 'b', 'b', 'a', 'c'];
    for (let i = 0; i < 600; i++) lines.push(`D${i},${i < 500 ? 'Open' : 'Won'},${i % 2 ? '10' : '20'},"${notes[i] ?? 'late'}", `);
    const { store } = await storeWith(csvFile('samples.csv', `${lines.join('\n')}\n`));
    const samples = store.files[0].samples;
    expect(samples['Opportunity ID']).toEqual(['D0', 'D1', 'D2']);
    // Row 500 and later are not read: only one stage shows.
    expect(samples.Stage).toEqual(['Open']);
    expect(samples.Amount).toEqual(['20', '10']);
    expect(samples.Notes).toEqual(['\tx', 'b', 'a']);
    expect(samples.Empty).toEqual([]);
  });
});
