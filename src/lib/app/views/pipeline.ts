// The pipeline creation view: tiles, series, the stage funnel, conversion cohorts and their
// comparison at fixed ages.

import type { CohortCell } from '../../kpi/cohorts';
import {
  cohortComparison, cohortTable, leadsConvert, pipelineCountsSql, pipelineSeriesSql, pipelineStatsSql, pipelineTilesOf, stageFunnelSql,
  type CohortTransition, type FunnelStep, type PipelineCounts, type PipelinePoint, type PipelineStats, type PipelineTiles,
} from '../../kpi/pipeline';
import type { NewBusinessTiles } from '../../kpi/newBusiness';
import { all, currentAndPrevious, one, tile, when, type TileData, type ViewContext } from './context';
import { newBusinessTiles } from './newBusiness';

type Row = Record<string, unknown>;

export interface PipelineData {
  tiles: TileData[];
  series: PipelinePoint[];
  funnel: FunnelStep[];
  transition: CohortTransition;
  cohorts: CohortCell[];
  comparison: Row[];
  s2Dated: boolean;
  /** The transition asked for when it could not be shown (no converted dates, no stage-2 dates). */
  fellBack: CohortTransition | null;
}

export async function pipelineTiles(ctx: ViewContext): Promise<{ cur: PipelineTiles; prev: PipelineTiles } | null> {
  return when(ctx, ['opportunities'], async () => {
    const [stats, counts] = await Promise.all([
      one<PipelineStats & Row>(ctx, pipelineStatsSql(ctx.params, ctx.pick)),
      currentAndPrevious<PipelineCounts & Row>(ctx, (range) => pipelineCountsSql(ctx.params, range, ctx.pick)),
    ]);
    return {
      cur: pipelineTilesOf(counts.cur, stats, ctx.params.range, ctx.params.asOf),
      prev: pipelineTilesOf(counts.prev, stats, ctx.previous, ctx.params.asOf),
    };
  });
}

export function pipelineTileList(ctx: ViewContext, t: { cur: PipelineTiles; prev: PipelineTiles } | null, nb: { cur: NewBusinessTiles; prev: NewBusinessTiles } | null): TileData[] {
  const c = t?.cur;
  const p = t?.prev;
  const inferred = c && !c.s2_dated ? { note: 'note.stage2Inferred' as const } : {};
  return [
    tile(ctx, 'stage1_created', c?.stage1_created ?? null, p?.stage1_created ?? null),
    tile(ctx, 'stage2_created', c?.stage2_created ?? null, p?.stage2_created ?? null, c && !c.s2_dated ? { note: 'note.stage2Undated' } : {}),
    tile(ctx, 'stage1_to_stage2_rate', c?.stage1_to_stage2_rate ?? null, p?.stage1_to_stage2_rate ?? null, {
      num: c?.reached_s2_of_s1, den: c?.stage1_created, immature: c?.rate_immature ?? false, ...inferred,
    }),
    tile(ctx, 'pipeline_created_amount', nb?.cur.pipeline_created_amount ?? null, nb?.prev.pipeline_created_amount ?? null),
  ];
}

export async function queryPipelineView(ctx: ViewContext, transition: CohortTransition): Promise<PipelineData> {
  // The series and the funnel are sent with the tiles' queries (none waits for another's answer);
  // the cohorts wait for the tiles, which say whether stage-2 dates are known.
  const charts = when(ctx, ['opportunities'], () =>
    Promise.all([all<PipelinePoint & Row>(ctx, pipelineSeriesSql(ctx.params, ctx.pick)), all<FunnelStep & Row>(ctx, stageFunnelSql(ctx.params, ctx.pick))]),
  );
  const [t, nb] = await Promise.all([pipelineTiles(ctx), newBusinessTiles(ctx)]);
  const tiles = pipelineTileList(ctx, t, nb);
  // Lead to stage 1 needs leads that say when they converted; stage 2 to won needs stage-2 dates.
  const leadsUsable = ctx.loaded.has('leads') && leadsConvert(ctx.params);
  const usable = (transition === 'lead_to_s1' && !leadsUsable) || (transition === 's2_to_won' && t && !t.cur.s2_dated) ? 's1_to_s2' : transition;
  const [chartData, cohortData] = await Promise.all([
    charts,
    when(ctx, ['opportunities'], () =>
      Promise.all([all<CohortCell & Row>(ctx, cohortTable(ctx.params, ctx.pick, usable)), all<Row>(ctx, cohortComparison(ctx.params, ctx.pick, usable))]),
    ),
  ]);
  return {
    tiles,
    series: chartData?.[0] ?? [],
    funnel: chartData?.[1] ?? [],
    transition: usable,
    fellBack: usable !== transition ? transition : null,
    cohorts: cohortData?.[0] ?? [],
    comparison: cohortData?.[1] ?? [],
    s2Dated: t?.cur.s2_dated ?? false,
  };
}
