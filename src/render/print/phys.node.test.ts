import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { renderPrintFiles } from '../../server/index.js';
import { buildOrder } from '../../core/index.js';
import { pixelsPerMetre, withDpi } from './phys.js';

const root = new URL('../../../', import.meta.url).pathname;
const product = (name: string) => JSON.parse(readFileSync(join(root, `examples/${name}.json`), 'utf8'));

/** The chunks of a PNG, read here byte by byte (no PNG library): type, data, and whether the CRC holds (checked with zlib's CRC-32). */
function chunks(png: Uint8Array) {
  const b = Buffer.from(png);
  expect([...b.subarray(0, 8)]).to.deep.equal([137, 80, 78, 71, 13, 10, 26, 10]);
  const out: { type: string; data: Buffer; crcOk: boolean }[] = [];
  for (let o = 8; o < b.length; ) {
    const n = b.readUInt32BE(o);
    out.push({ type: b.toString('latin1', o + 4, o + 8), data: b.subarray(o + 8, o + 8 + n), crcOk: crc32(b.subarray(o + 4, o + 8 + n)) === b.readUInt32BE(o + 8 + n) });
    o += 12 + n;
  }
  return out;
}
/** The pHYs chunk as print software reads it: pixels per unit on x and y, and the unit (1 = metre). */
function phys(png: Uint8Array) {
  const all = chunks(png);
  const found = all.filter((c) => c.type === 'pHYs');
  expect(found, 'exactly one pHYs').to.have.length(1);
  const c = found[0]!;
  expect(c.data.length).to.equal(9);
  return { index: all.indexOf(c), x: c.data.readUInt32BE(0), y: c.data.readUInt32BE(4), unit: c.data[8], crcOk: c.crcOk };
}

describe('print PNGs carry their dpi (pHYs, SPEC §8)', () => {
  it('withDpi writes pHYs right after IHDR: round(dpi / 0.0254) pixels per metre, unit metre, a valid CRC; the pixels are untouched', async () => {
    const c = createCanvas(7, 5);
    c.getContext('2d').fillStyle = '#c8102e';
    c.getContext('2d').fillRect(1, 1, 3, 2);
    const plain = new Uint8Array(await c.encode('png'));
    expect(chunks(plain).some((k) => k.type === 'pHYs'), 'the encoder writes none').to.equal(false);
    const out = withDpi(plain, 300);
    expect(phys(out)).to.deep.include({ index: 1, x: 11811, y: 11811, unit: 1, crcOk: true });
    expect(chunks(out).every((k) => k.crcOk)).to.equal(true);
    expect(chunks(out).map((k) => k.type).filter((t) => t !== 'pHYs')).to.deep.equal(chunks(plain).map((k) => k.type));
    const [a, b] = await Promise.all([plain, out].map(async (png) => {
      const img = await loadImage(Buffer.from(png));
      const d = createCanvas(7, 5);
      d.getContext('2d').drawImage(img, 0, 0);
      return [...d.getContext('2d').getImageData(0, 0, 7, 5).data];
    }));
    expect(b).to.deep.equal(a);
    // Written again (another dpi), the file still holds one pHYs, the new one.
    expect(phys(withDpi(out, 72))).to.deep.include({ index: 1, x: 2835, y: 2835, unit: 1 });
    expect(pixelsPerMetre(254)).to.equal(10000);
  });

  it('every print PNG of an order holds its area’s dpi', async () => {
    const tee = product('classic-tee');
    const order = await buildOrder(tee, { size: 'S', 'front-text': 'Tee', 'back-number': '10' });
    const files = await renderPrintFiles(tee, order, {}, { assetsBase: join(root, 'examples') });
    expect(files.map((f) => f.area)).to.deep.equal(['front.chest', 'back.upper']);
    for (const f of files) {
      const p = phys(f.png);
      expect(p).to.deep.include({ index: 1, x: pixelsPerMetre(300), y: pixelsPerMetre(300), unit: 1, crcOk: true });
      expect(f.dpi).to.equal(300);
      // At its physical size: 3600 px at 300 dpi are 12 inches.
      expect((f.width / p.x) / 0.0254).to.be.closeTo(12, 0.01);
    }
    const necklace = product('name-necklace');
    const [pendant] = await renderPrintFiles(necklace, await buildOrder(necklace, { name: 'Zoë', material: 'gold' }), {}, { assetsBase: join(root, 'examples') });
    expect(phys(pendant!.png)).to.deep.include({ x: pixelsPerMetre(pendant!.dpi), unit: 1, crcOk: true });
  });
});
