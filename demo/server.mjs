/**
 * The demo platform: a shop (product list, product pages with an ordinary add-to-cart form and
 * <product-customizer> inside, a cart, checkout), its backend (verifies every order with
 * verifyOrder, renders print files with renderPrintFiles, a JSON API), and the merchant's side
 * (orders inbox, status, downloads, publishing products). One Node process, Fastify, SQLite.
 *
 *   PORT (default 8080), HOST (default 127.0.0.1), DATA_DIR (default ./.data)
 */
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseProduct, formatPath } from '../dist/core.js';
import { renderMockups, renderPrintFiles, verifyOrder, PrintRefusedError } from '../dist/server.js';
import { openStore } from './store.mjs';
import { esc, h, issueList, layout, money, raw, text } from './pages.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const LIMITS = { fileSize: 25_000_000, files: 12, fields: 200, fieldSize: 2_000_000, bodyLimit: 64_000_000 };
const KEY_RE = /^[A-Za-z0-9_-]{1,128}$/;
const MIME = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.json': 'application/json' };

/** assetsDir: where product images and fonts live (the examples' assets by default). */
export async function createDemo({ dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data')), assetsDir = join(root, 'examples/assets'), logger = false } = {}) {
  const ASSETS = resolve(assetsDir);
  mkdirSync(dataDir, { recursive: true });
  const store = openStore(dataDir);
  const secretFile = join(dataDir, 'secret');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const credsFile = join(dataDir, 'merchant.json');
  if (!existsSync(credsFile)) writeFileSync(credsFile, JSON.stringify({ username: 'merchant', password: randomBytes(9).toString('base64url') }), { mode: 0o600 });
  const creds = JSON.parse(readFileSync(credsFile, 'utf8'));

  // First start: publish the three examples.
  if (store.products().length === 0) {
    for (const name of ['classic-tee', 'engraved-bottle', 'name-necklace']) {
      const json = JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8'));
      delete json.$schema;
      store.publish(json, text(json.name));
    }
  }

  const app = Fastify({ logger, bodyLimit: LIMITS.bodyLimit, trustProxy: false });
  await app.register(cookie, { secret: readFileSync(secretFile, 'utf8') });
  await app.register(formbody, { bodyLimit: LIMITS.fieldSize });
  await app.register(multipart, { limits: { fileSize: LIMITS.fileSize, files: LIMITS.files, fields: LIMITS.fields, fieldSize: LIMITS.fieldSize } });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });

  const productOf = (id, rev) => {
    const row = rev === undefined ? store.latest(id) : store.revision(id, rev);
    return row ? { row, json: JSON.parse(row.json) } : undefined;
  };
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax', signed: true };
  const cartId = (req) => {
    const c = req.cookies.cart && req.unsignCookie(req.cookies.cart);
    return c?.valid && store.cart(c.value) ? c.value : undefined;
  };
  const ensureCart = (req, reply) => {
    const existing = cartId(req);
    if (existing) return existing;
    const id = store.newCart();
    reply.setCookie('cart', id, cookieOpts);
    return id;
  };
  const isMerchant = (req) => {
    const c = req.cookies.merchant && req.unsignCookie(req.cookies.merchant);
    if (!c?.valid) return false;
    const [user, until] = c.value.split('|');
    return user === creds.username && Number(until) > Date.now();
  };
  const page = (reply, status, title, body, nav, req) =>
    reply.code(status).type('text/html; charset=utf-8').send(layout({ title, body, nav, cartCount: req && nav !== 'merchant' ? (cartId(req) ? store.lines(cartId(req)).length : 0) : 0 }));
  const sendFile = (reply, path) => {
    if (!existsSync(path)) return reply.code(404).send('Not found');
    return reply.type(MIME[extname(path)] ?? 'application/octet-stream').header('cache-control', 'public, max-age=300').send(createReadStream(path));
  };
  const inside = (base, rel) => {
    const p = resolve(base, rel);
    return p.startsWith(base + '/') ? p : undefined;
  };

  // ---- static: the SDK bundle and product assets --------------------------------------------------
  app.get('/dist/*', (req, reply) => {
    const p = inside(join(root, 'dist'), req.params['*']);
    return p ? sendFile(reply, p) : reply.code(404).send('Not found');
  });
  app.get('/products/:id/r/:rev/assets/*', (req, reply) => {
    const p = inside(ASSETS, req.params['*']);
    return p ? sendFile(reply, p) : reply.code(404).send('Not found');
  });
  app.get('/products/:id/r/:rev/product.json', (req, reply) => {
    const p = productOf(req.params.id, req.params.rev);
    return p ? reply.type('application/json').send(p.row.json) : reply.code(404).send({ error: 'no such product revision' });
  });

  // ---- shop ----------------------------------------------------------------------------------------
  app.get('/', (req, reply) => {
    const cards = store.products().map(({ product_id, revision, json }) => {
      const p = JSON.parse(json);
      const img = p.views[0]?.layers[0]?.src;
      return h`<a class="card" href="/products/${product_id}">${img ? h`<img src="/products/${product_id}/r/${revision}/assets/${img}" alt="">` : ''}
        <strong>${text(p.name)}</strong><span class="price">from ${money(p.basePrice, p.currency)}</span><span class="muted">Personalise it</span></a>`;
    });
    return page(reply, 200, 'All products', h`<h1>All products</h1><div class="grid">${cards}</div>`, 'shop', req);
  });

  app.get('/products/:id', (req, reply) => {
    const p = productOf(req.params.id);
    if (!p) return page(reply, 404, 'Not found', h`<h1>No such product</h1>`, 'shop', req);
    const { json, row } = p;
    const base = `/products/${row.product_id}/r/${row.revision}`;
    const gallery = json.views.flatMap((v) => v.layers.slice(0, 1).map((l) => h`<img src="${base}/assets/${l.src}" alt="${text(v.label)}">`));
    // An ordinary add-to-cart form, as a shop theme renders it; the element inside needs no script of ours.
    return page(reply, 200, text(json.name), h`
      <h1>${text(json.name)}</h1><p class="price">${money(json.basePrice, json.currency)}</p>
      <div class="gallery">${gallery}</div>
      <form class="product" action="/cart/add" method="post" enctype="multipart/form-data">
        <input type="hidden" name="id" value="${row.product_id}:${row.revision}">
        <product-customizer src="${base}/product.json" no-submit autosave></product-customizer>
        <div class="qty"><label for="qty">Quantity</label><input id="qty" type="number" name="quantity" value="1" min="1" max="99">
          <button class="btn" type="submit">Add to cart</button></div>
      </form>`, 'shop', req);
  });

  /** Reads a multipart body into fields and files (buffers), within the limits. */
  async function readMultipart(req) {
    const fields = {};
    const files = {};
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const buf = await part.toBuffer();
        if (part.file.truncated) throw Object.assign(new Error(`file ${part.fieldname} is over ${LIMITS.fileSize} bytes`), { statusCode: 413 });
        files[part.fieldname] = { bytes: buf, name: part.filename, type: part.mimetype };
      } else fields[part.fieldname] = part.value;
    }
    return { fields, files };
  }

  /** Verifies an order posted by a shopper against the stored revision; returns the product too. */
  async function check(order, uploads) {
    if (!order || typeof order !== 'object' || !order.product) return { ok: false, issues: [{ code: 'invalid-order', path: [], message: 'no order in the request' }] };
    const p = productOf(String(order.product.id), String(order.product.revision));
    if (!p) return { ok: false, issues: [{ code: 'product-mismatch', path: ['product'], message: 'this product revision is not published here' }] };
    const verdict = await verifyOrder(p.json, order, uploads);
    return { ...verdict, product: p.json };
  }

  app.post('/cart/add', async (req, reply) => {
    if (!req.isMultipart()) return page(reply, 415, 'Refused', h`<h1>Refused</h1><p>Expected a multipart form post.</p>`, 'shop', req);
    let body;
    try {
      body = await readMultipart(req);
    } catch (e) {
      return page(reply, e.statusCode ?? 400, 'Refused', h`<h1>Refused</h1><p>${e.message}</p>`, 'shop', req);
    }
    let order;
    try {
      order = JSON.parse(body.fields['properties[_customization]'] ?? 'null');
    } catch {
      order = null;
    }
    const uploads = {};
    for (const [field, f] of Object.entries(body.files)) {
      const m = /^properties\[_file_(.+)\]$/.exec(field);
      if (m && KEY_RE.test(m[1])) uploads[m[1]] = new Uint8Array(f.bytes);
    }
    const verdict = await check(order, uploads);
    if (!verdict.ok) return page(reply, 422, 'Refused', h`<h1>We could not add this design</h1>${issueList(verdict.issues.filter((i) => i.severity !== 'warning'))}<p><a href="javascript:history.back()">Back to the product</a></p>`, 'shop', req);
    const quantity = Math.min(99, Math.max(1, Number.parseInt(body.fields.quantity ?? '1', 10) || 1));
    const files = [];
    for (const [key, bytes] of Object.entries(uploads)) {
      const asset = Object.values(order.selections).find((s) => s?.asset?.key === key)?.asset;
      if (asset) files.push({ kind: 'upload', key, sha256: store.putFile(bytes), name: asset.name, type: asset.type, width: asset.width, height: asset.height });
    }
    let thumb;
    try {
      const [front] = await renderMockups(verdict.product, order, uploads, { width: 480, assetsBase: join(ASSETS, '..') });
      if (front) thumb = store.putFile(front.png);
    } catch (e) {
      req.log.warn(e, 'thumbnail failed');
    }
    store.addLine(ensureCart(req, reply), order, quantity, files, thumb);
    return reply.redirect('/cart', 303);
  });

  app.get('/cart', (req, reply) => {
    const id = cartId(req);
    const lines = id ? store.lines(id) : [];
    if (!lines.length) return page(reply, 200, 'Cart', h`<h1>Your cart</h1><p>Your cart is empty. <a href="/">Keep shopping</a></p>`, 'shop', req);
    let total = 0;
    let currency = 'USD';
    const rows = lines.map((l) => {
      const o = JSON.parse(l.order_json);
      total += o.price.total * l.quantity;
      currency = o.price.currency;
      const p = productOf(l.product_id, l.revision)?.json;
      return h`<tr><td>${l.thumb_sha ? h`<img class="thumb" src="/cart/thumb/${l.id}" alt="Preview of your design">` : ''}</td>
        <td><strong>${p ? text(p.name, o.locale) : l.product_id}</strong><ul>${o.summary.map((s) => h`<li>${s.label}: ${s.value}</li>`)}</ul></td>
        <td>${l.quantity}</td><td class="price">${money(o.price.total * l.quantity, o.price.currency)}</td></tr>`;
    });
    return page(reply, 200, 'Cart', h`<h1>Your cart</h1><table><thead><tr><th></th><th>Item</th><th>Qty</th><th>Price</th></tr></thead><tbody>${rows}</tbody></table>
      <p class="price">Total ${money(total, currency)}</p><form method="post" action="/checkout"><button class="btn">Check out</button></form>`, 'shop', req);
  });

  app.get('/cart/thumb/:line', (req, reply) => {
    const id = cartId(req);
    const line = id && store.lines(id).find((l) => String(l.id) === req.params.line);
    const bytes = line?.thumb_sha && store.getFile(line.thumb_sha);
    return bytes ? reply.type('image/png').send(bytes) : reply.code(404).send('Not found');
  });

  app.post('/checkout', async (req, reply) => {
    const id = cartId(req);
    const lines = id ? store.lines(id) : [];
    if (!lines.length) return reply.redirect('/cart', 303);
    // Render every line's print files first (files on disk before rows), then place all orders in one transaction.
    const rendered = new Map();
    for (const l of lines) {
      const order = JSON.parse(l.order_json);
      const p = productOf(l.product_id, l.revision).json;
      const uploads = Object.fromEntries(JSON.parse(l.files_json).map((f) => [f.key, new Uint8Array(store.getFile(f.sha256))]));
      try {
        const prints = await renderPrintFiles(p, order, uploads, { assetsBase: join(ASSETS, '..') });
        rendered.set(l.order_id, prints.map((f) => ({ kind: 'print', key: f.key, sha256: store.putFile(f.png), name: `${f.key}.png`, type: 'image/png', area: f.area, width: f.width, height: f.height, dpi: f.dpi })));
      } catch (e) {
        const issues = e instanceof PrintRefusedError ? e.issues : [{ code: 'invalid-order', path: [], message: e.message }];
        return page(reply, 422, 'Refused', h`<h1>Checkout failed</h1>${issueList(issues)}`, 'shop', req);
      }
    }
    const placed = store.checkout(id, (line) => ({ ok: true, verifiedAt: new Date().toISOString(), lineId: line.id }));
    for (const orderId of placed) store.addOrderFiles(orderId, rendered.get(orderId) ?? []);
    return page(reply, 200, 'Thank you', h`<h1>Thank you!</h1><p>Your order${placed.length > 1 ? 's' : ''} ${placed.map((o, i) => h`${i ? ', ' : ''}<a href="/orders/${o}">${o.slice(0, 8)}</a>`)} ${placed.length > 1 ? 'are' : 'is'} with the maker.</p>`, 'shop', req);
  });

  app.get('/orders/:id', (req, reply) => {
    const row = store.order(req.params.id);
    // A shopper sees only their own orders (the cart that placed them); the merchant sees all.
    if (!row || (row.owner !== cartId(req) && !isMerchant(req))) return page(reply, 404, 'Not found', h`<h1>No such order</h1>`, 'shop', req);
    const o = JSON.parse(row.order_json);
    return page(reply, 200, 'Your order', h`<h1>Order ${o.orderId.slice(0, 8)}</h1><p>Status: <span class="status">${row.status}</span></p><ul>${o.summary.map((s) => h`<li>${s.label}: ${s.value}</li>`)}</ul><p class="price">${money(o.price.total * row.quantity, o.price.currency)}</p>`, 'shop', req);
  });

  // ---- JSON API ---------------------------------------------------------------------------------------
  app.post('/api/orders', async (req, reply) => {
    let order;
    const uploads = {};
    let quantity = 1;
    try {
      if (req.isMultipart()) {
        const body = await readMultipart(req);
        order = JSON.parse(body.fields.order ?? 'null');
        quantity = Number.parseInt(body.fields.quantity ?? '1', 10) || 1;
        for (const [key, f] of Object.entries(body.files)) if (KEY_RE.test(key)) uploads[key] = new Uint8Array(f.bytes);
      } else {
        order = req.body?.order;
        quantity = Number.parseInt(req.body?.quantity ?? '1', 10) || 1;
      }
    } catch (e) {
      return reply.code(e.statusCode ?? 400).send({ error: e.message });
    }
    if (order && typeof order.orderId === 'string') {
      const existing = store.order(order.orderId);
      if (existing) return reply.code(200).send({ orderId: existing.order_id, status: existing.status, created: false });
    }
    const verdict = await check(order, uploads);
    if (!verdict.ok) return reply.code(422).send({ issues: verdict.issues });
    const files = [];
    for (const [key, bytes] of Object.entries(uploads)) {
      const asset = Object.values(order.selections).find((s) => s?.asset?.key === key)?.asset;
      if (asset) files.push({ kind: 'upload', key, sha256: store.putFile(bytes), name: asset.name, type: asset.type, width: asset.width, height: asset.height });
    }
    try {
      const prints = await renderPrintFiles(verdict.product, order, uploads, { assetsBase: join(ASSETS, '..') });
      for (const f of prints) files.push({ kind: 'print', key: f.key, sha256: store.putFile(f.png), name: `${f.key}.png`, type: 'image/png', area: f.area, width: f.width, height: f.height, dpi: f.dpi });
    } catch (e) {
      return reply.code(422).send({ issues: e.issues ?? [{ code: 'invalid-order', path: [], message: e.message }] });
    }
    const owner = ensureCart(req, reply);
    const { row, created } = store.placeOrder(order, owner, Math.min(99, Math.max(1, quantity)), { ok: true, price: verdict.price }, files, 'api');
    return reply.code(created ? 201 : 200).send({ orderId: row.order_id, status: row.status, created, total: verdict.price.total, currency: verdict.price.currency });
  });

  // ---- merchant ----------------------------------------------------------------------------------------
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0];
    if (!path.startsWith('/merchant') || path === '/merchant/login') return;
    if (isMerchant(req)) return;
    if (req.method === 'GET' && !path.startsWith('/merchant/api')) return reply.redirect('/merchant/login', 302);
    return reply.code(401).send({ error: 'sign in as the merchant' });
  });

  app.get('/merchant/login', (req, reply) =>
    page(reply, 200, 'Merchant sign-in', h`<h1>Merchant sign-in</h1><form method="post" action="/merchant/login" style="display:grid;gap:1.2rem;max-width:32rem">
      <label>Username <input name="username" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button class="btn">Sign in</button></form>`, 'shop', req));

  app.post('/merchant/login', (req, reply) => {
    const { username = '', password = '' } = req.body ?? {};
    const same = (a, b) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
    if (!same(String(username), creds.username) || !same(String(password), creds.password)) {
      return page(reply, 401, 'Merchant sign-in', h`<h1>Merchant sign-in</h1><p class="issues">Wrong username or password.</p><p><a href="/merchant/login">Try again</a></p>`, 'shop', req);
    }
    reply.setCookie('merchant', `${creds.username}|${Date.now() + 8 * 3600_000}`, { ...cookieOpts, sameSite: 'strict' });
    return reply.redirect('/merchant/', 303);
  });
  app.post('/merchant/logout', (req, reply) => reply.clearCookie('merchant', { path: '/' }).redirect('/', 303));

  app.get('/merchant/', (req, reply) => {
    const orders = store.orders().map((row) => {
      const o = JSON.parse(row.order_json);
      const v = JSON.parse(row.verification_json);
      const files = store.orderFiles(row.order_id);
      const dl = (f) => h`<li><a href="/merchant/orders/${row.order_id}/files/${f.key}">${f.key}.png</a> ${f.kind === 'print' ? `${f.width} × ${f.height} px at ${f.dpi} dpi (${f.area})` : `upload, ${f.width} × ${f.height}`}</li>`;
      return h`<section class="order" data-order="${row.order_id}">
        <div class="row"><strong>Order ${row.order_id}</strong><span class="status">${row.status}</span><span class="muted">${row.created_at}</span>
          <span>${row.product_id} · revision ${row.revision} · qty ${row.quantity}</span><span>verified: ${v.ok ? 'yes' : 'no'}</span></div>
        <div class="row">${files.filter((f) => f.kind === 'print').map((f) => h`<img class="thumb" src="/merchant/orders/${row.order_id}/files/${f.key}" alt="Print file ${f.key}">`)}
          <div><ul>${o.summary.map((s) => h`<li>${s.label}: ${s.value}</li>`)}</ul>
          <table><tbody><tr><td>Base</td><td>${money(o.price.base, o.price.currency)}</td></tr>${o.price.lines.map((l) => h`<tr><td>${l.label}</td><td>${money(l.amount, o.price.currency)}</td></tr>`)}<tr><th>Total</th><th>${money(o.price.total, o.price.currency)}</th></tr></tbody></table></div></div>
        <ul>${files.map(dl)}<li><a href="/merchant/orders/${row.order_id}/order.json">order.json</a></li></ul>
        <form method="post" action="/merchant/orders/${row.order_id}/status" class="row"><label>Status <select name="status">${['new', 'in production', 'shipped'].map((s) => h`<option ${raw(s === row.status ? 'selected' : '')}>${s}</option>`)}</select></label><button class="btn secondary">Update</button></form>
      </section>`;
    });
    return page(reply, 200, 'Orders', h`<h1>Orders</h1>${orders.length ? orders : h`<p class="muted">No orders yet.</p>`}`, 'merchant');
  });

  app.post('/merchant/orders/:id/status', (req, reply) => {
    const status = req.body?.status;
    if (!['new', 'in production', 'shipped'].includes(status)) return reply.code(400).send({ error: 'unknown status' });
    if (!store.setStatus(req.params.id, status)) return reply.code(404).send({ error: 'no such order' });
    return reply.redirect('/merchant/', 303);
  });
  app.get('/merchant/orders/:id/order.json', (req, reply) => {
    const row = store.order(req.params.id);
    return row ? reply.type('application/json').header('content-disposition', `attachment; filename="order-${row.order_id}.json"`).send(row.order_json) : reply.code(404).send('Not found');
  });
  app.get('/merchant/orders/:id/files/:key', (req, reply) => {
    const f = store.orderFile(req.params.id, req.params.key);
    const bytes = f && store.getFile(f.sha256);
    return bytes ? reply.type(f.type).header('content-disposition', `inline; filename="${f.key}${f.type === 'image/png' ? '.png' : ''}"`).send(bytes) : reply.code(404).send('Not found');
  });

  app.get('/merchant/products', (req, reply) => productsPage(reply, 200));
  function productsPage(reply, status, extra = h``, draft = '') {
    const rows = store.revisions().map((r) => h`<tr><td>${r.product_id}</td><td>${r.revision}</td><td>${r.name}</td><td>${r.published_at}</td><td><a href="/products/${r.product_id}/r/${r.revision}/product.json">JSON</a></td></tr>`);
    return page(reply, status, 'Products', h`<h1>Products</h1>${extra}
      <h2>Studio</h2><p class="muted">Build or edit a product visually; Publish stores it as a new revision.</p>
      <script type="module" src="/dist/product-customizer-studio.js"></script>
      <product-customizer-studio autosave publish-url="/merchant/products" assets-base="/products/studio/r/draft/"></product-customizer-studio>
      <details><summary>Or paste a product JSON</summary>
      <form method="post" action="/merchant/products" style="display:grid;gap:1.2rem"><label>Publish a product (JSON; a new revision each time)<textarea class="json" name="json" required>${draft}</textarea></label><button class="btn">Publish</button></form></details>
      <h2>Published revisions</h2><table><thead><tr><th>Product</th><th>Revision</th><th>Name</th><th>Published</th><th></th></tr></thead><tbody>${rows}</tbody></table>`, 'merchant');
  }
  app.post('/merchant/products', (req, reply) => {
    const draft = String(req.body?.json ?? '');
    const r = parseProduct(draft);
    if (!r.ok) return productsPage(reply, 422, h`<div class="issues" role="alert"><strong>Not published: fix these first.</strong><ul>${r.issues.map((i) => h`<li>${i.severity}: <code>${formatPath(i.path)}</code> ${i.message}</li>`)}</ul></div>`, draft);
    const out = store.publish(r.product, text(r.product.name));
    if (!out.ok) return productsPage(reply, 409, h`<div class="issues" role="alert">Revision “${r.product.revision}” of ${r.product.id} is already published: change <code>revision</code> to publish a new one (orders keep theirs).</div>`, draft);
    return productsPage(reply, 201, h`<p class="status">Published ${r.product.id} revision ${r.product.revision}.</p>`);
  });

  return { app, store, creds };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { app, creds } = await createDemo();
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const address = await app.listen({ port, host });
  console.log(`Custom Goods demo shop: ${address.replace('127.0.0.1', '127.0.0.1')}/`);
  console.log(`Merchant sign-in at ${address}/merchant/ — username: ${creds.username}  password: ${creds.password}`);
}
