// DuckDB-WASM in the browser: one instance in a classic Web Worker, bundles served from this site.

import * as duckdb from '@duckdb/duckdb-wasm';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import type { BackgroundClient, DbClient, Row, SessionClient } from './client';
import { backgroundText, closeStatements, END_INTERRUPTED, MAIN_DATABASE, OPEN_STATEMENTS, openStatements, QUERY_POLLING_MS, tableToRows } from './client';
import { inlineParams, type Sql } from './sql';
import { WORKER_PRELUDE } from './workerPrelude';

const absolute = (url: string) => new URL(url, document.baseURI).href;

async function instantiate(): Promise<duckdb.AsyncDuckDB> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: absolute(mvpWasm), mainWorker: absolute(mvpWorker) },
    eh: { mainModule: absolute(ehWasm), mainWorker: absolute(ehWorker) },
  });
  // A classic worker whose script comes from our own origin, started from a blob: URL so that it
  // inherits the page's Content-Security-Policy (a worker loaded by URL takes its policy from its
  // own HTTP response, which a plain static host leaves empty): DuckDB can then reach no other origin.
  const script = await fetch(bundle.mainWorker!);
  if (!script.ok) throw new Error(`DuckDB worker: HTTP ${script.status}`);
  const blobUrl = URL.createObjectURL(new Blob([WORKER_PRELUDE, await script.text()], { type: 'text/javascript' }));
  const worker = new Worker(blobUrl);
  URL.revokeObjectURL(blobUrl);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true, castTimestampToDate: true, castDecimalToDouble: true, queryPollingInterval: QUERY_POLLING_MS } });
  return db;
}

export async function openBrowserDb(): Promise<DbClient> {
  const db = await instantiate();
  const conn = await db.connect();
  for (const s of OPEN_STATEMENTS) await conn.query(s);
  // The same object takes the session method: exec goes through its query (tests wrap query).
  return Object.assign(clientOf(db, conn), {
    async session(database: string): Promise<SessionClient> {
      const own = await db.connect();
      for (const s of openStatements(database)) await own.query(s);
      return Object.assign(clientOf(db, own), {
        async close(): Promise<void> {
          for (const s of closeStatements(database)) await own.query(s);
          await own.close();
        },
      });
    },
    async background(): Promise<BackgroundClient> {
      const own = await db.connect();
      await own.query(`USE ${MAIN_DATABASE}`);
      return {
        async exec(q: Sql): Promise<void> {
          try {
            // send() polls the engine for the statement's progress: a message of its own each step.
            for await (const batch of await own.send(backgroundText(q))) void batch;
          } catch (e) {
            // The statement's own error is the one to report.
            await own.query(END_INTERRUPTED).catch(() => {});
            throw e;
          }
        },
        async cancel(): Promise<void> {
          await own.cancelSent();
        },
      };
    },
  });
}

/** DbClient over one connection of the engine. */
function clientOf(db: duckdb.AsyncDuckDB, conn: duckdb.AsyncDuckDBConnection): DbClient {
  const client: DbClient = {
    async query<T extends Row>(q: Sql): Promise<T[]> {
      // Parameters written in as literals: one round trip instead of prepare, run and close.
      const text = inlineParams(q);
      if (text !== null) return tableToRows<T>(await conn.query(text));
      const stmt = await conn.prepare(q.text);
      try {
        return tableToRows<T>(await stmt.query(...q.params));
      } finally {
        await stmt.close();
      }
    },
    async exec(q: Sql): Promise<void> {
      await client.query(q);
    },
    async registerFile(name: string, file: File | Uint8Array): Promise<void> {
      if (file instanceof Uint8Array) await db.registerFileBuffer(name, file);
      else await db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    },
    async dropFile(name: string): Promise<void> {
      await db.dropFile(name);
    },
  };
  return client;
}
