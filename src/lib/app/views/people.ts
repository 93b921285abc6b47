// The people view: rep attainment (leaderboard, distribution, share at quota), bookings per OTE,
// ramped reps, and SDR ROI with the months each SDR took to reach a multiple of their cost.

import { repAttainmentSql, sdrCurveSql, sdrRoiSql, type RepRow, type SdrCurvePoint, type SdrRow } from '../../kpi/people';
import { all, tile, type TileData, type ViewContext } from './context';

type Row = Record<string, unknown>;

export interface PeopleData {
  tiles: TileData[];
  reps: RepRow[];
  sdrs: SdrRow[];
  curve: SdrCurvePoint[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface RepSummary {
  atQuota: number;
  withQuota: number;
  median: number | null;
  ramped: number;
  rampedBookings: number;
  bookings: number;
  oteInRange: number;
}

export function summarizeReps(reps: readonly RepRow[]): RepSummary {
  const ramped = reps.filter((r) => r.ramped);
  return {
    atQuota: reps.filter((r) => (r.attainment ?? 0) >= 1).length,
    withQuota: reps.length,
    median: median(reps.map((r) => r.attainment ?? 0)),
    ramped: ramped.length,
    rampedBookings: ramped.reduce((s, r) => s + r.bookings, 0),
    bookings: reps.reduce((s, r) => s + r.bookings, 0),
    oteInRange: reps.reduce((s, r) => s + (r.bookings_per_ote ? r.bookings / r.bookings_per_ote : 0), 0),
  };
}

export async function peopleTiles(ctx: ViewContext): Promise<{ tiles: TileData[]; reps: RepRow[] }> {
  const ready = ctx.loaded.has('reps') && ctx.loaded.has('opportunities');
  const [reps, prevReps] = ready
    ? await Promise.all([all<RepRow & Row>(ctx, repAttainmentSql(ctx.params, ctx.params.range)), all<RepRow & Row>(ctx, repAttainmentSql(ctx.params, ctx.previous))])
    : [[], []];
  const s = summarizeReps(reps);
  const ps = summarizeReps(prevReps);
  const ratio = (a: number, b: number) => (b ? a / b : null);
  const quota = reps.reduce((a, r) => a + r.quota, 0);
  const prevQuota = prevReps.reduce((a, r) => a + r.quota, 0);
  const tiles = [
    tile(ctx, 'rep_attainment', ratio(s.bookings, quota), ratio(ps.bookings, prevQuota), { num: s.bookings, den: quota || null, note: 'note.teamAttainment' }),
    tile(ctx, 'reps_at_quota_pct', ratio(s.atQuota, s.withQuota), ratio(ps.atQuota, ps.withQuota), { num: s.atQuota, den: s.withQuota }),
    tile(ctx, 'median_attainment', s.median, ps.median),
    tile(ctx, 'bookings_per_ramped_rep', ratio(s.rampedBookings, s.ramped), ratio(ps.rampedBookings, ps.ramped), { num: s.rampedBookings, den: s.ramped }),
    tile(ctx, 'bookings_per_ote', ratio(s.bookings, s.oteInRange), ratio(ps.bookings, ps.oteInRange), { num: s.bookings, den: s.oteInRange || null }),
  ];
  return { tiles, reps };
}

/** All SDRs together: sourced bookings over their cost in the period. */
export async function sdrTile(ctx: ViewContext): Promise<{ tile: TileData; sdrs: SdrRow[] }> {
  const ready = ctx.loaded.has('opportunities') && ctx.loaded.has('reps');
  const [sdrs, prev] = ready
    ? await Promise.all([all<SdrRow & Row>(ctx, sdrRoiSql(ctx.params, ctx.params.range)), all<SdrRow & Row>(ctx, sdrRoiSql(ctx.params, ctx.previous))])
    : [[], []];
  const total = (rows: SdrRow[]) => {
    const costed = rows.filter((r) => r.cost_in_window);
    const cost = costed.reduce((a, r) => a + (r.cost_in_window ?? 0), 0);
    const bookings = costed.reduce((a, r) => a + r.sourced_bookings, 0);
    return { cost, bookings, roi: cost ? bookings / cost : null };
  };
  const c = total(sdrs);
  const p = total(prev);
  return { tile: tile(ctx, 'sdr_roi', c.roi, p.roi, { num: c.bookings, den: c.cost || null, note: 'note.allSdrs' }), sdrs };
}

export async function queryPeopleView(ctx: ViewContext): Promise<PeopleData> {
  const [{ tiles, reps }, sdr, curve] = await Promise.all([
    peopleTiles(ctx),
    sdrTile(ctx),
    ctx.loaded.has('opportunities') && ctx.loaded.has('reps') ? all<SdrCurvePoint & Row>(ctx, sdrCurveSql(ctx.params)) : [],
  ]);
  return { tiles: [...tiles, sdr.tile], reps, sdrs: sdr.sdrs, curve };
}
