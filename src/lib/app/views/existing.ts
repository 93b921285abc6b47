// The existing business view: MRR movement tiles, NRR/GRR, logo churn, the bridge, the series and
// retention cohorts.

import { retentionCohortsSql, revenueSeriesSql, revenueTilesSql, type RetentionCell, type RevenuePoint, type RevenueTiles } from '../../kpi/revenue';
import { all, currentAndPrevious, tile, when, type TileData, type ViewContext } from './context';

type Row = Record<string, unknown>;

export interface ExistingData {
  tiles: TileData[];
  current: RevenueTiles | null;
  series: RevenuePoint[];
  cohorts: RetentionCell[];
}

export async function revenueTiles(ctx: ViewContext): Promise<{ cur: RevenueTiles; prev: RevenueTiles } | null> {
  return when(ctx, ['revenue'], () => currentAndPrevious<RevenueTiles & Row>(ctx, (range) => revenueTilesSql(ctx.params, range)));
}

export function revenueTileList(ctx: ViewContext, r: { cur: RevenueTiles; prev: RevenueTiles } | null): TileData[] {
  const c = r?.cur;
  const p = r?.prev;
  const v = (k: keyof RevenueTiles) => [c?.[k] ?? null, p?.[k] ?? null] as [number | null, number | null];
  return [
    tile(ctx, 'nrr', ...v('nrr'), { num: c?.retained_mrr, den: c?.opening_mrr }),
    tile(ctx, 'grr', ...v('grr'), { num: c?.retained_capped_mrr, den: c?.opening_mrr }),
    tile(ctx, 'logo_churn', ...v('logo_churn'), { num: c?.churned_accounts, den: c?.opening_accounts }),
    tile(ctx, 'mrr_new', ...v('mrr_new')),
    tile(ctx, 'mrr_expansion', ...v('mrr_expansion')),
    tile(ctx, 'mrr_reactivation', ...v('mrr_reactivation')),
    tile(ctx, 'mrr_contraction', ...v('mrr_contraction')),
    tile(ctx, 'mrr_churn', ...v('mrr_churn')),
  ];
}

export async function queryExistingView(ctx: ViewContext): Promise<ExistingData> {
  const r = await revenueTiles(ctx);
  const data = await when(ctx, ['revenue'], () =>
    Promise.all([all<RevenuePoint & Row>(ctx, revenueSeriesSql(ctx.params)), all<RetentionCell & Row>(ctx, retentionCohortsSql(ctx.params))]),
  );
  return { tiles: revenueTileList(ctx, r), current: r?.cur ?? null, series: data?.[0] ?? [], cohorts: data?.[1] ?? [] };
}
