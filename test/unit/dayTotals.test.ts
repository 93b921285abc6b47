// The day totals of a filter (kpi/daily.ts, DataStore.filteredTotals): a filtered view reads them
// instead of the opportunities and must give the same answers, checked by hand on the new-business
// fixture and against the opportunities themselves on a public CRM export.
import { beforeAll, describe, expect, test } from 'vitest';
import { queryView } from '../../src/lib/app/views/index';
import { filteredTableName, filteredTotalsKey } from '../../src/lib/kpi/daily';
import { filterWhere, type Filters } from '../../src/lib/kpi/filters';
import { newBusinessTilesSql } from '../../src/lib/kpi/newBusiness';
import type { KpiParams } from '../../src/lib/kpi/params';
import { previousRange } from '../../src/lib/kpi/period';
import { sql, type Sql } from '../../src/lib/db/sql';
import { DEFAULT_VIEW, type ViewState } from '../../src/lib/state/viewState';
import type { DataStore } from '../../src/lib/app/dataStore';
import type { BackgroundClient, DbClient } from '../../src/lib/db/client';
import { csvFile, fileFrom, paramsFor, PUBLIC_DATA, queryNewBusiness, storeWith, testDb } from './helpers';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const Q1 = { from: '2024-01-01', to: '2024-03-31' };

async function tablesNamed(db: DbClient, prefix: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(sql`SELECT table_name AS name FROM duckdb_tables() WHERE starts_with(table_name, ${prefix}) ORDER BY 1`);
  return rows.map((r) => r.name);
}

/** The store's background connection as `wrap` makes it from the engine's. */
function wrapBackground(db: DbClient, wrap: (side: BackgroundClient) => BackgroundClient): void {
  const background = db.background!.bind(db);
  Object.assign(db, { background: async () => wrap(await background()) });
}

describe('a filter with its own day totals', () => {
  test('new-business tiles match the hand computation (test/fixtures/nb-canonical.csv)', async () => {
    const { db, store } = await storeWith(fileFrom(`${FIXTURES}nb-canonical.csv`));
    const ann = { ...paramsFor(store, { range: Q1, asOf: '2024-05-01', filters: { owner: ['Ann'] } }) };
    // The three a filter gets, in one table, whichever the view reads.
    const built = await store.filteredTotals(ann, ['closed', 'created']);
    expect(built).toEqual({ key: filteredTotalsKey(ann), id: 1, tables: ['closed', 'created', 'funnel'] });
    expect(await tablesNamed(db, 'opp_days_f')).toEqual([filteredTableName(1)]);
    const r = await queryNewBusiness(db, { ...ann, filteredTotals: built });
    // Ann: O1 (1000, Acme's first win) and O2 (3000, Beta's first win) won in Q1; she created O2 and O6 in it.
    expect(r.tiles).toMatchObject({ won_deals: 2, lost_deals: 0, win_rate: 1, new_bookings: 4000, new_customers: 2, created_deals: 2, won_of_created: 1 });
    expect(r.series.map((p) => [p.period, p.won_deals, p.new_bookings, p.created_deals])).toEqual([
      ['2024-01-01', 1, 1000, 1],
      ['2024-02-01', 1, 3000, 0],
      ['2024-03-01', 0, 0, 1],
    ]);
    // Without a filter there is nothing to build.
    expect(await store.filteredTotals(paramsFor(store))).toBeNull();
  });

  test('a filter on a dimension with few values adds up its day tables by value; by hand', async () => {
    const deals = `opportunity_id,owner,segment,stage,amount,created_at,close_date
A,Ann,SMB,Closed Won,100,2024-01-05,2024-01-20
B,Bob,SMB,Closed Lost,200,2024-01-06,2024-02-10
C,Ann,Enterprise,Closed Won,1000,2024-01-07,2024-02-15
D,Bob,SMB,Closed Won,300,2024-02-01,2024-03-01
E,Cy,,Closed Won,50,2024-02-02,2024-03-02
`;
    const { db, store } = await storeWith(csvFile('deals.csv', deals));
    // The segment has two values: its own day tables; the owner is no such dimension.
    expect(await tablesNamed(db, 'opp_by_')).toEqual(['opp_by_segment_closed', 'opp_by_segment_created', 'opp_by_segment_cycles', 'opp_by_segment_funnel']);
    const tiles = async (filters: Filters) => {
      const p = paramsFor(store, { range: Q1, asOf: '2024-05-01', filters });
      return (await queryNewBusiness(db, { ...p, filteredTotals: await store.filteredTotals(p) })).tiles;
    };
    // Every deal: A, C, D and E won, B lost; all five created in Q1 (the plain tables are added up from the segment's).
    expect(await tiles({})).toMatchObject({ won_deals: 4, lost_deals: 1, new_bookings: 1450, created_deals: 5, sales_cycle_days: 29 }); // cycles 15, 29, 29, 39
    // SMB: A and D won (400), B lost; A, B and D created.
    expect(await tiles({ segment: ['SMB'] })).toMatchObject({ won_deals: 2, lost_deals: 1, new_bookings: 400, created_deals: 3, sales_cycle_days: 22 }); // (15 + 29) / 2
    expect(await tiles({ segment: ['SMB', 'Enterprise'] })).toMatchObject({ won_deals: 3, lost_deals: 1, new_bookings: 1400, created_deals: 4, sales_cycle_days: 29 });
    // Read from the segment's day tables: nothing was built for these filters.
    expect(await tablesNamed(db, 'opp_days_f')).toEqual([]);
    // With a second filter the deals are totalled instead: SMB and Ann is A alone.
    expect(await tiles({ segment: ['SMB'], owner: ['Ann'] })).toMatchObject({ won_deals: 1, lost_deals: 0, new_bookings: 100, created_deals: 1, sales_cycle_days: 15 });
    expect(await tablesNamed(db, 'opp_days_f')).toEqual([filteredTableName(1)]);
    expect(await tiles({ segment: ['Mid-Market'] })).toMatchObject({ won_deals: 0, lost_deals: 0, new_bookings: 0, created_deals: 0, sales_cycle_days: null });
  });

  test('a filter on a dimension whose day tables by value are still to build moves it up, after the one under way', async () => {
    const deals = `opportunity_id,owner,segment,region,source,product,stage,amount,created_at,close_date
A,Ann,SMB,West,Web,Core,Closed Won,100,2024-01-05,2024-01-20
B,Bob,Enterprise,East,Event,Plus,Closed Lost,200,2024-01-06,2024-02-10
`;
    const { db, store } = await storeWith(csvFile('deals.csv', deals));
    // The order the background connection builds the dimensions in (the first statement of each).
    const order: string[] = [];
    wrapBackground(db, (side) => ({
      exec: async (q: Sql) => {
        const dimension = /opp_by_(region|source|product)_/.exec(q.text)?.[1];
        if (dimension && !order.includes(dimension)) order.push(dimension);
        return side.exec(q);
      },
      cancel: () => side.cancel(),
    }));
    // Segment's are built with the load; region, source and product are left for finish, in that order.
    const product = paramsFor(store, { range: Q1, asOf: '2024-05-01', filters: { product: ['Core'] } });
    expect((await store.filteredTotals(product))?.dimension).toBeUndefined();
    await store.dayTotals.finish();
    expect(order).toEqual(['region', 'product', 'source']);
    expect((await store.filteredTotals(product))?.dimension).toBe('product');
  });

  describe("a second dimension's day tables by value", () => {
    const deals = `opportunity_id,owner,segment,source,stage,amount,created_at,close_date
A,Ann,SMB,Web,Closed Won,100,2024-01-05,2024-01-20
B,Bob,SMB,Event,Closed Lost,200,2024-01-06,2024-02-10
C,Ann,Enterprise,Web,Closed Won,1000,2024-01-07,2024-02-15
D,Bob,SMB,Event,Closed Won,300,2024-02-01,2024-03-01
E,Cy,,Web,Closed Won,50,2024-02-02,2024-03-02
`;
    const SEGMENT = ['opp_by_segment_closed', 'opp_by_segment_created', 'opp_by_segment_cycles', 'opp_by_segment_funnel'];
    const SOURCE = ['opp_by_source_closed', 'opp_by_source_created', 'opp_by_source_cycles', 'opp_by_source_funnel'];
    // Web: A, C and E won (1150), none lost, all three created in Q1; cycles 15, 39 and 29 days.
    const WEB = { won_deals: 3, lost_deals: 0, new_bookings: 1150, created_deals: 3, sales_cycle_days: 29 };
    /** The Web filter's new-business tiles, and the dimension whose tables by value it read. */
    const webOf = (db: DbClient, store: DataStore) => async () => {
      const p = paramsFor(store, { range: Q1, asOf: '2024-05-01', filters: { source: ['Web'] } });
      const built = await store.filteredTotals(p);
      return { dimension: built?.dimension, tiles: (await queryNewBusiness(db, { ...p, filteredTotals: built })).tiles };
    };

  /** The store's background connection, the first statement naming `gated` held until released or cancelled (then rejected). */
  function holding(db: DbClient, gated: string) {
    let reached!: () => void;
    const atGate = new Promise<void>((resolve) => (reached = resolve));
    let release!: (ok: boolean) => void;
    const gate = new Promise<boolean>((resolve) => (release = resolve));
    let cancels = 0;
    let passed = false;
    wrapBackground(db, (side) => ({
      exec: async (q: Sql) => {
        if (q.text.includes(gated) && !passed) {
          passed = true;
          reached();
          if (!(await gate)) throw new Error('INTERRUPT Error: Interrupted!');
        }
        return side.exec(q);
      },
      cancel: async () => {
        cancels++;
        release(false);
        await side.cancel();
      },
    }));
    return { atGate, release: () => release(true), cancels: () => cancels };
  }

  test('are built by finish after the load; until then its filter builds its own; by hand', async () => {
    const { db, store } = await storeWith(csvFile('deals.csv', deals));
    // The first dimension's are built with the load (the plain tables are added up from them).
    expect(await tablesNamed(db, 'opp_by_')).toEqual(SEGMENT);
    const web = webOf(db, store);
    const before = await web();
    expect(before.dimension).toBeUndefined();
    expect(before.tiles).toMatchObject(WEB);
    expect(await tablesNamed(db, 'opp_days_f')).toEqual([filteredTableName(1)]);
    await store.dayTotals.finish();
    expect(await tablesNamed(db, 'opp_by_')).toEqual([...SEGMENT, ...SOURCE]);
    expect(await web()).toEqual({ dimension: 'source', tiles: expect.objectContaining(WEB) });
  });

  test('a pause interrupts the statement under way; the next finish builds it again and goes on', async () => {
    const { db, store } = await storeWith(csvFile('deals.csv', deals));
    const held = holding(db, 'opp_by_source_created');
    const finishing = store.dayTotals.finish();
    await held.atGate;
    await store.dayTotals.pause();
    await finishing;
    expect(held.cancels()).toBe(1);
    expect(await tablesNamed(db, 'opp_by_')).toEqual([...SEGMENT, 'opp_by_source_closed']);
    expect((await webOf(db, store)()).dimension).toBeUndefined();
    await store.dayTotals.finish();
    expect(await tablesNamed(db, 'opp_by_')).toEqual([...SEGMENT, ...SOURCE]);
    expect(await webOf(db, store)()).toEqual({ dimension: 'source', tiles: expect.objectContaining(WEB) });
  });

  test('a data change while they are built: the old ones are dropped, and built again from the new data by the next finish', async () => {
    const { db, store } = await storeWith(csvFile('deals.csv', deals));
    const held = holding(db, 'opp_by_source_funnel');
    const finishing = store.dayTotals.finish();
    await held.atGate;
    await store.add('more.csv', csvFile('more.csv', 'opportunity_id,owner,segment,source,stage,amount,created_at,close_date\nF,Cy,SMB,Web,Closed Won,500,2024-03-01,2024-03-10\n'));
    await finishing;
    expect(await tablesNamed(db, 'opp_by_')).toEqual(SEGMENT);
    // F adds a won Web deal of 500, created in Q1, with a 9-day cycle: cycles 9, 15, 29 and 39.
    const MORE = { won_deals: 4, lost_deals: 0, new_bookings: 1650, created_deals: 4, sales_cycle_days: 22 };
    expect(await webOf(db, store)()).toEqual({ dimension: undefined, tiles: expect.objectContaining(MORE) });
    held.release();
    await store.dayTotals.finish();
    expect(await webOf(db, store)()).toEqual({ dimension: 'source', tiles: expect.objectContaining(MORE) });
  });

  test('a file added while a statement runs in the engine: interrupted there, the file loads, and the next finish builds every table', async () => {
    const { db, store } = await storeWith(csvFile('deals.csv', deals));
    // The source's funnel statement becomes one of some seconds, started in the engine when reached.
    const slow = sql`CREATE TABLE opp_by_source_funnel AS SELECT sum(hash(i)) AS s FROM range(300000000) t(i)`;
    let reached!: () => void;
    const started = new Promise<void>((resolve) => (reached = resolve));
    const background = db.background!.bind(db);
    let slowed = false;
    Object.assign(db, {
      background: async (): Promise<BackgroundClient> => {
        const side = await background();
        return {
          ...side,
          exec: (q: Sql) => {
            if (slowed || !q.text.includes('opp_by_source_funnel')) return side.exec(q);
            slowed = true;
            const running = side.exec(slow);
            reached();
            return running;
          },
        };
      },
    });
    const finishing = store.dayTotals.finish();
    await started;
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      await store.add('more.csv', csvFile('more.csv', 'opportunity_id,owner,segment,source,stage,amount,created_at,close_date\nF,Cy,SMB,Web,Closed Won,500,2024-03-01,2024-03-10\n'));
      await finishing;
    } finally {
      console.warn = warn;
    }
    // Nothing refused: the load's CHECKPOINT included.
    expect(warnings).toEqual([]);
    expect(store.files.map((f) => f.name)).toEqual(['deals.csv', 'more.csv']);
    expect(await tablesNamed(db, 'opp_by_')).toEqual(SEGMENT);
    await store.dayTotals.finish();
    expect(await tablesNamed(db, 'opp_by_')).toEqual([...SEGMENT, ...SOURCE]);
    const MORE = { won_deals: 4, lost_deals: 0, new_bookings: 1650, created_deals: 4, sales_cycle_days: 22 };
    expect(await webOf(db, store)()).toEqual({ dimension: 'source', tiles: expect.objectContaining(MORE) });
  });

  test('without a background connection (it cannot be opened) they are built on the main one', async () => {
    const { db, store } = await storeWith(csvFile('deals.csv', deals));
    Object.assign(db, { background: () => Promise.reject(new Error('no second connection')) });
    await store.dayTotals.finish();
    expect(await tablesNamed(db, 'opp_by_')).toEqual([...SEGMENT, ...SOURCE]);
    expect(await webOf(db, store)()).toEqual({ dimension: 'source', tiles: expect.objectContaining(WEB) });
  });

  test('a table that cannot be built leaves its dimension filtered through tables of its own, with the same answers', async () => {
    const { db, store } = await storeWith(csvFile('deals.csv', deals));
    const background = db.background!.bind(db);
    Object.assign(db, {
      background: async (): Promise<BackgroundClient> => {
        const side = await background();
        return { ...side, exec: (q: Sql) => (q.text.includes('opp_by_source_cycles') ? Promise.reject(new Error('Out of Memory')) : side.exec(q)) };
      },
    });
    await store.dayTotals.finish();
    expect(await tablesNamed(db, 'opp_by_')).toEqual([...SEGMENT, 'opp_by_source_closed', 'opp_by_source_created', 'opp_by_source_funnel']);
    expect(await webOf(db, store)()).toEqual({ dimension: undefined, tiles: expect.objectContaining(WEB) });
    // Nothing is left to try again.
    await store.dayTotals.finish();
    expect(await tablesNamed(db, 'opp_by_')).toHaveLength(7);
  });
  });

  test("the engine's background connection: the other connection's queries run while its statement does; cancel interrupts it", async () => {
    const db = await testDb();
    const side = await db.background!();
    // A statement of some seconds; the main connection answers meanwhile.
    const slow = sql`CREATE TABLE slow AS SELECT sum(hash(i)) AS s FROM range(300000000) t(i)`;
    let ended = false;
    const running = side.exec(slow).then(() => (ended = true));
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push(Number((await db.query<{ n: number }>(sql`SELECT ${i} + 1 AS n`))[0].n));
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    expect(ended).toBe(false);
    await side.cancel();
    await expect(running).rejects.toThrow();
    // Its transaction has ended: the engine can checkpoint (a load ends with one).
    await db.exec(sql`CHECKPOINT`);
    // Interrupted: no table; the connection takes the next statement.
    expect(await db.query(sql`SELECT table_name FROM duckdb_tables() WHERE table_name = 'slow'`)).toEqual([]);
    await side.exec(sql`CREATE TABLE quick AS SELECT 42 AS v`);
    expect(await db.query(sql`SELECT v FROM quick`)).toEqual([{ v: 42 }]);
  });

  describe('the public Maven CRM export: every view the same from the day totals as from the deals', () => {
    const views: ViewState['tab'][] = ['overview', 'new_business', 'pipeline', 'attainment'];
    const filters: Filters[] = [{ owner: ['Darcel Schlecht'] }, { product: ['GTXPro', 'MG Special'] }, { owner: ['Nobody at all'] }];
    let store: DataStore;
    let db: DbClient;
    beforeAll(async () => {
      ({ db, store } = await storeWith(fileFrom(`${PUBLIC_DATA}/maven-crm-opportunities/sales_pipeline.csv`)));
    });

    test('its seven products have day tables by value (a product filter adds them up); its 30 agents do not', async () => {
      expect(await tablesNamed(db, 'opp_by_')).toEqual(['opp_by_product_closed', 'opp_by_product_created', 'opp_by_product_cycles', 'opp_by_product_funnel']);
    });

    test('the median sales cycle from the cycle counts is median() over the deals', async () => {
      for (const f of [{}, ...filters]) {
        for (const range of [{ from: '2017-01-01', to: '2017-06-30' }, { from: '2016-10-01', to: '2017-12-31' }, { from: '2017-03-01', to: '2017-03-31' }]) {
          const params = paramsFor(store, { range, asOf: '2017-12-31', filters: f });
          const [direct] = await db.query<{ m: number | null }>(
            sql`SELECT median(close_date - created_at) AS m FROM opportunities WHERE ${filterWhere(params, 'opportunities')} AND is_won AND created_at IS NOT NULL AND close_date BETWEEN CAST(${range.from} AS DATE) AND CAST(${range.to} AS DATE)`,
          );
          const [viaCounts] = await db.query(newBusinessTilesSql({ ...params, filteredTotals: await store.filteredTotals(params) }, range));
          const [viaDeals] = await db.query(newBusinessTilesSql({ ...params, filteredTotals: null }, range));
          expect([viaCounts.sales_cycle_days, viaDeals.sales_cycle_days], `${JSON.stringify(f)} ${range.from}`).toEqual([direct.m, direct.m]);
        }
      }
    });

    test.each(filters)('filtered by %j', async (f) => {
      for (const range of [{ from: '2017-01-01', to: '2017-06-30' }, { from: '2016-10-01', to: '2017-12-31' }]) {
        const params = paramsFor(store, { range, asOf: '2017-12-31', filters: f });
        const built = await store.filteredTotals(params);
        // Cycle counts where a dimension's add up (the products), not for an owner.
        expect(built?.tables).toEqual(f.product ? ['closed', 'created', 'funnel', 'cycles'] : ['closed', 'created', 'funnel']);
        // The products' own day tables are read; an owner's are built.
        expect(built?.dimension).toBe(f.product ? 'product' : undefined);
        for (const tab of views) {
          const run = (filteredTotals: KpiParams['filteredTotals']) =>
            queryView(tab, { db, params: { ...params, filteredTotals }, previous: previousRange(range), loaded: new Set(['opportunities']), pick: { s1: 1, s2: 2 }, basis: 'bookings' }, { ...DEFAULT_VIEW, tab });
          const fromDeals = await run(null);
          expect(await run(built), `${tab} ${JSON.stringify(f)} ${range.from}`).toEqual(fromDeals);
          // A table the view reads but the filter lacks is read from the deals.
          expect(await run({ ...built!, tables: ['closed'] }), `${tab} ${JSON.stringify(f)} ${range.from}, closed only`).toEqual(fromDeals);
        }
      }
    });
  });

  test('the last 16 filters keep their tables; a data change drops them all', async () => {
    const { db, store } = await storeWith(fileFrom(`${FIXTURES}nb-canonical.csv`));
    const byOwner = (owner: string) => store.filteredTotals(paramsFor(store, { filters: { owner: [owner] } }));
    const ids: number[] = [];
    for (let i = 0; i < 17; i++) ids.push((await byOwner(`Rep ${i}`))!.id);
    const kept = await tablesNamed(db, 'opp_days_f');
    expect(kept.length).toBe(16);
    expect(kept).not.toContain(filteredTableName(ids[0])); // the least recently used went
    expect(kept).toContain(filteredTableName(ids[16]));
    // The same filter finds its tables again; another value has others.
    expect((await byOwner('Rep 3'))!.id).toBe(ids[3]);
    expect(new Set(ids).size).toBe(17);
    await store.add('more.csv', csvFile('more.csv', 'opportunity_id,owner,stage,amount,created_at,close_date\nZ1,Ann,Closed Won,10,2024-01-02,2024-01-03\n'));
    expect(await tablesNamed(db, 'opp_days_f')).toEqual([]);
  });
});
