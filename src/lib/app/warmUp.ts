// The engine's code runs once on the built-in sample while the user picks a file. The browser runs
// WebAssembly unoptimised at first and optimises the functions that run most: a first load paid
// for that, a second one did not (the 1M bench export in Chromium: 7.3 s on a fresh page, 6.6 s
// after loading the 977-row sample and removing it). The sample is read by a DataStore on a
// connection of its own, into a database of its own, dropped afterwards: the user's tables are
// never touched. Any action on the user's data stops it first (Dashboard), after its current statement.

import type { DbClient } from '../db/client';
import { cachedDb } from '../db/cache';
import { firstLine } from '../db/ingest';
import { fiscalYearToDate, previousRange } from '../kpi/period';
import { DEFAULT_VIEW, type Tab } from '../state/viewState';
import { DataStore } from './dataStore';
import { queryView } from './views';

/** The database the warm-up's tables live in, and the numbers of its files (the user's count from 1). */
const DATABASE = 'warm_up';
const FIRST_FILE_ID = 1_000_000;
/** The views most visited first: their queries are warmed too. */
const VIEWS: readonly Tab[] = ['overview', 'new_business', 'pipeline'];

class Stopped extends Error {}

export class WarmUp {
  private stopped = false;
  private running: Promise<void> = Promise.resolve();

  /** Starts warming the engine up with `sample` (an opportunities export); `done` is called when it has run to the end. */
  start(db: DbClient, sample: () => Promise<File>, done: () => void = () => {}): void {
    if (!db.session || this.stopped) return;
    // A failed warm-up costs nothing but its speed-up.
    const failed = (e: unknown) => console.warn('Warm-up:', firstLine(e));
    // Fetching the sample is not waited for by stop(): a slow host must not delay the user's file.
    sample().then((file) => {
      if (this.stopped) return;
      this.running = this.run(db, file).then((finished) => {
        if (finished) done();
      }, failed);
    }, failed);
  }

  /** Stops the warm-up after its current statement; resolves once its database is dropped. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async run(db: DbClient, file: File): Promise<boolean> {
    const session = await db.session!(DATABASE);
    // Every statement first asks whether the user has come with data of their own.
    const guarded: DbClient = {
      query: (q) => (this.stopped ? Promise.reject(new Stopped()) : session.query(q)),
      exec: (q) => (this.stopped ? Promise.reject(new Stopped()) : session.exec(q)),
      registerFile: (name, f) => session.registerFile(name, f),
      dropFile: (name) => session.dropFile(name),
    };
    try {
      const store = await DataStore.open(guarded, FIRST_FILE_ID);
      await store.add(file.name, file);
      const asOf = await store.asOf();
      if (!asOf) return true;
      const range = fiscalYearToDate(asOf, DEFAULT_VIEW.fy);
      const params = { range, grain: DEFAULT_VIEW.grain, fyStart: DEFAULT_VIEW.fy, asOf, filters: {}, fields: store.fieldSets() };
      const ctx = { db: cachedDb(guarded), params, previous: previousRange(range), loaded: new Set(['opportunities'] as const), pick: { s1: 1, s2: 2 }, basis: 'bookings' as const };
      for (const tab of VIEWS) await queryView(tab, ctx, { ...DEFAULT_VIEW, tab });
      return true;
    } catch (e) {
      // Stopped mid-way, a statement may fail another way first (a read cut short is a parse error).
      if (this.stopped) return false;
      throw e;
    } finally {
      await session.close();
    }
  }
}
