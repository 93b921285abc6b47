// What the views put on the tiles beyond the SQL: which filters a tile says it ignores (those of the
// table its numbers come from), the forecast's comparison value, and a product launch chosen by
// the user. Hand-computed on test/fixtures/kpi/{people-opps,reps,targets}.csv.
import { beforeAll, describe, expect, test } from 'vitest';
import type { DataStore } from '../../src/lib/app/dataStore';
import { attainmentTiles, productTile } from '../../src/lib/app/views/attainment';
import type { TileData, ViewContext } from '../../src/lib/app/views/context';
import { peopleTiles, sdrTile } from '../../src/lib/app/views/people';
import { newBusinessTileList, newBusinessTiles } from '../../src/lib/app/views/newBusiness';
import { leadTileList, leadTiles } from '../../src/lib/app/views/leads';
import type { DbClient } from '../../src/lib/db/client';
import type { Kind } from '../../src/lib/crm/fields';
import { DEFAULT_STAGES } from '../../src/lib/kpi/funnel';
import type { Filters } from '../../src/lib/kpi/filters';
import { csvFile, fileFrom, paramsFor, storeWith } from './helpers';

const DIR = new URL('../fixtures/kpi/', import.meta.url).pathname;
let db: DbClient;
let store: DataStore;

beforeAll(async () => {
  ({ db, store } = await storeWith(fileFrom(`${DIR}people-opps.csv`), fileFrom(`${DIR}reps.csv`), fileFrom(`${DIR}targets.csv`)));
});

function context(patch: { filters?: Filters; range?: { from: string; to: string }; previous?: { from: string; to: string } } = {}): ViewContext {
  const loaded = new Set<Kind>(['opportunities', 'reps', 'targets']);
  return {
    db,
    params: paramsFor(store, { range: patch.range ?? { from: '2024-01-01', to: '2024-04-10' }, asOf: '2024-04-10', filters: patch.filters ?? {} }),
    previous: patch.previous ?? { from: '2023-09-23', to: '2023-12-31' },
    loaded,
    pick: DEFAULT_STAGES,
    basis: 'bookings',
  };
}
const byId = (tiles: TileData[]) => new Map(tiles.map((t) => [t.id, t]));

describe('ignored filters', () => {
  test('bookings-based tiles apply the owner filter; only the target, from the targets file, ignores it', async () => {
    const tiles = byId((await attainmentTiles(context({ filters: { owner: ['Ann'] } }))).tiles);
    expect(tiles.get('net_new_revenue')!.ignored).toEqual([]);
    expect(tiles.get('forecast_year_end')!.ignored).toEqual([]);
    expect(tiles.get('target')!.ignored).toEqual(['owner']);
    // Ann's bookings from January 1 to April 10: P1 2000 + P2 1500 + P5 500 (expansion).
    expect(tiles.get('net_new_revenue')!.value).toBe(4000);
  });

  test('rep attainment applies a product filter through the bookings it counts', async () => {
    const tiles = byId((await peopleTiles(context({ filters: { product: ['Add-on'] } }))).tiles);
    expect(tiles.get('rep_attainment')!.ignored).toEqual([]);
    // Add-on wins from January 1 to April 10: P5 500 (Ann). Quota in the range: Ann 3000 + 3000 x 10/91,
    // Bob 1500 + 3000 x 10/91 (the April periods cut by the range).
    const quota = 3000 + 3000 * 10 / 91 + 1500 + 3000 * 10 / 91;
    expect(tiles.get('rep_attainment')!.value as number).toBeCloseTo(500 / quota, 12);
  });
});

describe('comparison values of the forecast', () => {
  test('the forecast as it stood at the end of the comparison period', async () => {
    const tiles = byId((await attainmentTiles(context({ previous: { from: '2024-01-01', to: '2024-03-31' } }))).tiles);
    // As of 2024-03-31: year to date 4500 (P1, P2, P3), the last three complete months Jan-Mar
    // (4500 over 91 days), 275 days to December 31.
    expect(tiles.get('forecast_year_end')!.previous as number).toBeCloseTo(4500 + (4500 / 91) * 275, 9);
    // Open then: P6 (4000) weighted by its probability, 60%; and P5 (500, won on 2024-04-10), whose
    // stage then is unknown, weighted by the win rate of the deals closed by then (P1-P3 won, P4 lost: 3/4).
    expect(tiles.get('forecast_pipeline')!.previous as number).toBeCloseTo(4500 + 500 * 0.75 + 4000 * 0.6, 9);
    expect(tiles.get('forecast_gap')!.previous as number).toBeCloseTo(12000 - (4500 + (4500 / 91) * 275), 9);
  });
});

describe('a product launch chosen by the user', () => {
  test('a launch date and its comparison as of the previous period end', async () => {
    const ctx = context({ previous: { from: '2024-01-01', to: '2024-03-10' } });
    const { tile, launch } = await productTile(ctx, { product: 'Core', since: '2024-02-15' });
    expect(launch).toEqual({ product: 'Core', launch: '2024-02-15' });
    // Core wins from 2024-02-15 to 2024-04-10: P2 1500 (03-20) + P3 1000 (03-05); by 03-10 only P3.
    expect(tile.value).toBe(2500);
    expect(tile.previous).toBe(1000);
  });

  test('a comparison period ending before the launch has nothing to compare', async () => {
    const { tile } = await productTile(context({ previous: { from: '2023-10-01', to: '2023-12-31' } }), { product: 'Add-on', since: null });
    expect(tile.value).toBe(500); // P5, since the first Add-on activity (2024-03-01)
    expect(tile.previous).toBeNull();
  });
});

describe('a tile whose file lacks a column says which', () => {
  const minimal = 'opportunity_id,created_at,stage,amount,close_date,owner\nA,2024-01-05,Closed Won,100,2024-02-01,Ann\n';
  async function contextWith(...files: File[]): Promise<ViewContext> {
    const s = await storeWith(...files);
    const loaded = new Set<Kind>(s.store.files.map((f) => f.kind));
    return { db: s.db, params: paramsFor(s.store, { range: { from: '2024-01-01', to: '2024-03-31' }, asOf: '2024-03-31' }), previous: { from: '2023-10-01', to: '2023-12-31' }, loaded, pick: DEFAULT_STAGES, basis: 'bookings' };
  }

  test('new customers without an account column; handoffs without converted dates or SDRs', async () => {
    const ctx = await contextWith(csvFile('o.csv', minimal));
    const nb = byId(newBusinessTileList(ctx, await newBusinessTiles(ctx)));
    expect(nb.get('new_customers')!).toMatchObject({ value: null, note: 'note.needsAccount' });
    expect(nb.get('won_deals')!.value).toBe(1);
    const leads = byId(leadTileList(ctx, await leadTiles(ctx)));
    expect(leads.get('sdr_handoffs')!).toMatchObject({ value: null, note: 'note.needsHandoff' });
  });

  test('attainment without quotas, bookings per OTE without OTE, SDR ROI without costs', async () => {
    const ctx = await contextWith(csvFile('o.csv', minimal), csvFile('reps.csv', 'rep,team,role\nAnn,East,AE\nSam,East,SDR\n'));
    const people = byId((await peopleTiles(ctx)).tiles);
    expect(people.get('rep_attainment')!).toMatchObject({ value: null, note: 'note.needsQuota' });
    expect(people.get('median_attainment')!).toMatchObject({ value: null, note: 'note.needsQuota' });
    expect(people.get('bookings_per_ote')!).toMatchObject({ value: null, note: 'note.needsOte' });
    expect((await sdrTile(ctx)).tile).toMatchObject({ value: null, note: 'note.needsSdrCost' });
  });
});
