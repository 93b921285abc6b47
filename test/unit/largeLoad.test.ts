// A file large enough to be read in parts and written in row ranges: nothing lost or doubled at the
// cuts, generated ids numbered as one reading would, and the tables kept compressed.
import { describe, expect, test } from 'vitest';
import { READ_PART_BYTES } from '../../src/lib/db/fileParts';
import { ROWS_PER_WRITE } from '../../src/lib/crm/tableWrites';
import { join, sql, type Sql } from '../../src/lib/db/sql';
import { DataStore } from '../../src/lib/app/dataStore';
import { csvFile, storeWith, testDb } from './helpers';

describe('a file read in parts and written in row ranges', () => {
  // No id column, so every id is generated from the row's place in the file.
  const ROWS = 2 * ROWS_PER_WRITE + 12_345;
  const stages = ['Prospecting', 'Closed Won', 'Closed Lost', 'Negotiation'];
  const amountOf = (i: number) => (i * 37) % 10_000;
  const stageOf = (i: number) => stages[i % 7 === 0 ? 1 : i % 5 === 0 ? 2 : i % 2 === 0 ? 0 : 3];
  // Every third deal has a date it entered Negotiation (HubSpot's "Date entered" columns): stage history rows.
  const dayOf = (i: number) => String(1 + (i % 28)).padStart(2, '0');
  const lines = ['Account Name,Opportunity Owner,Stage,Amount,Created Date,Close Date,Description,Date entered "Negotiation"'];
  for (let i = 0; i < ROWS; i++) {
    const day = dayOf(i);
    // Every 1,000th description holds a quoted line break and an escaped quote, so that cuts fall near them.
    const note = i % 1000 === 0 ? `"line one\nsays ""two"""` : `note ${i}`;
    lines.push(`Account ${i % 5000},Rep ${i % 40},${stageOf(i)},${amountOf(i)},2024-03-${day},2024-06-${day},${note},${i % 3 === 0 ? `2024-04-${day}` : ''}`);
  }
  const text = `${lines.join('\n')}\n`;

  test('every row once, in file order, with the values it has', async () => {
    expect(text.length).toBeGreaterThan(READ_PART_BYTES);
    const db = await testDb();
    const writes: string[] = [];
    const query = db.query.bind(db);
    Object.assign(db, { query: (q: Sql) => (/^INSERT INTO "(opportunity_rows|stage_history)"/.test(q.text) && writes.push(q.text.slice(13, 29)), query(q)) });
    const store = await DataStore.open(db);
    writes.length = 0;
    await store.add('large.csv', csvFile('large.csv', text));
    // Three ranges each: two of ROWS_PER_WRITE rows, then the rest.
    expect(writes.filter((w) => w.startsWith('opportunity_rows')).length).toBe(3);
    expect(writes.filter((w) => w.startsWith('stage_history')).length).toBe(3);
    expect(store.files[0].rows).toBe(ROWS);
    expect(store.files[0].rejected).toBe(0);

    let won = 0;
    let wonAmount = 0;
    for (let i = 0; i < ROWS; i++) if (stageOf(i) === 'Closed Won') (won++, (wonAmount += amountOf(i)));
    const [totals] = await db.query<{ n: number; ids: number; won: number; won_amount: number; notes: number }>(
      sql`SELECT count(*) AS n, count(DISTINCT opportunity_id) AS ids, count(*) FILTER (WHERE is_won) AS won,
            sum(amount) FILTER (WHERE is_won) AS won_amount, count(*) FILTER (WHERE x_description LIKE '%says "two"') AS notes FROM opportunities`,
    );
    expect(totals).toEqual({ n: ROWS, ids: ROWS, won, won_amount: wonAmount, notes: Math.ceil(ROWS / 1000) });

    // Rows on both sides of each range's end, by their generated ids (row numbers from 1).
    const around = [ROWS_PER_WRITE - 1, ROWS_PER_WRITE, 2 * ROWS_PER_WRITE - 1, 2 * ROWS_PER_WRITE, ROWS - 1];
    const rows = await db.query<{ id: string; amount: number; account: string }>(
      sql`SELECT opportunity_id AS id, amount, account_name AS account FROM opportunities
          WHERE opportunity_id IN (${join(around.map((i) => sql`${`f1-r${i + 1}`}`))}) ORDER BY amount`,
    );
    const expected = around.map((i) => ({ id: `f1-r${i + 1}`, amount: amountOf(i), account: `Account ${i % 5000}` }));
    expect(rows).toEqual(expected.sort((a, b) => a.amount - b.amount));

    // The stage history from the "Date entered" column: every third deal once, a range's first one with its date.
    const [history] = await db.query<{ n: number; ids: number; at_range: string | null }>(
      sql`SELECT count(*) AS n, count(DISTINCT opportunity_id) AS ids,
            strftime(max(entered_at) FILTER (WHERE opportunity_id = ${`f1-r${ROWS_PER_WRITE + 1}`}), '%Y-%m-%d') AS at_range FROM stage_history`,
    );
    expect(ROWS_PER_WRITE % 3).toBe(0);
    expect(history).toEqual({ n: Math.ceil(ROWS / 3), ids: Math.ceil(ROWS / 3), at_range: `2024-04-${dayOf(ROWS_PER_WRITE)}` });
  }, 120_000);

  test("text is kept compressed but a row's own id; numbers, dates and flags are stored plain for the KPI scans", async () => {
    const { db } = await storeWith(csvFile('large.csv', text));
    const storage = await db.query<{ column_name: string; compressions: string[] }>(
      sql`SELECT column_name, list(DISTINCT compression ORDER BY compression) AS compressions FROM pragma_storage_info('opportunity_rows')
          WHERE segment_type <> 'VALIDITY' AND compression NOT IN ('Constant', 'Empty Validity') GROUP BY 1`,
    );
    const by = Object.fromEntries(storage.map((s) => [s.column_name, s.compressions]));
    for (const column of ['account_name', 'x_description']) expect(by[column]).toEqual(['DICT_FSST']);
    for (const column of ['opportunity_id', 'amount', 'close_date', 'created_at', 'is_won', 'owner', 'stage', 'stage_ord']) expect(by[column]).toEqual(['Uncompressed']);
    const raw = await db.query<{ column_name: string; compression: string; n: number }>(
      sql`SELECT column_name, compression, count(*) AS n FROM pragma_storage_info('raw_1') WHERE segment_type = 'VARCHAR' GROUP BY ALL ORDER BY ALL`,
    );
    // Every text column of the raw table, every segment.
    expect(new Set(raw.map((r) => r.compression))).toEqual(new Set(['DICT_FSST']));
    expect(raw.length).toBe(8);
  }, 120_000);

  test("a leads export is written in ranges too: every lead once, with its owner's team", async () => {
    const LEADS = ROWS_PER_WRITE + 5_000;
    const leadLines = ['lead_id,created_at,source,owner,status'];
    for (let i = 0; i < LEADS; i++) leadLines.push(`L${i},2024-0${1 + (i % 9)}-15,Web,Rep ${i % 7},${i % 3 === 0 ? 'Qualified' : 'Open'}`);
    const reps = ['rep,team', ...Array.from({ length: 7 }, (_, r) => `Rep ${r},${r < 3 ? 'North' : 'South'}`)].join('\n');
    const db = await testDb();
    const writes: string[] = [];
    const query = db.query.bind(db);
    Object.assign(db, { query: (q: Sql) => (/^INSERT INTO "leads"/.test(q.text) && writes.push(q.text), query(q)) });
    const store = await DataStore.open(db);
    await store.add('reps.csv', csvFile('reps.csv', `${reps}\n`));
    writes.length = 0;
    await store.add('leads.csv', csvFile('leads.csv', `${leadLines.join('\n')}\n`));
    // Two ranges: the first ROWS_PER_WRITE leads, then the rest.
    expect(writes.length).toBe(2);
    // By hand: owners Rep 0-2 are North; lead i has owner i mod 7.
    let north = 0;
    for (let i = 0; i < LEADS; i++) if (i % 7 < 3) north++;
    const [row] = await db.query<{ n: number; ids: number; north: number; boundary: string | null }>(
      sql`SELECT count(*) AS n, count(DISTINCT lead_id) AS ids, count(*) FILTER (WHERE team = 'North') AS north,
            strftime(max(created_at) FILTER (WHERE lead_id = ${`L${ROWS_PER_WRITE}`}), '%Y-%m-%d') AS boundary FROM leads`,
    );
    expect(row).toEqual({ n: LEADS, ids: LEADS, north, boundary: `2024-0${1 + (ROWS_PER_WRITE % 9)}-15` });
  }, 120_000);
});
