// DuckDB-WASM's blocking Node build behind DbClient: unit tests run the browser's engine.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BackgroundClient, DbClient, Row, SessionClient } from './client';
import { backgroundText, closeStatements, END_INTERRUPTED, MAIN_DATABASE, OPEN_STATEMENTS, openStatements, QUERY_POLLING_MS, tableToRows } from './client';
import { inlineParams, type Sql } from './sql';

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');

export async function openNodeDb(): Promise<DbClient> {
  const require = createRequire(import.meta.url);
  const duckdb = require('@duckdb/duckdb-wasm/blocking') as Blocking;
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/blocking'));
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  db.open({ query: { castBigIntToDouble: true, castTimestampToDate: true, castDecimalToDouble: true, queryPollingInterval: QUERY_POLLING_MS } });
  const conn = db.connect();
  for (const s of OPEN_STATEMENTS) conn.query(s);
  // The same object takes the session method: exec goes through its query (tests wrap query).
  return Object.assign(clientOf(db, conn), {
    async session(database: string): Promise<SessionClient> {
      const own = db.connect();
      for (const s of openStatements(database)) own.query(s);
      return Object.assign(clientOf(db, own), {
        async close(): Promise<void> {
          for (const s of closeStatements(database)) own.query(s);
          own.close();
        },
      });
    },
    async background(): Promise<BackgroundClient> {
      const own = db.connect();
      own.query(`USE ${MAIN_DATABASE}`);
      const [bindings, id] = own.useUnsafe((b, c) => [b, c] as const);
      return {
        async exec(q: Sql): Promise<void> {
          // As the browser's worker does: started, then polled, other queries running between the polls.
          try {
            let header = bindings.startPendingQuery(id, backgroundText(q), false);
            while (header === null) {
              await new Promise((resolve) => setImmediate(resolve));
              header = bindings.pollPendingQuery(id);
            }
          } catch (e) {
            try {
              own.query(END_INTERRUPTED);
            } catch {
              // The statement's own error is the one to report.
            }
            throw e;
          }
          while (bindings.fetchQueryResults(id)?.length) {
            // Results drained (a statement's row count).
          }
        },
        async cancel(): Promise<void> {
          bindings.cancelPendingQuery(id);
        },
      };
    },
  });
}

type Engine = Awaited<ReturnType<Blocking['createDuckDB']>>;

/** DbClient over one connection of the engine. */
function clientOf(db: Engine, conn: ReturnType<Engine['connect']>): DbClient {
  const client: DbClient = {
    async query<T extends Row>(q: Sql): Promise<T[]> {
      // Parameters written in as literals: one round trip instead of prepare, run and close.
      const text = inlineParams(q);
      if (text !== null) return tableToRows<T>(conn.query(text));
      const stmt = conn.prepare(q.text);
      try {
        return tableToRows<T>(stmt.query(...q.params));
      } finally {
        stmt.close();
      }
    },
    async exec(q: Sql): Promise<void> {
      await client.query(q);
    },
    async registerFile(name: string, file: File | Uint8Array): Promise<void> {
      const bytes = file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer());
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name: string): Promise<void> {
      db.dropFile(name);
    },
  };
  return client;
}
