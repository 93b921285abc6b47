// The overview: each family's headline tiles (from the same queries as the family views) and the
// fiscal year's net new revenue against target with the year-end forecast.

import { fiscalYearMonthsSql, type AttainmentMonth } from '../../kpi/attainment';
import type { Forecast } from '../../kpi/forecast';
import type { KpiId } from '../../kpi/registry';
import { attainmentTiles, productTile } from './attainment';
import { all, type TileData, type ViewContext } from './context';
import { revenueTileList, revenueTiles } from './existing';
import { leadTileList, leadTiles } from './leads';
import { arpaTile, newBusinessTileList, newBusinessTiles } from './newBusiness';
import { peopleTiles, sdrTile } from './people';
import { pipelineTileList, pipelineTiles } from './pipeline';

export interface OverviewData {
  /** Every KPI tile, one section per family, headline tiles first. */
  families: { family: 'leads' | 'pipeline' | 'new_business' | 'existing' | 'attainment' | 'people'; tiles: TileData[] }[];
  months: AttainmentMonth[];
  forecast: Forecast | null;
}

/** The headline tiles first, then the rest of the family's tiles. */
const headlineFirst = (tiles: TileData[], ids: KpiId[]) => [
  ...ids.map((id) => tiles.find((t) => t.id === id)!),
  ...tiles.filter((t) => !ids.includes(t.id)),
];

export const HEADLINES = 3;

export async function queryOverview(ctx: ViewContext): Promise<OverviewData> {
  const [leads, pipeline, nb, revenue, attainment, people, arpa, product, sdr] = await Promise.all([
    leadTiles(ctx), pipelineTiles(ctx), newBusinessTiles(ctx), revenueTiles(ctx), attainmentTiles(ctx), peopleTiles(ctx),
    newBusinessTiles(ctx).then((n) => arpaTile(ctx, n)), productTile(ctx, null), sdrTile(ctx),
  ]);
  const months = ctx.loaded.has('revenue') || ctx.loaded.has('opportunities') ? await all<AttainmentMonth & Record<string, unknown>>(ctx, fiscalYearMonthsSql(ctx.params, ctx.basis)) : [];
  return {
    families: [
      { family: 'leads', tiles: headlineFirst(leadTileList(ctx, leads), ['leads_created', 'lead_qualification_rate', 'sdr_handoffs']) },
      { family: 'pipeline', tiles: headlineFirst(pipelineTileList(ctx, pipeline, nb), ['stage1_created', 'stage1_to_stage2_rate', 'pipeline_created_amount']) },
      // pipeline_created_amount shows in the pipeline family; new business lists the rest.
      { family: 'new_business', tiles: headlineFirst([...newBusinessTileList(ctx, nb).filter((t) => t.id !== 'pipeline_created_amount'), arpa], ['new_bookings', 'win_rate', 'new_customers']) },
      { family: 'existing', tiles: headlineFirst(revenueTileList(ctx, revenue), ['nrr', 'grr', 'mrr_churn']) },
      { family: 'attainment', tiles: headlineFirst([...attainment.tiles, product.tile], ['net_new_revenue', 'target_attainment', 'forecast_year_end']) },
      { family: 'people', tiles: headlineFirst([...people.tiles, sdr.tile], ['rep_attainment', 'reps_at_quota_pct', 'median_attainment']) },
    ],
    months,
    forecast: attainment.forecast,
  };
}
