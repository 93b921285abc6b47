// Every KPI of DESIGN.md section 4 renders as a tile on the overview; a few are checked against an
// independent computation over the sample CSVs (plain JS, no DuckDB).
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kpiValue, openApp, PUBLIC_DATA, waitReady } from './helpers';

const SAMPLES = fileURLToPath(new URL('../../public/samples/', import.meta.url));
function rows(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(`${SAMPLES}${name}`, 'utf8').trimEnd().split('\n');
  const keys = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v])));
}
const FROM = '2026-01-01';
const TO = '2026-06-30';
const inRange = (d: string) => d >= FROM && d <= TO;

const SECTION_4 = [
  'leads_created', 'leads_qualified', 'lead_qualification_rate', 'sdr_handoffs', 'stage1_created', 'stage2_created',
  'stage1_to_stage2_rate', 'pipeline_created_amount', 'won_deals', 'lost_deals', 'win_rate', 'new_bookings', 'expansion_bookings',
  'new_customers', 'avg_deal_size', 'arpa', 'sales_cycle_days', 'mrr_new', 'mrr_expansion', 'mrr_contraction', 'mrr_churn',
  'mrr_reactivation', 'nrr', 'grr', 'net_new_revenue', 'target', 'target_attainment', 'forecast_year_end', 'forecast_gap',
  'rep_attainment', 'reps_at_quota_pct', 'median_attainment', 'sdr_roi', 'product_net_new',
];

test('the overview shows every KPI of section 4 with a value, on the sample data', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('load-sample').click();
  await waitReady(page);
  for (const id of SECTION_4) {
    const tile = page.locator(`[data-kpi="${id}"]`);
    await expect(tile, id).toHaveCount(1);
    expect([id, await tile.getAttribute('data-value')]).toEqual([id, expect.stringMatching(/^-?\d+(\.\d+)?(e-?\d+)?$/)]);
  }

  const leads = rows('leads.csv');
  const opps = rows('opportunities.csv');
  expect(await kpiValue(page, 'leads_created')).toBe(leads.filter((l) => inRange(l.created_at)).length);
  const won = opps.filter((o) => o.stage === 'Closed Won' && inRange(o.close_date));
  expect(await kpiValue(page, 'won_deals')).toBe(won.length);
  expect(await kpiValue(page, 'new_bookings')).toBe(won.filter((o) => o.type === 'New Business').reduce((s, o) => s + Number(o.amount), 0));
  expect(await kpiValue(page, 'target')).toBe(rows('targets.csv').filter((t) => inRange(t.period)).reduce((s, t) => s + Number(t.target), 0));

  // NRR: accounts paying in December 2025, their June 2026 MRR over their December MRR.
  const mrr = new Map(rows('revenue.csv').map((r) => [`${r.account_id}|${r.month}`, Number(r.mrr)]));
  const opening = rows('revenue.csv').filter((r) => r.month === '2025-12-01' && Number(r.mrr) > 0);
  const open = opening.reduce((s, r) => s + Number(r.mrr), 0);
  const close = opening.reduce((s, r) => s + (mrr.get(`${r.account_id}|2026-06-01`) ?? 0), 0);
  expect(await kpiValue(page, 'nrr')).toBeCloseTo(close / open, 10);
});

test('each family view renders its tiles and charts', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('load-sample').click();
  await waitReady(page);
  const expectations: Record<string, string[]> = {
    leads: ['chart-lead-sources', 'chart-lead-rates', 'diagnosis'],
    pipeline: ['chart-stages-created', 'chart-funnel', 'chart-cohorts', 'cohort-comparison'],
    new_business: ['chart-bookings', 'chart-win-rate', 'chart-owners', 'chart-deal-sizes'],
    existing: ['chart-bridge', 'chart-retention', 'chart-retention-cohorts'],
    attainment: ['chart-cumulative', 'gap-planner'],
    people: ['rep-leaderboard', 'chart-attainment-histogram', 'sdr-table', 'chart-sdr-curves'],
  };
  for (const [tab, ids] of Object.entries(expectations)) {
    await page.locator(`[role="tab"][data-tab="${tab}"]`).click();
    await waitReady(page);
    await expect(page.locator(`[role="tab"][data-tab="${tab}"]`)).toHaveAttribute('aria-selected', 'true');
    expect(new URL(page.url()).searchParams.get('tab')).toBe(tab);
    for (const id of ids) await expect(page.getByTestId(id), `${tab}: ${id}`).toBeVisible();
    for (const chart of await page.locator('[data-testid^="chart-"]').all()) await expect(chart.locator('svg').first()).toBeVisible();
  }
});

test('the gap planner moves when the user tries other rates', async ({ page }) => {
  await openApp(page, 'v=1&tab=attainment');
  await page.getByTestId('load-sample').click();
  await waitReady(page);
  const opportunities = async () => Number(await page.getByTestId('planner-opportunities').getAttribute('data-value'));
  const gap = await kpiValue(page, 'forecast_gap');
  expect(gap).toBeGreaterThan(0); // the sample year runs behind target
  await page.getByTestId('planner-win-rate').fill('50');
  await page.getByTestId('planner-deal-size').fill('40000');
  // gap / (0.5 x 40,000), rounded up
  await expect.poll(opportunities).toBe(Math.ceil(gap! / (0.5 * 40000)));
  await page.getByTestId('planner-win-rate').fill('25');
  await expect.poll(opportunities).toBe(Math.ceil(gap! / (0.25 * 40000)));

  // The year end at the rate tried: this year's open pipeline (open deals created by the as-of date,
  // closing after it and by December 31) won at that rate; the gap moves by as much.
  const asOf = await page.getByTestId('as-of').inputValue();
  const open = rows('opportunities.csv')
    .filter((o) => !/^Closed/.test(o.stage) && o.created_at <= asOf && o.close_date > asOf && o.close_date <= `${asOf.slice(0, 4)}-12-31`)
    .reduce((sum, o) => sum + Number(o.amount), 0);
  expect(open).toBeGreaterThan(0);
  const yearEnd = async () => Number(await page.getByTestId('planner-year-end').getAttribute('data-value'));
  const gapAtRate = async () => Number(await page.getByTestId('planner-gap-at-rate').getAttribute('data-value'));
  const [end25, gap25] = [await yearEnd(), await gapAtRate()];
  await page.getByTestId('planner-win-rate').fill('50');
  await expect.poll(yearEnd).toBeCloseTo(end25 + 0.25 * open, 6);
  expect(await gapAtRate()).toBeCloseTo(gap25 - 0.25 * open, 6);
});

test('a product launch date chosen by the user is kept in the URL and moves the product tile', async ({ page }) => {
  await openApp(page, 'v=1&tab=attainment');
  await page.getByTestId('load-sample').click();
  await waitReady(page);
  const product = await page.getByTestId('launch-select').inputValue();
  const since = '2026-04-01';
  await page.getByTestId('launch-date').fill(since);
  await waitReady(page);
  expect(new URL(page.url()).searchParams.get('since')).toBe(since);
  // Without a revenue product column, bookings-based: won new and expansion deals of the product
  // closed from the launch date to the as-of date.
  const asOf = await page.getByTestId('as-of').inputValue();
  const expected = rows('opportunities.csv')
    .filter((o) => o.product === product && o.stage === 'Closed Won' && ['New Business', 'Expansion'].includes(o.type) && o.close_date >= since && o.close_date <= asOf)
    .reduce((sum, o) => sum + Number(o.amount), 0);
  expect(await kpiValue(page, 'product_net_new')).toBe(expected);
});

test('a revenue file alone: existing business from the dbt playbook data, other tiles say what to drop', async ({ page }) => {
  const path = `${PUBLIC_DATA}/dbt-mrr-playbook/subscription_periods.csv`;
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles(path);
  await waitReady(page);
  await expect(page.getByTestId('dataset')).toHaveAttribute('data-kind', 'revenue');
  // As of 2020-01-31 (the last period start's month): the default range is January 2020.
  // NRR: customers paying in December 2019, their January MRR over their December MRR (start <= M < end).
  const periods = readFileSync(path, 'utf8')
    .trim().split('\n').slice(1).map((l) => l.split(','));
  const mrr = (customer: string, month: string) => periods.filter((p) => p[1] === customer && p[2] <= month && month < p[3]).reduce((s, p) => s + Number(p[4]), 0);
  const customers = [...new Set(periods.map((p) => p[1]))].filter((c) => mrr(c, '2019-12-01') > 0);
  const opening = customers.reduce((s, c) => s + mrr(c, '2019-12-01'), 0);
  const closing = customers.reduce((s, c) => s + mrr(c, '2020-01-01'), 0);
  expect(await kpiValue(page, 'nrr')).toBeCloseTo(closing / opening, 10);
  await expect(page.locator('[data-kpi="won_deals"]')).toContainText('Drop Opportunities');
  expect(await page.locator('[data-kpi="won_deals"]').getAttribute('data-value')).toBe('');
});

test('a cohort conversion the files cannot give says in words which one is shown instead', async ({ page }) => {
  // Opportunities only: lead -> stage 1 needs a leads file, so the link's choice falls back to stage 1 -> stage 2.
  await openApp(page, 'v=1&tab=pipeline&cohort=lead_to_s1');
  await page.getByTestId('file-input').setInputFiles([`${SAMPLES}opportunities.csv`]);
  await waitReady(page);
  const note = page.getByTestId('cohort-fell-back');
  await expect(note).toHaveText(/“Lead → stage 1” cannot be shown with the files loaded, so “Stage 1 → stage 2” is shown instead\. It needs a leads file/);
  await expect(page.getByTestId('cohort-select')).toHaveValue('s1_to_s2');
  await expect(page.getByTestId('chart-cohorts')).toContainText('Stage 1 → stage 2');

  // With the leads file in, the asked conversion is possible and the note goes.
  await page.getByTestId('file-input').setInputFiles([`${SAMPLES}leads.csv`]);
  await waitReady(page);
  await expect(page.getByTestId('cohort-select')).toHaveValue('lead_to_s1');
  await expect(note).toHaveCount(0);
});

test('leads by SDR: created, qualified, handoffs and leads per month for each SDR, counted from the sample file', async ({ page }) => {
  await openApp(page, 'v=1&tab=leads');
  await page.getByTestId('load-sample').click();
  await waitReady(page);
  // Independently from leads.csv: each owner's leads by their own dates in 2026-01-01..06-30, six months.
  const per = new Map<string, { created: number; qualified: number; qualifiedOfCreated: number; handoffs: number }>();
  for (const l of rows('leads.csv')) {
    const r = per.get(l.owner) ?? { created: 0, qualified: 0, qualifiedOfCreated: 0, handoffs: 0 };
    if (inRange(l.created_at)) r.created++;
    if (l.qualified_at && inRange(l.qualified_at)) r.qualified++;
    if (inRange(l.created_at) && l.qualified_at) r.qualifiedOfCreated++;
    if (l.converted_at && inRange(l.converted_at)) r.handoffs++;
    per.set(l.owner, r);
  }
  const table = page.getByTestId('sdr-capacity');
  const active = [...per].filter(([, r]) => r.created + r.qualified + r.handoffs > 0);
  await expect(table.locator('tbody tr')).toHaveCount(active.length);
  for (const [sdr, r] of active) {
    const row = table.locator(`tr[data-sdr="${sdr}"]`);
    const value = async (col: string) => Number(await row.locator(`[data-col="${col}"]`).getAttribute('data-value'));
    expect(await value('leads_created'), sdr).toBe(r.created);
    expect(await value('leads_qualified'), sdr).toBe(r.qualified);
    expect(await value('sdr_handoffs'), sdr).toBe(r.handoffs);
    expect(await value('lead_qualification_rate'), sdr).toBeCloseTo(r.qualifiedOfCreated / r.created, 12);
    expect(await value('leads_per_period'), sdr).toBeCloseTo(r.created / 6, 12);
  }
  await expect(table.locator('thead')).toContainText('Leads per month');
});
