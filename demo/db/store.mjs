/**
 * The demo's store: products' revisions, carts, orders with their files, render jobs and merchant
 * sessions, over either database driver (SQLite embedded, Postgres when DATABASE_URL is set) with
 * the same meaning, every method asynchronous. Files (uploads, print files, previews) live in the
 * file storage (demo/files.mjs) and rows point at them by SHA-256.
 *
 * Orders and their render job are written in one transaction: an order that is stored is an order
 * that will be rendered. A render job is `queued` → `rendering` (a worker holds it) → `ready`
 * (its print files stored, in the same transaction as the state) or back to `queued` (a retry,
 * after run_after) or `failed` (with the reason). A job is finished only by the worker that holds
 * it, and only once: `renders` counts the finishes, and stays 1.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { openFiles } from '../files.mjs';

export const RENDER_STATES = ['queued', 'rendering', 'ready', 'failed'];

const ORDER_WITH_JOB = `SELECT o.*, j.state AS render_state, j.error AS render_error, j.attempts AS render_attempts, j.renders AS renders
  FROM orders o LEFT JOIN render_jobs j ON j.order_id = o.order_id`;

/** driver: demo/db/sqlite.mjs or demo/db/postgres.mjs; storageDir: where files go. */
export function makeStore(driver, storageDir) {
  const d = driver;
  const referenced = async (sha) =>
    (await d.get('SELECT 1 AS x FROM order_files WHERE sha256 = ? LIMIT 1', [sha])) !== undefined ||
    (await d.get('SELECT 1 AS x FROM cart_lines WHERE thumb_sha = ? LIMIT 1', [sha])) !== undefined ||
    (await d.get('SELECT 1 AS x FROM cart_lines WHERE files_json LIKE ? LIMIT 1', [`%"${sha}"%`])) !== undefined;
  const files = openFiles(storageDir, referenced);
  const now = () => new Date().toISOString();
  // Sessions are stored by the SHA-256 of their id: a copy of the database signs no one in.
  const idHash = (id) => createHash('sha256').update(String(id)).digest('hex');

  /**
   * An order's file row. Uploads (keys without a dot) and rendered files (keys with one: demo/jobs/render.mjs)
   * never share a key; and a row is only ever replaced by a file of its own kind (a re-render), never
   * an upload by a rendered file or the other way round.
   */
  const insertFile = async (q, orderId, f) => {
    if ((f.kind === 'upload') === f.key.includes('.')) throw new Error(`order ${orderId}: the ${f.kind} file key "${f.key}" is outside its namespace`);
    const n = await q.run(
      `INSERT INTO order_files (order_id, kind, key, sha256, name, type, area, width, height, dpi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (order_id, key) DO UPDATE SET sha256 = excluded.sha256, name = excluded.name, type = excluded.type,
         area = excluded.area, width = excluded.width, height = excluded.height, dpi = excluded.dpi
       WHERE order_files.kind = excluded.kind`,
      [orderId, f.kind, f.key, f.sha256, f.name, f.type, f.area ?? null, f.width ?? null, f.height ?? null, f.dpi ?? null],
    );
    if (!n) throw new Error(`order ${orderId}: a ${f.kind} file may not replace the other file keyed "${f.key}"`);
  };
  /** An order row, its files and its queued render job: called inside a transaction. */
  async function insertOrder(q, { orderId, owner, productId, revision, quantity, orderJson, verification, source, files: rows }) {
    const added = await q.run(
      'INSERT INTO orders (order_id, owner, product_id, revision, quantity, order_json, verification_json, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING',
      [orderId, owner, productId, revision, quantity, orderJson, JSON.stringify(verification), source, now()],
    );
    if (!added) return false;
    for (const f of rows) await insertFile(q, orderId, f);
    await q.run('INSERT INTO render_jobs (order_id, state, run_after, updated_at) VALUES (?, ?, ?, ?)', [orderId, 'queued', Date.now(), Date.now()]);
    return true;
  }

  return {
    dialect: d.dialect,
    files,
    putFile: files.put,
    getFile: files.get,
    fileBatch: files.batch,

    // ---- products -------------------------------------------------------------------------------
    publish: (product, name) =>
      d.tx(async (q) => {
        const { seq } = await q.get('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM revisions');
        const added = await q.run('INSERT INTO revisions (product_id, revision, json, name, published_at, seq) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (product_id, revision) DO NOTHING', [
          product.id,
          String(product.revision),
          JSON.stringify(product),
          name,
          now(),
          seq,
        ]);
        return added ? { ok: true } : { ok: false, reason: 'exists' };
      }),
    revision: (id, rev) => d.get('SELECT * FROM revisions WHERE product_id = ? AND revision = ?', [id, String(rev)]),
    latest: (id) => d.get('SELECT * FROM revisions WHERE product_id = ? ORDER BY seq DESC LIMIT 1', [id]),
    products: () => d.all('SELECT r.* FROM revisions r WHERE r.seq = (SELECT MAX(r2.seq) FROM revisions r2 WHERE r2.product_id = r.product_id) ORDER BY r.product_id'),
    revisions: () => d.all('SELECT product_id, revision, name, published_at FROM revisions ORDER BY product_id, seq DESC'),

    // ---- carts ----------------------------------------------------------------------------------
    newCart: async () => {
      const id = randomUUID();
      await d.run('INSERT INTO carts (id, created_at) VALUES (?, ?)', [id, now()]);
      return id;
    },
    cart: (id) => (typeof id === 'string' ? d.get('SELECT * FROM carts WHERE id = ?', [id]) : undefined),
    lines: (cartId) => d.all('SELECT * FROM cart_lines WHERE cart_id = ? ORDER BY id', [cartId]),
    line: (cartId, lineId) => d.get('SELECT * FROM cart_lines WHERE cart_id = ? AND id = ?', [cartId, Number(lineId)]),
    /**
     * Adds a line (files: [{ kind, key, sha256, name, type }] already stored). One currency per cart:
     * a line in another currency than the cart's is not added → { ok: false, currency: the cart's }.
     */
    addLine: (cartId, order, quantity, rows, thumbSha) =>
      d.tx(async (q) => {
        const other = await q.get('SELECT currency FROM cart_lines WHERE cart_id = ? AND currency <> ? LIMIT 1', [cartId, order.price.currency]);
        if (other) return { ok: false, currency: other.currency };
        await q.run(
          'INSERT INTO cart_lines (cart_id, order_id, product_id, revision, quantity, currency, order_json, files_json, thumb_sha, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (cart_id, order_id) DO NOTHING',
          [cartId, order.orderId, order.product.id, String(order.product.revision), quantity, order.price.currency, JSON.stringify(order), JSON.stringify(rows), thumbSha ?? null, now()],
        );
        return { ok: true };
      }),
    removeLine: async (cartId, lineId) => (await d.run('DELETE FROM cart_lines WHERE cart_id = ? AND id = ?', [cartId, Number(lineId)])) > 0,
    setLineQuantity: async (cartId, lineId, quantity) => (await d.run('UPDATE cart_lines SET quantity = ? WHERE cart_id = ? AND id = ?', [quantity, cartId, Number(lineId)])) > 0,
    /** Moves a cart's lines into orders (uploads and a queued render job each), all or nothing; the placed orderIds. */
    checkout: (cartId, verify) =>
      d.tx(async (q) => {
        const lines = await q.all('SELECT * FROM cart_lines WHERE cart_id = ? ORDER BY id', [cartId]);
        const placed = [];
        for (const line of lines) {
          const added = await insertOrder(q, {
            orderId: line.order_id,
            owner: cartId,
            productId: line.product_id,
            revision: line.revision,
            quantity: line.quantity,
            orderJson: line.order_json,
            verification: verify(line),
            source: 'cart',
            files: JSON.parse(line.files_json),
          });
          if (added) placed.push(line.order_id);
        }
        await q.run('DELETE FROM cart_lines WHERE cart_id = ?', [cartId]);
        return placed;
      }),

    // ---- orders ---------------------------------------------------------------------------------
    /**
     * Stores an order with its files and a queued render job, once (idempotent on orderId): the
     * stored row and whether it was new. An orderId already stored is a replay only when the order
     * and quantity are the same (`same(storedOrderJson)`); otherwise `{ conflict: true }`, nothing written.
     */
    placeOrder: (order, owner, quantity, verification, rows, source, same) =>
      d.tx(async (q) => {
        const added = await insertOrder(q, {
          orderId: order.orderId,
          owner,
          productId: order.product.id,
          revision: String(order.product.revision),
          quantity,
          orderJson: JSON.stringify(order),
          verification,
          source,
          files: rows,
        });
        const row = await q.get(`${ORDER_WITH_JOB} WHERE o.order_id = ?`, [order.orderId]);
        if (added) return { row, created: true };
        return row.quantity === quantity && same(row.order_json) ? { row, created: false } : { conflict: true };
      }),
    order: (id) => d.get(`${ORDER_WITH_JOB} WHERE o.order_id = ?`, [String(id)]),
    orders: () => d.all(`${ORDER_WITH_JOB} ORDER BY o.created_at DESC, o.order_id`),
    ordersOf: (owner) => d.all(`${ORDER_WITH_JOB} WHERE o.owner = ? ORDER BY o.created_at DESC`, [owner]),
    orderFiles: (id) => d.all('SELECT * FROM order_files WHERE order_id = ? ORDER BY kind, key', [String(id)]),
    orderFile: (id, key) => d.get('SELECT * FROM order_files WHERE order_id = ? AND key = ?', [String(id), String(key)]),
    setStatus: async (id, status) => (await d.run('UPDATE orders SET status = ? WHERE order_id = ?', [status, String(id)])) > 0,

    // ---- render jobs ----------------------------------------------------------------------------
    job: (orderId) => d.get('SELECT * FROM render_jobs WHERE order_id = ?', [orderId]),
    /** The orderIds whose job waits (the BullMQ setup enqueues them again after a crash; Redis drops duplicates). */
    queuedJobs: async () => (await d.all("SELECT order_id FROM render_jobs WHERE state = 'queued' ORDER BY run_after")).map((r) => r.order_id),
    /**
     * The table queue: takes the next due job (queued and due, or rendering with its lease run out:
     * its worker died) for `worker`, holding it for leaseMs. A job whose workers died maxAttempts
     * times is failed instead. → { orderId, attempts } or undefined.
     */
    claimJob: (worker, leaseMs, maxAttempts) =>
      d.tx(async (q) => {
        const t = Date.now();
        await q.run(
          "UPDATE render_jobs SET state = 'failed', error = ?, lease_until = NULL, updated_at = ? WHERE state = 'rendering' AND lease_until < ? AND attempts >= ?",
          [`the worker rendering it stopped ${maxAttempts} times`, t, t, maxAttempts],
        );
        const due = `SELECT order_id FROM render_jobs WHERE (state = 'queued' AND run_after <= ?) OR (state = 'rendering' AND lease_until < ?) ORDER BY run_after LIMIT 1${d.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''}`;
        const next = await q.get(due, [t, t]);
        if (!next) return undefined;
        await q.run("UPDATE render_jobs SET state = 'rendering', worker = ?, lease_until = ?, attempts = attempts + 1, updated_at = ? WHERE order_id = ?", [worker, t + leaseMs, t, next.order_id]);
        const job = await q.get('SELECT order_id, attempts FROM render_jobs WHERE order_id = ?', [next.order_id]);
        return { orderId: job.order_id, attempts: job.attempts };
      }),
    /** The BullMQ worker takes the job BullMQ gave it: false when it is already ready or failed. */
    startRender: async (orderId, worker) =>
      (await d.run("UPDATE render_jobs SET state = 'rendering', worker = ?, lease_until = NULL, attempts = attempts + 1, updated_at = ? WHERE order_id = ? AND state IN ('queued', 'rendering')", [
        worker,
        Date.now(),
        orderId,
      ])) > 0,
    /** Extends the lease while rendering; false when the job is no longer this worker's. */
    heartbeat: async (orderId, worker, leaseMs) =>
      (await d.run("UPDATE render_jobs SET lease_until = ? WHERE order_id = ? AND worker = ? AND state = 'rendering'", [Date.now() + leaseMs, orderId, worker])) > 0,
    /** The print files and `ready`, in one transaction, by the worker holding the job: false (nothing written) otherwise. */
    finishRender: (orderId, worker, rows) =>
      d.tx(async (q) => {
        const mine = await q.run(
          "UPDATE render_jobs SET state = 'ready', renders = renders + 1, error = NULL, lease_until = NULL, updated_at = ? WHERE order_id = ? AND worker = ? AND state = 'rendering'",
          [Date.now(), orderId, worker],
        );
        if (!mine) return false;
        for (const f of rows) await insertFile(q, orderId, f);
        return true;
      }),
    /** A failed attempt: queued again after runAfter (ms epoch), or `failed` when runAfter is null. */
    renderFailed: async (orderId, worker, error, runAfter) =>
      (await d.run(
        "UPDATE render_jobs SET state = ?, error = ?, run_after = ?, lease_until = NULL, updated_at = ? WHERE order_id = ? AND worker = ? AND state = 'rendering'",
        [runAfter === null ? 'failed' : 'queued', String(error).slice(0, 2000), runAfter ?? Date.now(), Date.now(), orderId, worker],
      )) > 0,
    /** The BullMQ setup's final failure (attempts used up, or the job stalled too often), whoever held it. */
    failJob: async (orderId, error) =>
      (await d.run("UPDATE render_jobs SET state = 'failed', error = ?, lease_until = NULL, updated_at = ? WHERE order_id = ? AND state IN ('queued', 'rendering')", [
        String(error).slice(0, 2000),
        Date.now(),
        orderId,
      ])) > 0,

    // ---- merchant sessions ----------------------------------------------------------------------
    /** A new merchant session: its id (for the signed cookie) and its CSRF secret. */
    createSession: async (ttlMs, csrfSecret) => {
      const id = randomBytes(32).toString('base64url');
      await d.run('DELETE FROM merchant_sessions WHERE expires_at <= ?', [Date.now()]);
      await d.run('INSERT INTO merchant_sessions (id_hash, csrf_secret, created_at, expires_at) VALUES (?, ?, ?, ?)', [idHash(id), csrfSecret, now(), Date.now() + ttlMs]);
      return id;
    },
    /** The live session for a cookie's id, or undefined (unknown, revoked or expired). */
    session: async (id) => (typeof id === 'string' && id ? d.get('SELECT * FROM merchant_sessions WHERE id_hash = ? AND expires_at > ?', [idHash(id), Date.now()]) : undefined),
    revokeSession: async (id) => (await d.run('DELETE FROM merchant_sessions WHERE id_hash = ?', [idHash(id)])) > 0,

    counts: async () => ({
      orders: Number((await d.get('SELECT COUNT(*) AS n FROM orders')).n),
      cartLines: Number((await d.get('SELECT COUNT(*) AS n FROM cart_lines')).n),
    }),
    close: () => d.close(),
  };
}
