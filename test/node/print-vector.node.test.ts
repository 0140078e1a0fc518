/**
 * Vector print files (SPEC §8) read the way a print shop's software reads them: poppler draws the
 * PDF (`pdftoppm`) and reports its page size, fonts and images (`pdfinfo`, `pdffonts`,
 * `pdfimages`), librsvg draws the SVG (`rsvg-convert`); each drawing is compared with the PNG
 * print of the same order (mean absolute difference over RGB on white, at most 3 %).
 */
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { renderPrintFiles, VectorFontError } from '../../src/server/index.js';
import type { OrderFiles, PrintFile } from '../../src/server/index.js';
import type { Order } from '../../src/core/index.js';
import { makePng, withExifOrientation } from '../../src/core/files/fixtures.js';
import { VECTOR_ASSETS, cardProduct, orderOf, photoSelection, tagProduct } from '../fixtures/vector.js';
import { meanDifference, onWhite, pdfToPng, popplerTool, svgToPng, white } from '../helpers/raster-diff.js';

const LIMIT = 0.03;
const opts = { assetsBase: VECTOR_ASSETS };

/** A photo with four colour bands and a gradient stripe: any misplacement, turn or scale shows. */
const PHOTO = () =>
  makePng(600, 400, {
    rgb: true,
    row: (y) => [[[200, 120, 80, 255], 150], [[40, 90, 200, 255], 150], [[30 + Math.floor(y / 3), 160, 90, 255], 150], [[240, 220, 40, 255], 150]],
  });

/** Renders an order as PNG, PDF and SVG; checks the two vector files against the PNG, drawn by poppler and librsvg. */
async function renderAll(product: object, order: Order, files: OrderFiles = {}) {
  const [png, pdf, svg] = await Promise.all((['png', 'pdf', 'svg'] as const).map((format) => renderPrintFiles(product, order, files, { ...opts, format })));
  return { png: png!, pdf: pdf!, svg: svg! };
}

async function differences(png: PrintFile, pdf: PrintFile, svg: PrintFile) {
  const raster = await onWhite(png.bytes);
  return {
    pdf: meanDifference(raster, await onWhite(pdfToPng(pdf.bytes, png.width, png.height))),
    svg: meanDifference(raster, await onWhite(svgToPng(svg.bytes, png.width, png.height))),
    /** How far the print is from a blank page: the comparison has something to find. */
    blank: meanDifference(raster, white(png.width, png.height)),
  };
}

const pageSize = (pdf: Uint8Array) => /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(popplerTool('pdfinfo', pdf))!.slice(1).map(Number);
/** pdffonts' rows after its two header lines: one per font in the file. */
const fontRows = (pdf: Uint8Array) => popplerTool('pdffonts', pdf).trim().split('\n').slice(2);
const svgText = (svg: Uint8Array) => new TextDecoder().decode(svg);

describe('vector print files (PDF and SVG)', function () {
  this.timeout(60_000);

  it('a text in a rect area: the page is the area’s physical size, no font in the PDF, no <text> in the SVG, drawn as the PNG is', async () => {
    const product = cardProduct();
    const order = await orderOf(product, { message: { text: 'Hello AVA 42', font: 'Roboto', color: '#1f2a44', fontSize: 40, transform: { x: 0.5, y: 0.5, rotation: 0, scale: 1 } } });
    const { png, pdf, svg } = await renderAll(product, order);
    for (const f of [png, pdf, svg]) {
      expect([f[0]!.area, f[0]!.key, f[0]!.width, f[0]!.height, f[0]!.dpi, f[0]!.widthMm, f[0]!.heightMm]).to.deep.equal(['front.panel', 'print-front-panel', 354, 177, 150, 60, 30]);
    }
    expect([png[0]!.format, pdf[0]!.format, svg[0]!.format]).to.deep.equal(['png', 'pdf', 'svg']);
    expect(png[0]!.png).to.equal(png[0]!.bytes);
    expect(pdf[0]!.png).to.equal(undefined);

    // 60 × 30 mm = 170.079 × 85.039 pt.
    const [w, h] = pageSize(pdf[0]!.bytes);
    expect(w).to.be.closeTo((60 / 25.4) * 72, 0.01);
    expect(h).to.be.closeTo((30 / 25.4) * 72, 0.01);
    expect(fontRows(pdf[0]!.bytes), 'pdffonts lists no font').to.deep.equal([]);
    expect(popplerTool('pdfinfo', pdf[0]!.bytes, '-box')).to.match(/TrimBox:\s+0\.00\s+0\.00\s+170\.08\s+85\.04/);

    const text = svgText(svg[0]!.bytes);
    expect(text).to.match(/<svg [^>]*width="60mm" height="30mm" viewBox="0 0 60 30"/);
    expect(text).not.to.match(/<text\b/);
    expect(text).to.match(/<path id="c-message" fill="#1f2a44" d="M/);

    const d = await differences(png[0]!, pdf[0]!, svg[0]!);
    expect(d.blank, 'the text covers enough of the page for a misdrawn text to show').to.be.greaterThan(0.03);
    expect(d.pdf, 'poppler vs PNG').to.be.lessThan(LIMIT);
    expect(d.svg, 'librsvg vs PNG').to.be.lessThan(LIMIT);
  });

  it('several lines keep the raster’s line breaks and alignment (left, right), a woff2 font, rotated and scaled', async () => {
    const drawn: Record<string, { png: PrintFile; pdf: PrintFile; svg: PrintFile }> = {};
    for (const align of ['left', 'right'] as const) {
      const product = cardProduct(align);
      const order = await orderOf(product, { message: { text: 'Ada\nLovelace 1815\nWW', font: 'Lobster', color: '#c8102e', fontSize: 30, transform: { x: 0.5, y: 0.5, rotation: -6, scale: 1.2 } } });
      const { png, pdf, svg } = await renderAll(product, order);
      drawn[align] = { png: png[0]!, pdf: pdf[0]!, svg: svg[0]! };
      const d = await differences(png[0]!, pdf[0]!, svg[0]!);
      expect(d.pdf, `${align}: poppler vs PNG`).to.be.lessThan(LIMIT);
      expect(d.svg, `${align}: librsvg vs PNG`).to.be.lessThan(LIMIT);
      expect(fontRows(pdf[0]!.bytes)).to.deep.equal([]);
    }
    // The comparison tells the alignments apart: the left-aligned PNG against the right-aligned PDF is far off.
    const rightPdf = await onWhite(pdfToPng(drawn.right!.pdf.bytes, 354, 177));
    const swapped = meanDifference(await onWhite(drawn.left!.png.bytes), rightPdf);
    expect(swapped).to.be.greaterThan(LIMIT);
    expect(swapped).to.be.greaterThan(5 * meanDifference(await onWhite(drawn.right!.png.bytes), rightPdf));
  });

  it('a rotated photo and a text in an ellipse area: clipped to the ellipse, the photo embedded at its full 600 × 400 px', async () => {
    const product = tagProduct();
    const photo = PHOTO();
    const order = await orderOf(product, {
      photo: await photoSelection(photo, 'image/png', 600, 400, { x: 0.45, y: 0.5, rotation: 25, scale: 1.4 }),
      name: { text: 'Rex', font: 'Lobster', color: '#ffffff', fontSize: 44, transform: { x: 0.5, y: 0.72, rotation: -12, scale: 1 } },
    });
    const { png, pdf, svg } = await renderAll(product, order, { 'photo-1': photo });
    const d = await differences(png[0]!, pdf[0]!, svg[0]!);
    expect(d.blank).to.be.greaterThan(0.2);
    expect(d.pdf, 'poppler vs PNG').to.be.lessThan(LIMIT);
    expect(d.svg, 'librsvg vs PNG').to.be.lessThan(LIMIT);

    const images = popplerTool('pdfimages', pdf[0]!.bytes, '-list').trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/));
    expect(images.map((c) => [c[2], c[3], c[4]]), 'one image at the upload’s own size').to.deep.equal([['image', '600', '400']]);
    const text = svgText(svg[0]!.bytes);
    expect(text).to.include('<clipPath id="pc-area"><ellipse cx="20" cy="20" rx="20" ry="20"/></clipPath>');
    expect(text).to.include(`xlink:href="data:image/png;base64,${Buffer.from(photo).toString('base64')}"`);
    // Outside the ellipse the page stays blank although the photo covers that corner.
    const corner = await onWhite(pdfToPng(pdf[0]!.bytes, 315, 315));
    expect([...corner.data.subarray(0, 3)]).to.deep.equal([255, 255, 255]);
  });

  it('stacking is the scene’s: a text listed before the photo still lies over it in the PDF and SVG (the path after the image)', async () => {
    const product = tagProduct(true);
    const photo = PHOTO();
    const order = await orderOf(product, {
      photo: await photoSelection(photo, 'image/png', 600, 400, { x: 0.5, y: 0.5, rotation: 0, scale: 1.6 }),
      name: { text: 'OVER', font: 'Roboto', color: '#ffffff', fontSize: 60, transform: { x: 0.5, y: 0.5, rotation: 0, scale: 1 } },
    });
    const { png, pdf, svg } = await renderAll(product, order, { 'photo-1': photo });
    const d = await differences(png[0]!, pdf[0]!, svg[0]!);
    expect(d.pdf, 'poppler vs PNG').to.be.lessThan(LIMIT);
    expect(d.svg, 'librsvg vs PNG').to.be.lessThan(LIMIT);
    const text = svgText(svg[0]!.bytes);
    expect(text.indexOf('<image id="c-photo"')).to.be.greaterThan(0);
    expect(text.indexOf('<path id="c-name"')).to.be.greaterThan(text.indexOf('<image id="c-photo"'));
    // The text's white ink shows in the middle of the photo as poppler draws the PDF.
    const drawn = await onWhite(pdfToPng(pdf[0]!.bytes, 315, 315));
    let white = 0;
    for (let y = 140; y < 175; y++) for (let x = 80; x < 235; x++) if (drawn.data.subarray((y * 315 + x) * 3, (y * 315 + x) * 3 + 3).every((c) => c > 240)) white++;
    expect(white, 'white text pixels over the photo').to.be.greaterThan(300);
  });

  it('curved text (+150°, -150°, two lines): glyph outlines along the raster’s arc, drawn as the PNG is', async () => {
    const product = tagProduct();
    const cases = [
      { text: 'BELLA & MAX', curve: 150, y: 0.35 },
      { text: 'Good boy', curve: -150, y: 0.65 },
      { text: 'Rex\nBerlin 2026', curve: 200, y: 0.5 },
    ];
    const drawn = [];
    for (const c of cases) {
      const order = await orderOf(product, { name: { text: c.text, font: 'Roboto', color: '#1b1b1b', fontSize: 34, curve: c.curve, transform: { x: 0.5, y: c.y, rotation: 8, scale: 1 } } });
      const { png, pdf, svg } = await renderAll(product, order);
      const d = await differences(png[0]!, pdf[0]!, svg[0]!);
      expect(d.pdf, `${c.curve}°: poppler vs PNG`).to.be.lessThan(LIMIT);
      expect(d.svg, `${c.curve}°: librsvg vs PNG`).to.be.lessThan(LIMIT);
      expect(svgText(svg[0]!.bytes)).not.to.match(/<text\b/);
      drawn.push({ png: png[0]!, pdf: pdf[0]! });
    }
    // The same text straight is measurably another drawing: the comparison sees the arc.
    const straight = await orderOf(product, { name: { text: 'BELLA & MAX', font: 'Roboto', color: '#1b1b1b', fontSize: 34, curve: 0, transform: { x: 0.5, y: 0.35, rotation: 8, scale: 1 } } });
    const flat = (await renderPrintFiles(product, straight, {}, { ...opts, format: 'pdf' }))[0]!;
    const arched = await onWhite(drawn[0]!.png.bytes);
    const matched = meanDifference(arched, await onWhite(pdfToPng(drawn[0]!.pdf.bytes, 315, 315)));
    expect(meanDifference(arched, await onWhite(pdfToPng(flat.bytes, 315, 315)))).to.be.greaterThan(5 * matched);
  });

  it('a WebP upload is embedded as a lossless PNG of its full size', async () => {
    const product = tagProduct();
    const c = createCanvas(320, 240);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#2a6f4e';
    ctx.fillRect(0, 0, 320, 240);
    ctx.fillStyle = '#f2c94c';
    ctx.fillRect(0, 0, 160, 120);
    const webp = new Uint8Array(await c.encode('webp', 90));
    const order = await orderOf(product, { photo: await photoSelection(webp, 'image/webp', 320, 240, { x: 0.5, y: 0.5, rotation: 10, scale: 1.2 }) });
    const { png, pdf, svg } = await renderAll(product, order, { 'photo-1': webp });
    const d = await differences(png[0]!, pdf[0]!, svg[0]!);
    expect(d.pdf).to.be.lessThan(LIMIT);
    expect(d.svg).to.be.lessThan(LIMIT);
    const images = popplerTool('pdfimages', pdf[0]!.bytes, '-list').trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/));
    expect(images.map((c) => [c[3], c[4]])).to.deep.equal([['320', '240']]);
    expect(svgText(svg[0]!.bytes)).to.include('xlink:href="data:image/png;base64,');
  });

  it('a JPEG keeps its own DCT bytes in the PDF; one turned by EXIF is embedded upright, as the PNG print shows it', async () => {
    const product = tagProduct();
    const c = createCanvas(300, 200);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#c8102e';
    ctx.fillRect(0, 0, 300, 200);
    ctx.fillStyle = '#1f2a44';
    ctx.fillRect(150, 0, 150, 120);
    const jpeg = new Uint8Array(c.encodeSync('jpeg', 92));
    // EXIF orientation 6: shown turned 90° clockwise (200 × 300).
    const turned = withExifOrientation(jpeg, 6);
    for (const [bytes, w, h, enc] of [[jpeg, 300, 200, 'jpeg'], [turned, 200, 300, 'image']] as const) {
      const order = await orderOf(product, { photo: await photoSelection(bytes, 'image/jpeg', w, h, { x: 0.5, y: 0.5, rotation: -15, scale: 1.3 }) });
      const { png, pdf, svg } = await renderAll(product, order, { 'photo-1': bytes });
      const d = await differences(png[0]!, pdf[0]!, svg[0]!);
      expect(d.pdf, `${enc}: poppler vs PNG`).to.be.lessThan(LIMIT);
      expect(d.svg, `${enc}: librsvg vs PNG`).to.be.lessThan(LIMIT);
      const images = popplerTool('pdfimages', pdf[0]!.bytes, '-list').trim().split('\n').slice(2).map((l) => l.trim().split(/\s+/));
      expect(images.map((r) => [r[3], r[4], r[8]])).to.deep.equal([[String(w), String(h), enc]]);
    }
  });

  it('is deterministic: the same product, order and files give the same PDF and SVG bytes', async () => {
    const product = tagProduct();
    const photo = PHOTO();
    const order = await orderOf(product, { photo: await photoSelection(photo, 'image/png', 600, 400), name: { text: 'Rex', font: 'Roboto', color: '#1b1b1b' } });
    for (const format of ['pdf', 'svg'] as const) {
      const a = await renderPrintFiles(product, order, { 'photo-1': photo }, { ...opts, format });
      await new Promise((r) => setTimeout(r, 1100)); // a date written into the file would now differ
      const b = await renderPrintFiles(product, order, { 'photo-1': photo }, { ...opts, format });
      expect(Buffer.compare(Buffer.from(a[0]!.bytes), Buffer.from(b[0]!.bytes)), format).to.equal(0);
    }
    const pdf = (await renderPrintFiles(product, order, { 'photo-1': photo }, { ...opts, format: 'pdf' }))[0]!.bytes;
    const info = popplerTool('pdfinfo', pdf);
    expect(info).not.to.match(/CreationDate|ModDate|Producer/);
    // Another text gives another file /ID.
    const other = await orderOf(product, { photo: await photoSelection(photo, 'image/png', 600, 400), name: { text: 'Max', font: 'Roboto', color: '#1b1b1b' } });
    const pdf2 = (await renderPrintFiles(product, other, { 'photo-1': photo }, { ...opts, format: 'pdf' }))[0]!.bytes;
    const id = (b: Uint8Array) => /\/ID \[ <([0-9A-F]+)>/i.exec(Buffer.from(b).toString('latin1'))![1];
    expect(id(pdf)).to.match(/^[0-9a-f]{32}$/i);
    expect(id(pdf2)).not.to.equal(id(pdf));
  });

  it('a product without fonts prints its texts in one fallback file, PNG and PDF/SVG alike (the machine’s sans-serif, or a named file); with none, PDF/SVG are refused', async () => {
    const product = cardProduct('center', null);
    const order = await orderOf(product, { message: { text: 'Hello 42', color: '#1f2a44', fontSize: 40 } });
    for (const fallbackFont of [undefined, `${VECTOR_ASSETS}fonts/bebas-neue-latin-400-normal.woff2`]) {
      const o = { ...opts, ...(fallbackFont && { fallbackFont }) };
      const [png, pdf, svg] = await Promise.all((['png', 'pdf', 'svg'] as const).map((format) => renderPrintFiles(product, order, {}, { ...o, format })));
      const d = await differences(png![0]!, pdf![0]!, svg![0]!);
      expect(d.blank, String(fallbackFont)).to.be.greaterThan(0.02);
      expect(d.pdf, `${fallbackFont}: poppler vs PNG`).to.be.lessThan(LIMIT);
      expect(d.svg, `${fallbackFont}: librsvg vs PNG`).to.be.lessThan(LIMIT);
      expect(fontRows(pdf![0]!.bytes)).to.deep.equal([]);
    }
    expect((await renderPrintFiles(product, order, {}, { ...opts, fallbackFont: false }))[0]!.format).to.equal('png');
    for (const format of ['pdf', 'svg'] as const) {
      const err = await renderPrintFiles(product, order, {}, { ...opts, format, fallbackFont: false }).then(() => null, (e: unknown) => e);
      expect(err).to.be.instanceOf(VectorFontError);
      expect((err as VectorFontError).code).to.equal('no-font-file');
      expect((err as VectorFontError).component).to.equal('message');
      expect((err as Error).message).to.include('no font file to draw it as outlines');
    }
  });

  it('a character the font has no glyph for is refused, named', async () => {
    const product = cardProduct();
    const order = await orderOf(product, { message: { text: 'Жук ok', font: 'Lobster', color: '#1f2a44' } });
    const err = await renderPrintFiles(product, order, {}, { ...opts, format: 'svg' }).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(VectorFontError);
    expect([(err as VectorFontError).code, (err as VectorFontError).characters]).to.deep.equal(['missing-glyphs', ['Ж', 'у', 'к']]);
  });

  it('honours an abort signal while writing (the order verified, the fonts being read)', async () => {
    const product = cardProduct();
    const order = await orderOf(product, { message: { text: 'Stop', font: 'Roboto' } });
    await renderPrintFiles(product, order, {}, opts); // the canvas has the fonts now: only the outlines read them again
    const ac = new AbortController();
    const loadAsset = async (url: string) => {
      ac.abort();
      return new Uint8Array(await readFile(fileURLToPath(url)));
    };
    const err = await renderPrintFiles(product, order, {}, { ...opts, format: 'pdf', loadAsset, signal: ac.signal }).then(() => null, (e: Error) => e);
    expect(err?.name).to.equal('AbortError');
  });

  it('an unknown format is a TypeError before anything is rendered', async () => {
    const product = cardProduct();
    const order = await orderOf(product, { message: { text: 'Hi' } });
    const err = await renderPrintFiles(product, order, {}, { ...opts, format: 'eps' as never }).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(TypeError);
    expect((err as Error).message).to.include('png, pdf, svg');
  });
});
