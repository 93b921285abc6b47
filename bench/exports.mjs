// The 1M bench export written the ways other CRMs and locales write it (line ends, an encoding, a
// multi-line notes column, German numbers and dates, a formatted report, ISO timestamps): the same
// deals, so every tile of the default view must equal the bench file's. Loads each in headless
// Chromium from the production build (dist/), dropped as soon as the engine is ready (before its
// warm-up, app/warmUp.ts), and prints its load time; exits non-zero when a file
// loads other rows or other tile values than the bench export.
//   npm run build && node bench/exports.mjs [style ...]
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';

const source = 'bench/out/opportunities-1m.csv';
if (!existsSync(source)) execFileSync('node', ['bench/generate.mjs', '1000000', source], { stdio: 'inherit' });

// Columns of the bench export: 5 Amount, 6 Probability (%), 7 Created Date, 8 Close Date.
const usDate = (v) => v.split('/').map(Number); // [month, day, year]
const pad = (n) => String(n).padStart(2, '0');
/** Each style: how a data line (its fields) and the header line are written; the file's encoding. */
const STYLES = {
  'crlf-bom': { line: (f, i) => `${i === 0 ? '\ufeff' : ''}${f.join(',')}\r\n` },
  'notes-multiline': {
    line: (f, i) => `${f.join(',')},${i === 0 ? 'Notes' : i % 3 === 0 ? '"Call went well, said ""yes"".\nFollow up next week"' : ''}\n`,
  },
  windows1252: { line: (f) => `${f.join(',')}\n`, encoding: 'latin1' },
  'iso-timestamps': {
    line: (f, i) => {
      if (i > 0) for (const k of [7, 8]) { const [m, d, y] = usDate(f[k]); f[k] = `${y}-${pad(m)}-${pad(d)}T10:31:00Z`; }
      return `${f.join(',')}\n`;
    },
  },
  'german': {
    line: (f, i) => {
      if (i > 0) {
        f[5] = Number(f[5]).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        for (const k of [7, 8]) { const [m, d, y] = usDate(f[k]); f[k] = `${pad(d)}.${pad(m)}.${y}`; }
      }
      return `${f.join(';')}\n`;
    },
  },
  'formatted-report': {
    line: (f, i) => {
      if (i > 0) {
        f[5] = `"$${Number(f[5]).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}"`;
        f[6] = `${f[6]}%`;
        f[7] = `${f[7]} 10:31 AM`;
        f[8] = `${f[8]} 4:05 PM`;
      }
      return `${f.join(',')}\n`;
    },
  },
};

/** Writes bench/out/exports/<style>.csv from the bench export, once. */
async function write(style) {
  const out = `bench/out/exports/${style}.csv`;
  if (existsSync(out)) return out;
  mkdirSync('bench/out/exports', { recursive: true });
  const { line, encoding = 'utf8' } = STYLES[style];
  const stream = createWriteStream(out);
  let buffer = '';
  let i = 0;
  // The bench export has no quoted fields: a line splits at its commas.
  for await (const text of createInterface({ input: createReadStream(source), crlfDelay: Infinity })) {
    buffer += line(text.split(','), i++);
    if (buffer.length > 1 << 20) {
      if (!stream.write(Buffer.from(buffer, encoding))) await new Promise((r) => stream.once('drain', r));
      buffer = '';
    }
  }
  stream.end(Buffer.from(buffer, encoding));
  await new Promise((r) => stream.on('finish', r));
  return out;
}

/** Loads `file` into a fresh page: the load time, the datasets' rows and every tile's value. */
async function load(browser, port, file) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/kpi/app/?from=2021-01-01&to=2024-12-31`);
    await page.waitForFunction(() => performance.getEntriesByName('kpi:engine-ready').length > 0, null, { timeout: 120_000 });
    await page.getByTestId('file-input').setInputFiles(file);
    await page.waitForSelector('[data-testid="dashboard"][data-state="ready"], [data-testid="dashboard"][data-state="error"]', { timeout: 600_000 });
    return await page.evaluate(() => ({
      ms: performance.getEntriesByName('kpi:ready').at(-1).startTime - performance.getEntriesByName('kpi:files-received').at(-1).startTime,
      rows: [...document.querySelectorAll('[data-testid="dataset"]')].map((e) => `${e.dataset.kind}:${e.dataset.rows}`).join(' '),
      tiles: Object.fromEntries([...document.querySelectorAll('[data-kpi]')].map((e) => [e.dataset.kpi, e.dataset.value])),
    }));
  } finally {
    await context.close();
  }
}

const styles = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(STYLES);
const files = [['bench export', source]];
for (const style of styles) files.push([style, await write(style)]);

const port = 4182;
const server = spawn('node', ['test/e2e/static-server.mjs', 'dist', '/kpi/app/', String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-background-networking'],
});
let failed = false;
try {
  let expected = null;
  for (const [name, file] of files) {
    const r = await load(browser, port, file);
    expected ??= r;
    const differ = Object.keys({ ...expected.tiles, ...r.tiles }).filter((k) => {
      const [a, b] = [Number(expected.tiles[k]), Number(r.tiles[k])];
      return expected.tiles[k] !== r.tiles[k] && !(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
    });
    const same = r.rows === expected.rows && differ.length === 0;
    failed ||= !same;
    console.log(`${name.padEnd(18)} ${(statSync(file).size / 1e6).toFixed(0).padStart(4)} MB ${String(Math.round(r.ms)).padStart(6)} ms  ${r.rows}  ${same ? `${Object.keys(r.tiles).length} tiles as the bench export's` : `DIFFERENT: ${differ.join(', ')}`}`);
  }
} finally {
  await browser.close();
  server.kill();
}
process.exit(failed ? 1 : 0);
