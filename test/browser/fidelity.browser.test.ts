import { expect } from '@open-wc/testing';
import { writeFile } from '@web/test-runner-commands';
import { buildScene } from '../../src/render/scene/scene.js';
import { Preview } from '../../src/render/preview/preview.js';
import { FIDELITY_AREA, FIDELITY_PHOTO } from '../fixtures/fidelity.js';

/**
 * The other half: the same order drawn by the shopper's preview in Chromium, its print area
 * compared with the Node print file at the same scale. Mean absolute difference per channel ≤ 2 %.
 * The images land in docs/fidelity/ (print.png from Node, preview.png and diff.png from here).
 */
const toBase64 = async (c: OffscreenCanvas) => {
  const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

describe('fidelity: preview (Chromium) against print file (Node)', () => {
  it('differs by at most 2 % per channel on average', async () => {
    const orderRes = await fetch('/test/.out/fidelity-order.json', { cache: 'no-store' });
    expect(orderRes.ok, 'the Node suite writes test/.out/fidelity-order.json first (npm test)').to.equal(true);
    const order = await orderRes.json();
    const product = { ...(await (await fetch('/examples/classic-tee.json')).json()), assetsBase: '/examples/assets/' };
    const roboto = new FontFace('Roboto', 'url(/examples/assets/fonts/roboto-latin-400-normal.woff2)');
    document.fonts.add(await roboto.load());
    const photo = await createImageBitmap(new Blob([FIDELITY_PHOTO()], { type: 'image/png' }));
    const host = document.createElement('div');
    host.style.width = '1000px';
    document.body.append(host);
    const preview = new Preview(host, { layer: () => undefined, asset: () => photo, fontFamily: (f) => `"${f}", sans-serif` }, { editing: false });
    preview.draw(buildScene(product, order.selections, 'front'));
    preview.resize(1000, 1);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const front = preview.canvases[1]!;
    const { x, y, width: w } = FIDELITY_AREA;
    const printImg = await createImageBitmap(await (await fetch('/test/.out/fidelity-print.png', { cache: 'no-store' })).blob());
    const h = printImg.height;
    const a = new OffscreenCanvas(w, h).getContext('2d')!;
    a.drawImage(front, x, y, w, h, 0, 0, w, h);
    const b = new OffscreenCanvas(w, h).getContext('2d')!;
    b.drawImage(printImg, 0, 0);
    const da = a.getImageData(0, 0, w, h).data;
    const db = b.getImageData(0, 0, w, h).data;
    const diff = new OffscreenCanvas(w, h);
    const dctx = diff.getContext('2d')!;
    const dimg = dctx.createImageData(w, h);
    let sum = 0;
    let ink = 0;
    for (let i = 0; i < da.length; i += 4) {
      let px = 0;
      for (let k = 0; k < 4; k++) px += Math.abs(da[i + k]! - db[i + k]!);
      sum += px;
      if (da[i + 3]! > 0) ink++;
      const v = Math.min(255, px);
      dimg.data.set([255, 255 - v, 255 - v, 255], i);
    }
    dctx.putImageData(dimg, 0, 0);
    const mad = sum / (da.length * 255);
    await writeFile({ path: '../../docs/fidelity/preview.png', content: await toBase64(a.canvas as OffscreenCanvas), encoding: 'base64' });
    await writeFile({ path: '../../docs/fidelity/diff.png', content: await toBase64(diff), encoding: 'base64' });
    await writeFile({ path: '../../docs/fidelity/result.json', content: JSON.stringify({ meanAbsoluteDifference: Number(mad.toFixed(5)), limit: 0.02, width: w, height: h }, null, 2) + '\n' });
    expect(ink, 'the preview drew the design').to.be.greaterThan(w * h * 0.1);
    expect(mad).to.be.lessThan(0.02);
    preview.destroy();
    host.remove();
  });
});
