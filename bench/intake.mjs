#!/usr/bin/env node
/**
 * Order intake while the workers render (#16): POST /api/orders with a 1 MB photo per order, on
 * loopback, against `npm start` as README starts it (SQLite and the in-process render worker: the
 * render thread is busy with the backlog the whole time). Baseline from the same run: a plain
 * Fastify server with the same multipart plugin that reads the same upload and answers 201.
 * Goal: ≥ 50 orders/s with p99 < 300 ms, for a JPEG (a phone's photo); a PNG of the same size is
 * measured beside it, without a goal.
 *
 *   node bench/intake.mjs            this measure alone (after a build)
 *   BENCH_PROF=/tmp/prof node bench/intake.mjs   the same, with a CPU profile of the demo's
 *                                    web process written to /tmp/prof
 *   node bench/intake.mjs --json     the rows as JSON (npm run bench runs it so, in a fresh process:
 *                                    the load generator then has no other measure's heap to collect)
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ORDERS = Number(process.env.BENCH_INTAKE_ORDERS ?? 300);
export const CONCURRENCY = 8;

/**
 * A real 1200 × 1200 photo of about 1 MB: a noise band (incompressible) over a flat colour. JPEG is
 * what phones upload; a PNG costs intake more (verifyOrder inflates every PNG to check its pixels).
 */
async function photoOfOneMegabyte(type) {
  const { createCanvas } = await import('@napi-rs/canvas');
  const c = createCanvas(1200, 1200);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#2a5ac8';
  ctx.fillRect(0, 0, 1200, 1200);
  const band = ctx.createImageData(1200, type === 'image/jpeg' ? 960 : 220);
  let x = 0x9e3779b9;
  for (let i = 0; i < band.data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    band.data[i] = (i & 3) === 3 ? 255 : x & 255;
  }
  ctx.putImageData(band, 0, 120);
  return new Uint8Array(await (type === 'image/jpeg' ? c.encode('jpeg', 90) : c.encode('png')));
}

/** Posts `bodies` to url, `CONCURRENCY` at a time; → { perSecond, p50, p99, errors }. */
async function load(url, bodies, expect) {
  const latencies = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < bodies.length) {
        const { body, type } = bodies[next++];
        const s = performance.now();
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
        await res.arrayBuffer();
        latencies.push(performance.now() - s);
        if (res.status !== expect) errors++;
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * q) - 1)];
  return { perSecond: bodies.length / wall, p50: at(0.5), p99: at(0.99), errors };
}

/** A multipart body as a browser sends it, built once (the client's work is not what is measured). */
async function multipartBody(fields, files, type) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [k, bytes] of Object.entries(files)) fd.append(k, new Blob([bytes], { type }), 'photo');
  const req = new Request('http://bench.test/', { method: 'POST', body: fd });
  return { body: new Uint8Array(await req.arrayBuffer()), type: req.headers.get('content-type') };
}

/** The baseline: Fastify and @fastify/multipart reading the same upload, nothing else. */
async function echoServer() {
  const Fastify = (await import('fastify')).default;
  const multipart = (await import('@fastify/multipart')).default;
  const app = Fastify();
  await app.register(multipart, { limits: { fileSize: 25_000_000 } });
  app.post('/api/orders', async (req, reply) => {
    let n = 0;
    for await (const part of req.parts()) if (part.type === 'file') for await (const chunk of part.file) n += chunk.length;
    return reply.code(201).send({ bytes: n });
  });
  return { app, url: `${await app.listen({ port: 0, host: '127.0.0.1' })}/api/orders` };
}

function startDemo(root) {
  const srv = spawn(process.execPath, [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROF] : []), 'scripts/start.mjs'], { cwd: root, env: { ...process.env, PORT: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'pc-bench-intake-')) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const base = new Promise((resolve, reject) => {
    let out = '';
    srv.stdout.on('data', (d) => {
      out += String(d);
      const m = /demo shop: (http:\/\/\S+?)\/?\n/.exec(out);
      if (m) resolve(m[1]);
    });
    srv.on('exit', (c) => reject(new Error(`demo exited ${c}`)));
  });
  return { srv, base };
}

/** Orders of the tee with a 1 MB photo of `type`, as multipart bodies. */
async function orderBodies(root, core, type, n) {
  const tee = JSON.parse(readFileSync(join(root, 'examples/classic-tee.json'), 'utf8'));
  const photo = await photoOfOneMegabyte(type);
  const sha = createHash('sha256').update(photo).digest('hex');
  const asset = { key: 'photo-1', name: type === 'image/jpeg' ? 'p.jpg' : 'p.png', type, bytes: photo.length, width: 1200, height: 1200, sha256: sha };
  const bodies = [];
  for (let i = 0; i < n; i++) {
    const order = await core.buildOrder(tee, { size: 'M', 'front-text': `Order ${i}`, photo: { asset, transform: { x: 0.5, y: 0.5, rotation: 0, scale: 0.4 } } });
    bodies.push(await multipartBody({ order: JSON.stringify(order) }, { 'photo-1': photo }, type));
  }
  return { bodies, mb: (photo.length / 1e6).toFixed(2) };
}

/** row(name, value, unit, baseline, ratio, goal, ok): bench/run.mjs's table. */
export async function benchIntake({ root, core, row }) {
  // 20 more orders than measured: both servers are warmed up with them first (JIT, lazy modules).
  const WARM = 20;
  const jpeg = await orderBodies(root, core, 'image/jpeg', ORDERS + WARM);
  const warm = jpeg.bodies.splice(0, WARM);
  const png = await orderBodies(root, core, 'image/png', Math.ceil(ORDERS / 3));
  const echo = await echoServer();
  let baseline;
  try {
    await load(echo.url, warm, 201);
    baseline = await load(echo.url, jpeg.bodies, 201);
  } finally {
    await echo.app.close();
  }
  const { srv, base } = startDemo(root);
  try {
    const url = `${await base}/api/orders`;
    await load(url, warm, 201);
    const ours = await load(url, jpeg.bodies, 201);
    row(
      `intake /api/orders, ${jpeg.mb} MB JPEG each, ${ORDERS} orders ${CONCURRENCY} at a time, while the worker renders`,
      ours.perSecond.toFixed(0),
      `orders/s (p50 ${ours.p50.toFixed(0)} ms, p99 ${ours.p99.toFixed(0)} ms, ${ours.errors} errors)`,
      `Fastify multipart echo ${baseline.perSecond.toFixed(0)}/s, p99 ${baseline.p99.toFixed(0)} ms`,
      ours.perSecond / baseline.perSecond,
      '≥ 50 orders/s, p99 < 300 ms',
      ours.perSecond >= 50 && ours.p99 < 300 && ours.errors === 0 ? 'yes' : 'no',
    );
    const withPng = await load(url, png.bodies, 201);
    row(
      `intake /api/orders, ${png.mb} MB PNG each (inflated by verifyOrder), ${png.bodies.length} orders`,
      withPng.perSecond.toFixed(0),
      `orders/s (p50 ${withPng.p50.toFixed(0)} ms, p99 ${withPng.p99.toFixed(0)} ms, ${withPng.errors} errors)`,
      `Fastify multipart echo ${baseline.perSecond.toFixed(0)}/s`,
      withPng.perSecond / baseline.perSecond,
      '',
      '',
    );
    return { ours, withPng, baseline };
  } finally {
    srv.kill('SIGTERM');
  }
}

// Run alone: prints the row.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const core = await import(join(root, 'dist/core.js'));
  const rows = [];
  await benchIntake({ root, core, row: (...r) => rows.push(r) });
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(rows)}\n`);
  else for (const r of rows) console.log(`${r[0]}\n  ${r[1]} ${r[2]}\n  baseline: ${r[3]} · ratio ${r[4].toFixed(2)} ×${r[5] ? ` · goal ${r[5]} · met: ${r[6]}` : ''}`);
}
