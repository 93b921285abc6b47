// The Node client's close, which lets unit tests share one engine between tests (helpers.ts testDb):
// nothing of a closed client is left in the engine, and nothing it started reaches the engine again.
import { describe, expect, test } from 'vitest';
import { createNodeEngine, openNodeDb } from '../../src/lib/db/node';
import { sql } from '../../src/lib/db/sql';
import { attachedDatabases } from './helpers';

describe('closing a Node client', () => {
  test('detaches its database and its sessions, stops its background statement, and refuses every call after', async () => {
    const engine = await createNodeEngine();
    const first = await openNodeDb(engine, 'first');
    await first.exec(sql`CREATE TABLE deals AS SELECT 1 AS id`);
    // A session left open, as a warm-up cut short leaves it.
    const session = await first.session!('warm_up');
    await session.exec(sql`CREATE TABLE sample AS SELECT 2 AS id`);
    const side = await first.background!();
    // A statement of some seconds, still running when the client closes.
    const running = side.exec(sql`CREATE TABLE slow AS SELECT sum(hash(i)) AS s FROM range(300000000) t(i)`);
    const settled = running.then(() => 'ended', (e: Error) => e.message);
    await first.query(sql`SELECT 1`);
    await first.close();
    expect(await settled).toMatch(/closed/);

    for (const call of [
      () => first.query(sql`SELECT 1`),
      () => first.exec(sql`SELECT 1`),
      () => first.registerFile('a.csv', new Uint8Array([97])),
      () => first.dropFile('a.csv'),
      () => first.session!('other'),
      () => first.background!(),
      () => side.exec(sql`SELECT 1`),
      () => session.query(sql`SELECT 1`),
      () => first.close(),
    ]) {
      await expect(call()).rejects.toThrow(/closed/);
    }

    // A client opened after it on the same engine sees none of it, and works.
    const second = await openNodeDb(engine, 'second');
    expect(await attachedDatabases(second)).toEqual(['memory', 'second']);
    expect(await second.query(sql`SELECT count(*)::INTEGER AS n FROM duckdb_tables()`)).toEqual([{ n: 0 }]);
    await second.exec(sql`CREATE TABLE deals AS SELECT 3 AS id`);
    expect(await second.query(sql`SELECT id FROM deals`)).toEqual([{ id: 3 }]);
    const otherSide = await second.background!();
    await otherSide.exec(sql`CREATE TABLE quick AS SELECT 42 AS v`);
    expect(await second.query(sql`SELECT v FROM quick`)).toEqual([{ v: 42 }]);
    await second.close();
  });

  test('a session closed by its owner is not detached again', async () => {
    const engine = await createNodeEngine();
    const db = await openNodeDb(engine, 'own');
    const session = await db.session!('warm_up');
    await session.close();
    expect(await attachedDatabases(db)).toEqual(['memory', 'own']);
    await db.close();
    const next = await openNodeDb(engine, 'next');
    expect(await attachedDatabases(next)).toEqual(['memory', 'next']);
    await next.close();
  });
});
