import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import * as napi from '@napi-rs/canvas';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { create } from 'fontkit';
import type { Font } from 'fontkit';
import { apply, chain, ellipse, num, rotate, translate } from './path.js';
import type { Seg } from './path.js';
import { fontkitSegs, missingGlyphs, openFont } from './glyphs.js';
import { VectorFontError } from './errors.js';
import { embeddable } from './images.js';
import { optional } from './peers.js';
import { makePng, withExifOrientation } from '../../../core/files/fixtures.js';

const fontFile = (name: string) => readFileSync(new URL(`../../../../examples/assets/fonts/${name}`, import.meta.url));

describe('vector print geometry', () => {
  it('chain applies the last matrix first, as a transform list does', () => {
    const [p] = apply(chain(translate(10, 0), rotate(90)), [['M', 1, 0]]);
    expect(p![1]).to.be.closeTo(10, 1e-12);
    expect(p![2]).to.be.closeTo(1, 1e-12);
  });

  it('an ellipse of four Béziers stays within 0.03 % of the true ellipse', () => {
    const segs = ellipse(0, 0, 200, 100);
    const start = segs[0] as ['M', number, number];
    expect(start.slice(1)).to.deep.equal([100, 0]);
    let [x0, y0] = [start[1], start[2]];
    for (const s of segs.slice(1, 5) as ['C', number, number, number, number, number, number][]) {
      for (const t of [0.25, 0.5, 0.75]) {
        const u = 1 - t;
        const x = u * u * u * x0 + 3 * u * u * t * s[1] + 3 * u * t * t * s[3] + t * t * t * s[5];
        const y = u * u * u * y0 + 3 * u * u * t * s[2] + 3 * u * t * t * s[4] + t * t * t * s[6];
        expect(Math.abs(Math.hypot((x - 100) / 100, (y - 50) / 50) - 1)).to.be.lessThan(3e-4);
      }
      [x0, y0] = [s[5], s[6]];
    }
  });

  it('numbers are written with at most the given decimals, no exponent, no -0; a non-finite one throws', () => {
    expect([num(1.23456), num(-0.0001), num(2), num(1e-9, 4), num(-1.5)]).to.deep.equal(['1.235', '0', '2', '0', '-1.5']);
    expect(() => num(NaN)).to.throw('not a finite coordinate');
  });

  it('a quadratic glyph curve becomes the same cubic curve', () => {
    const segs = fontkitSegs([
      { command: 'moveTo', args: [0, 0] },
      { command: 'quadraticCurveTo', args: [50, 100, 100, 0] },
      { command: 'closePath', args: [] },
    ]);
    expect(segs[0]).to.deep.equal(['M', 0, 0]);
    const c = segs[1] as Extract<Seg, ['C', ...number[]]>;
    for (const t of [0.2, 0.5, 0.9]) {
      const u = 1 - t;
      const qy = 2 * u * t * 100;
      const cy = 3 * u * u * t * c[2] + 3 * u * t * t * c[4] + t * t * t * c[6];
      const qx = 2 * u * t * 50 + t * t * 100;
      const cx = 3 * u * u * t * c[1] + 3 * u * t * t * c[3] + t * t * t * c[5];
      expect(cy).to.be.closeTo(qy, 1e-9);
      expect(cx).to.be.closeTo(qx, 1e-9);
    }
    expect(segs[2]).to.deep.equal(['Z']);
  });
});

describe('vector print fonts', () => {
  it('reads woff and woff2 files; names the characters a font lacks (white space aside)', () => {
    const woff = openFont(create, fontFile('roboto-latin-400-normal.woff'), 'Roboto', 'c') as Font;
    const woff2 = openFont(create, fontFile('lobster-latin-400-normal.woff2'), 'Lobster', 'c') as Font;
    expect([woff.familyName, woff2.familyName]).to.deep.equal(['Roboto', 'Lobster']);
    expect(missingGlyphs(woff2, ['Café Жar\t', '日'])).to.deep.equal(['Ж', '日']);
    expect(missingGlyphs(woff, ['A b'])).to.deep.equal([]);
  });

  it('a file that is not a font is a VectorFontError naming it', () => {
    const err = (() => {
      try {
        openFont(create, new TextEncoder().encode('not a font at all'), '"X" (x.woff2)', 'name');
      } catch (e) {
        return e;
      }
    })() as VectorFontError;
    expect(err).to.be.instanceOf(VectorFontError);
    expect([err.code, err.component]).to.deep.equal(['unreadable-font', 'name']);
    expect(err.message).to.include('"X" (x.woff2) cannot be read');
  });
});

describe('vector print images', () => {
  it('a PNG is embedded as its own bytes', async () => {
    const png = makePng(30, 20);
    const e = await embeddable(png, "k", napi);
    expect([e.type, e.width, e.height, e.bytes]).to.deep.equal(['image/png', 30, 20, png]);
  });

  it('a JPEG turned by EXIF (orientation 6) becomes an upright lossless PNG of the same pixels, as the raster shows it', async () => {
    const c = createCanvas(40, 20);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#ff0000';
    ctx.fillRect(0, 0, 20, 20);
    ctx.fillStyle = '#0000ff';
    ctx.fillRect(20, 0, 20, 20);
    const jpeg = c.encodeSync('jpeg', 95);
    // EXIF orientation 6: turn 90° clockwise.
    const turned = withExifOrientation(jpeg, 6);
    expect((await embeddable(jpeg, "k", napi)).bytes).to.equal(jpeg);
    const e = await embeddable(turned, "k", napi);
    expect([e.type, e.width, e.height]).to.deep.equal(['image/png', 20, 40]);
    const img = await loadImage(Buffer.from(e.bytes));
    const d = createCanvas(20, 40);
    d.getContext('2d').drawImage(img, 0, 0);
    const at = (x: number, y: number) => [...d.getContext('2d').getImageData(x, y, 1, 1).data];
    expect(at(10, 5)[0]).to.be.greaterThan(200); // the red half is on top now
    expect(at(10, 35)[2]).to.be.greaterThan(200);
  });

  it('bytes that are no readable image are refused with the reason', async () => {
    const err = await embeddable(new Uint8Array([1, 2, 3, 4]), "photo-1", napi).then(() => null, (e: Error) => e);
    expect(err?.message).to.match(/image photo-1 is not a readable PNG, JPEG or WebP/);
  });
});

describe('vector print peers', () => {
  it('a missing optional peer is named with its install command; any other failure passes through', async () => {
    const missing = Object.assign(new Error("Cannot find package 'pdf-lib'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const err = await optional('pdf-lib', 'PDF and SVG print files', () => Promise.reject(missing)).then(() => null, (e: Error) => e);
    expect(err?.message).to.equal('PDF and SVG print files need the optional peer dependency pdf-lib (npm install pdf-lib)');
    expect((err as Error & { cause?: unknown }).cause).to.equal(missing);
    const other = new SyntaxError('bad module');
    expect(await optional('fontkit', 'PDF and SVG print files', () => Promise.reject(other)).then(() => null, (e: Error) => e)).to.equal(other);
    // A module missing inside the package is not the package missing.
    const inner = Object.assign(new Error("Cannot find module './lib/tables.js' imported from fontkit"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(await optional('fontkit', 'PDF and SVG print files', () => Promise.reject(inner)).then(() => null, (e: Error) => e)).to.equal(inner);
    expect(await optional('fontkit', 'PDF and SVG print files', async () => 42)).to.equal(42);
  });
});
