/**
 * The scale tests' real servers: Postgres and Redis started by the test itself on free loopback
 * ports in temporary folders (Postgres as the `postgres` user when the test runs as root: it
 * refuses root), and the demo's own processes started as README says (`npm start`, `npm run
 * worker`) as child processes. Everything is stopped by its pid at the end.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { multipart } from './demo.helpers.js';

const root = new URL('../../', import.meta.url).pathname;

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Postgres's binaries: Debian's versioned folder, else the PATH. */
export function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(base, v, 'bin/postgres'))) return join(base, v, 'bin');
  const which = spawnSync('sh', ['-c', 'dirname "$(command -v postgres)"'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() !== '.' && existsSync(join(which.stdout.trim(), 'initdb')) ? which.stdout.trim() : undefined;
}
export function redisBin(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

/** Why the scale tests cannot run here ('' when they can). */
export function missingServers(): string {
  const missing = [!postgresBin() && 'postgres (Debian: postgresql)', !redisBin() && 'redis-server (Debian: redis-server)'].filter(Boolean);
  return missing.length ? `not installed: ${missing.join(', ')}` : '';
}

/** Lines of a child's output, as they come; waitFor resolves on the first line matching. */
export function lines(child: ChildProcess) {
  const seen: string[] = [];
  const waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  let buf = '';
  const feed = (d: Buffer) => {
    buf += String(d);
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      seen.push(line);
      for (const w of [...waiters]) {
        const m = w.re.exec(line);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  };
  child.stdout?.on('data', feed);
  child.stderr?.on('data', feed);
  return {
    seen,
    waitFor(re: RegExp, ms: number, what: string): Promise<RegExpExecArray> {
      const hit = seen.map((l) => re.exec(l)).find(Boolean);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`${what}: no line matching ${re} within ${ms} ms; output:\n${seen.slice(-30).join('\n')}`)), ms);
        const onExit = (code: number | null) => reject(new Error(`${what}: exited (${code}) before ${re}; output:\n${seen.slice(-30).join('\n')}`));
        child.once('exit', onExit);
        waiters.push({
          re,
          resolve: (m) => {
            clearTimeout(t);
            child.off('exit', onExit);
            resolve(m);
          },
        });
      });
    },
  };
}

export interface Service {
  url: string;
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;
/** Runs a command as the postgres user when we are root (Postgres refuses root), else as ourselves. */
const pgSpawnArgs = (cmd: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));

export async function startPostgres(): Promise<Service> {
  const bin = postgresBin()!;
  const dir = mkdtempSync(join(tmpdir(), 'pc-pg-'));
  if (asRoot) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(pw.stdout), Number(gid.stdout));
  }
  const data = join(dir, 'data');
  const [icmd, iargs] = pgSpawnArgs(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
  const init = spawnSync(icmd, iargs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await freePort();
  const [cmd, args] = pgSpawnArgs(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = lines(child);
  await out.waitFor(/database system is ready to accept connections/, 30_000, 'postgres');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      // The postmaster's own pid (runuser stands between us and it): SIGINT is Postgres's fast shutdown.
      const pidFile = join(data, 'postmaster.pid');
      if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
      await exited(child);
    },
  };
}

export async function startRedis(): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'pc-redis-'));
  const port = await freePort();
  const child = spawn(redisBin()!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await lines(child).waitFor(/Ready to accept connections/, 20_000, 'redis-server');
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

export interface Proc {
  child: ChildProcess;
  out: ReturnType<typeof lines>;
  /** SIGKILL (or another signal) to the process group: npm and the node process it started. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `npm start` or `npm run worker` with env, in its own process group (so a kill reaches node, not only npm). */
export function npmRun(script: 'start' | 'worker', env: Record<string, string>): Proc {
  const child = spawn('npm', script === 'start' ? ['start', '--silent'] : ['run', 'worker', '--silent'], { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = lines(child);
  return {
    child,
    out,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, signal);
      await exited(child);
    },
  };
}

/** `npm start` until it prints its address. */
export async function startWeb(env: Record<string, string>): Promise<Proc & { origin: string }> {
  const p = npmRun('start', { PORT: '0', ...env });
  const m = await p.out.waitFor(/demo shop: (http:\/\/\S+?)\/?$/, 60_000, 'npm start');
  await p.out.waitFor(/ · renders: /, 10_000, 'npm start');
  return { ...p, origin: m[1]! };
}
export async function startWorker(env: Record<string, string>): Promise<Proc> {
  const p = npmRun('worker', env);
  await p.out.waitFor(/"event":"started"/, 60_000, 'npm run worker');
  return p;
}

export const TOKEN = 'scale-test-token-0123456789abcdef';
export const auth = { authorization: `Bearer ${TOKEN}` };

/** Posts one order with its photo; → [status, body]. */
export async function post(origin: string, order: unknown, png: Uint8Array, quantity = 1): Promise<[number, any]> {
  const mp = await multipart({ order: JSON.stringify(order), quantity: String(quantity) }, { 'photo-1': { bytes: png, name: 'me.png', type: 'image/png' } });
  const res = await fetch(`${origin}/api/orders`, { method: 'POST', headers: { 'content-type': mp.contentType }, body: mp.body });
  return [res.status, await res.json()];
}

/** Reads the merchant API until every order is ready or failed (polled: the workers run apart); → the orders. */
export async function settled(origin: string, ids: string[], ms: number): Promise<any[]> {
  const until = Date.now() + ms;
  for (;;) {
    const res = await fetch(`${origin}/api/merchant/orders`, { headers: auth });
    expect(res.status).to.equal(200);
    const { orders } = (await res.json()) as { orders: any[] };
    const mine = orders.filter((o) => ids.includes(o.orderId));
    if (mine.length === ids.length && mine.every((o) => o.status === 'ready' || o.status === 'failed')) return mine;
    if (Date.now() > until) throw new Error(`not settled after ${ms} ms: ${JSON.stringify(mine.map((o) => [o.orderId.slice(0, 8), o.status]))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

