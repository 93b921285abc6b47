// What every view's queries share: the engine, the KPI parameters, the comparison range, the
// files loaded and the tile record the components render.

import type { Kind } from '../../crm/fields';
import { firstRowsOf } from '../../db/cache';
import type { DbClient, Row } from '../../db/client';
import type { Sql } from '../../db/sql';
import type { NetNewBasis } from '../../kpi/attainment';
import { ignoredFilters, type ExtraField, type FilterField } from '../../kpi/filters';
import type { StagePick } from '../../kpi/funnel';
import { handoffSource } from '../../kpi/leads';
import type { KpiParams } from '../../kpi/params';
import type { DateRange } from '../../kpi/period';
import { KPIS, missingFor, type KpiId } from '../../kpi/registry';
import type { MessageKey } from '../../i18n/index.svelte';

export interface ViewContext {
  db: DbClient;
  params: KpiParams;
  /** The comparison range (previous period of equal length, or the same period last year). */
  previous: DateRange;
  loaded: ReadonlySet<Kind>;
  pick: StagePick;
  /** Net new revenue from MRR movements when a revenue file is loaded, else from bookings. */
  basis: NetNewBasis;
}

export interface TileData {
  id: KpiId;
  value: number | null;
  previous: number | null;
  /** Numerator and denominator of a ratio (current period). */
  num?: number | null;
  den?: number | null;
  /** A cohort too young for its conversions to have happened. */
  immature?: boolean;
  /** A remark on how it was computed (bookings-based, inferred stages…). */
  note?: MessageKey;
  /** Files to drop for it to be computed. */
  missing: Kind[];
  /** Active filters it cannot apply. */
  ignored: (FilterField | ExtraField)[];
  /** Its values per grain bucket of the range (the overview's sparkline). */
  spark?: (number | null)[];
}

/**
 * The table a KPI's numbers come from with the files loaded: the last kind of the first of its
 * alternatives that is fully loaded (alternatives list the numerator's table last: targets then
 * revenue, reps then opportunities). Its filters are the ones the KPI applies.
 */
export function sourceTable(id: KpiId, loaded: ReadonlySet<Kind>): Kind {
  const alternatives = KPIS[id].needs;
  const alt = alternatives.find((a) => a.every((k) => loaded.has(k))) ?? alternatives[0];
  return alt[alt.length - 1];
}

export function tile(ctx: ViewContext, id: KpiId, value: number | null, previous: number | null, extra: Partial<TileData> = {}): TileData {
  const missing = missingFor(id, ctx.loaded);
  return {
    id,
    value: missing.length ? null : value,
    previous: missing.length ? null : previous,
    missing,
    ignored: ignoredFilters(ctx.params, id === 'sdr_handoffs' ? (handoffSource(ctx.params) ?? 'leads') : sourceTable(id, ctx.loaded)),
    ...extra,
  };
}

/** A tile for a KPI whose files are missing: it says which to drop instead of showing a number. */
export function missingTile(ctx: ViewContext, id: KpiId): TileData {
  return tile(ctx, id, null, null);
}

export async function one<T extends Row>(ctx: ViewContext, q: Sql): Promise<T> {
  return (await ctx.db.query<T>(q))[0];
}

export function all<T extends Row>(ctx: ViewContext, q: Sql): Promise<T[]> {
  return ctx.db.query<T>(q);
}

/** The row of each of two one-row queries with the same columns (cache.ts's firstRows: one statement). */
export async function oneEach<T extends Row>(ctx: ViewContext, first: Sql, second: Sql): Promise<[T, T]> {
  const [a, b] = await firstRowsOf<T>(ctx.db, [first, second]);
  return [a as T, b as T];
}

/** A one-row query run over the period and over the comparison period (a tile's value and its previous). */
export async function currentAndPrevious<T extends Row>(ctx: ViewContext, query: (range: DateRange) => Sql): Promise<{ cur: T; prev: T }> {
  const [cur, prev] = await oneEach<T>(ctx, query(ctx.params.range), query(ctx.previous));
  return { cur, prev };
}

/** Runs `f` only when every kind is loaded. */
export function when<T>(ctx: ViewContext, kinds: readonly Kind[], f: () => Promise<T>): Promise<T | null> {
  return kinds.every((k) => ctx.loaded.has(k)) ? f() : Promise.resolve(null);
}
