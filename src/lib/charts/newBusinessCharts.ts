// Pure chart specs for the new-business panel: query rows in, Plot options out.

import * as Plot from '@observablehq/plot';
import type { NewBusinessPoint, OwnerBookings } from '../kpi/newBusiness';
import { COLORS, thinTicks } from './theme';

/** An ordinal period axis: every bucket in the domain, about 12 labelled ticks. */
function periodAxis(periods: readonly string[], text: ChartText) {
  const ticks = thinTicks(periods, 12);
  const labels = new Map(ticks.map((p, i) => [p, text.periodTick(p, i === 0 ? null : ticks[i - 1])]));
  return { domain: periods, ticks, tickFormat: (p: string) => labels.get(p) ?? '', label: null };
}

export interface ChartSpec {
  options: Plot.PlotOptions;
  /** Text alternative for screen readers. */
  description: string;
}

export interface ChartText {
  title: string;
  yLabel: string;
  /** Full label of a bucket (tooltips, screen readers). */
  periodLabel: (period: string) => string;
  /** Short axis label of a bucket; `previous` is the tick before it (null for the first). */
  periodTick: (period: string, previous: string | null) => string;
  money: (v: number, compact?: boolean) => string;
  ratio: (v: number) => string;
  wonLost: (won: number, lost: number) => string;
}

export function bookingsOverTime(points: readonly NewBusinessPoint[], text: ChartText): ChartSpec {
  const data = points.map((p) => ({ ...p, label: text.periodLabel(p.period) }));
  return {
    description: `${text.title}: ${data.map((d) => `${d.label} ${text.money(d.new_bookings)}`).join('; ')}`,
    options: {
      height: 260,
      marginLeft: 64,
      marginBottom: 40,
      x: { type: 'band', ...periodAxis(points.map((p) => p.period), text), tickSize: 0 },
      y: { grid: true, label: text.yLabel, tickFormat: (v: number) => text.money(v, true) },
      marks: [
        Plot.barY(data, {
          x: 'period',
          y: 'new_bookings',
          fill: COLORS.bookings,
          title: (d: (typeof data)[number]) => `${d.label}\n${text.money(d.new_bookings)}\n${text.wonLost(d.won_deals, d.lost_deals)}`,
          tip: true,
        }),
        Plot.ruleY([0]),
      ],
    },
  };
}

export function winRateOverTime(points: readonly NewBusinessPoint[], text: ChartText): ChartSpec {
  const data = points.map((p) => ({ ...p, label: text.periodLabel(p.period) }));
  const defined = data.filter((d) => d.win_rate !== null);
  return {
    description: `${text.title}: ${defined.map((d) => `${d.label} ${text.ratio(d.win_rate!)}`).join('; ')}`,
    options: {
      height: 260,
      marginLeft: 56,
      marginBottom: 40,
      x: { type: 'point', ...periodAxis(points.map((p) => p.period), text), padding: 0.5 },
      y: { grid: true, domain: [0, 1], label: text.yLabel, tickFormat: (v: number) => text.ratio(v) },
      marks: [
        Plot.line(defined, { x: 'period', y: 'win_rate', stroke: COLORS.winRate, strokeWidth: 2 }),
        Plot.dot(defined, {
          x: 'period',
          y: 'win_rate',
          fill: COLORS.winRate,
          r: 3.5,
          title: (d: (typeof data)[number]) => `${d.label}\n${text.ratio(d.win_rate!)}\n${text.wonLost(d.won_deals, d.lost_deals)}`,
          tip: true,
        }),
      ],
    },
  };
}

export interface OwnerText {
  title: string;
  xLabel: string;
  unassigned: string;
  money: (v: number, compact?: boolean) => string;
}

export const MAX_OWNERS = 15;

export function bookingsByOwner(rows: readonly OwnerBookings[], text: OwnerText): ChartSpec {
  const data = rows.slice(0, MAX_OWNERS).map((r) => ({ ...r, name: r.owner ?? text.unassigned }));
  return {
    description: `${text.title}: ${data.map((d) => `${d.name} ${text.money(d.new_bookings)}`).join('; ')}`,
    options: {
      height: Math.max(120, data.length * 24 + 40),
      marginLeft: 140,
      marginRight: 56,
      x: { grid: true, label: text.xLabel, tickFormat: (v: number) => text.money(v, true) },
      y: { domain: data.map((d) => d.name), label: null },
      marks: [
        Plot.barX(data, {
          y: 'name',
          x: 'new_bookings',
          fill: COLORS.owner,
          title: (d: (typeof data)[number]) => `${d.name}\n${text.money(d.new_bookings)}`,
          tip: true,
        }),
        Plot.text(data, { y: 'name', x: 'new_bookings', text: (d: (typeof data)[number]) => text.money(d.new_bookings, true), textAnchor: 'start', dx: 4 }),
        Plot.ruleX([0]),
      ],
    },
  };
}
