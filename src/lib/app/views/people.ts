// The people view: rep attainment (leaderboard, distribution, share at quota), bookings per OTE,
// ramped reps, and SDR ROI with the months each SDR took to reach a multiple of their cost.

import { repAttainmentSql, repSummarySql, sdrCurveSql, sdrRoiSql, sdrTotalSql, type RepRow, type RepSummary, type SdrCurvePoint, type SdrRow, type SdrTotal } from '../../kpi/people';
import { all, currentAndPrevious, tile, type TileData, type ViewContext } from './context';

type Row = Record<string, unknown>;

export interface PeopleData {
  tiles: TileData[];
  reps: RepRow[];
  sdrs: SdrRow[];
  curve: SdrCurvePoint[];
}

export async function peopleTiles(ctx: ViewContext): Promise<{ tiles: TileData[]; reps: RepRow[] }> {
  const ready = ctx.loaded.has('reps') && ctx.loaded.has('opportunities');
  const [reps, summary] = ready
    ? await Promise.all([
        all<RepRow & Row>(ctx, repAttainmentSql(ctx.params, ctx.params.range)),
        currentAndPrevious<RepSummary & Row>(ctx, (range) => repSummarySql(ctx.params, range)),
      ])
    : [[], null];
  const s = summary?.cur;
  const ps = summary?.prev;
  // A reps file without quota periods cannot give attainment: say what is missing.
  const reps_ = ctx.params.fields.reps;
  const quotaNote = ready && !(reps_?.has('quota') && reps_?.has('period')) ? ('note.needsQuota' as const) : undefined;
  const tiles = [
    tile(ctx, 'rep_attainment', s?.rep_attainment ?? null, ps?.rep_attainment ?? null, { num: s?.bookings, den: s?.quota, note: quotaNote ?? 'note.teamAttainment' }),
    tile(ctx, 'reps_at_quota_pct', s?.reps_at_quota_pct ?? null, ps?.reps_at_quota_pct ?? null, { num: s?.at_quota, den: s?.with_quota, note: quotaNote }),
    tile(ctx, 'median_attainment', s?.median_attainment ?? null, ps?.median_attainment ?? null, { note: quotaNote }),
    tile(ctx, 'bookings_per_ramped_rep', s?.bookings_per_ramped_rep ?? null, ps?.bookings_per_ramped_rep ?? null, { num: s?.ramped_bookings, den: s?.ramped }),
    tile(ctx, 'bookings_per_ote', s?.bookings_per_ote ?? null, ps?.bookings_per_ote ?? null, {
      num: s?.ote_bookings, den: s?.ote_in_range, note: ctx.params.fields.reps?.has('ote') ? undefined : 'note.needsOte',
    }),
  ];
  return { tiles, reps };
}

/** All SDRs together: sourced bookings over their cost in the period. */
export async function sdrTile(ctx: ViewContext): Promise<{ tile: TileData; sdrs: SdrRow[] }> {
  const ready = ctx.loaded.has('opportunities') && ctx.loaded.has('reps');
  const [sdrs, total] = ready
    ? await Promise.all([
        all<SdrRow & Row>(ctx, sdrRoiSql(ctx.params, ctx.params.range)),
        currentAndPrevious<SdrTotal & Row>(ctx, (range) => sdrTotalSql(ctx.params, range)),
      ])
    : [[], null];
  const c = total?.cur;
  const p = total?.prev;
  // No SDR with a cost or OTE: the return cannot be computed, and the tile says what is missing.
  const note = ready && c?.cost == null ? ('note.needsSdrCost' as const) : ('note.allSdrs' as const);
  return { tile: tile(ctx, 'sdr_roi', c?.sdr_roi ?? null, p?.sdr_roi ?? null, { num: c?.bookings, den: c?.cost, note }), sdrs };
}

export async function queryPeopleView(ctx: ViewContext): Promise<PeopleData> {
  const [{ tiles, reps }, sdr, curve] = await Promise.all([
    peopleTiles(ctx),
    sdrTile(ctx),
    ctx.loaded.has('opportunities') && ctx.loaded.has('reps') ? all<SdrCurvePoint & Row>(ctx, sdrCurveSql(ctx.params)) : [],
  ]);
  return { tiles: [...tiles, sdr.tile], reps, sdrs: sdr.sdrs, curve };
}
