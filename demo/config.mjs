/**
 * The platform's settings, read from the environment by the web process (demo/server.mjs) and by
 * render workers (scripts/worker.mjs) alike, so both run on the same database, queue and storage.
 *
 *   DATA_DIR            the demo's folder (default ./.data): SQLite file, cookie secret, merchant sign-in
 *   DATABASE_URL        postgres://…: orders, carts and render jobs in Postgres (default: SQLite in DATA_DIR)
 *   REDIS_URL           redis://…: render jobs go through BullMQ on Redis (default: the database's job table)
 *   STORAGE_DIR         uploads and print files (default DATA_DIR/files); shared by every machine of a deployment
 *   ASSETS_DIR          product images and fonts (default examples/assets)
 *   RENDER_IN_PROCESS   1: the web process renders too (in a child process at nice 19); 0: it never renders, `npm run worker`
 *                       does. Default 1, but 0 as soon as DATABASE_URL or REDIS_URL is set.
 *   RENDER_ATTEMPTS     tries per order before it is `failed` (default 5)
 *   RENDER_BACKOFF_MS   wait before the first retry, doubled for each next one (default 2000)
 *   RENDER_LEASE_MS     how long a worker holds a job without a heartbeat (table queue) or its BullMQ lock
 *                       lasts; a killed worker's job is taken up again after it (default 30000)
 *   RENDER_POLL_MS      how often an idle table-queue worker looks for jobs (default 500)
 *   MERCHANT_TOKEN      the bearer token of the merchant API (GET /api/merchant/…); at least 24 characters
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

const int = (env, name, fallback, min) => {
  if (env[name] === undefined || env[name] === '') return fallback;
  const n = Number(env[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}, got ${JSON.stringify(env[name])}`);
  return n;
};
const url = (env, name, protocols) => {
  const v = env[name];
  if (!v) return undefined;
  let u;
  try {
    u = new URL(v);
  } catch {
    throw new Error(`${name} is not a URL (expected ${protocols[0]}//…)`);
  }
  if (!protocols.includes(u.protocol)) throw new Error(`${name} must start with ${protocols.join(' or ')}//, got ${u.protocol}//`);
  return v;
};

/** overrides: what createDemo's caller passed (dataDir, assetsDir) over the environment. */
export function platformConfig(env, overrides = {}) {
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR ?? join(ROOT, '.data'));
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const flag = env.RENDER_IN_PROCESS;
  if (flag !== undefined && !['0', '1'].includes(flag)) throw new Error('RENDER_IN_PROCESS must be 0 or 1');
  const token = env.MERCHANT_TOKEN || undefined;
  if (token !== undefined && token.length < 24) throw new Error('MERCHANT_TOKEN must have at least 24 characters (e.g. openssl rand -hex 24)');
  return {
    dataDir,
    databaseUrl,
    redisUrl,
    storageDir: resolve(env.STORAGE_DIR || join(dataDir, 'files')),
    assetsDir: resolve(overrides.assetsDir ?? env.ASSETS_DIR ?? join(ROOT, 'examples/assets')),
    renderInProcess: flag === undefined ? !databaseUrl && !redisUrl : flag === '1',
    merchantToken: token,
    attempts: int(env, 'RENDER_ATTEMPTS', 5, 1),
    backoffMs: int(env, 'RENDER_BACKOFF_MS', 2000, 1),
    leaseMs: int(env, 'RENDER_LEASE_MS', 30_000, 1000),
    pollMs: int(env, 'RENDER_POLL_MS', 500, 10),
  };
}

/** What a process tells its operator about where it stores and queues (no secrets: URLs lose their password). */
export function describeSetup(cfg) {
  const safe = (u) => {
    const x = new URL(u);
    if (x.password) x.password = '***';
    return x.toString();
  };
  return [
    `database: ${cfg.databaseUrl ? safe(cfg.databaseUrl) : `SQLite in ${cfg.dataDir}`}`,
    `render jobs: ${cfg.redisUrl ? `BullMQ on ${safe(cfg.redisUrl)}` : 'the database’s job table'}`,
    `files: ${cfg.storageDir}`,
  ].join(' · ');
}
