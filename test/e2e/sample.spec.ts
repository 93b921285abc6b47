// The built-in sample data loads every kind, and nothing ever leaves the page's origin.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
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
  expect(watch.requests.length).toBeGreaterThan(3);
  expect(watch.foreign()).toEqual([]);
  // Nothing is stored on the device unless the user corrects a mapping.
  expect(await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookies: document.cookie }))).toEqual({ local: 0, session: 0, cookies: '' });
});

test('the built page carries a Content-Security-Policy that allows only its own origin', async ({ page }) => {
  await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toMatch(/https?:|\*/);
  // A request to another origin is blocked by the page itself.
  const blocked = await page.evaluate(() => fetch('http://example.invalid/x').then(() => 'sent', (e) => String(e)));
  expect(blocked).not.toBe('sent');
});
