// The files the user dropped: loading them, describing what went wrong in each, the replace or
// append question, and the corrections made in the mapping screen.

import type { Kind } from '../crm/fields';
import type { Encoding } from '../db/encoding';
import { firstLine, IngestError } from '../db/ingest';
import type { MessageKey, MessageParams } from '../i18n/index.svelte';
import type { MappingOverride } from '../state/mappingCodec';
import type { Alerts } from './alerts.svelte';
import type { DataStore } from './dataStore';
import { dayOrderGuesses, type LoadedFile, type MappingChange } from './loadedFile';

/** What the page shows of a loaded file: a snapshot, replaced whenever the file changes. */
export type FileInfo = Omit<LoadedFile, 'source'>;

export interface DatasetEntry {
  key: number;
  name: string;
  bytes: number;
  status: 'loading' | 'loaded' | 'unmapped';
  info?: FileInfo;
}

export interface FilesContext {
  store(): Promise<DataStore>;
  alerts: Alerts;
  /** Corrections to apply to a newly read file, by header signature (the URL's, then remembered). */
  overrides(): Readonly<Record<string, MappingOverride>>;
  /** A user's correction, to put in the URL and remember on this device. */
  mappingChanged(signature: string, override: MappingOverride | null): void;
  /** Loading starts/ends: the dashboard shows "loading" and refreshes once at the end. */
  begin(): void;
  end(): Promise<void>;
}

const REJECT_REASON: Record<string, MessageKey> = {
  'MISSING COLUMNS': 'reject.missingColumns',
  'TOO MANY COLUMNS': 'reject.tooManyColumns',
  'UNQUOTED VALUE': 'reject.quote',
  'INVALID UNICODE': 'reject.unicode',
  'INVALID ENCODING': 'reject.unicode',
  'LINE SIZE OVER MAXIMUM': 'reject.lineTooLong',
};

/** Why DuckDB rejected a row, in the user's language where the reason is a known one. */
export function rejectReason(row: { type: string; error: string } | undefined): MessageParams[string] {
  if (!row) return '';
  const key = REJECT_REASON[row.type];
  return key ? { msg: key } : row.error;
}

const snapshot = ({ source: _source, ...info }: LoadedFile): FileInfo => ({ ...info });

/**
 * A file the user should look at in its mapping section: no kind recognised, a required column
 * missing, rows rejected, a day/month order guessed, or a saved reading that failed. Such files open
 * their section on a drop; the others stay a one-line entry.
 */
export function needsAttention(f: FileInfo): boolean {
  return f.unrecognised || f.missing.length > 0 || f.rejected > 0 || dayOrderGuesses(f).length > 0 || !!f.savedReadingFailed || noCloseDate(f);
}

/** A usable deal list with no column dating its wins and losses: they would count in no period. */
export function noCloseDate(f: FileInfo): boolean {
  return f.kind === 'opportunities' && !f.unrecognised && f.missing.length === 0 && !['close_date', 'won_at', 'lost_at'].some((k) => f.mapping[k]);
}

export class Files {
  entries = $state<DatasetEntry[]>([]);
  /** The files whose mapping section is open, in the order they were opened. */
  open = $state<number[]>([]);
  private nextKey = 1;

  constructor(private readonly ctx: FilesContext) {}

  get loaded(): DatasetEntry[] {
    return this.entries.filter((e) => e.status !== 'loading');
  }

  isOpen(key: number): boolean {
    return this.open.includes(key);
  }

  /** Opens or closes a file's mapping section. */
  toggle(key: number, open = !this.isOpen(key)): void {
    this.open = open ? (this.isOpen(key) ? this.open : [...this.open, key]) : this.open.filter((k) => k !== key);
  }

  /**
   * Data changes (loads, removals, corrections, readings again) run one after another, each on the
   * state the one before left: their statements would interleave on the engine's one connection and
   * drop or re-create each other's tables and types. Each shows "loading" at once (begin) and ends
   * in finish, before the next starts.
   */
  private changes: Promise<void> = Promise.resolve();

  private queue(change: () => Promise<void>): Promise<void> {
    this.ctx.begin();
    const run = this.changes.then(async () => {
      try {
        await change();
      } finally {
        await this.finish();
      }
    });
    // A change that fails (its error reaches the caller) must not block the ones after it.
    this.changes = run.catch(() => {});
    return run;
  }

  /** Loads files; `ask` false skips the replace-or-append question (the user has just answered it). */
  add(files: readonly File[], ask = true): Promise<void> {
    if (files.length === 0) return Promise.resolve();
    const entries = files.map((f) => ({ key: this.nextKey++, name: f.name, bytes: f.size, status: 'loading' as const }));
    this.entries = [...this.entries, ...entries];
    return this.queue(() => this.load(files, entries, ask));
  }

  private async load(files: readonly File[], entries: readonly DatasetEntry[], ask: boolean): Promise<void> {
    const batch = new Set(entries.map((e) => e.key));
    try {
      const store = await this.ctx.store();
      for (const [i, file] of files.entries()) {
        const key = entries[i].key;
        const hadData = this.loaded.length > 0;
        try {
          const f = await store.add(file.name, file, { overrides: this.ctx.overrides() });
          this.update(key, f);
          if (ask) await this.askReplaceOrAppend(key, f, batch);
          this.describe(key, f);
          if (needsAttention(f)) this.toggle(key, true);
        } catch (e) {
          this.entries = this.entries.filter((x) => x.key !== key);
          this.reportError(file.name, e, hadData);
        }
      }
    } catch {
      // The engine did not start: its own alert says so.
      this.entries = this.entries.filter((x) => !batch.has(x.key));
    }
  }

  /** Takes a file out: gone from the list at once, from the data once the changes before it are done. */
  remove(key: number): Promise<void> {
    const id = this.entries.find((e) => e.key === key)?.info?.id;
    if (id === undefined) return Promise.resolve();
    this.entries = this.entries.filter((e) => e.key !== key);
    this.toggle(key, false);
    this.ctx.alerts.clearFile(key);
    return this.queue(async () => (await this.ctx.store()).remove(id));
  }

  /** A correction from the mapping screen: kind, a column for a field, a date or number format. */
  remap(key: number, change: MappingChange): Promise<void> {
    return this.queue(() => this.applyRemap(key, change));
  }

  private async applyRemap(key: number, change: MappingChange): Promise<void> {
    const entry = this.entries.find((e) => e.key === key);
    // Removed while the change waited.
    if (!entry?.info) return;
    try {
      const store = await this.ctx.store();
      const f = await store.remap(entry.info.id, change);
      this.update(key, f);
      this.describe(key, f);
      this.ctx.mappingChanged(f.signature, store.overrideOf(f));
    } catch (e) {
      this.ctx.alerts.push({ key: 'error.query', params: { message: firstLine(e) }, level: 'error', fileKey: key });
    }
  }

  /** Reads a file again with another encoding or delimiter; the choice is remembered with the mapping. */
  reread(key: number, override: { encoding?: Encoding; delimiter?: string }): Promise<void> {
    return this.queue(() => this.applyReread(key, override));
  }

  private async applyReread(key: number, override: { encoding?: Encoding; delimiter?: string }): Promise<void> {
    const entry = this.entries.find((e) => e.key === key);
    // Removed while the change waited.
    if (!entry?.info) return;
    try {
      const store = await this.ctx.store();
      const f = await store.reread(entry.info.id, override);
      this.update(key, f);
      this.describe(key, f);
      this.ctx.mappingChanged(f.signature, store.overrideOf(f));
    } catch (e) {
      this.reportError(entry.name, e, true, key);
    }
  }

  private update(key: number, f: LoadedFile): void {
    const status = f.missing.length ? 'unmapped' : 'loaded';
    this.entries = this.entries.map((e) => (e.key === key ? { ...e, status, info: snapshot(f) } : e));
  }

  /** (Re)writes the alerts about one file: missing columns, rejected rows, unreadable values. */
  private describe(key: number, f: LoadedFile): void {
    const { alerts } = this.ctx;
    alerts.clearFile(key, (a) => a.key.startsWith('prompt.'));
    const name = f.name;
    const kind = `kind.${f.kind}` as MessageKey;
    if (f.unrecognised) {
      alerts.push({ key: 'error.unrecognised', params: { name, headers: f.columns.slice(0, 12).join(', ') }, level: 'error', fileKey: key });
    } else if (f.missing.length) {
      const fields = { msgs: f.missing.map((m) => `field.${m}` as MessageKey) };
      alerts.push({ key: 'file.missing', params: { name, kind: { msg: kind }, fields }, level: 'error', fileKey: key });
    }
    if (f.rejected) {
      const first = f.rejectedExamples[0];
      alerts.push({
        key: 'file.rejected',
        params: { name, n: f.rejected, line: first?.line ?? '', error: rejectReason(first) },
        level: 'notice',
        fileKey: key,
      });
    }
    if (f.savedReadingFailed) alerts.push({ key: 'file.savedReadingFailed', params: { name }, level: 'notice', fileKey: key });
    if (f.headerIssues.mixedEncoding) alerts.push({ key: 'file.mixedEncoding', params: { name }, level: 'notice', fileKey: key });
    if (f.headerIssues.longRows) alerts.push({ key: 'file.longRows', params: { name }, level: 'notice', fileKey: key });
    if (f.headerIssues.blank) alerts.push({ key: 'file.blankHeaders', params: { name, n: f.headerIssues.blank }, level: 'notice', fileKey: key });
    if (f.headerIssues.duplicates.length) {
      alerts.push({ key: 'file.duplicateHeaders', params: { name, columns: f.headerIssues.duplicates.map((h) => `“${h}”`).join(', ') }, level: 'notice', fileKey: key });
    }
    if (noCloseDate(f)) alerts.push({ key: 'file.noCloseDate', params: { name }, level: 'notice', fileKey: key });
    if (f.headerIssues.quoteSpans) {
      alerts.push({ key: 'file.quoteSpans', params: { name, n: f.headerIssues.quoteSpans.lines, row: f.headerIssues.quoteSpans.row }, level: 'notice', fileKey: key });
    }
    for (const column of f.emptyMapped) {
      const field = Object.keys(f.mapping).find((k) => f.mapping[k] === column) ?? '';
      alerts.push({ key: 'file.emptyColumn', params: { name, column, field: { msg: `field.${field}` as MessageKey } }, level: 'notice', fileKey: key });
    }
    for (const failure of f.failures) {
      alerts.push({
        key: 'file.unparsed',
        params: { name, n: failure.failed, column: failure.header, examples: failure.examples.map((x) => `“${x}”`).join(', ') },
        level: 'notice',
        fileKey: key,
      });
    }
  }

  /** Ids found more than once across the loaded files of a kind: one alert per kind naming its files, rewritten after every change. */
  private async checkDuplicates(): Promise<void> {
    const { alerts } = this.ctx;
    alerts.list = alerts.list.filter((a) => a.key !== 'file.duplicates');
    const store = await this.ctx.store();
    for (const kind of ['opportunities', 'leads'] as const) {
      if (!store.has(kind)) continue;
      const dups = await store.duplicateIds(kind);
      if (dups.count) {
        const files = dups.files.map((name) => `“${name}”`).join(', ');
        alerts.push({ key: 'file.duplicates', params: { n: dups.count, kind: { msg: `kind.${kind}` }, examples: dups.examples.join(', '), files }, level: 'notice' });
      }
    }
  }

  /** Every change ends here: duplicates re-checked, then the dashboard re-renders. */
  private async finish(): Promise<void> {
    try {
      await this.checkDuplicates();
    } catch {
      // The engine failed to start: its own alert says so.
    }
    await this.ctx.end();
  }

  /**
   * A file of a kind already loaded by an earlier drop: a re-export with the same name replaces the
   * old one, another file is added to it; either way the user can choose the other with one click.
   */
  private async askReplaceOrAppend(key: number, f: LoadedFile, batch: ReadonlySet<number>): Promise<void> {
    const earlier = this.entries.filter((e) => e.info && !batch.has(e.key) && e.info.kind === f.kind && e.key !== key);
    if (earlier.length === 0 || f.missing.length) return;
    const store = await this.ctx.store();
    const kind = { msg: `kind.${f.kind}` as MessageKey };
    const sameName = earlier.filter((e) => e.name === f.name);
    if (sameName.length) {
      const removed = sameName.map((e) => ({ entry: e, file: store.get(e.info!.id).source }));
      for (const e of sameName) await this.removeQuietly(e.key);
      const id = this.ctx.alerts.push({
        key: 'prompt.replaced', params: { name: f.name, kind }, level: 'notice', fileKey: key,
        actions: [{ label: 'prompt.keepBoth', run: () => { this.ctx.alerts.dismiss(id); return this.add(removed.map((r) => new File([r.file], r.entry.name)), false); } }],
      });
    } else {
      const others = earlier.map((e) => e.name).join(', ');
      const id = this.ctx.alerts.push({
        key: 'prompt.appended', params: { name: f.name, kind, others }, level: 'notice', fileKey: key,
        actions: [{ label: 'prompt.replaceInstead', run: () => {
          this.ctx.alerts.dismiss(id);
          return this.queue(async () => {
            for (const e of earlier) await this.removeQuietly(e.key);
          });
        } }],
      });
    }
  }

  private async removeQuietly(key: number): Promise<void> {
    const entry = this.entries.find((e) => e.key === key);
    if (!entry?.info) return;
    this.entries = this.entries.filter((e) => e.key !== key);
    this.toggle(key, false);
    this.ctx.alerts.clearFile(key);
    await (await this.ctx.store()).remove(entry.info.id);
  }

  private reportError(name: string, e: unknown, hadData: boolean, fileKey?: number): void {
    const note: MessageKey | undefined = hadData ? 'error.kept' : undefined;
    const alert: { key: MessageKey; params: MessageParams } = e instanceof IngestError
      ? { key: `error.${e.code}` as MessageKey, params: { name, ...e.detail } }
      : { key: 'error.parse', params: { name, message: firstLine(e) } };
    this.ctx.alerts.push({ ...alert, note, level: 'error', fileKey });
  }
}
