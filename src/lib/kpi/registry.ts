// What the UI needs to know about each KPI (DESIGN.md section 4): its unit (for formatting and
// data-value), which direction is good, and which files it needs. Names and formulas live in the
// message catalogs under kpi.<id> and kpi.<id>.formula.

import type { Kind } from '../crm/fields';

export type Unit = 'count' | 'money' | 'ratio' | 'days' | 'multiple';

export interface KpiMeta {
  id: string;
  unit: Unit;
  /** Whether a rise is good news (colours the change against the comparison period). */
  higherIsBetter: boolean;
  /** Files it needs: every kind of one of the alternatives. */
  needs: readonly (readonly Kind[])[];
  /** Units of the numerator and denominator a tile shows beside a ratio or an average. */
  parts?: readonly [Unit, Unit];
}

const meta = (id: string, unit: Unit, needs: readonly (readonly Kind[])[], higherIsBetter = true, parts?: readonly [Unit, Unit]): KpiMeta =>
  ({ id, unit, higherIsBetter, needs, parts });
const COUNTS = ['count', 'count'] as const;
const MONEY = ['money', 'money'] as const;
const PER = ['money', 'count'] as const;

const LEADS = [['leads']] as const;
const OPPS = [['opportunities']] as const;
const REVENUE = [['revenue']] as const;

export const KPIS = {
  leads_created: meta('leads_created', 'count', LEADS),
  leads_qualified: meta('leads_qualified', 'count', LEADS),
  lead_qualification_rate: meta('lead_qualification_rate', 'ratio', LEADS, true, COUNTS),
  sdr_handoffs: meta('sdr_handoffs', 'count', [['leads'], ['opportunities']]),
  leads_per_sdr: meta('leads_per_sdr', 'count', LEADS, false, COUNTS),
  days_to_qualify: meta('days_to_qualify', 'days', LEADS, false),
  stage1_created: meta('stage1_created', 'count', OPPS),
  stage2_created: meta('stage2_created', 'count', OPPS),
  stage1_to_stage2_rate: meta('stage1_to_stage2_rate', 'ratio', OPPS, true, COUNTS),
  pipeline_created_amount: meta('pipeline_created_amount', 'money', OPPS),
  won_deals: meta('won_deals', 'count', OPPS),
  lost_deals: meta('lost_deals', 'count', OPPS, false),
  win_rate: meta('win_rate', 'ratio', OPPS, true, COUNTS),
  win_rate_created: meta('win_rate_created', 'ratio', OPPS, true, COUNTS),
  new_bookings: meta('new_bookings', 'money', OPPS),
  expansion_bookings: meta('expansion_bookings', 'money', OPPS),
  new_customers: meta('new_customers', 'count', OPPS),
  avg_deal_size: meta('avg_deal_size', 'money', OPPS, true, PER),
  arpa: meta('arpa', 'money', [['revenue'], ['opportunities']], true, PER),
  sales_cycle_days: meta('sales_cycle_days', 'days', OPPS, false),
  mrr_new: meta('mrr_new', 'money', REVENUE),
  mrr_expansion: meta('mrr_expansion', 'money', REVENUE),
  mrr_contraction: meta('mrr_contraction', 'money', REVENUE, false),
  mrr_churn: meta('mrr_churn', 'money', REVENUE, false),
  mrr_reactivation: meta('mrr_reactivation', 'money', REVENUE),
  nrr: meta('nrr', 'ratio', REVENUE, true, MONEY),
  grr: meta('grr', 'ratio', REVENUE, true, MONEY),
  logo_churn: meta('logo_churn', 'ratio', REVENUE, false, COUNTS),
  net_new_revenue: meta('net_new_revenue', 'money', [['revenue'], ['opportunities']]),
  target: meta('target', 'money', [['targets']]),
  target_attainment: meta('target_attainment', 'ratio', [['targets', 'revenue'], ['targets', 'opportunities']], true, MONEY),
  forecast_year_end: meta('forecast_year_end', 'money', [['revenue'], ['opportunities']]),
  forecast_pipeline: meta('forecast_pipeline', 'money', OPPS),
  forecast_gap: meta('forecast_gap', 'money', [['targets', 'revenue'], ['targets', 'opportunities']], false),
  rep_attainment: meta('rep_attainment', 'ratio', [['reps', 'opportunities']]),
  reps_at_quota_pct: meta('reps_at_quota_pct', 'ratio', [['reps', 'opportunities']], true, COUNTS),
  median_attainment: meta('median_attainment', 'ratio', [['reps', 'opportunities']]),
  bookings_per_ote: meta('bookings_per_ote', 'multiple', [['reps', 'opportunities']], true, MONEY),
  bookings_per_ramped_rep: meta('bookings_per_ramped_rep', 'money', [['reps', 'opportunities']], true, PER),
  sdr_roi: meta('sdr_roi', 'multiple', [['reps', 'opportunities']]),
  product_net_new: meta('product_net_new', 'money', [['revenue'], ['opportunities']], true, MONEY),
} as const satisfies Record<string, KpiMeta>;

export type KpiId = keyof typeof KPIS;

/** The files a KPI lacks to be computed: empty when one of its alternatives is fully loaded. */
export function missingFor(id: KpiId, loaded: ReadonlySet<Kind>): Kind[] {
  const alternatives = KPIS[id].needs;
  if (alternatives.some((alt) => alt.every((k) => loaded.has(k)))) return [];
  // The alternative closest to complete says what to drop.
  const best = [...alternatives].sort((a, b) => a.filter((k) => !loaded.has(k)).length - b.filter((k) => !loaded.has(k)).length)[0];
  return best.filter((k) => !loaded.has(k));
}
