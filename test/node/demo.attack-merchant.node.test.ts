import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import { buildOrder } from '../../src/core/index.js';
import { makePng } from '../../src/core/files/fixtures.js';
import { cookieOf, form, multipart, raw, signIn, startDemo, tee, teeWithPhoto, type Demo } from './demo.helpers.js';

/**
 * Issue #12, the demo's merchant side attacked over real HTTP (items 1, 4, 5, 6): a walk-in
 * through URL spellings the router decodes, cross-origin posts riding the merchant's cookie,
 * guessing and probing the sign-in, a session that outlives sign-out, and pages without a CSP.
 */
describe('demo merchant side under attack (#12)', function () {
  this.timeout(60_000);
  let demo: Demo;
  afterEach(async () => demo?.close());

  /** A product revision not yet published, as the publish form posts it. */
  const newRevision = (rev: string) => {
    const p = tee();
    delete p.$schema;
    return JSON.stringify({ ...p, revision: rev });
  };
  const revisions = async () => (await demo.store.revisions()).length;

  describe('1. merchant routes are guarded as a unit, whatever the URL spelling', () => {
    it('every merchant route, spelled encoded, doubled, dot-segmented or in another case, is refused without a session', async () => {
      demo = await startDemo();
      const png = makePng(1200, 1200);
      const order = await teeWithPhoto(png);
      const mp = await multipart({ order: JSON.stringify(order) }, { 'photo-1': { bytes: png, name: 'me.png', type: 'image/png' } });
      const placed = await raw(demo.port, 'POST', '/api/orders', { 'content-type': mp.contentType }, mp.body);
      expect(placed.status).to.equal(201);
      const id = order.orderId;
      const routes: [string, string, Record<string, string>?][] = [
        ['GET', '/'],
        ['GET', '/products'],
        ['GET', `/orders/${id}/order.json`],
        ['GET', `/orders/${id}/files/photo-1`],
        ['POST', `/orders/${id}/status`, { status: 'shipped' }],
        ['POST', '/products', { json: newRevision('walk-in') }],
        ['POST', '/logout', {}],
      ];
      // Each route works at its own address for the signed-in merchant (the probes below hit real routes)…
      const cookie = await signIn(demo);
      for (const [method, rest] of routes.filter(([m]) => m === 'GET')) expect((await raw(demo.port, method, `/merchant${rest}`, { cookie })).status, rest).to.equal(200);
      const spellings = (rest: string) => [
        `/%6derchant${rest}`,
        `/%6Derchant${rest}`,
        `/%6D%65%72%63%68%61%6E%74${rest}`,
        `//merchant${rest}`,
        `/./merchant${rest}`,
        `/x/../merchant${rest}`,
        `/merchant/.${rest}`,
        `/merchant/${rest}`,
        `/MERCHANT${rest}`,
        `/Merchant${rest}`,
        `/merchant%2f${rest.slice(1)}`,
        `/merchant%2F${rest.slice(1)}`,
        `/merchant${rest.replace(/\/([a-z])/, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`)}`,
        `/merchant${rest};x`,
        `/merchant${rest}?`,
        `/merchant${rest}#`,
      ];
      let probes = 0;
      for (const [method, rest, fields] of routes) {
        for (const path of spellings(rest)) {
          const f = fields && form(fields);
          const res = await raw(demo.port, method, path, f ? { 'content-type': f['content-type'], origin: demo.origin } : {}, f?.body);
          probes++;
          const where = `${method} ${path} → ${res.status}`;
          if (res.status === 302) expect(res.headers.location, where).to.equal('/merchant/login');
          else expect([400, 401, 403, 404], where).to.include(res.status);
          expect(res.body, where).to.not.include('<h1>Orders</h1>');
          expect(res.body, where).to.not.include('Published revisions');
          expect(res.headers['content-type'] ?? '', where).to.not.match(/^image\//);
        }
      }
      expect(probes).to.be.greaterThan(100);
      expect((await demo.store.order(id)).status).to.equal('new');
      expect((await demo.store.revisions()).some((r: { revision: string }) => r.revision === 'walk-in')).to.equal(false);
    });
  });

  describe('4. CSRF: state changes only from the shop’s own pages', () => {
    it('a page on another port of the same host, riding a valid merchant cookie, publishes nothing (403)', async () => {
      demo = await startDemo();
      const cookie = await signIn(demo);
      const before = await revisions();
      const other = `http://127.0.0.1:${demo.port + 1}`;
      const f = form({ json: newRevision('csrf') });
      const attempts: Record<string, string>[] = [
        { origin: other }, // a cross-origin form post or fetch
        { origin: other, 'sec-fetch-site': 'same-site' },
        { 'sec-fetch-site': 'same-site' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'null' }, // a sandboxed frame
        {}, // a browser that sends neither header, and no token
      ];
      for (const h of attempts) {
        const res = await raw(demo.port, 'POST', '/merchant/products', { cookie, 'content-type': f['content-type'], ...h }, f.body);
        expect(res.status, JSON.stringify(h)).to.equal(403);
      }
      expect(await revisions()).to.equal(before);
      // Status changes and sign-out are refused the same way.
      const order = await buildOrder(tee(), { size: 'S' });
      expect((await raw(demo.port, 'POST', '/api/orders', { 'content-type': 'application/json' }, JSON.stringify({ order }))).status).to.equal(201);
      const st = form({ status: 'shipped' });
      expect((await raw(demo.port, 'POST', `/merchant/orders/${order.orderId}/status`, { cookie, 'content-type': st['content-type'], origin: other }, st.body)).status).to.equal(403);
      expect((await demo.store.order(order.orderId)).status).to.equal('new');
      expect((await raw(demo.port, 'POST', '/merchant/logout', { cookie, origin: other })).status).to.equal(403);
      expect((await raw(demo.port, 'GET', '/merchant/', { cookie })).status).to.equal(200);
    });

    it('the shop’s own pages still work: a same-origin fetch (the studio) and a form with the page’s token', async () => {
      demo = await startDemo();
      const cookie = await signIn(demo);
      const f = form({ json: newRevision('studio') });
      const studio = await raw(demo.port, 'POST', '/merchant/products', { cookie, 'content-type': f['content-type'], origin: demo.origin, 'sec-fetch-site': 'same-origin' }, f.body);
      expect(studio.status).to.equal(201);
      // A client that sends no Origin posts the token of the form it was given.
      const page = await raw(demo.port, 'GET', '/merchant/products', { cookie });
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const g = form({ json: newRevision('form'), _csrf: token });
      expect((await raw(demo.port, 'POST', '/merchant/products', { cookie, 'content-type': g['content-type'] }, g.body)).status).to.equal(201);
      const wrong = form({ json: newRevision('wrong-token'), _csrf: `${token.slice(0, -2)}xx` });
      expect((await raw(demo.port, 'POST', '/merchant/products', { cookie, 'content-type': wrong['content-type'] }, wrong.body)).status).to.equal(403);
      // A token is bound to its session: another session's token is refused.
      const other = await signIn(demo);
      const h = form({ json: newRevision('tossed'), _csrf: token });
      expect((await raw(demo.port, 'POST', '/merchant/products', { cookie: other, 'content-type': h['content-type'] }, h.body)).status).to.equal(403);
      expect((await demo.store.revisions()).map((r: { revision: string }) => r.revision)).to.include.members(['studio', 'form']).and.not.include.members(['wrong-token', 'tossed']);
    });

    it('a real cross-origin page on another port cannot publish, its fetch carrying the merchant’s cookie', async () => {
      // The attacker's server on another loopback port; the victim's request is what a browser would send.
      demo = await startDemo();
      const cookie = await signIn(demo);
      let attacker: Server | undefined;
      try {
        attacker = createServer((_q, r) => r.end('<form method=post action=x></form>'));
        await new Promise<void>((r) => attacker!.listen(0, '127.0.0.1', r));
        const port = (attacker.address() as { port: number }).port;
        const f = form({ json: newRevision('from-attacker') });
        const res = await raw(demo.port, 'POST', '/merchant/products', { cookie, 'content-type': f['content-type'], origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate' }, f.body);
        expect(res.status).to.equal(403);
        expect(res.body).to.not.include('Published');
        expect((await demo.store.revisions()).some((r: { revision: string }) => r.revision === 'from-attacker')).to.equal(false);
      } finally {
        attacker?.close();
      }
    });
  });

  describe('5. sign-in', () => {
    const login = (username: string, password: string, headers: Record<string, string> = {}) => {
      const f = form({ username, password });
      return raw(demo.port, 'POST', '/merchant/login', { 'content-type': f['content-type'], origin: demo.origin, ...headers }, f.body);
    };

    it('is throttled: 429 after at most 20 misses a minute, and then even the right password waits', async () => {
      demo = await startDemo();
      const statuses: number[] = [];
      for (let i = 0; i < 21; i++) statuses.push((await login(demo.creds.username, `guess-${i}`)).status);
      const first429 = statuses.indexOf(429);
      expect(first429, statuses.join(',')).to.be.within(1, 20);
      expect(statuses.slice(0, first429).every((s) => s === 401)).to.equal(true);
      const right = await login(demo.creds.username, demo.creds.password);
      expect(right.status).to.equal(429);
      expect(right.headers['set-cookie']).to.equal(undefined);
    });

    it('a non-ASCII user name or password of the right length is a plain miss (401), not a 500 that reveals the length', async () => {
      demo = await startDemo();
      const { username, password } = demo.creds;
      const sameLength = (s: string) => 'é'.repeat(s.length);
      for (const [u, p] of [
        [username, sameLength(password)],
        [sameLength(username), password],
        [username, '€'.repeat(password.length - 1)],
        [username, `${password.slice(0, -1)}\u{1F600}`],
      ] as [string, string][]) {
        const res = await login(u, p);
        expect(res.status, `${u}/${p}`).to.equal(401);
        expect(res.body).to.include('Wrong username or password');
      }
    });

    it('sign-out revokes the session: the old cookie is refused afterwards', async () => {
      demo = await startDemo();
      const cookie = await signIn(demo);
      expect((await raw(demo.port, 'GET', '/merchant/', { cookie })).status).to.equal(200);
      const out = await raw(demo.port, 'POST', '/merchant/logout', { cookie, origin: demo.origin });
      expect(out.status).to.equal(303);
      const again = await raw(demo.port, 'GET', '/merchant/', { cookie });
      expect(again.status).to.equal(302);
      expect(again.headers.location).to.equal('/merchant/login');
      const f = form({ json: newRevision('after-logout') });
      expect((await raw(demo.port, 'POST', '/merchant/products', { cookie, 'content-type': f['content-type'], origin: demo.origin }, f.body)).status).to.equal(401);
      // A forged cookie value (not signed by the shop) opens nothing either.
      expect((await raw(demo.port, 'GET', '/merchant/', { cookie: 'merchant=merchant|99999999999999' })).status).to.equal(302);
    });

    it('credentials come from MERCHANT_USER / MERCHANT_PASSWORD; COOKIE_SECURE=1 makes every cookie Secure', async () => {
      demo = await startDemo({ env: { MERCHANT_USER: 'owner', MERCHANT_PASSWORD: 'correct horse battery', COOKIE_SECURE: '1' } });
      expect(demo.creds).to.deep.include({ username: 'owner', password: 'correct horse battery', generated: false });
      // Behind HTTPS the browser's Origin is https://<host>.
      const ok = await login('owner', 'correct horse battery', { origin: `https://127.0.0.1:${demo.port}` });
      expect(ok.status).to.equal(303);
      expect(String(ok.headers['set-cookie'])).to.match(/^merchant=[^;]+;.*Secure/);
      expect(String(ok.headers['set-cookie'])).to.match(/HttpOnly/).and.match(/SameSite=Strict/);
      expect(String(ok.headers['strict-transport-security'])).to.match(/max-age=\d+/);
      expect((await login('merchant', 'correct horse battery', { origin: `https://127.0.0.1:${demo.port}` })).status).to.equal(401);
      const order = await buildOrder(tee(), { size: 'S' });
      const api = await raw(demo.port, 'POST', '/api/orders', { 'content-type': 'application/json' }, JSON.stringify({ order }));
      expect(String(api.headers['set-cookie'])).to.match(/^cart=[^;]+;.*Secure/);
      // A weak or half-set password is refused at start, with a message that says why.
      for (const env of [{ MERCHANT_USER: 'owner', MERCHANT_PASSWORD: 'short' }, { MERCHANT_PASSWORD: 'long enough password' }] as Record<string, string>[]) {
        let err: Error | undefined;
        await startDemo({ env }).then((d) => d.close(), (e: Error) => (err = e));
        expect(err?.message).to.match(/MERCHANT_/);
      }
    });
  });

  describe('6. headers', () => {
    it('every page has a Content-Security-Policy without inline script; merchant pages cannot be framed', async () => {
      demo = await startDemo();
      const cookie = await signIn(demo);
      const order = await buildOrder(tee(), { size: 'S' });
      const placed = await raw(demo.port, 'POST', '/api/orders', { 'content-type': 'application/json' }, JSON.stringify({ order }));
      const cart = cookieOf(placed);
      const pages = [
        ['/', ''],
        ['/products/classic-tee', ''],
        ['/cart', cart],
        [`/orders/${order.orderId}`, cart],
        ['/merchant/login', ''],
        ['/merchant/', cookie],
        ['/merchant/products', cookie],
        ['/no-such-page', ''],
      ];
      for (const [path, c] of pages) {
        const res = await raw(demo.port, 'GET', path!, c ? { cookie: c } : {});
        const csp = String(res.headers['content-security-policy'] ?? '');
        const directive = (name: string) => new RegExp(`(^|;)\\s*${name} ([^;]*)`).exec(csp)?.[2] ?? '';
        expect(directive('script-src'), path).to.equal("'self'");
        expect(directive('style-src'), path).to.equal("'self'");
        expect(directive('object-src'), path).to.equal("'none'");
        expect(directive('base-uri'), path).to.equal("'none'");
        expect(directive('frame-ancestors'), path).to.equal("'none'");
        expect(res.headers['x-frame-options'], path).to.equal('DENY');
        expect(res.headers['x-content-type-options'], path).to.equal('nosniff');
        // The pages hold nothing the policy would block: no inline script, style element, handler or javascript: URL.
        if (String(res.headers['content-type']).startsWith('text/html')) {
          expect(res.body, path).to.not.match(/<script(?![^>]*\bsrc=)[^>]*>/i);
          expect(res.body, path).to.not.match(/<style[\s>]|\son[a-z]+=|javascript:/i);
        }
      }
    });
  });
});
