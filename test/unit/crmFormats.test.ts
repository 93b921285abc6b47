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
