#!/usr/bin/env node
/**
 * npm run worker: a render worker, with the same environment as the web process (`npm start`):
 * DATABASE_URL, REDIS_URL, STORAGE_DIR, ASSETS_DIR, DATA_DIR, RENDER_* (demo/config.mjs). Start any
 * number of them on any number of machines; with REDIS_URL they take BullMQ jobs, otherwise jobs
 * from the database's job table (SQLite: same machine and DATA_DIR as the web process). Logs one
 * JSON line per event (rendering, ready, retry, failed). SIGTERM or SIGINT: finishes the job in
 * hand, then exits; SIGKILL loses nothing (the job goes to another worker when its lease runs out).
 */
import { buildIfStale } from '../demo/build-if-stale.mjs';

buildIfStale('npm run worker');
const { describeSetup, platformConfig } = await import('../demo/config.mjs');
const { openStore } = await import('../demo/db/index.mjs');
const { lineLogger } = await import('../demo/jobs/log.mjs');
const { startRenderWorker, workerId } = await import('../demo/jobs/worker.mjs');

const cfg = platformConfig(process.env);
const id = workerId();
const log = lineLogger(process.env.LOG_LEVEL ?? 'info', { process: 'worker', worker: id });
const store = await openStore(cfg);
const worker = startRenderWorker(store, cfg, { log, id });
log.info({ event: 'started' }, `render worker started · ${describeSetup(cfg)}`);
for (const signal of ['SIGTERM', 'SIGINT'])
  process.once(signal, async () => {
    log.info({ event: 'stopping' }, `${signal}: finishing the job in hand`);
    await worker.stop();
    await store.close();
    process.exit(0);
  });
