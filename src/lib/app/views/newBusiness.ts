// The new business view: tiles, the series per grain bucket, breakdowns and won-deal distributions.

import {
  BREAKDOWNS, newBusinessBySql, newBusinessSeriesSql, newBusinessTilesSql, WON_DEAL_DISTRIBUTIONS, wonDealDistributionsSql,
  type Breakdown, type BreakdownRow, type NewBusinessPoint, type NewBusinessTiles,
} from '../../kpi/newBusiness';
import { distributionFrom, type DistributionRow } from '../../kpi/distribution';
import type { Distribution } from '../../charts/histogram';
import { all, currentAndPrevious, tile, when, type TileData, type ViewContext } from './context';
import { revenueTiles } from './existing';

type Row = Record<string, unknown>;

export interface NewBusinessData {
  tiles: TileData[];
  series: NewBusinessPoint[];
  /** The dimensions the files have, the one shown and its rows: another is queried when it is picked. */
  dims: Breakdown[];
  by: Breakdown | null;
  breakdown: BreakdownRow[];
  /** The won new deals' sizes and sales cycles. */
  wonDeals: { sizes: Distribution; cycles: Distribution };
}

export async function newBusinessTiles(ctx: ViewContext): Promise<{ cur: NewBusinessTiles; prev: NewBusinessTiles } | null> {
  return when(ctx, ['opportunities'], () => currentAndPrevious<NewBusinessTiles & Row>(ctx, (range) => newBusinessTilesSql(ctx.params, range)));
}

/** ARPA from closing MRR when revenue is loaded, else new-business bookings per new customer (labelled). */
export async function arpaTile(ctx: ViewContext, nb: { cur: NewBusinessTiles; prev: NewBusinessTiles } | null): Promise<TileData> {
  // The existing-business tiles' own queries (answered from the cache when both views run them).
  const revenue = await revenueTiles(ctx);
  if (revenue) {
    const { cur, prev } = revenue;
    return tile(ctx, 'arpa', cur.arpa, prev.arpa, { num: cur.closing_mrr, den: cur.closing_accounts });
  }
  return tile(ctx, 'arpa', nb?.cur.bookings_arpa ?? null, nb?.prev.bookings_arpa ?? null, {
    num: nb?.cur.new_bookings, den: nb?.cur.new_customers, note: 'note.bookingsArpa',
  });
}

/** Whether the opportunities say which account each belongs to (new customers need it). */
const hasAccounts = (ctx: ViewContext) => !!(ctx.params.fields.opportunities?.has('account_id') || ctx.params.fields.opportunities?.has('account_name'));

export function newBusinessTileList(ctx: ViewContext, nb: { cur: NewBusinessTiles; prev: NewBusinessTiles } | null): TileData[] {
  const c = nb?.cur;
  const p = nb?.prev;
  const v = (k: keyof NewBusinessTiles) => [c?.[k] ?? null, p?.[k] ?? null] as [number | null, number | null];
  return [
    tile(ctx, 'new_bookings', ...v('new_bookings')),
    tile(ctx, 'won_deals', ...v('won_deals')),
    tile(ctx, 'win_rate', ...v('win_rate'), { num: c?.won_deals, den: c ? c.won_deals + c.lost_deals : null }),
    tile(ctx, 'avg_deal_size', ...v('avg_deal_size'), { num: c?.new_bookings, den: c?.new_deals }),
    tile(ctx, 'new_customers', ...v('new_customers'), hasAccounts(ctx) ? {} : { note: 'note.needsAccount' }),
    tile(ctx, 'pipeline_created_amount', ...v('pipeline_created_amount')),
    tile(ctx, 'sales_cycle_days', ...v('sales_cycle_days')),
    tile(ctx, 'lost_deals', ...v('lost_deals')),
    tile(ctx, 'expansion_bookings', ...v('expansion_bookings')),
    tile(ctx, 'win_rate_created', ...v('win_rate_created'), { num: c?.won_of_created, den: c?.created_deals, note: 'note.soFar' }),
  ];
}

const wonDealsOf = (rows: readonly (DistributionRow & { of: string })[]): NewBusinessData['wonDeals'] => ({
  sizes: distributionFrom(rows.find((r) => r.of === WON_DEAL_DISTRIBUTIONS.sizes)),
  cycles: distributionFrom(rows.find((r) => r.of === WON_DEAL_DISTRIBUTIONS.cycles)),
});

/** `chosen`: the link's breakdown (by=); else the owner, else the first dimension the files have. */
export async function queryNewBusinessView(ctx: ViewContext, chosen: Breakdown | null): Promise<NewBusinessData> {
  if (!ctx.loaded.has('opportunities')) {
    return { tiles: [...newBusinessTileList(ctx, null), await arpaTile(ctx, null)], series: [], dims: [], by: null, breakdown: [], wonDeals: wonDealsOf([]) };
  }
  const fields = ctx.params.fields.opportunities ?? new Set<string>();
  const dims = BREAKDOWNS.filter((b) => fields.has(b) || (b === 'type' && fields.has('type')));
  const wanted = chosen ?? 'owner';
  const by = dims.includes(wanted) ? wanted : (dims[0] ?? null);
  // Every query is sent at once (none waits for another's answer), so the engine never idles between
  // them. Only the breakdown shown is queried (each is a grouped scan of every deal of the range).
  const [tiles, series, wonDeals, breakdown] = await Promise.all([
    newBusinessTiles(ctx).then(async (nb) => [...newBusinessTileList(ctx, nb), await arpaTile(ctx, nb)]),
    all<NewBusinessPoint & Row>(ctx, newBusinessSeriesSql(ctx.params)),
    all<DistributionRow & { of: string } & Row>(ctx, wonDealDistributionsSql(ctx.params)).then(wonDealsOf),
    by ? all<BreakdownRow & Row>(ctx, newBusinessBySql(ctx.params, by)) : Promise.resolve([]),
  ]);
  return { tiles, series, wonDeals, dims, by, breakdown };
}
