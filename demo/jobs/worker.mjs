/** A render worker on whichever queue the configuration names: BullMQ when REDIS_URL is set, else the job table. */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { threadId } from 'node:worker_threads';
import { startBullWorker } from './bullmq.mjs';
import { startTableWorker } from './table-worker.mjs';

export const workerId = () => `${hostname()}:${process.pid}:${threadId}:${randomBytes(3).toString('hex')}`;

export function startRenderWorker(store, cfg, { log, id = workerId() }) {
  return (cfg.redisUrl ? startBullWorker : startTableWorker)(store, cfg, { id, log });
}
