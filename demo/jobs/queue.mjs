/**
 * The web process's side of rendering: after an order is stored (with its job `queued`), enqueue()
 * hands it to the workers. With REDIS_URL that is a BullMQ job; on the job table the row itself is
 * the job, and enqueue() only wakes the in-process worker. With RENDER_IN_PROCESS=1 (the embedded
 * default) a child process renders, at the lowest priority (render-child.mjs); otherwise this process never renders.
 *
 * An order stored just before the web process died, but not yet added to BullMQ, is not lost:
 * on start, and every minute, the web process adds every still-queued order again (Redis drops
 * the ones it has).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bullQueue } from './bullmq.mjs';

export const SWEEP_MS = 60_000;

export async function openRenderQueue(store, cfg, { log, logLevel = 'warn' }) {
  const bull = cfg.redisUrl ? bullQueue(cfg) : undefined;
  /** Thumbnails the render process is drawing: id → { resolve, reject }. */
  const thumbs = new Map();
  let nextThumb = 0;
  let child;
  let closing = false;
  if (cfg.renderInProcess) {
    // 'advanced' serialization: thumbnails travel back as bytes.
    child = fork(fileURLToPath(new URL('./render-child.mjs', import.meta.url)), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.send({ cfg, logLevel });
    await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the render process exited (${code}) before it started`)));
    });
    child.on('error', (e) => log.error(e, 'the render process failed'));
    child.on('exit', (code, signal) => {
      for (const [id, waiting] of thumbs) {
        thumbs.delete(id);
        waiting.reject(new Error('the render process has exited'));
      }
      if (!closing) log.error(`the render process exited (${signal ?? code}); orders stay queued until the web process restarts`);
    });
    child.on('message', (m) => {
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
    rendersHere: Boolean(child),
    /** Never throws: the order is stored already; when Redis is away, the sweep adds it later. */
    async enqueue(orderId) {
      if (bull) await bull.enqueue(orderId).catch((e) => log.error(e, `could not enqueue ${orderId} now; the sweep will`));
      if (child?.connected) child.send('nudge');
    },
    /**
     * The cart's thumbnail of a design (PNG bytes, `width` px wide), drawn by the render process;
     * undefined when this process does not render (the cart then shows the product's picture).
     */
    thumbnail(product, order, files, width) {
      if (!child) return Promise.resolve(undefined);
      if (!child.connected) return Promise.reject(new Error('the render process has exited'));
      const id = ++nextThumb;
      return new Promise((resolve, reject) => {
        thumbs.set(id, { resolve, reject });
        child.send({ type: 'thumb', id, product, order, files, width });
      });
    },
    sweep,
    async close() {
      clearInterval(timer);
      closing = true;
      if (child && child.exitCode === null && child.signalCode === null) {
        const stopped = new Promise((r) => child.once('exit', r));
        if (child.connected) child.send('stop');
        // A render in hand finishes first; one that hangs is not waited for (its job's lease runs out).
        const hung = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await stopped;
        clearTimeout(hung);
      }
      await bull?.close();
    },
  };
}
