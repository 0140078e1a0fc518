/**
 * The demo platform: a shop (product list, product pages with an ordinary add-to-cart form and
 * <product-customizer> inside, a cart, checkout: demo/shop.mjs), its backend (verifies every order
 * with verifyOrder and stores it with a queued render job: demo/order-api.mjs; render workers make
 * the print files: demo/jobs/), and the merchant's side (demo/merchant.mjs: orders inbox, status,
 * downloads, publishing products; demo/merchant-api.mjs: the token API). Fastify; SQLite and an
 * in-process render worker by default, Postgres, Redis (BullMQ) and `npm run worker` processes
 * when configured (demo/config.mjs lists the settings). What holds against attack, and what a
 * deployment sets, is in README.md ("Security").
 *
 *   PORT (default 8080), HOST (default 127.0.0.1), DATA_DIR (default ./.data); the platform's settings
 *   (DATABASE_URL, REDIS_URL, STORAGE_DIR, RENDER_IN_PROCESS, MERCHANT_TOKEN, …) are in demo/config.mjs
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
import { parseBoundedJson } from './bounded-json.mjs';
import { describeSetup, platformConfig } from './config.mjs';
import { openStore } from './db/index.mjs';
import { LIMITS, multipartLimits, stopReading } from './intake.mjs';
import { openRenderQueue } from './jobs/queue.mjs';
import { merchantCredentials, merchantPlugin } from './merchant.mjs';
import { merchantApi } from './merchant-api.mjs';
import { orderApi } from './order-api.mjs';
import { shopPlugin } from './shop.mjs';
import { h, layout, text } from './pages.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const MIME = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.json': 'application/json', '.css': 'text/css; charset=utf-8' };
/** A product's merchant-set form fields (the pasted product JSON) may be this large. */
const FORM_BYTES = 2_000_000;
/** How long a shopper's cart cookie lives. */
export const CART_DAYS = 30;

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

/**
 * assetsDir: where product images and fonts live (the examples' assets by default). env: the
 * settings above. The app's onClose stops the render queue (and the in-process worker) and closes
 * the store.
 */
export async function createDemo({ dataDir, assetsDir, logger = false, env = process.env } = {}) {
  const cfg = platformConfig(env, { dataDir, assetsDir });
  const ASSETS = cfg.assetsDir;
  const config = demoConfig(env);
  mkdirSync(cfg.dataDir, { recursive: true });
  const store = await openStore(cfg);
  const secretFile = join(cfg.dataDir, 'secret');
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const creds = merchantCredentials(env, cfg.dataDir);

  // First start: publish the three examples.
  if ((await store.products()).length === 0) {
    for (const name of ['classic-tee', 'engraved-bottle', 'name-necklace']) {
      const json = JSON.parse(readFileSync(join(root, 'examples', `${name}.json`), 'utf8'));
      delete json.$schema;
      await store.publish(json, text(json.name));
    }
  }

  const app = Fastify({ logger, bodyLimit: LIMITS.jsonBytes, trustProxy: false });
  const queue = await openRenderQueue(store, cfg, { log: app.log, logLevel: env.LOG_LEVEL ?? 'warn' });
  app.addHook('onClose', async () => {
    await queue.close();
    await store.close();
  });
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

  const productOf = async (id, rev) => {
    const row = rev === undefined ? await store.latest(id) : await store.revision(id, rev);
    return row ? { row, json: JSON.parse(row.json) } : undefined;
  };
  const cookieOpts = { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: config.secure };
  const expectedOrigin = (req) => config.publicOrigin ?? `${config.secure ? 'https' : 'http'}://${req.headers.host}`;
  const cartId = async (req) => {
    const c = req.cookies.cart && req.unsignCookie(req.cookies.cart);
    return c?.valid && (await store.cart(c.value)) ? c.value : undefined;
  };
  const ensureCart = async (req, reply) => {
    const existing = await cartId(req);
    if (existing) return existing;
    const id = await store.newCart();
    // A persistent cookie: the cart (kept server-side under this id) survives closing the browser.
    reply.setCookie('cart', id, { ...cookieOpts, maxAge: CART_DAYS * 86400 });
    return id;
  };
  const page = async (reply, status, title, body, nav, req, csrf) => {
    const id = req && nav !== 'merchant' ? await cartId(req) : undefined;
    const cartCount = id ? (await store.lines(id)).length : 0;
    return reply.code(status).type('text/html; charset=utf-8').send(layout({ title, body, nav, csrf, cartCount }));
  };
  const sendFile = (reply, path) => {
    if (!existsSync(path)) return reply.code(404).send('Not found');
    return reply.type(MIME[extname(path)] ?? 'application/octet-stream').header('cache-control', 'public, max-age=300').send(createReadStream(path));
  };
  const inside = (base, rel) => {
    const p = resolve(base, rel);
    return p.startsWith(base + '/') ? p : undefined;
  };

  // ---- static: the SDK bundle, the shop's stylesheet and scripts, product assets --------------------
  app.get('/dist/*', (req, reply) => {
    const p = inside(join(root, 'dist'), req.params['*']);
    return p ? sendFile(reply, p) : reply.code(404).send('Not found');
  });
  app.get('/site.css', (req, reply) => sendFile(reply, join(root, 'demo/site.css')));
  // The pages' own scripts: files, never inline (the Content-Security-Policy allows no inline script).
  for (const name of ['live-status.js', 'edit-design.js', 'revisions-table.js']) app.get(`/${name}`, (req, reply) => sendFile(reply, join(root, 'demo/static', name)));
  app.get('/products/:id/r/:rev/assets/*', (req, reply) => {
    const p = inside(ASSETS, req.params['*']);
    return p ? sendFile(reply, p) : reply.code(404).send('Not found');
  });
  app.get('/products/:id/r/:rev/product.json', async (req, reply) => {
    const p = await productOf(req.params.id, req.params.rev);
    return p ? reply.type('application/json').send(p.row.json) : reply.code(404).send({ error: 'no such product revision' });
  });

  const ctx = { store, queue, cfg, productOf, cartId, ensureCart, page, cookieOpts, expectedOrigin, creds };
  await app.register(shopPlugin, ctx);
  await app.register(orderApi, ctx);
  await app.register(merchantApi, { ...ctx, prefix: '/api/merchant' });
  // ---- merchant: its own plugin, every route in it guarded (demo/merchant.mjs) ----------------------
  await app.register(merchantPlugin, { prefix: '/merchant', store, creds, page, cookieOpts, expectedOrigin, token: cfg.merchantToken, assetsDir: ASSETS });

  return { app, store, creds, cfg, queue, setup: describeSetup(cfg) };
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
