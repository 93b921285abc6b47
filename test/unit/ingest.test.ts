// Ingest: specific errors for unusable files, date formats decided from the whole column, and the
// data already loaded left untouched by a bad file.
import { describe, expect, test } from 'vitest';
import { engineBytesPerCsvByte, IngestError, loadRawTable, MAX_LINE_BYTES, sniff } from '../../src/lib/db/ingest';
import { recordParts, type FilePart } from '../../src/lib/db/fileParts';
import { detectEncoding } from '../../src/lib/db/encoding';
import { gb18030 } from '../support/encoders';
import { sql } from '../../src/lib/db/sql';
import { csvFile, paramsFor, queryNewBusiness, storeWith, testDb } from './helpers';
import { dayOrderGuesses } from '../../src/lib/app/loadedFile';
import { DAY_ORDER_TWIN } from '../../src/lib/crm/parse';
import type { DbClient } from '../../src/lib/db/client';
import { translate } from '../../src/lib/i18n/index.svelte';

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

  test('an unrecognised file waits for the user to map it, counted nowhere; the data loaded before is unchanged', async () => {
    const good = 'opportunity_id,created_at,stage,amount,close_date\nA,2024-01-02,Closed Won,100,2024-02-01\n';
    const { db, store } = await storeWith(csvFile('good.csv', good));
    const params = paramsFor(store);
    const before = await queryNewBusiness(db, params);
    const tickets = await store.add('tickets.csv', csvFile('tickets.csv', 'ticket_id,priority\nT1,high\n'));
    expect(tickets).toMatchObject({ unrecognised: true, rows: 1 });
    expect(tickets.missing.length).toBeGreaterThan(0);
    await expect(store.add('h.csv', csvFile('h.csv', 'opportunity_id,created_at,stage,amount\n'))).rejects.toMatchObject({ code: 'headerOnly' });
    expect(store.files).toHaveLength(2);
    expect(await queryNewBusiness(db, params)).toEqual(before);
    expect(before.tiles.new_bookings).toBe(100);
  });

  test('the user can say what an unrecognised export is: kind and columns, then it counts', async () => {
    // A home-made export whose headers match nothing known.
    const odd = 'Ref,Opened,Phase,Value,Shut\nR1,2024-01-03,Closed Won,700,2024-02-10\nR2,2024-01-04,Closed Lost,300,2024-02-11\nR3,2024-01-05,Closed Won,200,2024-03-01\n';
    const { db, store } = await storeWith();
    const f = await store.add('odd.csv', csvFile('odd.csv', odd));
    expect(f.unrecognised).toBe(true);
    await store.remap(f.id, { kind: 'opportunities', mapping: { opportunity_id: 'Ref', created_at: 'Opened', stage: 'Phase', amount: 'Value', close_date: 'Shut' } });
    expect([f.unrecognised, f.missing]).toEqual([false, []]);
    const r = await queryNewBusiness(db, paramsFor(store));
    expect([r.tiles.won_deals, r.tiles.lost_deals, r.tiles.new_bookings]).toEqual([2, 1, 900]); // R1 + R3
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

describe('a sniff window that cuts a character in two', () => {
  // sniff() reads the first 64 KB (65,536 bytes): a character whose first byte is byte 65,535 is cut.
  const WINDOW = 64 * 1024;
  const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

  /** `head`, then `filler` rows up to the boundary, then a row whose `split` character starts at the window's last byte. */
  function straddle(encode: (s: string) => Uint8Array, head: Uint8Array, filler: (i: number) => string, before: string, split: string, after: string): Uint8Array {
    const parts = [head];
    let size = parts[0].length;
    for (let i = 1; size < WINDOW - 400; i++) {
      parts.push(encode(filler(i)));
      size += parts.at(-1)!.length;
    }
    const lead = encode(before);
    const pad = encode('x'.repeat(WINDOW - 1 - size - lead.length));
    parts.push(lead, pad, encode(`${split}${after}`));
    // Rows after the cut: the file is larger than the window.
    for (let i = 0; i < 50; i++) parts.push(encode(filler(9000 + i)));
    const bytes = concat(parts);
    expect(encode(split)).toHaveLength(2);
    expect(bytes.slice(WINDOW - 1, WINDOW + 1)).toEqual(encode(split)); // the cut falls between its two bytes
    return bytes;
  }

  test('a GB18030 export above 64 KB is read as GB18030, its Chinese headers intact', async () => {
    const head = '商机编号,商机名称,客户名称,负责人,销售阶段,商机金额,创建时间\n';
    const row = (i: number) => `D${i},北京科技 平台,北京科技,张三,赢单,1000,2024/1/5\n`;
    const bytes = straddle(gb18030, gb18030(head), row, 'D0,', '平', '台,北京科技,张三,输单,500,2024/1/6\n');
    expect(detectEncoding(bytes.subarray(0, WINDOW), true)).toBe('gb18030');
    const s = await sniff(new File([bytes as BlobPart], '商机.csv'));
    expect([s.encoding, s.headers[0], s.headers[4]]).toEqual(['gb18030', '商机编号', '销售阶段']);
    const { store } = await storeWith(new File([bytes as BlobPart], '商机.csv'));
    const rows = new TextDecoder('gb18030').decode(bytes).trim().split('\n').length - 1; // every line but the header
    expect(store.files[0]).toMatchObject({ kind: 'opportunities', encoding: 'gb18030', rows, rejected: 0, missing: [] });
  });

  test('a damaged UTF-8 export is judged on whole lines too (its cut last character is not a bad byte)', async () => {
    // One valid two-byte character (é in the header) and one bad byte (a Latin-1 é, 0xE9, in row 1):
    // as many valid as invalid, so UTF-8 with damage. Counting the cut é at the window's end as a
    // second bad byte would tip it to Windows-1252.
    const utf8 = (s: string) => new TextEncoder().encode(s);
    const head = concat([utf8('opportunity_id,created_at,stage,amount,Région\nA,2024-01-01,Won,1,M'), Uint8Array.of(0xe9), utf8('tro\n')]);
    const bytes = straddle(utf8, head, (i) => `B${i},2024-01-02,Won,2,Paris\n`, 'Z,2024-01-03,Won,3,', 'é', 'vreux\n');
    const s = await sniff(new File([bytes as BlobPart], 'deals.csv'));
    expect([s.encoding, s.mixedEncoding, s.headers[4]]).toEqual(['utf-8', true, 'Région']);
  });
});

describe('a day/month order nothing in the file decides is a guess, and says so', () => {
  const header = 'opportunity_id,created_at,stage,amount,close_date\n';
  const dates = async (db: DbClient) =>
    db.query(sql`SELECT opportunity_id AS id, strftime(created_at, '%Y-%m-%d') AS c, strftime(close_date, '%Y-%m-%d') AS d FROM opportunities ORDER BY 1`);

  test('every day <= 12 in every date column: month-first, flagged; flipping goes through remap', async () => {
    const { db, store } = await storeWith(csvFile('o.csv', `${header}A,01/02/2024,Won,10,02/03/2024\nB,03/04/2024,Won,10,05/06/2024\n`));
    const f = store.files[0];
    expect([f.dateFormats.created_at, f.dateFormats.close_date]).toEqual(['%m/%d/%Y', '%m/%d/%Y']);
    expect([...f.dayOrderGuessed].sort()).toEqual(['close_date', 'created_at']);
    expect(dayOrderGuesses(f).sort()).toEqual(['close_date', 'created_at']);
    // Month-first: A's "01/02/2024" is 2 January, its "02/03/2024" 3 February.
    expect((await dates(db))[0]).toEqual({ id: 'A', c: '2024-01-02', d: '2024-02-03' });
    // The flip button applies the twin format of the column: day-first, "01/02/2024" is 1 February.
    await store.remap(f.id, { dateFormats: { created_at: DAY_ORDER_TWIN['%m/%d/%Y']! } });
    expect(f.dateFormats.created_at).toBe('%d/%m/%Y');
    expect(f.dayOrderGuessed).toEqual(['close_date']); // the user chose created_at's order
    expect(await dates(db)).toEqual([{ id: 'A', c: '2024-02-01', d: '2024-02-03' }, { id: 'B', c: '2024-04-03', d: '2024-05-06' }]);
  });

  test('another column of the file proves day-first: no guess', async () => {
    const { store } = await storeWith(csvFile('o.csv', `${header}A,01/02/2024,Won,10,13/03/2024\nB,03/04/2024,Won,10,05/06/2024\n`));
    const f = store.files[0];
    expect([f.dateFormats.created_at, f.dateFormats.close_date, f.dayOrderGuessed]).toEqual(['%d/%m/%Y', '%d/%m/%Y', []]);
  });

  test('ISO dates have no day/month question', async () => {
    const { store } = await storeWith(csvFile('o.csv', `${header}A,2024-01-02,Won,10,2024-02-03\n`));
    expect(store.files[0].dayOrderGuessed).toEqual([]);
  });
});

describe('the engine running out of memory', () => {
  const deals = 'opportunity_id,created_at,stage,amount,close_date\nA,2024-01-05,Closed Won,100,2024-02-01\n';
  /** The Node engine, made to fail like a full wasm heap on statements matching `when`. */
  async function failing(when: RegExp) {
    const { db, store } = await storeWith(csvFile('first.csv', deals));
    const original = db.query.bind(db);
    const query: DbClient['query'] = (q) => (when.test(q.text) ? Promise.reject(new Error('Out of Memory Error: failed to allocate block of 262144 bytes')) : original(q));
    Object.assign(db, { query, exec: async (q: Parameters<DbClient['exec']>[0]) => void (await query(q)) });
    return { db, store };
  }
  const codeOf = (e: unknown) => (e instanceof IngestError ? [e.code, e.detail] : ['other', String(e)]);

  test('while reading the CSV: the too-large advice, and the file loaded before stays', async () => {
    const { db, store } = await failing(/read_csv/);
    const error = await store.add('second.csv', csvFile('second.csv', deals)).then(() => null, codeOf);
    expect(error?.[0]).toBe('outOfMemory');
    expect(store.files.map((f) => f.name)).toEqual(['first.csv']);
    expect((await db.query(sql`SELECT count(*) AS n FROM opportunities`))[0].n).toBe(1);
  });

  test('while building the typed tables: the same advice, and the half-added file is taken out again', async () => {
    const { store } = await failing(/INSERT INTO "opportunity_rows"/);
    const error = await store.add('second.csv', csvFile('second.csv', deals)).then(() => null, codeOf);
    expect(error).toEqual(['outOfMemory', { name: 'second.csv', size: 0 }]);
    expect(store.files.map((f) => f.name)).toEqual(['first.csv']);
  });

  test('a CHECKPOINT the engine refuses does not fail the load: the file is added with its rows', async () => {
    const { db, store } = await storeWith(csvFile('first.csv', deals));
    const original = db.query.bind(db);
    const query: DbClient['query'] = (q) => (/^CHECKPOINT/.test(q.text) ? Promise.reject(new Error('TransactionContext Error: Cannot CHECKPOINT: there are other write transactions active')) : original(q));
    Object.assign(db, { query, exec: async (q: Parameters<DbClient['exec']>[0]) => void (await query(q)) });
    await store.add('second.csv', csvFile('second.csv', deals.replace('A,', 'B,')));
    expect(store.files.map((f) => f.name)).toEqual(['first.csv', 'second.csv']);
    expect((await db.query(sql`SELECT count(*) AS n FROM opportunities`))[0].n).toBe(2);
  });

  test('its message fills every placeholder it has', () => {
    const text = translate('en', 'error.outOfMemory', { name: 'big.csv', size: 700 });
    expect(text).toContain('“big.csv” (700 MB)');
    expect(text).not.toMatch(/[{}]/);
  });
});

describe('long rows', () => {
  // Rows nearly as long as allowed, between runs of short rows, so that some straddle two of
  // DuckDB's read buffers: with a buffer only a little longer than a row, rows went missing.
  test('rows near the longest allowed, among short rows, are all read in full', async () => {
    const parts: string[] = ['id,note,amount\n'];
    const longLengths: number[] = [];
    let shortRows = 0;
    for (let i = 0; i < 6; i++) {
      const length = MAX_LINE_BYTES - 100_000 - i * 1_234_567;
      longLengths.push(length);
      parts.push(`L${i},"${'z'.repeat(length)}",${i}\n`);
      const runs = 2000 + i * 777;
      for (let j = 0; j < runs; j++) parts.push(`S${i}_${j},short,${j}\n`);
      shortRows += runs;
    }
    const db = await testDb();
    const loaded = await loadRawTable(db, new TextEncoder().encode(parts.join('')), 'raw_long', ',');
    expect(loaded.rejected).toBe(0);
    expect(loaded.rows).toBe(6 + shortRows);
    const rows = await db.query<{ id: string; n: number }>(sql`SELECT id, len(note) AS n FROM raw_long WHERE id LIKE 'L%' ORDER BY id`);
    expect(rows.map((r) => r.n)).toEqual(longLengths);
  }, 60_000);
});

describe('a large file read part by part', () => {
  const partsOf = async (file: Uint8Array | Blob, partBytes: number) => {
    const parts: FilePart[] = [];
    for await (const part of recordParts(file, partBytes)) parts.push(part);
    return parts;
  };

  test('parts are cut only where a record ends: never inside a quoted value, escaped quotes included', async () => {
    const text = 'id,note\n1,"x\ny"\n2,z\n3,"q""\nr"\n4,w\n';
    const starts = ['1,"x', '2,z', '3,"q', '4,w'].map((r) => text.indexOf(r));
    const expected = starts.map((from, i) => ({ headerEnd: 'id,note\n'.length, from, to: starts[i + 1] ?? text.length }));
    expect(await partsOf(new TextEncoder().encode(text), 1)).toEqual(expected);
    // Read from a Blob the scan goes through a stream reader: the same cuts.
    expect(await partsOf(new Blob([text]), 1)).toEqual(expected);
    // Parts of at least 8 bytes: the records up to the first line break 8 bytes or more after a part's start.
    expect((await partsOf(new TextEncoder().encode(text), 8)).map((p) => p.from)).toEqual([starts[0], starts[1], starts[3]]);
    // Nothing to cut: one record, or no line break outside quotes.
    expect(await partsOf(new TextEncoder().encode('id,note\n1,a\n'), 1)).toEqual([]);
    expect(await partsOf(new TextEncoder().encode('id,"no\nend'), 1)).toEqual([]);
  });

  test('the same cuts as a reading byte by byte, across the 4 MB pieces the scan reads, with quotes rare or frequent', async () => {
    /** Every record's end (a line break outside quotes) found byte by byte, then the cuts chosen from them. */
    const byteByByte = (bytes: Uint8Array, partBytes: number): FilePart[] => {
      const ends: number[] = [];
      let quoted = false;
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] === 0x22) quoted = !quoted;
        else if (bytes[i] === 0x0a && !quoted) ends.push(i + 1);
      }
      const [headerEnd, ...rest] = ends;
      if (headerEnd === undefined) return [];
      const parts: FilePart[] = [];
      let from = headerEnd;
      for (const at of rest) {
        if (at >= bytes.length || at < from + partBytes) continue;
        parts.push({ headerEnd, from, to: at });
        from = at;
      }
      return from > headerEnd ? [...parts, { headerEnd, from, to: bytes.length }] : parts;
    };
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const quoteShare of [0.0001, 0.01, 0.2]) {
      const alphabet = (r: number) => (r < quoteShare ? 0x22 : r < quoteShare + 0.03 ? 0x0a : r < quoteShare + 0.04 ? 0x0d : r < 0.3 ? 0x2c : 0x61);
      const bytes = new Uint8Array(9 * 1024 * 1024 + 123);
      for (let i = 0; i < bytes.length; i++) bytes[i] = alphabet(random());
      for (const partBytes of [1, 4096, 1 << 20, 5 << 20]) {
        const expected = byteByByte(bytes, partBytes);
        if (partBytes === 1 << 20) expect(expected.length, `quotes ${quoteShare}`).toBeGreaterThan(quoteShare < 0.2 ? 8 : 0);
        expect(await partsOf(bytes, partBytes), `quotes ${quoteShare}, parts of ${partBytes}`).toEqual(expected);
        if (partBytes >= 1 << 20) expect(await partsOf(new Blob([bytes]), partBytes), `Blob, quotes ${quoteShare}, parts of ${partBytes}`).toEqual(expected);
      }
    }
  });

  test('gives the table, the rejected rows and their line numbers that one reading of the whole file gives', async () => {
    // Quoted line breaks, escaped quotes, Windows line ends and rows that do not fit the header,
    // spread so that parts of 2 KB cut between them.
    const lines = ['id,note,amount'];
    let good = 0;
    const badLines: number[] = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 401 === 7) {
        lines.push(`B${i},too,many,columns`);
        badLines.push(lines.length);
      } else if (i % 5 === 0) {
        lines.push(`Q${i},"said ""hi""\nthen left",${i}`);
        good++;
      } else {
        lines.push(`R${i},plain ${i},${i}`);
        good++;
      }
    }
    const bytes = new TextEncoder().encode(lines.join('\r\n') + '\r\n');
    const db = await testDb();
    // A compressed database, as DataStore's.
    await db.exec(sql`ATTACH ':memory:' AS packed (COMPRESS); USE packed`);
    const whole = await loadRawTable(db, bytes, 'raw_whole', ',');
    const parts = await loadRawTable(db, bytes, 'raw_parts', ',', { partBytes: 2048, plainText: ['id'] });
    expect((await partsOf(bytes, 2048)).length).toBeGreaterThan(30);
    expect(parts.rows).toBe(good);
    expect(parts.rejected).toBe(badLines.length);
    expect(whole.rows).toBe(good);
    expect(parts.columns).toEqual(whole.columns);
    expect(parts.rejectedExamples).toEqual(whole.rejectedExamples);
    const [diff] = await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM (
      (SELECT rowid, * FROM raw_whole EXCEPT SELECT rowid, * FROM raw_parts) UNION ALL (SELECT rowid, * FROM raw_parts EXCEPT SELECT rowid, * FROM raw_whole))`);
    expect(diff.n).toBe(0);
    // DuckDB numbers a rejected row by the records before it (the header is line 1), whatever line
    // breaks quoted values hold: the rows' places in the list above.
    expect(parts.rejectedExamples.map((r) => r.line)).toEqual(badLines.slice(0, 3));
    // The column named plain is stored so in every segment; the others as the database chooses.
    await db.exec(sql`CHECKPOINT`);
    const storage = await db.query<{ t: string; column_name: string; compressions: string[] }>(
      sql`SELECT t, column_name, list(DISTINCT compression ORDER BY compression) AS compressions FROM (
            SELECT 'parts' AS t, * FROM pragma_storage_info('raw_parts') UNION ALL SELECT 'whole', * FROM pragma_storage_info('raw_whole'))
          WHERE segment_type = 'VARCHAR' GROUP BY ALL ORDER BY ALL`,
    );
    expect(storage).toEqual([
      { t: 'parts', column_name: 'amount', compressions: ['DICT_FSST'] },
      { t: 'parts', column_name: 'id', compressions: ['Uncompressed'] },
      { t: 'parts', column_name: 'note', compressions: ['DICT_FSST'] },
      { t: 'whole', column_name: 'amount', compressions: ['DICT_FSST'] },
      { t: 'whole', column_name: 'id', compressions: ['DICT_FSST'] },
      { t: 'whole', column_name: 'note', compressions: ['DICT_FSST'] },
    ]);
  });
});

describe('the room a file needs', () => {
  test('engine bytes per CSV byte, from the first rows: each value twice, as a 16-byte slot and its text past 12 bytes', () => {
    // 15 + 6 + 13 bytes and three separators; slots 16 + 15, 16, 16 + 13, twice.
    expect(engineBytesPerCsvByte([['006000000000000', 'Deal 0', 'Account 13859']])).toBeCloseTo((2 * (31 + 16 + 29)) / 37, 10);
    expect(engineBytesPerCsvByte([['1', '2']])).toBe(16);
    // 销售额 is 9 bytes of UTF-8: inline.
    expect(engineBytesPerCsvByte([['销售额']])).toBeCloseTo(32 / 10, 10);
    // A first row longer than the sniff window: no rows to judge by.
    expect(engineBytesPerCsvByte([])).toBe(6);
  });

  /** A small export that says it is `mb` MB large (the check reads the size; the load reads the rows). */
  const claiming = (text: string, mb: number) => {
    const file = csvFile('big.csv', text);
    Object.defineProperty(file, 'size', { value: mb * 1e6 });
    return file;
  };

  test('700 MB of long values loads (a 5M-row Salesforce export); 700 MB of short ones is refused, naming what fits', async () => {
    const { store } = await storeWith();
    const long = 'Opportunity ID,Opportunity Name,Account Name,Opportunity Owner,Stage,Amount,Created Date,Close Date\n006000000000001,Deal 1,Account 112810,Rep 241 Garcia,Proposal/Price Quote,4352.00,3/24/2021,5/28/2021\n';
    await store.add('long.csv', claiming(long, 700));
    expect(store.files.map((f) => [f.name, f.rows])).toEqual([['long.csv', 1]]);
    const short = 'opportunity_id,created_at,stage,amount\nA,2024-01-01,Won,1\n';
    const error = await store.add('short.csv', claiming(short, 700)).then(() => null, (e) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error.code).toBe('tooLarge');
    // 128 engine bytes for 19 CSV bytes; the room left beside the first file and the read buffers.
    expect(error.detail.max).toBeGreaterThan(400);
    expect(error.detail.max).toBeLessThan(3.2e9 / (128 / 19) / 1e6);
    expect(store.files.map((f) => f.name)).toEqual(['long.csv']);
  });
});
