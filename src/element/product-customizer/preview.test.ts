import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import '../define.js';
import type { ProductCustomizer } from './product-customizer.js';
import { makePng } from '../../core/files/fixtures.js';
import { cappedPixelRatio, MAX_BACKING_PIXELS } from '../../render/preview/preview.js';
import { FOLD_PHOTO, RED, RED_ART, RED_IN_FOLD, RED_ON_SAND, RED_ON_SAND_FOLD, SAND, foldProduct, near } from '../../../test/fixtures/blend.js';

const TEE = '/examples/classic-tee.json';

async function mount(product: unknown, width = 900): Promise<ProductCustomizer> {
  const el = await fixture<ProductCustomizer>(html`<product-customizer style="width:${width}px"></product-customizer>`);
  const loaded = oneEvent(el, 'customizer-load');
  el.product = product;
  await loaded;
  await el.previewComplete;
  return el;
}
/** Set as an object, a product has no URL of its own: its relative assets resolve against `assetsBase`. */
const tee = async () => ({ ...(await (await fetch(TEE)).json()), assetsBase: '/examples/assets/' });

/** The preview's layers composited into one canvas, in view pixels (1 px = 1 view px). */
function snapshot(el: ProductCustomizer, viewWidth: number, viewHeight: number): ImageData {
  const canvases = [...el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('.stage canvas')];
  expect(canvases.length).to.be.greaterThan(1);
  const out = new OffscreenCanvas(viewWidth, viewHeight);
  const ctx = out.getContext('2d', { willReadFrequently: true })!;
  for (const c of canvases) {
    // As the page composites them: a layer may blend with what lies beneath it.
    ctx.globalCompositeOperation = getComputedStyle(c).mixBlendMode === 'multiply' ? 'multiply' : 'source-over';
    ctx.drawImage(c, 0, 0, viewWidth, viewHeight);
  }
  return ctx.getImageData(0, 0, viewWidth, viewHeight);
}
const px = (img: ImageData, x: number, y: number) => {
  const i = (Math.round(y) * img.width + Math.round(x)) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!, img.data[i + 3]!];
};
const luma = ([r, g, b]: number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;

describe('live preview (pixels)', () => {
  it('draws into a <canvas> in the shadow root, backing store capped at 16.7 M pixels', async () => {
    const el = await mount(await tee());
    expect(el.shadowRoot!.querySelector('.stage canvas')).to.be.instanceOf(HTMLCanvasElement);
    expect(cappedPixelRatio(4000, 4000, 3) ** 2 * 4000 * 4000 * 2).to.be.at.most(MAX_BACKING_PIXELS + 1);
    expect(cappedPixelRatio(400, 400, 2)).to.equal(2);
  });

  it('a tint recolours the garment and keeps its shading', async () => {
    const p = await tee();
    const el = await mount(p);
    // A point on the body outside the print area, and the most shaded point of the garment along a row.
    const body = [500, 1000];
    const white = snapshot(el, 1000, 1200);
    let sleeve = [0, 400];
    let darkest = 255;
    for (let x = 60; x < 320; x++) { // left of the print area and its dashed outline
      const c = px(white, x, 400);
      if (c[3]! > 250 && luma(c) > 120 && luma(c) < darkest) (darkest = luma(c)), (sleeve = [x, 400]);
    }
    el.selections = { color: 'navy' };
    await el.previewComplete;
    const navy = snapshot(el, 1000, 1200);
    const wBody = px(white, body[0]!, body[1]!);
    const nBody = px(navy, body[0]!, body[1]!);
    expect(luma(wBody)).to.be.greaterThan(200);
    // Navy is #1f2a44: the lit body becomes that colour…
    expect(nBody[2]!).to.be.greaterThan(nBody[0]!);
    expect(Math.abs(nBody[0]! - 0x1f)).to.be.lessThan(20);
    expect(Math.abs(nBody[2]! - 0x44)).to.be.lessThan(24);
    // …and the shading keeps its proportion (multiply): shaded / lit is the same before and after.
    const wRatio = luma(px(white, sleeve[0]!, sleeve[1]!)) / luma(wBody);
    const nRatio = luma(px(navy, sleeve[0]!, sleeve[1]!)) / luma(nBody);
    expect(wRatio, 'the photo has shading to keep').to.be.lessThan(0.9);
    expect(Math.abs(nRatio - wRatio)).to.be.lessThan(0.08);
  });

  it('text appears inside its area in the chosen colour, as a reference drawing of it does', async () => {
    const p = await tee();
    const el = await mount(p);
    // On the white tee: its chest area multiplies (SPEC §8), and on white an ink keeps its colour.
    el.selections = { color: 'white', 'front-text': { text: 'HELLO', color: '#f2c94c', font: 'Roboto', fontSize: 80 } };
    await el.previewComplete;
    const img = snapshot(el, 1000, 1200);
    const area = { x: 330, y: 260, w: 340, h: 440 };
    let inside = 0;
    let outside = 0;
    // Opaque only: the garment's antialiased edge holds near-transparent pixels of any colour.
    const yellow = (c: number[]) => c[3]! > 128 && c[0]! > 180 && c[1]! > 150 && c[2]! < 120;
    for (let y = 0; y < 1200; y += 2) {
      for (let x = 0; x < 1000; x += 2) {
        if (!yellow(px(img, x, y))) continue;
        if (x >= area.x && x < area.x + area.w && y >= area.y && y < area.y + area.h) inside++;
        else outside++;
      }
    }
    // A reference: the same text drawn with the same font on a plain canvas covers a similar number of pixels.
    await document.fonts.load('80px Roboto');
    const ref = new OffscreenCanvas(1000, 1200).getContext('2d')!;
    ref.font = '80px "Roboto", sans-serif';
    ref.fillStyle = '#f2c94c';
    ref.textAlign = 'center';
    ref.textBaseline = 'middle';
    ref.fillText('HELLO', 500, 480);
    const refData = ref.getImageData(0, 0, 1000, 1200);
    let refCount = 0;
    for (let y = 0; y < 1200; y += 2) for (let x = 0; x < 1000; x += 2) if (px(refData, x, y)[3]! > 128) refCount++;
    expect(outside).to.equal(0);
    expect(inside).to.be.within(refCount * 0.6, refCount * 1.4);
  });

  it('an ellipse area clips what lies outside it', async () => {
    const p = await tee();
    p.views[0].areas[0].shape = 'ellipse';
    const el = await mount(p);
    const photo = makePng(900, 900, { row: () => [[[220, 20, 20, 255], 900]] });
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#file-photo')!;
    const dt = new DataTransfer();
    dt.items.add(new File([photo], 'red.png', { type: 'image/png' }));
    input.files = dt.files;
    const change = oneEvent(el, 'customization-change');
    input.dispatchEvent(new Event('change'));
    await change;
    // Scaled up so the square photo covers the whole bounding box of the ellipse.
    el.selections = { ...el.selections, photo: { ...(el.selections.photo as object), transform: { x: 0.5, y: 0.5, rotation: 0, scale: 1.6 } } } as never;
    await el.previewComplete;
    const img = snapshot(el, 1000, 1200);
    const red = (c: number[]) => c[0]! > 150 && c[1]! < 80 && c[2]! < 80;
    expect(red(px(img, 500, 480)), 'centre of the ellipse').to.equal(true);
    expect(red(px(img, 336, 266)), 'corner of the bounding box, outside the ellipse').to.equal(false);
    expect(red(px(img, 664, 694)), 'opposite corner').to.equal(false);
  });

  it('a keyboard move changes selections.<id>.transform and the pixels', async () => {
    const p = await tee();
    const el = await mount(p);
    el.selections = { color: 'white', 'front-text': { text: 'I', color: '#1b1b1b', fontSize: 100 } };
    await el.previewComplete;
    const before = snapshot(el, 1000, 1200);
    const handle = el.shadowRoot!.querySelector<HTMLElement>('[data-component="front-text"] [part="placement"]')!;
    handle.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ up: 'Shift' });
    expect((el.selections['front-text'] as { transform: { x: number } }).transform.x).to.equal(0.7);
    await el.previewComplete;
    const after = snapshot(el, 1000, 1200);
    const ink = (c: number[]) => c[0]! < 60 && c[1]! < 60 && c[2]! < 60;
    // The letter was at the area's centre (x 500) and is now 20 % of 340 px to the right (x 568).
    expect(ink(px(before, 500, 480))).to.equal(true);
    expect(ink(px(after, 500, 480))).to.equal(false);
    expect(ink(px(after, 568, 480))).to.equal(true);
  });

  it('warns under the text when part of it lies outside its print area, as drawn', async () => {
    const el = await mount(await tee());
    const warning = () => el.shadowRoot!.querySelector('[data-component="front-text"] .issue.warning')?.textContent ?? '';
    el.selections = { 'front-text': { text: 'WEEKEND CREW FOREVER', fontSize: 64 } };
    await el.previewComplete;
    await el.updateComplete;
    expect(warning()).to.include('outside the print area');
    el.selections = { 'front-text': { text: 'Hi', fontSize: 64 } };
    await el.previewComplete;
    await el.updateComplete;
    expect(warning()).to.equal('');
    // A text wider than the area but shorter than its height: cut level, fits turned a quarter.
    el.selections = { 'front-text': { text: 'WEEKEND CREW', fontSize: 48 } };
    await el.previewComplete;
    await el.updateComplete;
    expect(warning()).to.include('outside the print area');
    el.selections = { 'front-text': { text: 'WEEKEND CREW', fontSize: 48, transform: { x: 0.5, y: 0.5, rotation: 90, scale: 1 } } };
    await el.previewComplete;
    await el.updateComplete;
    expect(warning()).to.equal('');
  });

  it('switching views shows that view’s print areas only', async () => {
    const el = await mount(await tee());
    // The front's chest area runs down to y 700; the back's upper area stops at y 520.
    const bluish = (c: number[]) => c[2]! > c[0]! + 40 && c[2]! > c[1]! + 20;
    const edge = (img: ImageData) => Array.from({ length: 140 }, (_, i) => px(img, 331, 550 + i)).filter(bluish).length;
    expect(edge(snapshot(el, 1000, 1200)), 'the chest outline on the front').to.be.greaterThan(20);
    el.view = 'back';
    await el.previewComplete;
    expect(edge(snapshot(el, 1000, 1200)), 'no chest outline left on the back').to.equal(0);
  });

  it('toOrder() renders one PNG preview per view, listed in order.previews', async () => {
    const el = await mount(await tee());
    el.selections = { size: 'M', color: 'navy', 'front-text': 'Hi' };
    const { order, files } = await el.toOrder();
    expect(order.previews.map((p) => [p.view, p.key, p.width, p.height])).to.deep.equal([
      ['front', 'preview-front', 1000, 1200],
      ['back', 'preview-back', 1000, 1200],
    ]);
    const bitmap = await createImageBitmap(files['preview-front']!);
    expect([bitmap.width, bitmap.height]).to.deep.equal([1000, 1200]);
  });

  describe('blend: multiply', () => {
    async function withRedArt(blend: 'normal' | 'multiply', dye: 'white' | 'sand'): Promise<ImageData> {
      const el = await mount(foldProduct(blend, URL.createObjectURL(new Blob([FOLD_PHOTO], { type: 'image/png' }))), 400);
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('#file-art')!;
      const dt = new DataTransfer();
      dt.items.add(new File([RED_ART], 'red.png', { type: 'image/png' }));
      input.files = dt.files;
      const change = oneEvent(el, 'customization-change');
      input.dispatchEvent(new Event('change'));
      await change;
      el.selections = { ...el.selections, dye };
      await el.previewComplete;
      return snapshot(el, 200, 100);
    }
    it('a print takes the fabric’s shading: red on the lit side, a darker red in the fold', async () => {
      const img = await withRedArt('multiply', 'white');
      expect(px(img, 60, 50), 'lit').to.satisfy((c: number[]) => near(c, RED));
      expect(px(img, 140, 50), 'fold').to.satisfy((c: number[]) => near(c, RED_IN_FOLD));
      expect(px(img, 10, 50), 'the photo outside the area').to.satisfy((c: number[]) => near(c, [255, 255, 255], 4));
    });

    it('on a dyed garment the print takes the dye too: it multiplies with what lies beneath it (SPEC §8)', async () => {
      const img = await withRedArt('multiply', 'sand');
      expect(px(img, 60, 50), 'lit').to.satisfy((c: number[]) => near(c, RED_ON_SAND));
      expect(px(img, 140, 50), 'fold').to.satisfy((c: number[]) => near(c, RED_ON_SAND_FOLD));
      expect(px(img, 10, 50), 'the dyed photo outside the area').to.satisfy((c: number[]) => near(c, SAND, 4));
    });

    it('normal blend paints the print flat over the fold', async () => {
      const img = await withRedArt('normal', 'white');
      expect(px(img, 140, 50)).to.satisfy((c: number[]) => near(c, RED));
    });
  });

  describe('pointer: move, resize and rotate on the canvas', () => {
    afterEach(() => resetMouse());
    /** Mounts the tee 500 px wide (half the view's size) with a square photo at the chest's centre. */
    async function withPhoto(p?: Record<string, unknown>, side = 3000) {
      const el = await mount(p ?? (await tee()), 500);
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('#file-photo')!;
      const dt = new DataTransfer();
      dt.items.add(new File([makePng(side, side, { color: [220, 20, 20, 255] })], 'red.png', { type: 'image/png' }));
      input.files = dt.files;
      const change = oneEvent(el, 'customization-change');
      input.dispatchEvent(new Event('change'));
      await change;
      await el.previewComplete;
      const box = el.shadowRoot!.querySelector('.stage canvas')!.getBoundingClientRect();
      const scale = box.width / 1000;
      /** A view point (1000 × 1200) as a page point. */
      const at = (x: number, y: number): [number, number] => [Math.round(box.left + x * scale), Math.round(box.top + y * scale)];
      const transform = () => (el.selections.photo as { transform: { x: number; y: number; scale: number; rotation: number } }).transform;
      return { el, at, transform };
    }
    async function drag(from: [number, number], to: [number, number]) {
      await sendMouse({ type: 'move', position: from });
      await sendMouse({ type: 'down' });
      for (let i = 1; i <= 5; i++) await sendMouse({ type: 'move', position: [Math.round(from[0] + ((to[0] - from[0]) * i) / 5), Math.round(from[1] + ((to[1] - from[1]) * i) / 5)] });
      await sendMouse({ type: 'up' });
    }

    it('dragging the photo moves it, snapping to the area’s centre line', async () => {
      const { el, at, transform } = await withPhoto();
      await drag(at(500, 480), at(568, 482)); // 20 % of 340 px right; 2 px down is within the snap
      expect(transform().x).to.be.closeTo(0.7, 0.01);
      expect(transform().y).to.equal(0.5);
      await el.previewComplete;
      const img = snapshot(el, 1000, 1200);
      const red = (c: number[]) => c[0]! > 150 && c[1]! < 80 && c[2]! < 80;
      expect(red(px(img, 345, 480)), 'the left edge moved away').to.equal(false);
      expect(red(px(img, 660, 480))).to.equal(true);
    });

    it('a corner handle scales about the centre, and the rotation handle turns it, snapping to right angles', async () => {
      const { el, at, transform } = await withPhoto();
      await sendMouse({ type: 'move', position: at(500, 480) });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'up' });
      // The photo fits the 340-wide area at scale 1: its corner is at (670, 650); pull it out by a third.
      await drag(at(670, 650), at(727, 707));
      expect(transform().scale).to.be.closeTo(1.33, 0.04);
      await el.previewComplete;
      const half = 170 * transform().scale;
      // The rotation handle sits 28 CSS px (56 view px) above the top edge; drag it round to the right.
      await drag(at(500, 480 - half - 56), at(500 + half + 100, 484));
      expect(transform().rotation).to.equal(90);
      expect(transform().x).to.equal(0.5);
    });

    it('on a phone, a finger on the photo edits it; a finger anywhere else scrolls the page', async () => {
      const { el, at } = await withPhoto();
      const canvas = el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('.stage canvas')[1]!;
      expect(getComputedStyle(canvas).touchAction).to.equal('auto');
      /** Whether the preview keeps the page from scrolling for a touch starting there. */
      const holds = ([x, y]: [number, number]) => {
        const t = new Touch({ identifier: 1, target: canvas, clientX: x, clientY: y });
        const ev = new TouchEvent('touchstart', { touches: [t], targetTouches: [t], changedTouches: [t], bubbles: true, cancelable: true, composed: true });
        canvas.dispatchEvent(ev);
        return ev.defaultPrevented;
      };
      expect(holds(at(500, 480)), 'on the photo').to.equal(true);
      expect(holds(at(150, 1000)), 'on the bare garment').to.equal(false);
      expect(holds(at(30, 30)), 'on the backdrop').to.equal(false);
    });

    it('a corner handle stops where the photo would print below minDpi', async () => {
      const p = await tee();
      const photo = p.components.find((c: { id: string }) => c.id === 'photo');
      Object.assign(photo, { minDpi: 60, warnDpi: 80 }); // a 900 px photo on a 12 in wide print: 75 dpi at scale 1, so at most scale 1.25
      const { at, transform } = await withPhoto(p, 900);
      await sendMouse({ type: 'move', position: at(500, 480) });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'up' });
      await drag(at(670, 650), at(900, 880));
      expect(transform().scale).to.be.closeTo(1.25, 0.01);
    });
  });
});
