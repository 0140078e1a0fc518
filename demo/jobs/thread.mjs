/**
 * The embedded default's in-process render worker: a worker thread of the web process, so that
 * rendering never holds up the web process's requests. It opens its own connection to the same
 * database and runs the same worker as `npm run worker`. It also draws the cart's thumbnails
 * ({ type: 'thumb', id, product, order, files } → { type: 'thumb', id, png } or { …, error }).
 */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { renderMockups } from '../../dist/server.js';
import { openStore } from '../db/index.mjs';
import { lineLogger } from './log.mjs';
import { startRenderWorker } from './worker.mjs';

const { cfg, logLevel } = workerData;
const store = await openStore(cfg);
const worker = startRenderWorker(store, cfg, { log: lineLogger(logLevel, { process: 'web/render-thread' }) });
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
