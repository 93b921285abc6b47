// The formatters a panel hands to chart specs, for one locale, currency, grain and fiscal year.

import type { PeriodFormat, ValueFormat } from '../charts/specs';
import { addDays, addMonths, type Grain } from '../kpi/period';
import { formatCount, formatMoney, formatPeriod, formatPeriodTick, formatRatio, formatValue, type FormatContext } from './format';

type Translate = Parameters<typeof formatPeriod>[4];

export interface ChartFormat extends PeriodFormat {
  /** The dates of the bucket starting on `iso` (for narrowing the range to it). */
  bucket: (iso: string) => { from: string; to: string };
  ctx: FormatContext;
  money: ValueFormat;
  count: ValueFormat;
  ratio: ValueFormat;
  multiple: ValueFormat;
}

export function chartFormat(ctx: FormatContext, grain: Grain, fyStart: number, t: Translate): ChartFormat {
  return {
    ctx,
    period: (iso) => formatPeriod(iso, grain, fyStart, ctx.locale, t),
    bucket: (iso) => ({ from: iso, to: addDays(grain === 'week' ? addDays(iso, 7) : addMonths(iso, grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12), -1) }),
    tick: (iso, prev) => formatPeriodTick(iso, prev, grain, fyStart, ctx.locale, t),
    money: (v, compact = false) => formatMoney(v, ctx, compact),
    count: (v, compact = false) => (compact && Math.abs(v) >= 10000 ? formatMoney(v, { ...ctx, currency: null }, true) : formatCount(v, ctx)),
    ratio: (v, compact = false) => formatRatio(v, ctx, compact ? 0 : 1),
    multiple: (v) => formatValue(v, 'multiple', ctx),
  };
}
