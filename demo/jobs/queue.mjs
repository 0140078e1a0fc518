/**
 * The web process's side of rendering: after an order is stored (with its job `queued`), enqueue()
 * hands it to the workers. With REDIS_URL that is a BullMQ job; on the job table the row itself is
 * the job, and enqueue() only wakes the in-process worker. With RENDER_IN_PROCESS=1 (the embedded
 * default) a worker thread renders; otherwise this process never renders.
 *
 * An order stored just before the web process died, but not yet added to BullMQ, is not lost:
 * on start, and every minute, the web process adds every still-queued order again (Redis drops
 * the ones it has).
 */
import { Worker } from 'node:worker_threads';
import { bullQueue } from './bullmq.mjs';

export const SWEEP_MS = 60_000;

export async function openRenderQueue(store, cfg, { log, logLevel = 'warn' }) {
  const bull = cfg.redisUrl ? bullQueue(cfg) : undefined;
  /** Thumbnails the render thread is drawing: id → { resolve, reject }. */
  const thumbs = new Map();
  let nextThumb = 0;
  let thread;
  if (cfg.renderInProcess) {
    thread = new Worker(new URL('./thread.mjs', import.meta.url), { workerData: { cfg, logLevel } });
    await new Promise((resolve, reject) => {
      thread.once('message', resolve);
      thread.once('error', reject);
    });
    thread.on('error', (e) => log.error(e, 'the render thread failed'));
    thread.on('message', (m) => {
      const waiting = m?.type === 'thumb' && thumbs.get(m.id);
      if (!waiting) return;
      thumbs.delete(m.id);
      if (m.error) waiting.reject(new Error(m.error));
      else waiting.resolve(m.png);
    });
  }
  const sweep = async () => {
    if (!bull) return 0;
    const ids = await store.queuedJobs();
    for (const id of ids) await bull.enqueue(id);
    return ids.length;
  };
  let timer;
  if (bull) {
    await sweep();
    timer = setInterval(() => sweep().catch((e) => log.error(e, 'could not enqueue the queued orders again')), SWEEP_MS);
    timer.unref();
  }
  return {
    rendersHere: Boolean(thread),
    /** Never throws: the order is stored already; when Redis is away, the sweep adds it later. */
    async enqueue(orderId) {
      if (bull) await bull.enqueue(orderId).catch((e) => log.error(e, `could not enqueue ${orderId} now; the sweep will`));
      thread?.postMessage('nudge');
    },
    /**
     * The cart's thumbnail of a design (PNG bytes, `width` px wide), drawn by the render thread;
     * undefined when this process does not render (the cart then shows the product's picture).
     */
    thumbnail(product, order, files, width) {
      if (!thread) return Promise.resolve(undefined);
      const id = ++nextThumb;
      return new Promise((resolve, reject) => {
        thumbs.set(id, { resolve, reject });
        thread.postMessage({ type: 'thumb', id, product, order, files, width });
      });
    },
    sweep,
    async close() {
      clearInterval(timer);
      if (thread) {
        const stopped = new Promise((r) => thread.once('exit', r));
        thread.postMessage('stop');
        // A render in hand finishes first; one that hangs is not waited for (its job's lease runs out).
        const hung = setTimeout(() => thread.terminate(), 15_000);
        await stopped;
        clearTimeout(hung);
      }
      await bull?.close();
    },
  };
}
