/**
 * Issue #16 on the embedded default (no server to install): SQLite in DATA_DIR and the job table.
 * 1. `npm start` alone renders in its child process (every thread at nice 19): a burst with duplicates ends ready, once each.
 * 2. `npm start` with RENDER_IN_PROCESS=0 and two `npm run worker` on the same DATA_DIR: a worker
 *    killed with SIGKILL mid-render leaves its job to the other once its lease runs out; the web
 *    process restarted mid-way loses nothing; every order ready exactly once.
 * 3. A render that keeps failing: retried with exponential backoff, then `failed` with its reason.
 */
import { expect } from 'chai';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePng } from '../../src/core/files/fixtures.js';
import { teeWithPhoto } from './demo.helpers.js';
import { TOKEN, auth, post, settled, startWeb, startWorker, type Proc } from './scale.helpers.js';

/**
 * Linux: the nice value of every thread of every process in the process group `pgid` (npm and the
 * node it started), as [pid, tid, nice]. Fields of /proc/<pid>/task/<tid>/stat after the command's ")".
 */
function threadNices(pgid: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const t = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      out.push([Number(pid), Number(tid), Number(t.slice(t.lastIndexOf(')') + 2).split(' ')[16])]);
    }
  }
  return out;
}

/** Per order: finished renders and print-file rows, read from the SQLite file itself. */
function once(dataDir: string): [number, number][] {
  const db = new Database(join(dataDir, 'shop.sqlite'), { readonly: true });
  try {
    return db
      .prepare("SELECT j.renders AS renders, (SELECT COUNT(*) FROM order_files f WHERE f.order_id = o.order_id AND f.kind = 'print') AS prints FROM orders o JOIN render_jobs j USING (order_id) ORDER BY o.order_id")
      .all()
      .map((r: any) => [r.renders, r.prints]);
  } finally {
    db.close();
  }
}

describe('scale on the embedded default: SQLite, job table, in-process and `npm run worker` (#16)', function () {
  this.timeout(120_000);
  const procs: Proc[] = [];
  afterEach(async () => {
    for (const p of procs.splice(0)) await p.kill('SIGKILL');
  });
  const png = makePng(1200, 1200);
  const base = () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'pc-embedded-')), MERCHANT_TOKEN: TOKEN, LOG_LEVEL: 'info', NO_REBUILD: '1' });

  it('npm start alone: a burst with duplicates, rendered in its low-priority child process, every order ready once', async () => {
    const env = base();
    const web = await startWeb(env);
    procs.push(web);
    expect(web.out.seen.join('\n')).to.include('renders: in a child process at low priority');
    if (existsSync('/proc/thread-self')) {
      // Intake first: the render process runs every thread at nice 19 (the encoder's thread pool and
      // V8's helpers too); npm and the web process keep 0 on every thread.
      const nices = threadNices(web.child.pid!);
      const byPid = new Map<number, number[]>();
      for (const [pid, , n] of nices) byPid.set(pid, [...(byPid.get(pid) ?? []), n]);
      const low = [...byPid].filter(([, ns]) => ns.every((n) => n === 19));
      expect(low, JSON.stringify(nices)).to.have.length(1);
      for (const [pid, ns] of byPid) if (pid !== low[0]![0]) expect(ns.every((n) => n === 0), `process ${pid}: ${ns}`).to.equal(true);
      expect(byPid.size, JSON.stringify(nices)).to.be.greaterThanOrEqual(3); // npm, the web process, the render process
    }
    const orders = await Promise.all(Array.from({ length: 2 }, (_, i) => teeWithPhoto(png, 'photo-1', { 'front-text': `Embedded ${i}` })));
    const placed = await Promise.all([...orders, ...orders.slice(0, 2)].map((o) => post(web.origin, o, png)));
    expect(placed.map(([s]) => s).sort()).to.deep.equal([200, 200, 201, 201]);
    const done = await settled(web.origin, orders.map((o) => o.orderId), 100_000);
    expect(done.map((o) => [o.status, o.printFiles.length])).to.deep.equal(Array(2).fill(['ready', 3]));
    expect(once(env.DATA_DIR)).to.deep.equal(Array(2).fill([1, 3]));
    // The merchant API wants its token.
    expect((await fetch(`${web.origin}/api/merchant/orders`)).status).to.equal(401);
  });

  it('web with RENDER_IN_PROCESS=0 + two workers on one DATA_DIR: a worker SIGKILLed mid-render, the web restarted, every order ready exactly once', async () => {
    const env = { ...base(), RENDER_IN_PROCESS: '0', RENDER_LEASE_MS: '2000', RENDER_POLL_MS: '100' };
    let web = await startWeb(env);
    procs.push(web);
    expect(web.out.seen.join('\n')).to.include('renders: in `npm run worker` processes');
    const [a, b] = await Promise.all([startWorker(env), startWorker(env)]);
    procs.push(a, b);
    const orders = await Promise.all(Array.from({ length: 3 }, (_, i) => teeWithPhoto(png, 'photo-1', { 'front-text': `Lease ${i}` })));
    const rendering = a.out.waitFor(/"event":"rendering","orderId":"([0-9a-f-]{36})"/, 60_000, 'worker A');
    expect((await Promise.all(orders.slice(0, 2).map((o) => post(web.origin, o, png)))).map(([s]) => s)).to.deep.equal([201, 201]);
    const victim = (await rendering)[1]!;
    await a.kill('SIGKILL');
    await web.kill('SIGTERM');
    web = await startWeb(env);
    procs.push(web);
    expect((await Promise.all(orders.slice(2).map((o) => post(web.origin, o, png)))).map(([s]) => s)).to.deep.equal([201]);
    expect((await post(web.origin, orders[0], png))[0]).to.equal(200);
    const done = await settled(web.origin, orders.map((o) => o.orderId), 100_000);
    expect(done.map((o) => o.status)).to.deep.equal(Array(3).fill('ready'));
    expect(done.find((o) => o.orderId === victim).attempts).to.equal(2);
    expect(b.out.seen.filter((l) => l.includes(victim)).map((l) => JSON.parse(l).event)).to.include('ready');
    expect(once(env.DATA_DIR)).to.deep.equal(Array(3).fill([1, 3]));
  });

  it('a render that keeps failing is retried with exponential backoff, then failed with its reason in the merchant API', async () => {
    // The worker's assets are missing: every render of this order fails.
    const env = { ...base(), RENDER_IN_PROCESS: '0', RENDER_POLL_MS: '20', RENDER_ATTEMPTS: '3', RENDER_BACKOFF_MS: '200' };
    const web = await startWeb(env);
    procs.push(web);
    const worker = await startWorker({ ...env, ASSETS_DIR: mkdtempSync(join(tmpdir(), 'pc-noassets-')) });
    procs.push(worker);
    const [order] = await Promise.all([teeWithPhoto(png, 'photo-1', { 'front-text': 'Never' })]);
    expect((await post(web.origin, order!, png))[0]).to.equal(201);
    const [done] = await settled(web.origin, [order!.orderId], 60_000);
    expect([done.status, done.attempts, done.printFiles]).to.deep.equal(['failed', 3, []]);
    expect(done.error).to.match(/could not be read/);
    // The tries, from the worker's log: the waits between them at least 200 ms, then at least 400 ms.
    const events = worker.out.seen.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const tries = events.filter((e) => e.event === 'rendering').map((e) => Date.parse(e.time));
    expect(tries).to.have.length(3);
    expect(tries[1]! - tries[0]!).to.be.at.least(200);
    expect(tries[2]! - tries[1]!).to.be.at.least(400);
    expect(events.map((e) => e.event).filter((e) => e === 'retry' || e === 'failed')).to.deep.equal(['retry', 'retry', 'failed']);
  });
});
