// Pure chart specs: query rows in, Observable Plot options out. Labels and numbers come formatted
// from the caller (locale-aware); tooltips carry the full values; every spec has a text alternative.

import * as Plot from '@observablehq/plot';
import type { FilterField } from '../kpi/filters';
import { COLORS, thinTicks } from './theme';

/** What clicking a mark does: filter the dashboard by a value, or narrow the range to a period. */
export type ChartAction = { type: 'filter'; field: FilterField; value: string } | { type: 'range'; from: string; to: string };

export interface ChartSpec {
  options: Plot.PlotOptions;
  /** Text alternative for screen readers. */
  description: string;
  /** Clickable marks: the elements matching `selector`, in data order, each with its action (null: none). */
  actions?: { selector: string; list: (ChartAction | null)[] };
  /** Clickable legend entries, in the colour domain's order. */
  legendActions?: (ChartAction | null)[];
}

/** The clickable rects of the first bar mark (Plot renders them in data order). */
export const BAR_RECTS = 'g[aria-label="bar"] rect';
export const CELL_RECTS = 'g[aria-label="cell"] rect';

export interface PeriodFormat {
  /** Full label of a bucket (tooltips, descriptions). */
  period: (iso: string) => string;
  /** Short axis label; `previous` is the tick before it (null for the first). */
  tick: (iso: string, previous: string | null) => string;
}

export type ValueFormat = (v: number, compact?: boolean) => string;

/** An ordinal period axis: every bucket in the domain, about 12 labelled ticks. */
export function periodAxis(periods: readonly string[], f: PeriodFormat) {
  const ticks = thinTicks(periods, 12);
  const labels = new Map(ticks.map((p, i) => [p, f.tick(p, i === 0 ? null : ticks[i - 1])]));
  return { domain: periods, ticks, tickFormat: (p: string) => labels.get(p) ?? '', label: null };
}

export interface PeriodValue {
  period: string;
  value: number | null;
  /** Extra lines for the tooltip. */
  detail?: string;
}

export function periodBars(
  points: readonly PeriodValue[],
  f: PeriodFormat & { value: ValueFormat; title: string; yLabel: string; color?: string; actions?: (ChartAction | null)[] },
): ChartSpec {
  const data = points.map((p) => ({ ...p, v: p.value ?? 0 }));
  return {
    actions: f.actions && { selector: BAR_RECTS, list: f.actions },
    description: `${f.title}: ${data.map((d) => `${f.period(d.period)} ${f.value(d.v)}`).join('; ')}`,
    options: {
      height: 240,
      marginLeft: 64,
      marginBottom: 40,
      x: { type: 'band', ...periodAxis(points.map((p) => p.period), f), tickSize: 0 },
      y: { grid: true, label: f.yLabel, tickFormat: (v: number) => f.value(v, true) },
      marks: [
        Plot.barY(data, {
          x: 'period',
          y: 'v',
          fill: f.color ?? COLORS.bookings,
          title: (d: (typeof data)[number]) => [f.period(d.period), f.value(d.v), d.detail].filter(Boolean).join('\n'),
          tip: true,
        }),
        Plot.ruleY([0]),
      ],
    },
  };
}

export interface SeriesValue {
  period: string;
  series: string;
  value: number | null;
}

/** One line per series over the periods; gaps where a value is missing. */
export function periodLines(
  points: readonly SeriesValue[],
  f: PeriodFormat & { value: ValueFormat; title: string; yLabel: string; domain?: [number, number]; colors?: string[]; zero?: boolean },
): ChartSpec {
  const periods = [...new Set(points.map((p) => p.period))];
  const series = [...new Set(points.map((p) => p.series))];
  const defined = points.filter((p) => p.value !== null);
  // Narrow ranges (NRR between 98% and 100%) need the precise format on the axis, or ticks repeat.
  const values = defined.map((p) => p.value!);
  const narrow = values.length > 0 && Math.max(...values) - Math.min(...values) < 0.1 && Math.max(...values.map(Math.abs)) <= 2;
  return {
    description: `${f.title}: ${series.map((s) => `${s}: ${defined.filter((p) => p.series === s).map((p) => `${f.period(p.period)} ${f.value(p.value!)}`).join(', ')}`).join('; ')}`,
    options: {
      height: 240,
      marginLeft: 56,
      marginBottom: 40,
      x: { type: 'point', ...periodAxis(periods, f), padding: 0.5 },
      y: { grid: true, label: f.yLabel, domain: f.domain, zero: f.zero, tickFormat: (v: number) => f.value(v, !narrow) },
      color: { legend: series.length > 1, domain: series, range: f.colors ?? [COLORS.winRate, COLORS.bookings, '#59a14f', '#b07aa1'] },
      marks: [
        Plot.line(points, { x: 'period', y: 'value', stroke: 'series', strokeWidth: 2 }), // a null value leaves a gap
        Plot.dot(defined, {
          x: 'period', y: 'value', fill: 'series', r: 3,
          title: (d: SeriesValue) => `${d.series}\n${f.period(d.period)}\n${f.value(d.value!)}`, tip: true,
        }),
      ],
    },
  };
}

/** Stacked bars per period by a category (leads by source). */
export function stackedPeriodBars(
  points: readonly SeriesValue[],
  f: PeriodFormat & { value: ValueFormat; title: string; yLabel: string; periods: readonly string[]; actions?: (ChartAction | null)[] },
): ChartSpec {
  const keys = [...new Set(points.map((p) => p.series))];
  return {
    actions: f.actions && { selector: BAR_RECTS, list: f.actions },
    legendActions: f.actions && keys.map((k) => f.actions![points.findIndex((p) => p.series === k)] ?? null),
    description: `${f.title}: ${keys.map((k) => `${k} ${f.value(points.filter((p) => p.series === k).reduce((s, p) => s + (p.value ?? 0), 0))}`).join('; ')}`,
    options: {
      height: 260,
      marginLeft: 56,
      marginBottom: 40,
      x: { type: 'band', ...periodAxis(f.periods, f), tickSize: 0 },
      y: { grid: true, label: f.yLabel, tickFormat: (v: number) => f.value(v, true) },
      color: { legend: true, domain: keys, scheme: 'tableau10' },
      marks: [
        Plot.barY(points, {
          x: 'period', y: 'value', fill: 'series', order: keys,
          title: (d: SeriesValue) => `${d.series}\n${f.period(d.period)}\n${f.value(d.value ?? 0)}`, tip: true,
        }),
        Plot.ruleY([0]),
      ],
    },
  };
}

export interface KeyValue {
  key: string;
  value: number;
  /** Text at the end of the bar (defaults to the formatted value). */
  label?: string;
  detail?: string;
}

/** Horizontal bars, in the given order (largest first from the query). */
export function hBars(
  rows: readonly KeyValue[],
  f: { value: ValueFormat; title: string; xLabel: string; color?: string; rule?: number; ruleLabel?: string; actions?: (ChartAction | null)[] },
): ChartSpec {
  const marks: Plot.Markish[] = [
    Plot.barX(rows, {
      y: 'key', x: 'value', fill: f.color ?? COLORS.owner,
      title: (d: KeyValue) => [d.key, f.value(d.value), d.detail].filter(Boolean).join('\n'), tip: true,
    }),
    Plot.text(rows, { y: 'key', x: 'value', text: (d: KeyValue) => d.label ?? f.value(d.value, true), textAnchor: 'start', dx: 4 }),
    Plot.ruleX([0]),
  ];
  if (f.rule !== undefined) {
    marks.push(Plot.ruleX([f.rule], { stroke: COLORS.target, strokeDasharray: '4,3', strokeWidth: 2 }));
    // The line's name sits above the plot, where no bar or bar label can cover it.
    if (f.ruleLabel) marks.push(Plot.text([f.rule], { x: (d: number) => d, frameAnchor: 'top', dy: -10, text: () => f.ruleLabel!, fill: 'currentColor', fontWeight: 700 }));
  }
  return {
    actions: f.actions && { selector: BAR_RECTS, list: f.actions },
    description: `${f.title}: ${rows.map((d) => `${d.key} ${f.value(d.value)}`).join('; ')}`,
    options: {
      height: Math.max(110, rows.length * 24 + 40) + (f.ruleLabel ? 16 : 0),
      marginTop: f.ruleLabel ? 28 : undefined,
      marginLeft: 150,
      marginRight: Math.min(260, 16 + 6.5 * Math.max(8, ...rows.map((d) => (d.label ?? f.value(d.value, true)).length))),
      x: { grid: true, label: f.xLabel, tickFormat: (v: number) => f.value(v, true) },
      y: { domain: rows.map((d) => d.key), label: null, tickFormat: (k: string) => (k.length > 22 ? `${k.slice(0, 21)}…` : k) },
      marks,
    },
  };
}

export interface HeatCell {
  row: string;
  col: number;
  value: number | null;
  /** Some members are not that old yet: the value will still rise. */
  partial: boolean;
  size?: number;
}

/**
 * Cohort heatmap: rows = cohorts, columns = age. Empty cells (not reached by the as-of date) are
 * blank; partial cells are outlined and lighter so a young cohort never looks like a bad one.
 */
export function heatmap(
  cells: readonly HeatCell[],
  f: { rowLabel: (r: string) => string; colLabel: string; value: ValueFormat; title: string; partialText: string; rowAction?: (row: string) => ChartAction | null },
): ChartSpec {
  const shown = cells.filter((c) => c.value !== null);
  const rows = [...new Set(cells.map((c) => c.row))];
  // The colour scale starts at the lowest tenth shown, so 90% and 99% retention look different.
  const low = Math.max(0, Math.min(0.9, Math.floor(Math.min(1, ...shown.map((c) => c.value!)) * 10) / 10));
  return {
    actions: f.rowAction && { selector: CELL_RECTS, list: shown.map((c) => f.rowAction!(c.row)) },
    description: `${f.title}: ${rows.map((r) => `${f.rowLabel(r)}: ${shown.filter((c) => c.row === r).map((c) => f.value(c.value!)).join(', ')}`).join('; ')}`,
    options: {
      height: Math.max(140, rows.length * 26 + 60),
      marginLeft: 110,
      padding: 0.04,
      x: { type: 'band', label: f.colLabel, axis: 'top' },
      y: { type: 'band', domain: rows, tickFormat: f.rowLabel, label: null },
      color: { type: 'linear', domain: [low, 1], range: ['#e8f0fa', '#1f5fa8'], clamp: true, legend: true, tickFormat: (v: number) => f.value(v, true), label: f.title },
      marks: [
        Plot.cell(shown, {
          x: 'col', y: 'row', fill: 'value', fillOpacity: (d: HeatCell) => (d.partial ? 0.45 : 1),
          // A null channel value would drop the cell: full cells get a transparent outline instead.
          stroke: (d: HeatCell) => (d.partial ? COLORS.partial : 'transparent'), strokeDasharray: '3,2',
          title: (d: HeatCell) => `${f.rowLabel(d.row)} · ${d.col}\n${f.value(d.value!)}${d.partial ? `\n${f.partialText}` : ''}`, tip: true,
        }),
        // Full cells are opaque, so their text picks black or white by the cell's darkness. Faded
        // (partial) cells show the page through them: their text takes the page's text colour on a
        // halo of the page's background, readable in light and dark mode.
        Plot.text(shown.filter((c) => !c.partial), {
          x: 'col', y: 'row', text: (d: HeatCell) => f.value(d.value!, true),
          fill: (d: HeatCell) => ((d.value ?? 0) > low + (1 - low) * 0.55 ? 'white' : '#1d2330'), fontSize: 10,
        }),
        Plot.text(shown.filter((c) => c.partial), {
          x: 'col', y: 'row', text: (d: HeatCell) => `${f.value(d.value!, true)}*`,
          fill: 'currentColor', stroke: 'var(--plot-background)', strokeWidth: 3, paintOrder: 'stroke', fontSize: 10,
        }),
      ],
    },
  };
}

export interface BridgeStep {
  label: string;
  value: number;
  kind: 'total' | 'up' | 'down';
}

/** A waterfall: start total, movements up and down, end total. */
export function waterfall(steps: readonly BridgeStep[], f: { value: ValueFormat; title: string; yLabel: string }): ChartSpec {
  let running = 0;
  const bars = steps.map((s) => {
    let y1: number;
    let y2: number;
    if (s.kind === 'total') {
      y1 = 0;
      y2 = s.value;
      running = s.value;
    } else if (s.kind === 'up') {
      y1 = running;
      y2 = running + s.value;
      running = y2;
    } else {
      y1 = running;
      y2 = running - s.value;
      running = y2;
    }
    return { ...s, y1, y2 };
  });
  const fill = (d: BridgeStep) => (d.kind === 'total' ? COLORS.total : d.kind === 'up' ? COLORS.up : COLORS.down);
  return {
    description: `${f.title}: ${steps.map((s) => `${s.label} ${s.kind === 'down' ? '−' : ''}${f.value(s.value)}`).join('; ')}`,
    options: {
      height: 260,
      marginLeft: 64,
      x: { type: 'band', domain: steps.map((s) => s.label), label: null, tickSize: 0 },
      y: { grid: true, label: f.yLabel, tickFormat: (v: number) => f.value(v, true) },
      marks: [
        Plot.rectY(bars, { x: 'label', y1: 'y1', y2: 'y2', fill, title: (d: BridgeStep) => `${d.label}\n${d.kind === 'down' ? '−' : ''}${f.value(d.value)}`, tip: true, inset: 4 }),
        Plot.text(bars, { x: 'label', y: (d: (typeof bars)[number]) => Math.max(d.y1, d.y2), text: (d: BridgeStep) => `${d.kind === 'down' ? '−' : d.kind === 'up' ? '+' : ''}${f.value(d.value, true)}`, dy: -8 }),
        Plot.ruleY([0]),
      ],
    },
  };
}

export interface CurvePoint {
  x: number;
  series: string;
  value: number;
}

/** Lines over a numeric x (months since start) with a goal line (e.g. 4x). */
export function curves(points: readonly CurvePoint[], f: { value: ValueFormat; title: string; xLabel: string; yLabel: string; goal: number; goalLabel: string }): ChartSpec {
  // Each line's latest point and the goal: the figures a reader takes from the chart.
  const latest = [...new Set(points.map((p) => p.series))].map((s) => points.filter((p) => p.series === s).reduce((a, b) => (b.x > a.x ? b : a)));
  return {
    description: `${f.title}. ${f.goalLabel}. ${latest.map((p) => `${p.series}: ${f.xLabel} ${p.x}, ${f.value(p.value)}`).join('; ')}`,
    options: {
      height: 260,
      marginLeft: 56,
      x: { label: f.xLabel, grid: true },
      y: { grid: true, label: f.yLabel, tickFormat: (v: number) => f.value(v, true) },
      color: { legend: true, scheme: 'tableau10' },
      marks: [
        Plot.ruleY([f.goal], { stroke: COLORS.target, strokeWidth: 2, strokeDasharray: '5,4' }),
        Plot.text([f.goal], { y: (d: number) => d, frameAnchor: 'left', text: () => f.goalLabel, dy: -8, dx: 4, fill: COLORS.target }),
        Plot.line(points, { x: 'x', y: 'value', stroke: 'series', strokeWidth: 2 }),
        Plot.dot(points, { x: 'x', y: 'value', fill: 'series', r: 2.5, title: (d: CurvePoint) => `${d.series}\n${d.x}: ${f.value(d.value)}`, tip: true }),
        Plot.ruleY([0]),
      ],
    },
  };
}
