// The typed parameters every KPI SQL builder takes.

import type { Filters } from './filters';
import type { DateRange, Grain } from './period';

export interface KpiParams {
  range: DateRange;
  grain: Grain;
  /** Fiscal year start month, 1-12. */
  fyStart: number;
  /** "Today" for the data: the latest date in it unless chosen. Never the wall clock. */
  asOf: string;
  filters: Filters;
  /** Columns of the canonical table that hold data (filters on others match nothing). */
  available: ReadonlySet<string>;
}
