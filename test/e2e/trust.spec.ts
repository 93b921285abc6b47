// Trust (issue 7): hostile and broken files each get their message, nothing executes, no request
// leaves the page's origin, and the KPIs of the data loaded before are unchanged.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { hostileCorpus, markupFile } from '../../scripts/hostile-corpus.mjs';
import { dropFiles, kpiValue, MAVEN, openApp, pickFiles, waitReady, watchRequests } from './helpers';

type Entry = { name: string; bytes: Uint8Array; alert: RegExp | null; rows?: number };
const KPIS = ['won_deals', 'lost_deals', 'win_rate', 'new_bookings', 'pipeline_created_amount'];

async function guard(page: import('@playwright/test').Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const violations: string[] = [];
  page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  return { dialogs, violations };
}

test('every hostile or broken file gets its own message and the data loaded before is untouched', async ({ page, baseURL }) => {
  const watch = watchRequests(page, new URL(baseURL!).origin);
  const { dialogs, violations } = await guard(page);
  await openApp(page, 'v=1&from=2016-01-01&to=2017-12-31');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  const before = await Promise.all(KPIS.map((id) => kpiValue(page, id)));

  for (const entry of hostileCorpus() as Entry[]) {
    await page.evaluate(() => document.querySelectorAll('[role="alert"] button[aria-label="Dismiss"]').forEach((b) => (b as HTMLButtonElement).click()));
    await dropFiles(page, [{ name: entry.name, bytes: entry.bytes }]);
    await waitReady(page);
    if (entry.alert) {
      await expect(page.getByRole('alert').filter({ hasText: entry.alert }), entry.name).toHaveCount(1);
    }
    if (entry.rows !== undefined) {
      await expect(page.locator('[data-testid="dataset"]').filter({ hasText: entry.name })).toHaveAttribute('data-rows', String(entry.rows));
    }
    // Files that did load are removed again, so the Maven figures must come back exactly.
    for (const remove of await page.getByRole('button', { name: `Remove ${entry.name}` }).all()) await remove.click();
    await waitReady(page);
    expect([entry.name, await Promise.all(KPIS.map((id) => kpiValue(page, id)))]).toEqual([entry.name, before]);
  }
  await expect(page.getByTestId('dataset').filter({ hasText: 'sales_pipeline.csv' })).toHaveAttribute('data-rows', '8800');
  expect(dialogs).toEqual([]);
  expect(violations).toEqual([]);
  expect(watch.foreign()).toEqual([]);
});

test('markup, scripts and formulas in a file stay text; CSV downloads neutralise formulas', async ({ page, baseURL }) => {
  const watch = watchRequests(page, new URL(baseURL!).origin);
  const { dialogs, violations } = await guard(page);
  // Maven's deals (2016-2017) first; then the hostile file, whose deals are in 2024.
  const view = async (query: string) => {
    await page.evaluate((q) => {
      history.pushState(null, '', `?${q}`);
      dispatchEvent(new PopStateEvent('popstate'));
    }, query);
    await waitReady(page);
  };
  await openApp(page, 'v=1&from=2016-01-01&to=2017-12-31&tab=new_business');
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  const before = await Promise.all(KPIS.map((id) => kpiValue(page, id)));
  const file = markupFile() as { name: string; bytes: Uint8Array };
  await dropFiles(page, [file]);
  await waitReady(page);
  await view('v=1&from=2024-01-01&to=2024-12-31&tab=new_business');
  expect(await kpiValue(page, 'won_deals')).toBe(3);
  // The owner breakdown shows the values as text; the mapping screen shows the hostile header as text.
  await expect(page.getByTestId('chart-owners').locator('[data-action="owner:<script>window.__pwned=2</script>"]')).toHaveCount(1);
  await expect(page.getByTestId('chart-owners')).toContainText('<script>window.__pwn');
  const hostileEntry = page.getByTestId('dataset').filter({ hasText: '<svg onload=alert(1)>.csv' });
  await expect(hostileEntry).toHaveCount(1);
  await hostileEntry.getByRole('button', { name: 'Mapping' }).click();
  await expect(page.getByTestId('mapping-panel')).toContainText('<img src=x onerror="window.__pwned=1">');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? null)).toBeNull();
  expect(await page.locator('main img, main script, main svg[onload]').count()).toBe(0);

  await page.locator('[data-kpi="won_deals"]').getByTestId('open-rows').click();
  await waitReady(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('rows-table').getByTestId('download-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/"",""click"")"`);
  expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  // Maven's figures are untouched, with the hostile file loaded and after it is removed.
  await page.getByRole('button', { name: 'Close' }).first().click();
  await view('v=1&from=2016-01-01&to=2017-12-31&tab=new_business');
  expect(await Promise.all(KPIS.map((id) => kpiValue(page, id)))).toEqual(before);
  for (const remove of await page.getByRole('button', { name: `Remove ${file.name}` }).all()) await remove.click();
  await waitReady(page);
  expect(await Promise.all(KPIS.map((id) => kpiValue(page, id)))).toEqual(before);
  expect(dialogs).toEqual([]);
  expect(violations).toEqual([]);
  expect(watch.foreign()).toEqual([]);
});

test('hostile links: scripts, SQL and markup in the URL are plain values or dropped, with a notice', async ({ page, baseURL }) => {
  const watch = watchRequests(page, new URL(baseURL!).origin);
  const { dialogs, violations } = await guard(page);
  const hostile = [
    'owner=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    "stage=x'%3B%20DROP%20TABLE%20opportunities%3B--",
    'grain=week%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
    'lang=%3Csvg%20onload%3Dalert(1)%3E',
    'map=zz~o~amount.1%27%3B--',
    'javascript:alert(1)=1',
  ].join('&');
  await openApp(page, `v=1&${hostile}`);
  await expect(page.getByRole('alert')).toHaveCount(4); // grain, lang, map, the unknown key
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  // The script and the SQL are filter values that match nobody: zero, not an error, not all rows.
  expect(await kpiValue(page, 'won_deals')).toBe(0);
  await expect(page.getByTestId('filter-chip').first()).toContainText('<script>alert(1)</script>');
  // Once the files are in, the values they do not hold are named in a notice.
  await expect(page.getByRole('alert').filter({ hasText: 'which is not in your files' })).toHaveCount(2);
  await expect(page.getByRole('alert').filter({ hasText: "“x'; DROP TABLE opportunities;--”" })).toHaveCount(1);
  expect(await page.locator('main img, main script').count()).toBe(0);
  expect(dialogs).toEqual([]);
  expect(violations).toEqual([]);
  expect(watch.foreign()).toEqual([]);
  // The data is intact: removing the filters gives the published figures.
  await page.getByRole('button', { name: 'Reset view' }).click();
  await waitReady(page);
  expect(await kpiValue(page, 'won_deals')).toBe(4238);
});

test('a file too large for the browser is refused before the tab runs out of memory', async ({ page }) => {
  await openApp(page);
  await pickFiles(page, [MAVEN]);
  await waitReady(page);
  // A 700 MB file object (sparse: never read) whose rows are short values: about 7 bytes of engine
  // memory per byte, more than the tab has (a 5M-row export of long values, 720 MB, loads).
  await page.evaluate(() => {
    const huge = new File([new Uint8Array(700 * 1024 * 1024)], 'five-million.csv');
    Object.defineProperty(huge, 'slice', { value: () => new Blob(['opportunity_id,created_at,stage,amount\nA,2024-01-01,Won,1\n']) });
    const dt = new DataTransfer();
    dt.items.add(huge);
    document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  await waitReady(page);
  await expect(page.getByRole('alert').filter({ hasText: '“five-million.csv” (734 MB) is too large' })).toHaveCount(1);
  expect(await kpiValue(page, 'won_deals')).toBe(4238);
});
