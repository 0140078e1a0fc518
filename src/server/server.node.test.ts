import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { PrintRefusedError, printPixels, renderPrintFiles, verifyOrder } from './index.js';
import { buildOrder, evaluate, imageDpi, parseProduct, sha256Hex } from '../core/index.js';
import type { Order, Selections } from '../core/index.js';
import { makePng } from '../core/files/fixtures.js';
import { FOLD_PHOTO, RED, RED_ART, RED_IN_FOLD, RED_ON_SAND, RED_ON_SAND_FOLD, SAND, foldProduct, near } from '../../test/fixtures/blend.js';

const root = new URL('../../', import.meta.url).pathname;
const examples = join(root, 'examples');
const load = (name: string) => JSON.parse(readFileSync(join(examples, `${name}.json`), 'utf8'));

async function pixels(png: Uint8Array) {
  const img = await loadImage(Buffer.from(png));
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  return {
    width: img.width,
    height: img.height,
    at: (x: number, y: number) => {
      const i = (Math.round(y) * img.width + Math.round(x)) * 4;
      return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
    },
    count: (test: (p: number[]) => boolean, step = 4) => {
      let n = 0;
      for (let y = 0; y < img.height; y += step) for (let x = 0; x < img.width; x += step) {
        const i = (y * img.width + x) * 4;
        if (test([data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!])) n++;
      }
      return n;
    },
  };
}

const ORANGE = (p: number[]) => p[3]! > 200 && Math.abs(p[0]! - 200) < 20 && Math.abs(p[1]! - 120) < 20 && Math.abs(p[2]! - 80) < 20;
const BLUE = (p: number[]) => p[3]! > 200 && Math.abs(p[0]! - 40) < 20 && Math.abs(p[1]! - 90) < 20 && Math.abs(p[2]! - 200) < 20;

async function teeOrder(selections: Selections, photo = makePng(3000, 3000)) {
  const sel = { ...selections };
  if (sel.photo === undefined) {
    sel.photo = { asset: { key: 'photo-1', name: 'p.png', type: 'image/png', bytes: photo.byteLength, width: 3000, height: 3000, sha256: await sha256Hex(photo) } };
  }
  const order = await buildOrder(load('classic-tee'), sel);
  return { order: JSON.parse(JSON.stringify(order)) as Order, files: { 'photo-1': photo } };
}

describe('product-customizer/server', () => {
  it('re-exports verifyOrder', async () => {
    const { order, files } = await teeOrder({ size: 'M' });
    expect((await verifyOrder(load('classic-tee'), order, files)).ok).to.equal(true);
  });

  it('verifyOrder (node:crypto hashing): the uploaded bytes pass, one changed byte is an asset-mismatch', async () => {
    const { order, files } = await teeOrder({ size: 'M' });
    expect((await verifyOrder(load('classic-tee'), order, files)).ok).to.equal(true);
    const changed = new Uint8Array(files['photo-1']);
    changed[changed.length - 20]! ^= 0xff;
    const verdict = await verifyOrder(load('classic-tee'), order, { 'photo-1': changed });
    expect(verdict.ok).to.equal(false);
    // The byte lies in the compressed pixels, so the file also no longer decodes (file-type).
    expect(verdict.issues.map((i) => [i.code, i.path.join('.')])).to.deep.equal([['file-type', 'selections.photo.asset.type'], ['asset-mismatch', 'selections.photo.asset.sha256']]);
  });

  describe('renderPrintFiles', function () {
    this.timeout(60_000);

    it('renders each area with content at its print size and dpi, transparent, the photo at full resolution', async () => {
      const { order, files } = await teeOrder({ size: 'M', color: 'black', 'front-text': { text: 'TOP', color: '#f2c94c', transform: { x: 0.5, y: 0.1, rotation: 0, scale: 1 } } });
      const out = await renderPrintFiles(load('classic-tee'), order, files, { assetsBase: examples });
      expect(out.map((f) => [f.area, f.key, f.width, f.height, f.dpi])).to.deep.equal([['front.chest', 'print-front-chest', 3600, 4650, 300]]);
      const img = await pixels(out[0]!.png);
      expect([img.width, img.height]).to.deep.equal([3600, 4650]);
      expect(img.at(5, 5)[3], 'transparent background').to.equal(0);
      // The 3000 px photo, contain-fitted in 3600 × 4650 px: 3600 px wide, centred; left half orange, right half blue.
      expect(ORANGE(img.at(900, 2325))).to.equal(true);
      expect(BLUE(img.at(2700, 2325))).to.equal(true);
      expect(img.at(1800, 4300)[3], 'below the photo').to.equal(0);
      // The text, in its colour, near the top.
      const yellow = (p: number[]) => p[3]! > 200 && p[0]! > 220 && p[1]! > 180 && p[2]! < 110;
      expect(img.count(yellow)).to.be.greaterThan(500);
    });

    it('places an image at exactly the dpi the core computed for the shopper', async () => {
      const photo = makePng(1500, 1500, { row: () => [[[200, 120, 80, 255], 1500]] });
      const scale = 0.8;
      const { order, files } = await teeOrder({ size: 'M', photo: { asset: { key: 'photo-1', name: 'p.png', type: 'image/png', bytes: photo.byteLength, width: 1500, height: 1500, sha256: await sha256Hex(photo) }, transform: { x: 0.5, y: 0.5, rotation: 0, scale } } }, photo);
      const out = await renderPrintFiles(load('classic-tee'), order, files, { assetsBase: examples });
      const img = await pixels(out[0]!.png);
      let left = 0;
      while (!ORANGE(img.at(left, 2325))) left++;
      let right = img.width - 1;
      while (!ORANGE(img.at(right, 2325))) right--;
      const printedInches = (right - left + 1) / 300;
      const core = evaluate(load('classic-tee'), order.selections).components.photo!.value as { dpi: number };
      const area = load('classic-tee').views[0].areas[0];
      expect(core.dpi).to.equal(imageDpi(area, 1500, 1500, scale));
      expect(1500 / printedInches).to.be.closeTo(core.dpi, core.dpi * 0.002);
    });

    it('is deterministic: the same order renders byte-identical PNGs', async () => {
      const { order, files } = await teeOrder({ size: 'M', 'front-text': { text: 'Same every time', font: 'Lobster' }, 'back-number': '23' });
      const a = await renderPrintFiles(load('classic-tee'), order, files, { assetsBase: examples });
      const b = await renderPrintFiles(load('classic-tee'), order, files, { assetsBase: examples });
      expect(a.map((f) => f.key)).to.deep.equal(['print-front-chest', 'print-back-upper']);
      for (let i = 0; i < a.length; i++) expect(await sha256Hex(a[i]!.png)).to.equal(await sha256Hex(b[i]!.png));
    });

    it('refuses a tampered order with the core’s issues, rendering nothing', async () => {
      const { order, files } = await teeOrder({ size: 'M' });
      order.price.total = 100;
      try {
        await renderPrintFiles(load('classic-tee'), order, files, { assetsBase: examples });
        expect.fail('should refuse');
      } catch (e) {
        expect(e).to.be.instanceOf(PrintRefusedError);
        expect((e as PrintRefusedError).issues.map((i) => i.code)).to.deep.equal(['price-mismatch']);
      }
      const other = makePng(3000, 3000, { row: () => [[[0, 0, 0, 255], 3000]] });
      await renderPrintFiles(load('classic-tee'), (await teeOrder({ size: 'M' })).order, { 'photo-1': other }, { assetsBase: examples }).then(
        () => expect.fail('should refuse other bytes'),
        (e: PrintRefusedError) => expect(e.issues.map((i) => i.code)).to.include('asset-mismatch'),
      );
    });

    it('clips to an ellipse area and rotates images', async () => {
      const p = load('classic-tee');
      p.views[0].areas[0].shape = 'ellipse';
      const photo = makePng(3000, 3000, { row: () => [[[200, 120, 80, 255], 3000]] });
      const sel: Selections = { size: 'M', photo: { asset: { key: 'photo-1', name: 'p.png', type: 'image/png', bytes: photo.byteLength, width: 3000, height: 3000, sha256: await sha256Hex(photo) }, transform: { x: 0.5, y: 0.5, rotation: 45, scale: 1.5 } } };
      const order = JSON.parse(JSON.stringify(await buildOrder(p, sel)));
      const out = await renderPrintFiles(p, order, { 'photo-1': photo }, { assetsBase: examples });
      const img = await pixels(out[0]!.png);
      expect(ORANGE(img.at(1800, 2325)), 'centre').to.equal(true);
      expect(img.at(60, 60)[3], 'corner outside the ellipse').to.equal(0);
      expect(img.at(3540, 4590)[3], 'opposite corner').to.equal(0);
      expect(ORANGE(img.at(1800, 60)), 'top of the ellipse, inside the rotated square').to.equal(true);
    });

    it('draws CJK and emoji text, and prints mm areas at their dpi (the bottle: 58.9 × 110 mm at 600 dpi)', async () => {
      const p = load('engraved-bottle');
      p.components[1].pattern = '^.*$';
      const order = JSON.parse(JSON.stringify(await buildOrder(p, { engraving: { text: '经典 ❤️ Zoë', font: 'Roboto' } })));
      const out = await renderPrintFiles(p, order, {}, { assetsBase: pathToFileURL(examples + '/').href });
      expect(out.map((f) => [f.area, f.width, f.height, f.dpi])).to.deep.equal([['main.engraving', 1391, 2598, 600]]);
      expect(printPixels(parseProduct(p).ok ? p.views[0].areas[0] : null)).to.deep.equal({ width: 1391, height: 2598 });
      const img = await pixels(out[0]!.png);
      expect(img.count((px) => px[3]! > 128, 2)).to.be.greaterThan(1000);
    });

    it('loads assets through loadAsset when given, and renders mockups of each view', async () => {
      const asked: string[] = [];
      const { order, files } = await teeOrder({ size: 'M', color: 'navy', 'front-text': 'Hi' });
      const out = await renderPrintFiles(load('classic-tee'), order, files, {
        assetsBase: 'https://cdn.example.test/tee/',
        loadAsset: async (url) => {
          asked.push(url);
          return new Uint8Array(readFileSync(join(examples, new URL(url).pathname.replace('/tee/', ''))));
        },
        views: { width: 500 },
      });
      expect(asked).to.include('https://cdn.example.test/tee/assets/fonts/lobster-latin-400-normal.woff2');
      expect(asked).to.include('https://cdn.example.test/tee/assets/tee.png');
      expect(out.mockups!.map((m) => [m.view, m.width, m.height])).to.deep.equal([['front', 500, 600], ['back', 500, 600]]);
      const mock = await pixels(out.mockups![0]!.png);
      const body = mock.at(250, 500);
      expect(body[2]! > body[0]!, 'navy garment').to.equal(true);
    });

    it('mockups apply blend: multiply as the preview does (the print times what lies beneath: the fabric’s folds and its dye)', async () => {
      const asset = { key: 'art-1', name: 'a.png', type: 'image/png', bytes: RED_ART.byteLength, width: 320, height: 120, sha256: await sha256Hex(RED_ART) };
      const mockup = async (blend: 'normal' | 'multiply', dye: string) => {
        const product = foldProduct(blend, 'fold.png');
        const order = JSON.parse(JSON.stringify(await buildOrder(product, { dye, art: { asset } }))) as Order;
        const out = await renderPrintFiles(product, order, { 'art-1': RED_ART }, {
          assetsBase: 'https://cdn.example.test/',
          loadAsset: async () => FOLD_PHOTO,
          views: { width: 200 },
        });
        return pixels(out.mockups![0]!.png);
      };
      const white = await mockup('multiply', 'white');
      expect(near(white.at(60, 50), RED), `lit ${white.at(60, 50)}`).to.equal(true);
      expect(near(white.at(140, 50), RED_IN_FOLD), `fold ${white.at(140, 50)}`).to.equal(true);
      expect(near(white.at(10, 50), [255, 255, 255], 4), 'the photo outside the area').to.equal(true);
      const sand = await mockup('multiply', 'sand');
      expect(near(sand.at(60, 50), RED_ON_SAND), `lit on sand ${sand.at(60, 50)}`).to.equal(true);
      expect(near(sand.at(140, 50), RED_ON_SAND_FOLD), `fold on sand ${sand.at(140, 50)}`).to.equal(true);
      expect(near(sand.at(10, 50), SAND, 4), 'the dyed photo outside the area').to.equal(true);
      const flat = await mockup('normal', 'white');
      expect(near(flat.at(140, 50), RED), `normal ${flat.at(140, 50)}`).to.equal(true);
    });

    for (const [name, selections, expected] of [
      ['classic-tee', { size: 'S', 'front-text': 'Tee', 'back-number': '10' }, [['front.chest', 3600, 4650], ['back.upper', 3600, 3150]]],
      ['engraved-bottle', { engraving: 'For Anna' }, [['main.engraving', 1391, 2598]]],
      ['name-necklace', { name: 'Zoë', material: 'gold' }, [['pendant.bar', 1890, 343]]],
    ] as const) {
      it(`${name}: each area with content, at its size, with ink where the design is`, async () => {
        const p = load(name);
        const order = JSON.parse(JSON.stringify(await buildOrder(p, selections as Selections)));
        const out = await renderPrintFiles(p, order, {}, { assetsBase: examples });
        expect(out.map((f) => [f.area, f.width, f.height])).to.deep.equal(expected);
        for (const f of out) {
          const img = await pixels(f.png);
          const centre = img.count((px) => px[3]! > 128, 1 + Math.floor(img.width / 400));
          expect(centre, f.area).to.be.greaterThan(20);
          expect(img.at(0, 0)[3], `${f.area} corner stays transparent`).to.equal(0);
        }
      });
    }

    it('honours an abort signal', async () => {
      const { order, files } = await teeOrder({ size: 'M' });
      const ac = new AbortController();
      ac.abort();
      await renderPrintFiles(load('classic-tee'), order, files, { assetsBase: examples, signal: ac.signal }).then(
        () => expect.fail('should abort'),
        (e: Error) => expect(e.name).to.equal('AbortError'),
      );
    });
  });
});
