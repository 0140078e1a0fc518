/**
 * Render jobs through BullMQ on Redis (REDIS_URL). The web process adds one job per order, with the
 * orderId as the job id (a second add of the same order is dropped by Redis); `npm run worker`
 * processes run them. A worker killed mid-render holds a lock it no longer renews: BullMQ's
 * stalled-job check hands the job to another worker once RENDER_LEASE_MS has passed. A failed
 * render is retried RENDER_ATTEMPTS times with exponential backoff from RENDER_BACKOFF_MS; a
 * refusal (the order does not verify) is not retried. The database keeps each order's render
 * state; a worker finishes a job only while it holds it there (store.startRender/finishRender), so
 * an order's print files are stored once even if BullMQ ran its job twice.
 */
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { failureReason, isPermanent, renderOrder } from './render.mjs';
import { backoff } from './table-worker.mjs';

export const QUEUE_NAME = 'product-customizer-renders';
const connection = (cfg) => ({ url: cfg.redisUrl, maxRetriesPerRequest: null });

export function bullQueue(cfg) {
  const queue = new Queue(QUEUE_NAME, {
    connection: connection(cfg),
    defaultJobOptions: {
      attempts: cfg.attempts,
      backoff: { type: 'exponential', delay: cfg.backoffMs },
      removeOnComplete: { age: 7 * 86400 },
      removeOnFail: { age: 30 * 86400 },
    },
  });
  return {
    enqueue: (orderId) => queue.add('render', { orderId }, { jobId: orderId }),
    close: () => queue.close(),
  };
}

export function startBullWorker(store, cfg, { id, log }) {
  const worker = new Worker(
    QUEUE_NAME,
    async (job) => {
      const { orderId } = job.data;
      if (!(await store.startRender(orderId, id))) {
        log.info({ event: 'skipped', orderId, worker: id }, 'already ready or failed');
        return 'done before';
      }
      const attempt = job.attemptsMade + 1;
      log.info({ event: 'rendering', orderId, attempt, worker: id }, 'rendering');
      try {
        const rows = await renderOrder(store, orderId, { assetsDir: cfg.assetsDir, log });
        const finished = await store.finishRender(orderId, id, rows);
        log.info({ event: finished ? 'ready' : 'superseded', orderId, files: rows.length, worker: id }, finished ? 'ready' : 'another worker holds this job now; nothing stored');
        return finished ? 'ready' : 'superseded';
      } catch (e) {
        const last = isPermanent(e) || attempt >= cfg.attempts;
        const reason = failureReason(e);
        if (!isPermanent(e)) log.error(e, `render of ${orderId} failed`);
        await store.renderFailed(orderId, id, reason, last ? null : Date.now() + backoff(cfg, attempt));
        log.info({ event: last ? 'failed' : 'retry', orderId, attempt, reason, worker: id }, last ? 'failed' : 'will retry');
        throw isPermanent(e) ? new UnrecoverableError(reason) : e;
      }
    },
    {
      connection: connection(cfg),
      concurrency: 1,
      lockDuration: cfg.leaseMs,
      stalledInterval: Math.max(1000, Math.floor(cfg.leaseMs / 2)),
      maxStalledCount: cfg.attempts,
    },
  );
  // A job BullMQ gives up on without our handler seeing it (stalled too often) is failed in the store too.
  worker.on('failed', (job, err) => {
    if (job && (job.attemptsMade >= cfg.attempts || err instanceof UnrecoverableError || /stalled/i.test(err.message)))
      store.failJob(job.data.orderId, err.message).catch((e) => log.error(e, 'could not mark the job failed'));
  });
  worker.on('error', (e) => log.error(e, 'BullMQ worker error'));
  return {
    nudge() {},
    stop: () => worker.close(),
  };
}
