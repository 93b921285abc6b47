// The rows behind a tile add up to its value: sums and counts of the drill-down rows equal the KPI,
// for the sample data's fiscal year to date (an independent route through other SQL).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DataStore } from '../../src/lib/app/dataStore';
import { SAMPLE_FILES } from '../../src/lib/app/sampleFiles';
import { queryOverview } from '../../src/lib/app/views/overview';
import type { ViewContext } from '../../src/lib/app/views/context';
import type { DbClient } from '../../src/lib/db/client';
import { DEFAULT_STAGES } from '../../src/lib/kpi/funnel';
import { hasRowsFor, rowsQuery } from '../../src/lib/kpi/rows';
import { KPIS, type KpiId } from '../../src/lib/kpi/registry';
import { csvFile, paramsFor, storeWith } from './helpers';

let db: DbClient;
let store: DataStore;
let ctx: ViewContext;
let values: Map<string, { value: number | null; num?: number | null; den?: number | null }>;

beforeAll(async () => {
  const files = SAMPLE_FILES.map((n) => csvFile(n, readFileSync(`public/samples/${n}`, 'utf8')));
  ({ db, store } = await storeWith(...files));
  const params = paramsFor(store, { range: { from: '2026-01-01', to: '2026-06-30' }, asOf: '2026-06-30' });
  ctx = { db, params, previous: { from: '2025-07-04', to: '2025-12-31' }, loaded: new Set(['opportunities', 'leads', 'revenue', 'reps', 'targets']), pick: DEFAULT_STAGES, basis: 'revenue' };
  const overview = await queryOverview(ctx, { product: null, since: null });
  values = new Map(overview.families.flatMap((f) => f.tiles).map((t) => [t.id, t]));
});

async function sumOf(id: KpiId, part: 'numerator' | 'denominator' = 'numerator') {
  const q = rowsQuery(id, ctx.params, ctx.pick, ctx.basis)!;
  const rows = await db.query(part === 'numerator' ? q.numerator : q.denominator!);
  return { count: rows.length, sum: q.sum ? rows.reduce((s, r) => s + Number(r[q.sum!] ?? 0), 0) : null };
}

describe('drill-down rows', () => {
  test.each(['won_deals', 'lost_deals', 'new_customers', 'stage1_created', 'stage2_created', 'leads_created', 'leads_qualified', 'sdr_handoffs'] as KpiId[])(
    '%s: the row count is the value',
    async (id) => {
      expect((await sumOf(id)).count).toBe(values.get(id)!.value);
    },
  );

  test.each(['new_bookings', 'expansion_bookings', 'pipeline_created_amount', 'mrr_new', 'mrr_expansion', 'mrr_contraction', 'mrr_churn', 'mrr_reactivation'] as KpiId[])(
    '%s: the rows sum to the value',
    async (id) => {
      expect((await sumOf(id)).sum).toBeCloseTo(values.get(id)!.value!, 6);
    },
  );

  test.each(['win_rate', 'lead_qualification_rate', 'stage1_to_stage2_rate', 'logo_churn'] as KpiId[])(
    '%s: numerator rows / denominator rows is the ratio',
    async (id) => {
      const num = await sumOf(id);
      const den = await sumOf(id, 'denominator');
      expect(num.count / den.count).toBeCloseTo(values.get(id)!.value!, 12);
    },
  );

  test('nrr and grr: closing over opening MRR of the rows', async () => {
    const nrr = rowsQuery('nrr', ctx.params, ctx.pick, ctx.basis)!;
    const rows = await db.query(nrr.numerator);
    const opening = rows.reduce((s, r) => s + Number(r.opening_mrr), 0);
    expect(rows.reduce((s, r) => s + Number(r.closing_mrr), 0) / opening).toBeCloseTo(values.get('nrr')!.value!, 12);
    expect(rows.reduce((s, r) => s + Number(r.closing_capped_mrr), 0) / opening).toBeCloseTo(values.get('grr')!.value!, 12);
  });

  test('a sales cycle row carries its days; their median is the tile', async () => {
    const q = rowsQuery('sales_cycle_days', ctx.params, ctx.pick, ctx.basis)!;
    const days = (await db.query(q.numerator)).map((r) => Number(r.cycle_days)).sort((a, b) => a - b);
    const mid = Math.floor(days.length / 2);
    expect(days.length % 2 ? days[mid] : (days[mid - 1] + days[mid]) / 2).toBe(values.get('sales_cycle_days')!.value);
  });
});

describe('rows of the other tiles', () => {
  test('the reps behind the people tiles, the open pipeline behind the pipeline forecast', async () => {
    const reps = await db.query(rowsQuery('reps_at_quota_pct', ctx.params, ctx.pick, ctx.basis)!.numerator);
    const share = reps.filter((r) => Number(r.attainment) >= 1).length / reps.length;
    expect(share).toBeCloseTo(values.get('reps_at_quota_pct')!.value!, 12);
    const open = await db.query(rowsQuery('forecast_pipeline', ctx.params, ctx.pick, ctx.basis)!.numerator);
    expect(open.every((o) => o.close_date! > '2026-06-30')).toBe(true);
  });
});

describe('which tiles have rows', () => {
  test('hasRowsFor answers as rowsQuery does, for every KPI and both net-new bases', () => {
    const answers = Object.keys(KPIS).flatMap((id) =>
      (['revenue', 'bookings'] as const).map((basis) => {
        const built = rowsQuery(id as KpiId, ctx.params, ctx.pick, basis) !== null;
        return { id, basis, built, said: hasRowsFor(id as KpiId, basis) };
      }),
    );
    expect(answers.filter((a) => a.built !== a.said)).toEqual([]);
    // Both answers occur: arpa has rows on the revenue basis only, and the product's net new never.
    expect(answers.filter((a) => !a.built).map((a) => `${a.id}/${a.basis}`).sort()).toEqual(['arpa/bookings', 'product_net_new/bookings', 'product_net_new/revenue']);
  });
});
