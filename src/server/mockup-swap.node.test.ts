/**
 * Mockups show each view as the shopper saw it (SPEC §8), swapped images included: a choice
 * option's `{ layer, src }` effect replaces the layer's image in the preview, so the mockup must
 * draw the swapped file too (it used to load only the layers' own images and draw nothing there).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { buildOrder } from '../core/index.js';
import { makePng } from '../core/files/fixtures.js';
import { renderMockups } from './index.js';

const product = {
  schemaVersion: 1, id: 'mug', revision: '1', name: 'Mug', currency: 'USD', basePrice: 1000,
  views: [{ id: 'front', label: 'Front', width: 40, height: 40, layers: [{ id: 'body', src: 'white.png' }], areas: [{ id: 'wrap', x: 10, y: 10, width: 20, height: 20, print: { width: 20, height: 20, unit: 'mm', dpi: 100 } }] }],
  components: [{ id: 'finish', type: 'choice', label: 'Finish', default: 'white', options: [
    { value: 'white', label: 'White' },
    { value: 'green', label: 'Green glaze', effects: [{ layer: 'front.body', src: 'green.png' }] },
  ] }],
};

async function centre(png: Uint8Array): Promise<number[]> {
  const img = await loadImage(Buffer.from(png));
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return [...ctx.getImageData(Math.floor(img.width / 2), Math.floor(img.height / 2), 1, 1).data];
}

describe('renderMockups: swapped layer images', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-swap-'));
    writeFileSync(join(dir, 'white.png'), makePng(40, 40, { color: [255, 255, 255, 255] }));
    writeFileSync(join(dir, 'green.png'), makePng(40, 40, { color: [0, 160, 0, 255] }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('draws the image an option swapped in, and the layer’s own image otherwise', async () => {
    const green = await buildOrder(product as never, { finish: 'green' });
    const [swapped] = await renderMockups(product, green, {}, { width: 40, assetsBase: dir });
    expect(await centre(swapped!.png)).to.deep.equal([0, 160, 0, 255]);
    const white = await buildOrder(product as never, { finish: 'white' });
    const [plain] = await renderMockups(product, white, {}, { width: 40, assetsBase: dir });
    expect(await centre(plain!.png)).to.deep.equal([255, 255, 255, 255]);
  });
});
