import { expect, test } from '@playwright/test';

const SIZES = { desktop: { width: 1280, height: 800 }, tablet: { width: 820, height: 1180 } };
const LANGS = ['en', 'zh-CN'] as const;
const TABS = ['overview', 'leads', 'pipeline', 'new_business', 'existing', 'attainment', 'people'];
const VIEWS = [...TABS.map((tab) => ({ name: tab, query: `&tab=${tab}` })), { name: 'new_business-week', query: '&tab=new_business&grain=week' }];

for (const [size, viewport] of Object.entries(SIZES)) {
  for (const lang of LANGS) {
    test(`${size} ${lang}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(`./?v=1&lang=${lang}`);
      await page.getByTestId('load-sample').click();
      const root = page.getByTestId('dashboard');
      await expect(root).toHaveAttribute('data-state', 'ready');
      for (const view of VIEWS) {
        await page.evaluate((q) => {
          history.pushState(null, '', `?v=1&lang=${q}`);
          dispatchEvent(new PopStateEvent('popstate'));
        }, `${lang}${view.query}`);
        await expect(root).toHaveAttribute('data-state', 'ready');
        await page.screenshot({ path: `screenshots/${view.name}-${size}-${lang}.png`, fullPage: true });
      }
      await page.locator('[data-kind="opportunities"] .mapping-toggle').click();
      await expect(page.getByTestId('mapping-panel')).toBeVisible();
      await page.getByTestId('mapping-panel').screenshot({ path: `screenshots/mapping-${size}-${lang}.png` });
      await page.goto(`./?v=1&lang=${lang}`);
      await page.getByTestId('file-input').setInputFiles({
        name: 'deals.csv', mimeType: 'text/csv',
        buffer: Buffer.from('opportunity_id,created_date,status_text,amount,won_on\nA,2024-01-02,Won,100,03/02/2024\nB,2024-01-05,Lost,n/a,13/02/2024\nC,2024-01-09,Won,70\n'),
      });
      await expect(page.getByTestId('mapping-panel')).toBeVisible();
      await page.screenshot({ path: `screenshots/unmapped-${size}-${lang}.png`, fullPage: true });
      await page.goto(`./?v=1&lang=${lang}`);
      await page.screenshot({ path: `screenshots/empty-${size}-${lang}.png`, fullPage: true });
    });
  }
}
