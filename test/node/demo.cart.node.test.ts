/**
 * The cart behaves like a shop's (#16), over real HTTP on the real demo: remove a line, change its
 * quantity, one currency per cart, "Edit design" back into the product page with the design
 * restored (in Chromium: the element gets the line's selections), the thank-you and order pages
 * with product, preview, summary and status, and the cart table within a 390 px phone screen.
 */
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { loadImage } from '@napi-rs/canvas';
import { buildOrder } from '../../src/core/index.js';
import { makePng } from '../../src/core/files/fixtures.js';
import { cookieOf, form, multipart, raw, renderDone, startDemo, tee, teeWithPhoto, type Demo } from './demo.helpers.js';

const root = new URL('../../', import.meta.url).pathname;
const product = (name: string) => JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8'));
/** The cart id inside the signed cookie `cart=<id>.<signature>`. */
const cartOf = (cookie: string) => decodeURIComponent(/cart=([^;]+)/.exec(cookie)![1]!).split('.')[0]!;

describe('demo cart: like a shop’s (#16)', function () {
  this.timeout(120_000);
  let demo: Demo;
  let browser: Browser | undefined;
  afterEach(async () => demo?.close());
  after(async () => browser?.close());

  /** Adds an order to the cart (cookie: the cart's, or none for a new one); → the response. */
  async function add(order: unknown, cookie = '', files: Record<string, { bytes: Uint8Array; name: string; type?: string }> = {}, fields: Record<string, string> = {}) {
    const body = await multipart({ 'properties[_customization]': JSON.stringify(order), quantity: '1', ...fields }, files);
    return raw(demo.port, 'POST', '/cart/add', { 'content-type': body.contentType, ...(cookie && { cookie }) }, body.body);
  }
  const cart = (cookie: string) => raw(demo.port, 'GET', '/cart', { cookie });
  const lineIds = (html: string) => [...html.matchAll(/data-line="(\d+)"/g)].map((m) => m[1]!);
  const postForm = (path: string, cookie: string, fields: Record<string, string> = {}) => {
    const f = form(fields);
    return raw(demo.port, 'POST', path, { cookie, 'content-type': f['content-type'] }, f.body);
  };

  it('removes a line and changes a quantity; another cart’s line and a bad quantity are refused', async () => {
    demo = await startDemo({ env: { RENDER_IN_PROCESS: '0' } });
    const first = await add(await buildOrder(tee(), { size: 'S', 'front-text': 'One' }));
    expect(first.status).to.equal(303);
    // The cart's cookie persists (30 days): the cart, kept server-side, survives closing the browser.
    expect(String(first.headers['set-cookie'])).to.match(/cart=[^;]+;.*Max-Age=2592000/);
    const cookie = cookieOf(first);
    expect((await add(await buildOrder(tee(), { size: 'L', 'front-text': 'Two' }), cookie)).status).to.equal(303);
    const [one, two] = lineIds((await cart(cookie)).body);
    expect([one, two].every(Boolean)).to.equal(true);

    // Quantity 3 of the second line: its price and the total follow ($19.99 each).
    expect((await postForm(`/cart/lines/${two}/quantity`, cookie, { quantity: '3' })).status).to.equal(303);
    let page = (await cart(cookie)).body;
    expect(page).to.include('$59.97').and.include('Total $79.96');
    for (const bad of ['0', '100', 'x', '2.5']) expect((await postForm(`/cart/lines/${two}/quantity`, cookie, { quantity: bad })).status, bad).to.equal(400);

    // Another shopper can neither remove nor change this cart's lines.
    const stranger = cookieOf(await add(await buildOrder(tee(), { size: 'M' })));
    expect((await postForm(`/cart/lines/${one}/remove`, stranger)).status).to.equal(404);
    expect((await postForm(`/cart/lines/${one}/quantity`, stranger, { quantity: '5' })).status).to.equal(404);

    expect((await postForm(`/cart/lines/${one}/remove`, cookie)).status).to.equal(303);
    page = (await cart(cookie)).body;
    expect(lineIds(page)).to.deep.equal([two]);
    expect(page).to.include('Front text: Two').and.include('Total $59.97');
    expect(page).to.not.include('Front text: One');
  });

  it('one currency per cart: a € necklace is not added to a $ cart, and says why', async () => {
    demo = await startDemo({ env: { RENDER_IN_PROCESS: '0' } });
    const bottle = await add(await buildOrder(product('engraved-bottle'), { engraving: 'Dollar' }));
    const cookie = cookieOf(bottle);
    const necklace = await add(await buildOrder(product('name-necklace'), { name: 'Euro' }), cookie);
    expect(necklace.status).to.equal(409);
    expect(necklace.body).to.include('Your cart is in USD, and this product is priced in EUR');
    expect(lineIds((await cart(cookie)).body)).to.have.length(1);
    expect((await demo.store.counts()).cartLines).to.equal(1);
    // In a cart of its own, it is added.
    expect((await add(await buildOrder(product('name-necklace'), { name: 'Euro' }))).status).to.equal(303);
  });

  it('“Edit design” brings the line’s design back into the element; updating replaces the line and keeps its photo', async () => {
    demo = await startDemo({ env: { RENDER_IN_PROCESS: '0' } });
    const png = makePng(1200, 1200);
    const order = await teeWithPhoto(png, 'photo-1', { 'front-text': 'Before', color: 'navy' });
    const added = await add(order, '', { 'properties[_file_photo-1]': { bytes: png, name: 'me.png', type: 'image/png' } });
    const cookie = cookieOf(added);
    const [line] = lineIds((await cart(cookie)).body);
    const cartPage = (await cart(cookie)).body;
    expect(cartPage).to.include(`href="/products/classic-tee?edit=${line}"`);

    // The line's photo is served to its own cart only, as a download never rendered by the browser.
    const own = await raw(demo.port, 'GET', `/cart/lines/${line}/files/photo-1`, { cookie });
    expect(own.status).to.equal(200);
    expect(own.headers['content-type']).to.equal('image/png');
    expect(own.headers['content-disposition']).to.equal('attachment');
    expect(own.headers['x-content-type-options']).to.equal('nosniff');
    const stranger = cookieOf(await add(order, '', { 'properties[_file_photo-1]': { bytes: png, name: 'me.png', type: 'image/png' } }));
    for (const headers of [{}, { cookie: stranger }] as Record<string, string>[]) {
      expect((await raw(demo.port, 'GET', `/cart/lines/${line}/files/photo-1`, headers)).status, 'another cart, or none').to.equal(404);
    }
    expect((await raw(demo.port, 'GET', `/cart/lines/${line}/files/..%2fsecret`, { cookie })).status).to.equal(404);

    // The product page in edit mode, in Chromium with the shopper's cookie: the element shows the line's design.
    browser ??= await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const ctx = await browser.newContext();
    await ctx.addCookies([{ name: 'cart', value: cookie.slice('cart='.length), url: demo.origin }]);
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
    await page.goto(`${demo.origin}/products/classic-tee?edit=${line}`);
    await page.waitForSelector('product-customizer[data-restored="true"]');
    const restored = await page.evaluate(() => (document.querySelector('product-customizer') as any).selections);
    expect(restored['front-text'].text ?? restored['front-text']).to.equal('Before');
    expect(restored.color).to.equal('navy');
    expect(restored.photo.asset.sha256).to.equal((order.selections.photo as any).asset.sha256);
    // The photo itself is back (its bytes, not just its description): the element orders it again.
    const reordered = await page.evaluate(async () => {
      const { files } = await (document.querySelector('product-customizer') as any).toOrder();
      return Object.fromEntries(await Promise.all(Object.entries(files).map(async ([k, f]: [string, any]) => [k, [...new Uint8Array(await f.arrayBuffer())]])));
    });
    expect(Object.keys(reordered)).to.include('photo-1');
    expect(Buffer.from(reordered['photo-1']).equals(Buffer.from(png))).to.equal(true);
    expect(await page.locator('product-customizer').evaluate((e) => !!e.shadowRoot!.querySelector('[data-component="photo"] img.thumb'))).to.equal(true);
    expect(await page.getByRole('textbox', { name: /Front text/ }).inputValue()).to.equal('Before');
    expect(await page.locator('input[name="replace"]').inputValue()).to.equal(line);
    expect(errors).to.deep.equal([]);
    await ctx.close();

    // Updating: the edited design, posted without the photo's bytes (the cart keeps them), replaces the line.
    const edited = await teeWithPhoto(png, 'photo-1', { 'front-text': 'After', color: 'navy' });
    const res = await add(edited, cookie, {}, { replace: line! });
    expect(res.status, res.body).to.equal(303);
    const after = (await cart(cookie)).body;
    expect(lineIds(after)).to.have.length(1);
    expect(after).to.include('Front text: After');
    expect(after).to.not.include('Front text: Before');
    const [stored] = await demo.store.lines(cartOf(cookie));
    expect(JSON.parse(stored.files_json).map((f: any) => [f.key, f.sha256])).to.deep.equal([['photo-1', (order.selections.photo as any).asset.sha256]]);
  });

  it('checkout: the thank-you page and the order page show product, preview, summary and status; the preview comes when ready', async () => {
    demo = await startDemo();
    const added = await add(await buildOrder(tee(), { size: 'M', 'front-text': 'Thanks', color: 'navy' }));
    const cookie = cookieOf(added);
    const thanks = await raw(demo.port, 'POST', '/checkout', { cookie });
    expect(thanks.status).to.equal(200);
    const orderId = /href="\/orders\/([0-9a-f-]{36})"/.exec(thanks.body)![1]!;
    for (const body of [thanks.body, (await raw(demo.port, 'GET', `/orders/${orderId}`, { cookie })).body]) {
      expect(body).to.include('Classic Tee').and.include('Front text: Thanks').and.include('Colour: Navy');
      expect(body).to.match(/<img class="thumb" data-preview src="[^"]+"/);
      expect(body).to.match(/data-field="status">(queued|rendering|ready)/);
      expect(body).to.include('<script type="module" src="/live-status.js"></script>');
    }
    expect((await renderDone(demo.store, orderId)).render_state).to.equal('ready');
    const status = JSON.parse((await raw(demo.port, 'GET', `/orders/${orderId}/status.json`, { cookie })).body);
    expect(status).to.deep.include({ status: 'ready', preview: `/orders/${orderId}/preview.png` });
    const preview = await raw(demo.port, 'GET', status.preview, { cookie });
    expect([preview.status, preview.headers['content-type']]).to.deep.equal([200, 'image/png']);
    expect((await loadImage(preview.bytes)).width).to.equal(480);
    // Now ready, the order page shows the preview itself; another shopper sees nothing of it.
    expect((await raw(demo.port, 'GET', `/orders/${orderId}`, { cookie })).body).to.include(`src="/orders/${orderId}/preview.png"`);
    expect((await raw(demo.port, 'GET', status.preview)).status).to.equal(404);
    expect((await raw(demo.port, 'GET', `/orders/${orderId}/status.json`)).status).to.equal(404);
  });

  it('the cart table fits a 390 px phone (Chromium): nothing wider than the screen', async () => {
    demo = await startDemo({ env: { RENDER_IN_PROCESS: '0' } });
    const first = await add(await buildOrder(tee(), { size: 'XL', color: 'navy', 'front-text': 'Twenty-four characters!!' }));
    const cookie = cookieOf(first);
    await add(await buildOrder(tee(), { size: 'S', 'front-text': 'Short' }), cookie);
    browser ??= await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    await ctx.addCookies([{ name: 'cart', value: cookie.slice('cart='.length), url: demo.origin }]);
    const page = await ctx.newPage();
    await page.goto(`${demo.origin}/cart`);
    await page.locator('table.cart').waitFor();
    const sizes = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      table: Math.ceil(document.querySelector('table.cart')!.getBoundingClientRect().right),
      cells: Math.max(...[...document.querySelectorAll('table.cart td, table.cart th')].map((c) => Math.ceil(c.getBoundingClientRect().right))),
    }));
    writeFileSync(join(tmpdir(), 'pc-cart-390.png'), await page.screenshot({ fullPage: true }));
    expect(sizes.page, JSON.stringify(sizes)).to.be.at.most(390);
    expect(sizes.table).to.be.at.most(390);
    expect(sizes.cells).to.be.at.most(390);
    await ctx.close();
  });
});
