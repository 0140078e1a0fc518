#!/usr/bin/env node
/**
 * A static server (node:http, no framework) for the built
 * drop-in bundle and the example products, with a page that mounts <product-customizer> for each.
 * Loopback only by default (HOST to override); PORT defaults to 8080.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { urlPathParts } from './url-path.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
if (!existsSync(join(root, 'dist/product-customizer.js')) || process.env.REBUILD) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.map': 'application/json',
};
/** Only these folders are served; everything else (node_modules, .git, .data) is not. */
const PUBLIC = ['dist', 'examples', 'demo', 'docs', 'bench'];

export function resolvePublic(urlPath) {
  const parts = urlPathParts(urlPath);
  const rel = parts && (parts.length === 1 && parts[0] === '' ? ['demo', 'index.html'] : parts);
  if (!rel || !PUBLIC.includes(rel[0])) return undefined;
  const file = join(root, ...rel);
  return file.startsWith(root + sep) ? file : undefined;
}

const server = createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let file = resolvePublic(req.url ?? '/');
  if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!file || !existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
server.listen(port, host, () => {
  const addr = server.address();
  console.log(`product-customizer demo: http://${host}:${typeof addr === 'object' && addr ? addr.port : port}/`);
});
