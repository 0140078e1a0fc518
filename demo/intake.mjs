/**
 * Order intake: what the shop's backend does with a posted order before anything is stored.
 * Bodies are read within limits while they stream (a limit passed answers 413 without reading the
 * rest); the order JSON is bounded before it is parsed; the order is verified against the stored
 * product revision, then rebuilt from what was verified (known fields only) — that rebuilt order
 * is what gets stored, never the posted body; and only the files that an image component's
 * verified selection references are kept, under the type their bytes really are.
 */
import { buildOrder, canonicalJson, sniffType } from '../dist/core.js';
import { verifyOrder } from '../dist/server.js';
import { parseBoundedJson } from './bounded-json.mjs';

/** What one request may carry. A product's image limit (maxBytes) is at most fileSize. */
export const LIMITS = {
  /** One uploaded file. */
  fileSize: 25_000_000,
  /** Uploaded files in one request. */
  files: 8,
  /** Non-file fields in one request. */
  fields: 40,
  /** One non-file field (the order JSON travels in one). */
  fieldSize: 1_000_000,
  /** Parts (files + fields) in one request. */
  parts: 48,
  /** All the bytes of one multipart request. */
  multipartBytes: 60_000_000,
  /** A JSON request body, and an order's JSON. */
  jsonBytes: 1_000_000,
  /** Nesting of arrays and objects in an order's JSON (a real order needs 5). */
  jsonDepth: 32,
};

const KEY_RE = /^[A-Za-z0-9_-]{1,128}$/;
/** Types served to a browser as what they are; anything else is served as application/octet-stream. */
export const SERVABLE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

export class IntakeError extends Error {
  constructor(message, statusCode) {
    super(message);
    this.name = 'IntakeError';
    this.statusCode = statusCode;
  }
}

/** The options @fastify/multipart enforces while streaming (busboy counts as the bytes arrive). */
export const multipartLimits = () => ({
  limits: { fileSize: LIMITS.fileSize, files: LIMITS.files, fields: LIMITS.fields, fieldSize: LIMITS.fieldSize, parts: LIMITS.parts },
  throwFileSizeLimit: true,
});

/**
 * Reads a multipart body into fields (strings) and files (Buffers). Refuses with a 413 IntakeError
 * as soon as a limit is passed: a declared length over the total, a file over fileSize, a field
 * over fieldSize, too many parts, files or fields, or the total of what was read.
 */
export async function readMultipart(req) {
  const declared = Number(req.headers['content-length']);
  if (declared > LIMITS.multipartBytes) throw new IntakeError(`the request has ${declared} bytes; the limit is ${LIMITS.multipartBytes}`, 413);
  const fields = {};
  const files = {};
  let total = 0;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        files[part.fieldname] = await readFile(part.file, (n) => {
          total += n;
          return total <= LIMITS.multipartBytes;
        });
      } else {
        if (part.valueTruncated) throw new IntakeError(`the field ${JSON.stringify(part.fieldname.slice(0, 64))} is over ${LIMITS.fieldSize} bytes`, 413);
        total += Buffer.byteLength(String(part.value));
        if (total > LIMITS.multipartBytes) throw new IntakeError(`the request is over ${LIMITS.multipartBytes} bytes`, 413);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (e) {
    if (e instanceof IntakeError) throw e;
    // @fastify/multipart's limit errors carry 413; anything else is a malformed body.
    if (e?.statusCode === 413) throw new IntakeError(limitMessage(e), 413);
    throw new IntakeError('the multipart body could not be read', 400);
  }
  return { fields, files };
}

/**
 * One file part's bytes. Busboy ends a file stream that passed fileSize only when the part ends
 * (it reads on and discards): so the 'limit' event, not the end, refuses it, at once.
 */
function readFile(file, add) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const fail = (message) => {
      file.removeAllListeners('data');
      file.resume();
      reject(new IntakeError(message, 413));
    };
    file.on('data', (chunk) => {
      if (!add(chunk.length)) return fail(`the request is over ${LIMITS.multipartBytes} bytes`);
      chunks.push(chunk);
    });
    file.once('limit', () => fail(`a file is over ${LIMITS.fileSize} bytes`));
    file.once('end', () => (file.truncated ? fail(`a file is over ${LIMITS.fileSize} bytes`) : resolve(Buffer.concat(chunks))));
    file.once('error', (e) => reject(e?.statusCode === 413 ? new IntakeError(limitMessage(e), 413) : new IntakeError('the multipart body could not be read', 400)));
  });
}

function limitMessage(e) {
  switch (e.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return `a file is over ${LIMITS.fileSize} bytes`;
    case 'FST_FILES_LIMIT':
      return `the request has more than ${LIMITS.files} files`;
    case 'FST_FIELDS_LIMIT':
      return `the request has more than ${LIMITS.fields} fields`;
    case 'FST_PARTS_LIMIT':
      return `the request has more than ${LIMITS.parts} parts`;
    default:
      return 'the request is too large';
  }
}

/** How long a refused upload's connection stays open, unread, so that the client reads the answer. */
export const REFUSED_LINGER_MS = 2000;

/**
 * A request refused before its body was read to the end: the body is read no further (the socket
 * pauses, so the sender blocks on a full TCP window), the answer says `Connection: close`, and the
 * connection is half-closed once the answer is out (FIN: "that was all") and closed for good
 * REFUSED_LINGER_MS later — a lingering close. Closing at once, as Node does for `Connection: close`,
 * would reset the connection with unread data pending, and a reset can overtake the answer: the
 * client would see an error instead of the 413.
 */
export function stopReading(req, reply) {
  req.raw.unpipe();
  req.raw.pause();
  reply.header('connection', 'close');
  const socket = req.raw.socket;
  if (typeof socket?.destroySoon !== 'function') return; // fastify.inject: no socket to close
  // Node's server ends a `Connection: close` exchange with socket.destroySoon(): end, then destroy.
  socket.destroySoon = function lingeringClose() {
    this.end();
    setTimeout(() => this.destroy(), REFUSED_LINGER_MS).unref();
  };
}

/** An order's JSON text, within LIMITS.jsonBytes and LIMITS.jsonDepth (IntakeError 400/413 otherwise). */
export function parseOrderJson(text, what = 'the order') {
  if (text === undefined) return null;
  try {
    return parseBoundedJson(text, { maxBytes: LIMITS.jsonBytes, maxDepth: LIMITS.jsonDepth, what });
  } catch (e) {
    throw new IntakeError(e.message, e.statusCode ?? 400);
  }
}

/** Upload bytes by asset key, from files posted as `name(key)`; other names and bad keys are dropped. */
export function uploadsOf(files, keyOf) {
  const uploads = {};
  for (const [field, bytes] of Object.entries(files)) {
    const key = keyOf(field);
    if (key !== undefined && KEY_RE.test(key)) uploads[key] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return uploads;
}

const refused = (message, code = 'invalid-order', path = []) => ({ ok: false, issues: [{ code, severity: 'error', path, message }] });

/**
 * Verifies `order` against the stored revision (`productOf(id, revision)` → product JSON, or a promise of it, or
 * undefined) and, when it holds, rebuilds it from the verified selections.
 * Returns { ok: false, issues } or { ok: true, product, order, price, files } where `order` has
 * only the fields the order schema defines and `files` are the verified uploads of image
 * components ({ key, bytes, type (sniffed), name, width, height, sha256 (verified against the bytes) }).
 */
export async function intakeOrder(productOf, order, uploads) {
  if (!order || typeof order !== 'object' || Array.isArray(order) || !order.product || typeof order.product !== 'object') return refused('no order in the request');
  const product = await productOf(String(order.product.id), String(order.product.revision));
  if (!product) return refused('this product revision is not published here', 'product-mismatch', ['product']);
  const verdict = await verifyOrder(product, order, uploads);
  if (!verdict.ok) return { ok: false, issues: verdict.issues };
  // Rebuilt from the verified selections: no field the schema does not define survives, whatever was posted.
  const normal = await buildOrder(product, order.selections, {
    orderId: order.orderId,
    createdAt: order.createdAt,
    locale: order.locale,
    previews: order.previews.map(({ view, key, width, height }) => ({ view, key, width, height })),
  });
  if (canonicalJson(normal.price) !== canonicalJson(verdict.price)) return refused('the order could not be rebuilt from its selections');
  const files = [];
  for (const c of product.components) {
    const asset = c.type === 'image' ? normal.selections[c.id]?.asset : undefined;
    if (!asset) continue;
    const bytes = Object.prototype.hasOwnProperty.call(uploads, asset.key) ? uploads[asset.key] : undefined;
    const type = bytes && sniffType(bytes);
    // verifyOrder checked the bytes against the asset; a file it did not check is never kept.
    if (!bytes || !SERVABLE_IMAGE_TYPES.has(type) || type !== asset.type) return refused(`the file for "${c.id}" could not be verified`, 'asset-mismatch', ['selections', c.id, 'asset']);
    files.push({ key: asset.key, bytes, type, name: asset.name, width: asset.width, height: asset.height, sha256: asset.sha256 });
  }
  return { ok: true, product, order: normal, price: verdict.price, files };
}

/** The canonical JSON of an order: two orders are the same order when these are equal. */
export const sameOrder = (a, b) => canonicalJson(a) === canonicalJson(b);
