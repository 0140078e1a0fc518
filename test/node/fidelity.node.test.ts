import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { renderPrintFiles } from '../../src/server/index.js';
import { buildOrder } from '../../src/core/index.js';
import { FIDELITY_AREA, fidelitySelections } from '../fixtures/fidelity.js';

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
    writeFileSync(join(root, 'docs/fidelity/print.png'), png);
  });
});
