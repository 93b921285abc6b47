// The fiscal year's net new revenue against target, cumulative, with both year-end forecasts and
// the gap: one chart, drawn on the overview and on the attainment view alike.

import type { MessageKey, MessageParams } from '../i18n/index.svelte';
import type { Forecast } from '../kpi/forecast';
import type { ChartSpec, PeriodFormat, ValueFormat } from './specs';
import { cumulativeVsTarget, type CumulativePoint } from './targets';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Null when there are no months to draw. `axis` formats the months, `money` the amounts. */
export function netNewVsTargetChart(
  months: readonly CumulativePoint[],
  forecast: Forecast | null,
  axis: PeriodFormat,
  money: ValueFormat,
  t: Translate,
): ChartSpec | null {
  if (months.length === 0) return null;
  return cumulativeVsTarget(months, {
    ...axis, value: money, title: t('chart.cumulative'), yLabel: t('chart.netNewAxis'),
    actualLabel: t('chart.actual'), targetLabel: t('chart.target'),
    forecasts: [
      { label: t('chart.forecast'), short: t('chart.runRateShort'), value: forecast?.runRate ?? null },
      { label: t('chart.forecastPipeline'), short: t('chart.pipelineShort'), value: forecast?.pipeline ?? null },
    ],
    gapLabel: (amount, ahead) => t(ahead ? 'chart.aheadArrow' : 'chart.gapArrow', { amount }),
  });
}
