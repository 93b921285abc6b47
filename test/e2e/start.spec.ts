// The README's first command: `npm start` serves the dashboard already showing the sample CRM.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { START_PORT } from '../playwright.config';

test('npm start opens on the built-in sample data', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${START_PORT}/`);
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  // Every sample file is loaded with all its rows (lines after the header, counted here from the files).
  const dir = new URL('../../public/samples/', import.meta.url);
  const samples = readdirSync(dir).filter((f) => f.endsWith('.csv'));
  const datasets = page.getByTestId('dataset');
  await expect(datasets).toHaveCount(samples.length);
  const rows = samples.map((f) => readFileSync(new URL(f, dir), 'utf8').trim().split('\n').length - 1).sort((a, b) => a - b);
  const shown = (await datasets.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-rows'))))).sort((a, b) => a - b);
  expect(shown).toEqual(rows);
});
