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
  expect(watch.requests.length).toBeGreaterThan(3);
  expect(watch.foreign()).toEqual([]);
});
