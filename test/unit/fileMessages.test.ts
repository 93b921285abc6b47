// The messages the page shows about files (role="alert"), driven through the same Files model the
// page uses: each names the file(s) and says what to do.
import { describe, expect, test } from 'vitest';
import { Alerts } from '../../src/lib/app/alerts.svelte';
import { Files, rejectReason } from '../../src/lib/app/files.svelte';
import { translate } from '../../src/lib/i18n/index.svelte';
import { raw } from '../../src/lib/db/sql';
import { headerSignature } from '../../src/lib/app/loadedFile';
import type { MappingOverride } from '../../src/lib/state/mappingCodec';
import { csvFile, storeWith } from './helpers';

async function filesModel(overrides: Record<string, MappingOverride> = {}) {
  const { store, db } = await storeWith();
  const alerts = new Alerts();
  const files = new Files({
    store: async () => store,
    alerts,
    overrides: () => overrides,
    mappingChanged: () => {},
    begin: () => {},
    end: async () => {},
  });
  const texts = (key: string, locale: 'en' | 'zh-CN' = 'en') =>
    alerts.list.filter((a) => a.key === key).map((a) => translate(locale, a.key, a.params));
  return { store, db, files, texts, alerts };
}

describe('file messages name the file and say what to do', () => {
  test('duplicate ids: the files that hold them', async () => {
    const { files, texts } = await filesModel();
    const a = 'opportunity_id,created_at,stage,amount\nA,2024-01-01,Closed Won,1\nB,2024-01-02,Closed Won,2\n';
    const b = 'opportunity_id,created_at,stage,amount\nB,2024-01-03,Closed Won,3\nC,2024-01-04,Closed Won,4\n';
    const c = 'opportunity_id,created_at,stage,amount\nD,2024-01-05,Closed Won,5\n';
    await files.add([csvFile('a.csv', a), csvFile('b.csv', b), csvFile('c.csv', c)], false);
    // Only B repeats (a.csv and b.csv): 1 id; c.csv is not named.
    expect(texts('file.duplicates')).toEqual([
      '1 IDs in Opportunities appear more than once (e.g. B), in “a.csv”, “b.csv”; each row is counted, so totals may be too high. If the same export was dropped twice, remove one copy; if one export repeats IDs, export it again with one row per record (no product or contact lines).',
    ]);
    expect(texts('file.duplicates', 'zh-CN')[0]).toContain('位于 “a.csv”, “b.csv”');
  });

  test('an empty file and a header-only file', async () => {
    const { files, texts } = await filesModel();
    await files.add([new File([], 'empty.csv'), csvFile('headers.csv', 'opportunity_id,created_at,stage,amount\n')], false);
    expect(texts('error.empty')).toEqual(['“empty.csv” is empty: there is nothing to load. Export it again from the CRM, check that the download finished, and drop the new file.']);
    expect(texts('error.headerOnly')[0]).toMatch(/^“headers\.csv” has a header row but no data rows\. Check the report’s filters in the CRM .* then export it again\.$/);
    expect(files.entries).toEqual([]);
  });

  const HEADER = 'opportunity_id,created_at,stage,amount,close_date,owner';
  const row = (id: string, amount: number) => `${id},2024-02-01,Closed Won,${amount},2024-03-01,Eve`;

  test('a quote never closed on the last row: that row is rejected, the others load', async () => {
    const { store, db, files, texts } = await filesModel();
    const text = `${HEADER}\n${row('H1', 1)}\n${row('H2', 2)}\n${row('H3', 3)}\nH4,2024-02-01,"Closed Won,4,2024-03-01,Eve\n`;
    await files.add([csvFile('open-quote.csv', text)], false);
    // 4 data lines: H1-H3 load (1 + 2 + 3 = 6), H4 (line 5 of the file) is rejected.
    expect(store.files[0].rows).toBe(3);
    expect(texts('file.rejected')).toEqual([
      'Rows of “open-quote.csv” that could not be read and are not counted: 1 (row 5: a quote is not closed). Check the separator and quoting in the mapping.',
    ]);
    const [{ amount }] = await db.query<{ amount: number }>(raw('SELECT sum(amount) AS amount FROM opportunities'));
    expect(amount).toBe(6);
  });

  test('Windows line endings: a quote never closed still rejects just its row', async () => {
    const { store, files } = await filesModel();
    const text = `${HEADER}\r\n${row('C1', 1)}\r\nC2,2024-02-01,"Closed Won,2,2024-03-01,Eve\r\n${row('C3', 3)}\r\n`;
    await files.add([csvFile('crlf.csv', text)], false);
    // 3 data lines: C1 loads; the quote opened in C2 swallows C3, so 2 lines are rejected.
    expect([store.files[0].rows, store.files[0].rejected]).toEqual([1, 2]);
  });

  test('a deal list with no close date says its wins and losses count in no period', async () => {
    const { files, texts } = await filesModel();
    await files.add([csvFile('deals.csv', 'Name,Date,Amount,Status\nAcme,2024-01-05,100,Won\nBeta,2024-01-09,50,Lost\n')], false);
    expect(texts('file.noCloseDate')).toEqual([
      '“deals.csv” has no column with the date deals were won or lost, so its won and lost deals count in no period (pipeline created still counts). Choose the close date column in its mapping.',
    ]);
    // The file needs the user: its mapping section is open.
    expect(files.open).toEqual([files.entries[0].key]);
  });

  test('a correction that fails does not block the next one', async () => {
    const { store } = await storeWith(csvFile('a.csv', 'opportunity_id,created_at,stage,amount,close_date,owner,rep\nA,2024-01-02,Closed Won,1,2024-02-01,Ann,Bob\n'));
    let failOnce = false;
    const files = new Files({
      store: async () => store, alerts: new Alerts(), overrides: () => ({}), mappingChanged: () => {}, begin: () => {},
      end: async () => {
        if (failOnce) { failOnce = false; throw new Error('refresh failed'); }
      },
    });
    await files.add([csvFile('b.csv', 'opportunity_id,created_at,stage,amount,close_date,owner,rep\nB,2024-01-02,Closed Won,1,2024-02-01,Ann,Bob\n')], false);
    const key = files.entries[0].key;
    // The first correction's refresh fails (the error reaches its caller) ...
    failOnce = true;
    await expect(files.remap(key, { fields: { owner: 'rep' } })).rejects.toThrow('refresh failed');
    // ... and the next correction is still applied.
    await files.remap(key, { fields: { owner: 'owner' } });
    expect(store.files.at(-1)!.mapping.owner).toBe('owner');
  });

  test('changes made while another runs wait for it: a second drop, a removal and a correction during a load', async () => {
    const { store, db, files, alerts } = await filesModel();
    const deals = (id: string, n: number) => `opportunity_id,created_at,stage,amount,close_date,owner,rep\n${Array.from({ length: n }, (_, i) => `${id}${i},2024-01-02,Closed Won,1,2024-02-01,Ann,Bob`).join('\n')}\n`;
    const leads = 'lead_id,created_at,status,owner\nL1,2024-01-03,Qualified,Ann\n';
    await files.add([csvFile('old.csv', deals('O', 3))], false);
    const old = files.entries[0].key;
    // Not awaited one by one: the user drops, clicks and corrects while the first load runs.
    const changes = [
      files.add([csvFile('a.csv', deals('A', 20_000))], false),
      files.add([csvFile('leads.csv', leads)], false),
      files.remove(old),
      files.remap(old, { fields: { owner: 'rep' } }),
    ];
    await Promise.all(changes);
    expect(alerts.list.filter((a) => a.level === 'error').map((a) => [a.key, a.params])).toEqual([]);
    expect(store.files.map((f) => f.name).sort()).toEqual(['a.csv', 'leads.csv']);
    expect(files.entries.map((e) => [e.name, e.status])).toEqual([['a.csv', 'loaded'], ['leads.csv', 'loaded']]);
    expect(Number((await db.query(raw('SELECT count(*) AS n FROM opportunities')))[0].n)).toBe(20_000);
  });

  test('a quote opened mid-file and closed rows later: the joined lines are counted and said', async () => {
    const { store, files, texts } = await filesModel();
    // The quote opened in A2's stage closes in A4's stage, so lines A2, A3, A4 form one row:
    // 4 data lines = 2 rows (A1, A2) + 2 lines inside A2's stage value.
    const text = `${HEADER}\n${row('A1', 1)}\nA2,2024-02-01,"Closed Won,2,2024-03-01,Eve\n${row('A3', 3)}\nA4,2024-02-01,"Closed, Won",4,2024-03-01,Eve\n`;
    await files.add([csvFile('joined.csv', text)], false);
    const [f] = store.files;
    expect([f.rows, f.rejected, f.headerIssues.quoteSpans]).toEqual([2, 0, { lines: 2, row: 2 }]);
    expect(texts('file.quoteSpans')).toEqual([
      'In “joined.csv”, 2 line(s) were read as part of a quoted value, from data row 2 on: a quote (") is probably not closed there. If those lines are rows of their own, fix the quote in the file and drop it again.',
    ]);
  });

  test('a mapped column empty in every row is named, with the field it was used as', async () => {
    const { store, files, texts } = await filesModel();
    const text = `${HEADER}\nB1,2024-02-01,Closed Won,,2024-03-01,\nB2,2024-02-02,Closed Lost,,2024-03-02,\n`;
    await files.add([csvFile('no-amounts.csv', text)], false);
    expect(store.files[0].emptyMapped).toEqual(['amount', 'owner']);
    expect(texts('file.emptyColumn')).toEqual([
      'The column “amount” of “no-amounts.csv”, used as Amount, is empty in every row: choose another column for Amount in the mapping, or export the file again with that column filled.',
      'The column “owner” of “no-amounts.csv”, used as Owner, is empty in every row: choose another column for Owner in the mapping, or export the file again with that column filled.',
    ]);
    expect(texts('file.emptyColumn', 'zh-CN')[0]).toContain('“amount”');
  });
});

test('files that need attention open their mapping section on a drop; clean files stay one line', async () => {
  const { files } = await filesModel();
  const header = 'opportunity_id,created_at,stage,amount,close_date\n';
  await files.add([
    csvFile('clean.csv', `${header}A,2024-01-02,Closed Won,1,2024-02-20\nB,2024-01-03,Closed Lost,2,2024-02-21\n`),
    // B has a field too few: one row rejected.
    csvFile('ragged.csv', `${header}C,2024-01-02,Closed Won,1,2024-02-20\nD,2024-01-03,Closed Lost\n`),
    // Every day is 12 or less in both date columns: month-first is a guess.
    csvFile('guessed.csv', `${header}E,01/02/2024,Closed Won,1,02/03/2024\nF,01/03/2024,Closed Lost,2,03/04/2024\n`),
    // No stage, status or won column.
    csvFile('missing.csv', 'opportunity_id,created_at,amount\nG,2024-01-02,1\n'),
    // No kind recognised.
    csvFile('odd.csv', 'ticket,priority,score\nT1,high,5\n'),
  ], false);
  const name = (key: number) => files.entries.find((e) => e.key === key)?.name;
  expect(files.entries.map((e) => e.name)).toEqual(['clean.csv', 'ragged.csv', 'guessed.csv', 'missing.csv', 'odd.csv']);
  expect(files.open.map(name)).toEqual(['ragged.csv', 'guessed.csv', 'missing.csv', 'odd.csv']);
  // The user closes one and opens the clean one; removing a file closes its section.
  const [clean, ragged] = files.entries.map((e) => e.key);
  files.toggle(ragged);
  files.toggle(clean);
  expect(files.open.map(name)).toEqual(['guessed.csv', 'missing.csv', 'odd.csv', 'clean.csv']);
  await files.remove(clean);
  expect(files.isOpen(clean)).toBe(false);
});

test('a saved encoding that cannot read the file: read as detected, and the user is told', async () => {
  // Read as UTF-16 these ASCII bytes pair up into one line: a header and no rows.
  const signature = headerSignature(['opportunity_id', 'created_at', 'stage', 'amount']);
  const { files, texts } = await filesModel({ [signature]: { kind: 'leads', fields: {}, formats: {}, encoding: 'utf-16le' } });
  await files.add([csvFile('deals.csv', 'opportunity_id,created_at,stage,amount\nA,2024-01-02,Closed Won,100\n')], false);
  expect(files.entries.map((e) => [e.name, e.status, e.info?.kind, e.info?.encoding])).toEqual([['deals.csv', 'loaded', 'opportunities', 'utf-8']]);
  expect(texts('file.savedReadingFailed')).toHaveLength(1);
  expect(files.open).toEqual([files.entries[0].key]); // its mapping section opens, for the user to check
  expect(texts('file.savedReadingFailed')[0]).toMatch(/^“deals\.csv” could not be read with the encoding or separator saved for its columns/);
  expect(texts('file.savedReadingFailed', 'zh-CN')[0]).toContain('“deals.csv”');
});

test('a row DuckDB rejects as "INVALID ENCODING" gets the translated reason', () => {
  expect(rejectReason({ type: 'INVALID ENCODING', error: 'Invalid unicode (byte sequence mismatch) detected.' })).toEqual({ msg: 'reject.unicode' });
});
