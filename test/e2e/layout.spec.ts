// Tablet width and keyboard use: every view fits a tablet without sideways scrolling, and the
// tabs are reached with Tab, switched with the arrow keys, and show where the focus is.
import { expect, test, type Page } from '@playwright/test';
import { openApp, waitReady } from './helpers';

const TABS = ['overview', 'leads', 'pipeline', 'new_business', 'existing', 'attainment', 'people'];

async function sample(page: Page): Promise<void> {
  await openApp(page);
  await page.getByTestId('load-sample').click();
  await waitReady(page);
}

/** How far the page reaches past the viewport's right edge (0 when nothing does). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe('at tablet width (820 x 1180)', () => {
  test.use({ viewport: { width: 820, height: 1180 } });

  test('every view renders its charts without horizontal overflow, in English and Chinese', async ({ page }) => {
    await sample(page);
    for (const lang of ['en', 'zh-CN']) {
      if (lang !== 'en') {
        await page.getByTestId('dashboard').locator('header select').first().selectOption(lang);
        await waitReady(page);
      }
      // Every tab is on screen without scrolling the tab list (it wraps rather than hiding tabs).
      for (const tab of await page.getByRole('tab').all()) {
        const box = (await tab.boundingBox())!;
        expect(box.x + box.width, await tab.textContent() ?? '').toBeLessThanOrEqual(820);
      }
      for (const tab of TABS) {
        await page.locator(`[role="tab"][data-tab="${tab}"]`).click();
        await waitReady(page);
        await expect(page.locator('[data-kpi]').first()).toBeVisible();
        // Every chart the view shows has drawn its SVG.
        const charts = page.locator('[data-testid^="chart-"]');
        expect(await charts.count(), tab).toBeGreaterThan(0);
        for (const chart of await charts.all()) await expect(chart.locator('svg').first()).toBeVisible();
        expect(await overflow(page), `${lang} ${tab}`).toBeLessThanOrEqual(0);
      }
    }
  });
});

test('keyboard: Tab reaches the tabs, arrow keys, Home and End switch them, and the focus is visible', async ({ page }) => {
  await sample(page);
  // Tab through the page until the tab list has the focus (the selected tab is its one Tab stop).
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('role') === 'tab')) break;
  }
  const focused = page.locator('[role="tab"]:focus');
  await expect(focused).toHaveAttribute('data-tab', 'overview');
  await expect(focused).toHaveAttribute('aria-selected', 'true');
  const outline = await focused.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);

  const expectTab = async (tab: string) => {
    await waitReady(page);
    await expect(page.locator('[role="tab"]:focus')).toHaveAttribute('data-tab', tab);
    await expect(page.locator(`[role="tab"][data-tab="${tab}"]`)).toHaveAttribute('aria-selected', 'true');
    expect(new URL(page.url()).searchParams.get('tab')).toBe(tab === 'overview' ? null : tab);
  };
  await page.keyboard.press('ArrowRight');
  await expectTab('leads');
  await expect(page.getByTestId('chart-lead-sources')).toBeVisible();
  // Arrows move one tab and wrap at either end; Home and End go to the first and the last.
  for (const [key, tab] of [['ArrowRight', 'pipeline'], ['ArrowLeft', 'leads'], ['End', 'people'], ['ArrowRight', 'overview'], ['ArrowLeft', 'people'], ['Home', 'overview']]) {
    await page.keyboard.press(key);
    await expectTab(tab);
  }
  // Only the selected tab is a Tab stop: the next Tab leaves the tab list.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).not.toBe('tab');
});
