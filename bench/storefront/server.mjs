#!/usr/bin/env node
/**
 * The storefront bench's static server (node:http, loopback only): serves the shop's page
 * (bench/storefront/), the drop-in (dist/) and the example products (examples/) gzip-compressed,
 * as a shop's CDN would, so Lighthouse weighs what a shopper downloads.
 *   node bench/storefront/server.mjs            prints "storefront: http://127.0.0.1:<port>/"
 *   DIST=/some/dist node bench/storefront/server.mjs   serves /dist/ from another build (before/after)
 * /bench/storefront/with-<name>.html is made from index.html and the variant's snippets (variants.mjs).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { pageWith, VARIANTS } from './variants.mjs';
import { urlPathParts } from '../../scripts/url-path.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const MOUNTS = {
  bench: join(root, 'bench'),
  dist: resolve(process.env.DIST ?? join(root, 'dist')),
  examples: join(root, 'examples'),
};
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2', '.map': 'application/json',
};
const COMPRESS = new Set(['.html', '.js', '.css', '.json', '.svg', '.map']);

/** The file a URL path names, or undefined outside the mounts (no `..`, no NUL). */
function fileFor(urlPath) {
  const parts = urlPathParts(urlPath);
  if (!parts || !(parts[0] in MOUNTS)) return undefined;
  const base = MOUNTS[parts[0]];
  let file = join(base, ...parts.slice(1));
  if (!file.startsWith(base)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return existsSync(file) && file.startsWith(base + sep) ? file : undefined;
}

const gzCache = new Map();
const server = createServer((req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const variant = /^\/bench\/storefront\/with-([a-z]+)\.html$/.exec((req.url ?? '/').split('?')[0])?.[1];
  const file = variant && Object.hasOwn(VARIANTS, variant) ? join(MOUNTS.bench, 'storefront/index.html') : fileFor(req.url ?? '/');
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const ext = extname(file);
  let body = variant ? Buffer.from(pageWith(readFileSync(file, 'utf8'), variant)) : readFileSync(file);
  const headers = { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  if (COMPRESS.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    const key = `${file}:${variant ?? ''}:${statSync(file).mtimeMs}`;
    if (!gzCache.has(key)) gzCache.set(key, gzipSync(body, { level: 9 }));
    body = gzCache.get(key);
    headers['content-encoding'] = 'gzip';
    headers.vary = 'accept-encoding';
  }
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`storefront: http://127.0.0.1:${server.address().port}/`);
});
