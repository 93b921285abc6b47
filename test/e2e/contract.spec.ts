// The testing contract of DESIGN.md section 6, on the production build served from a sub-path.
import { expect, test } from '@playwright/test';
import { dropFiles, fileText, kpiValue, MAVEN, openApp, pickFiles, waitReady } from './helpers';
import { mavenFigures } from './maven';

test('the page starts empty with a multi-file input', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-state', 'empty');
  await expect(page.locator('input[type="file"][multiple]')).toHaveCount(1);
  await expect(page.getByTestId('load-sample')).toBeVisible();
});

test('dropping the Maven file gives its published figures', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [fileText(MAVEN)]);
  await waitReady(page);
  const dataset = page.getByTestId('dataset');
  await expect(dataset).toHaveAttribute('data-kind', 'opportunities');
  await expect(dataset).toHaveAttribute('data-rows', '8800');
  // The default range is the fiscal year to date of the latest date in the data (2017), which holds every close date.
  await expect(page.getByTestId('range-from')).toHaveValue('2017-01-01');
  await expect(page.getByTestId('range-to')).toHaveValue('2017-12-31');
  expect(await kpiValue(page, 'won_deals')).toBe(4238);
  expect(await kpiValue(page, 'lost_deals')).toBe(2473);
  expect(await kpiValue(page, 'win_rate')).toBeCloseTo(0.6315, 4);
  expect(await kpiValue(page, 'new_bookings')).toBe(10005534);
  await expect(page.locator('[data-kpi="new_bookings"]')).toContainText('10,005,534');
  await expect(page.locator('[data-kpi="win_rate"]')).toContainText('63.2%');
});

test('the engine warms up on the sample unseen, and a file dropped after it gives its own figures', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await openApp(page);
  // The warm-up reads the built-in sample in a database of its own: the page stays empty.
  await page.waitForFunction(() => performance.getEntriesByName('kpi:warm-up').length > 0, null, { timeout: 30_000 });
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-state', 'empty');
  await expect(page.getByTestId('dataset')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await dropFiles(page, [fileText(MAVEN)]);
  await waitReady(page);
  await expect(page.getByTestId('dataset')).toHaveCount(1);
  await expect(page.getByTestId('dataset')).toHaveAttribute('data-rows', '8800');
  const expected = mavenFigures('2017-01-01', '2017-12-31');
  expect(await kpiValue(page, 'won_deals')).toBe(expected.won);
  // The filter values are the Maven file's alone, none of the sample's owners.
  await page.getByTestId('filter-owner').locator('summary').click();
  const owners = await page.getByTestId('filter-owner').getByRole('checkbox').count();
  expect(owners).toBe(new Set(fileText(MAVEN).text.trim().split('\n').slice(1).map((l) => l.split(',')[1])).size);
  expect(errors).toEqual([]);
});

test('every new-business tile is present with a raw value and a formula', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  const expected = mavenFigures('2017-01-01', '2017-12-31');
  for (const id of ['won_deals', 'lost_deals', 'win_rate', 'new_bookings', 'avg_deal_size', 'sales_cycle_days', 'pipeline_created_amount', 'new_customers']) {
    const tile = page.locator(`[data-kpi="${id}"]`);
    await expect(tile).toHaveCount(1);
    expect(await tile.getAttribute('data-value')).toMatch(/^-?\d+(\.\d+)?(e-?\d+)?$/);
    await tile.getByRole('button', { name: /^Formula/ }).focus();
    await expect(tile.getByRole('tooltip')).toBeVisible();
  }
  expect(await kpiValue(page, 'avg_deal_size')).toBeCloseTo(expected.bookings / expected.won, 6);
  expect(await kpiValue(page, 'pipeline_created_amount')).toBe(expected.pipelineCreated);
  await page.getByRole('tab', { name: 'New business' }).click();
  await waitReady(page);
  await expect(page.getByTestId('chart-bookings').locator('svg rect')).not.toHaveCount(0);
  await expect(page.getByTestId('chart-owners').locator('svg')).toBeVisible();
});

test('a bad file gets a specific alert and the data already loaded stays', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await dropFiles(page, [{ name: 'tickets.csv', text: 'ticket_id,priority\nT1,high\n' }, { name: 'empty.csv', text: '' }]);
  await waitReady(page);
  const alerts = page.getByRole('alert');
  await expect(alerts.filter({ hasText: 'tickets.csv' })).toContainText('not recognised');
  await expect(alerts.filter({ hasText: 'empty.csv' })).toContainText('empty');
  await expect(page.getByTestId('dataset')).toHaveCount(1);
  expect(await kpiValue(page, 'won_deals')).toBe(4238);
});

test('a bad file on an empty page sets the error state, and a good file recovers', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [{ name: 'notes.csv', text: 'a,b\n1,2\n' }]);
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert')).toContainText('notes.csv');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  expect(await kpiValue(page, 'won_deals')).toBe(4238);
});

test('a view change passes through loading to ready with the new values', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  const states: string[] = [];
  await page.exposeFunction('recordState', (s: string) => states.push(s));
  await page.evaluate(() => {
    const root = document.querySelector('[data-testid="dashboard"]')!;
    new MutationObserver(() => (window as unknown as { recordState: (s: string) => void }).recordState(root.getAttribute('data-state')!)).observe(root, { attributes: true, attributeFilter: ['data-state'] });
  });
  await page.getByTestId('range-from').fill('2017-04-01');
  await waitReady(page);
  expect(states).toContain('loading');
  expect(states.at(-1)).toBe('ready');
  expect(await kpiValue(page, 'won_deals')).toBe(mavenFigures('2017-04-01', '2017-12-31').won);
  expect(page.url()).toContain('from=2017-04-01');
});
