#!/usr/bin/env node
/**
 * npm start: builds what the demo needs only when dist/ is missing or older than its sources (or
 * REBUILD is set), then starts the demo shop (demo/server.mjs) and prints its URL and the
 * merchant's sign-in. A restart with nothing changed serves again in a second or two.
 * The settings (DATABASE_URL, REDIS_URL, STORAGE_DIR, RENDER_IN_PROCESS, MERCHANT_TOKEN, …) are
 * listed in demo/config.mjs; SIGTERM or SIGINT closes it gracefully.
 */
import { buildIfStale } from '../demo/build-if-stale.mjs';

buildIfStale('npm start');
const { createDemo, startMessage } = await import('../demo/server.mjs');
const { app, creds, setup, queue } = await createDemo({ logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
const address = await app.listen({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
console.log(startMessage(address, creds));
console.log(`${setup} · renders: ${queue.rendersHere ? 'in a child process at low priority' : 'in `npm run worker` processes'}`);
for (const signal of ['SIGTERM', 'SIGINT'])
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      (e) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
