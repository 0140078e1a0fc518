/** Opens the store the configuration names: Postgres when DATABASE_URL is set, else SQLite in DATA_DIR. */
import { mkdirSync } from 'node:fs';
import { postgresDriver } from './postgres.mjs';
import { sqliteDriver } from './sqlite.mjs';
import { makeStore } from './store.mjs';

export async function openStore(cfg) {
  mkdirSync(cfg.dataDir, { recursive: true });
  const driver = cfg.databaseUrl ? await postgresDriver(cfg.databaseUrl) : sqliteDriver(cfg.dataDir);
  return makeStore(driver, cfg.storageDir);
}
