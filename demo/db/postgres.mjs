/**
 * The scale-out database: Postgres through a pg connection pool (DATABASE_URL=postgres://…). Same
 * interface as the SQLite driver; statements are written with `?` placeholders and numbered here.
 * The schema is created on first open under an advisory lock, so web and worker processes that
 * start together do not race to create it.
 */
import pg from 'pg';
import { POSTGRES_SCHEMA } from './schema.mjs';

const BIGINT_OID = 20;
const SCHEMA_LOCK = 716_016;
const numbered = (sql) => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

export async function postgresDriver(url, { max = 10 } = {}) {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // BIGINT columns hold milliseconds and counts: numbers, not strings.
    types: { getTypeParser: (oid, format) => (oid === BIGINT_OID ? Number : pg.types.getTypeParser(oid, format)) },
  });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on('error', (e) => process.emitWarning(`postgres: ${e.message}`));
  const on = (client) => ({
    get: async (sql, params = []) => (await client.query(numbered(sql), params)).rows[0],
    all: async (sql, params = []) => (await client.query(numbered(sql), params)).rows,
    run: async (sql, params = []) => (await client.query(numbered(sql), params)).rowCount,
  });
  const setup = await pool.connect();
  try {
    await setup.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    await setup.query(POSTGRES_SCHEMA);
  } finally {
    await setup.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]);
    setup.release();
  }
  let closed = false;
  return {
    dialect: 'postgres',
    ...on(pool),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(on(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        // A failed ROLLBACK (connection gone) ends the transaction anyway; the error to report is e.
        await client.query('ROLLBACK').catch((r) => process.emitWarning(`postgres: ROLLBACK failed: ${r.message}`));
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
