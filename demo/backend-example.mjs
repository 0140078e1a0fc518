#!/usr/bin/env node
/**
 * A shop backend in 50 lines: receive an order, trust nothing in it, verify it against your own
 * copy of the product, render the print files, store them. Run after `npm run build`:
 *
 *   node demo/backend-example.mjs [order.json] [files-dir]
 *
 * Without arguments it makes a sample order for the classic tee (as a shopper's browser would) and
 * writes the print files to .data/example-prints/.
 */
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOrder, sha256Hex } from '../dist/core.js';
import { PrintRefusedError, renderPrintFiles, verifyOrder } from '../dist/server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// Your copy of the product, never the one the client sends.
const product = JSON.parse(await readFile(join(root, 'examples/classic-tee.json'), 'utf8'));

async function sampleOrder() {
  const photo = await readFile(join(root, 'examples/assets/tee.png'));
  const asset = { key: 'photo-1', name: 'tee.png', type: 'image/png', bytes: photo.length, width: 1000, height: 1200, sha256: await sha256Hex(photo) };
  const order = await buildOrder(product, { size: 'L', color: 'navy', 'front-text': { text: 'Hello', transform: { x: 0.5, y: 0.15, rotation: 0, scale: 1 } }, photo: { asset, transform: { x: 0.5, y: 0.6, rotation: 0, scale: 0.5 } } });
  return { order, files: { 'photo-1': photo } };
}

async function fromDisk(orderFile, dir) {
  const order = JSON.parse(await readFile(orderFile, 'utf8'));
  const files = {};
  for (const name of dir ? await readdir(dir) : []) files[basename(name, extname(name))] = await readFile(join(dir, name));
  return { order, files };
}

const { order, files } = process.argv[2] ? await fromDisk(process.argv[2], process.argv[3]) : await sampleOrder();

// 1. Verify: recomputes rules, price, summary; checks each file's real type, size, dimensions, SHA-256.
const verdict = await verifyOrder(product, order, files);
if (!verdict.ok) {
  console.error('refused:', verdict.issues.filter((i) => i.severity === 'error').map((i) => `${i.code} at ${i.path.join('.')}: ${i.message}`));
  process.exit(1);
}
console.log(`order ${order.orderId}: verified, charge ${verdict.price.total} (${verdict.price.currency} minor units)`);

// 2. Keep what was verified, never the body as posted: the order rebuilt from its verified selections
// (no field the order schema does not define survives), and only the files its image components use.
const stored = await buildOrder(product, order.selections, { orderId: order.orderId, createdAt: order.createdAt, locale: order.locale, previews: order.previews });
const used = new Set(product.components.filter((c) => c.type === 'image').map((c) => stored.selections[c.id]?.asset?.key).filter(Boolean));
const kept = Object.fromEntries(Object.entries(files).filter(([key]) => used.has(key)));

// 3. Render print files (renderPrintFiles verifies again, so it can be called on its own).
try {
  const out = await renderPrintFiles(product, stored, kept, { assetsBase: join(root, 'examples'), views: { width: 600 } });
  // 4. Store them, keyed by order id (a UUID: verifyOrder checked it): the same order always renders the same bytes.
  const dir = join(root, '.data/example-prints', stored.orderId);
  await mkdir(dir, { recursive: true });
  for (const f of [...out, ...(out.mockups ?? [])]) await writeFile(join(dir, `${f.key}.png`), f.png);
  await writeFile(join(dir, 'order.json'), JSON.stringify(stored, null, 2));
  for (const f of out) console.log(`${f.area}: ${f.width} × ${f.height} px at ${f.dpi} dpi → ${join(dir, `${f.key}.png`)}`);
} catch (e) {
  if (e instanceof PrintRefusedError) console.error('refused:', e.issues);
  throw e;
}
