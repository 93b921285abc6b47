// The page's model: view state, loaded files, status and query results, as runes.
// Components read it and call its methods; only this class talks to the DataStore.

import { flushSync, tick } from 'svelte';
import { KINDS, type Kind } from '../crm/fields';
import type { DbClient } from '../db/client';
import { firstLine, IngestError } from '../db/ingest';
import { sql } from '../db/sql';
import { browserLocale, setLocale, type MessageKey } from '../i18n/index.svelte';
import type { KpiParams } from '../kpi/params';
import { fiscalYearStart, fiscalYearToDate, type DateRange } from '../kpi/period';
import { decodeView, encodeView, type UrlNotice } from '../state/urlCodec';
import { DEFAULT_VIEW, type ViewState } from '../state/viewState';
import { DataStore } from './dataStore';
import { queryNewBusiness, type NewBusinessResults } from './results';
import { SAMPLE_FILES } from './sampleFiles';

export type Status = 'empty' | 'loading' | 'ready' | 'error';

export interface DatasetEntry {
  key: number;
  name: string;
  bytes: number;
  status: 'loading' | 'loaded';
  kind?: Kind;
  rows?: number;
  id?: number;
}

export interface Alert {
  id: number;
  key: MessageKey;
  params: Record<string, string | number>;
  /** A second sentence, e.g. that the data loaded before is unchanged. */
  note?: MessageKey;
}

const URL_ALERT: Record<UrlNotice['reason'], MessageKey> = {
  unknownKey: 'url.unknownKey',
  badValue: 'url.badValue',
  badVersion: 'url.badVersion',
  rangeOrder: 'url.rangeOrder',
  tooMany: 'url.tooMany',
};

export class Dashboard {
  view = $state<ViewState>({ ...DEFAULT_VIEW });
  status = $state<Status>('empty');
  engineReady = $state(false);
  datasets = $state<DatasetEntry[]>([]);
  alerts = $state<Alert[]>([]);
  asOf = $state<string | null>(null);
  currency = $state<string | null>(null);
  newBusiness = $state.raw<NewBusinessResults | null>(null);
  /** Kinds with at least one loaded file. */
  loadedKinds = $state<Kind[]>([]);

  private db: DbClient | null = null;
  private store: DataStore | null = null;
  private engine: Promise<DataStore> | null = null;
  private generation = 0;
  private pendingLoads = 0;
  private nextKey = 1;

  constructor(private readonly openDb: () => Promise<DbClient>) {}

  /** Reads the URL and starts the engine (the wasm download runs while the user picks files). */
  start(search: string, languages: readonly string[]): void {
    this.applyUrl(search);
    setLocale(this.view.lang ?? browserLocale(languages));
    void this.ensureEngine().catch(() => {});
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
        this.db = await this.openDb();
        this.store = await DataStore.open(this.db);
        this.engineReady = true;
        return this.store;
      } catch (e) {
        this.pushAlert('error.engine', { message: firstLine(e) });
        this.status = 'error';
        throw e;
      }
    })();
    return this.engine;
  }

  async addFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    this.pendingLoads++;
    this.setStatus('loading');
    const entries = files.map((f) => {
      const entry: DatasetEntry = { key: this.nextKey++, name: f.name, bytes: f.size, status: 'loading' };
      this.datasets.push(entry);
      return entry;
    });
    try {
      const store = await this.ensureEngine();
      for (const [i, file] of files.entries()) {
        const key = entries[i].key;
        try {
          const loaded = await store.add(file.name, file);
          this.updateEntry(key, { status: 'loaded', kind: loaded.kind, rows: loaded.rows, id: loaded.id });
        } catch (e) {
          this.removeEntry(key);
          this.reportIngestError(file.name, e);
        }
      }
      await this.afterDataChange();
    } catch {
      for (const entry of entries) this.removeEntry(entry.key);
    } finally {
      this.pendingLoads--;
      await this.refresh();
    }
  }

  async loadSample(baseUrl: string): Promise<void> {
    try {
      const files = await Promise.all(
        SAMPLE_FILES.map(async (name) => {
          const response = await fetch(new URL(`samples/${name}`, baseUrl));
          if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
          return new File([await response.blob()], name, { type: 'text/csv' });
        }),
      );
      await this.addFiles(files);
    } catch (e) {
      this.pushAlert('error.sample', { message: firstLine(e) });
    }
  }

  async removeFile(key: number): Promise<void> {
    const entry = this.datasets.find((d) => d.key === key);
    if (!entry || entry.id === undefined || !this.store) return;
    this.removeEntry(key);
    await this.store.remove(entry.id);
    await this.afterDataChange();
    await this.refresh();
  }

  /** A user's change to the view: written to the URL as a new history entry, then re-rendered. */
  setView(patch: Partial<ViewState>): void {
    this.view = { ...this.view, ...patch };
    if (patch.lang) setLocale(patch.lang);
    const query = encodeView(this.view);
    const search = query ? `?${query}` : '';
    // A change that leaves the URL as it is (the same value picked again) adds no history entry.
    if (search === location.search) return;
    history.pushState(null, '', `${location.pathname}${search}${location.hash}`);
    void this.refresh();
  }

  /** Back/forward, or a script's pushState + popstate: re-render the data already loaded. */
  onPopState(search: string, languages: readonly string[]): void {
    this.applyUrl(search);
    setLocale(this.view.lang ?? browserLocale(languages));
    void this.refresh();
  }

  dismissAlert(id: number): void {
    this.alerts = this.alerts.filter((a) => a.id !== id);
  }

  private applyUrl(search: string): void {
    const { view, notices } = decodeView(search);
    this.view = view;
    for (const n of notices) this.pushAlert(URL_ALERT[n.reason], { key: n.key, value: n.value });
  }

  private async afterDataChange(): Promise<void> {
    if (!this.store || !this.db) return;
    this.loadedKinds = KINDS.filter((k) => this.store!.has(k));
    this.asOf = await this.store.asOf();
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
      available: this.store!.mappedFields('opportunities'),
    };
  }

  /** Re-runs every visible panel's queries; the latest view wins, stale results are dropped. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    if (this.pendingLoads > 0) return;
    if (!this.store || !this.db || !this.hasData) {
      this.newBusiness = null;
      this.setStatus(this.alerts.some((a) => a.key.startsWith('error.')) ? 'error' : 'empty');
      return;
    }
    this.setStatus('loading');
    const range = this.range;
    try {
      const newBusiness = this.store.has('opportunities') && range ? await queryNewBusiness(this.db, this.params(range)) : null;
      if (generation !== this.generation) return;
      this.newBusiness = newBusiness;
      await tick();
      if (generation !== this.generation) return;
      this.status = 'ready';
    } catch (e) {
      if (generation !== this.generation) return;
      this.pushAlert('error.query', { message: firstLine(e) });
      this.status = 'error';
    }
  }

  /** Status changes reach the DOM at once, so a test reading data-state never sees a stale "ready". */
  private setStatus(status: Status): void {
    this.status = status;
    flushSync();
  }

  private reportIngestError(name: string, e: unknown): void {
    const note: MessageKey | undefined = this.hasData ? 'error.kept' : undefined;
    if (e instanceof IngestError) this.pushAlert(`error.${e.code}` as MessageKey, { name, ...e.detail }, note);
    else this.pushAlert('error.parse', { name, message: firstLine(e) }, note);
  }

  private pushAlert(key: MessageKey, params: Record<string, string | number>, note?: MessageKey): void {
    this.alerts = [...this.alerts, { id: this.nextKey++, key, params, note }];
  }

  private updateEntry(key: number, patch: Partial<DatasetEntry>): void {
    this.datasets = this.datasets.map((d) => (d.key === key ? { ...d, ...patch } : d));
  }

  private removeEntry(key: number): void {
    this.datasets = this.datasets.filter((d) => d.key !== key);
  }
}
