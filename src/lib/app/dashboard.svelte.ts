// The page's model: view state, status and query results, as runes; files and alerts in their own
// classes. Components read it and call its methods; only the app layer talks to the DataStore.

import { flushSync, tick } from 'svelte';
import { KINDS, type Kind } from '../crm/fields';
import type { DbClient } from '../db/client';
import { cachedDb, type CachedDb } from '../db/cache';
import { firstLine } from '../db/ingest';
import { sql } from '../db/sql';
import { browserLocale, setLocale } from '../i18n/index.svelte';
import type { KpiParams } from '../kpi/params';
import { extraOptionsSql, FILTER_FIELDS, filterOptionsSql, isExtraField, type ExtraField, type FilterField } from '../kpi/filters';
import { fiscalYearStart, fiscalYearToDate, previousRange, sameRangeLastYear, type DateRange } from '../kpi/period';
import type { MappingOverride } from '../state/mappingCodec';
import { decodeView, encodeView } from '../state/urlCodec';
import { DEFAULT_VIEW, type ViewState } from '../state/viewState';
import { Alerts } from './alerts.svelte';
import { DataStore } from './dataStore';
import { headerSignature } from './loadedFile';
import { Files } from './files.svelte';
import { pushViewUrl, unknownFilterValueAlerts, urlNoticeAlerts } from './viewUrl';
import { WarmUp } from './warmUp';
import { forgetAll, loadRemembered, remember } from './rememberedMappings';
import { fetchSampleFile, SAMPLE_FILES } from './sampleFiles';
import { DAY_TABLES_READ, queryView, type ViewData } from './views';
import type { ViewContext } from './views/context';
import type { StagePick } from '../kpi/funnel';
import { stageKey, type StageInfo } from '../crm/stageOrder';
import { hasRowsFor, rowsQuery } from '../kpi/rows';
import type { KpiId } from '../kpi/registry';
import type { ChartAction } from '../charts/specs';
import { drillCsv, partQuery, readDrill, type Drill, type DrillSort } from './drill';

export type Status = 'empty' | 'loading' | 'ready' | 'error';

/** Performance marks the benchmark reads (bench/run.mjs): engine ready, warm-up, files received, view change, data (queries answered), ready. */
function mark(name: string): void {
  performance.mark(`kpi:${name}`);
}

export class Dashboard {
  view = $state<ViewState>({ ...DEFAULT_VIEW });
  status = $state<Status>('empty');
  engineReady = $state(false);
  /** The latest date in the loaded data: the default as-of date. */
  dataAsOf = $state<string | null>(null);

  /** The date the view is seen from: the one the user chose, else the latest date in the data. */
  get asOf(): string | null {
    return this.dataAsOf === null ? null : (this.view.asof ?? this.dataAsOf);
  }
  currency = $state<string | null>(null);
  /** The visible tab's results (plain data). */
  data = $state.raw<ViewData | null>(null);
  /** The rows behind a tile, when the user opened them. */
  drill = $state.raw<Drill | null>(null);
  /** Extra columns of the files that can filter the dashboard (few enough distinct values), with their values. */
  extraOptions = $state.raw<{ column: ExtraField; label: string; values: string[] }[]>([]);
  /** The values each filter can take in the loaded data. */
  filterOptions = $state.raw<Partial<Record<FilterField, string[]>>>({});
  /** The pipeline's open stages in order, for the stage pickers. */
  stages = $state.raw<StageInfo[]>([]);
  /** Kinds with at least one usable file. */
  loadedKinds = $state<Kind[]>([]);
  readonly alerts = new Alerts();
  readonly files: Files;

  private db: CachedDb | null = null;
  /** The engine without the result cache (the warm-up opens its own connection on it). */
  private rawDb: DbClient | null = null;
  private readonly warmUp = new WarmUp();
  private store: DataStore | null = null;
  private engine: Promise<DataStore> | null = null;
  private generation = 0;
  private pendingLoads = 0;

  constructor(private readonly openDb: () => Promise<DbClient>) {
    this.files = new Files({
      store: async () => {
        const store = await this.ensureEngine();
        // The warm-up, and work left for later, stop before the user's data is touched.
        await this.warmUp.stop();
        await store.dayTotals.pause();
        return store;
      },
      alerts: this.alerts,
      overrides: () => ({ ...loadRemembered(), ...this.view.mappings }),
      mappingChanged: (signature, override) => this.mappingChanged(signature, override),
      begin: () => {
        mark('files-received');
        // A view's queries still under way read tables the change drops: their answer is dropped too.
        this.generation++;
        this.pendingLoads++;
        this.setStatus('loading');
      },
      end: async () => {
        this.pendingLoads--;
        await this.afterDataChange();
        await this.refresh();
      },
    });
  }

  /**
   * Reads the URL and starts the engine (the wasm download runs while the user picks files), then
   * warms it up on the built-in sample under `baseUrl` (app/warmUp.ts).
   */
  start(search: string, languages: readonly string[], baseUrl?: string): void {
    this.applyUrl(search);
    setLocale(this.view.lang ?? browserLocale(languages));
    void this.ensureEngine().then(() => {
      if (baseUrl) this.warmUp.start(this.rawDb!, () => fetchSampleFile(baseUrl, 'opportunities.csv'), () => mark('warm-up'));
    }, () => {});
  }

  get hasData(): boolean {
    return this.loadedKinds.length > 0;
  }

  /** The range the view shows: the URL's, or the fiscal year to date of the as-of date. */
  get range(): DateRange | null {
    if (!this.asOf) return null;
    const fallback = fiscalYearToDate(this.asOf, this.view.fy);
    const to = this.view.to ?? (this.view.from && this.view.from > this.asOf ? this.view.from : this.asOf);
    const from = this.view.from ?? (this.view.to ? fiscalYearStart(this.view.to, this.view.fy) : fallback.from);
    return { from, to };
  }

  private ensureEngine(): Promise<DataStore> {
    this.engine ??= (async () => {
      try {
        // The store changes tables, so it talks to the engine directly; views read through the cache.
        const db = await this.openDb();
        this.rawDb = db;
        this.db = cachedDb(db);
        this.store = await DataStore.open(db);
        this.engineReady = true;
        mark('engine-ready');
        return this.store;
      } catch (e) {
        this.alerts.push({ key: 'error.engine', params: { message: firstLine(e) }, level: 'error' });
        this.status = 'error';
        throw e;
      }
    })();
    return this.engine;
  }

  addFiles(files: readonly File[]): Promise<void> {
    return this.files.add(files);
  }

  async loadSample(baseUrl: string): Promise<void> {
    try {
      const files = await Promise.all(SAMPLE_FILES.map((name) => fetchSampleFile(baseUrl, name)));
      await this.files.add(files);
    } catch (e) {
      this.alerts.push({ key: 'error.sample', params: { message: firstLine(e) }, level: 'error' });
    }
  }

  /** A user's change to the view: written to the URL as a new history entry, then re-rendered. */
  setView(patch: Partial<ViewState>): void {
    mark('view-change');
    this.view = { ...this.view, ...patch };
    if (patch.lang) setLocale(patch.lang);
    if (this.writeUrl()) void this.refresh();
  }

  /**
   * A change only the page computes from results it already has (the gap planner's rates, tried
   * while typing): the URL is replaced rather than pushed, and nothing is queried again.
   */
  setViewInPlace(patch: Partial<ViewState>): void {
    this.view = { ...this.view, ...patch };
    const query = encodeView(this.view);
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }

  /** The queries of the rows behind a tile for `range` (null: the tile has none). */
  private rowsFor(id: KpiId, range: DateRange) {
    return rowsQuery(id, this.params(range), this.pick, this.basis);
  }

  /** Whether a tile has rows to open. */
  hasRows(id: KpiId): boolean {
    return hasRowsFor(id, this.basis);
  }

  /** Opens the rows behind a tile (its numerator, or its denominator), in the query's order or sorted by a column. */
  async openRows(id: KpiId, part: Drill['part'] = 'numerator', sort: DrillSort | null = null): Promise<void> {
    const range = this.range;
    const q = range && this.db ? this.rowsFor(id, range) : null;
    if (!q) return;
    this.setStatus('loading');
    try {
      this.drill = await readDrill(this.db!, id, q, part, sort, this.drill?.id === id ? this.drill.columns : []);
      await tick();
      this.status = 'ready';
    } catch (e) {
      this.alerts.push({ key: 'error.query', params: { message: firstLine(e) }, level: 'error' });
      this.status = 'error';
    }
  }

  private async drillRows(d: Drill, range: DateRange): Promise<Drill | null> {
    const q = this.rowsFor(d.id, range);
    return q ? readDrill(this.db!, d.id, q, d.part, d.sort, d.columns) : null;
  }

  /** Every row of the open drill as CSV, in the order shown (read from the engine a slice at a time). */
  async drillCsv(): Promise<string> {
    const d = this.drill;
    const q = d && this.range && this.db ? this.rowsFor(d.id, this.range) : null;
    return q ? drillCsv(this.db!, partQuery(q, d!.part), d!.sort, d!.columns) : '';
  }

  closeRows(): void {
    this.drill = null;
  }

  private get basis(): 'revenue' | 'bookings' {
    return this.loadedKinds.includes('revenue') ? 'revenue' : 'bookings';
  }

  /** A click on a chart mark: add its value to a filter, or narrow the range to its period. */
  applyChartAction(a: ChartAction): void {
    if (a.type === 'range') {
      this.setView({ from: a.from, to: a.to });
      return;
    }
    const current = this.view.filters[a.field] ?? [];
    if (!current.includes(a.value)) this.setView({ filters: { ...this.view.filters, [a.field]: [...current, a.value] } });
  }

  /** Tells the user of filter values in the view that the loaded data does not hold (viewUrl.ts). */
  private checkFilterValues(): void {
    const options: Record<string, readonly string[] | undefined> = { ...this.filterOptions };
    for (const e of this.extraOptions) options[e.column] = e.values;
    const told = (key: string, value: string) => this.alerts.list.some((a) => a.key === 'url.unknownFilterValue' && a.params.key === key && a.params.value === value);
    for (const alert of unknownFilterValueAlerts(this.view.filters, options, told)) this.alerts.push(alert);
  }

  /** Back/forward, or a script's pushState + popstate: re-render the data already loaded. */
  onPopState(search: string, languages: readonly string[]): void {
    mark('view-change');
    this.applyUrl(search);
    if (this.hasData) this.checkFilterValues();
    setLocale(this.view.lang ?? browserLocale(languages));
    void this.refresh();
  }

  /** Forget the mappings remembered on this device (the ones in the current URL stay). */
  forgetMappings(): void {
    forgetAll();
  }

  private writeUrl(): boolean {
    // The link remembers which files it was made with, so a colleague with other files is told.
    if (this.fingerprint) this.view = { ...this.view, data: this.fingerprint };
    return pushViewUrl(this.view);
  }

  private mappingChanged(signature: string, override: MappingOverride | null): void {
    remember(signature, override);
    const mappings = { ...this.view.mappings };
    if (override) mappings[signature] = override;
    else delete mappings[signature];
    this.view = { ...this.view, mappings };
    this.writeUrl();
  }

  private applyUrl(search: string): void {
    const { view, notices } = decodeView(search);
    this.view = view;
    for (const alert of urlNoticeAlerts(notices)) this.alerts.push(alert);
  }

  /** Row counts per kind and the date span of the loaded files, hashed (see writeUrl). */
  private fingerprint: string | null = null;

  private async afterDataChange(): Promise<void> {
    if (!this.store || !this.db || this.pendingLoads > 0) return;
    this.db.clear();
    this.loadedKinds = KINDS.filter((k) => this.store!.has(k));
    const [span] = await this.db.query<{ lo: string | null; hi: string | null }>(
      sql`SELECT strftime(min(created_at), '%Y-%m-%d') AS lo, strftime(max(created_at), '%Y-%m-%d') AS hi FROM opportunities`,
    );
    const counts = this.store.files.filter((f) => f.missing.length === 0).map((f) => `${f.kind}:${f.rows}`).sort();
    this.fingerprint = counts.length ? headerSignature([...counts, span?.lo ?? '', span?.hi ?? '', (await this.store.asOf()) ?? '']) : null;
    if (this.view.data && this.fingerprint && this.view.data !== this.fingerprint && !this.alerts.list.some((a) => a.key === 'url.dataDiffers')) {
      this.alerts.push({ key: 'url.dataDiffers', params: {}, level: 'notice' });
    }
    // The address bar names the files now loaded at once, so a link copied before any view change
    // also tells a colleague when their files differ.
    if (this.fingerprint && this.view.data !== this.fingerprint) {
      this.view = { ...this.view, data: this.fingerprint };
      const query = encodeView(this.view);
      history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    }
    this.stages = this.store.stages.filter((st) => !st.isWon && !st.isLost);
    const fields = this.store.fieldSets();
    const options: Partial<Record<FilterField, string[]>> = {};
    for (const field of FILTER_FIELDS) {
      const q = filterOptionsSql(field, fields);
      if (q) options[field] = (await this.db.query<{ v: string }>(q)).map((r) => r.v);
    }
    this.filterOptions = options;
    const extras: { column: ExtraField; label: string; values: string[] }[] = [];
    for (const kind of ['opportunities', 'leads'] as const) {
      for (const { column, label } of this.store.extraColumns(kind)) {
        if (extras.some((e) => e.column === column) || !isExtraField(column)) continue;
        const values = (await this.db.query<{ v: string }>(extraOptionsSql(kind, column))).map((r) => r.v);
        if (values.length > 1) extras.push({ column, label, values });
      }
    }
    this.extraOptions = extras.slice(0, 12);
    this.checkFilterValues();
    this.dataAsOf = await this.store.asOf();
    const currencies = await this.db.query<{ currency: string }>(
      sql`SELECT DISTINCT upper(currency) AS currency FROM opportunities WHERE currency IS NOT NULL LIMIT 2`,
    );
    this.currency = currencies.length === 1 && /^[A-Z]{3}$/.test(currencies[0].currency) ? currencies[0].currency : null;
  }

  private params(range: DateRange): KpiParams {
    return {
      range,
      grain: this.view.grain,
      fyStart: this.view.fy,
      asOf: this.asOf!,
      filters: this.view.filters,
      fields: this.store!.fieldSets(),
    };
  }

  /** Stage 1 and 2 as positions: the view's picks by name, else the first two open stages. */
  get pick(): StagePick {
    const ord = (name: string | null, fallback: number) =>
      (name && this.stages.find((st) => st.key === stageKey(name))?.ord) || fallback;
    const s1 = ord(this.view.s1, 1);
    const s2 = ord(this.view.s2, s1 + 1);
    return { s1, s2: Math.max(s2, s1 + 1) };
  }

  /** The comparison range for the tiles. */
  comparison(range: DateRange): DateRange {
    return this.view.cmp === 'yoy' ? sameRangeLastYear(range) : previousRange(range);
  }

  private context(range: DateRange): ViewContext {
    return {
      db: this.db!,
      params: this.params(range),
      previous: this.comparison(range),
      loaded: new Set(this.loadedKinds),
      pick: this.pick,
      basis: this.basis,
    };
  }

  /** Re-runs every visible panel's queries; the latest view wins, stale results are dropped. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    if (this.pendingLoads > 0) return;
    if (!this.store || !this.db || !this.hasData) {
      this.data = null;
      this.setStatus(this.alerts.hasErrors ? 'error' : 'empty');
      return;
    }
    this.setStatus('loading');
    const range = this.range;
    try {
      let data: ViewData | null = null;
      if (range) {
        const ctx = this.context(range);
        // A filter on the opportunities gets its own day totals, built once (DataStore): those the tab reads.
        ctx.params.filteredTotals = await this.store.filteredTotals(ctx.params, DAY_TABLES_READ[this.view.tab]);
        data = await queryView(this.view.tab, ctx, this.view);
      }
      // Rows opened for the previous view no longer match it: refresh them too.
      const drill = this.drill && range ? await this.drillRows(this.drill, range) : null;
      if (generation !== this.generation) return;
      // The queries are answered; what follows until "ready" is rendering (the benchmark splits the two).
      mark('data');
      this.data = data;
      this.drill = drill;
      await tick();
      if (generation !== this.generation) return;
      this.status = 'ready';
      mark('ready');
      // What the load left for later is built while the page waits for the user.
      if (this.pendingLoads === 0) void this.store.dayTotals.finish();
    } catch (e) {
      if (generation !== this.generation) return;
      this.alerts.push({ key: 'error.query', params: { message: firstLine(e) }, level: 'error' });
      this.status = 'error';
    }
  }

  /** Status changes reach the DOM at once, so a test reading data-state never sees a stale "ready". */
  private setStatus(status: Status): void {
    this.status = status;
    flushSync();
  }
}
