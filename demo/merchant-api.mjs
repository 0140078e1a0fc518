/**
 * The merchant API, for a shop's fulfilment scripts: `Authorization: Bearer $MERCHANT_TOKEN`
 * (compared in constant time) or the merchant's signed-in session (the inbox's live status reads
 * it). Without MERCHANT_TOKEN only the session opens it.
 *
 *   GET /api/merchant/orders                      → { orders: [order, …] } newest first
 *   GET /api/merchant/orders/<orderId>            → order: { orderId, status: "queued" | "rendering" |
 *                                                   "ready" | "failed", printFiles: [{ area, format, url }],
 *                                                   error?, attempts, productId, revision, quantity,
 *                                                   fulfilment, createdAt, preview }
 *   GET /api/merchant/orders/<orderId>/files/<key> the file (a print file's url), same credentials
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { merchantSession, sendOrderFile } from './merchant.mjs';
import { PREVIEW_KEY } from './jobs/render.mjs';

const digest = (s) => createHash('sha256').update(String(s), 'utf8').digest();
/** Whether an Authorization header carries the token: fixed-length digests, compared with timingSafeEqual. */
export function bearerMatches(header, token) {
  if (!token || typeof header !== 'string') return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return timingSafeEqual(digest(m ? m[1] : ''), digest(token)) && m !== null;
}

const FORMATS = { 'image/png': 'png', 'application/pdf': 'pdf', 'image/svg+xml': 'svg' };

export async function merchantApi(app, { store, cfg }) {
  app.addHook('onRequest', async (req, reply) => {
    if (bearerMatches(req.headers.authorization, cfg.merchantToken)) return;
    if (await merchantSession(req, store)) return;
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="merchant"')
      .send({ error: cfg.merchantToken ? 'send Authorization: Bearer <MERCHANT_TOKEN>' : 'sign in as the merchant (set MERCHANT_TOKEN for token access)' });
  });
  const view = async (row) => {
    const base = `/api/merchant/orders/${row.order_id}`;
    const files = await store.orderFiles(row.order_id);
    const printFiles = files.filter((f) => f.kind === 'print').map((f) => ({ area: f.area, format: FORMATS[f.type] ?? 'bin', url: `${base}/files/${f.key}`, width: f.width, height: f.height, dpi: f.dpi }));
    const preview = files.some((f) => f.kind === 'preview' && f.key === PREVIEW_KEY) ? `${base}/files/${PREVIEW_KEY}` : null;
    return {
      orderId: row.order_id,
      status: row.render_state,
      printFiles,
      ...(row.render_error && { error: row.render_error }),
      attempts: row.render_attempts,
      productId: row.product_id,
      revision: row.revision,
      quantity: row.quantity,
      fulfilment: row.status,
      createdAt: row.created_at,
      preview,
    };
  };
  app.get('/orders', async () => {
    const orders = [];
    for (const row of await store.orders()) orders.push(await view(row));
    return { orders };
  });
  app.get('/orders/:id', async (req, reply) => {
    const row = await store.order(req.params.id);
    return row ? view(row) : reply.code(404).send({ error: 'no such order' });
  });
  app.get('/orders/:id/files/:key', (req, reply) => sendOrderFile(reply, store, req.params.id, req.params.key));
}
