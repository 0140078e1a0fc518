/**
 * The demo platform: a shop (product list, product pages with an ordinary add-to-cart form and
 * <product-customizer> inside, a cart, checkout), its backend (verifies every order with
 * verifyOrder, renders print files with renderPrintFiles, a JSON API), and the merchant's side
 * (demo/merchant.mjs: orders inbox, status, downloads, publishing products). One Node process,
 * Fastify, SQLite. What holds against attack, and what a deployment sets, is in README.md
 * ("Security").
 *
 *   PORT (default 8080), HOST (default 127.0.0.1), DATA_DIR (default ./.data)
 *   MERCHANT_USER, MERCHANT_PASSWORD   the merchant's sign-in (default: generated, kept in DATA_DIR)
 *   COOKIE_SECURE=1                    behind HTTPS: cookies get Secure, HSTS and upgrade-insecure-requests are sent
 *   LOG_LEVEL                          when started from the command line (default warn: the server's own failures)
 *   PUBLIC_ORIGIN                      e.g. https://shop.example: the origin merchant requests must come from
 *                                      (default: the request's Host, with https when COOKIE_SECURE=1)
 */
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMockups, renderPrintFiles, PrintRefusedError, VectorFontError } from '../dist/server.js';
import { parseBoundedJson } from './bounded-json.mjs';
import { IntakeError, LIMITS, intakeOrder, multipartLimits, parseOrderJson, readMultipart, sameOrder, stopReading, uploadsOf } from './intake.mjs';
import { merchantCredentials, merchantPlugin, merchantSession } from './merchant.mjs';
import { openStore } from './store.mjs';
import { h, issueList, layout, money, text } from './pages.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const MIME = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.json': 'application/json', '.css': 'text/css; charset=utf-8' };
/** A product's merchant-set form fields (the pasted product JSON) may be this large. */
const FORM_BYTES = 2_000_000;

/**
 * The Content-Security-Policy of every response. Scripts only from the shop's origin (no inline
 * script, no eval); style sheets only from it too, while style attributes stay allowed (the
 * element and the studio position and colour things with them); uploads are previewed from blob:
 * URLs; nothing may frame the shop or the merchant's pages.
 */
export function contentSecurityPolicy(secure) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'"],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", 'blob:', 'data:'],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      ...(secure && { upgradeInsecureRequests: [] }),
    },
  };
}

/** The deployment settings read from the environment (see the header). */
export function demoConfig(env) {
  const secure = env.COOKIE_SECURE === '1' || env.COOKIE_SECURE === 'true';
  let publicOrigin;
  if (env.PUBLIC_ORIGIN) {
    const u = new URL(env.PUBLIC_ORIGIN);
    if (!/^https?:$/.test(u.protocol)) throw new Error('PUBLIC_ORIGIN must be an http(s) origin such as https://shop.example');
    publicOrigin = u.origin;
  }
  return { secure, publicOrigin };
}

/** assetsDir: where product images and fonts live (the examples' assets by default). env: the settings above. */
export async function createDemo({ dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data')), assetsDir = join(root, 'examples/assets'), logger = false, env = process.env } = {}) {
  const ASSETS = resolve(assetsDir);
  const config = demoConfig(env);
  mkdirSync(dataDir, { recursive: true });
  const store = openStore(dataDir);
  const secretFile = join(dataDir, 'secret');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const creds = merchantCredentials(env, dataDir);

  // First start: publish the three examples.
  if (store.products().length === 0) {
    for (const name of ['classic-tee', 'engraved-bottle', 'name-necklace']) {
      const json = JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8'));
      delete json.$schema;
      store.publish(json, text(json.name));
    }
  }

  const app = Fastify({ logger, bodyLimit: LIMITS.jsonBytes, trustProxy: false });
  // JSON bodies: within LIMITS.jsonBytes (413) and LIMITS.jsonDepth (400), checked before parsing.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: LIMITS.jsonBytes }, (_req, body, done) => {
    try {
      done(null, parseBoundedJson(body, { maxBytes: LIMITS.jsonBytes, maxDepth: LIMITS.jsonDepth + 1, what: 'the JSON body' }));
    } catch (e) {
      done(e);
    }
  });
  await app.register(helmet, {
    contentSecurityPolicy: contentSecurityPolicy(config.secure),
    strictTransportSecurity: config.secure ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
  });
  await app.register(cookie, { secret: readFileSync(secretFile, 'utf8') });
  await app.register(formbody, { bodyLimit: FORM_BYTES });
  await app.register(multipart, multipartLimits());
  // Errors: a client's mistake says what it was; a failure of ours says nothing about the server (no paths).
  app.setErrorHandler((err, req, reply) => {
    const status = Number.isInteger(err.statusCode) && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error(err);
    if (status === 413 && !req.raw.complete) stopReading(req, reply);
    return reply.code(status).send({ error: status === 500 ? 'something went wrong on our side; nothing was stored' : err.message });
  });

  const productOf = (id, rev) => {
    const row = rev === undefined ? store.latest(id) : store.revision(id, rev);
    return row ? { row, json: JSON.parse(row.json) } : undefined;
  };
  const publishedProduct = (id, rev) => productOf(id, rev)?.json;
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: config.secure };
  const expectedOrigin = (req) => config.publicOrigin ?? `${config.secure ? 'https' : 'http'}://${req.headers.host}`;
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
  const page = (reply, status, title, body, nav, req, csrf) =>
    reply.code(status).type('text/html; charset=utf-8').send(layout({ title, body, nav, csrf, cartCount: req && nav !== 'merchant' ? (cartId(req) ? store.lines(cartId(req)).length : 0) : 0 }));
  /** A body refused while it was read (too large: 413, malformed: 400); the rest of it is not read. */
  const refuseBody = (reply, e, html, req) => {
    if (!(e instanceof IntakeError)) throw e;
    if (!req.raw.complete) stopReading(req, reply);
    return html ? page(reply, e.statusCode, 'Refused', h`<h1>Refused</h1><p>${e.message}</p>`, 'shop', req) : reply.code(e.statusCode).send({ error: e.message });
  };
  /** A render that failed for a reason of ours: logged; the shopper is told without server details. */
  const renderIssues = (e, req) => {
    if (e instanceof PrintRefusedError) return e.issues;
    req.log.error(e, 'print files failed');
    return [{ code: 'invalid-order', severity: 'error', path: [], message: 'the print files could not be made; nothing was ordered, please try again later' }];
  };
  const sendFile = (reply, path) => {
    if (!existsSync(path)) return reply.code(404).send('Not found');
    return reply.type(MIME[extname(path)] ?? 'application/octet-stream').header('cache-control', 'public, max-age=300').send(createReadStream(path));
  };
  const inside = (base, rel) => {
    const p = resolve(base, rel);
    return p.startsWith(base + '/') ? p : undefined;
  };
  const assetsBase = join(ASSETS, '..');
  const fileRow = (kind, f, sha256) => ({ kind, key: f.key, sha256, name: f.name, type: f.type, width: f.width, height: f.height, ...(kind === 'print' && { area: f.area, dpi: f.dpi }) });
  /**
   * Every print file of an order as PNG, PDF and SVG (vector: texts as outlines, for engravers and
   * cutters), stored like any file: PNG under the file's key, the vector ones under `key.pdf` /
   * `key.svg`. A product whose texts have no font file to outline gets its PNGs only (logged): the
   * PNG is the print file, and a vector file missing letters must not be made.
   */
  const printRows = async (product, order, uploads, batch, log) => {
    const rows = [];
    for (const [format, type] of [['png', 'image/png'], ['pdf', 'application/pdf'], ['svg', 'image/svg+xml']]) {
      let prints;
      try {
        prints = await renderPrintFiles(product, order, uploads, { assetsBase, format });
      } catch (e) {
        if (!(e instanceof VectorFontError)) throw e;
        log.warn({ orderId: order.orderId, component: e.component, code: e.code }, `no PDF/SVG print files: ${e.message}`);
        break;
      }
      for (const f of prints) rows.push(fileRow('print', { ...f, key: format === 'png' ? f.key : `${f.key}.${format}`, name: `${f.key}.${format}`, type }, batch.put(f.bytes)));
    }
    return rows;
  };

  // ---- static: the SDK bundle, the shop's stylesheet and product assets -------------------------------
  app.get('/dist/*', (req, reply) => {
    const p = inside(join(root, 'dist'), req.params['*']);
    return p ? sendFile(reply, p) : reply.code(404).send('Not found');
  });
  app.get('/site.css', (req, reply) => sendFile(reply, join(root, 'demo/site.css')));
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

  app.post('/cart/add', async (req, reply) => {
    if (!req.isMultipart()) return page(reply, 415, 'Refused', h`<h1>Refused</h1><p>Expected a multipart form post.</p>`, 'shop', req);
    let body;
    let order;
    try {
      body = await readMultipart(req);
      order = parseOrderJson(body.fields['properties[_customization]']);
    } catch (e) {
      return refuseBody(reply, e, true, req);
    }
    const uploads = uploadsOf(body.files, (field) => /^properties\[_file_(.+)\]$/.exec(field)?.[1]);
    const intake = await intakeOrder(publishedProduct, order, uploads);
    const back = order?.product?.id && productOf(String(order.product.id)) ? `/products/${order.product.id}` : '/';
    if (!intake.ok) return page(reply, 422, 'Refused', h`<h1>We could not add this design</h1>${issueList(intake.issues.filter((i) => i.severity !== 'warning'))}<p><a href="${back}">Back to the product</a></p>`, 'shop', req);
    const quantity = Math.min(99, Math.max(1, Number.parseInt(body.fields.quantity ?? '1', 10) || 1));
    const verified = Object.fromEntries(intake.files.map((f) => [f.key, f.bytes]));
    const batch = store.fileBatch();
    try {
      const files = intake.files.map((f) => fileRow('upload', f, batch.put(f.bytes)));
      let thumb;
      try {
        const [front] = await renderMockups(intake.product, intake.order, verified, { width: 480, assetsBase });
        if (front) thumb = batch.put(front.png);
      } catch (e) {
        req.log.warn(e, 'thumbnail failed');
      }
      store.addLine(ensureCart(req, reply), intake.order, quantity, files, thumb);
      batch.done();
    } catch (e) {
      batch.abort();
      throw e;
    }
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
    // Render every line's print files first (files on disk before rows), then place all orders and
    // their files in one transaction; when anything fails, the files written here are removed.
    const rendered = new Map();
    const batch = store.fileBatch();
    let placed;
    try {
      for (const l of lines) {
        if (store.order(l.order_id)) continue; // placed already: checkout skips it, so no print files for it
        const order = JSON.parse(l.order_json);
        const p = productOf(l.product_id, l.revision).json;
        const uploads = Object.fromEntries(JSON.parse(l.files_json).map((f) => [f.key, new Uint8Array(store.getFile(f.sha256))]));
        try {
          rendered.set(l.order_id, await printRows(p, order, uploads, batch, req.log));
        } catch (e) {
          batch.abort();
          return page(reply, 422, 'Refused', h`<h1>Checkout failed</h1>${issueList(renderIssues(e, req))}`, 'shop', req);
        }
      }
      placed = store.checkout(id, (line) => ({ ok: true, verifiedAt: new Date().toISOString(), lineId: line.id }), (line) => rendered.get(line.order_id) ?? []);
      batch.done();
    } catch (e) {
      batch.abort();
      throw e;
    }
    return page(reply, 200, 'Thank you', h`<h1>Thank you!</h1><p>Your order${placed.length > 1 ? 's' : ''} ${placed.map((o, i) => h`${i ? ', ' : ''}<a href="/orders/${o}">${o.slice(0, 8)}</a>`)} ${placed.length > 1 ? 'are' : 'is'} with the maker.</p>`, 'shop', req);
  });

  app.get('/orders/:id', (req, reply) => {
    const row = store.order(req.params.id);
    // A shopper sees only their own orders (the cart that placed them); the merchant sees all.
    if (!row || (row.owner !== cartId(req) && !merchantSession(req, store))) return page(reply, 404, 'Not found', h`<h1>No such order</h1>`, 'shop', req);
    const o = JSON.parse(row.order_json);
    return page(reply, 200, 'Your order', h`<h1>Order ${o.orderId.slice(0, 8)}</h1><p>Status: <span class="status">${row.status}</span></p><ul>${o.summary.map((s) => h`<li>${s.label}: ${s.value}</li>`)}</ul><p class="price">${money(o.price.total * row.quantity, o.price.currency)}</p>`, 'shop', req);
  });

  // ---- JSON API ---------------------------------------------------------------------------------------
  app.post('/api/orders', async (req, reply) => {
    let order;
    let uploads = {};
    let quantity = 1;
    try {
      if (req.isMultipart()) {
        const body = await readMultipart(req);
        order = parseOrderJson(body.fields.order);
        quantity = Number.parseInt(body.fields.quantity ?? '1', 10) || 1;
        uploads = uploadsOf(body.files, (field) => field);
      } else {
        if (!req.body || typeof req.body !== 'object') throw new IntakeError('expected a JSON body { order, quantity? } or a multipart form', 400);
        order = req.body.order ?? null;
        quantity = Number.parseInt(req.body.quantity ?? '1', 10) || 1;
      }
    } catch (e) {
      return refuseBody(reply, e, false, req);
    }
    quantity = Math.min(99, Math.max(1, quantity));
    const intake = await intakeOrder(publishedProduct, order, uploads);
    if (!intake.ok) return reply.code(422).send({ issues: intake.issues });
    // An orderId already stored: a replay of that very order is answered; anything else learns nothing.
    const conflict = () => reply.code(409).send({ error: 'this orderId belongs to another order' });
    const same = (json) => sameOrder(JSON.parse(json), intake.order);
    const existing = store.order(intake.order.orderId);
    if (existing) return existing.quantity === quantity && same(existing.order_json) ? reply.code(200).send({ orderId: existing.order_id, status: existing.status, created: false }) : conflict();
    const verified = Object.fromEntries(intake.files.map((f) => [f.key, f.bytes]));
    const batch = store.fileBatch();
    try {
      const files = intake.files.map((f) => fileRow('upload', f, batch.put(f.bytes)));
      try {
        files.push(...(await printRows(intake.product, intake.order, verified, batch, req.log)));
      } catch (e) {
        batch.abort();
        return reply.code(422).send({ issues: renderIssues(e, req) });
      }
      const owner = ensureCart(req, reply);
      const placed = store.placeOrder(intake.order, owner, quantity, { ok: true, price: intake.price }, files, 'api', same);
      if (placed.conflict) {
        batch.abort();
        return conflict();
      }
      batch.done();
      const { row, created } = placed;
      return reply.code(created ? 201 : 200).send({ orderId: row.order_id, status: row.status, created, total: intake.price.total, currency: intake.price.currency });
    } catch (e) {
      batch.abort();
      throw e;
    }
  });

  // ---- merchant: its own plugin, every route in it guarded (demo/merchant.mjs) ----------------------
  await app.register(merchantPlugin, { prefix: '/merchant', store, creds, page, cookieOpts, expectedOrigin });

  return { app, store, creds };
}

/** What `npm start` prints: the shop's address and the merchant's sign-in (a password only when generated). */
export function startMessage(address, creds) {
  return [
    `Custom Goods demo shop: ${address}/`,
    `Merchant: ${address}/merchant/  username: ${creds.username}  password: ${creds.generated ? creds.password : '(from MERCHANT_PASSWORD)'}`,
  ].join('\n');
}

// Run as a script: start the shop. No top-level await, so tests (and tsx, which may load this module
// through require) can import createDemo without an async module graph.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  createDemo({ logger: { level: process.env.LOG_LEVEL ?? 'warn' } })
    .then(async ({ app, creds }) => console.log(startMessage(await app.listen({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' }), creds)))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
