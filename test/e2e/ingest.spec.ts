// Real exports in the browser: encodings, the mapping screen, shared mappings, replace or append.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gb18030, utf16le, windows1252 } from '../support/encoders';
import { dropFiles, kpiValue, MAVEN, openApp, pickFiles, waitReady } from './helpers';

const CRM = fileURLToPath(new URL('../fixtures/crm/', import.meta.url));
const text = (name: string) => readFileSync(`${CRM}${name}`, 'utf8');
// test/fixtures/crm deals, whole span: 6 won (D1 D2 D3 D7 D8 D10), 2 lost (D4 D5).
const RANGE = 'v=1&from=2023-01-01&to=2024-12-31';

test('a GB18030 Chinese CRM export and a UTF-16 Excel "Unicode text" export load without help', async ({ page }) => {
  await openApp(page, RANGE);
  await dropFiles(page, [{ name: '商机.csv', bytes: gb18030(text('chinese.csv').replaceAll('¥', '￥')) }]);
  await waitReady(page);
  await expect(page.getByTestId('dataset')).toHaveAttribute('data-kind', 'opportunities');
  await expect(page.getByTestId('dataset')).toHaveAttribute('data-rows', '10');
  expect(await kpiValue(page, 'won_deals')).toBe(6);
  expect(await kpiValue(page, 'lost_deals')).toBe(2);
  await page.getByRole('button', { name: 'Remove 商机.csv' }).click();
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-state', /empty|ready/);

  const tsv = text('salesforce.csv').replaceAll('","', '"\t"');
  await dropFiles(page, [{ name: 'report.txt', bytes: utf16le(tsv) }]);
  await waitReady(page);
  expect(await kpiValue(page, 'won_deals')).toBe(6);
  await expect(page.locator('[data-kpi="new_bookings"]')).toContainText('$');
});

test('the mapping screen completes a file missing a column; the link carries the mapping', async ({ page, browser }) => {
  const deals = 'opportunity_id,created_date,status_text,amount,won_on\nA,2024-01-02,Won,100,03/02/2024\nB,2024-01-05,Lost,50,04/02/2024\nC,2024-01-09,Won,70,13/02/2024\n';
  await openApp(page, 'v=1&from=2024-01-01&to=2024-12-31');
  await dropFiles(page, [{ name: 'deals.csv', text: deals }]);
  await expect(page.getByTestId('dataset-unmapped')).toHaveAttribute('data-kind', 'opportunities');
  await expect(page.getByRole('alert').filter({ hasText: 'deals.csv' })).toContainText('no column for: Stage');
  const panel = page.getByTestId('mapping-panel');
  await expect(panel).toBeVisible();
  await panel.locator('tr[data-field="stage"] select').selectOption('status_text');
  await waitReady(page);
  await expect(page.getByTestId('dataset')).toHaveAttribute('data-rows', '3');
  // Without close dates no deal has closed in the range yet.
  expect(await kpiValue(page, 'won_deals')).toBe(0);
  expect(await kpiValue(page, 'pipeline_created_amount')).toBe(220);
  await panel.locator('tr[data-field="close_date"] select').first().selectOption('won_on');
  await waitReady(page);
  // "13/02/2024" proves the column day-first, so "03/02/2024" is 3 February.
  await expect(panel.locator('tr[data-field="close_date"] td').nth(2).locator('select')).toHaveValue('%d/%m/%Y');
  expect(await kpiValue(page, 'won_deals')).toBe(2);
  expect(await kpiValue(page, 'sales_cycle_days')).toBe(33.5); // A: Jan 2 -> Feb 3 = 32 days; C: Jan 9 -> Feb 13 = 35
  const url = page.url();
  expect(new URL(url).searchParams.get('map')).toMatch(/~o~stage\.2~close_date\.4$/);

  // A colleague opens the link and drops the same export: same mapping, same numbers, no clicks.
  const other = await browser.newPage();
  await other.goto(url);
  await dropFiles(other, [{ name: 'deals.csv', text: deals }]);
  await waitReady(other);
  await expect(other.getByTestId('dataset')).toHaveAttribute('data-kind', 'opportunities');
  expect(await kpiValue(other, 'won_deals')).toBe(2);
  expect(await kpiValue(other, 'sales_cycle_days')).toBe(await kpiValue(page, 'sales_cycle_days'));
  await other.close();
});

test('re-dropping an export replaces it; one click keeps both instead', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await expect(page.getByTestId('dataset')).toHaveCount(1);
  expect(await kpiValue(page, 'won_deals')).toBe(4238);
  const prompt = page.getByRole('alert').filter({ hasText: 'replaced' });
  await prompt.getByRole('button', { name: 'Keep both instead' }).click();
  await waitReady(page);
  await expect(page.getByTestId('dataset')).toHaveCount(2);
  expect(await kpiValue(page, 'won_deals')).toBe(2 * 4238);
  await expect(page.getByRole('alert').filter({ hasText: 'more than once' })).toHaveCount(1);
});

test('a different file of the same kind is added, with the choice to replace', async ({ page }) => {
  await openApp(page, RANGE);
  await dropFiles(page, [{ name: 'hubspot.csv', text: text('hubspot.csv') }]);
  await waitReady(page);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  await expect(page.getByTestId('dataset')).toHaveCount(2);
  const prompt = page.getByRole('alert').filter({ hasText: 'was added' });
  await prompt.getByRole('button', { name: 'Replace those instead' }).click();
  await waitReady(page);
  await expect(page.getByTestId('dataset')).toHaveCount(1);
  await expect(page.getByTestId('dataset')).toHaveAttribute('data-rows', '8800');
});

test('files dropped while one is loading wait for it: all load, nothing is refused', async ({ page }) => {
  await openApp(page, RANGE);
  await pickFiles(page, [MAVEN]);
  // The next drops come while the first file is being read.
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-state', 'loading');
  await dropFiles(page, [{ name: 'hubspot.csv', text: text('hubspot.csv') }]);
  await dropFiles(page, [{ name: 'leads.csv', text: 'lead_id,created_at,status,owner\nL1,2024-01-03,Qualified,Ann\nL2,2024-02-03,New,Bo\n' }]);
  await waitReady(page);
  await expect(page.locator('.alert:not(.notice)')).toHaveCount(0);
  const rows = await page.getByTestId('dataset').evaluateAll((els) => els.map((e) => e.getAttribute('data-rows')));
  expect(rows).toEqual(['8800', String(text('hubspot.csv').trim().split('\n').length - 1), '2']);
});

test('ragged rows and unreadable values are counted in specific messages', async ({ page }) => {
  await openApp(page, 'v=1&from=2024-01-01&to=2024-12-31');
  const ragged = 'opportunity_id,created_at,stage,amount,close_date\nA,2024-01-01,Won,1,2024-02-01\nB,2024-01-02,Won\nC,2024-01-03,Won,3,TBD\n';
  await dropFiles(page, [{ name: 'ragged.csv', text: ragged }]);
  await waitReady(page);
  await expect(page.getByTestId('dataset')).toHaveAttribute('data-rows', '2');
  await expect(page.getByRole('alert').filter({ hasText: '“ragged.csv” that could not be read and are not counted: 1' })).toContainText('too few fields');
  await expect(page.getByRole('alert').filter({ hasText: '“TBD”' })).toContainText('close_date');
});

test('a corrected mapping is remembered on this device until the user forgets it', async ({ page }) => {
  const deals = 'opportunity_id,created_date,status_text,amount,close_date\nA,2024-01-02,Won,100,2024-02-01\n';
  await openApp(page);
  await dropFiles(page, [{ name: 'deals.csv', text: deals }]);
  await page.getByTestId('mapping-panel').locator('tr[data-field="stage"] select').selectOption('status_text');
  await waitReady(page);
  // A fresh page without the link's mapping: the device remembers it.
  await openApp(page);
  await dropFiles(page, [{ name: 'deals.csv', text: deals }]);
  await waitReady(page);
  await expect(page.getByTestId('dataset')).toHaveAttribute('data-kind', 'opportunities');
  await page.getByRole('button', { name: 'Mapping' }).click();
  await page.getByRole('button', { name: 'Forget remembered mappings' }).click();
  expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);
  await openApp(page);
  await dropFiles(page, [{ name: 'deals.csv', text: deals }]);
  await expect(page.getByTestId('dataset-unmapped')).toHaveCount(1);
});

test('an export without IDs loads at once; a guessed day/month order is shown and flipped in one click', async ({ page }) => {
  await openApp(page, 'v=1&from=2024-01-01&to=2024-12-31');
  // Every day is 12 or less: month-first is a guess. A: Jan 2 -> Feb 3 = 32 days; B: Jan 3 -> Mar 4 = 31 + 30 = 61.
  const deals = 'Deal - Title,Deal - Value,Deal - Status,Deal - Deal created,Deal - Won time\nA,100,won,01/02/2024,02/03/2024\nB,50,won,01/03/2024,03/04/2024\n';
  await dropFiles(page, [{ name: 'pipedrive.csv', text: deals }]);
  await waitReady(page);
  const entry = page.getByTestId('dataset');
  await expect(entry).toHaveAttribute('data-kind', 'opportunities');
  await expect(entry.getByTestId('day-order-notice')).toContainText('Deal - Won time');
  expect(await kpiValue(page, 'sales_cycle_days')).toBe(46.5); // (32 + 61) / 2
  // A guessed order needs the user's eye: the file's mapping section is open without a click.
  await expect(entry.getByRole('button', { name: 'Mapping' })).toHaveAttribute('aria-expanded', 'true');
  const panel = page.getByTestId('mapping-panel');
  await expect(panel.locator('tr[data-field="opportunity_id"]').getByTestId('generated-id')).toContainText('f1-r1');
  await panel.locator('tr[data-field="won_at"]').getByTestId('flip-day-month').click();
  await waitReady(page);
  // Won times day-first: A Jan 2 -> Mar 2 = 31 + 29 = 60 days; B Jan 3 -> Apr 3 = 31 + 29 + 31 = 91.
  expect(await kpiValue(page, 'sales_cycle_days')).toBe(75.5); // (60 + 91) / 2
  await expect(panel.locator('tr[data-field="won_at"]').getByTestId('flip-day-month')).toHaveCount(0);
  await expect(entry.getByTestId('day-order-notice')).not.toContainText('Deal - Won time');
});

test('an export no kind recognises can be mapped by hand in the mapping screen', async ({ page }) => {
  const odd = 'Ref,Opened,Phase,Value,Shut\nR1,2024-01-03,Closed Won,700,2024-02-10\nR2,2024-01-04,Closed Lost,300,2024-02-11\nR3,2024-01-05,Closed Won,200,2024-03-01\n';
  await openApp(page, 'v=1&from=2024-01-01&to=2024-12-31');
  await dropFiles(page, [{ name: 'odd.csv', text: odd }]);
  await expect(page.getByRole('alert').filter({ hasText: '“odd.csv” was not recognised' })).toContainText('mapping screen');
  await expect(page.getByTestId('dataset-unmapped')).toHaveCount(1);
  const panel = page.getByTestId('mapping-panel');
  await expect(panel).toBeVisible();
  await panel.getByTestId('mapping-kind').selectOption('opportunities');
  for (const [field, column] of [['created_at', 'Opened'], ['stage', 'Phase'], ['amount', 'Value'], ['close_date', 'Shut']]) {
    await panel.locator(`tr[data-field="${field}"] select`).first().selectOption(column);
  }
  await waitReady(page);
  await expect(page.getByTestId('dataset')).toHaveAttribute('data-rows', '3');
  await expect(page.getByRole('alert').filter({ hasText: 'was not recognised' })).toHaveCount(0);
  expect(await kpiValue(page, 'won_deals')).toBe(2);
  expect(await kpiValue(page, 'new_bookings')).toBe(900); // R1 700 + R3 200
});

test('files dropped together: those needing attention open their mapping sections, a clean one stays one line', async ({ page }) => {
  await openApp(page, 'v=1&from=2024-01-01&to=2024-12-31');
  const header = 'opportunity_id,created_at,stage,amount,close_date\n';
  await dropFiles(page, [
    { name: 'clean.csv', text: `${header}A,2024-01-02,Closed Won,100,2024-02-20\nB,2024-01-03,Closed Lost,50,2024-02-21\n` },
    { name: 'ragged.csv', text: `${header}C,2024-01-04,Closed Won,70,2024-02-22\nD,2024-01-05,Closed Lost\n` },
    { name: 'missing.csv', text: 'opportunity_id,created_at,amount\nE,2024-01-06,10\n' },
  ]);
  await waitReady(page);
  const entry = (name: string) => page.locator('.dataset').filter({ hasText: name });
  await expect(entry('clean.csv').getByRole('button', { name: 'Mapping' })).toHaveAttribute('aria-expanded', 'false');
  await expect(entry('ragged.csv').getByRole('button', { name: 'Mapping' })).toHaveAttribute('aria-expanded', 'true');
  await expect(entry('missing.csv').getByRole('button', { name: 'Mapping' })).toHaveAttribute('aria-expanded', 'true');
  const panels = page.getByTestId('mapping-panel');
  await expect(panels).toHaveCount(2);
  await expect(panels.filter({ hasText: 'ragged.csv' })).toContainText('D,2024-01-05,Closed Lost');
  await expect(panels.filter({ hasText: 'missing.csv' }).locator('tr.missing[data-field="stage"]')).toHaveCount(1);
  // Won A 100 + C 70; D's row was rejected and missing.csv waits for its stage.
  expect(await kpiValue(page, 'new_bookings')).toBe(170);
  await panels.filter({ hasText: 'ragged.csv' }).getByRole('button', { name: 'Close' }).click();
  await expect(panels).toHaveCount(1);
});

test('the encoding picked in the mapping screen goes into the link and is remembered on the device', async ({ page, browser }) => {
  // Windows-1252 "Müßig": ü and ß side by side read as one GB18030 character, so detection says GB18030.
  const bytes = windows1252('opportunity_id,account_name,created_at,stage,amount,close_date\nA,Müßig GmbH,2024-01-02,Closed Won,100,2024-02-01\nB,Acme,2024-01-03,Closed Won,50,2024-02-02\n');
  await openApp(page, 'v=1&from=2024-01-01&to=2024-12-31');
  await dropFiles(page, [{ name: 'latin.csv', bytes }]);
  await waitReady(page);
  await page.getByRole('button', { name: 'Mapping' }).click();
  const panel = page.getByTestId('mapping-panel');
  await expect(panel.getByTestId('mapping-encoding')).toHaveValue('gb18030');
  await expect(panel.locator('tr[data-field="account_name"]')).not.toContainText('Müßig GmbH');
  await panel.getByTestId('mapping-encoding').selectOption('windows-1252');
  await waitReady(page);
  await expect(panel.locator('tr[data-field="account_name"]')).toContainText('Müßig GmbH');
  const url = page.url();
  expect(new URL(url).searchParams.get('map')).toMatch(/~o~enc\.w1252$/);

  // A colleague opens the link and drops the same export: read as Windows-1252 at once.
  const other = await browser.newPage();
  await other.goto(url);
  await dropFiles(other, [{ name: 'latin.csv', bytes }]);
  await waitReady(other);
  expect(await kpiValue(other, 'pipeline_created_amount')).toBe(150); // created in 2024: 100 + 50
  await other.getByRole('button', { name: 'Mapping' }).click();
  await expect(other.getByTestId('mapping-encoding')).toHaveValue('windows-1252');
  await expect(other.getByTestId('mapping-panel').locator('tr[data-field="account_name"]')).toContainText('Müßig GmbH');
  await other.close();

  // The same device without the link remembers it.
  await openApp(page);
  await dropFiles(page, [{ name: 'latin.csv', bytes }]);
  await waitReady(page);
  await page.getByRole('button', { name: 'Mapping' }).click();
  await expect(page.getByTestId('mapping-encoding')).toHaveValue('windows-1252');
});
