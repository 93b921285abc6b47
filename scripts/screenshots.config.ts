// `npm run screenshots`: every view at desktop and tablet widths, in English and Chinese, written to
// screenshots/ for a person to look at. A tool, not a test: it asserts nothing beyond reaching "ready".
import base from '../test/playwright.config';
import { defineConfig } from '@playwright/test';

export default defineConfig({ ...base, testDir: '.', testMatch: 'screenshots.spec.ts', workers: 1 });
