// The overview: each family's headline tiles (from the same queries as the family views) and the
// fiscal year's net new revenue against target with the year-end forecast.

import { attainmentSeriesSql, fiscalYearMonthsSql, type AttainmentMonth, type AttainmentPoint } from '../../kpi/attainment';
import { leadSeriesSql, type LeadPoint } from '../../kpi/leads';
import { newBusinessSeriesSql, type NewBusinessPoint } from '../../kpi/newBusiness';
import { pipelineSeriesSql, type PipelinePoint } from '../../kpi/pipeline';
import { revenueSeriesSql, type RevenuePoint } from '../../kpi/revenue';
import type { Forecast } from '../../kpi/forecast';
import type { KpiId } from '../../kpi/registry';
import { attainmentTiles, productTile, type LaunchChoice } from './attainment';
import { all, type TileData, type ViewContext } from './context';
import { revenueTileList, revenueTiles } from './existing';
import { leadTileList, leadTiles } from './leads';
import { arpaTile, newBusinessTileList, newBusinessTiles } from './newBusiness';
import { peopleTiles, sdrTile } from './people';
import { repSummarySeriesSql, type RepSummaryPoint } from '../../kpi/people';
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

const cumulative = (values: number[]) => values.map((_, i) => values.slice(0, i + 1).reduce((a, b) => a + b, 0));

export async function queryOverview(ctx: ViewContext, launch: LaunchChoice): Promise<OverviewData> {
  type R = Record<string, unknown>;
  // Every query is sent at once (none waits for another's answer), so the engine never idles between them.
  const tiles = Promise.all([
    leadTiles(ctx), pipelineTiles(ctx), newBusinessTiles(ctx), revenueTiles(ctx), attainmentTiles(ctx), peopleTiles(ctx),
    newBusinessTiles(ctx).then((n) => arpaTile(ctx, n)), productTile(ctx, launch), sdrTile(ctx),
  ]);
  const fiscalMonths = ctx.loaded.has('revenue') || ctx.loaded.has('opportunities') ? all<AttainmentMonth & R>(ctx, fiscalYearMonthsSql(ctx.params, ctx.basis)) : Promise.resolve([]);
  const series = Promise.all([
    ctx.loaded.has('leads') ? all<LeadPoint & R>(ctx, leadSeriesSql(ctx.params)) : [],
    ctx.loaded.has('opportunities') ? all<PipelinePoint & R>(ctx, pipelineSeriesSql(ctx.params, ctx.pick)) : [],
    ctx.loaded.has('opportunities') ? all<NewBusinessPoint & R>(ctx, newBusinessSeriesSql(ctx.params)) : [],
    ctx.loaded.has('revenue') ? all<RevenuePoint & R>(ctx, revenueSeriesSql(ctx.params)) : [],
    ctx.loaded.has('revenue') || ctx.loaded.has('opportunities') ? all<AttainmentPoint & R>(ctx, attainmentSeriesSql(ctx.params, ctx.basis)) : [],
    ctx.loaded.has('reps') && ctx.loaded.has('opportunities') ? all<RepSummaryPoint & R>(ctx, repSummarySeriesSql(ctx.params)) : [],
  ]);
  const [[leads, pipeline, nb, revenue, attainment, people, arpa, product, sdr], months, [leadSeries, pipeSeries, nbSeries, revSeries, attSeries, repSeries]] =
    await Promise.all([tiles, fiscalMonths, series]);
  const sparks: Partial<Record<KpiId, (number | null)[]>> = {
    leads_created: leadSeries.map((p) => p.leads_created),
    lead_qualification_rate: leadSeries.map((p) => p.qualification_rate),
    sdr_handoffs: leadSeries.map((p) => p.sdr_handoffs),
    stage1_created: pipeSeries.map((p) => p.stage1_created),
    stage1_to_stage2_rate: pipeSeries.map((p) => p.stage1_to_stage2_rate),
    pipeline_created_amount: pipeSeries.map((p) => p.pipeline_created_amount),
    new_bookings: nbSeries.map((p) => p.new_bookings),
    win_rate: nbSeries.map((p) => p.win_rate),
    won_deals: nbSeries.map((p) => p.won_deals),
    new_customers: nbSeries.map((p) => p.new_customers),
    rep_attainment: repSeries.map((p) => p.rep_attainment),
    reps_at_quota_pct: repSeries.map((p) => p.reps_at_quota_pct),
    median_attainment: repSeries.map((p) => p.median_attainment),
    nrr: revSeries.map((p) => p.nrr),
    grr: revSeries.map((p) => p.grr),
    mrr_churn: revSeries.map((p) => p.mrr_churn),
    net_new_revenue: attSeries.map((p) => p.net_new),
    target_attainment: attSeries.map((p) => p.target_attainment),
    // The year so far, month by month, building toward the forecast.
    forecast_year_end: cumulative(months.filter((m) => m.actual !== null).map((m) => m.actual!)),
  };
  const withSpark = (tiles: TileData[]) => tiles.map((t) => (sparks[t.id]?.length ? { ...t, spark: sparks[t.id] } : t));
  return {
    families: ([
      { family: 'leads', tiles: headlineFirst(leadTileList(ctx, leads), ['leads_created', 'lead_qualification_rate', 'sdr_handoffs']) },
      { family: 'pipeline', tiles: headlineFirst(pipelineTileList(ctx, pipeline, nb), ['stage1_created', 'stage1_to_stage2_rate', 'pipeline_created_amount']) },
      // pipeline_created_amount shows in the pipeline family; new business lists the rest.
      { family: 'new_business', tiles: headlineFirst([...newBusinessTileList(ctx, nb).filter((t) => t.id !== 'pipeline_created_amount'), arpa], ['new_bookings', 'win_rate', 'new_customers']) },
      { family: 'existing', tiles: headlineFirst(revenueTileList(ctx, revenue), ['nrr', 'grr', 'mrr_churn']) },
      { family: 'attainment', tiles: headlineFirst([...attainment.tiles, product.tile], ['net_new_revenue', 'target_attainment', 'forecast_year_end']) },
      { family: 'people', tiles: headlineFirst([...people.tiles, sdr.tile], ['rep_attainment', 'reps_at_quota_pct', 'median_attainment']) },
    ] as OverviewData['families']).map((f) => ({ ...f, tiles: withSpark(f.tiles) })),
    months,
    forecast: attainment.forecast,
  };
}
