// The warm-up (app/warmUp.ts) runs the engine's code on the built-in sample in a database of its own:
// the user's tables stay as they were, its database is gone afterwards, and it stops when told.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { attachedDatabases, testDb } from './helpers';
import { DataStore } from '../../src/lib/app/dataStore';
import { WarmUp } from '../../src/lib/app/warmUp';
import type { DbClient, SessionClient } from '../../src/lib/db/client';
import { raw, sql } from '../../src/lib/db/sql';

const SAMPLE = new URL('../../public/samples/opportunities.csv', import.meta.url);
const sample = async () => new File([readFileSync(SAMPLE)], 'opportunities.csv');
/** Data rows of the sample, counted from its lines (no value in it spans lines). */
const SAMPLE_ROWS = readFileSync(SAMPLE, 'utf8').trimEnd().split('\n').length - 1;

/** `db` whose warm-up sessions count their statements and call `onStatement` with the count. */
function counting(db: DbClient, onStatement: (n: number) => void): DbClient {
  let n = 0;
  return {
    ...db,
    async session(name: string): Promise<SessionClient> {
      const s = await db.session!(name);
      return { ...s, query: (q) => (onStatement(++n), s.query(q)), exec: (q) => (onStatement(++n), s.exec(q)) };
    },
  };
}

const tables = (db: DbClient) =>
  db.query<{ d: string; t: string }>(raw(`SELECT database_name AS d, table_name AS t FROM duckdb_tables() ORDER BY ALL`));

describe('warming the engine up', () => {
  test('runs to the end in its own database and leaves the user tables as they were', async () => {
    const db = await testDb();
    const store = await DataStore.open(db);
    const before = await tables(db);
    let statements = 0;
    const warm = new WarmUp();
    // `done` is called once it has run to the end (a failure would leave this waiting: the test times out).
    await new Promise<void>((resolve) => warm.start(counting(db, (n) => (statements = n)), sample, resolve));
    // A load, the day tables and three views' queries: many statements ran, none on the user's tables.
    expect(statements).toBeGreaterThan(100);
    expect(await tables(db)).toEqual(before);
    expect(await attachedDatabases(db)).not.toContain('warm_up');
    // The user's store then loads the same file as on a fresh engine.
    await store.add('opportunities.csv', await sample());
    const [{ n }] = await db.query<{ n: number }>(sql`SELECT count(*) AS n FROM opportunities`);
    expect(Number(n)).toBe(SAMPLE_ROWS);
  });

  test('stops after the statement it is running, drops its database, and never starts again', async () => {
    const db = await testDb();
    await DataStore.open(db);
    const before = await tables(db);
    const warm = new WarmUp();
    let done = false;
    let last = 0;
    await new Promise<void>((resolve) => {
      warm.start(counting(db, (n) => {
        last = n;
        if (n === 40) {
          void warm.stop();
          resolve();
        }
      }), sample, () => (done = true));
    });
    await warm.stop();
    expect(done).toBe(false);
    expect(last).toBe(40);
    expect(await tables(db)).toEqual(before);
    expect(await attachedDatabases(db)).not.toContain('warm_up');
    // Once stopped, it stays stopped.
    let started = false;
    warm.start(counting(db, () => (started = true)), sample);
    await warm.stop();
    expect(started).toBe(false);
  });

  test('a sample still being fetched does not hold the user back, and never runs once stopped', async () => {
    const db = await testDb();
    await DataStore.open(db);
    let release: (f: File) => void = () => {};
    let statements = 0;
    const warm = new WarmUp();
    warm.start(counting(db, () => statements++), () => new Promise<File>((resolve) => (release = resolve)));
    // The fetch never answers before stop(): stop() does not wait for it.
    await warm.stop();
    release(await sample());
    // The fetch's answer is handled before the next macrotask.
    await new Promise((r) => setImmediate(r));
    await warm.stop();
    expect(statements).toBe(0);
    expect(await attachedDatabases(db)).not.toContain('warm_up');
  });

  test('an engine without sessions is not warmed up', async () => {
    const db = await testDb();
    const { session: _, ...plain } = db;
    const warm = new WarmUp();
    let done = false;
    warm.start(plain, sample, () => (done = true));
    await warm.stop();
    expect(done).toBe(false);
  });
});
