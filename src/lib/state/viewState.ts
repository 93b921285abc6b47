// The whole view as one typed object. Everything here can be written to the URL (urlCodec.ts).

import type { Filters } from '../kpi/filters';
import type { Breakdown } from '../kpi/newBusiness';
import type { Grain } from '../kpi/period';
import type { MappingOverride } from './mappingCodec';

export const TABS = ['overview', 'leads', 'pipeline', 'new_business', 'existing', 'attainment', 'people'] as const;
export type Tab = (typeof TABS)[number];

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const COMPARISONS = ['prev', 'yoy'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const TRANSITIONS = ['lead_to_s1', 's1_to_s2', 's2_to_won', 's1_to_won'] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** Win rate of the deals closed in the period, or of those created in it (won so far). */
export const WIN_RATES = ['closed', 'created'] as const;
export type WinRateVariant = (typeof WIN_RATES)[number];

/** What the retention cohorts show: share of starting MRR kept, or of accounts (logos) kept. */
export const RETENTION_MEASURES = ['mrr', 'logos'] as const;
export type RetentionMeasure = (typeof RETENTION_MEASURES)[number];

/** The SDR ROI goal multiple when the URL names none (DESIGN.md section 4: 4x). */
export const DEFAULT_GOAL = 4;

export interface ViewState {
  /** Inclusive ISO dates; null means the default (fiscal year to date of the as-of date). */
  from: string | null;
  to: string | null;
  grain: Grain;
  /** Fiscal year start month, 1-12. */
  fy: number;
  tab: Tab;
  /** null: follow the browser's language. */
  lang: Locale | null;
  /** Compare with the previous period of equal length, or the same period a year earlier. */
  cmp: Comparison;
  /** Stage 1 and stage 2 by name; null: the first two open stages. */
  s1: string | null;
  s2: string | null;
  /** The conversion the cohort table shows. */
  cohort: Transition;
  /** The product whose launch is tracked; null: the most recently launched. */
  launch: string | null;
  /** Its launch date; null: the product's first activity in the data. */
  since: string | null;
  /** The date the view is seen from ("today"); null: the latest date in the data. */
  asof: string | null;
  /** Which win rate the new business view charts. */
  wr: WinRateVariant;
  /** The new business breakdown dimension; null: owner, or the first the files have. */
  by: Breakdown | null;
  /** The retention cohorts' measure. */
  ret: RetentionMeasure;
  /** The SDR ROI goal multiple (x cost). */
  goal: number;
  /** The gap planner's tried rates: win rate and lead conversion in percent, deal size in money; null: today's. */
  pwin: number | null;
  psize: number | null;
  pconv: number | null;
  filters: Filters;
  /** A short fingerprint of the files the link was made with (row counts, date span), never the data. */
  data: string | null;
  /** The user's mapping corrections, by export layout signature: a shared link maps the same way. */
  mappings: Record<string, MappingOverride>;
}

export const DEFAULT_VIEW: ViewState = Object.freeze({
  from: null,
  to: null,
  grain: 'month',
  fy: 1,
  tab: 'overview',
  lang: null,
  cmp: 'prev',
  s1: null,
  s2: null,
  cohort: 's1_to_s2',
  launch: null,
  since: null,
  asof: null,
  wr: 'closed',
  by: null,
  ret: 'mrr',
  goal: DEFAULT_GOAL,
  pwin: null,
  psize: null,
  pconv: null,
  filters: {},
  data: null,
  mappings: {},
});

