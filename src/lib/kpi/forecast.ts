// The year-end forecast and the gap planner: pure arithmetic over ForecastInputs, so the page can
// re-plan instantly when the user tries other rates.

import type { ForecastInputs } from './attainment';

export interface Forecast {
  /** Year to date plus the recent run-rate carried to the fiscal year end. */
  runRate: number;
  /** Year to date plus open pipeline closing this year, weighted by its chance of winning. */
  pipeline: number;
  ytd: number;
  target: number | null;
  /** Target minus the run-rate forecast: positive is a shortfall. */
  gap: number | null;
}

export function forecast(i: ForecastInputs): Forecast {
  const perDay = i.recent_days > 0 ? i.recent_actual / i.recent_days : 0;
  const runRate = i.ytd_actual + perDay * i.remaining_days;
  const pipeline = i.ytd_actual + i.weighted_pipeline;
  return { runRate, pipeline, ytd: i.ytd_actual, target: i.fy_target, gap: i.fy_target === null ? null : i.fy_target - runRate };
}

export interface PlanRates {
  winRate: number | null;
  avgDealSize: number | null;
  leadToOpportunity: number | null;
}

export interface GapPlan {
  pipelineNeeded: number | null;
  opportunitiesNeeded: number | null;
  leadsNeeded: number | null;
}

/** What closes a gap at given rates: pipeline = gap / win rate; opportunities = that / deal size; leads = that / conversion. */
export function planGap(gap: number | null, r: PlanRates): GapPlan {
  if (gap === null || gap <= 0) return { pipelineNeeded: gap === null ? null : 0, opportunitiesNeeded: gap === null ? null : 0, leadsNeeded: gap === null ? null : 0 };
  const pipelineNeeded = r.winRate ? gap / r.winRate : null;
  const opportunitiesNeeded = r.winRate && r.avgDealSize ? Math.ceil(gap / (r.winRate * r.avgDealSize)) : null;
  const leadsNeeded = opportunitiesNeeded !== null && r.leadToOpportunity ? Math.ceil(opportunitiesNeeded / r.leadToOpportunity) : null;
  return { pipelineNeeded, opportunitiesNeeded, leadsNeeded };
}

export interface RateForecast {
  /** Year to date plus the open pipeline closing this fiscal year, won at the given rate. */
  yearEnd: number;
  /** The target minus that: positive is a shortfall (null without a target). */
  gap: number | null;
}

/** The year end and the gap if the open pipeline closing this year is won at `winRate`. */
export function forecastAtRate(i: ForecastInputs, winRate: number | null): RateForecast | null {
  if (winRate === null) return null;
  const yearEnd = i.ytd_actual + i.open_pipeline * winRate;
  return { yearEnd, gap: i.fy_target === null ? null : i.fy_target - yearEnd };
}
