// DuckDB-WASM's blocking Node build behind DbClient: unit tests run the browser's engine.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BackgroundClient, DbClient, Row, SessionClient } from './client';
import { backgroundText, closeStatements, END_INTERRUPTED, MAIN_DATABASE, openStatements, QUERY_POLLING_MS, tableToRows } from './client';
import { inlineParams, type Sql } from './sql';

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');
/** DuckDB-WASM instantiated and opened: the costly part of opening (about 1.5 s in Node, mostly the wasm's dynamic linking in JS). */
export type NodeEngine = Awaited<ReturnType<Blocking['createDuckDB']>>;
type Connection = ReturnType<NodeEngine['connect']>;

export async function createNodeEngine(): Promise<NodeEngine> {
  const require = createRequire(import.meta.url);
  const duckdb = require('@duckdb/duckdb-wasm/blocking') as Blocking;
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/blocking'));
  const bundles = {
    mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const engine = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await engine.instantiate(() => {});
  engine.open({ query: { castBigIntToDouble: true, castTimestampToDate: true, castDecimalToDouble: true, queryPollingInterval: QUERY_POLLING_MS } });
  return engine;
}

export interface NodeDbClient extends DbClient {
  /**
   * Closes the client's connections and detaches its database and its sessions': the engine can then
   * serve another client. Every call on the client fails from then on, a background statement's polling too.
   */
  close(): Promise<void>;
}

/**
 * A client whose tables live in `database`, on a new engine or on `shared` (tests reuse engines:
 * each client's own database keeps their tables apart, as the warm-up's session does in the page).
 */
export async function openNodeDb(shared?: NodeEngine, database = MAIN_DATABASE): Promise<NodeDbClient> {
  const db = shared ?? (await createNodeEngine());
  const connections = new Set<Connection>();
  const sessions = new Set<string>();
  let closed = false;
  // DuckDB-WASM numbers a connection by its address, which a later connection may take: a closed
  // client must never reach the engine again.
  const open = () => {
    if (closed) throw new Error('The DuckDB client is closed');
  };
  const connect = (statements: string[]) => {
    open();
    const conn = db.connect();
    connections.add(conn);
    for (const s of statements) conn.query(s);
    return conn;
  };
  const conn = connect(openStatements(database));
  // The same object takes the session method: exec goes through its query (tests wrap query).
  return Object.assign(clientOf(db, conn, open), {
    async session(name: string): Promise<SessionClient> {
      const own = connect(openStatements(name));
      sessions.add(name);
      return Object.assign(clientOf(db, own, open), {
        async close(): Promise<void> {
          open();
          for (const s of closeStatements(name, database)) own.query(s);
          sessions.delete(name);
          connections.delete(own);
          own.close();
        },
      });
    },
    async background(): Promise<BackgroundClient> {
      const own = connect([`USE ${database}`]);
      const [bindings, id] = own.useUnsafe((b, c) => [b, c] as const);
      return {
        async exec(q: Sql): Promise<void> {
          open();
          // As the browser's worker does: started, then polled, other queries running between the polls.
          try {
            let header = bindings.startPendingQuery(id, backgroundText(q), false);
            while (header === null) {
              await new Promise((resolve) => setImmediate(resolve));
              open();
              header = bindings.pollPendingQuery(id);
            }
          } catch (e) {
            try {
              open();
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
          open();
          bindings.cancelPendingQuery(id);
        },
      };
    },
    async close(): Promise<void> {
      open();
      closed = true;
      for (const c of connections) c.close();
      const last = db.connect();
      try {
        for (const name of [database, ...sessions]) last.query(`DETACH ${name}`);
      } finally {
        last.close();
      }
    },
  });
}

/** DbClient over one connection of the engine. */
function clientOf(db: NodeEngine, conn: Connection, open: () => void): DbClient {
  const client: DbClient = {
    async query<T extends Row>(q: Sql): Promise<T[]> {
      open();
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
      open();
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name: string): Promise<void> {
      open();
      db.dropFile(name);
    },
  };
  return client;
}
