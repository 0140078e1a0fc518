import { expect } from 'chai';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { buildOrder } from '../../src/core/index.js';
import { renderMockups, renderPrintFiles } from '../../src/server/index.js';
import { INK, inkBands, petTagProduct } from '../fixtures/pet-tag.js';

const root = new URL('../../', import.meta.url).pathname;
const assetsBase = join(root, 'examples/assets');
const OPTS = { orderId: '00000000-0000-4000-8000-0000000000c1', createdAt: '2026-12-02T00:00:00Z' };

/** Capitals of an even height (no descender, no flourish), so the ink's height follows the baseline. */
async function printed(curve: number, text = 'BISCUIT') {
  const product = petTagProduct();
  const order = await buildOrder(product, { name: { text, font: 'Roboto', curve } }, OPTS);
  const [file] = await renderPrintFiles(product, order, {}, { assetsBase });
  const img = await loadImage(Buffer.from(file!.png));
  const c = createCanvas(img.width, img.height);
  c.getContext('2d').drawImage(img, 0, 0);
  const { data } = c.getContext('2d').getImageData(0, 0, img.width, img.height);
  return { file: file!, data, bands: inkBands(img.width, img.height, (i) => data[i * 4 + 3]! > 128) };
}

/**
 * The print file draws the arc SPEC §2 describes, measured on its pixels: the text's ink bends
 * up (middle above the ends) for a positive curve, down for a negative one, lies level at 0, and
 * bends as much as the geometry says (the same arc length on a circle of radius width / angle).
 */
describe('curved text in the PNG print file (Node)', function () {
  this.timeout(60_000);

  it('a positive curve arches the printed name upward, a negative one bends it downward, 0 is level', async () => {
    const level = await printed(0);
    const up = await printed(150);
    const down = await printed(-150);
    expect(level.file.width).to.equal(709); // 30 mm at 600 dpi
    const { left, middle, right } = level.bands;
    expect(Math.abs(left - middle), 'straight: left level with middle').to.be.below(12);
    expect(Math.abs(right - middle), 'straight: right level with middle').to.be.below(12);
    const rise = (b: typeof up.bands) => b.ends - b.middle; // > 0: the middle is higher
    expect(rise(up.bands), `+150: ends ${up.bands.ends.toFixed(1)} below middle ${up.bands.middle.toFixed(1)}`).to.be.above(60);
    expect(rise(down.bands), `-150: ends ${down.bands.ends.toFixed(1)} above middle ${down.bands.middle.toFixed(1)}`).to.be.below(-60);
    // Symmetric: the two ends of the arc sit at about the same height.
    expect(Math.abs(up.bands.left - up.bands.right)).to.be.below(25);
    // A downward arc keeps its capitals' tops as far apart as straight: its ink is no narrower.
    expect(down.bands.width).to.be.above(level.bands.width * 0.85);
    // Ink in the text's colour (the print is the engraving's ink on transparency).
    const i = up.data.findIndex((v, k) => k % 4 === 3 && v === 255) - 3;
    expect([up.data[i], up.data[i + 1], up.data[i + 2]]).to.deep.equal(INK);
  });

  it('bends by the amount the geometry gives: the sag grows with the angle, as the circle of radius width / angle says', async () => {
    const level = await printed(0);
    const sags: number[] = [];
    const straightSag = level.bands.ends - level.bands.middle; // the letters' own unevenness
    for (const curve of [40, 90, 150]) {
      const b = (await printed(curve)).bands;
      const sag = b.ends - b.middle - straightSag;
      sags.push(sag);
      // An upward arc keeps its letters' spacing at the baseline, on a circle of radius W / angle; the
      // ink's middle (half a capital above it) runs on a circle c / 2 larger, and an outer fifth's
      // centre lies 0.4 of the angle from the apex, so it drops (R + c / 2)(1 − cos(0.4 angle)).
      const angle = (curve * Math.PI) / 180;
      const R = level.bands.width / angle;
      const c = level.bands.bottom - level.bands.top;
      const expected = (R + c / 2) * (1 - Math.cos(0.4 * angle));
      expect(sag, `curve ${curve}: sag ${sag.toFixed(1)} px, geometry ${expected.toFixed(1)} px`).to.be.within(expected * 0.75, expected * 1.25);
    }
    expect(sags[0]!).to.be.below(sags[1]!);
    expect(sags[1]!).to.be.below(sags[2]!);
  });

  it('the mockup draws the same arc (upward for a positive curve)', async () => {
    // Without the tag photo, the mockup is the design alone over transparency.
    const product = { ...petTagProduct(), views: petTagProduct().views.map((v) => ({ ...v, layers: [] })) };
    const order = await buildOrder(product, { name: { text: 'BISCUIT', font: 'Roboto', curve: 150 } }, OPTS);
    const [m] = await renderMockups(product, order, {}, { width: 400, assetsBase });
    const img = await loadImage(Buffer.from(m!.png));
    const c = createCanvas(img.width, img.height);
    c.getContext('2d').drawImage(img, 0, 0);
    const { data } = c.getContext('2d').getImageData(0, 0, img.width, img.height);
    const b = inkBands(img.width, img.height, (i) => data[i * 4 + 3]! > 128);
    expect(b.ends - b.middle).to.be.above(20);
  });
});

/**
 * The Node half of the curved-text fidelity check (test/browser/curve-fidelity.browser.test.ts is
 * the other): the print file of a bent name, scaled to the preview's scale, left in test/.out.
 */
describe('curved text fidelity (Node half)', function () {
  this.timeout(60_000);
  it('writes the print file of a name bent 150° at the preview’s scale', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const product = petTagProduct();
    const order = await buildOrder(product, { name: { text: 'BISCUIT', font: 'Roboto', curve: 150 }, phone: { text: '555 0100', curve: 0 } }, OPTS);
    const [file] = await renderPrintFiles(product, order, {}, { assetsBase });
    const img = await loadImage(Buffer.from(file!.png));
    const small = createCanvas(280, 280); // the tag's face in view pixels
    const ctx = small.getContext('2d');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(img, 0, 0, 280, 280);
    mkdirSync(join(root, 'test/.out'), { recursive: true });
    writeFileSync(join(root, 'test/.out/curve-print.png'), await small.encode('png'));
    writeFileSync(join(root, 'test/.out/curve-order.json'), JSON.stringify(order));
  });
});
