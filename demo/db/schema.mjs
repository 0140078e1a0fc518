/**
 * The demo's tables, one schema in two dialects (SQLite, Postgres) with the same meaning:
 * products' revisions, carts and their lines, orders with their files, render jobs and merchant
 * sessions. Times the queue compares (run_after, lease_until) are milliseconds since the epoch.
 */
const tables = ({ serial, bigint, real }) => `
CREATE TABLE IF NOT EXISTS revisions (
  product_id TEXT NOT NULL, revision TEXT NOT NULL, json TEXT NOT NULL, name TEXT NOT NULL,
  published_at TEXT NOT NULL, seq ${bigint} NOT NULL, PRIMARY KEY (product_id, revision));
CREATE TABLE IF NOT EXISTS carts (id TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cart_lines (
  id ${serial}, cart_id TEXT NOT NULL REFERENCES carts(id), order_id TEXT NOT NULL,
  product_id TEXT NOT NULL, revision TEXT NOT NULL, quantity INTEGER NOT NULL, currency TEXT NOT NULL,
  order_json TEXT NOT NULL, files_json TEXT NOT NULL, thumb_sha TEXT, added_at TEXT NOT NULL, UNIQUE (cart_id, order_id));
CREATE TABLE IF NOT EXISTS orders (
  order_id TEXT PRIMARY KEY, owner TEXT NOT NULL, product_id TEXT NOT NULL, revision TEXT NOT NULL,
  quantity INTEGER NOT NULL, order_json TEXT NOT NULL, verification_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in production', 'shipped')),
  source TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS order_files (
  order_id TEXT NOT NULL REFERENCES orders(order_id), kind TEXT NOT NULL, key TEXT NOT NULL, sha256 TEXT NOT NULL,
  name TEXT NOT NULL, type TEXT NOT NULL, area TEXT, width INTEGER, height INTEGER, dpi ${real},
  PRIMARY KEY (order_id, key));
CREATE TABLE IF NOT EXISTS render_jobs (
  order_id TEXT PRIMARY KEY REFERENCES orders(order_id),
  state TEXT NOT NULL CHECK (state IN ('queued', 'rendering', 'ready', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0, renders INTEGER NOT NULL DEFAULT 0,
  run_after ${bigint} NOT NULL, lease_until ${bigint}, worker TEXT, error TEXT, updated_at ${bigint} NOT NULL);
CREATE INDEX IF NOT EXISTS render_jobs_due ON render_jobs (state, run_after);
CREATE TABLE IF NOT EXISTS merchant_sessions (
  id_hash TEXT PRIMARY KEY, csrf_secret TEXT NOT NULL, created_at TEXT NOT NULL, expires_at ${bigint} NOT NULL);
`;

export const SQLITE_SCHEMA = tables({ serial: 'INTEGER PRIMARY KEY AUTOINCREMENT', bigint: 'INTEGER', real: 'REAL' });
export const POSTGRES_SCHEMA = tables({ serial: 'BIGSERIAL PRIMARY KEY', bigint: 'BIGINT', real: 'DOUBLE PRECISION' });
