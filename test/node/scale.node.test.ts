/**
 * Issue #16 on the real servers: Postgres and Redis started here, the web process (`npm start`)
 * and two render workers (`npm run worker`) as README starts them. A burst of orders with files,
 * one worker killed with SIGKILL mid-render, the web process restarted mid-way, duplicates and a
 * conflicting replay: every order ends `ready` exactly once, read through the merchant API with
 * its token. Skipped (with the reason printed) only where Postgres or Redis is not installed.
 */
import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOrder } from '../../src/core/index.js';
import { makePng } from '../../src/core/files/fixtures.js';
import { tee, teeWithPhoto } from './demo.helpers.js';
import { TOKEN, auth, missingServers, post, settled, startPostgres, startRedis, startWeb, startWorker, type Proc, type Service } from './scale.helpers.js';

describe('scale-out: web + two workers on Postgres and Redis (#16)', function () {
  this.timeout(150_000);
  afterEach(async () => {
    for (const p of procs.splice(0)) await p.kill('SIGKILL');
  });
  const why = missingServers();
  let postgres: Service | undefined;
  let redis: Service | undefined;
  const procs: Proc[] = [];

  before(async function () {
    if (why) {
      console.log(`    scale tests skipped: ${why}`);
      this.skip();
    }
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  });
  after(async () => {
    await redis?.stop();
    await postgres?.stop();
  });

  it('a burst with a worker SIGKILLed mid-render and the web restarted: every order ready exactly once, through the merchant API', async () => {
    const env = {
      DATABASE_URL: postgres!.url,
      REDIS_URL: redis!.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pc-scale-')),
      MERCHANT_TOKEN: TOKEN,
      // A killed worker's job is taken up again after its lock runs out: short here, 30 s by default.
      RENDER_LEASE_MS: '3000',
      RENDER_BACKOFF_MS: '200',
      LOG_LEVEL: 'info',
      // npm test builds before its suites; a source edited meanwhile must not rebuild dist/ under the other processes.
      NO_REBUILD: '1',
    };
    let web = await startWeb(env);
    procs.push(web);
    expect(web.out.seen.join('\n')).to.include('renders: in `npm run worker` processes');
    const [a, b] = await Promise.all([startWorker(env), startWorker(env)]);
    procs.push(a, b);

    const png = makePng(1200, 1200);
    const orders = await Promise.all(Array.from({ length: 4 }, (_, i) => teeWithPhoto(png, 'photo-1', { 'front-text': `Burst ${i}` })));
    // Three as a burst (each worker takes one at a time: worker A gets one); A is killed with SIGKILL while it renders it.
    const killed = a.out.waitFor(/"event":"rendering","orderId":"([0-9a-f-]{36})"/, 60_000, 'worker A');
    const first = await Promise.all(orders.slice(0, 3).map((o) => post(web.origin, o, png)));
    expect(first.map(([s, body]) => [s, body.status])).to.deep.equal(Array(3).fill([201, 'queued']));
    const victim = (await killed)[1]!;
    await a.kill('SIGKILL');
    expect(a.child.signalCode).to.equal('SIGKILL');

    // The web process restarts (SIGTERM, then `npm start` again) while jobs are queued; the last order goes to the new one.
    await web.kill('SIGTERM');
    web = await startWeb(env);
    procs.push(web);
    const second = await Promise.all(orders.slice(3).map((o) => post(web.origin, o, png)));
    expect(second.map(([s]) => s)).to.deep.equal([201]);
    // Duplicates: the same bodies again are replays (200, no second order); another body under a used id is 409.
    const dupes = await Promise.all([orders[0]!, orders[3]!].map((o) => post(web.origin, o, png)));
    expect(dupes.map(([s, body]) => [s, body.created])).to.deep.equal(Array(2).fill([200, false]));
    const other = await buildOrder(tee(), { size: 'XL' }, { orderId: orders[0]!.orderId });
    expect((await fetch(`${web.origin}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order: other }) })).status).to.equal(409);

    const ids = orders.map((o) => o.orderId);
    const done = await settled(web.origin, ids, 110_000);
    expect(done.map((o) => o.status)).to.deep.equal(Array(4).fill('ready'));
    for (const o of done) {
      expect(o.printFiles.map((f: any) => f.format).sort(), o.orderId).to.deep.equal(['pdf', 'png', 'svg']);
      expect(o.printFiles.every((f: any) => f.area === 'front.chest'), JSON.stringify(o.printFiles)).to.equal(true);
    }
    // The killed worker's order was taken up by the other worker: two attempts, one render.
    expect(done.find((o) => o.orderId === victim).attempts).to.be.at.least(2);
    expect(b.out.seen.filter((l) => l.includes(victim)).map((l) => JSON.parse(l).event), b.out.seen.join('\n')).to.include('ready');

    // Exactly once, in the database: one order row, one finished render and three print files per order.
    // pg ships no type declarations (and @types/pg is not installed): loaded untyped.
    const pg: any = (await import(String('pg'))).default;
    const db = new pg.Client({ connectionString: postgres!.url });
    await db.connect();
    try {
      const rows = (await db.query("SELECT o.order_id, j.renders, (SELECT COUNT(*) FROM order_files f WHERE f.order_id = o.order_id AND f.kind = 'print')::int AS prints FROM orders o JOIN render_jobs j USING (order_id)")).rows;
      expect(rows.length).to.equal(4);
      expect(rows.map((r: { renders: number; prints: number }) => [r.renders, r.prints])).to.deep.equal(Array(4).fill([1, 3]));
    } finally {
      await db.end();
    }

    // A print file downloads with the token, and not without it.
    const url = `${web.origin}${done[0].printFiles.find((f: any) => f.format === 'png').url}`;
    const file = await fetch(url, { headers: auth });
    expect([file.status, file.headers.get('content-type')]).to.deep.equal([200, 'image/png']);
    expect((await fetch(url)).status).to.equal(401);
    expect((await fetch(`${web.origin}/api/merchant/orders/${ids[0]}`, { headers: { authorization: 'Bearer wrong-token-of-the-same-length-00' } })).status).to.equal(401);
    const one = (await (await fetch(`${web.origin}/api/merchant/orders/${ids[0]}`, { headers: auth })).json()) as any;
    expect(one).to.deep.include({ orderId: ids[0], status: 'ready' });
  });

  it('Postgres without Redis: workers take jobs from the Postgres job table (SKIP LOCKED leases)', async () => {
    // A database of its own on the same server, so the first test's tables do not count here.
    const admin = new ((await import(String('pg'))).default.Client)({ connectionString: postgres!.url });
    await admin.connect();
    await admin.query('CREATE DATABASE tablequeue');
    await admin.end();
    const env = { DATABASE_URL: postgres!.url.replace(/\/postgres$/, '/tablequeue'), DATA_DIR: mkdtempSync(join(tmpdir(), 'pc-scale-pg-')), MERCHANT_TOKEN: TOKEN, LOG_LEVEL: 'info', NO_REBUILD: '1', RENDER_POLL_MS: '100' };
    const web = await startWeb(env);
    procs.push(web);
    expect(web.out.seen.join('\n')).to.include('render jobs: the database’s job table').and.include('renders: in `npm run worker` processes');
    const [a, b] = await Promise.all([startWorker(env), startWorker(env)]);
    procs.push(a, b);
    const png = makePng(1200, 1200);
    const orders = await Promise.all(Array.from({ length: 2 }, (_, i) => teeWithPhoto(png, 'photo-1', { 'front-text': `Table ${i}` })));
    expect((await Promise.all(orders.map((o) => post(web.origin, o, png)))).map(([s]) => s)).to.deep.equal([201, 201]);
    const done = await settled(web.origin, orders.map((o) => o.orderId), 90_000);
    expect(done.map((o) => [o.status, o.printFiles.length, o.attempts])).to.deep.equal(Array(2).fill(['ready', 3, 1]));
    // Each order rendered by one worker only.
    const renderedBy = (w: Proc) => w.out.seen.filter((l) => l.includes('"event":"ready"')).length;
    expect(renderedBy(a) + renderedBy(b)).to.equal(2);
  });
});
