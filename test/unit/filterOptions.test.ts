// The values each filter offers (kpi/filters.ts filterOptionsSql): for the opportunities' enum
// columns read from the enum types, which must hold exactly the values the opportunities have,
// checked against a scan of every table that has the column.
import { describe, expect, test } from 'vitest';
import { FILTER_COLUMNS, FILTER_FIELDS, filterOptionsSql, type FilterField } from '../../src/lib/kpi/filters';
import type { Kind } from '../../src/lib/crm/fields';
import type { DataStore } from '../../src/lib/app/dataStore';
import type { DbClient } from '../../src/lib/db/client';
import { ident, join, sql } from '../../src/lib/db/sql';
import { csvFile, fileFrom, PUBLIC_DATA, storeWith } from './helpers';

/** Every distinct value of the field's column in the tables holding it, by a scan, ordered as the filter orders them. */
async function scanned(db: DbClient, store: DataStore, field: FilterField): Promise<string[]> {
  const fields = store.fieldSets();
  const parts = (Object.entries(FILTER_COLUMNS) as [Kind, Partial<Record<FilterField, string>>][])
    .filter(([table, columns]) => columns[field] && fields[table]?.has(columns[field]!))
    .map(([table, columns]) => sql`SELECT DISTINCT CAST(${ident(columns[field]!)} AS VARCHAR) AS v FROM ${ident(table)} WHERE ${ident(columns[field]!)} IS NOT NULL`);
  if (parts.length === 0) return [];
  const rows = await db.query<{ v: string }>(sql`SELECT DISTINCT v FROM (${join(parts, ' UNION ')})`);
  return rows.map((r) => r.v).sort();
}

async function offered(db: DbClient, store: DataStore, field: FilterField): Promise<string[]> {
  const q = filterOptionsSql(field, store.fieldSets());
  return q ? (await db.query<{ v: string }>(q)).map((r) => r.v).sort() : [];
}

describe('the values a filter offers are those the data has', () => {
  test('the Maven CRM export: every filter', async () => {
    const { db, store } = await storeWith(fileFrom(`${PUBLIC_DATA}/maven-crm-opportunities/sales_pipeline.csv`));
    const owners = await offered(db, store, 'owner');
    // 30 sales agents (sales_teams.csv lists them); the stages are Maven's four.
    expect(owners).toHaveLength(30);
    expect(await offered(db, store, 'stage')).toEqual(['Engaging', 'Lost', 'Prospecting', 'Won']);
    for (const field of FILTER_FIELDS) expect(await offered(db, store, field), field).toEqual(await scanned(db, store, field));
  });

  test('two opportunity files and a leads file, then one file removed', async () => {
    const a = 'Opportunity ID,Owner,Stage,Amount,Created Date,Close Date,Segment,Lead Source\nA1,Ann,Closed Won,100,2024-01-02,2024-02-01,SMB,Web\nA2, Bob ,Prospecting,50,2024-01-03,2024-06-01,,Partner\n';
    const b = 'Opportunity ID,Owner,Stage,Amount,Created Date,Close Date,Segment,Lead Source\nB1,Cy,Closed Lost,70,2024-02-02,2024-03-01,Enterprise,Web\n';
    const leads = 'Lead ID,Lead Owner,Created Date,Lead Source,Status\nL1,Dee,2024-01-05,Event,Open\nL2,Ann,2024-01-06,Web,Open\n';
    const { db, store } = await storeWith(csvFile('a.csv', a), csvFile('b.csv', b), csvFile('leads.csv', leads));
    // Owners of both opportunity files (trimmed) and of the leads; sources likewise.
    expect(await offered(db, store, 'owner')).toEqual(['Ann', 'Bob', 'Cy', 'Dee']);
    expect(await offered(db, store, 'source')).toEqual(['Event', 'Partner', 'Web']);
    expect(await offered(db, store, 'segment')).toEqual(['Enterprise', 'SMB']);
    for (const field of FILTER_FIELDS) expect(await offered(db, store, field), field).toEqual(await scanned(db, store, field));
    await store.remove(store.files.find((f) => f.name === 'b.csv')!.id);
    expect(await offered(db, store, 'owner')).toEqual(['Ann', 'Bob', 'Dee']);
    expect(await offered(db, store, 'segment')).toEqual(['SMB']);
    for (const field of FILTER_FIELDS) expect(await offered(db, store, field), field).toEqual(await scanned(db, store, field));
  });
});
