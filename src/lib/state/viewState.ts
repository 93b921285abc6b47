// The whole view as one typed object. Everything here can be written to the URL (urlCodec.ts).

import { FILTER_FIELDS, type Filters } from '../kpi/filters';
import type { Grain } from '../kpi/period';
import type { MappingOverride } from './mappingCodec';

export const TABS = ['overview', 'new_business'] as const;
export type Tab = (typeof TABS)[number];

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

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
  filters: Filters;
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
  filters: {},
  mappings: {},
});

export function activeFilterCount(filters: Filters): number {
  return FILTER_FIELDS.reduce((n, f) => n + (filters[f]?.length ? 1 : 0), 0);
}
