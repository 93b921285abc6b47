// Pure chart specs for the new-business panel: query rows in, Plot options out.

import * as Plot from '@observablehq/plot';
import type { NewBusinessPoint, OwnerBookings } from '../kpi/newBusiness';
import { COLORS, thinTicks } from './theme';

export interface ChartSpec {
  options: Plot.PlotOptions;
  /** Text alternative for screen readers. */
  description: string;
}

export interface ChartText {
  title: string;
  yLabel: string;
  /** Bucket label of each point, in order. */
  periodLabel: (period: string) => string;
  money: (v: number, compact?: boolean) => string;
  ratio: (v: number) => string;
  wonLost: (won: number, lost: number) => string;
}

export function bookingsOverTime(points: readonly NewBusinessPoint[], text: ChartText): ChartSpec {
  const data = points.map((p) => ({ ...p, label: text.periodLabel(p.period) }));
  const labels = data.map((d) => d.label);
  return {
    description: `${text.title}: ${data.map((d) => `${d.label} ${text.money(d.new_bookings)}`).join('; ')}`,
    options: {
      height: 260,
      marginLeft: 64,
      x: { type: 'band', domain: labels, ticks: thinTicks(labels, 12), label: null, tickSize: 0 },
      y: { grid: true, label: text.yLabel, tickFormat: (v: number) => text.money(v, true) },
      marks: [
        Plot.barY(data, {
          x: 'label',
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
  const labels = data.map((d) => d.label);
  const defined = data.filter((d) => d.win_rate !== null);
  return {
    description: `${text.title}: ${defined.map((d) => `${d.label} ${text.ratio(d.win_rate!)}`).join('; ')}`,
    options: {
      height: 260,
      marginLeft: 56,
      x: { type: 'point', domain: labels, ticks: thinTicks(labels, 12), label: null, padding: 0.5 },
      y: { grid: true, domain: [0, 1], label: text.yLabel, tickFormat: (v: number) => text.ratio(v) },
      marks: [
        Plot.line(defined, { x: 'label', y: 'win_rate', stroke: COLORS.winRate, strokeWidth: 2 }),
        Plot.dot(defined, {
          x: 'label',
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
        Plot.ruleX([0]),
      ],
    },
  };
}
