// The built-in sample data loads every kind, and nothing ever leaves the page's origin.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openApp, waitReady, watchRequests } from './helpers';

const SAMPLES = fileURLToPath(new URL('../../public/samples/', import.meta.url));
const KINDS: Record<string, string> = {
  'opportunities.csv': 'opportunities', 'leads.csv': 'leads', 'revenue.csv': 'revenue', 'reps.csv': 'reps', 'targets.csv': 'targets',
};

test('"Try the sample data" loads all five sample files with every row', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('load-sample').click();
  await waitReady(page);
  for (const [file, kind] of Object.entries(KINDS)) {
    const rows = readFileSync(`${SAMPLES}${file}`, 'utf8').trimEnd().split('\n').length - 1;
    await expect(page.locator(`[data-testid="dataset"][data-kind="${kind}"]`)).toHaveAttribute('data-rows', String(rows));
  }
  // The sample's as-of date is 2026-06-30: the default view is 2026 to date.
  await expect(page.getByTestId('range-from')).toHaveValue('2026-01-01');
  await expect(page.getByTestId('range-to')).toHaveValue('2026-06-30');
  await expect(page.locator('[data-kpi="new_bookings"]')).toContainText('$');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('no request leaves the page origin, from first load through every view change', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const watch = watchRequests(page, origin);
  await openApp(page);
  await page.getByTestId('load-sample').click();
  await waitReady(page);
  for (const grain of ['Week', 'Quarter', 'Year', 'Month']) {
    await page.getByText(grain, { exact: true }).click();
    await waitReady(page);
  }
  await page.getByLabel('Language').selectOption('zh-CN');
  await waitReady(page);
  for (const tab of ['leads', 'pipeline', 'new_business', 'existing', 'attainment', 'people', 'overview']) {
    await page.locator(`[role="tab"][data-tab="${tab}"]`).click();
    await waitReady(page);
  }
  await page.locator('[data-kpi="won_deals"]').getByTestId('open-rows').click();
  await waitReady(page);
  // Filters, the comparison, the as-of date, the mapping screen, downloads and Copy link.
  await page.getByLabel('语言').selectOption('en');
  await waitReady(page);
  await page.getByTestId('comparison').selectOption('yoy');
  await waitReady(page);
  await page.getByTestId('filter-segment').locator('summary').click();
  await page.getByTestId('filter-segment').getByRole('checkbox').first().check();
  await waitReady(page);
  await page.getByTestId('as-of').fill('2026-03-31');
  await waitReady(page);
  await page.locator('.mapping-toggle').first().click();
  await expect(page.getByTestId('mapping-panel')).toBeVisible();
  await page.locator('[role="tab"][data-tab="new_business"]').click();
  await waitReady(page);
  for (const format of ['svg', 'png']) {
    const download = page.waitForEvent('download');
    await page.getByTestId(`download-${format}`).first().click();
    await download;
  }
  await page.getByTestId('copy-link').click();
  // The link holds the view and the filter value chosen, nothing from the files beyond a checksum.
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  const chosen = await page.getByTestId('filter-chip').first().textContent();
  expect([...link.searchParams.keys()].sort()).toEqual(['asof', 'cmp', 'd', 'lang', 'segment', 'tab', 'v']);
  expect(chosen).toContain(link.searchParams.get('segment'));
  expect(link.searchParams.get('d')).toMatch(/^[0-9a-z]{1,12}$/);
  await expect(page.getByTestId('copy-link')).toHaveAttribute('title', /never holds your data/);
  await expect(page.locator('footer')).toContainText('Your data stays in this browser');
  await expect(page.locator('footer')).toContainText('Nothing is stored on this device except column mappings you correct');
  expect(watch.requests.length).toBeGreaterThan(3);
  expect(watch.foreign()).toEqual([]);
  // Nothing is stored on the device unless the user corrects a mapping.
  expect(await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie }))).toEqual({ local: 0, session: 0, cookies: '' });
});

test('the Content-Security-Policy stops requests to another origin, from the page and from DuckDB\'s worker', async ({ page }) => {
  // A second origin that would answer anyone (CORS open) and counts what reaches it.
  let hits = 0;
  const other = createServer((_, res) => {
    hits++;
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }).end('leaked');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/x.csv`;
  try {
    await openApp(page);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:|\*/);
    const violations = page.evaluate(() => new Promise<string>((resolve) => addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true })));
    const fromPage = await page.evaluate((u) => fetch(u).then((r) => r.text(), (e) => `blocked: ${e}`), url);
    expect(fromPage).toMatch(/^blocked/);
    expect(await violations).toBe('connect-src');

    // DuckDB's worker inherits the page's policy: the same request from inside it is blocked too.
    await page.getByTestId('load-sample').click();
    await waitReady(page);
    const workers = page.workers();
    expect(workers.length).toBeGreaterThan(0);
    for (const worker of workers) {
      const fromWorker = await worker.evaluate((u) => fetch(u).then((r) => r.text(), (e) => `blocked: ${e}`), url);
      expect(fromWorker).toMatch(/^blocked/);
    }
    expect(hits).toBe(0);
    // The check itself can fail: the same server answers a request made outside the page.
    expect(await (await fetch(url)).text()).toBe('leaked');
    expect(hits).toBe(1);
  } finally {
    other.close();
  }
});

test('the empty page says what each kind of file unlocks, in both languages, and offers the sample data', async ({ page }) => {
  const kinds = ['opportunities', 'leads', 'stage_history', 'revenue', 'reps', 'targets'];
  for (const [lang, title, unlock] of [
    ['en', 'Drop your CRM exports to start', { revenue: 'NRR/GRR', reps: 'SDR ROI', leads: 'SDR capacity' }],
    ['zh-CN', '拖入 CRM 导出文件即可开始', { revenue: 'NRR/GRR', reps: 'SDR 投资回报', leads: 'SDR 产能' }],
  ] as const) {
    await openApp(page, `v=1&lang=${lang}`);
    const empty = page.getByTestId('empty-state');
    await expect(empty.getByRole('heading')).toHaveText(title);
    await expect(empty.locator('li[data-kind]')).toHaveCount(kinds.length);
    for (const kind of kinds) await expect(empty.locator(`li[data-kind="${kind}"]`)).toHaveText(/\S.{40,}/);
    for (const [kind, text] of Object.entries(unlock)) await expect(empty.locator(`li[data-kind="${kind}"]`)).toContainText(text);
    // Every sample file is linked beside its kind (there is no stage-history sample).
    await expect(empty.locator('li a[download]')).toHaveCount(5);
  }
  await page.getByTestId('empty-load-sample').click();
  await waitReady(page);
  await expect(page.getByTestId('empty-state')).toHaveCount(0);
  await expect(page.getByTestId('dataset')).toHaveCount(5);
});
