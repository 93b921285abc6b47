// What the UI needs to know about each KPI: its unit (for formatting and data-value) and which
// direction is good. Names and formulas live in the message catalogs under kpi.<id>.

export type Unit = 'count' | 'money' | 'ratio' | 'days';

export interface KpiMeta {
  id: string;
  unit: Unit;
  /** Whether a rise is good news (colours the change against the comparison period). */
  higherIsBetter: boolean;
}

const meta = (id: string, unit: Unit, higherIsBetter = true): KpiMeta => ({ id, unit, higherIsBetter });

export const NEW_BUSINESS_TILES: readonly KpiMeta[] = [
  meta('new_bookings', 'money'),
  meta('won_deals', 'count'),
  meta('win_rate', 'ratio'),
  meta('avg_deal_size', 'money'),
  meta('new_customers', 'count'),
  meta('pipeline_created_amount', 'money'),
  meta('sales_cycle_days', 'days', false),
  meta('lost_deals', 'count', false),
];
