/**
 * The embedded database: one SQLite file (better-sqlite3, WAL) that the web process, its
 * in-process render worker and `npm run worker` processes on the same machine open together.
 * The driver is asynchronous like the Postgres one. A transaction (BEGIN IMMEDIATE: one writer at
 * a time across processes) may await between its statements; statements of other requests wait
 * until it ends, so none of them runs inside it by accident.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SQLITE_SCHEMA } from './schema.mjs';

export const SQLITE_FILE = 'shop.sqlite';

export function sqliteDriver(dataDir) {
  const db = new Database(join(dataDir, SQLITE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  // WAL + NORMAL: a commit survives the process dying (the web's restart, a killed worker); only a power
  // loss may take back the last commits. Postgres (DATABASE_URL) is the store for more than that.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(SQLITE_SCHEMA);
  const prepared = new Map();
  const stmt = (sql) => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare(sql)));
    return s;
  };
  const inner = {
    get: async (sql, params = []) => stmt(sql).get(...params),
    all: async (sql, params = []) => stmt(sql).all(...params),
    run: async (sql, params = []) => stmt(sql).run(...params).changes,
  };
  let chain = Promise.resolve();
  /** Resolves when the open transaction ends; undefined while none is open. */
  let open;
  const outside = async () => {
    while (open) await open;
  };
  let closed = false;
  return {
    dialect: 'sqlite',
    get: async (sql, params) => (await outside(), inner.get(sql, params)),
    all: async (sql, params) => (await outside(), inner.all(sql, params)),
    run: async (sql, params) => (await outside(), inner.run(sql, params)),
    /** fn(q) runs in one transaction; q has get/all/run. Committed when fn resolves, rolled back when it throws. */
    tx(fn) {
      const run = chain.then(async () => {
        let end;
        open = new Promise((r) => (end = r));
        try {
          db.exec('BEGIN IMMEDIATE');
          const out = await fn(inner);
          db.exec('COMMIT');
          return out;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        } finally {
          open = undefined;
          end();
        }
      });
      chain = run.catch(() => {});
      return run;
    },
    async close() {
      if (closed) return;
      closed = true;
      await chain;
      db.close();
    },
  };
}
