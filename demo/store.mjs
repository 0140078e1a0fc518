/**
 * The demo's storage: SQLite (better-sqlite3) for products, revisions, carts, orders and merchant
 * sessions, every write in a transaction; files on disk under DATA_DIR/files, addressed by their
 * SHA-256 (never by a client-given name). A request writes its files through a batch: they are on
 * disk before the rows that point at them (a crash loses nothing), and when the rows are not
 * written the batch removes the files it created (a refused or failed order leaves none behind).
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS revisions (
  product_id TEXT NOT NULL, revision TEXT NOT NULL, json TEXT NOT NULL, name TEXT NOT NULL,
  published_at TEXT NOT NULL, PRIMARY KEY (product_id, revision));
CREATE TABLE IF NOT EXISTS carts (id TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cart_lines (
  id INTEGER PRIMARY KEY AUTOINCREMENT, cart_id TEXT NOT NULL REFERENCES carts(id), order_id TEXT NOT NULL,
  product_id TEXT NOT NULL, revision TEXT NOT NULL, quantity INTEGER NOT NULL, order_json TEXT NOT NULL,
  files_json TEXT NOT NULL, thumb_sha TEXT, added_at TEXT NOT NULL, UNIQUE (cart_id, order_id));
CREATE TABLE IF NOT EXISTS orders (
  order_id TEXT PRIMARY KEY, owner TEXT NOT NULL, product_id TEXT NOT NULL, revision TEXT NOT NULL,
  quantity INTEGER NOT NULL, order_json TEXT NOT NULL, verification_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in production', 'shipped')),
  source TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS order_files (
  order_id TEXT NOT NULL REFERENCES orders(order_id), kind TEXT NOT NULL, key TEXT NOT NULL, sha256 TEXT NOT NULL,
  name TEXT NOT NULL, type TEXT NOT NULL, area TEXT, width INTEGER, height INTEGER, dpi REAL,
  PRIMARY KEY (order_id, key));
CREATE TABLE IF NOT EXISTS merchant_sessions (
  id_hash TEXT PRIMARY KEY, csrf_secret TEXT NOT NULL, created_at TEXT NOT NULL, expires_at INTEGER NOT NULL);
`;

const SHA_RE = /^[0-9a-f]{64}$/;

export function openStore(dataDir) {
  mkdirSync(join(dataDir, 'files'), { recursive: true });
  const db = new Database(join(dataDir, 'demo.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);

  /** Writes bytes once under their SHA-256 (atomically: temp file, then rename). Returns the hash. */
  function putFile(bytes) {
    const sha = createHash('sha256').update(bytes).digest('hex');
    const dir = join(dataDir, 'files', sha.slice(0, 2));
    const path = join(dir, sha);
    if (!existsSync(path)) {
      mkdirSync(dir, { recursive: true });
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, path);
    }
    return sha;
  }
  /** sha → how many unfinished batches hold it: a file one request needs is never removed by another's abort. */
  const held = new Map();
  const referenced = (sha) =>
    q.fileRef.get(sha) !== undefined || q.thumbRef.get(sha) !== undefined || q.lineFileRef.get(`%"${sha}"%`) !== undefined;
  /**
   * A request's files: put(bytes) writes them (deduplicated by hash); after the rows commit, done();
   * on any failure, abort() removes the files this batch created that nothing else holds or references.
   */
  function fileBatch() {
    const created = new Set();
    const mine = [];
    let open = true;
    const release = () => {
      for (const sha of mine) {
        const n = held.get(sha) - 1;
        if (n > 0) held.set(sha, n);
        else held.delete(sha);
      }
      open = false;
    };
    return {
      put(bytes) {
        if (!open) throw new Error('this file batch is finished');
        const sha = createHash('sha256').update(bytes).digest('hex');
        const existed = existsSync(join(dataDir, 'files', sha.slice(0, 2), sha));
        putFile(bytes);
        if (!existed) created.add(sha);
        held.set(sha, (held.get(sha) ?? 0) + 1);
        mine.push(sha);
        return sha;
      },
      done() {
        if (open) release();
      },
      abort() {
        if (!open) return;
        release();
        for (const sha of created) if (!held.has(sha) && !referenced(sha)) unlinkSync(join(dataDir, 'files', sha.slice(0, 2), sha));
      },
    };
  }
  function getFile(sha) {
    if (!SHA_RE.test(sha)) return undefined;
    const path = join(dataDir, 'files', sha.slice(0, 2), sha);
    return existsSync(path) ? readFileSync(path) : undefined;
  }

  const q = {
    revision: db.prepare('SELECT * FROM revisions WHERE product_id = ? AND revision = ?'),
    latest: db.prepare('SELECT * FROM revisions WHERE product_id = ? ORDER BY published_at DESC, rowid DESC LIMIT 1'),
    products: db.prepare(`SELECT r.* FROM revisions r WHERE r.rowid = (SELECT r2.rowid FROM revisions r2 WHERE r2.product_id = r.product_id ORDER BY r2.published_at DESC, r2.rowid DESC LIMIT 1) ORDER BY r.product_id`),
    revisionsOf: db.prepare('SELECT product_id, revision, name, published_at FROM revisions ORDER BY product_id, published_at DESC, rowid DESC'),
    insertRevision: db.prepare('INSERT INTO revisions (product_id, revision, json, name, published_at) VALUES (?, ?, ?, ?, ?)'),
    insertCart: db.prepare('INSERT INTO carts (id, created_at) VALUES (?, ?)'),
    cart: db.prepare('SELECT * FROM carts WHERE id = ?'),
    lines: db.prepare('SELECT * FROM cart_lines WHERE cart_id = ? ORDER BY id'),
    insertLine: db.prepare('INSERT OR IGNORE INTO cart_lines (cart_id, order_id, product_id, revision, quantity, order_json, files_json, thumb_sha, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    deleteLines: db.prepare('DELETE FROM cart_lines WHERE cart_id = ?'),
    order: db.prepare('SELECT * FROM orders WHERE order_id = ?'),
    orders: db.prepare('SELECT * FROM orders ORDER BY created_at DESC'),
    insertOrder: db.prepare('INSERT INTO orders (order_id, owner, product_id, revision, quantity, order_json, verification_json, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    insertOrderFile: db.prepare('INSERT OR REPLACE INTO order_files (order_id, kind, key, sha256, name, type, area, width, height, dpi) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    orderFiles: db.prepare('SELECT * FROM order_files WHERE order_id = ? ORDER BY kind, key'),
    orderFile: db.prepare('SELECT * FROM order_files WHERE order_id = ? AND key = ?'),
    setStatus: db.prepare('UPDATE orders SET status = ? WHERE order_id = ?'),
    countOrders: db.prepare('SELECT COUNT(*) AS n FROM orders'),
    countLines: db.prepare('SELECT COUNT(*) AS n FROM cart_lines'),
    fileRef: db.prepare('SELECT 1 FROM order_files WHERE sha256 = ? LIMIT 1'),
    thumbRef: db.prepare('SELECT 1 FROM cart_lines WHERE thumb_sha = ? LIMIT 1'),
    lineFileRef: db.prepare('SELECT 1 FROM cart_lines WHERE files_json LIKE ? LIMIT 1'),
    insertSession: db.prepare('INSERT INTO merchant_sessions (id_hash, csrf_secret, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    session: db.prepare('SELECT * FROM merchant_sessions WHERE id_hash = ? AND expires_at > ?'),
    deleteSession: db.prepare('DELETE FROM merchant_sessions WHERE id_hash = ?'),
    deleteExpiredSessions: db.prepare('DELETE FROM merchant_sessions WHERE expires_at <= ?'),
  };
  // Sessions are stored by the SHA-256 of their id: a copy of the database signs no one in.
  const idHash = (id) => createHash('sha256').update(String(id)).digest('hex');
  const now = () => new Date().toISOString();

  return {
    db,
    putFile,
    getFile,
    publish: db.transaction((product, name) => {
      if (q.revision.get(product.id, String(product.revision))) return { ok: false, reason: 'exists' };
      q.insertRevision.run(product.id, String(product.revision), JSON.stringify(product), name, now());
      return { ok: true };
    }),
    revision: (id, rev) => q.revision.get(id, String(rev)),
    latest: (id) => q.latest.get(id),
    products: () => q.products.all(),
    revisions: () => q.revisionsOf.all(),
    newCart: () => {
      const id = randomUUID();
      q.insertCart.run(id, now());
      return id;
    },
    cart: (id) => (typeof id === 'string' ? q.cart.get(id) : undefined),
    lines: (cartId) => q.lines.all(cartId),
    /** files: [{ kind, key, sha256, name, type }] already on disk. */
    addLine: db.transaction((cartId, order, quantity, files, thumbSha) => {
      q.insertLine.run(cartId, order.orderId, order.product.id, String(order.product.revision), quantity, JSON.stringify(order), JSON.stringify(files), thumbSha ?? null, now());
    }),
    /** Moves a cart's lines into orders with their uploads and `printsOf(line)` files, all or nothing. */
    checkout: db.transaction((cartId, verify, printsOf = () => []) => {
      const lines = q.lines.all(cartId);
      const placed = [];
      for (const line of lines) {
        if (q.order.get(line.order_id)) continue;
        const verification = verify(line);
        q.insertOrder.run(line.order_id, cartId, line.product_id, line.revision, line.quantity, line.order_json, JSON.stringify(verification), 'cart', now());
        for (const f of JSON.parse(line.files_json)) q.insertOrderFile.run(line.order_id, f.kind, f.key, f.sha256, f.name, f.type, null, f.width ?? null, f.height ?? null, null);
        for (const f of printsOf(line)) q.insertOrderFile.run(line.order_id, f.kind, f.key, f.sha256, f.name, f.type, f.area ?? null, f.width ?? null, f.height ?? null, f.dpi ?? null);
        placed.push(line.order_id);
      }
      q.deleteLines.run(cartId);
      return placed;
    }),
    /**
     * Stores an order once (idempotent on orderId): returns the stored row and whether it was new.
     * An orderId already stored is a replay only when the order and quantity are the same (same
     * canonical JSON, `same(storedOrderJson)`); otherwise `{ conflict: true }` and nothing is written.
     */
    placeOrder: db.transaction((order, owner, quantity, verification, files, source, same) => {
      const existing = q.order.get(order.orderId);
      if (existing) return existing.quantity === quantity && same(existing.order_json) ? { row: existing, created: false } : { conflict: true };
      q.insertOrder.run(order.orderId, owner, order.product.id, String(order.product.revision), quantity, JSON.stringify(order), JSON.stringify(verification), source, now());
      for (const f of files) q.insertOrderFile.run(order.orderId, f.kind, f.key, f.sha256, f.name, f.type, f.area ?? null, f.width ?? null, f.height ?? null, f.dpi ?? null);
      return { row: q.order.get(order.orderId), created: true };
    }),
    addOrderFiles: db.transaction((orderId, files) => {
      for (const f of files) q.insertOrderFile.run(orderId, f.kind, f.key, f.sha256, f.name, f.type, f.area ?? null, f.width ?? null, f.height ?? null, f.dpi ?? null);
    }),
    order: (id) => q.order.get(id),
    orders: () => q.orders.all(),
    orderFiles: (id) => q.orderFiles.all(id),
    orderFile: (id, key) => q.orderFile.get(id, key),
    setStatus: (id, status) => q.setStatus.run(status, id).changes > 0,
    fileBatch,
    /** A new merchant session: its id (for the signed cookie) and its CSRF secret. */
    createSession: (ttlMs, csrfSecret) => {
      const id = randomBytes(32).toString('base64url');
      q.deleteExpiredSessions.run(Date.now());
      q.insertSession.run(idHash(id), csrfSecret, now(), Date.now() + ttlMs);
      return id;
    },
    /** The live session for a cookie's id, or undefined (unknown, revoked or expired). */
    session: (id) => (typeof id === 'string' && id ? q.session.get(idHash(id), Date.now()) : undefined),
    revokeSession: (id) => q.deleteSession.run(idHash(id)).changes > 0,
    counts: () => ({ orders: q.countOrders.get().n, cartLines: q.countLines.get().n }),
    close: () => db.close(),
  };
}
