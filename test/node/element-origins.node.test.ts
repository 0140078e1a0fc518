/**
 * The element in real Chromium against a real server, where the browser suite's page cannot go:
 *
 * - an `http://` origin that is not localhost (`shop.test`, mapped to 127.0.0.1 with Chromium's
 *   --host-resolver-rules), so the page is NOT a secure context: no `crypto.randomUUID`, no
 *   `crypto.subtle`; the order still gets a version-4 UUID and verifies;
 * - a real form submission (the browser's own encoding, parsed by the server): a POST form without
 *   `enctype` gets multipart from the element and the upload arrives as a file; a GET form, which
 *   cannot carry files, is refused loudly (customizer-error `form-encoding`, a console warning
 *   naming enctype, an alert in the element) and nothing is sent;
 * - a touch-only device (hover: none, pointer: coarse): the keyboard hints are not shown.
 *
 * The element is bundled from src/dropin.ts here (esbuild), so the test needs no prior build.
 */
import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { makePng } from '../../src/core/files/fixtures.js';

const root = new URL('../../', import.meta.url).pathname;
const PNG = Buffer.from(makePng(3600, 4650));

describe('the element on an insecure origin, in real forms, on a touch-only device (Chromium)', function () {
  this.timeout(120_000);
  let server: Server;
  let port = 0;
  let browser: Browser;
  let bundle = '';
  const posts: { method: string; contentType: string; fields: Record<string, string | { name: string; size: number }> }[] = [];
  const requests: string[] = [];

  const page = (form: string) => `<!doctype html><html lang="en"><head><script type="module" src="/pc.js"></script></head><body>
    ${form}<product-customizer src="/examples/classic-tee.json"></product-customizer><button id="go">Add to cart</button></form></body></html>`;

  before(async () => {
    bundle = (await build({ entryPoints: [join(root, 'src/dropin.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, define: { __PC_LEAN__: 'true' }, logLevel: 'silent' })).outputFiles[0]!.text;
    server = createServer(async (req, res) => {
      const url = new URL(req.url!, 'http://shop.test');
      requests.push(`${req.method} ${url.pathname}`);
      if (url.pathname === '/pc.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      if (url.pathname === '/post.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page('<form action="/cart/add" method="post">'));
      if (url.pathname === '/get.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page('<form action="/cart/add" method="get">'));
      if (url.pathname === '/cart/add') {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const contentType = req.headers['content-type'] ?? '';
        const fields: Record<string, string | { name: string; size: number }> = {};
        if (req.method === 'POST') {
          const fd = await new Request('http://x/', { method: 'POST', headers: { 'content-type': contentType }, body: Buffer.concat(chunks) }).formData();
          for (const [k, v] of fd) fields[k] = typeof v === 'string' ? v : { name: v.name, size: v.size };
        } else for (const [k, v] of url.searchParams) fields[k] = v;
        posts.push({ method: req.method!, contentType, fields });
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p id="thanks">added</p>');
      }
      if (url.pathname.startsWith('/examples/')) {
        const file = normalize(join(root, url.pathname));
        if (!file.startsWith(join(root, 'examples'))) return void res.writeHead(403).end();
        try {
          const type = file.endsWith('.json') ? 'application/json' : file.endsWith('.png') ? 'image/png' : file.endsWith('.woff2') ? 'font/woff2' : 'application/octet-stream';
          return void res.writeHead(200, { 'content-type': type }).end(await readFile(file));
        } catch {
          return void res.writeHead(404).end();
        }
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--host-resolver-rules=MAP shop.test 127.0.0.1'],
    });
  });
  after(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  /** Opens `path` on http://shop.test, uploads a photo and completes a valid tee design. */
  async function designed(path: string, options: { hasTouch?: boolean } = {}) {
    const context = await browser.newContext(options);
    const tab = await context.newPage();
    const logs: string[] = [];
    tab.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
    await tab.goto(`http://shop.test:${port}${path}`);
    await tab.waitForFunction(() => !!(document.querySelector('product-customizer') as any)?.evaluation);
    await tab.setInputFiles('product-customizer #file-photo', { name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await tab.waitForFunction(() => !!(document.querySelector('product-customizer') as any).selections.photo);
    await tab.evaluate(async () => {
      const el = document.querySelector('product-customizer') as any;
      el.selections = { ...el.selections, size: 'M', color: 'navy', 'front-text': { text: 'Hi' } };
      await el.updateComplete;
    });
    return { tab, logs, context };
  }

  it('on http://shop.test (not a secure context) the order gets a version-4 UUID and a real POST form without enctype carries the upload as a file', async () => {
    const { tab, logs, context } = await designed('/post.html');
    const facts = await tab.evaluate(() => ({ secure: isSecureContext, randomUUID: typeof crypto.randomUUID, subtle: typeof crypto.subtle, enctype: document.querySelector('form')!.enctype }));
    expect(facts).to.deep.equal({ secure: false, randomUUID: 'undefined', subtle: 'undefined', enctype: 'multipart/form-data' });
    posts.length = 0;
    await Promise.all([tab.waitForURL('**/cart/add'), tab.click('#go')]);
    expect(posts).to.have.length(1);
    const post = posts[0]!;
    expect(post.contentType).to.match(/^multipart\/form-data; boundary=/);
    const order = JSON.parse(post.fields['properties[_customization]'] as string);
    expect(order.orderId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const key = order.selections.photo.asset.key as string;
    expect(post.fields[`properties[_file_${key}]`]).to.deep.equal({ name: 'me.png', size: PNG.byteLength });
    expect(post.fields['properties[Size]']).to.equal('M');
    expect(logs.some((l) => l.includes('enctype="multipart/form-data"'))).to.equal(true);
    await context.close();
  });

  it('a GET form cannot carry files: refused loudly (customizer-error form-encoding, a console warning naming enctype, an alert), nothing sent', async () => {
    const { tab, logs, context } = await designed('/get.html');
    const error = tab.evaluate(() => new Promise<string>((r) => document.querySelector('product-customizer')!.addEventListener('customizer-error', (e) => r((e as CustomEvent).detail.code), { once: true })));
    posts.length = 0;
    const before = requests.length;
    await tab.click('#go');
    expect(await error).to.equal('form-encoding');
    expect(logs.some((l) => l.startsWith('warning:') && l.includes('enctype'))).to.equal(true);
    const alert = await tab.locator('product-customizer .notice.error[role="alert"]').textContent();
    expect(alert).to.include('cannot be sent');
    expect(tab.url()).to.match(/\/get\.html$/);
    expect(requests.slice(before).filter((r) => r.includes('/cart/add'))).to.deep.equal([]);
    await context.close();
  });

  it('on a touch-only device the keyboard hints are not shown; with a mouse they are', async function () {
    this.timeout(240_000);
    for (const hasTouch of [true, false]) {
      const { tab, context } = await designed('/post.html', { hasTouch });
      const touchOnly = await tab.evaluate(() => matchMedia('(hover: none) and (pointer: coarse)').matches);
      expect(touchOnly, `hasTouch ${hasTouch}`).to.equal(hasTouch);
      const hint = await tab.locator('product-customizer [data-component="front-text"] [part="placement"] .hint').count();
      expect(hint, `hint shown with hasTouch ${hasTouch}`).to.equal(hasTouch ? 0 : 1);
      await context.close();
    }
  });
});
