/**
 * The merchant's side of the demo as one Fastify plugin, registered under the prefix /merchant:
 * sign-in (throttled), server-side sessions (revoked on sign-out), the orders inbox, downloads,
 * status and publishing. Every route but sign-in lives in one encapsulated context whose own
 * onRequest hook requires a live session, so a route is guarded because of where it is declared,
 * never because its URL looks like /merchant (the router decodes `/%6derchant/`; a prefix test on
 * the raw URL does not). State-changing requests must also come from the shop's own pages: a
 * `Sec-Fetch-Site` other than same-origin or an `Origin` other than the shop's is refused (403),
 * and a request with neither header needs the session's CSRF token (@fastify/csrf-protection).
 */
import csrfProtection from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProduct, formatPath, sniffType } from '../dist/core.js';
import { SERVABLE_IMAGE_TYPES } from './intake.mjs';
import { csrfField, h, money, raw, text } from './pages.mjs';

/** The vector print files the shop renders itself (never an upload: intake accepts images only). */
const VECTOR_PRINT_TYPES = new Set(['application/pdf', 'image/svg+xml']);

export const SESSION_TTL_MS = 8 * 3600_000;
/** Sign-in attempts per client address and minute; the next ones get 429. */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 10;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const STATUSES = ['new', 'in production', 'shipped'];

/**
 * The merchant's credentials: MERCHANT_USER and MERCHANT_PASSWORD from the environment (both, the
 * password at least 12 characters), else the demo's default: a password generated on first start
 * and kept in DATA_DIR/merchant.json (mode 600). `generated` says which.
 */
export function merchantCredentials(env, dataDir) {
  const { MERCHANT_USER: username, MERCHANT_PASSWORD: password } = env;
  if (username !== undefined || password !== undefined) {
    if (!username || !password) throw new Error('set both MERCHANT_USER and MERCHANT_PASSWORD, or neither (for a generated demo password)');
    if ([...password].length < 12) throw new Error('MERCHANT_PASSWORD must have at least 12 characters');
    return { username, password, generated: false };
  }
  const file = join(dataDir, 'merchant.json');
  if (!existsSync(file)) writeFileSync(file, JSON.stringify({ username: 'merchant', password: randomBytes(12).toString('base64url') }), { mode: 0o600 });
  const { username: u, password: p } = JSON.parse(readFileSync(file, 'utf8'));
  return { username: u, password: p, generated: true };
}

const digest = (s) => createHash('sha256').update(String(s), 'utf8').digest();
/**
 * Whether a sign-in matches, in time that depends on neither secret's length nor content: fixed-
 * length digests compared with timingSafeEqual, both fields always compared.
 */
export function credentialsMatch(given, expected) {
  const user = timingSafeEqual(digest(given.username), digest(expected.username));
  const pass = timingSafeEqual(digest(given.password), digest(expected.password));
  return user && pass;
}

/** The merchant session a request carries (signed cookie → live row), or undefined. */
export async function merchantSession(req, store) {
  const c = req.cookies.merchant && req.unsignCookie(req.cookies.merchant);
  return c?.valid ? store.session(c.value) : undefined;
}

/**
 * An order's file as a download, typed by what its bytes are (never by what a shopper claimed): an
 * image the inbox shows with <img>, a PDF or SVG the shop rendered itself (a print file), anything
 * else opaque bytes; nosniff is set on every response.
 */
export async function sendOrderFile(reply, store, orderId, key) {
  const f = await store.orderFile(orderId, key);
  const bytes = f && store.getFile(f.sha256);
  if (!bytes) return reply.code(404).send('Not found');
  const sniffed = sniffType(bytes);
  const vector = f.kind === 'print' && VECTOR_PRINT_TYPES.has(sniffed) && sniffed === f.type;
  const type = SERVABLE_IMAGE_TYPES.has(sniffed) || vector ? sniffed : 'application/octet-stream';
  const ext = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp', 'application/pdf': '.pdf', 'image/svg+xml': '.svg' }[type] ?? '.bin';
  const name = f.key.endsWith(ext) ? f.key : `${f.key}${ext}`;
  return reply.type(type).header('content-disposition', `attachment; filename="${name}"`).send(bytes);
}

/**
 * Why a state-changing request is not from the shop's own pages, or '' when it may be. Browsers
 * send Sec-Fetch-Site and Origin on every cross-origin POST; neither can be set by a page.
 */
export function crossSiteReason(req, expectedOrigin) {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return `a ${site} request`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== expectedOrigin(req)) return 'a request from another origin';
  return '';
}

/**
 * opts: { store, creds, page(reply, status, title, body, nav, req, csrf), cookieOpts, expectedOrigin(req), assetsDir (where the studio's uploads go: the folder the shop serves) }
 */
export async function merchantPlugin(app, { store, creds, page, cookieOpts, expectedOrigin, assetsDir }) {
  const sessionCookie = { ...cookieOpts, sameSite: 'strict', maxAge: SESSION_TTL_MS / 1000 };
  const forbidden = (reply) => reply.code(403).type('text/plain; charset=utf-8').send('Refused: this request did not come from the shop’s own pages.');

  // ---- sign-in (the one route outside the guard) -----------------------------------------------
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, error: 'Too Many Requests', message: `Too many sign-in attempts; try again in ${Math.ceil(ctx.ttl / 1000)} s.` }),
  });
  const loginForm = (reply, status, req, extra = h``) =>
    page(reply, status, 'Merchant sign-in', h`<h1>Merchant sign-in</h1>${extra}<form method="post" action="/merchant/login" class="stack narrow">
      <label>Username <input name="username" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button class="btn">Sign in</button></form>`, 'shop', req);
  app.get('/login', (req, reply) => loginForm(reply, 200, req));
  app.post('/login', { config: { rateLimit: { max: SIGN_IN_ATTEMPTS_PER_MINUTE, timeWindow: 60_000 } } }, async (req, reply) => {
    // Sign-in CSRF (signing the merchant's browser into an attacker's session) is refused the same way.
    if (crossSiteReason(req, expectedOrigin)) return forbidden(reply);
    const body = req.body && typeof req.body === 'object' ? req.body : {};
    if (!credentialsMatch({ username: String(body.username ?? ''), password: String(body.password ?? '') }, creds))
      return loginForm(reply, 401, req, h`<p class="issues">Wrong username or password.</p>`);
    const id = await store.createSession(SESSION_TTL_MS, randomBytes(18).toString('base64url'));
    reply.setCookie('merchant', id, sessionCookie);
    return reply.redirect('/merchant/', 303);
  });

  // ---- everything else: signed in, and from the shop's own pages ---------------------------------
  await app.register(async (guarded) => {
    // @fastify/csrf-protection keeps its secret in req.session; ours is the server-side session row.
    guarded.decorateRequest('session', null);
    guarded.decorateRequest('merchantSessionId', null);
    await guarded.register(csrfProtection, { sessionPlugin: '@fastify/session', getToken: (req) => req.body?._csrf });
    guarded.addHook('onRequest', async (req, reply) => {
      const c = req.cookies.merchant && req.unsignCookie(req.cookies.merchant);
      const session = c?.valid ? await store.session(c.value) : undefined;
      if (!session) {
        if (req.method === 'GET' || req.method === 'HEAD') return reply.redirect('/merchant/login', 302);
        return reply.code(401).send({ error: 'sign in as the merchant' });
      }
      // The merchant's pages and files are private and change with every order and Publish: never
      // kept by the browser or a proxy (a page shown again from a cache would list stale revisions).
      reply.header('cache-control', 'no-store');
      req.session = { _csrf: session.csrf_secret };
      req.merchantSessionId = c.value;
      if (!SAFE_METHODS.has(req.method) && crossSiteReason(req, expectedOrigin)) return forbidden(reply);
    });
    // Same-origin requests are known by their headers (the studio's fetch sends Origin); a request
    // with neither header (an old browser) must carry the token of the form it was posted from.
    guarded.addHook('preHandler', (req, reply, done) => {
      if (SAFE_METHODS.has(req.method) || req.headers['sec-fetch-site'] === 'same-origin' || req.headers.origin !== undefined) return done();
      return guarded.csrfProtection(req, reply, done);
    });

    await guarded.register((await import('./assets.mjs')).studioAssets, { store, dir: assetsDir }); // the studio's uploads and revisions list (demo/assets.mjs)
    guarded.post('/logout', async (req, reply) => {
      await store.revokeSession(req.merchantSessionId);
      return reply.clearCookie('merchant', { path: '/' }).redirect('/', 303);
    });

    guarded.get('/', async (req, reply) => {
      const csrf = reply.generateCsrf();
      const orders = [];
      for (const row of await store.orders()) {
        const o = JSON.parse(row.order_json);
        const v = JSON.parse(row.verification_json);
        const files = await store.orderFiles(row.order_id);
        const link = (f, label) => h`<a href="/merchant/orders/${row.order_id}/files/${f.key}">${label}</a>`;
        // A print file in PNG, PDF and SVG on one line (stored as key.png, key.pdf, key.svg).
        const printLine = (f) => {
          const stem = f.key.replace(/\.png$/, '');
          const vector = ['pdf', 'svg'].map((ext) => files.find((v) => v.kind === 'print' && v.key === `${stem}.${ext}`)).filter(Boolean);
          return h`<li>${link(f, f.key)}${vector.map((v) => h` · ${link(v, v.name)}`)} ${f.width} × ${f.height} px at ${f.dpi} dpi (${f.area})${vector.length ? '' : ' · no PDF/SVG (not made by the render worker: see its log)'}</li>`;
        };
        const dl = (f) => (f.kind === 'print' ? (f.type === 'image/png' ? printLine(f) : '') : f.kind === 'upload' ? h`<li>${link(f, `${f.key}.png`)} upload, ${f.width} × ${f.height}</li>` : '');
        orders.push(h`<section class="order" data-order="${row.order_id}" data-live-order="${row.order_id}" data-status-url="/api/merchant/orders/${row.order_id}" data-status="${row.render_state}">
        <div class="row"><strong>Order ${row.order_id}</strong><span class="status">${row.status}</span><span class="muted">${row.created_at}</span>
          <span>${row.product_id} · revision ${row.revision} · qty ${row.quantity}</span><span>verified: ${v.ok ? 'yes' : 'no'}</span></div>
        <div class="row">Print files: <span class="render-status" data-field="status">${row.render_state}</span>${row.render_state === 'failed' ? h`<span class="issues" data-field="error">${row.render_error}</span>` : h`<span data-field="error"></span>`}<span class="muted">attempts: ${row.render_attempts}</span></div>
        ${row.render_state === 'ready' ? '' : h`<ul data-field="files" aria-live="polite"></ul>`}
        <div class="row">${files.filter((f) => f.kind === 'print' && f.type === 'image/png').map((f) => h`<img class="thumb" src="/merchant/orders/${row.order_id}/files/${f.key}" alt="Print file ${f.key}">`)}
          <div><ul>${o.summary.map((s) => h`<li>${s.label}: ${s.value}</li>`)}</ul>
          <table><tbody><tr><td>Base</td><td>${money(o.price.base, o.price.currency)}</td></tr>${o.price.lines.map((l) => h`<tr><td>${l.label}</td><td>${money(l.amount, o.price.currency)}</td></tr>`)}<tr><th>Total</th><th>${money(o.price.total, o.price.currency)}</th></tr></tbody></table></div></div>
        <ul>${files.map(dl)}<li><a href="/merchant/orders/${row.order_id}/order.json">order.json</a></li></ul>
        <form method="post" action="/merchant/orders/${row.order_id}/status" class="row">${csrfField(csrf)}<label>Status <select name="status">${STATUSES.map((s) => h`<option ${raw(s === row.status ? 'selected' : '')}>${s}</option>`)}</select></label><button class="btn secondary">Update</button></form>
      </section>`);
      }
      return page(reply, 200, 'Orders', h`<h1>Orders</h1>${orders.length ? orders : h`<p class="muted">No orders yet.</p>`}<script type="module" src="/live-status.js"></script>`, 'merchant', req, csrf);
    });

    guarded.post('/orders/:id/status', async (req, reply) => {
      const status = req.body?.status;
      if (!STATUSES.includes(status)) return reply.code(400).send({ error: 'unknown status' });
      if (!(await store.setStatus(req.params.id, status))) return reply.code(404).send({ error: 'no such order' });
      return reply.redirect('/merchant/', 303);
    });
    guarded.get('/orders/:id/order.json', async (req, reply) => {
      const row = await store.order(req.params.id);
      return row ? reply.type('application/json').header('content-disposition', `attachment; filename="order-${row.order_id}.json"`).send(row.order_json) : reply.code(404).send('Not found');
    });
    guarded.get('/orders/:id/files/:key', (req, reply) => sendOrderFile(reply, store, req.params.id, req.params.key));

    guarded.get('/products', (req, reply) => productsPage(req, reply, 200));
    async function productsPage(req, reply, status, extra = h``, draft = '') {
      const rows = (await store.revisions()).map((r) => h`<tr><td>${r.product_id}</td><td>${r.revision}</td><td>${r.name}</td><td>${r.published_at}</td><td><a href="/products/${r.product_id}/r/${r.revision}/product.json">JSON</a></td></tr>`);
      const csrf = reply.generateCsrf();
      return page(reply, status, 'Products', h`<h1>Products</h1>${extra}
      <h2>Studio</h2><p class="muted">Build or edit a product visually; Publish stores it as a new revision.</p>
      <script type="module" src="/dist/product-customizer-studio.js"></script>
      <product-customizer-studio autosave publish-url="/merchant/products" asset-upload-url="/merchant/assets" revisions-url="/merchant/revisions.json" assets-base="/products/studio/r/draft/"></product-customizer-studio>
      <details><summary>Or paste a product JSON</summary>
      <form method="post" action="/merchant/products" class="stack">${csrfField(csrf)}<label>Publish a product (JSON; a new revision each time)<textarea class="json" name="json" required>${draft}</textarea></label><button class="btn">Publish</button></form></details>
      <h2>Published revisions</h2><table data-revisions-url="/merchant/revisions.json" data-publish-url="/merchant/products"><thead><tr><th>Product</th><th>Revision</th><th>Name</th><th>Published</th><th></th></tr></thead><tbody>${rows}</tbody></table><script type="module" src="/revisions-table.js"></script>`, 'merchant', req, csrf);
    }
    guarded.post('/products', async (req, reply) => {
      const draft = String(req.body?.json ?? '');
      const r = parseProduct(draft);
      if (!r.ok) return productsPage(req, reply, 422, h`<div class="issues" role="alert"><strong>Not published: fix these first.</strong><ul>${r.issues.map((i) => h`<li>${i.severity}: <code>${formatPath(i.path)}</code> ${i.message}</li>`)}</ul></div>`, draft);
      const out = await store.publish(r.product, text(r.product.name));
      if (!out.ok) return productsPage(req, reply, 409, h`<div class="issues" role="alert">Revision “${r.product.revision}” of ${r.product.id} is already published: change <code>revision</code> to publish a new one (orders keep theirs).</div>`, draft);
      return productsPage(req, reply, 201, h`<p class="status">Published ${r.product.id} revision ${r.product.revision}.</p>`);
    });
  });
}
