import { expect } from '@open-wc/testing';
import { buildScene } from '../../src/render/scene/scene.js';
import { Preview } from '../../src/render/preview/preview.js';
import { TAG_FACE, petTagProduct } from '../fixtures/pet-tag.js';

/**
 * A bent name drawn by the shopper's preview in Chromium against the print file Node rendered of
 * the same order (rendered by test/node/curve.print.node.test.ts, tracked in test/browser/references/ by node scripts/update-references.mjs): the same arc,
 * pixel for pixel within a small tolerance, and the same letters inked.
 */
describe('curved text fidelity: preview (Chromium) against print file (Node)', () => {
  it('the ink of the bent name coincides, mean difference under 2 %', async () => {
    const res = await fetch('/test/browser/references/curve-order.json');
    expect(res.ok, 'test/browser/references/curve-order.json (node scripts/update-references.mjs)').to.equal(true);
    const order = await res.json();
    const roboto = new FontFace('Roboto', 'url(/examples/assets/fonts/roboto-latin-400-normal.woff2)');
    document.fonts.add(await roboto.load());
    const host = document.createElement('div');
    host.style.width = '400px';
    document.body.append(host);
    const preview = new Preview(host, { layer: () => undefined, asset: () => undefined, fontFamily: (f) => `"${f}", sans-serif` }, { editing: false });
    preview.draw(buildScene(petTagProduct() as never, order.selections, 'front'));
    preview.resize(400, 1);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const { x, y, width: w, height: h } = TAG_FACE;
    const a = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
    a.drawImage(preview.canvases[1]!, x, y, w, h, 0, 0, w, h);
    const b = new OffscreenCanvas(w, h).getContext('2d', { willReadFrequently: true })!;
    b.drawImage(await createImageBitmap(await (await fetch('/test/browser/references/curve-print.png')).blob()), 0, 0);
    const da = a.getImageData(0, 0, w, h).data;
    const db = b.getImageData(0, 0, w, h).data;
    let sum = 0;
    let both = 0;
    let either = 0;
    for (let i = 0; i < da.length; i += 4) {
      for (let k = 0; k < 4; k++) sum += Math.abs(da[i + k]! - db[i + k]!);
      const inkA = da[i + 3]! > 128;
      const inkB = db[i + 3]! > 128;
      if (inkA && inkB) both++;
      if (inkA || inkB) either++;
    }
    preview.destroy();
    host.remove();
    const mad = sum / (da.length * 255);
    expect(either, 'both drew the name').to.be.greaterThan(1500);
    expect(both / either, `ink drawn by both over ink drawn by either (${both} / ${either})`).to.be.greaterThan(0.8);
    expect(mad).to.be.lessThan(0.02);
  });
});
