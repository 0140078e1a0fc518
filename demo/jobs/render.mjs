/**
 * What a render worker does with one order: reads the stored order, its product revision and its
 * verified uploads, renders every print file as PNG, PDF and SVG (vector: texts as outlines, for
 * engravers and cutters) and a preview of the product as designed, and writes their bytes to the
 * file storage. The rows it returns are stored with the job's `ready` state in one transaction
 * (store.finishRender). A product whose texts have no font file to outline gets its PNGs only
 * (logged): the PNG is the print file, and a vector file missing letters must not be made.
 */
import { join } from 'node:path';
import { renderMockups, renderPrintFiles, PrintRefusedError, VectorFontError } from '../../dist/server.js';

/** The size of the order's preview (the shopper's order page, the merchant's inbox), on its long side. */
export const PREVIEW_WIDTH = 480;
/**
 * Every file the renderer stores is keyed with a dot (`preview.png`, `<print key>.png|.pdf|.svg`),
 * which no upload key may have (intake takes [A-Za-z0-9_-] only): an upload keyed like a print
 * file (`print-front-chest`) can neither take nor shadow its place, in the store or in a URL.
 */
export const PREVIEW_KEY = 'preview.png';
/** The stored key of a print file: its renderer key and format (`print-front-chest.png`). */
export const printFileKey = (key, format) => `${key}.${format}`;

/** A render that retrying cannot mend (the order does not verify against its revision). */
export const isPermanent = (e) => e instanceof PrintRefusedError;
/** Why a render failed, for the merchant's inbox. */
export const failureReason = (e) =>
  e instanceof PrintRefusedError ? `refused: ${e.issues.map((i) => `${i.code} at ${(i.path ?? []).join('.') || '(order)'}: ${i.message}`).join('; ')}` : String(e?.message ?? e);

/** → the rows of the files it stored: [{ kind: 'print' | 'preview', key, sha256, name, type, area?, width, height, dpi? }] */
export async function renderOrder(store, orderId, { assetsDir, log }) {
  const assetsBase = join(assetsDir, '..');
  const row = await store.order(orderId);
  if (!row) throw new Error(`order ${orderId} is not stored`);
  const revision = await store.revision(row.product_id, row.revision);
  if (!revision) throw new Error(`product ${row.product_id} revision ${row.revision} is not published`);
  const product = JSON.parse(revision.json);
  const order = JSON.parse(row.order_json);
  const uploads = {};
  for (const f of await store.orderFiles(orderId)) {
    if (f.kind !== 'upload') continue;
    const bytes = store.getFile(f.sha256);
    if (!bytes) throw new Error(`the upload ${f.key} of order ${orderId} is missing from the file storage`);
    uploads[f.key] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  const rows = [];
  for (const [format, type] of [['png', 'image/png'], ['pdf', 'application/pdf'], ['svg', 'image/svg+xml']]) {
    let prints;
    try {
      prints = await renderPrintFiles(product, order, uploads, { assetsBase, format });
    } catch (e) {
      if (!(e instanceof VectorFontError)) throw e;
      log.warn({ orderId, component: e.component, code: e.code }, `no PDF/SVG print files: ${e.message}`);
      break;
    }
    for (const f of prints) {
      rows.push({ kind: 'print', key: printFileKey(f.key, format), sha256: store.putFile(f.bytes), name: `${f.key}.${format}`, type, area: f.area, width: f.width, height: f.height, dpi: f.dpi });
    }
  }
  const [front] = await renderMockups(product, order, uploads, { width: PREVIEW_WIDTH, assetsBase });
  if (front) rows.push({ kind: 'preview', key: PREVIEW_KEY, sha256: store.putFile(front.png), name: PREVIEW_KEY, type: 'image/png', width: front.width, height: front.height });
  return rows;
}
