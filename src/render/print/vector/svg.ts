/**
 * A vector page as SVG 1.1: width and height in millimetres, a viewBox in millimetres (so a
 * cutter's or engraver's software reads real sizes), the area's shape as a clip path, images
 * embedded as data URLs of their own bytes, texts as filled outlines (no `<text>`, no font).
 * Deterministic: the same page gives the same bytes.
 */
import { num } from './path.js';
import type { Matrix, Seg } from './path.js';
import type { VectorPage } from './page.js';
import type { Embeddable } from './images.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function pathData(segs: readonly Seg[], k: number): string {
  let d = '';
  for (const s of segs) d += s[0] === 'Z' ? 'Z' : s[0] + s.slice(1).map((v) => num((v as number) * k, 4)).join(' ');
  return d;
}

const matrix = (m: Matrix, k: number) => `matrix(${[m[0] * k, m[1] * k, m[2] * k, m[3] * k].map((v) => num(v, 8)).join(' ')} ${num(m[4] * k, 4)} ${num(m[5] * k, 4)})`;

export function pageSvg(page: VectorPage, image: (key: string) => Embeddable): Uint8Array {
  // Page units: print pixels; file units: millimetres.
  const k = page.widthMm / page.width;
  const W = num(page.widthMm, 4);
  const H = num(page.heightMm, 4);
  const clip =
    page.shape === 'ellipse'
      ? `<ellipse cx="${num(page.widthMm / 2, 4)}" cy="${num(page.heightMm / 2, 4)}" rx="${num(page.widthMm / 2, 4)}" ry="${num(page.heightMm / 2, 4)}"/>`
      : `<rect x="0" y="0" width="${W}" height="${H}"/>`;
  const body = page.items.map((item) => {
    if (item.kind === 'path') return `<path id="c-${esc(item.component)}" fill="${esc(item.fill)}" d="${pathData(item.segs, k)}"/>`;
    const img = image(item.key);
    if (img.width !== item.width || img.height !== item.height) throw new Error(`vector print: image ${item.key} is ${img.width} × ${img.height} px, the scene placed ${item.width} × ${item.height}`);
    const href = `data:${img.type};base64,${Buffer.from(img.bytes.buffer, img.bytes.byteOffset, img.bytes.byteLength).toString('base64')}`;
    return `<image id="c-${esc(item.component)}" width="${img.width}" height="${img.height}" preserveAspectRatio="none" transform="${matrix(item.matrix, k)}" xlink:href="${href}"/>`;
  });
  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${W}mm" height="${H}mm" viewBox="0 0 ${W} ${H}">\n` +
    `<title>${esc(page.area)}</title>\n` +
    `<defs><clipPath id="pc-area">${clip}</clipPath></defs>\n` +
    `<g clip-path="url(#pc-area)">\n${body.join('\n')}\n</g>\n</svg>\n`;
  return new TextEncoder().encode(svg);
}
