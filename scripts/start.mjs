#!/usr/bin/env node
/**
 * npm start: builds what the demo needs only when dist/ is missing or older than its sources (or
 * REBUILD is set), then starts the demo shop (demo/server.mjs) and prints its URL and the
 * merchant's sign-in. A restart with nothing changed serves again in a second or two.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = ['dist/server.js', 'dist/core.js', 'dist/product-customizer.js', 'dist/product-customizer-studio.js'].map((f) => join(root, f));

/** The newest modification time of any file under these paths. */
function newest(paths) {
  let t = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const s = statSync(p);
    if (s.isDirectory()) t = Math.max(t, newest(readdirSync(p).map((n) => join(p, n))));
    else t = Math.max(t, s.mtimeMs);
  }
  return t;
}

const stale = () => {
  if (!built.every(existsSync)) return 'dist/ is missing';
  const sources = newest(['src', 'rollup.config.mjs', 'scripts/build.mjs', 'package.json', 'tsconfig.json'].map((p) => join(root, p)));
  const oldest = Math.min(...built.map((f) => statSync(f).mtimeMs));
  return sources > oldest ? 'the sources changed since the last build' : '';
};
const why = process.env.REBUILD ? 'REBUILD is set' : stale();
if (why) {
  console.log(`npm start: building (${why})…`);
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const { createDemo, startMessage } = await import('../demo/server.mjs');
const { app, creds } = await createDemo({ logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
const address = await app.listen({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
console.log(startMessage(address, creds));
