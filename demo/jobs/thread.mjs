/**
 * The embedded default's in-process render worker: a worker thread of the web process, so that
 * rendering never holds up the web process's requests. It opens its own connection to the same
 * database and runs the same worker as `npm run worker`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../db/index.mjs';
import { lineLogger } from './log.mjs';
import { startRenderWorker } from './worker.mjs';

const { cfg, logLevel } = workerData;
const store = await openStore(cfg);
const worker = startRenderWorker(store, cfg, { log: lineLogger(logLevel, { process: 'web/render-thread' }) });
parentPort.on('message', async (m) => {
  if (m === 'nudge') worker.nudge();
  if (m === 'stop') {
    await worker.stop();
    await store.close();
    parentPort.postMessage('stopped');
    parentPort.close();
  }
});
parentPort.postMessage('started');
