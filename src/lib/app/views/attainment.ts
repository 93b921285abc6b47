// The attainment view: net new revenue against target, the fiscal year month by month, the
// year-end forecast, the gap and its planner inputs, and a product launch.

import { attainmentSql, attainmentPeriodsSql, fiscalYearMonthsSql, forecastInputsSql, type AttainmentMonth, type AttainmentPeriod, type AttainmentRow, type ForecastInputs } from '../../kpi/attainment';
import { forecast, type Forecast } from '../../kpi/forecast';
import { productLaunchesSql, productNetNewSql, type ProductLaunch } from '../../kpi/launch';
import { all, currentAndPrevious, one, oneEach, tile, type TileData, type ViewContext } from './context';

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
  const [both, [inputs, prevInputs]] = await Promise.all([
    hasSource || hasTargets ? currentAndPrevious<AttainmentRow & Row>(ctx, (range) => attainmentSql(ctx.params, ctx.basis, range)) : null,
    // With the forecast as it stood at the end of the comparison period (for its own fiscal year).
    hasSource ? oneEach<ForecastInputs & Row>(ctx, forecastInputsSql(ctx.params, ctx.basis), forecastInputsSql({ ...ctx.params, asOf: ctx.previous.to }, ctx.basis)) : [null, null],
  ]);
  const cur = both?.cur;
  const prev = both?.prev;
  const f = inputs ? forecast(inputs) : null;
  const pf = prevInputs ? forecast(prevInputs) : null;
  const basisNote = ctx.basis === 'bookings' ? { note: 'note.bookingsBased' as const } : {};
  const tiles = [
    tile(ctx, 'net_new_revenue', cur?.net_new ?? null, prev?.net_new ?? null, basisNote),
    tile(ctx, 'target', cur?.target ?? null, prev?.target ?? null),
    tile(ctx, 'target_attainment', cur?.target_attainment ?? null, prev?.target_attainment ?? null, { num: cur?.net_new, den: cur?.target, ...basisNote }),
    tile(ctx, 'forecast_year_end', f?.runRate ?? null, pf?.runRate ?? null, { note: 'note.runRate' }),
    tile(ctx, 'forecast_pipeline', f?.pipeline ?? null, pf?.pipeline ?? null, { note: inputs ? (`note.weighting.${inputs.weighting}` as 'note.weighting.history') : undefined }),
    tile(ctx, 'forecast_gap', hasTargets ? (f?.gap ?? null) : null, hasTargets ? (pf?.gap ?? null) : null),
  ];
  return { tiles, inputs, forecast: f };
}

/** The product a view tracks: by name (else the most recent launch), from a chosen date (else its first activity). */
export interface LaunchChoice {
  product: string | null;
  since: string | null;
}

/** The launch of the chosen product and its net new revenue, as of the as-of date and as of the comparison's end. */
export async function productTile(ctx: ViewContext, choice: LaunchChoice): Promise<{ tile: TileData; launches: ProductLaunch[]; launch: ProductLaunch | null }> {
  // Revenue by product when the revenue file names products, else bookings of the opportunities' products.
  const basis = ctx.params.fields.revenue?.has('product') ? 'revenue' : 'bookings';
  const hasSource = basis === 'revenue' || ctx.params.fields.opportunities?.has('product');
  const launches = hasSource ? await all<ProductLaunch & Row>(ctx, productLaunchesSql(basis)) : [];
  const found = launches.find((l) => l.product === choice.product) ?? launches[0] ?? null;
  const launch = found && choice.since ? { ...found, launch: choice.since } : found;
  type Result = { product_net_new: number; target: number | null } & Row;
  const asOfPrevious = { ...ctx.params, asOf: ctx.previous.to };
  const [product, previous] = launch
    ? await Promise.all([
        one<Result>(ctx, productNetNewSql(ctx.params, basis, launch)),
        // The same launch seen from the end of the comparison period (nothing yet before the launch).
        ctx.previous.to >= launch.launch ? one<Result>(ctx, productNetNewSql(asOfPrevious, basis, launch)) : null,
      ])
    : [null, null];
  const t = tile(ctx, 'product_net_new', launch ? (product?.product_net_new ?? null) : null, previous?.product_net_new ?? null, {
    num: product?.product_net_new, den: product?.target,
    note: !launch ? 'note.noProduct' : basis === 'bookings' ? (ctx.loaded.has('revenue') ? 'note.productBookings' : 'note.bookingsBased') : undefined,
  });
  return { tile: t, launches, launch };
}

export async function queryAttainmentView(ctx: ViewContext, choice: LaunchChoice): Promise<AttainmentData> {
  const hasSource = ctx.loaded.has('revenue') || ctx.loaded.has('opportunities');
  const [a, months, periods, product] = await Promise.all([
    attainmentTiles(ctx),
    hasSource ? all<AttainmentMonth & Row>(ctx, fiscalYearMonthsSql(ctx.params, ctx.basis)) : [],
    hasSource ? all<AttainmentPeriod & Row>(ctx, attainmentPeriodsSql(ctx.params, ctx.basis)) : [],
    productTile(ctx, choice),
  ]);
  return { tiles: [...a.tiles, product.tile], months, periods, inputs: a.inputs, forecast: a.forecast, launches: product.launches, launch: product.launch };
}
