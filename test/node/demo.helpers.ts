/**
 * The attack suites' access to the real demo: createDemo from demo/server.mjs listening on a free
 * loopback port with a temporary DATA_DIR, and raw HTTP requests whose path goes out byte for byte
 * (fetch would normalise `/./`, `//` and percent-encodings before the server saw them).
 */
import { request } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { buildOrder, sha256Hex } from '../../src/core/index.js';
// @ts-expect-error the demo is plain JavaScript
import { createDemo } from '../../demo/server.mjs';

const root = new URL('../../', import.meta.url).pathname;
export const tee = () => JSON.parse(readFileSync(join(root, 'examples/classic-tee.json'), 'utf8'));

export interface Demo {
  app: any;
  store: any;
  creds: { username: string; password: string };
  dataDir: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** The demo on 127.0.0.1:<free port>; env replaces process.env for its settings. */
export async function startDemo(options: { env?: Record<string, string>; assetsDir?: string; dataDir?: string } = {}): Promise<Demo> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pc-attack-'));
  const demo = await createDemo({ dataDir, env: options.env ?? {}, ...(options.assetsDir && { assetsDir: options.assetsDir }) });
  const address: string = await demo.app.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(address).port);
  return {
    ...demo,
    dataDir,
    origin: address,
    port,
    async close() {
      await demo.app.close();
      await demo.store.close();
    },
  };
}

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bytes: Buffer;
}

/** One HTTP request with `path` sent exactly as given. body: a string, bytes, or a stream. */
export function raw(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string | Uint8Array | Readable): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body: bytes.toString('utf8'), bytes });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body === undefined) req.end();
    else if (typeof body === 'string' || body instanceof Uint8Array) req.end(body);
    else body.pipe(req);
  });
}

export const form = (fields: Record<string, string>) => ({ 'content-type': 'application/x-www-form-urlencoded' as const, body: new URLSearchParams(fields).toString() });
export const cookieOf = (res: Res) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');

/** Signs in as the merchant from the shop's own sign-in page; returns the session cookie. */
export async function signIn(demo: Demo, creds = demo.creds): Promise<string> {
  const f = form({ username: creds.username, password: creds.password });
  const res = await raw(demo.port, 'POST', '/merchant/login', { 'content-type': f['content-type'], origin: demo.origin }, f.body);
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return cookieOf(res);
}

/** A multipart body as a browser sends it. */
export async function multipart(fields: Record<string, string>, files: Record<string, { bytes: Uint8Array; name: string; type?: string }> = {}) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [k, f] of Object.entries(files)) fd.append(k, new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.type ?? 'application/octet-stream' }), f.name);
  const req = new Request('http://demo.test/', { method: 'POST', body: fd });
  return { body: new Uint8Array(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
}

export async function teeWithPhoto(png: Uint8Array, key = 'photo-1', extra: Record<string, unknown> = {}) {
  return buildOrder(tee(), {
    size: 'M',
    ...extra,
    photo: { asset: { key, name: 'me.png', type: 'image/png', bytes: png.byteLength, width: 1200, height: 1200, sha256: await sha256Hex(png) }, transform: { x: 0.5, y: 0.5, rotation: 0, scale: 0.4 } },
  });
}

/** Every file under the data folder's files/ (what orders and carts point at). */
export function storedFiles(dataDir: string): string[] {
  const dir = join(dataDir, 'files');
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile());
}

/**
 * Waits until an order's render job is ready or failed (the workers run apart from the request that
 * stored it), reading the store each `every` ms; fails after `ms`. Returns the order's row.
 */
export async function renderDone(store: any, orderId: string, ms = 60_000, every = 50): Promise<any> {
  const until = Date.now() + ms;
  for (;;) {
    const row = await store.order(orderId);
    if (row && (row.render_state === 'ready' || row.render_state === 'failed')) return row;
    if (Date.now() > until) throw new Error(`order ${orderId} is still ${row?.render_state ?? 'not stored'} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, every));
  }
}
