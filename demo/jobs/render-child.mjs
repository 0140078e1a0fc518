/**
 * The embedded default's render worker: a child process of the web process (started by queue.mjs with
 * `fork`), so that rendering never holds up the web process's requests. It opens its own connection
 * to the same database and runs the same worker as `npm run worker`. It also draws the cart's
 * thumbnails ({ type: 'thumb', id, product, order, files } → { type: 'thumb', id, png } or { …, error }).
 *
 * Rendering yields to intake: on Linux every thread of this process runs at the lowest priority
 * (nice 19), so the web process is served first whenever both want a core, and the backlog is
 * rendered with what is left. A process, not a worker thread, because a render's work is not all on
 * its own thread: @napi-rs/canvas encodes on the libuv thread pool and V8 collects garbage on helper
 * threads, which a worker thread shares with the web thread and cannot lower.
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { renderMockups } from '../../dist/server.js';
import { openStore } from '../db/index.mjs';
import { lineLogger } from './log.mjs';
import { startRenderWorker } from './worker.mjs';

/**
 * setpriority on Linux changes one thread; a thread inherits its creator's value. So every thread
 * that exists now (the main one, V8's helpers) is lowered by its id, and those made later (the libuv
 * pool, made by the main thread) start low. Elsewhere the whole process is lowered by its pid.
 */
function yieldToIntake(log) {
  let threads;
  try {
    threads = readdirSync('/proc/self/task').map(Number);
  } catch {
    threads = [process.pid];
  }
  for (const tid of threads) {
    try {
      setPriority(tid, 19);
    } catch (e) {
      log.warn(`the render process could not lower the priority of thread ${tid}: ${e.message}`);
    }
  }
}

const { cfg, logLevel } = await new Promise((resolve) => process.once('message', resolve));
const log = lineLogger(logLevel, { process: 'web/render' });
yieldToIntake(log);
const store = await openStore(cfg);
const worker = startRenderWorker(store, cfg, { log });
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  await store.close();
  process.disconnect?.();
}
process.on('message', async (m) => {
  if (m?.type === 'thumb') {
    try {
      const [front] = await renderMockups(m.product, m.order, m.files, { width: m.width, assetsBase: join(cfg.assetsDir, '..') });
      process.send({ type: 'thumb', id: m.id, png: front?.png });
    } catch (e) {
      process.send({ type: 'thumb', id: m.id, error: String(e?.message ?? e) });
    }
  }
  if (m === 'nudge') worker.nudge();
  if (m === 'stop') await stop();
});
// The web process gone (however it ended): finish the render in hand and leave; its lease covers the rest.
process.on('disconnect', () => stop().finally(() => process.exit(0)));
process.send('started');
