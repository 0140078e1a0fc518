import { expect } from '@open-wc/testing';
import { writeFile } from '@web/test-runner-commands';
import { buildScene } from '../../src/render/scene/scene.js';
import { Preview } from '../../src/render/preview/preview.js';
import { BACK_AREA, BLEND_PHOTO, EMPTY_BACK_SELECTIONS, FIDELITY_AREA, FIDELITY_PHOTO, TEE_VIEW } from '../fixtures/fidelity.js';

/**
 * The other half: the same order drawn by the shopper's preview in Chromium, its print area
 * compared with the Node print file at the same scale. Mean absolute difference per channel ≤ 2 %.
 * The print reference is tracked in test/browser/references/ (node scripts/update-references.mjs renders it
 * in Node), so this suite runs on its own; the images it makes land in test/.out/fidelity/ (docs/fidelity/
 * changes only with `node scripts/update-references.mjs --docs`).
 */
const toBase64 = async (c: OffscreenCanvas) => {
  const bytes = new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

describe('fidelity: preview (Chromium) against print file (Node)', () => {
  it('differs by at most 2 % per channel on average', async () => {
    const orderRes = await fetch('/test/browser/references/fidelity-order.json');
    expect(orderRes.ok, 'test/browser/references/fidelity-order.json (node scripts/update-references.mjs)').to.equal(true);
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
    const printImg = await createImageBitmap(await (await fetch('/test/browser/references/fidelity-print.png')).blob());
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
    await writeFile({ path: '../.out/fidelity/preview.png', content: await toBase64(a.canvas as OffscreenCanvas), encoding: 'base64' });
    await writeFile({ path: '../.out/fidelity/diff.png', content: await toBase64(diff), encoding: 'base64' });
    await writeFile({ path: '../.out/fidelity/result.json', content: JSON.stringify({ meanAbsoluteDifference: Number(mad.toFixed(5)), limit: 0.02, width: w, height: h }, null, 2) + '\n' });
    expect(ink, 'the preview drew the design').to.be.greaterThan(w * h * 0.1);
    expect(mad).to.be.lessThan(0.02);
    preview.destroy();
    host.remove();
  });
});

/** Draws `selections` of the tee in a preview 1000 px wide (1 view px = 1 px), its layers as the page stacks them. */
async function teePreview(selections: Record<string, unknown>, view: string) {
  const product = { ...(await (await fetch('/examples/classic-tee.json')).json()), assetsBase: '/examples/assets/' };
  const roboto = new FontFace('Roboto', 'url(/examples/assets/fonts/roboto-latin-400-normal.woff2)');
  document.fonts.add(await roboto.load());
  const photos = new Map<string, ImageBitmap>();
  for (const src of ['tee.png', 'tee-back.png']) photos.set(src, await createImageBitmap(await (await fetch(`/examples/assets/${src}`)).blob()));
  const upload = await createImageBitmap(new Blob([BLEND_PHOTO()], { type: 'image/png' }));
  const host = document.createElement('div');
  host.style.width = `${TEE_VIEW.width}px`;
  document.body.append(host);
  const preview = new Preview(host, { layer: (s) => photos.get(s), asset: () => upload, fontFamily: (f) => `"${f}", sans-serif` }, { editing: false });
  preview.draw(buildScene(product, selections as never, view));
  preview.resize(TEE_VIEW.width, 1);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const composed = new OffscreenCanvas(TEE_VIEW.width, TEE_VIEW.height).getContext('2d', { willReadFrequently: true })!;
  for (const c of preview.canvases) composed.drawImage(c, 0, 0);
  const front = new OffscreenCanvas(TEE_VIEW.width, TEE_VIEW.height).getContext('2d', { willReadFrequently: true })!;
  front.drawImage(preview.canvases[1]!, 0, 0);
  const back = new OffscreenCanvas(TEE_VIEW.width, TEE_VIEW.height).getContext('2d', { willReadFrequently: true })!;
  back.drawImage(preview.canvases[0]!, 0, 0);
  const done = () => {
    preview.destroy();
    host.remove();
  };
  return { preview, composed, front, back, done };
}

describe('fidelity: blend and stacking in the preview (Chromium) against the Node references', () => {
  it('a multiply area with a photo and a text (on top) on a tinted garment matches the composed design times the garment', async () => {
    const res = await fetch('/test/browser/references/fidelity-blend-order.json');
    expect(res.ok, 'test/browser/references/fidelity-blend-order.json (node scripts/update-references.mjs)').to.equal(true);
    const order = await res.json();
    const { preview, composed, done } = await teePreview(order.selections, 'front');
    const want = new OffscreenCanvas(TEE_VIEW.width, TEE_VIEW.height).getContext('2d', { willReadFrequently: true })!;
    want.drawImage(await createImageBitmap(await (await fetch('/test/browser/references/fidelity-blend-expected.png')).blob()), 0, 0);
    const { x, y, width: w, height: h } = FIDELITY_AREA;
    const meanDiff = (got: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D) => {
      const a = got.getImageData(x, y, w, h).data;
      const b = want.getImageData(x, y, w, h).data;
      let sum = 0;
      for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
      return sum / (a.length * 255);
    };
    const mad = meanDiff(composed);
    // The cart thumbnail (the order's preview PNG) is drawn from the same layers.
    const thumb = new OffscreenCanvas(TEE_VIEW.width, TEE_VIEW.height).getContext('2d', { willReadFrequently: true })!;
    thumb.drawImage(await createImageBitmap((await preview.toPNG(TEE_VIEW.height)).blob), 0, 0);
    const thumbMad = meanDiff(thumb);
    await writeFile({ path: '../.out/fidelity/multiply-preview.png', content: await toBase64(composed.canvas as OffscreenCanvas), encoding: 'base64' });
    await writeFile({ path: '../.out/fidelity/multiply-result.json', content: JSON.stringify({ meanAbsoluteDifference: Number(mad.toFixed(5)), limit: 0.02, area: FIDELITY_AREA, reference: 'tinted garment × print file, composed in Node with plain canvas operations' }, null, 2) + '\n' });
    done();
    expect(mad, `mean difference in the area ${mad.toFixed(4)}`).to.be.lessThan(0.02);
    expect(thumbMad, `the order's preview PNG: mean difference in the area ${thumbMad.toFixed(4)}`).to.be.lessThan(0.02);
  });

  it('an empty multiply area on a tinted garment changes no pixel', async () => {
    const { composed, front, back, done } = await teePreview(EMPTY_BACK_SELECTIONS, 'back');
    const { x, y, width: w, height: h } = BACK_AREA;
    const drawn = front.getImageData(x, y, w, h).data;
    let painted = 0;
    for (let i = 3; i < drawn.length; i += 4) if (drawn[i] !== 0) painted++;
    const a = composed.getImageData(0, 0, TEE_VIEW.width, TEE_VIEW.height).data;
    const b = back.getImageData(0, 0, TEE_VIEW.width, TEE_VIEW.height).data;
    let changed = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed++;
    done();
    expect(painted, 'pixels the area painted over the garment').to.equal(0);
    expect(changed, 'channels that differ from the garment alone').to.equal(0);
  });
});
