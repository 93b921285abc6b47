// The view lives in the URL: shared links reproduce it, back/forward restore it, bad links get a notice.
import { expect, test } from '@playwright/test';
import { dropFiles, kpiValue, MAVEN, openApp, pickFiles, waitReady } from './helpers';
import { mavenFigures } from './maven';

test('a URL holding a view state yields that view once the files are dropped', async ({ page }) => {
  await openApp(page, 'v=1&from=2017-04-01&to=2017-06-30&grain=week&tab=new_business&owner=Darcel%20Schlecht,Vicki%20Laflamme');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  const expected = mavenFigures('2017-04-01', '2017-06-30', ['Darcel Schlecht', 'Vicki Laflamme']);
  expect(await kpiValue(page, 'won_deals')).toBe(expected.won);
  expect(await kpiValue(page, 'lost_deals')).toBe(expected.lost);
  expect(await kpiValue(page, 'new_bookings')).toBe(expected.bookings);
  await expect(page.getByRole('radio', { name: 'Week' })).toBeChecked();
  await expect(page.getByTestId('range-from')).toHaveValue('2017-04-01');
  // Weeks starting Monday that touch 2017-04-01 (a Saturday) .. 2017-06-30: Mar 27 .. Jun 26 = 14 buckets.
  await expect(page.getByTestId('chart-bookings').locator('svg g[aria-label="bar"] rect')).toHaveCount(14);
});

test('changing the grain writes the URL; back and forward restore the views without reloading data', async ({ page }) => {
  await openApp(page, 'v=1&tab=new_business');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  const wasmRequests: string[] = [];
  page.on('request', (r) => r.url().endsWith('.wasm') && wasmRequests.push(r.url()));

  await page.getByText('Quarter', { exact: true }).click();
  await waitReady(page);
  const params = () => Object.fromEntries(new URL(page.url()).searchParams);
  // d= fingerprints the loaded files (row counts, date span), so a colleague with other files is told.
  expect(params()).toEqual({ v: '1', grain: 'quarter', tab: 'new_business', d: expect.stringMatching(/^[0-9a-z]+$/) });
  await expect(page.getByTestId('chart-bookings').locator('svg g[aria-label="bar"] rect')).toHaveCount(4);

  await page.getByTestId('range-from').fill('2017-07-01');
  await waitReady(page);
  expect(await kpiValue(page, 'won_deals')).toBe(mavenFigures('2017-07-01', '2017-12-31').won);

  await page.goBack();
  await waitReady(page);
  expect(params()).toEqual({ v: '1', grain: 'quarter', tab: 'new_business', d: expect.any(String) });
  expect(await kpiValue(page, 'won_deals')).toBe(4238);
  await expect(page.getByRole('radio', { name: 'Quarter' })).toBeChecked();

  await page.goBack();
  await waitReady(page);
  await expect(page.getByRole('radio', { name: 'Month' })).toBeChecked();
  await expect(page.getByTestId('chart-bookings').locator('svg g[aria-label="bar"] rect')).toHaveCount(12);

  await page.goForward();
  await waitReady(page);
  await expect(page.getByRole('radio', { name: 'Quarter' })).toBeChecked();
  await expect(page.getByTestId('dataset')).toHaveAttribute('data-rows', '8800');
  expect(wasmRequests).toEqual([]);
});

test('pushState plus popstate re-renders the loaded data for the new view', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await page.evaluate(() => {
    history.pushState(null, '', '?v=1&from=2017-10-01&to=2017-12-31&owner=Darcel%20Schlecht');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await waitReady(page);
  const expected = mavenFigures('2017-10-01', '2017-12-31', ['Darcel Schlecht']);
  expect(await kpiValue(page, 'won_deals')).toBe(expected.won);
  expect(await kpiValue(page, 'new_bookings')).toBe(expected.bookings);
});

test('malformed URL values are dropped with a visible notice and never break the page', async ({ page }) => {
  await openApp(page, "v=1&grain=fortnight&fy=13&from=2017-02-30&tab=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&owner=x'%20OR%201%3D1--&junk=1");
  const alerts = page.getByRole('alert');
  await expect(alerts).toHaveCount(5);
  await expect(alerts.filter({ hasText: 'fortnight' })).toHaveCount(1);
  await expect(page.locator('img')).toHaveCount(0);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  // The injection attempt is a plain owner name that matches nobody.
  expect(await kpiValue(page, 'won_deals')).toBe(0);
  await expect(page.getByRole('radio', { name: 'Month' })).toBeChecked();
});

test('language: from the URL, switchable, kept in the URL, numbers formatted for it', async ({ page }) => {
  await openApp(page, 'lang=zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('销售 KPI 仪表板');
  await expect(page).toHaveTitle('销售 KPI 仪表板');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await expect(page.locator('[data-kpi="won_deals"]')).toContainText('赢单数');
  await expect(page.locator('[data-kpi="sales_cycle_days"]')).toContainText('天');
  await page.getByLabel('语言').selectOption('en');
  await waitReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sales KPI dashboard');
  await expect(page).toHaveTitle('Sales KPI dashboard');
  expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
  expect(await kpiValue(page, 'won_deals')).toBe(4238);
});

test('the browser language is followed when the URL does not say', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await openApp(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('销售 KPI 仪表板');
  expect(new URL(page.url()).search).toBe('');
  await context.close();
});

test('Copy link puts the current URL on the clipboard', async ({ page }) => {
  await openApp(page, 'v=1&grain=year');
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
});

test('a link made with other files says so when opened', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  // A link copied straight after loading, before any view change, already names the files.
  await page.getByTestId('copy-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).searchParams.get('d')).toMatch(/^[0-9a-z]+$/);
  await openApp(page, new URL(link).search.slice(1));
  await dropFiles(page, [{ name: 'other.csv', text: 'opportunity_id,created_at,stage,amount,close_date\nA,2017-01-02,Won,5,2017-02-01\n' }]);
  await waitReady(page);
  await expect(page.getByRole('alert').filter({ hasText: 'made with other files' })).toHaveCount(1);
  // The same files: no notice.
  await openApp(page, new URL(link).search.slice(1));
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the fiscal year start moves the default range and the quarters, and is kept in the URL', async ({ page }) => {
  await openApp(page, 'v=1&tab=new_business&grain=quarter');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await page.getByTestId('fiscal-start').selectOption('4');
  await waitReady(page);
  expect(new URL(page.url()).searchParams.get('fy')).toBe('4');
  // The data ends 2017-12-31, so with years starting in April the default range is FY2017 to date:
  // 2017-04-01 .. 2017-12-31, three fiscal quarters (Apr-Jun, Jul-Sep, Oct-Dec).
  await expect(page.getByTestId('range-from')).toHaveValue('2017-04-01');
  expect(await kpiValue(page, 'won_deals')).toBe(mavenFigures('2017-04-01', '2017-12-31').won);
  await expect(page.getByTestId('chart-bookings').locator('svg g[aria-label="bar"] rect')).toHaveCount(3);
});

test('each tile shows its change against the previous period of equal length', async ({ page }) => {
  await openApp(page, 'v=1&tab=new_business&from=2017-07-01&to=2017-12-31');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  const now = mavenFigures('2017-07-01', '2017-12-31');
  const before = mavenFigures('2017-01-01', '2017-06-30');
  const tile = page.locator('[data-kpi="won_deals"]');
  await expect(tile).toHaveAttribute('data-value', String(now.won));
  await expect(tile).toHaveAttribute('data-previous', String(before.won));
  // Counts change in percent, one decimal; ratios in percentage points.
  const pct = ((now.won - before.won) / before.won) * 100;
  await expect(tile).toContainText(`${Number(Math.abs(pct).toFixed(1))}%`);
  await expect(tile).toContainText(pct > 0 ? '▲' : '▼');
  const points = (now.winRate - before.winRate) * 100;
  await expect(page.locator('[data-kpi="win_rate"]')).toContainText(`${Number(Math.abs(points).toFixed(1))} pts`);
});

test('the as-of date can be chosen: the default range and the year to date follow it, and the link keeps it', async ({ page }) => {
  await openApp(page, 'v=1&tab=new_business');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await expect(page.getByTestId('as-of')).toHaveValue('2017-12-31'); // the latest date in the data
  await page.getByTestId('as-of').fill('2017-06-30');
  await waitReady(page);
  expect(new URL(page.url()).searchParams.get('asof')).toBe('2017-06-30');
  await expect(page.getByTestId('range-from')).toHaveValue('2017-01-01');
  await expect(page.getByTestId('range-to')).toHaveValue('2017-06-30');
  expect(await kpiValue(page, 'won_deals')).toBe(mavenFigures('2017-01-01', '2017-06-30').won);
  await page.getByTestId('as-of-latest').click();
  await waitReady(page);
  expect(new URL(page.url()).searchParams.get('asof')).toBeNull();
  expect(await kpiValue(page, 'won_deals')).toBe(mavenFigures('2017-01-01', '2017-12-31').won);
});

test('panel choices live in the link: win-rate variant, breakdown, retention measure, SDR goal and planner rates', async ({ page }) => {
  await openApp(page, 'v=1&tab=new_business&wr=created&by=segment&ret=logos&goal=2.5&pwin=50&psize=40000&pconv=10');
  await page.getByTestId('load-sample').click();
  await waitReady(page);
  const params = () => Object.fromEntries(new URL(page.url()).searchParams);
  await expect(page.getByRole('radio', { name: 'Deals created in the period' })).toBeChecked();
  await expect(page.getByTestId('chart-win-rate')).toContainText('Win rate of deals created, by month');
  // The charted variant's tile takes the win-rate place (third); both tiles keep their own ids and values.
  await expect(page.locator('[data-kpi]').nth(2)).toHaveAttribute('data-kpi', 'win_rate_created');
  await expect(page.locator('[data-kpi="win_rate"]')).toHaveCount(1);
  await expect(page.getByTestId('breakdown-select')).toHaveValue('segment');
  // Breakdown tooltips carry the breakdown's other figures.
  await page.locator('[data-testid="chart-by-segment"] g[aria-label="bar"] rect').first().hover();
  const tip = page.locator('[data-testid="chart-by-segment"] g[aria-label="tip"]');
  await expect(tip).toContainText('New customers');
  await expect(tip).toContainText('Sales cycle');
  await expect(tip).toContainText('ARPA');
  // Another breakdown is queried when it is picked, and goes into the link.
  await page.getByTestId('breakdown-select').selectOption('owner');
  await waitReady(page);
  expect(params().by).toBe('owner');
  await expect(page.locator('[data-testid="chart-owners"] g[aria-label="bar"] rect').first()).toBeVisible();
  await expect(page.getByTestId('chart-by-segment')).toHaveCount(0);

  await page.getByRole('tab', { name: 'Existing business' }).click();
  await waitReady(page);
  await expect(page.getByTestId('retention-measure')).toHaveValue('logos');
  await expect(page.getByTestId('chart-retention-cohorts')).toBeVisible();

  await page.getByRole('tab', { name: 'People' }).click();
  await waitReady(page);
  await expect(page.getByTestId('sdr-goal')).toHaveValue('2.5');
  await expect(page.getByTestId('sdr-table')).toContainText('2.5');
  expect(params()).toMatchObject({ wr: 'created', by: 'owner', ret: 'logos', goal: '2.5', tab: 'people' });

  // The gap planner starts from the link's rates: opportunities needed = gap / (0.5 x 40,000), leads = that / 10%.
  await page.getByRole('tab', { name: 'Attainment' }).click();
  await waitReady(page);
  await expect(page.getByTestId('planner-win-rate')).toHaveValue('50');
  await expect(page.getByTestId('planner-deal-size')).toHaveValue('40000');
  await expect(page.getByTestId('planner-conversion')).toHaveValue('10');
  const gap = (await kpiValue(page, 'forecast_gap'))!;
  const opportunities = Math.ceil(gap / (0.5 * 40000));
  await expect(page.getByTestId('planner-opportunities')).toHaveAttribute('data-value', String(opportunities));
  await expect(page.getByTestId('planner-leads')).toHaveAttribute('data-value', String(Math.ceil(opportunities / 0.1)));
  // Trying another rate replaces the link's value without a history entry per keystroke.
  const depth = await page.evaluate(() => history.length);
  await page.getByTestId('planner-win-rate').fill('25');
  await expect.poll(() => params().pwin).toBe('25');
  expect(await page.evaluate(() => history.length)).toBe(depth);
  await page.getByRole('button', { name: 'Today’s rates' }).click();
  await expect.poll(() => params().pwin).toBeUndefined();
  expect(params()).not.toHaveProperty('psize');

  // Choosing back the defaults takes the keys out of the link.
  await page.getByRole('tab', { name: 'People' }).click();
  await waitReady(page);
  await page.getByTestId('sdr-goal').fill('4');
  await page.getByTestId('sdr-goal').press('Enter');
  await waitReady(page);
  await page.getByRole('tab', { name: 'New business' }).click();
  await waitReady(page);
  await page.getByText('Deals closed in the period').click();
  await waitReady(page);
  await expect(page.getByTestId('chart-win-rate')).toContainText('Win rate by month');
  await expect(page.locator('[data-kpi]').nth(2)).toHaveAttribute('data-kpi', 'win_rate');
  expect(params()).not.toHaveProperty('wr');
  expect(params()).not.toHaveProperty('goal');
  expect(params()).toMatchObject({ by: 'owner', ret: 'logos' });
});
