/**
 * The embedded default's in-process render worker: a worker thread of the web process, so that
 * rendering never holds up the web process's requests. It opens its own connection to the same
 * database and runs the same worker as `npm run worker`. It also draws the cart's thumbnails
 * ({ type: 'thumb', id, product, order, files } → { type: 'thumb', id, png } or { …, error }).
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { renderMockups } from '../../dist/server.js';
import { openStore } from '../db/index.mjs';
import { lineLogger } from './log.mjs';
import { startRenderWorker } from './worker.mjs';

const { cfg, logLevel } = workerData;
const log = lineLogger(logLevel, { process: 'web/render-thread' });

/**
 * Rendering yields to intake: on Linux this thread (not the process: `/proc/thread-self` names the
 * thread's own id, and setpriority on a thread id touches that thread only) runs at the lowest
 * priority, so the web thread's requests are served first whenever both want a core, and the
 * backlog is rendered with what is left. Elsewhere the thread keeps the process's priority.
 */
function yieldToIntake() {
  let tid;
  try {
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return log.debug('no /proc/thread-self: the render thread keeps the process priority');
  }
  try {
    setPriority(tid, 19);
  } catch (e) {
    log.warn(`the render thread could not lower its priority: ${e.message}`);
  }
}
yieldToIntake();
const store = await openStore(cfg);
const worker = startRenderWorker(store, cfg, { log });
parentPort.on('message', async (m) => {
  if (m?.type === 'thumb') {
    try {
      const [front] = await renderMockups(m.product, m.order, m.files, { width: m.width, assetsBase: join(cfg.assetsDir, '..') });
      parentPort.postMessage({ type: 'thumb', id: m.id, png: front?.png });
    } catch (e) {
      parentPort.postMessage({ type: 'thumb', id: m.id, error: String(e?.message ?? e) });
    }
  }
  if (m === 'nudge') worker.nudge();
  if (m === 'stop') {
    await worker.stop();
    await store.close();
    parentPort.postMessage('stopped');
    parentPort.close();
  }
});
parentPort.postMessage('started');
