// Charts and tables (issue 5): every view draws data marks, legend entries and bars filter the
// dashboard (also from the keyboard), tables download as CSV matching their rows, and tooltips,
// faded heatmap labels and downloads stay readable in dark mode.
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { openApp, waitReady } from './helpers';

async function sample(page: Page, query = ''): Promise<void> {
  await openApp(page, `v=1${query}`);
  await page.getByTestId('load-sample').click();
  await waitReady(page);
}

async function showTab(page: Page, tab: string): Promise<void> {
  await page.locator(`[role="tab"][data-tab="${tab}"]`).click();
  await waitReady(page);
}

/** WCAG contrast ratio of two CSS colours given as rgb()/rgba() strings. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// The marks that carry data in Plot's output (named by Plot's aria-label on each mark's group).
const DATA_MARKS = ['bar', 'rect', 'cell', 'line', 'dot', 'tick'].map((m) => `svg g[aria-label="${m}"] > *`).join(', ');

test('every chart on every view draws data marks, and is named and described for screen readers', async ({ page }) => {
  await sample(page);
  const seen: string[] = [];
  for (const tab of ['overview', 'leads', 'pipeline', 'new_business', 'existing', 'attainment', 'people']) {
    if (tab !== 'overview') await showTab(page, tab);
    const charts = page.locator('figure[data-testid^="chart-"]');
    const n = await charts.count();
    expect(n, tab).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      const chart = charts.nth(i);
      const id = (await chart.getAttribute('data-testid'))!;
      seen.push(id);
      expect(await chart.locator(DATA_MARKS).count(), `${tab} ${id}`).toBeGreaterThan(0);
      const root = chart.locator('.plot > *');
      await expect(root).toHaveAttribute('role', /^(img|group)$/);
      expect(await root.getAttribute('aria-label')).toBe((await chart.locator('figcaption > span').first().innerText()).trim());
      const description = await page.locator(`#${await root.getAttribute('aria-describedby')}`).textContent();
      expect(description, id).toMatch(/\d/);
    }
  }
  expect(seen).toEqual(expect.arrayContaining(['chart-cumulative', 'chart-lead-sources', 'chart-funnel', 'chart-won-deals', 'chart-bridge', 'chart-monthly-target', 'chart-leaderboard']));
});

test('a legend entry filters the dashboard by its source, and the URL shows it', async ({ page }) => {
  await sample(page, '&tab=leads');
  const entry = page.locator('[data-testid="chart-lead-sources"] [class*="-swatches"] [data-action^="source:"]').first();
  await expect(entry).toHaveAttribute('role', 'button');
  const source = (await entry.getAttribute('data-action'))!.slice('source:'.length);
  await expect(entry).toHaveAttribute('aria-label', `Filter by source: ${source}`);
  const before = Number(await page.locator('[data-kpi="leads_created"]').first().getAttribute('data-value'));
  await entry.click();
  await waitReady(page);
  expect(new URL(page.url()).searchParams.get('source')).toBe(source);
  await expect(page.getByTestId('filter-chip')).toContainText(source);
  const after = Number(await page.locator('[data-kpi="leads_created"]').first().getAttribute('data-value'));
  expect(after).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
});

test('funnel bars and leads-by-SDR bars filter by stage and owner, from the keyboard too', async ({ page }) => {
  await sample(page, '&tab=pipeline');
  const chart = page.getByTestId('chart-funnel');
  await expect(chart.locator('.plot > *')).toHaveAttribute('role', 'group');
  const bar = chart.locator('[data-action^="stage:"]').nth(1);
  const stage = (await bar.getAttribute('data-action'))!.slice('stage:'.length);
  await bar.focus();
  await page.keyboard.press('Enter');
  await waitReady(page);
  expect(new URL(page.url()).searchParams.get('stage')).toBe(stage);
  // The won bar spans several stage names: it has its tooltip but is not a button.
  expect(await chart.locator('g[aria-label="bar"] rect:not([data-action])').count()).toBe(1);

  await showTab(page, 'leads');
  await page.getByTestId('filter-chip').getByRole('button').click();
  await waitReady(page);
  const sdr = page.locator('[data-testid="chart-leads-by-sdr"] [data-action^="owner:"]').first();
  const owner = (await sdr.getAttribute('data-action'))!.slice('owner:'.length);
  await sdr.focus();
  await page.keyboard.press(' ');
  await waitReady(page);
  expect(new URL(page.url()).searchParams.get('owner')).toBe(owner);
});

test('the leaderboard, the SDR table and the cohort comparison download as CSV with the rows shown', async ({ page }) => {
  await sample(page, '&tab=people');
  const board = page.getByTestId('rep-leaderboard');
  await expect(board.getByTestId('download-csv')).toHaveText('Download CSV');
  const download = page.waitForEvent('download');
  await board.getByTestId('download-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('rep-leaderboard.csv');
  const csv = Papa.parse<string[]>(readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '').trim()).data;
  const headers = await board.locator('thead th').allInnerTexts();
  expect(csv[0].slice(0, headers.length)).toEqual(headers);
  const cells = board.locator('td[data-kpi="rep_attainment"]');
  expect(csv.length - 1).toBe(await cells.count());
  for (let i = 0; i < csv.length - 1; i++) {
    // Same rep, same order, and the attainment at full precision.
    expect(csv[i + 1][0]).toBe(await cells.nth(i).getAttribute('data-rep'));
    expect(Number(csv[i + 1][4])).toBe(Number(await cells.nth(i).getAttribute('data-value')));
  }

  const sdrs = page.getByTestId('sdr-table');
  const sdrDownload = page.waitForEvent('download');
  await sdrs.getByTestId('download-csv').click();
  const sdrCsv = Papa.parse<string[]>(readFileSync(await (await sdrDownload).path(), 'utf8').replace(/^\uFEFF/, '').trim()).data;
  expect(sdrCsv[0]).toEqual(await sdrs.locator('thead th').allInnerTexts());
  const rois = sdrs.locator('td[data-kpi="sdr_roi"]');
  expect(sdrCsv.slice(1).map((r) => r[0])).toEqual(await rois.evaluateAll((els) => els.map((e) => e.getAttribute('data-rep'))));

  await showTab(page, 'pipeline');
  const cohorts = page.getByTestId('cohort-comparison');
  const cohortDownload = page.waitForEvent('download');
  await cohorts.getByTestId('download-csv').click();
  const cohortCsv = Papa.parse<string[]>(readFileSync(await (await cohortDownload).path(), 'utf8').replace(/^\uFEFF/, '').trim()).data;
  expect(cohortCsv.slice(1).map((r) => r[0])).toEqual(await cohorts.locator('tbody th').allInnerTexts());
});

test('dark mode: tooltips, faded heatmap labels and chart downloads keep their contrast', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await sample(page, '&tab=new_business');
  const bar = page.locator('[data-testid="chart-bookings"] g[aria-label="bar"] rect').first();
  await bar.hover();
  const tip = page.locator('[data-testid="chart-bookings"] g[aria-label="tip"] path');
  await expect(tip).toHaveCount(1);
  const colours = await page.locator('[data-testid="chart-bookings"] g[aria-label="tip"]').evaluate((g) => ({
    box: getComputedStyle(g.querySelector('path')!).fill,
    text: getComputedStyle(g.querySelector('text')!).fill,
  }));
  expect(contrast(colours.box, colours.text), JSON.stringify(colours)).toBeGreaterThan(7);

  // The SVG download is drawn on the card's dark background, not on white.
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('chart-bookings').getByTestId('download-svg').click();
  const svg = readFileSync(await (await svgDownload).path(), 'utf8');
  const style = svg.match(/<svg[^>]*style="([^"]*)"/)![1];
  const text = style.match(/(?:^|;)\s*color:\s*([^;]+)/)![1];
  const background = style.match(/background:\s*([^;]+)/)![1];
  expect(contrast(text, background), style).toBeGreaterThan(7);

  // Young cohorts' faded cells: their labels against the halo drawn behind them.
  await showTab(page, 'pipeline');
  const partial = page.locator('[data-testid="chart-cohorts"] g[aria-label="text"] text', { hasText: '*' }).first();
  await expect(partial).toBeVisible();
  const label = await partial.evaluate((t) => ({ fill: getComputedStyle(t).fill, halo: getComputedStyle(t).stroke }));
  expect(contrast(label.fill, label.halo), JSON.stringify(label)).toBeGreaterThan(7);
});

test('a downloaded chart is the chart itself with its legend, not a legend swatch', async ({ page }) => {
  await sample(page, '&tab=leads');
  const chart = page.getByTestId('chart-lead-sources');
  const sources = await chart.locator('[class*="-swatches"] > span').allInnerTexts();
  expect(sources.length).toBeGreaterThan(1);
  const download = page.waitForEvent('download');
  await chart.getByTestId('download-svg').click();
  const svg = readFileSync(await (await download).path(), 'utf8');
  expect(svg).toContain('aria-label="bar"');
  for (const s of sources) expect(svg).toContain(`>${s.trim()}</text>`);
});

test('the cumulative chart labels its months as months whatever the grain, on the overview as on the attainment view', async ({ page }) => {
  // Fiscal year 2026 starts in January: the x axis ticks read Jan, Feb, Mar, not Q1, Q1, Q1.
  await sample(page, '&grain=quarter');
  for (const tab of ['overview', 'attainment']) {
    if (tab !== 'overview') await showTab(page, tab);
    const ticks = await page.getByTestId('chart-cumulative').locator('svg g[aria-label="x-axis tick label"] text').allTextContents();
    expect([tab, ticks.some((x) => x.startsWith('Feb')), ticks.some((x) => /^Q\d/.test(x))]).toEqual([tab, true, false]);
  }
});
