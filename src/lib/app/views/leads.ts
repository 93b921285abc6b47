// The lead generation view: tiles, series, sources over time, per-SDR capacity and the diagnosis.

import { diagnose, type Diagnosis } from '../../kpi/diagnosis';
import { handoffSource, leadBreakdownSql, leadSeriesSql, leadTilesSql, type LeadBreakdown, type LeadPoint, type LeadTiles } from '../../kpi/leads';
import type { NewBusinessTiles } from '../../kpi/newBusiness';
import { leadSourceSeriesSql, type SourcePoint } from '../../kpi/leadSources';
import { all, currentAndPrevious, tile, when, type TileData, type ViewContext } from './context';
import { newBusinessTiles } from './newBusiness';

type Row = Record<string, unknown>;

export interface LeadsData {
  tiles: TileData[];
  series: LeadPoint[];
  sources: SourcePoint[];
  bySource: LeadBreakdown[];
  bySdr: LeadBreakdown[];
  diagnosis: Diagnosis | null;
}

export async function leadTiles(ctx: ViewContext): Promise<{ cur: LeadTiles | null; prev: LeadTiles | null }> {
  const both = ctx.loaded.has('leads') || ctx.loaded.has('opportunities')
    ? await currentAndPrevious<LeadTiles & Row>(ctx, (range) => leadTilesSql(ctx.params, range))
    : null;
  return { cur: both?.cur ?? null, prev: both?.prev ?? null };
}

export function leadTileList(ctx: ViewContext, t: { cur: LeadTiles | null; prev: LeadTiles | null }): TileData[] {
  const c = t.cur;
  const p = t.prev;
  return [
    tile(ctx, 'leads_created', c?.leads_created ?? null, p?.leads_created ?? null),
    tile(ctx, 'leads_qualified', c?.leads_qualified ?? null, p?.leads_qualified ?? null),
    tile(ctx, 'lead_qualification_rate', c?.lead_qualification_rate ?? null, p?.lead_qualification_rate ?? null, {
      num: c?.qualified_of_created, den: c?.leads_created, immature: c?.qualification_immature ?? false, note: 'note.cohort',
    }),
    tile(ctx, 'sdr_handoffs', c?.sdr_handoffs ?? null, p?.sdr_handoffs ?? null, {
      // Which column says a lead was handed off, or which one is missing.
      note: handoffSource(ctx.params) === null ? 'note.needsHandoff' : ctx.loaded.has('leads') && handoffSource(ctx.params) === 'leads' ? undefined : 'note.handoffsFromOpportunities',
    }),
    tile(ctx, 'leads_per_sdr', c?.leads_per_sdr ?? null, p?.leads_per_sdr ?? null, { num: c?.leads_created, den: c?.active_sdrs }),
    tile(ctx, 'days_to_qualify', c?.days_to_qualify ?? null, p?.days_to_qualify ?? null),
  ];
}

export async function queryLeadsView(ctx: ViewContext): Promise<LeadsData> {
  const t = await leadTiles(ctx);
  const tiles = leadTileList(ctx, t);
  const data = await when(ctx, ['leads'], () =>
    Promise.all([
      all<LeadPoint & Row>(ctx, leadSeriesSql(ctx.params)),
      all<SourcePoint & Row>(ctx, leadSourceSeriesSql(ctx.params)),
      all<LeadBreakdown & Row>(ctx, leadBreakdownSql(ctx.params, 'source')),
      all<LeadBreakdown & Row>(ctx, leadBreakdownSql(ctx.params, 'owner')),
    ]),
  );
  // Won deals from the new-business tiles' own queries.
  const won = await newBusinessTiles(ctx);
  const figures = (l: LeadTiles | null, w: NewBusinessTiles | undefined) =>
    l && w ? { leads: l.leads_created, handoffs: l.sdr_handoffs, won: w.won_deals, qualificationRate: l.lead_qualification_rate, leadsPerSdr: l.leads_per_sdr, daysToQualify: l.days_to_qualify } : null;
  const cur = figures(t.cur, won?.cur);
  const prev = figures(t.prev, won?.prev);
  return {
    tiles,
    series: data?.[0] ?? [],
    sources: data?.[1] ?? [],
    bySource: data?.[2] ?? [],
    bySdr: data?.[3] ?? [],
    diagnosis: cur && prev && ctx.loaded.has('leads') ? diagnose(cur, prev) : null,
  };
}
