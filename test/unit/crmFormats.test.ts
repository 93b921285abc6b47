// Every CRM export format, encoding, number and date style gives the KPIs of the same deals in
// canonical form. The deals (test/fixtures/crm/reference.csv), range 2024-01-01..2024-06-30:
//   won in range: D1 02-14, D2 03-03, D3 04-15 (expansion), D8 06-30 (expansion), D10 06-01 -> 5
//   lost in range: D4 03-20, D5 05-31 (amount -100) -> 2; win rate 5/7
//   new bookings: D1 12345.67 + D2 2500 + D10 9999.99 = 24845.66; avg deal size 24845.66 / 3
//   sales cycle: D1 40, D2 43, D3 74, D8 56, D10 78 days -> median 56
//   pipeline created (created in range, all but D7): 40046.16
//   new customers: Acme (D1), Müller (D2), 北京科技 (D10) -> 3; Zeta's first win is in 2023
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { DataStore } from '../../src/lib/app/dataStore';
import { headerSignature } from '../../src/lib/app/loadedFile';
import { decodeMappings, encodeMappings } from '../../src/lib/state/mappingCodec';
import type { DbClient } from '../../src/lib/db/client';
import { paramsFor, queryNewBusiness, storeWith, type NewBusinessResults } from './helpers';
import { gb18030, utf16be, utf16le, windows1252 } from '../support/encoders';

const DIR = new URL('../fixtures/crm/', import.meta.url).pathname;
const text = (name: string) => readFileSync(`${DIR}${name}`, 'utf8');
const RANGE = { from: '2024-01-01', to: '2024-06-30' };

async function kpis(db: DbClient, store: DataStore): Promise<NewBusinessResults> {
  return queryNewBusiness(db, paramsFor(store, { range: RANGE, asOf: '2024-06-30' }));
}

async function load(name: string, bytes: Uint8Array | string) {
  const { db, store } = await storeWith(new File([bytes as BlobPart], name));
  expect(store.files[0]).toMatchObject({ kind: 'opportunities', rows: 10, missing: [], rejected: 0 });
  return { db, store, results: await kpis(db, store) };
}

const latinOnly = (s: string) => s.replaceAll('北京科技', 'Beijing Keji').replaceAll('上海贸易', 'Shanghai Maoyi').replaceAll('平台', 'Platform').replaceAll('二期', 'Phase 2');

/** The reference deals rewritten with other date and number styles (canonical headers, semicolons). */
function restyle(date: (iso: string) => string, number: (n: number) => string): string {
  const rows = Papa.parse<Record<string, string>>(text('reference.csv'), { header: true, skipEmptyLines: true }).data;
  return Papa.unparse(rows.map((r) => ({ ...r, amount: number(Number(r.amount)), created_at: date(r.created_at), close_date: date(r.close_date) })), { delimiter: ';' });
}
const excelSerial = (iso: string) => String((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
const dotted = (iso: string) => iso.split('-').reverse().join('.');
const euro = (n: number) => {
  const [int, dec] = Math.abs(n).toFixed(2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${n < 0 ? '(' : ''}${grouped},${dec} €${n < 0 ? ')' : ''}`;
};

describe('the reference deals in canonical form', () => {
  test('match the hand computation', async () => {
    const { results } = await load('reference.csv', text('reference.csv'));
    const t = results.tiles;
    expect([t.won_deals, t.lost_deals, t.sales_cycle_days, t.new_customers]).toEqual([5, 2, 56, 3]);
    expect(t.win_rate).toBeCloseTo(5 / 7, 12);
    expect(t.new_bookings).toBeCloseTo(24845.66, 6);
    expect(t.avg_deal_size).toBeCloseTo(24845.66 / 3, 6);
    expect(t.pipeline_created_amount).toBeCloseTo(40046.16, 6);
  });
});

function expectSameKpis(actual: NewBusinessResults, expected: NewBusinessResults) {
  for (const [k, v] of Object.entries(expected.tiles)) {
    if (typeof v === 'number') expect([k, actual.tiles[k as keyof typeof actual.tiles]]).toEqual([k, expect.closeTo(v, 6)]);
    else expect([k, actual.tiles[k as keyof typeof actual.tiles]]).toEqual([k, v]);
  }
  expect(actual.series.map((p) => [p.period, p.won_deals, p.lost_deals])).toEqual(expected.series.map((p) => [p.period, p.won_deals, p.lost_deals]));
}

describe('each CRM export maps automatically to the same KPIs', () => {
  const variants: [string, () => string | Uint8Array][] = [
    ['salesforce.csv (UTF-8 BOM, CRLF, US dates, $ amounts, a quoted newline)', () => `\uFEFF${text('salesforce.csv')}`],
    ['salesforce.txt (Excel "Unicode text": UTF-16LE with BOM, tab-separated)', () => utf16le(Papa.unparse(Papa.parse<string[]>(text('salesforce.csv')).data.filter((r) => r.length > 1), { delimiter: '\t' }))],
    ['salesforce (UTF-16BE with BOM)', () => utf16be(text('salesforce.csv'))],
    ['hubspot.csv (stage ids, dates with times, newbusiness/existingbusiness)', () => text('hubspot.csv')],
    ['zoho.csv (day-first dates with AM/PM times, £ amounts)', () => text('zoho.csv')],
    ['zoho.csv in Windows-1252', () => windows1252(latinOnly(text('zoho.csv')))],
    ['chinese.csv (纷享销客-style headers, 赢单/输单, ¥ amounts, 2024/1/5 dates)', () => text('chinese.csv')],
    ['chinese.csv in GB18030 (Excel on Chinese Windows writes the full-width ￥)', () => gb18030(text('chinese.csv').replaceAll('¥', '￥'))],
    ['Excel serial dates, "12 345,67 €" amounts, negatives in brackets', () => restyle(excelSerial, euro)],
    ['D.M.YYYY dates and "12.345,67" amounts', () => restyle(dotted, (n) => n.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.'))],
  ];
  let reference: NewBusinessResults;

  test.each(variants)('%s', async (name, bytes) => {
    reference ??= (await load('reference.csv', text('reference.csv'))).results;
    const { results } = await load(name, bytes());
    expectSameKpis(results, reference);
  });

  test('pipedrive.csv (semicolons, comma decimals, won/lost status and times) has no deal type: every win is new business', async () => {
    reference ??= (await load('reference.csv', text('reference.csv'))).results;
    const { results, db } = await load('pipedrive.csv', text('pipedrive.csv'));
    // Without a type column, D3 and D8 count as new business: 24845.66 + 800.5 + 3000.
    expect(results.tiles.new_bookings).toBeCloseTo(28646.16, 6);
    expect(results.tiles.avg_deal_size).toBeCloseTo(28646.16 / 5, 6);
    expect([results.tiles.expansion_bookings, results.tiles.new_deals]).toEqual([0, 5]);
    expect(results.tiles.bookings_arpa).toBeCloseTo(28646.16 / 3, 6); // 3 new customers either way
    const typeDependent = ['new_bookings', 'avg_deal_size', 'expansion_bookings', 'new_deals', 'bookings_arpa'] as const;
    const same = { ...results.tiles, ...Object.fromEntries(typeDependent.map((k) => [k, reference.tiles[k]])) };
    expectSameKpis({ ...results, tiles: same }, reference);
    const [cur] = await db.query<{ c: string }>({ text: "SELECT DISTINCT currency AS c FROM opportunities", params: [] });
    expect(cur.c).toBe('EUR');
  });
});

/**
 * The reference deals as other CRMs export them, written from reference.csv row by row: each
 * CRM's own headers, status words, date and money styles. `type` says whether the export has a
 * deal type column (without one every win is new business, as for Pipedrive above).
 */
describe('more CRMs map automatically to the same KPIs', () => {
  type Deal = Record<'opportunity_id' | 'opportunity_name' | 'account_name' | 'owner' | 'stage' | 'amount' | 'created_at' | 'close_date' | 'type', string>;
  const deals = Papa.parse<Deal>(text('reference.csv'), { header: true, skipEmptyLines: true }).data;
  const won = (d: Deal) => d.stage === 'Closed Won';
  const lost = (d: Deal) => d.stage === 'Closed Lost';
  const us = (iso: string) => { const [y, m, d] = iso.split('-').map(Number); return `${m}/${d}/${y}`; };
  const money = (n: string) => `${Number(n) < 0 ? '-' : ''}$${Math.abs(Number(n)).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
  const csv = (rows: Record<string, string>[]) => Papa.unparse(rows);

  const exports: [string, boolean, () => string][] = [
    ['Microsoft Dynamics 365 (Status Open/Won/Lost, Est./Actual close dates, US dates with times, $ amounts)', true, () => csv(deals.map((d, i) => ({
      '(Do Not Modify) Opportunity': `8f1c${i}e2a-0000-4000-9000-00000000000${i}`,
      '(Do Not Modify) Row Checksum': `chk${i}`,
      Topic: d.opportunity_name,
      'Potential Customer': d.account_name,
      'Est. Close Date': us(d.close_date),
      'Est. Revenue': money(d.amount),
      Status: won(d) ? 'Won' : lost(d) ? 'Lost' : 'Open',
      'Sales Stage': won(d) || lost(d) ? 'Close' : 'Propose',
      Owner: d.owner,
      'Created On': `${us(d.created_at)} 9:12 AM`,
      'Actual Close Date': won(d) || lost(d) ? us(d.close_date) : '',
      Type: d.type,
    })))],
    ['Odoo CRM (no id column, lost deals keep their stage and get a lost reason)', false, () => csv(deals.map((d) => ({
      Opportunity: d.opportunity_name,
      Customer: d.account_name,
      'Expected Revenue': d.amount,
      Probability: won(d) ? '100' : lost(d) ? '0' : '30',
      Stage: won(d) ? 'Won' : lost(d) ? 'Proposition' : 'Qualified',
      Salesperson: d.owner,
      'Sales Team': 'Europe',
      'Expected Closing': d.close_date,
      'Created on': `${d.created_at} 09:12:00`,
      'Closed Date': won(d) || lost(d) ? `${d.close_date} 17:00:00` : '',
      'Lost Reason': lost(d) ? 'Too expensive' : '',
    })))],
    ['Copper (Status Open/Won/Abandoned)', false, () => csv(deals.map((d) => ({
      Name: d.opportunity_name, Company: d.account_name, Pipeline: 'Sales', Stage: won(d) || lost(d) ? 'Closed' : 'Demo',
      Value: d.amount, Status: won(d) ? 'Won' : lost(d) ? 'Abandoned' : 'Open', Owner: d.owner,
      'Close Date': us(d.close_date), 'Date Created': us(d.created_at), 'Win Probability': won(d) ? '100' : '40',
    })))],
    ['SugarCRM / SuiteCRM (field names as headers, Existing Business type)', true, () => csv(deals.map((d) => ({
      id: `a1b2-${d.opportunity_id}`, name: d.opportunity_name, date_entered: `${d.created_at} 09:12:00`, assigned_user_name: d.owner,
      opportunity_type: d.type === 'Expansion' ? 'Existing Business' : d.type, account_name: d.account_name, lead_source: 'Web Site',
      amount: d.amount, currency_id: '-99', date_closed: d.close_date, sales_stage: d.stage === 'Negotiation' ? 'Negotiation/Review' : d.stage,
      probability: won(d) ? '100' : '20',
    })))],
    ['Freshsales (Deal stage Won/Lost, Sales owner, Closed date)', true, () => csv(deals.map((d) => ({
      Name: d.opportunity_name, Amount: d.amount, 'Deal stage': won(d) ? 'Won' : lost(d) ? 'Lost' : 'Negotiation', 'Sales owner': d.owner,
      'Expected close date': d.close_date, 'Closed date': won(d) || lost(d) ? d.close_date : '', 'Created at': `${d.created_at} 09:12`,
      'Deal type': d.type, 'Account name': d.account_name, 'Probability (%)': won(d) ? '100' : '50',
    })))],
  ];

  test.each(exports)('%s', async (_name, hasType, make) => {
    const reference = (await load('reference.csv', text('reference.csv'))).results;
    const { results } = await load('export.csv', make());
    if (hasType) {
      expectSameKpis(results, reference);
      return;
    }
    // No deal type: D3 and D8 (expansions) count as new business, as for Pipedrive: 24845.66 + 800.5 + 3000.
    expect(results.tiles.new_bookings).toBeCloseTo(28646.16, 6);
    const typeDependent = ['new_bookings', 'avg_deal_size', 'expansion_bookings', 'new_deals', 'bookings_arpa'] as const;
    expectSameKpis({ ...results, tiles: { ...results.tiles, ...Object.fromEntries(typeDependent.map((k) => [k, reference.tiles[k]])) } }, reference);
  });
});

describe('more export details', () => {
  const range = { from: '2024-01-01', to: '2024-12-31' };

  test('amounts written "USD 1,200", "CNY 1,200" and "(1,200.50)": the number, the sign and the currency', async () => {
    const text = 'opportunity_id,created_at,stage,amount\nA,2024-01-02,Closed Won,"USD 1,200"\nB,2024-01-03,Closed Won,"CNY 1,200"\nC,2024-01-04,Closed Lost,"(1,200.50)"\nD,2024-01-05,Closed Lost,"USD (1,200.50)"\n';
    const { db, store } = await storeWith(new File([text], 'amounts.csv'));
    expect(store.files[0].numberFormats.amount).toBe('dot');
    const rows = await db.query({ text: 'SELECT opportunity_id AS id, amount, currency FROM opportunities ORDER BY 1', params: [] });
    // No currency column: the code in the amount is kept as the currency; brackets make it negative.
    expect(rows).toEqual([
      { id: 'A', amount: 1200, currency: 'USD' },
      { id: 'B', amount: 1200, currency: 'CNY' },
      { id: 'C', amount: -1200.5, currency: null },
      { id: 'D', amount: -1200.5, currency: 'USD' },
    ]);
  });

  test('a loss reason makes a deal lost; a placeholder such as N/A or "-" does not', async () => {
    const text = 'Opportunity ID,Created Date,Stage,Amount,Close Date,Loss Reason\n1,2024-01-05,Negotiation,1000,2024-06-30,N/A\n2,2024-01-06,Proposal,500,2024-06-30,-\n3,2024-01-07,Proposal,700,2024-03-01,Price\n4,2024-01-08,Negotiation,900,2024-06-30,\n';
    const { db } = await storeWith(new File([text], 'sf.csv'));
    const rows = await db.query({ text: 'SELECT opportunity_id AS id, is_lost FROM opportunities ORDER BY 1', params: [] });
    expect(rows).toEqual([{ id: '1', is_lost: false }, { id: '2', is_lost: false }, { id: '3', is_lost: true }, { id: '4', is_lost: false }]);
  });

  test('HubSpot deals whose stage column holds the labels rather than the ids', async () => {
    const text = [
      'Record ID,Deal Name,Deal Stage,Amount,Create Date,Close Date,Deal Type',
      '1,A,Qualified To Buy,100,2024-01-02 10:00,2024-06-01 10:00,newbusiness',
      '2,B,Closed Won,200,2024-01-03 10:00,2024-02-01 10:00,newbusiness',
      '3,C,Closed Lost,300,2024-01-04 10:00,2024-02-02 10:00,newbusiness',
      '4,D,Contract Sent,400,2024-01-05 10:00,2024-06-02 10:00,newbusiness',
      '5,E,Appointment Scheduled,500,2024-01-06 10:00,2024-06-03 10:00,newbusiness',
      '6,F,Closed Won,600,2024-01-07 10:00,2024-03-01 10:00,existingbusiness',
      '7,G,Decision Maker Bought-In,700,2024-01-08 10:00,2024-06-04 10:00,newbusiness',
    ].join('\n');
    const { db, store } = await storeWith(new File([text], 'hubspot-labels.csv'));
    expect(store.files[0]).toMatchObject({ kind: 'opportunities', missing: [] });
    // Won: B (new, 200) and F (existing business = expansion, 600); lost: C.
    const { tiles } = await queryNewBusiness(db, paramsFor(store, { range }));
    expect([tiles.won_deals, tiles.lost_deals, tiles.new_bookings, tiles.expansion_bookings]).toEqual([2, 1, 200, 600]);
    // HubSpot's default order, not the alphabet: appointment, qualified, decision maker, contract.
    const open = store.stages.filter((s) => !s.isWon && !s.isLost).map((s) => [s.stage, s.ord]);
    expect(open).toEqual([['Appointment Scheduled', 1], ['Qualified To Buy', 2], ['Decision Maker Bought-In', 3], ['Contract Sent', 4]]);
  });

  test('a Chinese export whose 商机类型 is 续费 (renewal) or 增购 (expansion)', async () => {
    const text = [
      '商机编号,商机名称,客户名称,负责人,销售阶段,商机金额,创建时间,结单日期,商机类型',
      'C1,平台,甲公司,张三,赢单,"¥1,000.00",2024/1/5,2024/2/1,新业务',
      'C2,年费,甲公司,张三,赢单,¥300,2024/2/5,2024/3/1,续费',
      'C3,扩容,甲公司,李四,赢单,¥200,2024/2/6,2024/3/2,增购',
      'C4,试点,乙公司,李四,输单,¥500,2024/2/7,2024/3/3,新业务',
    ].join('\n');
    const { db, store } = await storeWith(new File([text], '商机.csv'));
    const types = await db.query({ text: 'SELECT opportunity_id AS id, deal_type AS t FROM opportunities ORDER BY 1', params: [] });
    expect(types.map((r) => [r.id, r.t])).toEqual([['C1', 'new'], ['C2', 'renewal'], ['C3', 'expansion'], ['C4', 'new']]);
    // New business: C1 1,000 only; expansion: C3 200; the renewal C2 is neither. Won 3, lost 1.
    const { tiles } = await queryNewBusiness(db, paramsFor(store, { range }));
    expect([tiles.won_deals, tiles.lost_deals, tiles.new_bookings, tiles.expansion_bookings]).toEqual([3, 1, 1000, 200]);
  });

  test('Salesforce "Probability (%)" becomes a fraction, 1% included', async () => {
    const text = '"Opportunity ID","Stage","Amount","Probability (%)","Created Date","Close Date"\n"A","Prospecting","100","10","1/2/2024","3/1/2024"\n"B","Prospecting","100","1","1/3/2024","3/1/2024"\n"C","Negotiation/Review","100","75","1/4/2024","3/1/2024"\n"D","Closed Won","100","100","1/5/2024","2/1/2024"\n"E","Closed Lost","100","0","1/6/2024","2/1/2024"\n';
    const { db, store } = await storeWith(new File([text], 'sf.csv'));
    expect(store.files[0].mapping.probability).toBe('Probability (%)');
    const rows = await db.query({ text: 'SELECT opportunity_id AS id, probability AS p FROM opportunities ORDER BY 1', params: [] });
    // 10% = 0.1, 1% = 0.01, 75% = 0.75, 100% = 1, 0% = 0.
    expect(rows.map((r) => [r.id, r.p])).toEqual([['A', 0.1], ['B', 0.01], ['C', 0.75], ['D', 1], ['E', 0]]);
  });

  test('a date column ambiguous in its first 20,000 rows and day-first after: the whole column decides', async () => {
    // Rows 1-20,000: days and months both 1-12 (either order parses); rows 20,001-20,003: day 25.
    const lines = ['opportunity_id,created_at,stage,amount'];
    for (let i = 0; i < 20_000; i++) lines.push(`O${i},${String((i % 12) + 1).padStart(2, '0')}/${String(((i + 4) % 12) + 1).padStart(2, '0')}/2024,Closed Won,1`);
    for (let i = 0; i < 3; i++) lines.push(`L${i},25/0${i + 1}/2024,Closed Won,1`);
    const { db, store } = await storeWith(new File([lines.join('\n')], 'long.csv'));
    const f = store.files[0];
    expect([f.rows, f.dateFormats.created_at, f.dayOrderGuessed]).toEqual([20_003, '%d/%m/%Y', []]);
    // O0 is "01/05/2024": day-first, 1 May; L2 is "25/03/2024", 25 March.
    const rows = await db.query({ text: "SELECT opportunity_id AS id, strftime(created_at, '%Y-%m-%d') AS c FROM opportunities WHERE opportunity_id IN ('O0', 'L2') ORDER BY 1", params: [] });
    expect(rows).toEqual([{ id: 'L2', c: '2024-03-25' }, { id: 'O0', c: '2024-05-01' }]);
  });
});

describe('the user reads a file again, or changes its kind', () => {
  test('another encoding: a Windows-1252 file first read as UTF-8', async () => {
    const text = 'opportunity_id,account_name,created_at,stage,amount\nA,Müller GmbH,2024-01-02,Closed Won,100\nB,Acme,2024-01-03,Closed Won,50\n';
    const { db, store } = await storeWith();
    const f = await store.add('latin.csv', new File([windows1252(text) as BlobPart], 'latin.csv'), { encoding: 'utf-8' });
    expect(f.encoding).toBe('utf-8');
    const names = async () => (await db.query({ text: 'SELECT account_name AS a FROM opportunities ORDER BY opportunity_id', params: [] })).map((r) => r.a);
    // Read as UTF-8, "Müller" (ü = byte 0xFC) is no valid UTF-8: its row is rejected and counted.
    expect([f.rows, f.rejected, await names()]).toEqual([1, 1, ['Acme']]);
    const fresh = await store.reread(f.id, { encoding: 'windows-1252' });
    expect([fresh.id, fresh.encoding, fresh.kind, fresh.rows, fresh.rejected]).toEqual([f.id, 'windows-1252', 'opportunities', 2, 0]);
    expect(await names()).toEqual(['Müller GmbH', 'Acme']);
    // 100 + 50
    expect((await db.query({ text: 'SELECT sum(amount) AS s FROM opportunities', params: [] }))[0].s).toBe(150);
  });

  test('another separator: a ;-separated file read with "," keeps its kind and waits; read with ";" it loads', async () => {
    // With "," the header is one column, so the first read must come from the user's pick; the file
    // stays an opportunities file (the kind is kept on a re-read) with every field missing.
    const text = 'opportunity_id;created_at;stage;amount\nA;2024-01-02;Closed Won;100\nB;2024-01-03;Closed Lost;50\n';
    const { store } = await storeWith(new File([text], 'semi.csv'));
    const id = store.files[0].id;
    const wrong = await store.reread(id, { delimiter: ',' });
    expect([wrong.delimiter, wrong.kind, wrong.columns.length, wrong.missing.length > 0]).toEqual([',', 'opportunities', 1, true]);
    expect(store.has('opportunities')).toBe(false);
    const right = await store.reread(id, { delimiter: ';' });
    expect([right.delimiter, right.columns, right.missing, right.rows]).toEqual([';', ['opportunity_id', 'created_at', 'stage', 'amount'], [], 2]);
    expect(store.has('opportunities')).toBe(true);
  });

  test('the encoding picked goes with the mapping: a link re-reads a colleague\'s copy that way', async () => {
    // Detection is made to read the file as UTF-8 (as it would a file whose first bytes mislead it).
    const text = 'opportunity_id,account_name,created_at,stage,amount\nA,Müller GmbH,2024-01-02,Closed Won,100\nB,Acme,2024-01-03,Closed Won,50\n';
    const file = () => new File([windows1252(text) as BlobPart], 'latin.csv');
    const sender = await storeWith();
    const f = await sender.store.add('latin.csv', file(), { encoding: 'utf-8' });
    expect(sender.store.overrideOf(f)).toBeNull();
    const fresh = await sender.store.reread(f.id, { encoding: 'windows-1252' });
    // Only the reading differs from detection; the kind is always named.
    const override = sender.store.overrideOf(fresh)!;
    expect(override).toEqual({ kind: 'opportunities', fields: {}, formats: {}, encoding: 'windows-1252' });
    const link = encodeMappings({ [fresh.signature]: override });
    expect(link).toBe(`${fresh.signature}~o~enc.w1252`);

    const recipient = await storeWith();
    const g = await recipient.store.add('latin.csv', file(), { encoding: 'utf-8', overrides: decodeMappings(link)! });
    // Both rows load (read as UTF-8 the Müller row was rejected): 100 + 50.
    expect([g.encoding, g.rows, g.rejected, g.signature]).toEqual(['windows-1252', 2, 0, fresh.signature]);
    const [{ s }] = await recipient.db.query({ text: 'SELECT sum(amount) AS s FROM opportunities', params: [] });
    expect(s).toBe(150);
    // The recipient's own later corrections stay filed the same way.
    expect(recipient.store.overrideOf(g)).toEqual(override);
  });

  test('the delimiter picked goes with the mapping, filed under the headers detection read', async () => {
    // Read with "," (detection made to misread it) the header is one column named after all four;
    // that one-column header set is the signature a colleague's copy will show before any correction.
    const text = 'opportunity_id;created_at;stage;amount;won_on\nA;2024-01-02;Won;100;03/02/2024\nB;2024-01-05;Lost;50;04/02/2024\n';
    const file = () => new File([text], 'semi.csv');
    const signature = headerSignature(['opportunity_id;created_at;stage;amount;won_on']);
    const sender = await storeWith();
    const f = await sender.store.add('semi.csv', file(), { delimiter: ',' });
    expect([f.signature, f.columns.length, f.unrecognised]).toEqual([signature, 1, true]);
    const fresh = await sender.store.reread(f.id, { delimiter: ';' });
    await sender.store.remap(fresh.id, { fields: { close_date: 'won_on' } });
    await sender.store.remap(fresh.id, { dateFormats: { won_on: '%d/%m/%Y' } });
    const override = sender.store.overrideOf(fresh)!;
    // won_on is column 4 of the file read with ";".
    expect(override).toEqual({ kind: 'opportunities', fields: { close_date: 4 }, formats: { 4: '%d/%m/%Y' }, delimiter: ';' });
    const link = encodeMappings({ [fresh.signature]: override });
    expect(link).toBe(`${signature}~o~close_date.4~@4.dmy~sep.sc`);

    const recipient = await storeWith();
    const g = await recipient.store.add('semi.csv', file(), { delimiter: ',', overrides: decodeMappings(link)! });
    expect([g.delimiter, g.columns.length, g.missing, g.unrecognised, g.signature]).toEqual([';', 5, [], false, signature]);
    // Day-first: A closed 3 February, B 4 February.
    const rows = await recipient.db.query({ text: "SELECT opportunity_id AS id, strftime(close_date, '%Y-%m-%d') AS d FROM opportunities ORDER BY 1", params: [] });
    expect(rows).toEqual([{ id: 'A', d: '2024-02-03' }, { id: 'B', d: '2024-02-04' }]);
  });

  test('a remembered reading that fails on this copy leaves the file read as detected', async () => {
    const text = 'opportunity_id,created_at,stage,amount\nA,2024-01-02,Closed Won,100\nB,2024-01-03,Closed Lost,50\n';
    const signature = headerSignature(['opportunity_id', 'created_at', 'stage', 'amount']);
    // Read as UTF-16 these ASCII bytes pair up into one long line: a header and no rows.
    const overrides = { [signature]: { kind: 'leads' as const, fields: {}, formats: {}, encoding: 'utf-16le' as const } };
    const { store } = await storeWith();
    const f = await store.add('deals.csv', new File([text], 'deals.csv'), { overrides });
    expect([f.encoding, f.kind, f.rows, f.missing]).toEqual(['utf-8', 'opportunities', 2, []]);
    expect(store.overrideOf(f)).toBeNull();
  });

  test('corrections made before a re-read are kept where the columns are still there', async () => {
    const text = 'opportunity_id,created_date,status_text,amount,won_on\nA,2024-01-02,Won,100,03/02/2024\nB,2024-01-05,Lost,50,04/02/2024\n';
    const { db, store } = await storeWith(new File([text], 'deals.csv'));
    const f = store.files[0];
    await store.remap(f.id, { fields: { stage: 'status_text', close_date: 'won_on' } });
    await store.remap(f.id, { dateFormats: { won_on: '%d/%m/%Y' } });
    const fresh = await store.reread(f.id, { encoding: 'windows-1252' });
    expect([fresh.mapping.stage, fresh.mapping.close_date, fresh.dateFormats.won_on, fresh.missing]).toEqual(['status_text', 'won_on', '%d/%m/%Y', []]);
    // status_text is column 2 and won_on column 4; the file was detected as UTF-8.
    expect(store.overrideOf(fresh)).toEqual({ kind: 'opportunities', fields: { stage: 2, close_date: 4 }, formats: { 4: '%d/%m/%Y' }, encoding: 'windows-1252' });
    // Day-first: A closed 3 February, B 4 February.
    const rows = await db.query({ text: "SELECT opportunity_id AS id, strftime(close_date, '%Y-%m-%d') AS d FROM opportunities ORDER BY 1", params: [] });
    expect(rows).toEqual([{ id: 'A', d: '2024-02-03' }, { id: 'B', d: '2024-02-04' }]);
  });

  test('remap to another kind moves the rows between canonical tables, and back', async () => {
    const text = 'id,created_at,source,status,amount\n1,2024-01-02,Web,Won,100\n2,2024-01-03,Partner,Lost,50\n3,2024-01-04,Web,Open,20\n';
    const { db, store } = await storeWith(new File([text], 'mixed.csv'));
    const f = store.files[0];
    const count = async (table: string) => (await db.query({ text: `SELECT count(*) AS n FROM ${table}`, params: [] }))[0].n;
    expect(f.kind).toBe('opportunities');
    await store.remap(f.id, { kind: 'leads' });
    expect([f.kind, f.missing, f.mapping.lead_id, await count('leads'), await count('opportunities')]).toEqual(['leads', [], 'id', 3, 0]);
    await store.remap(f.id, { kind: 'opportunities' });
    expect([await count('leads'), await count('opportunities')]).toEqual([0, 3]);
    // The status says won (1), lost (2) and open (3); created in range: 100 + 50 + 20 = 170.
    const flags = await db.query({ text: 'SELECT opportunity_id AS id, is_won AS w, is_lost AS l FROM opportunities ORDER BY 1', params: [] });
    expect(flags.map((r) => [r.id, r.w, r.l])).toEqual([['1', true, false], ['2', false, true], ['3', false, false]]);
    const { tiles } = await queryNewBusiness(db, paramsFor(store, { range: { from: '2024-01-01', to: '2024-12-31' } }));
    expect(tiles.pipeline_created_amount).toBe(170);
  });
});
