// The typed parameters every KPI SQL builder takes.

import type { DayTable } from './daily';
import type { FilterContext } from './filters';
import type { DateRange, Grain } from './period';

export interface KpiParams extends FilterContext {
  range: DateRange;
  grain: Grain;
  /** Fiscal year start month, 1-12. */
  fyStart: number;
  /** "Today" for the data: the latest date in it unless chosen. Never the wall clock. */
  asOf: string;
  /**
   * The day tables built for these filters (daily.ts: the filters' key, the tables' number and which
   * tables): read them, not the opportunities, while the filters are those (a query narrowing them
   * further reads the deals). `dimension`: the filters are on this dimension alone, whose day tables
   * by value the view reads (nothing was built).
   */
  filteredTotals?: { key: string; id: number; tables: readonly DayTable[]; dimension?: string } | null;
}
