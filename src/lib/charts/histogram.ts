// Histograms: how values spread over bins at a round step. A distribution is counted either here,
// from values (a few hundred reps), or by the engine (kpi/distribution.ts: every won deal of a range,
// which can be hundreds of thousands), with the same bins.

import * as Plot from '@observablehq/plot';
import type { ChartSpec, ValueFormat } from './specs';
import { COLORS } from './theme';

/** Values counted per bin: bins[i] <= v < bins[i + 1] for counts[i]. */
export interface Distribution {
  n: number;
  min: number | null;
  max: number | null;
  median: number | null;
  bins: number[];
  counts: number[];
}

/** No values: one empty bin from 0 to 1 (shared: distributions are read, never changed). */
export const NO_VALUES: Distribution = { n: 0, min: null, max: null, median: null, bins: [0, 1], counts: [0] };

/** Round steps, each tried at the power of ten of the raw step. */
export const ROUND_STEPS = [1, 2, 2.5, 5, 10] as const;

/** The round step nearest (on a log scale) to the one giving `count` bins from `lo` to `hi`. */
function roundStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / count || 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ROUND_STEPS.map((m) => m * power).reduce((best, s) => (Math.abs(Math.log(s / raw)) < Math.abs(Math.log(best / raw)) ? s : best));
}

/** The smallest step of 1, 2, 2.5 or 5 times a power of ten at or above `target`. */
function tickStep(target: number): number {
  const power = 10 ** Math.floor(Math.log10(target));
  return ROUND_STEPS.map((m) => m * power).find((s) => s >= target) ?? 10 * power;
}

/** Bin edge `i` from the first at `step` apart, rounded off float noise (kpi/distribution.ts rounds the same way). */
export const binEdge = (first: number, step: number, i: number): number => Math.round((first + i * step) * 1e9) / 1e9;

/** Bin edges at a round step giving about `count` bins over [lo, hi]; one edge lands on `anchor` if given. */
export function roundBins(lo: number, hi: number, count: number, anchor?: number): number[] {
  const low = Math.min(lo, anchor ?? Infinity);
  const high = Math.max(hi, anchor ?? -Infinity);
  const step = roundStep(low, high, count);
  const first = anchor === undefined ? Math.floor(low / step) * step : anchor - Math.ceil((anchor - low) / step) * step;
  // One step past the largest value, so it falls inside the last bin.
  const n = Math.floor((high - first) / step) + 1;
  return Array.from({ length: n + 1 }, (_, i) => binEdge(first, step, i));
}

/** How many values fall in each [bins[i], bins[i + 1]), in one pass. */
export function binCounts(values: readonly number[], bins: readonly number[]): number[] {
  const counts = new Array<number>(Math.max(0, bins.length - 1)).fill(0);
  for (const v of values) {
    if (!(v >= bins[0] && v < bins[bins.length - 1])) continue;
    let lo = 0;
    let hi = bins.length - 1;
    // The last threshold at or below v.
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (bins[mid] <= v) lo = mid;
      else hi = mid;
    }
    counts[lo]++;
  }
  return counts;
}

/** The distribution of `values` over about `count` round bins, one edge on `anchor` if given. */
export function distributionOf(values: readonly number[], count: number, anchor?: number): Distribution {
  if (values.length === 0) return NO_VALUES;
  const sorted = [...values].sort((a, b) => a - b);
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const bins = roundBins(min, max, count, anchor);
  const median = (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
  return { n: values.length, min, max, median, bins, counts: binCounts(values, bins) };
}

/**
 * A histogram of a distribution. With a marker (e.g. 100% of quota, an edge of the bins) bins at or
 * above it take another colour, and the line is labelled with the share at or above it.
 */
export function histogram(
  d: Distribution,
  f: {
    value: ValueFormat; title: string; xLabel: string; yLabel: string; rule?: number; ruleLabel?: (share: number) => string; color?: string; aboveColor?: string;
    /** How a count is written (thousands separated in the viewer's locale); plain digits if not given. */
    count?: (n: number) => string;
  },
): ChartSpec {
  const rects = d.counts.flatMap((count, i) => (count > 0 ? [{ x1: d.bins[i], x2: d.bins[i + 1], count }] : []));
  const rule = f.rule;
  const above = (r: { x1: number }) => rule !== undefined && r.x1 >= rule;
  const share = rule !== undefined && d.n > 0 ? rects.filter(above).reduce((sum, r) => sum + r.count, 0) / d.n : null;
  // Counts are whole reps or deals: integer ticks only, about five of them.
  const most = Math.max(1, ...d.counts);
  const every = Math.max(1, tickStep(most / 5));
  const yTicks = Array.from({ length: Math.ceil(most / every) + 1 }, (_, i) => i * every);
  const below = f.color ?? COLORS.bookings;
  const count = f.count ?? String;
  const marks: Plot.Markish[] = [
    Plot.rectY(rects, {
      x1: 'x1', x2: 'x2', y: 'count', inset: 1, tip: true,
      fill: rule === undefined ? below : (r: { x1: number }) => (above(r) ? (f.aboveColor ?? COLORS.up) : below),
      title: (r: { x1: number; x2: number; count: number }) => `${f.value(r.x1)} – ${f.value(r.x2)}\n${f.yLabel}: ${count(r.count)}`,
    }),
  ];
  if (rule !== undefined && d.n > 0) {
    marks.push(Plot.ruleX([rule], { stroke: COLORS.target, strokeWidth: 2, strokeDasharray: '4,3' }));
    // The label runs away from the nearer edge, so it never leaves the chart.
    const right = (rule - d.bins[0]) / (d.bins[d.bins.length - 1] - d.bins[0]) > 0.5;
    if (f.ruleLabel) {
      marks.push(Plot.text([rule], {
        x: (v: number) => v, frameAnchor: 'top', dy: -10, dx: right ? -4 : 4, textAnchor: right ? 'end' : 'start',
        text: () => f.ruleLabel!(share!), fill: 'currentColor', fontWeight: 700,
      }));
    }
  }
  marks.push(Plot.ruleY([0]));
  return {
    description: [
      `${f.title}: ${count(d.n)}`,
      d.min !== null && d.max !== null && d.median !== null ? `${f.value(d.min)} – ${f.value(d.max)}, median ${f.value(d.median)}` : '',
      share !== null && f.ruleLabel ? f.ruleLabel(share) : '',
    ].filter(Boolean).join('; '),
    options: {
      height: 220 + (f.ruleLabel ? 16 : 0),
      marginLeft: 48,
      marginTop: f.ruleLabel ? 30 : undefined,
      x: { label: f.xLabel, tickFormat: (v: number) => f.value(v, true), domain: [d.bins[0], d.bins[d.bins.length - 1]] },
      y: { grid: true, label: f.yLabel, ticks: yTicks, tickFormat: (v: number) => count(v), domain: [0, yTicks[yTicks.length - 1]] },
      marks,
    },
  };
}
