// The benchmark (issue 6): native DuckDB loading the CSV against the app loading it in headless
// Chromium from the production build, in the same run; then view-change latency, memory and start.
// Then a returning user: the same measures on a second visit, the browser's caches filled by the first.
//   npm run bench                 1M rows (generated once into bench/out/)
//   npm run bench -- 100000       another size; BENCH_VIEW_CHANGES=40 for more changes per page,
//                                 BENCH_RUNS=5 for more fresh pages (3 by default: load and start are their medians),
//                                 BENCH_DROP=at-once to drop the file before the engine's warm-up has run
// Prints the figures and writes bench/out/results-<rows>.json. It never fails on a timing.
import { DuckDBInstance } from '@duckdb/node-api';
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';

const rows = Number(process.argv[2] ?? 1_000_000);
const label = rows >= 1_000_000 ? `${rows / 1_000_000}m` : `${rows / 1000}k`;
const csv = `bench/out/opportunities-${label}.csv`;
if (!existsSync(csv)) execFileSync('node', ['bench/generate.mjs', String(rows), csv], { stdio: 'inherit' });
const csvBytes = statSync(csv).size;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

// --- native DuckDB, default threads ---------------------------------------------------------------
async function nativeLoad() {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    const t0 = performance.now();
    await c.run(`CREATE TABLE t AS SELECT * FROM read_csv('${csv}')`);
    times.push(performance.now() - t0);
    c.closeSync();
  }
  return median(times);
}

// --- the app in Chromium ----------------------------------------------------------------------------
/** Resident memory (bytes) of Chromium's renderer processes: page, worker and wasm memory together. */
function rendererRss() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium') || !cmd.includes('--type=renderer')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // the process ended while we read it
    }
  }
  return total;
}

/**
 * The issue's own measure, after a load: the DuckDB worker's wasm memory (its size never shrinks, so
 * this is its peak) plus the worker's and the page's JS heaps. The worker is reached through the
 * browser's DevTools protocol (a wasm memory is found as an object of its prototype).
 */
async function engineMemory(browser, page) {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'worker');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    let nextId = 1;
    const pending = new Map();
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      const m = JSON.parse(e.message);
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    });
    const send = (method, params = {}) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      });
    const proto = await send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
    const memories = await send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
    const sizes = await send('Runtime.callFunctionOn', {
      objectId: memories.objects.objectId, functionDeclaration: 'function () { return this.map((m) => m.buffer.byteLength); }', returnByValue: true,
    });
    const workerHeap = (await send('Runtime.getHeapUsage')).usedSize;
    const pageHeap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    return { wasm: sizes.result.value.reduce((a, b) => a + b, 0), workerHeap, pageHeap };
  } finally {
    await cdp.detach();
  }
}

/**
 * One page of `context` (a fresh one has its own renderer): start, load, memory, then the view
 * changes. Without `browser` (a persistent context has none) the engine's memory is not read.
 */
async function appRun(context, port, browser = null, linger = 0) {
  const page = await context.newPage();
  try {
    await page.goto(`http://127.0.0.1:${port}/kpi/app/`);
    await page.waitForFunction(() => performance.getEntriesByName('kpi:engine-ready').length > 0, null, { timeout: 120_000 });
    const start = await page.evaluate(() => performance.getEntriesByName('kpi:engine-ready')[0].startTime);
    // The engine warms up on the built-in sample while a user picks a file (app/warmUp.ts): the file
    // is dropped once it has, unless BENCH_DROP=at-once (the drop then stops the warm-up).
    let warmUp = null;
    if (process.env.BENCH_DROP !== 'at-once') {
      await page.waitForFunction(() => performance.getEntriesByName('kpi:warm-up').length > 0, null, { timeout: 60_000 });
      warmUp = await page.evaluate(() => performance.getEntriesByName('kpi:warm-up')[0].startTime);
    }
    const baseRss = rendererRss();
    let peakRss = baseRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rendererRss())), 100);

    await page.getByTestId('file-input').setInputFiles(csv);
    await page.waitForSelector('[data-testid="dashboard"][data-state="ready"]', { timeout: 600_000 });
    const load = await page.evaluate(() => {
      const received = performance.getEntriesByName('kpi:files-received').at(-1).startTime;
      const ready = performance.getEntriesByName('kpi:ready').at(-1).startTime;
      return ready - received;
    });
    clearInterval(sampler);
    peakRss = Math.max(peakRss, rendererRss());
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
    const engine = browser ? await engineMemory(browser, page) : null;

    // View changes: the URL changes (pushState + popstate), then every visible panel re-renders.
    const views = ['grain=week', 'grain=quarter', 'tab=new_business', 'tab=new_business&grain=week', 'tab=pipeline', 'owner=Rep%20001%20Smith',
      'tab=new_business&segment=SMB', 'grain=year', 'tab=pipeline&grain=quarter', 'from=2023-01-01&to=2023-12-31', 'tab=new_business&source=Web',
      'cmp=yoy', '', 'tab=people', 'tab=attainment', 'tab=leads', 'tab=existing', 'tab=new_business&from=2024-01-01&to=2024-03-31'];
    const changes = Number(process.env.BENCH_VIEW_CHANGES ?? 24);
    const latencies = [];
    const queryTimes = [];
    for (let i = 0; i < changes; i++) {
      const query = views[i % views.length];
      const { ms, queries } = await page.evaluate(async (q) => {
        const root = document.querySelector('[data-testid="dashboard"]');
        const before = performance.getEntriesByName('kpi:ready').length;
        history.pushState(null, '', q ? `?v=1&${q}` : '?');
        dispatchEvent(new PopStateEvent('popstate'));
        await new Promise((resolve) => {
          const check = () => (root.getAttribute('data-state') === 'ready' && performance.getEntriesByName('kpi:ready').length > before ? resolve() : requestAnimationFrame(check));
          check();
        });
        const at = (name) => performance.getEntriesByName(`kpi:${name}`).at(-1).startTime;
        // kpi:data: the queries are answered; the rest is rendering.
        return { ms: at('ready') - at('view-change'), queries: at('data') - at('view-change') };
      }, query);
      latencies.push(ms);
      queryTimes.push(queries);
    }
    return { start, warmUp, load, growth: peakRss - baseRss, peakRss, heap, engine, latencies, queryTimes, views: Array.from({ length: changes }, (_, i) => views[i % views.length]) };
  } finally {
    if (linger) await page.waitForTimeout(linger);
    await page.close();
  }
}

/** How Chromium is started, for the fresh pages and for the returning user's profile alike. */
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--enable-precise-memory-info', '--disable-gpu', '--disable-background-networking'],
};

/** BENCH_RUNS fresh pages (3 by default) in one browser, as the native load is the median of three. */
async function appRuns() {
  const port = 4181;
  const server = spawn('node', ['test/e2e/static-server.mjs', 'dist', '/kpi/app/', String(port)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch(LAUNCH);
  try {
    const runs = [];
    try {
      for (let i = 0; i < Number(process.env.BENCH_RUNS ?? 3); i++) {
        const context = await browser.newContext();
        runs.push(await appRun(context, port, browser).finally(() => context.close()));
        // The closed page's renderer exits before the next one's memory is counted.
        for (let t = 0; t < 30 && rendererRss() > 0; t++) await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await browser.close();
    }
    return { runs, returning: await returningRun(port) };
  } finally {
    server.kill();
  }
}

/**
 * A user's second visit: a browser profile on disk (a fresh context keeps no compiled code) whose
 * first visit did what appRun does (the load and the view changes), then the same measures on a new
 * page. The browser then has the site's files and the engine's compiled code in its caches.
 */
async function returningRun(port) {
  const profile = mkdtempSync(join(tmpdir(), 'kpi-bench-profile-'));
  let context = null;
  try {
    context = await chromium.launchPersistentContext(profile, LAUNCH);
    // The browser writes the engine's optimised code to its cache some seconds after it was compiled.
    await appRun(context, port, null, 5000);
    return await appRun(context, port);
  } catch (e) {
    // The fresh pages' figures are still printed and written.
    console.warn('The returning visit failed:', e);
    return null;
  } finally {
    await context?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

const native = await nativeLoad();
const { runs, returning } = await appRuns();
const latencies = runs.flatMap((r) => r.latencies);
const load = median(runs.map((r) => r.load));
const growth = Math.max(...runs.map((r) => r.growth));
const result = {
  date: new Date().toISOString(),
  machine: `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${cpus()[0]?.model ?? ''}`.trim(),
  rows,
  csvMB: +(csvBytes / 1e6).toFixed(1),
  nativeLoadMs: Math.round(native),
  // The median of the fresh pages' loads; memory is the largest growth of any of them.
  appLoadMs: Math.round(load),
  appLoadsMs: runs.map((r) => Math.round(r.load)).join(' '),
  ratio: +(load / native).toFixed(2),
  startMs: Math.round(median(runs.map((r) => r.start))),
  // Page open to the end of the warm-up (null: the file was dropped at once, BENCH_DROP=at-once).
  warmUpDoneMs: runs[0].warmUp === null ? null : Math.round(median(runs.map((r) => r.warmUp))),
  viewChangeP50Ms: Math.round(pct(latencies, 50)),
  viewChangeP95Ms: Math.round(pct(latencies, 95)),
  viewChanges: latencies.length,
  peakRendererMB: Math.round(Math.max(...runs.map((r) => r.peakRss)) / 1e6),
  rendererGrowthMB: Math.round(growth / 1e6),
  memoryToCsv: +(growth / csvBytes).toFixed(2),
  jsHeapMB: runs[0].heap === null ? null : Math.round(runs[0].heap / 1e6),
  // The measure: wasm memory plus the worker's and the page's JS heaps, the largest page's.
  wasmMB: Math.round(Math.max(...runs.map((r) => r.engine.wasm)) / 1e6),
  wasmPlusHeapsMB: Math.round(Math.max(...runs.map((r) => r.engine.wasm + r.engine.workerHeap + r.engine.pageHeap)) / 1e6),
  wasmPlusHeapsToCsv: +(Math.max(...runs.map((r) => r.engine.wasm + r.engine.workerHeap + r.engine.pageHeap)) / csvBytes).toFixed(2),
};
// The second visit (returningRun): one page, so its load and changes are not medians of several.
const returningResult = returning && {
  startMs: Math.round(returning.start),
  warmUpDoneMs: returning.warmUp === null ? null : Math.round(returning.warmUp),
  appLoadMs: Math.round(returning.load),
  ratio: +(returning.load / native).toFixed(2),
  viewChangeP50Ms: Math.round(pct(returning.latencies, 50)),
  viewChangeP95Ms: Math.round(pct(returning.latencies, 95)),
  viewChanges: returning.latencies.length,
  latencies: returning.latencies,
};
console.table(result);
console.log('view changes (ms):', latencies.map((x) => Math.round(x)).join(' '));
if (returningResult) {
  const { latencies: returningLatencies, ...figures } = returningResult;
  console.log('a returning user (the second visit of one browser profile):');
  console.table(figures);
  console.log('its view changes (ms):', returningLatencies.map((x) => Math.round(x)).join(' '));
}
// Per view, the first visit of each page (later visits are answered from the cache): total and queries.
const firsts = new Map();
for (const r of runs) {
  const seen = new Set();
  r.views.forEach((v, i) => {
    if (seen.has(v)) return;
    seen.add(v);
    firsts.set(v, [...(firsts.get(v) ?? []), [r.latencies[i], r.queryTimes[i]]]);
  });
}
console.table([...firsts].map(([view, xs]) => ({ view: view || '(default)', totalMs: Math.round(median(xs.map((x) => x[0]))), queriesMs: Math.round(median(xs.map((x) => x[1]))) })));
writeFileSync(`bench/out/results-${label}.json`, JSON.stringify({ ...result, returning: returningResult, latencies }, null, 2));
