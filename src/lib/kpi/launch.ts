// A product launch (DESIGN.md section 4, product_net_new): the net new revenue of one product since
// its launch date (its first activity in the data unless chosen) against its own target.

import { sql, type Sql } from '../db/sql';
import type { NetNewBasis } from './attainment';
import { netNewSql, targetSql } from './attainment';
import type { KpiParams } from './params';

export interface ProductLaunch {
  product: string;
  launch: string;
}

/** Products and their first activity: revenue rows when revenue carries a product, else opportunities. */
export function productLaunchesSql(basis: NetNewBasis): Sql {
  if (basis === 'revenue') {
    return sql`SELECT product, strftime(min(coalesce(month, start_date)), '%Y-%m-%d') AS launch FROM revenue
      WHERE product IS NOT NULL GROUP BY 1 ORDER BY launch DESC, product`;
  }
  return sql`SELECT product, strftime(min(created_at), '%Y-%m-%d') AS launch FROM opportunities
    WHERE product IS NOT NULL AND created_at IS NOT NULL GROUP BY 1 ORDER BY launch DESC, product`;
}

/** Net new revenue and target of `product` from `launch` to the as-of date. */
export function productNetNewSql(p: KpiParams, basis: NetNewBasis, launch: ProductLaunch): Sql {
  const scoped: KpiParams = { ...p, filters: { ...p.filters, product: [launch.product] } };
  const range = { from: launch.launch, to: p.asOf };
  // Without a product column in the targets file there is no product target (never the company's).
  const target = p.fields.targets?.has('product') ? sql`(SELECT target FROM (${targetSql(scoped, range)}))` : sql`CAST(NULL AS DOUBLE)`;
  return sql`SELECT (${netNewSql(scoped, basis, range)}) AS product_net_new, ${target} AS target`;
}
