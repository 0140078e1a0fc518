/**
 * The shop's pages, as a common shop theme has them: the product list, product pages with an
 * ordinary add-to-cart form and <product-customizer> inside, a cart (one currency; remove a line,
 * change its quantity, edit its design back in the product page), checkout, and the shopper's own
 * order pages with the product, its preview, the summary and the render status (live).
 *
 * Checkout verifies nothing twice and renders nothing: every cart line was verified when it was
 * added; checkout stores the orders with a queued render job each, in one transaction, and the
 * render workers make the print files and the preview.
 */
import { sniffType } from '../dist/core.js';
import { IntakeError, intakeOrder, parseOrderJson, readMultipart, stopReading, uploadsOf } from './intake.mjs';
import { merchantSession } from './merchant.mjs';
import { PREVIEW_KEY } from './jobs/render.mjs';
import { layerImageUrl } from './layer-url.mjs';
import { h, issueList, money, raw, text } from './pages.mjs';

export const MAX_QUANTITY = 99;
/** The cart thumbnail's width. */
export const THUMB_WIDTH = 480;
const quantityOf = (v) => Math.min(MAX_QUANTITY, Math.max(1, Number.parseInt(v ?? '1', 10) || 1));

/** What a shopper reads for each render state. */
export const STATUS_WORDS = { queued: 'queued: print files are being prepared', rendering: 'rendering: print files are being made', ready: 'ready: with the maker', failed: 'failed: the shop will contact you' };

export async function shopPlugin(app, { store, queue, productOf, cartId, ensureCart, page }) {
  const publishedProduct = async (id, rev) => (await productOf(id, rev))?.json;
  /** A body refused while it was read (too large: 413, malformed: 400); the rest of it is not read. */
  const refuseBody = (reply, e, req) => {
    if (!(e instanceof IntakeError)) throw e;
    if (!req.raw.complete) stopReading(req, reply);
    return page(reply, e.statusCode, 'Refused', h`<h1>Refused</h1><p>${e.message}</p>`, 'shop', req);
  };
  const fileRow = (f, sha256) => ({ kind: 'upload', key: f.key, sha256, name: f.name, type: f.type, width: f.width, height: f.height });
  const productImage = (json, productId, revision) => {
    const img = json?.views[0]?.layers[0]?.src;
    return img ? layerImageUrl(json, `/products/${productId}/r/${revision}/product.json`, img) : '';
  };

  app.get('/', async (req, reply) => {
    const cards = (await store.products()).map(({ product_id, revision, json }) => {
      const p = JSON.parse(json);
      const img = productImage(p, product_id, revision);
      return h`<a class="card" href="/products/${product_id}">${img ? h`<img src="${img}" alt="">` : ''}
        <strong>${text(p.name)}</strong><span class="price">from ${money(p.basePrice, p.currency)}</span><span class="muted">Personalise it</span></a>`;
    });
    return page(reply, 200, 'All products', h`<h1>All products</h1><div class="grid">${cards}</div>`, 'shop', req);
  });

  /** ?edit=<line>: the cart line's design comes back into the element (demo/static/edit-design.js); adding replaces the line. */
  app.get('/products/:id', async (req, reply) => {
    const cart = await cartId(req);
    const editing = req.query.edit !== undefined && cart ? await store.line(cart, String(req.query.edit)) : undefined;
    const p = editing ? await productOf(editing.product_id, editing.revision) : await productOf(req.params.id);
    if (!p || (editing && editing.product_id !== req.params.id)) return page(reply, 404, 'Not found', h`<h1>No such product</h1>`, 'shop', req);
    const { json, row } = p;
    const base = `/products/${row.product_id}/r/${row.revision}`;
    const gallery = json.views.flatMap((v) => v.layers.slice(0, 1).map((l) => h`<img src="${layerImageUrl(json, `${base}/product.json`, l.src)}" alt="${text(v.label)}">`));
    const element = editing
      ? h`<product-customizer src="${base}/product.json" no-submit data-edit-line="${editing.id}"></product-customizer><script type="module" src="/edit-design.js"></script>`
      : h`<product-customizer src="${base}/product.json" no-submit autosave></product-customizer>`;
    // An ordinary add-to-cart form, as a shop theme renders it; the element inside needs no script of ours.
    return page(reply, 200, text(json.name), h`
      <h1>${text(json.name)}</h1><p class="price">${money(json.basePrice, json.currency)}</p>
      ${editing ? h`<p class="notice">Editing the design in your cart: “Update cart” replaces it.</p>` : ''}
      <div class="gallery">${gallery}</div>
      <form class="product" action="/cart/add" method="post" enctype="multipart/form-data">
        <input type="hidden" name="id" value="${row.product_id}:${row.revision}">
        ${editing ? h`<input type="hidden" name="replace" value="${editing.id}">` : ''}
        ${element}
        <div class="qty"><label for="qty">Quantity</label><input id="qty" type="number" name="quantity" value="${editing ? editing.quantity : 1}" min="1" max="${MAX_QUANTITY}">
          <button class="btn" type="submit">${editing ? 'Update cart' : 'Add to cart'}</button></div>
      </form>`, 'shop', req);
  });

  app.get('/cart/lines/:line/selections.json', async (req, reply) => {
    const cart = await cartId(req);
    const line = cart && (await store.line(cart, req.params.line));
    if (!line) return reply.code(404).send({ error: 'no such line in your cart' });
    return { selections: JSON.parse(line.order_json).selections };
  });

  // The cart line's own uploads, for "Edit design" (the element takes them back through restoreDesign,
  // which checks each against its asset's SHA-256): the cart's owner only, as a download, never rendered.
  app.get('/cart/lines/:line/files/:key', async (req, reply) => {
    const cart = await cartId(req);
    const line = cart && (await store.line(cart, req.params.line));
    const file = line && JSON.parse(line.files_json).find((f) => f.key === req.params.key);
    const bytes = file && (await store.getFile(file.sha256));
    if (!bytes) return reply.code(404).send({ error: 'no such file in this cart line' });
    return reply.type(sniffType(bytes) ?? 'application/octet-stream').header('content-disposition', 'attachment').header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(bytes);
  });

  app.post('/cart/add', async (req, reply) => {
    if (!req.isMultipart()) return page(reply, 415, 'Refused', h`<h1>Refused</h1><p>Expected a multipart form post.</p>`, 'shop', req);
    let body;
    let order;
    try {
      body = await readMultipart(req);
      order = parseOrderJson(body.fields['properties[_customization]']);
    } catch (e) {
      return refuseBody(reply, e, req);
    }
    const uploads = uploadsOf(body.files, (field) => /^properties\[_file_(.+)\]$/.exec(field)?.[1]);
    const cart = await cartId(req);
    // Editing a line: an image the shopper kept is not sent again; the line's stored upload with that very hash serves.
    const replacing = body.fields.replace !== undefined && cart ? await store.line(cart, body.fields.replace) : undefined;
    if (replacing) {
      for (const f of JSON.parse(replacing.files_json)) {
        const kept = Object.values(order?.selections ?? {}).some((s) => s?.asset?.key === f.key && s.asset.sha256 === f.sha256);
        if (kept && !uploads[f.key]) uploads[f.key] = new Uint8Array(store.getFile(f.sha256) ?? []);
      }
    }
    const intake = await intakeOrder((id, rev) => publishedProduct(id, rev), order, uploads);
    const back = order?.product?.id && (await productOf(String(order.product.id))) ? `/products/${order.product.id}` : '/';
    if (!intake.ok) return page(reply, 422, 'Refused', h`<h1>We could not add this design</h1>${issueList(intake.issues.filter((i) => i.severity !== 'warning'))}<p><a href="${back}">Back to the product</a></p>`, 'shop', req);
    const quantity = quantityOf(body.fields.quantity);
    const verified = Object.fromEntries(intake.files.map((f) => [f.key, f.bytes]));
    const batch = store.fileBatch();
    try {
      const files = await Promise.all(intake.files.map(async (f) => fileRow(f, await batch.put(f.bytes, f.sha256))));
      // The cart's thumbnail, drawn by the render process (none where this process does not render).
      let thumb;
      try {
        const png = await queue.thumbnail(intake.product, intake.order, verified, THUMB_WIDTH);
        if (png) thumb = await batch.put(png);
      } catch (e) {
        req.log.warn(e, 'thumbnail failed');
      }
      const id = cart ?? (await ensureCart(req, reply));
      if (replacing) await store.removeLine(id, replacing.id);
      const added = await store.addLine(id, intake.order, quantity, files, thumb);
      if (!added.ok) {
        await batch.abort();
        return page(reply, 409, 'Not added', h`<h1>Not added to your cart</h1><p class="issues" role="alert">Your cart is in ${added.currency}, and this product is priced in ${intake.price.currency}. One cart holds one currency: check out or empty your cart first.</p><p><a href="/cart">Your cart</a> · <a href="${back}">Back to the product</a></p>`, 'shop', req);
      }
      batch.done();
    } catch (e) {
      await batch.abort();
      throw e;
    }
    return reply.redirect('/cart', 303);
  });

  app.get('/cart', async (req, reply) => {
    const id = await cartId(req);
    const lines = id ? await store.lines(id) : [];
    if (!lines.length) return page(reply, 200, 'Cart', h`<h1>Your cart</h1><p>Your cart is empty. <a href="/">Keep shopping</a></p>`, 'shop', req);
    let total = 0;
    const currency = lines[0].currency;
    const rows = [];
    for (const l of lines) {
      const o = JSON.parse(l.order_json);
      total += o.price.total * l.quantity;
      const p = (await productOf(l.product_id, l.revision))?.json;
      const img = l.thumb_sha ? `/cart/thumb/${l.id}` : productImage(p, l.product_id, l.revision);
      rows.push(h`<tr data-line="${l.id}"><td class="thumb-cell">${img ? h`<img class="thumb" src="${img}" alt="Preview of your design">` : ''}</td>
        <td><strong>${p ? text(p.name, o.locale) : l.product_id}</strong><ul class="summary">${o.summary.map((s) => h`<li>${s.label}: ${s.value}</li>`)}</ul>
          <div class="line-actions"><a href="/products/${l.product_id}?edit=${l.id}">Edit design</a>
          <form method="post" action="/cart/lines/${l.id}/remove" class="inline"><button class="link">Remove</button></form></div></td>
        <td><form method="post" action="/cart/lines/${l.id}/quantity" class="qty-form"><label><span class="visually-hidden">Quantity</span><input type="number" name="quantity" value="${l.quantity}" min="1" max="${MAX_QUANTITY}"></label><button class="btn secondary small">Update</button></form></td>
        <td class="price">${money(o.price.total * l.quantity, o.price.currency)}</td></tr>`);
    }
    return page(reply, 200, 'Cart', h`<h1>Your cart</h1><table class="cart"><thead><tr><th><span class="visually-hidden">Preview</span></th><th>Item</th><th>Qty</th><th>Price</th></tr></thead><tbody>${rows}</tbody></table>
      <p class="price">Total ${money(total, currency)}</p><form method="post" action="/checkout"><button class="btn">Check out</button></form>`, 'shop', req);
  });

  app.post('/cart/lines/:line/remove', async (req, reply) => {
    const id = await cartId(req);
    if (!id || !(await store.removeLine(id, req.params.line))) return page(reply, 404, 'Not found', h`<h1>No such line in your cart</h1>`, 'shop', req);
    return reply.redirect('/cart', 303);
  });
  app.post('/cart/lines/:line/quantity', async (req, reply) => {
    const id = await cartId(req);
    const q = Number(req.body?.quantity);
    if (!Number.isInteger(q) || q < 1 || q > MAX_QUANTITY) return page(reply, 400, 'Refused', h`<h1>Refused</h1><p>The quantity must be a whole number from 1 to ${MAX_QUANTITY}.</p><p><a href="/cart">Back to your cart</a></p>`, 'shop', req);
    if (!id || !(await store.setLineQuantity(id, req.params.line, q))) return page(reply, 404, 'Not found', h`<h1>No such line in your cart</h1>`, 'shop', req);
    return reply.redirect('/cart', 303);
  });

  app.get('/cart/thumb/:line', async (req, reply) => {
    const id = await cartId(req);
    const line = id && (await store.line(id, req.params.line));
    const bytes = line?.thumb_sha && store.getFile(line.thumb_sha);
    return bytes ? reply.type('image/png').send(bytes) : reply.code(404).send('Not found');
  });

  /** An order of this shopper (the cart that placed it), or any for the merchant; else undefined. */
  const ownOrder = async (req, orderId) => {
    const row = await store.order(orderId);
    if (!row) return undefined;
    return row.owner === (await cartId(req)) || (await merchantSession(req, store)) ? row : undefined;
  };
  /** One placed order as the shopper sees it: product, preview (live), summary, price, status (live). */
  const orderCard = async (row, heading) => {
    const o = JSON.parse(row.order_json);
    const p = (await productOf(row.product_id, row.revision))?.json;
    const ready = row.render_state === 'ready';
    const img = ready ? `/orders/${row.order_id}/preview.png` : productImage(p, row.product_id, row.revision);
    return h`<section class="order" data-live-order="${row.order_id}" data-status-url="/orders/${row.order_id}/status.json" data-status="${row.render_state}">
      ${heading}<div class="row">${img ? h`<img class="thumb" data-preview src="${img}" alt="Preview of your design">` : ''}
      <div><strong>${p ? text(p.name, o.locale) : row.product_id}</strong><ul class="summary">${o.summary.map((s) => h`<li>${s.label}: ${s.value}</li>`)}</ul>
      <p>Quantity ${row.quantity} · <span class="price">${money(o.price.total * row.quantity, o.price.currency)}</span></p>
      <p>Status: <span class="status" data-field="status">${STATUS_WORDS[row.render_state] ?? row.render_state}</span></p></div></div></section>`;
  };
  const liveScript = h`<script type="module" src="/live-status.js"></script>`;

  app.post('/checkout', async (req, reply) => {
    const id = await cartId(req);
    const lines = id ? await store.lines(id) : [];
    if (!lines.length) return reply.redirect('/cart', 303);
    // Each line was verified when it was added; the orders and their render jobs are stored in one transaction.
    const placed = await store.checkout(id, (line) => ({ ok: true, verifiedAt: new Date().toISOString(), lineId: line.id }));
    for (const orderId of placed) await queue.enqueue(orderId);
    const cards = [];
    for (const orderId of placed) cards.push(await orderCard(await store.order(orderId), h`<h2>Order <a href="/orders/${orderId}">${orderId.slice(0, 8)}</a></h2>`));
    return page(reply, 200, 'Thank you', h`<h1>Thank you!</h1><p>Your order${placed.length > 1 ? 's are' : ' is'} placed. We make the print files now; this page shows when they are ready.</p>${cards}${liveScript}`, 'shop', req);
  });

  app.get('/orders/:id', async (req, reply) => {
    const row = await ownOrder(req, req.params.id);
    // A shopper sees only their own orders (the cart that placed them); the merchant sees all.
    if (!row) return page(reply, 404, 'Not found', h`<h1>No such order</h1>`, 'shop', req);
    return page(reply, 200, 'Your order', h`<h1>Order ${row.order_id.slice(0, 8)}</h1>${await orderCard(row, raw(''))}<p class="muted">Fulfilment: ${row.status}</p>${liveScript}`, 'shop', req);
  });
  app.get('/orders/:id/status.json', async (req, reply) => {
    const row = await ownOrder(req, req.params.id);
    if (!row) return reply.code(404).send({ error: 'no such order' });
    return { orderId: row.order_id, status: row.render_state, words: STATUS_WORDS[row.render_state], preview: row.render_state === 'ready' ? `/orders/${row.order_id}/preview.png` : null };
  });
  app.get('/orders/:id/preview.png', async (req, reply) => {
    const row = await ownOrder(req, req.params.id);
    const f = row && (await store.orderFile(row.order_id, PREVIEW_KEY));
    const bytes = f?.kind === 'preview' && store.getFile(f.sha256);
    return bytes ? reply.type('image/png').send(bytes) : reply.code(404).send('Not found');
  });
}
