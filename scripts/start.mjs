#!/usr/bin/env node
/**
 * npm start: builds what the demo needs (when dist/ is missing or REBUILD is set), then starts the
 * demo shop (demo/server.mjs) and prints its URL and the merchant's sign-in.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(join(root, 'dist/server.js')) || !existsSync(join(root, 'dist/product-customizer.js')) || process.env.REBUILD) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const { createDemo, startMessage } = await import('../demo/server.mjs');
const { app, creds } = await createDemo();
const address = await app.listen({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
console.log(startMessage(address, creds));
