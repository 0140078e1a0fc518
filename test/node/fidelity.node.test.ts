import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { renderMockups, renderPrintFiles } from '../../src/server/index.js';
import { buildOrder } from '../../src/core/index.js';
import type { Order } from '../../src/core/index.js';
import { tinted } from '../../src/render/preview/tint.js';
import { BACK_AREA, EMPTY_BACK_SELECTIONS, FIDELITY_AREA, TEE_VIEW, blendSelections, fidelitySelections } from '../fixtures/fidelity.js';

const root = new URL('../../', import.meta.url).pathname;

/**
 * Half of the fidelity check: renders the real print file of an order in Node, scales it to the
 * preview's scale and leaves it for the browser suite (test/browser/fidelity.browser.test.ts),
 * which draws the same order in the shopper's preview and compares the pixels.
 */
describe('fidelity: the print file (Node half)', function () {
  this.timeout(60_000);
  it('renders the print file and writes it at the preview’s scale', async () => {
    const product = JSON.parse(readFileSync(join(root, 'examples/classic-tee.json'), 'utf8'));
    const { photo, selections } = await fidelitySelections();
    const order = await buildOrder(product, selections, { orderId: '00000000-0000-4000-8000-000000000042', createdAt: '2026-11-25T00:00:00Z' });
    const [print] = await renderPrintFiles(product, order, { 'photo-1': photo }, { assetsBase: join(root, 'examples') });
    expect([print!.width, print!.height]).to.deep.equal([3600, 4650]);
    const img = await loadImage(Buffer.from(print!.png));
    const w = FIDELITY_AREA.width;
    const h = Math.round((4650 * w) / 3600);
    const small = createCanvas(w, h);
    const ctx = small.getContext('2d');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(img, 0, 0, w, h);
    const png = await small.encode('png');
    mkdirSync(join(root, 'test/.out'), { recursive: true });
    writeFileSync(join(root, 'test/.out/fidelity-print.png'), png);
    writeFileSync(join(root, 'test/.out/fidelity-order.json'), JSON.stringify(order));
  });
});

const ORDER_OPTIONS = { orderId: '00000000-0000-4000-8000-000000000043', createdAt: '2026-12-01T00:00:00Z' };
const tee = () => JSON.parse(readFileSync(join(root, 'examples/classic-tee.json'), 'utf8'));
const assetsBase = join(root, 'examples');
type Img = { width: number; height: number; data: Uint8ClampedArray };

async function decode(png: Uint8Array | Buffer | string): Promise<Img> {
  const img = await loadImage(typeof png === 'string' ? png : Buffer.from(png));
  const c = createCanvas(img.width, img.height);
  c.getContext('2d').drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: c.getContext('2d').getImageData(0, 0, img.width, img.height).data };
}
/** Mean absolute difference per channel (0..1) of two images over a box. */
function meanDiff(a: Img, b: Img, box: { x: number; y: number; width: number; height: number }): number {
  let sum = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * a.width + x) * 4;
      for (let k = 0; k < 4; k++) sum += Math.abs(a.data[i + k]! - b.data[i + k]!);
    }
  }
  return sum / (box.width * box.height * 4 * 255);
}
/** The tee's garment photo, tinted as the product's colour dyes it, drawn over the whole view. */
async function garment(file: string, tint: string) {
  const c = createCanvas(TEE_VIEW.width, TEE_VIEW.height);
  const photo = await loadImage(join(root, 'examples/assets', file));
  c.getContext('2d').drawImage(tinted(photo as unknown as CanvasImageSource, tint) as never, 0, 0, TEE_VIEW.width, TEE_VIEW.height);
  return c;
}

/**
 * SPEC §8 on the mockups, against references composed here with plain canvas operations (not the
 * renderer's code): a multiply area's whole design times what lies beneath it; an empty one changes
 * no pixel; a text lies over an image. The browser suite holds the preview to the same references.
 */
describe('fidelity: blend and stacking (Node half)', function () {
  this.timeout(120_000);
  let order: Order;
  let files: Record<string, Uint8Array>;
  before(async () => {
    const { photo, selections } = await blendSelections();
    order = JSON.parse(JSON.stringify(await buildOrder(tee(), selections, ORDER_OPTIONS))) as Order;
    files = { 'photo-1': photo };
    mkdirSync(join(root, 'test/.out'), { recursive: true });
    writeFileSync(join(root, 'test/.out/fidelity-blend-order.json'), JSON.stringify(order));
  });

  it('a text over an image lies on top in the print file (the text comes first in the product)', async () => {
    const both = await decode((await renderPrintFiles(tee(), order, files, { assetsBase }))[0]!.png);
    const textOnly = { ...order.selections };
    delete textOnly.photo;
    const alone = await buildOrder(tee(), textOnly, ORDER_OPTIONS);
    const letters = await decode((await renderPrintFiles(tee(), alone, {}, { assetsBase }))[0]!.png);
    let inked = 0;
    let onTop = 0;
    for (let i = 0; i < letters.data.length; i += 4 * 7) {
      if (letters.data[i + 3]! < 250) continue;
      inked++;
      if ([0xc8, 0x10, 0x2e, 255].every((v, k) => Math.abs(both.data[i + k]! - v) <= 6)) onTop++;
    }
    expect(inked, 'the text alone prints').to.be.greaterThan(10_000);
    expect(onTop / inked, `text pixels still the text's colour with the photo under it (${onTop} of ${inked})`).to.be.greaterThan(0.98);
  });

  it('a multiply area with a photo and a text on a tinted garment: the composed design times the garment, nothing else changed', async () => {
    const [mockup] = await renderMockups(tee(), order, files, { width: TEE_VIEW.width, assetsBase });
    const [print] = await renderPrintFiles(tee(), order, files, { assetsBase });
    const expected = await garment('tee.png', '#b9b9b4');
    const e = expected.getContext('2d');
    const { x, y, width, height } = FIDELITY_AREA;
    e.save();
    e.beginPath();
    e.rect(x, y, width, height);
    e.clip();
    e.globalCompositeOperation = 'multiply';
    e.imageSmoothingQuality = 'high';
    e.drawImage(await loadImage(Buffer.from(print!.png)), x, y, width, height);
    e.restore();
    const png = await expected.encode('png');
    writeFileSync(join(root, 'test/.out/fidelity-blend-expected.png'), png);
    const want = await decode(png);
    const got = await decode(mockup!.png);
    expect([got.width, got.height]).to.deep.equal([TEE_VIEW.width, TEE_VIEW.height]);
    const inArea = meanDiff(got, want, FIDELITY_AREA);
    expect(inArea, `mean difference in the area ${inArea.toFixed(4)}`).to.be.lessThan(0.02);
    const bare = await decode(await (await garment('tee.png', '#b9b9b4')).encode('png'));
    expect(meanDiff(got, bare, { x: 0, y: 0, width: TEE_VIEW.width, height: y - 2 }), 'above the area: the garment as it is').to.be.lessThan(0.001);
    expect(meanDiff(want, bare, FIDELITY_AREA), 'the design shows').to.be.greaterThan(0.1);
  });

  it('an empty multiply area on a tinted garment changes no pixel of the mockup', async () => {
    const empty = await buildOrder(tee(), EMPTY_BACK_SELECTIONS, ORDER_OPTIONS);
    const mockups = await renderMockups(tee(), empty, {}, { width: TEE_VIEW.width, assetsBase });
    const back = await decode(mockups.find((m) => m.view === 'back')!.png);
    const bare = await decode(await (await garment('tee-back.png', '#1f2a44')).encode('png'));
    let worst = 0;
    for (let i = 0; i < back.data.length; i++) worst = Math.max(worst, Math.abs(back.data[i]! - bare.data[i]!));
    expect(worst, 'largest channel difference anywhere in the view').to.be.at.most(1);
    expect(meanDiff(back, bare, BACK_AREA)).to.equal(0);
  });
});
