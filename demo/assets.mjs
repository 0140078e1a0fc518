/**
 * The studio's side of the demo (registered inside the merchant's guarded context, so every route
 * needs the merchant's session and, for POST, a same-origin request or the session's CSRF token):
 *
 * - POST /merchant/assets: an image or font the studio uploads (multipart field `file`; an optional
 *   field `assetsBase` before it, the product's). Its type is what its bytes are (PNG, JPEG, WebP,
 *   WOFF2, WOFF, TTF, OTF — never what the browser claimed), its size within limits. It is stored
 *   once under its SHA-256 in the assets folder's `uploads/` (beside the examples' images), which
 *   the shop already serves under every product (`/products/:id/r/:rev/assets/…`) and the print
 *   renderer reads. The answer is `{ url }`, relative to the product's `assetsBase`, so the same URL
 *   loads in the studio, in the shop and on the print server.
 * - GET /merchant/revisions.json: the published revisions `[{ id, revision, name, publishedAt, url }]` the
 *   studio offers for editing (its `revisions-url`), and the merchant's products page lists.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { sniffType } from '../dist/core.js';

export const ASSET_LIMITS = { imageBytes: 15 * 1024 * 1024, fontBytes: 5 * 1024 * 1024 };
const IMAGES = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp' };
const at = (b, sig, offset = 0) => b.length >= offset + sig.length && [...sig].every((c, i) => b[offset + i] === (typeof c === 'number' ? c : c.charCodeAt(0)));

/** What a file is by its first bytes: an image or font type and its extension, or undefined. */
export function assetKind(bytes) {
  const image = sniffType(bytes);
  if (IMAGES[image]) return { type: image, ext: IMAGES[image], font: false };
  if (at(bytes, 'wOF2')) return { type: 'font/woff2', ext: '.woff2', font: true };
  if (at(bytes, 'wOFF')) return { type: 'font/woff', ext: '.woff', font: true };
  if (at(bytes, 'OTTO')) return { type: 'font/otf', ext: '.otf', font: true };
  if (at(bytes, [0, 1, 0, 0]) || at(bytes, 'true')) return { type: 'font/ttf', ext: '.ttf', font: true };
  return undefined;
}

/**
 * The URL of `assets/uploads/<name>` (relative to the product JSON's folder) as the product writes
 * it: relative to its own relative `assetsBase`. Undefined for an absolute assetsBase (elsewhere).
 */
export function urlFor(name, assetsBase) {
  const target = `assets/uploads/${name}`;
  if (!assetsBase) return target;
  if (/^[a-z][a-z0-9+.-]*:/i.test(assetsBase) || assetsBase.startsWith('/')) return undefined;
  const base = posix.normalize(assetsBase.endsWith('/') ? assetsBase : `${assetsBase}/`);
  if (base.startsWith('../')) return undefined;
  return posix.relative(base, target) || target;
}

/** opts: { store, dir } — dir: the assets folder the shop serves (createDemo's assetsDir, else ASSETS_DIR, else the examples'). */
export async function studioAssets(app, { store, dir }) {
  if (typeof dir !== 'string' || !dir) throw new Error('studioAssets needs dir: the assets folder the shop serves');
  const uploads = join(dir, 'uploads');
  const refuse = (reply, status, error) => reply.code(status).send({ error });

  app.post('/assets', async (req, reply) => {
    if (!req.isMultipart()) return refuse(reply, 415, 'expected a multipart form with the field "file"');
    const part = await req.file({ limits: { files: 1, fileSize: ASSET_LIMITS.imageBytes } });
    if (!part || part.fieldname !== 'file') return refuse(reply, 400, 'expected the field "file"');
    const bytes = await part.toBuffer(); // over fileSize: a 413 from @fastify/multipart, nothing stored
    const kind = assetKind(bytes);
    if (!kind) return refuse(reply, 415, `${part.filename}: not a PNG, JPEG, WebP image or a WOFF2, WOFF, TTF, OTF font (by its bytes)`);
    if (kind.font && bytes.length > ASSET_LIMITS.fontBytes) return refuse(reply, 413, `${part.filename}: a font may have at most ${ASSET_LIMITS.fontBytes} bytes`);
    const base = part.fields.assetsBase?.value;
    const name = `${createHash('sha256').update(bytes).digest('hex')}${kind.ext}`;
    const url = urlFor(name, typeof base === 'string' ? base : undefined);
    if (!url) return refuse(reply, 422, `assetsBase "${base}" points outside this shop's product folder: make it relative (or remove it) to upload here`);
    const path = join(uploads, name);
    if (!existsSync(path)) {
      mkdirSync(uploads, { recursive: true });
      const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, path);
    }
    return reply.code(201).send({ url, type: kind.type, bytes: bytes.length });
  });

  app.get('/revisions.json', async (_req, reply) => {
    const rows = await store.revisions();
    return reply.send(
      rows.map((r) => ({ id: r.product_id, revision: r.revision, name: r.name, publishedAt: r.published_at, url: `/products/${encodeURIComponent(r.product_id)}/r/${encodeURIComponent(r.revision)}/product.json` })),
    );
  });
}
