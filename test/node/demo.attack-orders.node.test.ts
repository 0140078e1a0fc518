import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buildOrder, sha256Hex } from '../../src/core/index.js';
import { makePng } from '../../src/core/files/fixtures.js';
import { cookieOf, multipart, raw, renderDone, signIn, startDemo, storedFiles, tee, teeWithPhoto, type Demo } from './demo.helpers.js';

/**
 * Issue #12, order intake attacked over real HTTP (items 2, 3, 7, 8): a file smuggled in beside a
 * text, bodies without end, an orderId used as a key to someone else's order, and orders padded,
 * nested or failing after their files were written.
 */
describe('demo order intake under attack (#12)', function () {
  this.timeout(120_000);
  let demo: Demo;
  afterEach(async () => demo?.close());

  const json = (body: unknown, headers: Record<string, string> = {}) => raw(demo.port, 'POST', '/api/orders', { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
  const html = new TextEncoder().encode('<!doctype html><html><body><script>fetch("/merchant/products",{method:"POST"})</script></body></html>');

  describe('2. stored XSS through smuggled files', () => {
    it('an HTML file riding on a text component’s selection, claimed as an image, is never stored nor served as text/html', async () => {
      demo = await startDemo();
      const png = makePng(1200, 1200);
      const evilAsset = { key: 'evil', name: 'x.html', type: 'text/html', bytes: html.byteLength, width: 1, height: 1, sha256: await sha256Hex(html) };
      const asImage = { ...evilAsset, key: 'evil2', type: 'image/png' };
      const attempts = [];
      for (const asset of [evilAsset, asImage]) {
        const order = await teeWithPhoto(png, 'photo-1', { 'front-text': 'Hi' });
        (order.selections['front-text'] as any).asset = asset;
        (order.selections['front-text'] as any).evil = '<script>alert(1)</script>';
        attempts.push({ order, asset });
      }
      // A legitimate order with a photo, so the inbox has files to serve beside whatever the attempts leave.
      const legit = await teeWithPhoto(png, 'photo-1', { 'front-text': 'Hi' });
      const legitForm = await multipart({ order: JSON.stringify(legit) }, { 'photo-1': { bytes: png, name: 'me.png', type: 'image/png' } });
      expect((await raw(demo.port, 'POST', '/api/orders', { 'content-type': legitForm.contentType }, legitForm.body)).status).to.equal(201);
      const cookie = await signIn(demo);
      for (const { order, asset } of attempts) {
        const files = { 'photo-1': { bytes: png, name: 'me.png', type: 'image/png' }, [asset.key]: { bytes: html, name: 'x.html', type: asset.type } };
        const api = await multipart({ order: JSON.stringify(order) }, files);
        const res = await raw(demo.port, 'POST', '/api/orders', { 'content-type': api.contentType }, api.body);
        expect([201, 422]).to.include(res.status);
        // The same through the shop's add-to-cart form, then checkout.
        const cartForm = await multipart({ 'properties[_customization]': JSON.stringify({ ...order, orderId: crypto.randomUUID() }) }, { 'properties[_file_photo-1]': files['photo-1'], [`properties[_file_${asset.key}]`]: files[asset.key]! });
        const added = await raw(demo.port, 'POST', '/cart/add', { 'content-type': cartForm.contentType }, cartForm.body);
        if (added.status === 303) await raw(demo.port, 'POST', '/checkout', { cookie: cookieOf(added) });
        expect(await raw(demo.port, 'GET', `/merchant/orders/${order.orderId}/files/${asset.key}`, { cookie }).then((r) => r.status)).to.equal(404);
      }
      // No stored file has the HTML's bytes, no stored order carries the smuggled fields…
      expect(storedFiles(demo.dataDir).some((f) => f.endsWith(evilAsset.sha256))).to.equal(false);
      for (const row of (await demo.store.orders())) {
        const stored = JSON.parse(row.order_json);
        expect(stored.selections['front-text'], row.order_id).to.not.have.any.keys('asset', 'evil');
      }
      // …and every file the inbox links to is a download typed by its bytes, never text/html.
      const inbox = await raw(demo.port, 'GET', '/merchant/', { cookie });
      const links = [...inbox.body.matchAll(/href="(\/merchant\/orders\/[^"]+\/files\/[^"]+)"/g)].map((m) => m[1]!);
      expect(links.length).to.be.greaterThan(0);
      for (const link of links) {
        const r = await raw(demo.port, 'GET', link, { cookie });
        expect(r.status, link).to.equal(200);
        // Print files also come as the shop's own vector PDF and SVG (stored as key.pdf, key.svg).
        const ext = /\.(pdf|svg)$/.exec(link)?.[1] ?? 'png';
        expect(r.headers['content-type'], link).to.match({ png: /^image\/png/, pdf: /^application\/pdf/, svg: /^image\/svg\+xml/ }[ext]!);
        expect(r.headers['content-disposition'], link).to.match(new RegExp(`^attachment; filename="[A-Za-z0-9_.-]+\\.${ext}"$`));
        expect(r.headers['x-content-type-options'], link).to.equal('nosniff');
      }
    });

    it('stores the order rebuilt from what was verified: unknown fields anywhere are not kept', async () => {
      demo = await startDemo();
      const order: any = await buildOrder(tee(), { size: 'M', 'front-text': 'Hi' });
      order.selections['front-text'].onload = 'x';
      order.product.note = 'pad';
      order.pad = 'x'.repeat(10_000);
      const res = await json({ order });
      // The core may refuse fields the schema does not define (422); if it accepts them, they are dropped.
      expect([201, 422]).to.include(res.status);
      if (res.status === 201) {
        const stored = JSON.parse((await demo.store.order(order.orderId)).order_json);
        const clean = await buildOrder(tee(), { size: 'M', 'front-text': 'Hi' }, { orderId: order.orderId, createdAt: order.createdAt });
        expect(stored).to.deep.equal(JSON.parse(JSON.stringify(clean)));
      }
    });
  });

  describe('3. bodies have limits while they stream', () => {
    /** A lazily generated multipart body: `files` files of `each` bytes; counts what the server pulled. */
    function hugeUpload(files: number, each: number) {
      const boundary = '----pcattack';
      let pulled = 0;
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      async function* gen() {
        yield Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="properties[_customization]"\r\n\r\n{}\r\n`);
        for (let f = 0; f < files; f++) {
          yield Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="properties[_file_p${f}]"; filename="p${f}.png"\r\ncontent-type: image/png\r\n\r\n`);
          for (let sent = 0; sent < each; sent += chunk.length) {
            pulled += chunk.length;
            yield chunk;
          }
          yield Buffer.from('\r\n');
        }
        yield Buffer.from(`--${boundary}--\r\n`);
      }
      return { stream: Readable.from(gen(), { objectMode: false, highWaterMark: 1 }), contentType: `multipart/form-data; boundary=${boundary}`, pulled: () => pulled };
    }

    it('a 150 MB file streamed without a length gets 413 quickly, and the server stops reading it', async () => {
      demo = await startDemo();
      const up = hugeUpload(1, 150_000_000);
      const t0 = Date.now();
      const rss0 = process.memoryUsage().rss;
      // Chunked: no Content-Length for the server to refuse up front; the limit must hold while reading.
      const res = await raw(demo.port, 'POST', '/cart/add', { 'content-type': up.contentType, 'transfer-encoding': 'chunked' }, up.stream).catch((e) => ({ status: -1, error: e }) as any);
      const ms = Date.now() - t0;
      expect(res.status).to.equal(413);
      expect(ms).to.be.below(10_000);
      // The server read up to the 25 MB file limit (plus what sockets buffer), not the 150 MB.
      expect(up.pulled()).to.be.below(60_000_000);
      expect(process.memoryUsage().rss - rss0).to.be.below(100_000_000);
      expect(storedFiles(demo.dataDir)).to.deep.equal([]);
      expect((await demo.store.counts())).to.deep.equal({ orders: 0, cartLines: 0 });
    });

    it('many files each under the file limit (12 × 20 MB) are refused before they fill the memory', async () => {
      demo = await startDemo();
      const up = hugeUpload(12, 20_000_000);
      const rss0 = process.memoryUsage().rss;
      let peak = rss0;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const res = await raw(demo.port, 'POST', '/api/orders', { 'content-type': up.contentType, 'transfer-encoding': 'chunked' }, up.stream).finally(() => clearInterval(timer));
      expect(res.status).to.equal(413);
      expect(up.pulled()).to.be.below(120_000_000);
      expect(peak - rss0).to.be.below(150_000_000);
      expect(storedFiles(demo.dataDir)).to.deep.equal([]);
    });

    it('a declared length over the limit is refused before reading; too many parts or fields is 413 too', async () => {
      demo = await startDemo();
      const res = await raw(demo.port, 'POST', '/api/orders', { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '500000000' }, Readable.from([Buffer.from('--x\r\n')]));
      expect(res.status).to.equal(413);
      const fields = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, 'x']));
      const many = await multipart(fields);
      expect((await raw(demo.port, 'POST', '/api/orders', { 'content-type': many.contentType }, many.body)).status).to.equal(413);
      const big = await multipart({ order: 'x'.repeat(1_200_000) });
      expect((await raw(demo.port, 'POST', '/api/orders', { 'content-type': big.contentType }, big.body)).status).to.equal(413);
    });
  });

  describe('7. idempotency answers only the order itself', () => {
    it('an existing orderId with a different body is 409 without details; the same body is a replay', async () => {
      demo = await startDemo();
      const order = await buildOrder(tee(), { size: 'M', 'front-text': 'Mine' });
      const first = await json({ order });
      expect(first.status).to.equal(201);
      // Someone who knows the id but not the order.
      const guess = await buildOrder(tee(), { size: 'L' }, { orderId: order.orderId });
      const probe = await json({ order: guess });
      expect(probe.status).to.equal(409);
      expect(probe.body).to.not.match(/status|new|Mine|created|total/i);
      // The same order with another quantity is another order too.
      expect((await json({ order, quantity: 3 })).status).to.equal(409);
      const replay = await json({ order });
      expect(replay.status).to.equal(200);
      expect(JSON.parse(replay.body)).to.deep.include({ orderId: order.orderId, created: false });
      expect(['queued', 'rendering', 'ready']).to.include(JSON.parse(replay.body).status);
      // One order, one render.
      const done = await renderDone(demo.store, order.orderId);
      expect([done.render_state, done.renders]).to.deep.equal(['ready', 1]);
      expect((await demo.store.counts()).orders).to.equal(1);
      expect(JSON.parse((await demo.store.order(order.orderId)).order_json).selections['front-text'].text).to.equal('Mine');
    });
  });

  describe('8. orders are refused, not stored as sent; a refused order leaves no file', () => {
    it('a 50 MB pad is 413, 100 000-deep nesting is 400: clear messages, never 500, nothing stored', async () => {
      demo = await startDemo();
      const png = makePng(1200, 1200);
      const order: any = await teeWithPhoto(png);
      const padded = { ...order, pad: 'x'.repeat(50_000_000) };
      const r1 = await json({ order: padded });
      expect(r1.status).to.equal(413);
      const deep = `{"order":${JSON.stringify({ ...order, orderId: crypto.randomUUID() }).slice(0, -1)},"nest":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
      const r2 = await raw(demo.port, 'POST', '/api/orders', { 'content-type': 'application/json' }, deep);
      expect(r2.status).to.equal(400);
      expect(JSON.parse(r2.body).error).to.match(/nested more than \d+ levels/);
      // The same inside a multipart order field, with the photo beside it.
      const mp = await multipart({ order: `${JSON.stringify(order).slice(0, -1)},"nest":${'['.repeat(100_000)}${']'.repeat(100_000)}}` }, { 'photo-1': { bytes: png, name: 'me.png', type: 'image/png' } });
      const r3 = await raw(demo.port, 'POST', '/api/orders', { 'content-type': mp.contentType }, mp.body);
      expect(r3.status).to.equal(400);
      expect(JSON.parse(r3.body).error).to.match(/nested more than \d+ levels/);
      // And through the shop's add-to-cart form.
      const cartForm = await multipart({ 'properties[_customization]': `${JSON.stringify(order).slice(0, -1)},"pad":"${'x'.repeat(1_100_000)}"}` }, { 'properties[_file_photo-1]': { bytes: png, name: 'me.png', type: 'image/png' } });
      const r4 = await raw(demo.port, 'POST', '/cart/add', { 'content-type': cartForm.contentType }, cartForm.body);
      expect(r4.status).to.equal(413);
      for (const r of [r1, r2, r3, r4]) expect(r.body).to.not.match(/\/work|\/tmp|node_modules|at .*\.m?js/);
      expect(storedFiles(demo.dataDir)).to.deep.equal([]);
      expect((await demo.store.counts())).to.deep.equal({ orders: 0, cartLines: 0 });
    });

    it('an order whose print files cannot be made is stored, retried with backoff, then failed with its reason for the merchant; the shopper sees no server path', async () => {
      // The product's assets are gone: rendering fails after the order and its upload were stored.
      demo = await startDemo({ assetsDir: mkdtempSync(join(tmpdir(), 'pc-noassets-')), env: { RENDER_ATTEMPTS: '3', RENDER_BACKOFF_MS: '40' } });
      const png = makePng(1200, 1200);
      const order = await teeWithPhoto(png, 'photo-1', { 'front-text': 'Hi' });
      const mp = await multipart({ order: JSON.stringify(order) }, { 'photo-1': { bytes: png, name: 'me.png', type: 'image/png' } });
      const res = await raw(demo.port, 'POST', '/api/orders', { 'content-type': mp.contentType }, mp.body);
      expect(res.status).to.equal(201);
      expect(JSON.parse(res.body)).to.deep.include({ orderId: order.orderId, status: 'queued' });
      const row = await renderDone(demo.store, order.orderId);
      expect([row.render_state, row.render_attempts, row.renders]).to.deep.equal(['failed', 3, 0]);
      expect(row.render_error).to.match(/ENOENT|no such file|could not/i);
      expect((await demo.store.orderFiles(order.orderId)).filter((f: any) => f.kind === 'print')).to.deep.equal([]);
      // The merchant's inbox says why; the shopper's status page says failed, nothing about the server.
      const cookie = await signIn(demo);
      const inbox = await raw(demo.port, 'GET', '/merchant/', { cookie });
      expect(inbox.body).to.include('failed').and.include(row.render_error.slice(0, 40).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;'));
      const mine = await raw(demo.port, 'GET', `/orders/${order.orderId}/status.json`, { cookie: cookieOf(res) });
      expect(JSON.parse(mine.body)).to.deep.include({ status: 'failed' });
      expect(mine.body).to.not.match(/\/work|\/tmp|pc-noassets|examples|ENOENT/);
    });
  });
});
