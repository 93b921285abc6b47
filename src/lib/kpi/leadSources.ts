// Leads created per grain bucket and source (for the stacked chart): the largest sources by name,
// the rest folded into one "other" row.

import { int, sql, type Sql } from '../db/sql';
import { inRange } from './common';
import { filterWhere } from './filters';
import type { KpiParams } from './params';
import { bucketSeriesSql, bucketSql } from './period';

export interface SourcePoint {
  period: string;
  source: string | null;
  /** True for the row that folds the smaller sources together. */
  other: boolean;
  leads: number;
}

export function leadSourceSeriesSql(p: KpiParams, top = 6): Sql {
  return sql`WITH l AS (SELECT * FROM leads WHERE ${filterWhere(p, 'leads')} AND ${inRange(sql`created_at`, p.range)}),
    ranked AS (SELECT source, row_number() OVER (ORDER BY count(*) DESC, source) AS rk FROM l GROUP BY source),
    bk AS (${bucketSeriesSql(p.grain, p.range, p.fyStart)}),
    c AS (
      SELECT ${bucketSql(p.grain, sql`created_at`, p.fyStart)} AS bucket, CASE WHEN r.rk <= ${int(top)} THEN l.source END AS source,
        r.rk > ${int(top)} AS other, count(*) AS leads
      FROM l JOIN ranked r ON r.source IS NOT DISTINCT FROM l.source GROUP BY ALL
    )
    SELECT strftime(bk.bucket, '%Y-%m-%d') AS period, c.source, c.other, c.leads FROM bk JOIN c USING (bucket)
    ORDER BY bk.bucket, c.other, c.leads DESC`;
}
