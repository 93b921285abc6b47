// The attainment view: net new revenue against target, the fiscal year month by month, the
// year-end forecast, the gap and its planner inputs, and a product launch.

import { attainmentPeriodsSql, fiscalYearMonthsSql, forecastInputsSql, netNewSql, targetSql, type AttainmentMonth, type AttainmentPeriod, type ForecastInputs } from '../../kpi/attainment';
import { forecast, type Forecast } from '../../kpi/forecast';
import { productLaunchesSql, productNetNewSql, type ProductLaunch } from '../../kpi/launch';
import { all, one, tile, type TileData, type ViewContext } from './context';

type Row = Record<string, unknown>;

export interface AttainmentData {
  tiles: TileData[];
  months: AttainmentMonth[];
  /** Actual vs target in buckets of the view's grain. */
  periods: AttainmentPeriod[];
  inputs: ForecastInputs | null;
  forecast: Forecast | null;
  launches: ProductLaunch[];
  launch: ProductLaunch | null;
}

export async function attainmentTiles(ctx: ViewContext): Promise<{ tiles: TileData[]; inputs: ForecastInputs | null; forecast: Forecast | null }> {
  const hasSource = ctx.loaded.has('revenue') || ctx.loaded.has('opportunities');
  const hasTargets = ctx.loaded.has('targets');
  const [nn, nnPrev, target, targetPrev, inputs] = await Promise.all([
    hasSource ? one<{ net_new: number } & Row>(ctx, netNewSql(ctx.params, ctx.basis, ctx.params.range)) : null,
    hasSource ? one<{ net_new: number } & Row>(ctx, netNewSql(ctx.params, ctx.basis, ctx.previous)) : null,
    hasTargets ? one<{ target: number | null } & Row>(ctx, targetSql(ctx.params, ctx.params.range)) : null,
    hasTargets ? one<{ target: number | null } & Row>(ctx, targetSql(ctx.params, ctx.previous)) : null,
    hasSource ? one<ForecastInputs & Row>(ctx, forecastInputsSql(ctx.params, ctx.basis)) : null,
  ]);
  const f = inputs ? forecast(inputs) : null;
  const att = (n: number | null | undefined, t: number | null | undefined) => (n === null || n === undefined || !t ? null : n / t);
  const basisNote = ctx.basis === 'bookings' ? { note: 'note.bookingsBased' as const } : {};
  const tiles = [
    tile(ctx, 'net_new_revenue', nn?.net_new ?? null, nnPrev?.net_new ?? null, basisNote),
    tile(ctx, 'target', target?.target ?? null, targetPrev?.target ?? null),
    tile(ctx, 'target_attainment', att(nn?.net_new, target?.target), att(nnPrev?.net_new, targetPrev?.target), { num: nn?.net_new, den: target?.target, ...basisNote }),
    tile(ctx, 'forecast_year_end', f?.runRate ?? null, null, { note: 'note.runRate' }),
    tile(ctx, 'forecast_pipeline', f?.pipeline ?? null, null, { note: inputs ? (`note.weighting.${inputs.weighting}` as 'note.weighting.history') : undefined }),
    tile(ctx, 'forecast_gap', hasTargets ? (f?.gap ?? null) : null, null, { num: f?.target, den: null }),
  ];
  return { tiles, inputs, forecast: f };
}

/** The launch of the chosen product (else the most recent launch) and its net new revenue. */
export async function productTile(ctx: ViewContext, chosenProduct: string | null): Promise<{ tile: TileData; launches: ProductLaunch[]; launch: ProductLaunch | null }> {
  // Revenue by product when the revenue file names products, else bookings of the opportunities' products.
  const basis = ctx.params.fields.revenue?.has('product') ? 'revenue' : 'bookings';
  const hasSource = basis === 'revenue' || ctx.params.fields.opportunities?.has('product');
  const launches = hasSource ? await all<ProductLaunch & Row>(ctx, productLaunchesSql(basis)) : [];
  const launch = launches.find((l) => l.product === chosenProduct) ?? launches[0] ?? null;
  const product = launch ? await one<{ product_net_new: number; target: number | null } & Row>(ctx, productNetNewSql(ctx.params, basis, launch)) : null;
  const t = tile(ctx, 'product_net_new', launch ? (product?.product_net_new ?? null) : null, null, {
    num: product?.product_net_new, den: product?.target,
    note: !launch ? 'note.noProduct' : basis === 'bookings' ? (ctx.loaded.has('revenue') ? 'note.productBookings' : 'note.bookingsBased') : undefined,
  });
  return { tile: t, launches, launch };
}

export async function queryAttainmentView(ctx: ViewContext, chosenProduct: string | null): Promise<AttainmentData> {
  const hasSource = ctx.loaded.has('revenue') || ctx.loaded.has('opportunities');
  const [a, months, periods, product] = await Promise.all([
    attainmentTiles(ctx),
    hasSource ? all<AttainmentMonth & Row>(ctx, fiscalYearMonthsSql(ctx.params, ctx.basis)) : [],
    hasSource ? all<AttainmentPeriod & Row>(ctx, attainmentPeriodsSql(ctx.params, ctx.basis)) : [],
    productTile(ctx, chosenProduct),
  ]);
  return { tiles: [...a.tiles, product.tile], months, periods, inputs: a.inputs, forecast: a.forecast, launches: product.launches, launch: product.launch };
}
