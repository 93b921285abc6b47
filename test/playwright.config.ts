import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Debian's Chromium by default; CHROMIUM_PATH points at another build, and when neither exists
// Playwright's own downloaded browser (if the user has one) is used.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

// PW_PORT and PW_DIST let several checkouts or builds be tested side by side.
const PORT = Number(process.env.PW_PORT ?? 4173);
const DIST = process.env.PW_DIST ?? 'dist';
export const SUB_PATH = '/kpi/app/';
export const START_PORT = PORT + 1;
// The servers run from the repository's root (this file lives in test/).
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  testDir: 'e2e',
  // Tests of several loads took up to 57 s in a slow hour with the other worker busy: twice that is the limit.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}${SUB_PATH}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath,
      args: [
        ...(asRoot ? ['--no-sandbox'] : []),
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    permissions: ['clipboard-read', 'clipboard-write'],
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
  },
  webServer: [
    {
      command: `node test/e2e/static-server.mjs ${DIST} ${SUB_PATH} ${PORT}`,
      url: `http://127.0.0.1:${PORT}${SUB_PATH}`,
      cwd: ROOT,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
    // What the README's first command serves (`npm start`: the dev server on the sample data).
    {
      command: `npx vite --mode sample --host 127.0.0.1 --port ${START_PORT} --strictPort`,
      url: `http://127.0.0.1:${START_PORT}/`,
      cwd: ROOT,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      // Vite's dev server warns about duckdb-wasm's source maps on every worker load.
      stderr: 'ignore',
    },
  ],
});
