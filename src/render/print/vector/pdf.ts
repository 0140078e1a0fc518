/**
 * A vector page as a one-page PDF (pdf-lib): the page is the print area's physical size in points,
 * the area's shape a clip path, images embedded at their own resolution (JPEG as its own bytes,
 * PNG as its pixels with an alpha mask), texts as filled outlines: no font in the file.
 * Deterministic: no dates, no producer, no object streams, and a file /ID derived from the content,
 * so the same page gives the same bytes.
 */
import { createHash } from 'node:crypto';
import type { PDFName, PDFOperator } from 'pdf-lib';
import { chain, ellipse, num, rect } from './path.js';
import type { Matrix, Seg } from './path.js';
import type { VectorPage } from './page.js';
import type { Embeddable } from './images.js';
import { pdfLib } from './peers.js';
import type { PdfLib } from './peers.js';

const n = (v: number) => Number(num(v));

function pathOps({ moveTo, lineTo, appendBezierCurve, closePath }: PdfLib, segs: readonly Seg[]): PDFOperator[] {
  return segs.map((s) => {
    switch (s[0]) {
      case 'M':
        return moveTo(n(s[1]), n(s[2]));
      case 'L':
        return lineTo(n(s[1]), n(s[2]));
      case 'C':
        return appendBezierCurve(n(s[1]), n(s[2]), n(s[3]), n(s[4]), n(s[5]), n(s[6]));
      default:
        return closePath();
    }
  });
}

const rgb = ({ setFillingRgbColor }: PdfLib, hex: string) => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`vector print: colour ${hex} is not #rrggbb`);
  return setFillingRgbColor(parseInt(m[1]!, 16) / 255, parseInt(m[2]!, 16) / 255, parseInt(m[3]!, 16) / 255);
};

const cm = ({ concatTransformationMatrix }: PdfLib, m: Matrix) => concatTransformationMatrix(...(m.map((v) => Number(num(v, 8))) as Matrix));

export async function pagePdf(page: VectorPage, image: (key: string) => Embeddable): Promise<Uint8Array> {
  const lib = await pdfLib();
  const { PDFDocument, PDFHexString, clip, drawObject, endPath, fill, popGraphicsState, pushGraphicsState } = lib;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(page.area);
  doc.setCreator('product-customizer');
  const k = 72 / page.dpi;
  const pdfPage = doc.addPage([page.width * k, page.height * k]);
  // The finished piece is the whole page (no bleed, no marks): prepress tools read the TrimBox.
  pdfPage.setTrimBox(0, 0, page.width * k, page.height * k);
  const id = createHash('sha256');
  // Print pixels, y down, onto the page's points, y up.
  const ops: PDFOperator[] = [pushGraphicsState(), cm(lib, [k, 0, 0, -k, 0, page.height * k])];
  ops.push(...pathOps(lib, page.shape === 'ellipse' ? ellipse(0, 0, page.width, page.height) : rect(0, 0, page.width, page.height)), clip(), endPath());
  const names = new Map<string, PDFName>();
  for (const item of page.items) {
    if (item.kind === 'path') {
      ops.push(rgb(lib, item.fill), ...pathOps(lib, item.segs), fill());
      continue;
    }
    let name = names.get(item.key);
    if (!name) {
      const img = image(item.key);
      if (img.width !== item.width || img.height !== item.height) throw new Error(`vector print: image ${item.key} is ${img.width} × ${img.height} px, the scene placed ${item.width} × ${item.height}`);
      const embedded = img.type === 'image/png' ? await doc.embedPng(img.bytes) : await doc.embedJpg(img.bytes);
      name = pdfPage.node.newXObject('Image', embedded.ref);
      names.set(item.key, name);
      id.update(img.bytes);
    }
    // An image paints the unit square, its first row at the top (y = 1).
    ops.push(pushGraphicsState(), cm(lib, chain(item.matrix, [item.width, 0, 0, -item.height, 0, item.height])), drawObject(name), popGraphicsState());
  }
  ops.push(popGraphicsState());
  for (let i = 0; i < ops.length; i += 10_000) pdfPage.pushOperators(...ops.slice(i, i + 10_000));
  id.update(ops.map(String).join('\n'));
  const digest = PDFHexString.of(id.digest('hex').slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([digest, digest]);
  return doc.save({ useObjectStreams: false });
}
