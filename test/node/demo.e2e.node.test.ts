import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadImage } from '@napi-rs/canvas';
import { chromium, type Browser } from 'playwright-core';
import { buildOrder, sha256Hex } from '../../src/core/index.js';
import { makePng } from '../../src/core/files/fixtures.js';

const root = new URL('../../', import.meta.url).pathname;

/**
 * The whole loop on the real demo: real HTTP on loopback, SQLite in a temporary data folder,
 * Debian's Chromium driven by playwright-core as a shopper and as the merchant.
 */
describe('demo shop, end to end (npm start)', function () {
  this.timeout(180_000);
  let server: ChildProcess;
  let base = '';
  let creds = { username: '', password: '' };
  let browser: Browser;
  let dataDir = '';
  const counts = () => {
    const db = new Database(join(dataDir, 'shop.sqlite'), { readonly: true });
    try {
      return {
        orders: (db.prepare('SELECT COUNT(*) n FROM orders').get() as { n: number }).n,
        lines: (db.prepare('SELECT COUNT(*) n FROM cart_lines').get() as { n: number }).n,
      };
    } finally {
      db.close();
    }
  };

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pc-demo-'));
    server = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NO_REBUILD: '1' } });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (d) => {
        out += String(d);
        const url = /demo shop: (http:\/\/\S+?)\/?\n/.exec(out);
        const login = /username: (\S+)\s+password: (\S+)/.exec(out);
        if (url && login) {
          base = url[1]!;
          creds = { username: login[1]!, password: login[2]! };
          resolve();
        }
      });
      server.on('exit', (code) => reject(new Error(`demo exited ${code}: ${out}`)));
    });
    expect(base).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  });
  after(async () => {
    await browser?.close();
    server?.kill();
  });
  // Every page runs under the demo's Content-Security-Policy: the shop, the element and the studio
  // must do their work without a single violation (Chromium reports each one on the console).
  const violations: string[] = [];
  const context = async (options?: Parameters<Browser['newContext']>[0]) => {
    const ctx = await browser.newContext(options);
    ctx.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    return ctx;
  };
  afterEach(() => expect(violations.splice(0)).to.deep.equal([]));

  let orderId = '';
  const signIn = async (page: import('playwright-core').Page) => {
    await page.goto(`${base}/merchant/login`);
    await page.getByLabel('Username').fill(creds.username);
    await page.getByLabel('Password').fill(creds.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/merchant/`);
  };

  it('a shopper customizes the classic tee, adds it to the cart and checks out', async () => {
    const ctx = await context({ viewport: { width: 1280, height: 1000 } });
    const page = await ctx.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: /Classic Tee/ }).click();
    await page.waitForFunction(() => (document.querySelector('product-customizer') as any)?.evaluation);
    await page.getByRole('radio', { name: /^Navy/ }).check();
    await page.getByRole('radio', { name: /^M$/ }).check();
    await page.getByRole('textbox', { name: /Front text/ }).fill('Made by me');
    const photo = makePng(3600, 4650);
    await page.locator('product-customizer input[type="file"]').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: Buffer.from(photo) });
    await page.waitForFunction(() => {
      const el = document.querySelector('product-customizer') as any;
      return el.selections.photo && el.evaluation.valid;
    });
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(`${base}/cart`);
    await expect(await page.locator('table').textContent()).to.include('Colour: Navy');
    expect(await page.locator('table').textContent()).to.include('Front text: Made by me');
    expect(await page.locator('.price').last().textContent()).to.include('$24.99');
    const thumb = page.locator('img.thumb');
    await thumb.waitFor();
    expect(await thumb.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).to.equal(480);
    await page.getByRole('button', { name: 'Check out' }).click();
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor();
    const href = await page.locator('main a[href^="/orders/"]').first().getAttribute('href');
    orderId = href!.split('/').pop()!;
    expect(orderId).to.match(/^[0-9a-f-]{36}$/);
    expect(counts()).to.deep.equal({ orders: 1, lines: 0 });
    // The shopper can read their own order.
    await page.goto(`${base}/orders/${orderId}`);
    expect(await page.locator('main').textContent()).to.include('Made by me');
    await ctx.close();
  });

  it('the merchant signs in, finds the order and downloads its print file at print size', async () => {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto(`${base}/merchant/`);
    expect(page.url()).to.equal(`${base}/merchant/login`);
    await signIn(page);
    // The render worker makes the print files after checkout: the inbox shows its status live (polled by /live-status.js).
    await page.locator(`[data-order="${orderId}"] .render-status`).filter({ hasText: /^ready$/ }).waitFor({ timeout: 60_000 });
    await page.reload();
    const order = page.locator(`[data-order="${orderId}"]`);
    expect(await order.textContent()).to.include('Front text: Made by me');
    expect(await order.textContent()).to.include('verified: yes');
    const link = order.getByRole('link', { name: 'print-front-chest.png' });
    const res = await page.request.get(`${base}${await link.getAttribute('href')}`);
    expect(res.status()).to.equal(200);
    const img = await loadImage(await res.body());
    expect([img.width, img.height]).to.deep.equal([3600, 4650]);
    await order.getByLabel('Status').selectOption('in production');
    await order.getByRole('button', { name: 'Update' }).click();
    await page.waitForURL(`${base}/merchant/`);
    expect(await page.locator(`[data-order="${orderId}"] .status`).first().textContent()).to.equal('in production');
    await ctx.close();
  });

  it('refuses hand-tampered posts (a lowered price, a hidden component) and stores nothing', async () => {
    const before = counts();
    const product = JSON.parse(readFileSync(join(root, 'examples/classic-tee.json'), 'utf8'));
    const order = await buildOrder(product, { size: 'L' });
    order.price.total = 99;
    const form = new FormData();
    form.append('id', 'classic-tee:2026-11-01');
    form.append('quantity', '1');
    form.append('properties[Size]', 'L');
    form.append('properties[_customization]', JSON.stringify(order));
    const lowered = await fetch(`${base}/cart/add`, { method: 'POST', body: form, redirect: 'manual' });
    expect(lowered.status).to.equal(422);
    expect(await lowered.text()).to.include('price-mismatch');

    // A revision with a rule that hides the photo on a white tee, then an order that has one anyway.
    const merchant = await context();
    const mp = await merchant.newPage();
    await signIn(mp);
    await mp.goto(`${base}/merchant/products`);
    const hiding = { ...product, revision: 'e2e-hide', rules: [...product.rules, { id: 'no-photo-on-white', when: { '==': [{ var: 'color' }, 'white'] }, then: { hide: ['photo'] } }] };
    delete hiding.$schema;
    await mp.getByText('Or paste a product JSON').click();
    await mp.getByLabel(/Publish a product/).fill(JSON.stringify(hiding));
    await mp.locator('form[action="/merchant/products"] button').click();
    expect(await mp.locator('main').textContent()).to.include('Published classic-tee revision e2e-hide');
    await merchant.close();
    const png = makePng(3600, 4650);
    const legit = await buildOrder(hiding, { size: 'L', color: 'navy', photo: { asset: { key: 'p1', name: 'p.png', type: 'image/png', bytes: png.byteLength, width: 3600, height: 4650, sha256: await sha256Hex(png) } } });
    const tampered = JSON.parse(JSON.stringify(legit));
    tampered.selections.color = 'white';
    tampered.summary[0].value = 'White';
    tampered.properties.Colour = 'White';
    const api = await fetch(`${base}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order: tampered }) });
    expect(api.status).to.equal(422);
    const body = (await api.json()) as { issues: { code: string }[] };
    expect(body.issues.map((i) => i.code)).to.include('hidden');
    expect(counts()).to.deep.equal(before);
  });

  it('the merchant publishes a new revision from the studio, and shoppers order it', async () => {
    const ctx = await context({ viewport: { width: 1280, height: 1000 } });
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`${base}/merchant/products`);
    await page.waitForFunction(() => customElements.get('product-customizer-studio'));
    // Start from the published bottle, as a merchant editing it would; change it through the studio's fields.
    await page.evaluate(async () => {
      const studio = document.querySelector('product-customizer-studio') as any;
      studio.product = await (await fetch('/products/engraved-bottle/r/3/product.json')).json();
    });
    const studio = page.locator('product-customizer-studio');
    await studio.getByRole('textbox', { name: 'Revision', exact: true }).fill('4');
    await studio.getByRole('textbox', { name: 'Name', exact: true }).fill('Insulated Bottle, now engraved free');
    await studio.getByLabel('Base price (USD)').fill('29.00');
    await studio.getByLabel('Base price (USD)').press('Tab');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published revision 4.').waitFor();
    // A shopper now gets revision 4.
    const shop = await context();
    const sp = await shop.newPage();
    await sp.goto(`${base}/products/engraved-bottle`);
    expect(await sp.locator('h1').textContent()).to.equal('Insulated Bottle, now engraved free');
    await sp.waitForFunction(() => (document.querySelector('product-customizer') as any)?.evaluation);
    await sp.getByRole('textbox', { name: /Engraving/ }).fill('Studio made');
    await sp.waitForFunction(() => (document.querySelector('product-customizer') as any).evaluation.valid);
    await sp.getByRole('button', { name: 'Add to cart' }).click();
    await sp.waitForURL(`${base}/cart`);
    expect(await sp.locator('.price').last().textContent()).to.include('$29.00');
    await sp.getByRole('button', { name: 'Check out' }).click();
    await sp.getByRole('heading', { name: 'Thank you!' }).waitFor();
    // The thank-you page follows the render live: ready, with the preview of the design.
    await sp.locator('[data-live-order] [data-field="status"]').filter({ hasText: /^ready/ }).waitFor({ timeout: 60_000 });
    const db = new Database(join(dataDir, 'shop.sqlite'), { readonly: true });
    const row = db.prepare("SELECT o.revision, f.width, f.height FROM orders o JOIN order_files f ON f.order_id = o.order_id WHERE o.product_id = 'engraved-bottle' AND f.kind = 'print'").get() as { revision: string; width: number; height: number };
    db.close();
    expect(row).to.deep.equal({ revision: '4', width: 1391, height: 2598 });
    await shop.close();
    await ctx.close();
  });

  it('the JSON API is idempotent on orderId', async () => {
    const product = JSON.parse(readFileSync(join(root, 'examples/engraved-bottle.json'), 'utf8'));
    const order = await buildOrder(product, { engraving: 'API' });
    const post = () => fetch(`${base}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order }) });
    const first = await post();
    expect(first.status).to.equal(201);
    const second = await post();
    expect(second.status).to.equal(200);
    expect(await second.json()).to.deep.include({ orderId: order.orderId, created: false });
    const db = new Database(join(dataDir, 'shop.sqlite'), { readonly: true });
    expect((db.prepare('SELECT COUNT(*) n FROM orders WHERE order_id = ?').get(order.orderId) as { n: number }).n).to.equal(1);
    db.close();
  });

  it('merchant routes refuse the unauthenticated; a shopper cannot read another shopper’s order', async () => {
    expect((await fetch(`${base}/merchant/`, { redirect: 'manual' })).status).to.equal(302);
    expect((await fetch(`${base}/merchant/orders/${orderId}/order.json`, { redirect: 'manual' })).status).to.equal(302);
    expect((await fetch(`${base}/merchant/orders/${orderId}/status`, { method: 'POST', body: new URLSearchParams({ status: 'shipped' }) })).status).to.equal(401);
    expect((await fetch(`${base}/merchant/login`, { method: 'POST', body: new URLSearchParams({ username: 'merchant', password: 'guess' }) })).status).to.equal(401);
    const stranger = await context();
    const page = await stranger.newPage();
    const res = await page.goto(`${base}/orders/${orderId}`);
    expect(res!.status()).to.equal(404);
    await page.goto(`${base}/cart`);
    expect(await page.locator('main').textContent()).to.include('Your cart is empty');
    await stranger.close();
  });
});
