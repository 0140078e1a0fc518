/**
 * The render worker on the database's job table (the embedded default, and Postgres without Redis):
 * takes the next due job with a lease (store.claimJob), renews the lease while it renders (a
 * heartbeat every third of it), and finishes the job with its files in one transaction. A worker
 * killed mid-render stops renewing: once its lease runs out, any worker takes the job up again.
 * A failed render is queued again after RENDER_BACKOFF_MS × 2^(attempt-1), and is `failed`, with
 * its reason, after RENDER_ATTEMPTS tries (at once when retrying cannot mend it).
 */
import { failureReason, isPermanent, renderOrder } from './render.mjs';

export const backoff = (cfg, attempt) => cfg.backoffMs * 2 ** (attempt - 1);

export function startTableWorker(store, cfg, { id, log }) {
  let stopped = false;
  let wake;
  const sleep = (ms) =>
    new Promise((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });

  async function work({ orderId, attempts }) {
    log.info({ event: 'rendering', orderId, attempt: attempts, worker: id }, 'rendering');
    const beat = setInterval(() => {
      store.heartbeat(orderId, id, cfg.leaseMs).then(
        (mine) => mine || log.warn({ orderId, worker: id }, 'lost the job to another worker (lease ran out)'),
        (e) => log.error(e, 'heartbeat failed'),
      );
    }, Math.max(200, Math.floor(cfg.leaseMs / 3)));
    try {
      const rows = await renderOrder(store, orderId, { assetsDir: cfg.assetsDir, log });
      const finished = await store.finishRender(orderId, id, rows);
      log.info({ event: finished ? 'ready' : 'superseded', orderId, files: rows.length, worker: id }, finished ? 'ready' : 'another worker holds this job now; nothing stored');
    } catch (e) {
      const last = isPermanent(e) || attempts >= cfg.attempts;
      const reason = failureReason(e);
      if (!isPermanent(e)) log.error(e, `render of ${orderId} failed`);
      await store.renderFailed(orderId, id, reason, last ? null : Date.now() + backoff(cfg, attempts));
      log.info({ event: last ? 'failed' : 'retry', orderId, attempt: attempts, reason, worker: id }, last ? 'failed' : 'will retry');
    } finally {
      clearInterval(beat);
    }
  }

  async function loop() {
    while (!stopped) {
      let job;
      try {
        job = await store.claimJob(id, cfg.leaseMs, cfg.attempts);
      } catch (e) {
        // The database is away (restarting): say so and try again after a pause.
        log.error(e, 'could not take a job');
        await sleep(cfg.pollMs * 4);
        continue;
      }
      if (!job) {
        await sleep(cfg.pollMs);
        continue;
      }
      try {
        await work(job);
      } catch (e) {
        // Storing the outcome failed (the database went away): the job's lease runs out and it is taken up again.
        log.error(e, `could not store the outcome of ${job.orderId}`);
        await sleep(cfg.pollMs * 4);
      }
    }
  }
  const running = loop();
  return {
    /** A job was just queued: look now rather than at the next poll. */
    nudge: () => wake?.(),
    /** Stops after the job in hand (if any). */
    async stop() {
      stopped = true;
      wake?.();
      await running;
    },
  };
}
