import { expect } from 'chai';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOrder, sha256Hex } from '../../src/core/index.js';
import { makePng } from '../../src/core/files/fixtures.js';
// @ts-expect-error the demo is plain JavaScript
import { createDemo } from '../../demo/server.mjs';
import { renderDone } from './demo.helpers.js';

const root = new URL('../../', import.meta.url).pathname;
const tee = () => JSON.parse(readFileSync(join(root, 'examples/classic-tee.json'), 'utf8'));

/** A multipart body as a browser would send it, for fastify.inject. */
async function multipart(fields: Record<string, string>, files: Record<string, { bytes: Uint8Array<ArrayBuffer>; name: string }> = {}) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [k, f] of Object.entries(files)) fd.append(k, new Blob([f.bytes]), f.name);
  const req = new Request('http://demo.test/', { method: 'POST', body: fd });
  return { payload: Buffer.from(await req.arrayBuffer()), headers: { 'content-type': req.headers.get('content-type')! } };
}

async function teeWithPhoto(bytes: Uint8Array, key = 'photo-1') {
  return buildOrder(tee(), {
    size: 'M',
    photo: { asset: { key, name: 'me.png', type: 'image/png', bytes: bytes.byteLength, width: 1200, height: 1200, sha256: await sha256Hex(bytes) }, transform: { x: 0.5, y: 0.5, rotation: 0, scale: 0.4 } },
  });
}

describe('demo backend hardening', function () {
  this.timeout(60_000);
  let demo: any;
  let dataDir: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pc-hard-'));
    demo = await createDemo({ dataDir });
  });
  afterEach(async () => {
    await demo.app.close();
  });
  const cookieOf = (res: any) => String(res.headers['set-cookie']).split(';')[0];

  it('refuses a file over the size limit with 413, storing nothing', async () => {
    const big = new Uint8Array(26_000_000);
    const order = await teeWithPhoto(makePng(1200, 1200));
    const body = await multipart({ 'properties[_customization]': JSON.stringify(order) }, { 'properties[_file_photo-1]': { bytes: big, name: 'big.png' } });
    const res = await demo.app.inject({ method: 'POST', url: '/cart/add', ...body });
    expect(res.statusCode).to.equal(413);
    expect((await demo.store.counts())).to.deep.equal({ orders: 0, cartLines: 0 });
  });

  it('ignores file keys that try path traversal; files are stored only under their SHA-256', async () => {
    const png = makePng(1200, 1200);
    const order = await teeWithPhoto(png);
    const body = await multipart(
      { 'properties[_customization]': JSON.stringify(order) },
      { 'properties[_file_../../../evil]': { bytes: png, name: '../../evil.png' }, 'properties[_file_photo-1]': { bytes: png, name: '/etc/passwd' } },
    );
    const res = await demo.app.inject({ method: 'POST', url: '/cart/add', ...body });
    expect(res.statusCode).to.equal(303);
    const stored = readdirSync(join(dataDir, 'files'), { recursive: true }).map(String);
    expect(stored.some((f) => /evil|passwd/.test(f))).to.equal(false);
    expect(stored).to.include(join((await sha256Hex(png)).slice(0, 2), await sha256Hex(png)));
    expect(existsSync(join(dataDir, '..', 'evil'))).to.equal(false);
  });

  it('a double submission of one orderId makes one cart line and one order', async () => {
    const order = await buildOrder(tee(), { size: 'S' });
    const body = await multipart({ 'properties[_customization]': JSON.stringify(order), quantity: '1' });
    const first = await demo.app.inject({ method: 'POST', url: '/cart/add', ...body });
    const cookie = cookieOf(first);
    const again = await multipart({ 'properties[_customization]': JSON.stringify(order), quantity: '1' });
    await demo.app.inject({ method: 'POST', url: '/cart/add', ...again, headers: { ...again.headers, cookie } });
    expect((await demo.store.counts()).cartLines).to.equal(1);
    await demo.app.inject({ method: 'POST', url: '/checkout', headers: { cookie } });
    const api = await demo.app.inject({ method: 'POST', url: '/api/orders', payload: { order } });
    expect(api.statusCode).to.equal(200);
    expect(api.json()).to.deep.include({ created: false });
    expect((await demo.store.counts())).to.deep.equal({ orders: 1, cartLines: 0 });
  });

  it('checkout stores the orders with their render jobs in one transaction; a render that fails later leaves the order stored and failed', async () => {
    await demo.app.close();
    // Same data, but the assets the renderer needs are gone: every render fails.
    demo = await createDemo({ dataDir, assetsDir: mkdtempSync(join(tmpdir(), 'pc-noassets-')), env: { RENDER_ATTEMPTS: '2', RENDER_BACKOFF_MS: '20' } });
    const order = await buildOrder(tee(), { size: 'L', 'front-text': 'Hi' });
    const body = await multipart({ 'properties[_customization]': JSON.stringify(order) });
    const added = await demo.app.inject({ method: 'POST', url: '/cart/add', ...body });
    const cookie = cookieOf(added);
    const res = await demo.app.inject({ method: 'POST', url: '/checkout', headers: { cookie } });
    expect(res.statusCode).to.equal(200);
    expect((await demo.store.counts())).to.deep.equal({ orders: 1, cartLines: 0 });
    const row = await renderDone(demo.store, order.orderId);
    expect([row.render_state, row.render_attempts]).to.deep.equal(['failed', 2]);
  });

  it('refuses request bodies that are not the expected kind', async () => {
    const res = await demo.app.inject({ method: 'POST', url: '/cart/add', payload: 'x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).to.equal(415);
    const api = await demo.app.inject({ method: 'POST', url: '/api/orders', payload: { order: { nope: true } } });
    expect(api.statusCode).to.equal(422);
  });

  it('product strings and shopper text with markup render as text in the shop and the merchant inbox', async () => {
    const evil = { ...tee(), revision: 'xss', name: '<img src=x onerror=alert(1)>' };
    evil.components[1].label = '<script>alert(2)</script>';
    delete evil.$schema;
    await demo.store.publish(evil, evil.name);
    const page = await demo.app.inject({ method: 'GET', url: '/products/classic-tee' });
    expect(page.body).to.include('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.body).to.not.include('<img src=x');
    const order = await buildOrder(evil, { size: 'M', 'front-text': '<b onclick=x()>hi</b>' });
    expect((await demo.app.inject({ method: 'POST', url: '/api/orders', payload: { order } })).statusCode).to.equal(201);
    const login = await demo.app.inject({ method: 'POST', url: '/merchant/login', payload: { username: demo.creds.username, password: demo.creds.password } });
    const inbox = await demo.app.inject({ method: 'GET', url: '/merchant/', headers: { cookie: cookieOf(login) } });
    expect(inbox.statusCode).to.equal(200);
    expect(inbox.body).to.include('&lt;script&gt;alert(2)&lt;/script&gt;: M');
    expect(inbox.body).to.include('&lt;b onclick=x()&gt;hi&lt;/b&gt;');
    expect(inbox.body).to.not.match(/<script>alert|<b onclick/);
  });
});
