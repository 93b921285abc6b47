// Drill-down and sharing (issue 5): chart clicks filter the dashboard and the URL, tiles open the
// rows behind them (which add up to the tile), downloads produce files.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dropFiles, kpiValue, MAVEN, openApp, pickFiles, waitReady } from './helpers';
import { mavenFigures } from './maven';

test('clicking an owner bar filters the dashboard and the URL; the chip removes it', async ({ page }) => {
  await openApp(page, 'v=1&tab=new_business');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  const bar = page.locator('[data-testid="chart-owners"] [data-action="owner:Darcel Schlecht"]');
  await bar.click();
  await waitReady(page);
  expect(new URL(page.url()).searchParams.get('owner')).toBe('Darcel Schlecht');
  const darcel = mavenFigures('2017-01-01', '2017-12-31', ['Darcel Schlecht']);
  expect(await kpiValue(page, 'won_deals')).toBe(darcel.won);
  await expect(page.getByTestId('filter-chip')).toContainText('Darcel Schlecht');
  await page.getByTestId('filter-chip').getByRole('button').click();
  await waitReady(page);
  expect(await kpiValue(page, 'won_deals')).toBe(4238);
});

test('clicking a month narrows the range to it', async ({ page }) => {
  await openApp(page, 'v=1&tab=new_business');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await page.locator('[data-testid="chart-bookings"] [data-action="range:2017-06-01:2017-06-30"]').click();
  await waitReady(page);
  const url = new URL(page.url());
  expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['2017-06-01', '2017-06-30']);
  expect(await kpiValue(page, 'won_deals')).toBe(mavenFigures('2017-06-01', '2017-06-30').won);
});

test('the multi-select filter bar filters by owner', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await page.getByTestId('filter-owner').locator('summary').click();
  await page.getByTestId('filter-owner').getByLabel('Vicki Laflamme').check();
  await waitReady(page);
  expect(await kpiValue(page, 'won_deals')).toBe(mavenFigures('2017-01-01', '2017-12-31', ['Vicki Laflamme']).won);
  expect(new URL(page.url()).searchParams.get('owner')).toBe('Vicki Laflamme');
});

test('the rows behind a tile add up to it, and download as CSV', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await page.locator('[data-kpi="new_bookings"]').getByTestId('open-rows').click();
  await waitReady(page);
  const table = page.getByTestId('rows-table');
  await expect(table).toHaveAttribute('data-rows', '4238');
  const download = page.waitForEvent('download');
  await table.getByTestId('download-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('new_bookings-numerator.csv');
  const csv = readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  const header = csv[0].split(',');
  const amount = header.indexOf('amount');
  // The Maven file has no commas inside values: a plain split reads it.
  const total = csv.slice(1).reduce((s, line) => s + Number(line.split(',')[amount]), 0);
  expect(csv.length - 1).toBe(4238);
  expect(total).toBe(await kpiValue(page, 'new_bookings'));
  // On screen the canonical fields are named from the catalog (the CSV keeps raw names, to read back in).
  const headers = table.locator('thead th');
  await expect(table.locator('th[data-column="amount"]')).toHaveText('Amount');
  await expect(table.locator('th[data-column="close_date"]')).toHaveText('Close date');
  await expect(table.locator('th[data-column="opportunity_id"]')).toHaveText('Opportunity ID');
  await expect(headers.filter({ hasText: /^[a-z]+_[a-z_]+$/ })).toHaveCount(0);
  await page.getByLabel('Language').selectOption('zh-CN');
  await waitReady(page);
  await expect(table.locator('th[data-column="amount"]')).toHaveText('金额');
  await expect(table.locator('th[data-column="close_date"]')).toHaveText('结单日期');
  await page.getByLabel('语言').selectOption('en');
  await waitReady(page);

  // Sorted by amount, largest first (the second click): the largest amount of the CSV heads the table.
  const largest = Math.max(...csv.slice(1).map((line) => Number(line.split(',')[amount])));
  await table.locator('th[data-column="amount"] button').click();
  await waitReady(page);
  await table.locator('th[data-column="amount"] button').click();
  await waitReady(page);
  await expect(table.locator('th[data-column="amount"]')).toHaveAttribute('aria-sort', 'descending');
  const amountAt = await table.locator('thead th').evaluateAll((ths) => ths.findIndex((th) => th.getAttribute('data-column') === 'amount'));
  expect(Number(await table.locator('tbody tr:not([aria-hidden]) >> nth=0').locator('td').nth(amountAt).innerText())).toBe(largest);
  await expect(table).toHaveAttribute('data-rows', '4238');

  // A ratio opens its numerator and its denominator.
  await page.locator('[data-kpi="win_rate"]').getByTestId('open-rows').click();
  await waitReady(page);
  await expect(page.getByTestId('rows-table')).toHaveAttribute('data-rows', '4238');
  await page.getByRole('button', { name: 'Out of' }).click();
  await waitReady(page);
  await expect(page.getByTestId('rows-table')).toHaveAttribute('data-rows', String(4238 + 2473));
});

test('charts download as SVG and PNG', async ({ page }) => {
  await openApp(page, 'v=1&tab=new_business');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  const chart = page.getByTestId('chart-bookings');
  const svg = page.waitForEvent('download');
  await chart.getByTestId('download-svg').click();
  const svgFile = await svg;
  expect(svgFile.suggestedFilename()).toBe('chart-bookings.svg');
  expect(readFileSync(await svgFile.path(), 'utf8')).toContain('<svg');
  const png = page.waitForEvent('download');
  await chart.getByTestId('download-png').click();
  const pngFile = await png;
  expect(pngFile.suggestedFilename()).toBe('chart-bookings.png');
  expect([...readFileSync(await pngFile.path()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
});

test('the rows table stays light with 100,000 rows: the first 10,000 held, only the rows in view in the page', async ({ page }) => {
  const lines = ['opportunity_id,created_at,stage,amount,close_date,owner'];
  for (let i = 0; i < 100_000; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`O${i},2024-03-${day},${i % 3 ? 'Closed Won' : 'Closed Lost'},${i % 1000},2024-04-${day},Rep ${i % 40}`);
  }
  await openApp(page, 'v=1&from=2024-03-01&to=2024-03-31');
  await page.getByTestId('file-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await waitReady(page);
  await page.locator('[data-kpi="pipeline_created_amount"]').getByTestId('open-rows').click();
  await waitReady(page);
  const table = page.getByTestId('rows-table');
  await expect(table).toHaveAttribute('data-rows', '10000');
  await expect(table).toHaveAttribute('data-total', '100000');
  expect(await table.locator('tbody tr').count()).toBeLessThan(60);
  // Sorting orders all 100,000 (in text order, as JS sorts these ASCII ids) and the first 10,000 are
  // held: scrolling to the end shows the 10,000th without rendering the rest.
  const ids = Array.from({ length: 100_000 }, (_, i) => `O${i}`).sort();
  await table.getByRole('button', { name: 'Opportunity ID' }).click();
  await waitReady(page);
  await table.locator('.scroller').evaluate((el) => { el.scrollTop = el.scrollHeight; el.dispatchEvent(new Event('scroll')); });
  await expect(table.locator('tbody td', { hasText: new RegExp(`^${ids[9_999]}$`) })).toHaveCount(1);
  expect(await table.locator('tbody tr').count()).toBeLessThan(60);
  // Descending, the last id of all comes first.
  await table.getByRole('button', { name: /Opportunity ID/ }).click();
  await waitReady(page);
  await table.locator('.scroller').evaluate((el) => { el.scrollTop = 0; el.dispatchEvent(new Event('scroll')); });
  await expect(table.locator('tbody tr:not([aria-hidden]) >> nth=0')).toContainText(ids[99_999]);
});

test('an extra column of the file filters the dashboard, and the link keeps it', async ({ page }) => {
  const text = 'opportunity_id,created_at,stage,amount,close_date,Partner Tier\nA,2024-01-02,Closed Won,100,2024-02-01,Gold\nB,2024-01-03,Closed Won,50,2024-02-02,Silver\nC,2024-01-04,Closed Won,20,2024-02-03,Gold\n';
  await openApp(page, 'v=1&from=2024-01-01&to=2024-12-31');
  await page.getByTestId('file-input').setInputFiles({ name: 'tiers.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await waitReady(page);
  await page.getByTestId('filter-x_partner_tier').locator('summary').click();
  await page.getByTestId('filter-x_partner_tier').getByLabel('Gold').check();
  await waitReady(page);
  expect(await kpiValue(page, 'won_deals')).toBe(2);
  expect(new URL(page.url()).searchParams.get('x.partner_tier')).toBe('Gold');
  await expect(page.getByTestId('filter-chip')).toContainText('Partner Tier: Gold');
});

test('a tile over more rows than the drawer holds: the first 10,000 shown, sorted and downloaded over all of them', async ({ page }) => {
  // 12,000 deals won in one quarter; amounts 1,000 + (i × 37 mod 9,000): every value from 1,000 to 9,999 occurs.
  const n = 12_000;
  const lines = ['Opportunity ID,Account Name,Stage,Amount,Created Date,Close Date'];
  for (let i = 0; i < n; i++) lines.push(`D${String(i).padStart(5, '0')},Acct ${i % 300},Closed Won,${1000 + ((i * 37) % 9000)},2023-12-01,2024-0${1 + (i % 3)}-15`);
  await openApp(page);
  await dropFiles(page, [{ name: 'many.csv', text: `${lines.join('\n')}\n` }]);
  await waitReady(page);
  expect(await kpiValue(page, 'won_deals')).toBe(n);
  await page.locator('[data-kpi="new_bookings"]').getByTestId('open-rows').click();
  await waitReady(page);
  const table = page.getByTestId('rows-table');
  await expect(table).toHaveAttribute('data-rows', '10000');
  await expect(table).toHaveAttribute('data-total', '12000');
  await expect(table).toContainText('The first 10,000 of 12,000 rows');
  // Sorting orders all 12,000, not the 10,000 shown: ascending, then descending.
  const amountHeader = table.locator('th[data-column="amount"] button');
  const firstAmount = async () => {
    const column = await table.locator('thead th').evaluateAll((ths) => ths.findIndex((th) => th.getAttribute('data-column') === 'amount'));
    return table.locator('tbody tr:not([aria-hidden]) >> nth=0').locator('td').nth(column).innerText();
  };
  await amountHeader.click();
  await waitReady(page);
  expect(await firstAmount()).toBe('1000');
  await amountHeader.click();
  await waitReady(page);
  expect(await firstAmount()).toBe('9999');
  const download = page.waitForEvent('download');
  await table.getByTestId('download-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const amount = csv[0].split(',').indexOf('amount');
  expect(csv.length - 1).toBe(n);
  expect(new Set(csv.slice(1).map((line) => line.split(',')[0])).size).toBe(n);
  // In the order shown: the largest amounts first.
  expect(Number(csv[1].split(',')[amount])).toBe(9999);
  expect(Number(csv[n].split(',')[amount])).toBe(1000);
});
