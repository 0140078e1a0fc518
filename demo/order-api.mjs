/**
 * POST /api/orders: the shop's JSON (or multipart) order intake. Verify and store only: the order
 * is verified against its stored revision (verifyOrder), then the order rebuilt from what was
 * verified, its verified uploads and a queued render job are stored in one transaction, the job is
 * handed to the render workers, and the answer is 201 { orderId, status: "queued", … } at once.
 * Rendering happens in the workers (demo/jobs/).
 *
 * The same orderId again: the same order and quantity is a replay, answered 200 with the order's
 * current status (one order, one render); anything else is 409 and learns nothing about the order.
 */
import { IntakeError, intakeOrder, parseOrderJson, readMultipart, sameOrder, stopReading, uploadsOf } from './intake.mjs';

export async function orderApi(app, { store, queue, productOf, ensureCart }) {
  const fileRow = (f, sha256) => ({ kind: 'upload', key: f.key, sha256, name: f.name, type: f.type, width: f.width, height: f.height });
  app.post('/api/orders', async (req, reply) => {
    let order;
    let uploads = {};
    let quantity = 1;
    try {
      if (req.isMultipart()) {
        const body = await readMultipart(req);
        order = parseOrderJson(body.fields.order);
        quantity = Number.parseInt(body.fields.quantity ?? '1', 10) || 1;
        uploads = uploadsOf(body.files, (field) => field);
      } else {
        if (!req.body || typeof req.body !== 'object') throw new IntakeError('expected a JSON body { order, quantity? } or a multipart form', 400);
        order = req.body.order ?? null;
        quantity = Number.parseInt(req.body.quantity ?? '1', 10) || 1;
      }
    } catch (e) {
      if (!(e instanceof IntakeError)) throw e;
      if (!req.raw.complete) stopReading(req, reply);
      return reply.code(e.statusCode).send({ error: e.message });
    }
    quantity = Math.min(99, Math.max(1, quantity));
    const intake = await intakeOrder(async (id, rev) => (await productOf(id, rev))?.json, order, uploads);
    if (!intake.ok) return reply.code(422).send({ issues: intake.issues });
    // An orderId already stored: a replay of that very order is answered; anything else learns nothing.
    const conflict = () => reply.code(409).send({ error: 'this orderId belongs to another order' });
    const same = (json) => sameOrder(JSON.parse(json), intake.order);
    const replay = (row) => reply.code(200).send({ orderId: row.order_id, status: row.render_state, created: false });
    const existing = await store.order(intake.order.orderId);
    if (existing) return existing.quantity === quantity && same(existing.order_json) ? replay(existing) : conflict();
    const batch = store.fileBatch();
    let placed;
    try {
      const files = await Promise.all(intake.files.map(async (f) => fileRow(f, await batch.put(f.bytes, f.sha256))));
      const owner = await ensureCart(req, reply);
      placed = await store.placeOrder(intake.order, owner, quantity, { ok: true, price: intake.price }, files, 'api', same);
    } catch (e) {
      await batch.abort();
      throw e;
    }
    if (placed.conflict) {
      await batch.abort();
      return conflict();
    }
    batch.done();
    if (!placed.created) return replay(placed.row);
    await queue.enqueue(placed.row.order_id);
    return reply.code(201).send({ orderId: placed.row.order_id, status: 'queued', created: true, total: intake.price.total, currency: intake.price.currency });
  });
}
