// Charts against a target: the fiscal year's cumulative actual, target and forecast scenarios, and
// each period's actual against its target. Pure like the rest of the specs (charts/specs.ts).

import * as Plot from '@observablehq/plot';
import { BAR_RECTS, periodAxis, type ChartAction, type ChartSpec, type PeriodFormat, type SeriesValue, type ValueFormat } from './specs';
import { COLORS } from './theme';

export interface CumulativePoint {
  month: string;
  actual: number | null;
  target: number | null;
}

export interface ForecastScenario {
  /** Legend name ("Forecast (run-rate)"). */
  label: string;
  /** Name at the line's end ("Run-rate"). */
  short: string;
  /** Year-end value of the scenario (null: not computed). */
  value: number | null;
}

/** Spreads labels placed at values so none sits closer than `gap` to another (largest first). */
function spread(values: readonly number[], gap: number): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const out = [...values];
  let last = Infinity;
  for (const [v, i] of order) {
    out[i] = Math.min(v, last - gap);
    last = out[i];
  }
  return out;
}

/**
 * Cumulative actual against cumulative target through the fiscal year, each forecast scenario from
 * the last actual month to year end, and the gap between the first scenario and target at year end
 * drawn as a labelled arrow.
 */
export function cumulativeVsTarget(
  months: readonly CumulativePoint[],
  f: PeriodFormat & {
    value: ValueFormat; title: string; yLabel: string; actualLabel: string; targetLabel: string;
    forecasts: readonly ForecastScenario[];
    /** The gap label, given the formatted amount and whether the forecast is above target. */
    gapLabel: (amount: string, ahead: boolean) => string;
  },
): ChartSpec {
  let a = 0;
  let t = 0;
  const rows: SeriesValue[] = [];
  let lastActual: { period: string; value: number } | null = null;
  let lastTarget: { period: string; value: number } | null = null;
  for (const m of months) {
    if (m.target !== null) {
      t += m.target;
      rows.push({ period: m.month, series: f.targetLabel, value: t });
      lastTarget = { period: m.month, value: t };
    }
    if (m.actual !== null) {
      a += m.actual;
      rows.push({ period: m.month, series: f.actualLabel, value: a });
      lastActual = { period: m.month, value: a };
    }
  }
  const yearEnd = months[months.length - 1]?.month;
  const scenarios = lastActual ? f.forecasts.filter((s): s is ForecastScenario & { value: number } => s.value !== null) : [];
  for (const s of scenarios) {
    rows.push({ period: lastActual!.period, series: s.label, value: lastActual!.value });
    rows.push({ period: yearEnd, series: s.label, value: s.value });
  }
  // Target at year end only when the last month has one (else the cumulative target stops early).
  const targetEnd = lastTarget && lastTarget.period === yearEnd ? lastTarget.value : null;
  const main = scenarios[0] ?? null;
  const gap = main && targetEnd !== null ? targetEnd - main.value : null;

  // Labels at the right end of the lines, spread apart so close scenarios stay legible.
  const ends = [
    ...(targetEnd !== null ? [{ series: f.targetLabel, name: f.targetLabel, value: targetEnd }] : []),
    ...scenarios.map((s) => ({ series: s.label, name: s.short, value: s.value })),
  ];
  const values = rows.map((r) => r.value!);
  const span = Math.max(1, ...values) - Math.min(0, ...values);
  const labelY = spread(ends.map((e) => e.value), (span * 13) / 190);
  const endLabels = ends.map((e, i) => ({ ...e, y: labelY[i], text: `${e.name} ${f.value(e.value, true)}` }));

  const series = [f.actualLabel, f.targetLabel, ...scenarios.map((s) => s.label)];
  const forecastColors = [COLORS.forecast, COLORS.forecastPipeline];
  const marks: Plot.Markish[] = [
    Plot.ruleY([0]),
    Plot.line(rows.filter((r) => r.series === f.targetLabel), { x: 'period', y: 'value', stroke: 'series', strokeWidth: 2, strokeDasharray: '6,4' }),
    Plot.line(rows.filter((r) => scenarios.some((s) => s.label === r.series)), { x: 'period', y: 'value', z: 'series', stroke: 'series', strokeWidth: 2, strokeDasharray: '2,3' }),
    Plot.line(rows.filter((r) => r.series === f.actualLabel), { x: 'period', y: 'value', stroke: 'series', strokeWidth: 2.5 }),
    Plot.dot(rows.filter((r) => !scenarios.some((s) => s.label === r.series) || r.period === yearEnd), {
      x: 'period', y: 'value', fill: 'series', r: 3, title: (d: SeriesValue) => `${d.series}\n${f.period(d.period)}\n${f.value(d.value!)}`, tip: true,
    }),
    Plot.text(endLabels, {
      x: () => yearEnd, y: 'y', text: 'text', fill: 'series', textAnchor: 'start', dx: 8, fontWeight: 600,
      stroke: 'var(--plot-background)', strokeWidth: 3, paintOrder: 'stroke',
    }),
  ];
  if (gap !== null && main) {
    const gapText = f.gapLabel(f.value(Math.abs(gap), true), gap <= 0);
    marks.push(
      Plot.arrow([{ x: yearEnd, y1: main.value, y2: targetEnd! }], {
        x1: 'x', x2: 'x', y1: 'y1', y2: 'y2', stroke: gap > 0 ? COLORS.target : COLORS.up, strokeWidth: 2, headLength: 8, insetStart: 4, insetEnd: 4,
      }),
      Plot.text([{ x: yearEnd, y: (main.value + targetEnd!) / 2 }], {
        x: 'x', y: 'y', text: () => gapText, textAnchor: 'end', dx: -10, fontWeight: 700, fontSize: 12,
        fill: 'currentColor', stroke: 'var(--plot-background)', strokeWidth: 4, paintOrder: 'stroke',
      }),
    );
  }
  const actualText = lastActual ? `${f.actualLabel} ${f.period(lastActual.period)} ${f.value(lastActual.value)}` : '';
  const endText = ends.map((e) => `${e.name} ${f.value(e.value)}`).join('; ');
  return {
    description: [`${f.title}.`, actualText, endText, gap !== null ? f.gapLabel(f.value(Math.abs(gap)), gap <= 0) : ''].filter(Boolean).join(' '),
    options: {
      height: 280,
      marginLeft: 64,
      marginBottom: 40,
      marginRight: 24 + 7 * Math.max(6, ...endLabels.map((e) => e.text.length)),
      x: { type: 'point', ...periodAxis(months.map((m) => m.month), f), padding: 0.3 },
      y: { grid: true, label: f.yLabel, tickFormat: (v: number) => f.value(v, true) },
      color: { legend: true, domain: series, range: [COLORS.bookings, COLORS.target, ...forecastColors] },
      marks,
    },
  };
}

export interface TargetPoint {
  period: string;
  actual: number | null;
  target: number | null;
  /** The period is not over: its actual is so far. */
  partial: boolean;
}

/** Actual per period as bars, the period's target as a tick across the bar, attainment above. */
export function periodVsTarget(
  points: readonly TargetPoint[],
  f: PeriodFormat & {
    value: ValueFormat; ratio: ValueFormat; title: string; yLabel: string; actualLabel: string; targetLabel: string;
    /** Tooltip line and short label suffix for a period not over yet. */
    partialText: string; partialShort: string;
    actions?: (ChartAction | null)[];
  },
): ChartSpec {
  const bars = points.filter((p) => p.actual !== null);
  const ticks = points.filter((p) => p.target !== null);
  const ratio = (p: TargetPoint) => (p.actual !== null && p.target ? p.actual / p.target : null);
  const tip = (p: TargetPoint) =>
    [
      f.period(p.period),
      p.actual !== null ? `${f.actualLabel} ${f.value(p.actual)}` : '',
      p.target !== null ? `${f.targetLabel} ${f.value(p.target)}` : '',
      ratio(p) !== null ? f.ratio(ratio(p)!) : '',
      p.partial ? f.partialText : '',
    ].filter(Boolean).join('\n');
  const labelled = bars.filter((p) => ratio(p) !== null);
  return {
    actions: f.actions && { selector: BAR_RECTS, list: bars.map((b) => f.actions![points.indexOf(b)] ?? null) },
    description: `${f.title}: ${points.map((p) => tip(p).replace(/\n/g, ', ')).join('; ')}`,
    options: {
      height: 260,
      marginLeft: 64,
      marginBottom: 40,
      marginTop: 28,
      x: { type: 'band', ...periodAxis(points.map((p) => p.period), f), tickSize: 0, padding: 0.25 },
      y: { grid: true, label: f.yLabel, tickFormat: (v: number) => f.value(v, true) },
      color: { legend: true, domain: [f.actualLabel, f.targetLabel], range: [COLORS.bookings, COLORS.target] },
      marks: [
        Plot.barY(bars, {
          x: 'period', y: 'actual', fill: () => f.actualLabel, fillOpacity: (p: TargetPoint) => (p.partial ? 0.5 : 1),
          title: tip, tip: true,
        }),
        Plot.tickY(ticks, { x: 'period', y: 'target', stroke: () => f.targetLabel, strokeWidth: 3, title: tip }),
        Plot.text(labelled, {
          x: 'period', y: (p: TargetPoint) => Math.max(p.actual!, p.target ?? 0), text: (p: TargetPoint) => `${f.ratio(ratio(p)!, true)}${p.partial ? ` ${f.partialShort}` : ''}`,
          dy: -8, fill: 'currentColor', fontSize: 11, fontWeight: 600,
        }),
        Plot.ruleY([0]),
      ],
    },
  };
}
