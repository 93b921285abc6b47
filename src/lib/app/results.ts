// Runs the queries of the current view together and returns plain data for the components.

import type { DbClient } from '../db/client';
import type { KpiParams } from '../kpi/params';
import {
  bookingsByOwnerSql,
  newBusinessSeriesSql,
  newBusinessTilesSql,
  type NewBusinessPoint,
  type NewBusinessTiles,
  type OwnerBookings,
} from '../kpi/newBusiness';
import { previousRange, type DateRange } from '../kpi/period';

export interface NewBusinessResults {
  range: DateRange;
  previousRange: DateRange;
  tiles: NewBusinessTiles;
  previous: NewBusinessTiles;
  series: NewBusinessPoint[];
  owners: OwnerBookings[];
}

export async function queryNewBusiness(db: DbClient, params: KpiParams): Promise<NewBusinessResults> {
  const prev = previousRange(params.range);
  const [[tiles], [previous], series, owners] = await Promise.all([
    db.query<NewBusinessTiles & Record<string, unknown>>(newBusinessTilesSql(params, params.range)),
    db.query<NewBusinessTiles & Record<string, unknown>>(newBusinessTilesSql(params, prev)),
    db.query<NewBusinessPoint & Record<string, unknown>>(newBusinessSeriesSql(params)),
    db.query<OwnerBookings & Record<string, unknown>>(bookingsByOwnerSql(params)),
  ]);
  return { range: params.range, previousRange: prev, tiles, previous, series, owners };
}
