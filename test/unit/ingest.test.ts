// Ingest: specific errors for unusable files, date formats decided from the whole column, and the
// data already loaded left untouched by a bad file.
import { describe, expect, test } from 'vitest';
import { IngestError, sniff } from '../../src/lib/db/ingest';
import { sql } from '../../src/lib/db/sql';
import { csvFile, paramsFor, queryNewBusiness, storeWith } from './helpers';

async function errorCode(file: File): Promise<string> {
  try {
    await sniff(file);
    return 'none';
  } catch (e) {
    return e instanceof IngestError ? e.code : `other: ${e}`;
  }
}

describe('sniff', () => {
  test('reads headers, delimiter and sample rows from the first bytes', async () => {
    const s = await sniff(csvFile('a.csv', '\uFEFFopportunity_id;amount\r\nO1;"1,5"\r\nO2;3\r\n'));
    expect(s.headers).toEqual(['opportunity_id', 'amount']);
    expect(s.delimiter).toBe(';');
    expect(s.sample).toEqual([['O1', '1,5'], ['O2', '3']]);
  });

  test.each([
    ['empty', new File([], 'e.csv')],
    ['empty', csvFile('blank.csv', '\n\n')],
    ['headerOnly', csvFile('h.csv', 'opportunity_id,amount\n')],
    ['binary', new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2])], 'book.xlsx')],
    ['binary', new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0])], 'deals.xlsx')],
  ])('%s', async (code, file) => {
    expect(await errorCode(file)).toBe(code);
  });
});

describe('loading files into canonical tables', () => {
  test('US and European day orders are decided from the whole column', async () => {
    const us = 'opportunity_id,created_at,stage,amount,close_date\nA,1/2/2024,Won,10,2/13/2024\nB,3/4/2024,Won,10,12/1/2024\n';
    const eu = 'opportunity_id,created_at,stage,amount,close_date\nA,02/01/2024,Won,10,13/02/2024\nB,04/03/2024,Won,10,01/12/2024\n';
    for (const text of [us, eu]) {
      const { db } = await storeWith(csvFile('o.csv', text));
      const rows = await db.query(sql`SELECT opportunity_id AS id, strftime(created_at, '%Y-%m-%d') AS c, strftime(close_date, '%Y-%m-%d') AS d FROM opportunities ORDER BY 1`);
      expect(rows).toEqual([
        { id: 'A', c: '2024-01-02', d: '2024-02-13' },
        { id: 'B', c: '2024-03-04', d: '2024-12-01' },
      ]);
    }
  });

  test('dates with times and amounts with currency symbols and separators', async () => {
    const text = 'Deal ID,Create Date,Deal Stage,Amount,Close Date\nD1,2024-01-05 10:31,closedwon,"$12,345.50",2024-02-01T09:00:00Z\n';
    const { db } = await storeWith(csvFile('d.csv', text));
    const [row] = await db.query(sql`SELECT amount, is_won, strftime(created_at, '%Y-%m-%d') AS c, strftime(close_date, '%Y-%m-%d') AS d FROM opportunities`);
    expect(row).toEqual({ amount: 12345.5, is_won: true, c: '2024-01-05', d: '2024-02-01' });
  });

  test('an unrecognised file is refused and the data loaded before is unchanged', async () => {
    const good = 'opportunity_id,created_at,stage,amount,close_date\nA,2024-01-02,Closed Won,100,2024-02-01\n';
    const { db, store } = await storeWith(csvFile('good.csv', good));
    const params = paramsFor(store);
    const before = await queryNewBusiness(db, params);
    await expect(store.add('tickets.csv', csvFile('tickets.csv', 'ticket_id,priority\nT1,high\n'))).rejects.toMatchObject({ code: 'unrecognised' });
    await expect(store.add('h.csv', csvFile('h.csv', 'opportunity_id,created_at,stage,amount\n'))).rejects.toMatchObject({ code: 'headerOnly' });
    expect(store.files).toHaveLength(1);
    expect(await queryNewBusiness(db, params)).toEqual(before);
    expect(before.tiles.new_bookings).toBe(100);
  });

  test('several files of one kind add up; removing one takes its rows out', async () => {
    const a = 'opportunity_id,created_at,stage,amount,close_date\nA,2024-01-02,Closed Won,100,2024-02-01\n';
    const b = 'Opportunity ID,Created Date,Stage,Amount,Close Date\nB,1/3/2024,Closed Won,$50,2/2/2024\n';
    const { db, store } = await storeWith(csvFile('a.csv', a), csvFile('b.csv', b));
    const total = async () => (await db.query(sql`SELECT sum(amount) AS s FROM opportunities`))[0].s;
    expect(await total()).toBe(150);
    await store.remove(store.files[0].id);
    expect(await total()).toBe(50);
  });
});
