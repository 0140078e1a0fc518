/**
 * Attacks on `verifyOrder` (issue 12, items 8 and 9): fields smuggled where the component type
 * has none, images that are whole on the outside and garbage inside, unknown fields and deep
 * nesting anywhere in the order.
 */
import { expect } from 'chai';
import { buildOrder, formatIssue, parseProduct, sha256Hex, verifyOrder } from '../index.js';
import type { Order, Product } from '../index.js';
import { makeJpegHeader, makePng, makeWebpHeader, pngHeaderClaiming, tinyJpeg, tinyWebp } from '../files/fixtures.js';
import { loadExample } from '../../../test/fixtures/examples.js';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const errors = (r: { issues: { code: string; severity: string; path: (string | number)[] }[] }) =>
  r.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.path.join('.')]);

async function tee(): Promise<Product> {
  const r = parseProduct(await loadExample('classic-tee'));
  if (!r.ok) throw new Error('tee');
  return r.product;
}

/** The PNG's IDAT data overwritten with noise: every chunk still whole, the pixels garbage. */
function garbageIdat(png: Uint8Array): Uint8Array {
  const b = png.slice();
  const dv = new DataView(b.buffer);
  for (let o = 8; o + 12 <= b.length; o += 12 + dv.getUint32(o)) {
    if (String.fromCharCode(...b.subarray(o + 4, o + 8)) === 'IDAT') for (let k = 0; k < dv.getUint32(o); k++) b[o + 8 + k] = (k * 37 + 11) & 0xff;
  }
  return b;
}

function crc32(b: Uint8Array): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

async function orderWith(p: Product, bytes: Uint8Array, type: string, width: number, height: number) {
  const asset = { key: 'photo-1', name: 'me', type, bytes: bytes.byteLength, width, height, sha256: await sha256Hex(bytes) };
  return clone(await buildOrder(p, { size: 'M', photo: { asset } }));
}

describe('verifyOrder: a selection field its component type does not have', () => {
  let p: Product;
  let order: Order;
  let png: Uint8Array;
  before(async () => {
    p = await tee();
    png = makePng(1800, 2325);
    order = await orderWith(p, png, 'image/png', 1800, 2325);
  });
  const refused = async (edit: (o: any) => void, path: string) => {
    const o = clone(order) as any;
    edit(o);
    const r = await verifyOrder(p, o, { 'photo-1': png });
    expect(r.ok).to.equal(false);
    expect(errors(r)).to.deep.include(['invalid-order', path]);
  };

  it('an asset on a text is invalid-order (the file would never be checked as an image)', () =>
    refused((o) => (o.selections['front-text'] = { text: 'Hi', asset: { ...o.selections.photo.asset } }), 'selections.front-text.asset'));
  it('a text on an image', () => refused((o) => (o.selections.photo.text = 'Hi'), 'selections.photo.text'));
  it('anything but a boolean on a toggle', async () => {
    const bottle = await loadExample('engraved-bottle');
    const o = clone(await buildOrder(bottle, { engraving: { text: 'Jo', font: 'Roboto' }, 'gift-box': true })) as any;
    o.selections['gift-box'] = { asset: o.selections.engraving };
    expect(errors(await verifyOrder(bottle, o))).to.deep.include(['invalid-order', 'selections.gift-box']);
  });
  it('an unknown field in an asset or a transform', async () => {
    await refused((o) => (o.selections.photo.asset.html = '<script>'), 'selections.photo.asset.html');
    await refused((o) => (o.selections.photo.transform = { x: 0.5, y: 0.5, rotation: 0, scale: 1, z: 1 }), 'selections.photo.transform.z');
  });
});

describe('verifyOrder: an image is accepted only when it decodes', function () {
  this.timeout(20_000);
  let p: Product;
  before(async () => (p = await tee()));

  it('a PNG with whole chunks and garbage IDAT is file-type (corrupt)', async () => {
    const bad = garbageIdat(makePng(1800, 2325));
    const r = await verifyOrder(p, await orderWith(p, bad, 'image/png', 1800, 2325), { 'photo-1': bad });
    expect(errors(r)).to.deep.equal([['file-type', 'selections.photo.asset.type']]);
    expect(r.issues.find((i) => i.code === 'file-type')!.params).to.deep.include({ reason: 'corrupt' });
  });
  it('a PNG whose pixels inflate to fewer rows than its header says is file-type', async () => {
    const short = makePng(1800, 2000);
    // The header of a 1800 × 2325 image (its CRC recomputed) over the data of 2000 rows.
    const b = short.slice();
    new DataView(b.buffer).setUint32(20, 2325);
    new DataView(b.buffer).setUint32(29, crc32(b.subarray(12, 29)));
    const r = await verifyOrder(p, await orderWith(p, b, 'image/png', 1800, 2325), { 'photo-1': b });
    expect(errors(r)).to.deep.equal([['file-type', 'selections.photo.asset.type']]);
  });
  it('a JPEG or a WebP that is a header and nothing else is file-type', async () => {
    for (const [bytes, type] of [[makeJpegHeader(1800, 2325), 'image/jpeg'], [makeWebpHeader('VP8', 1800, 2325), 'image/webp']] as const) {
      const r = await verifyOrder(p, await orderWith(p, bytes, type, 1800, 2325), { 'photo-1': bytes });
      expect(errors(r), type).to.deep.equal([['file-type', 'selections.photo.asset.type']]);
    }
  });
  it('real PNG, JPEG and WebP files pass', async () => {
    const j = await loadExample('classic-tee');
    const photo = j.components.find((c: { id: string }) => c.id === 'photo');
    delete photo.minDpi; // the tiny JPEG and WebP are 16 × 8
    const r0 = parseProduct(j);
    if (!r0.ok) throw new Error('product');
    const p = r0.product;
    for (const [bytes, type, w, h] of [[makePng(1800, 2325), 'image/png', 1800, 2325], [tinyJpeg(), 'image/jpeg', 16, 8], [tinyWebp(), 'image/webp', 16, 8]] as const) {
      const r = await verifyOrder(p, await orderWith(p, bytes, type, w, h), { 'photo-1': bytes });
      expect(errors(r), type).to.deep.equal([]);
    }
  });
  it('a decode bomb is refused by its pixel count before any decoding', async () => {
    const bomb = pngHeaderClaiming(100_000, 100_000);
    const o = await orderWith(p, makePng(1800, 2325), 'image/png', 1800, 2325);
    (o.selections.photo as any).asset = { ...(o.selections.photo as any).asset, width: 100_000, height: 100_000, bytes: bomb.byteLength, sha256: await sha256Hex(bomb) };
    const t0 = performance.now();
    const r = await verifyOrder(p, o, { 'photo-1': bomb });
    expect(performance.now() - t0).to.be.lessThan(1000);
    expect(errors(r).map((e) => e[0])).to.include('too-many-pixels');
  });
  it('a preview that is not a decodable PNG is file-type', async () => {
    const o = clone(await buildOrder(p, { size: 'M' }, { previews: [{ view: 'front', key: 'preview-front', width: 300, height: 200 }] }));
    expect(errors(await verifyOrder(p, o, { 'preview-front': makePng(300, 200) }))).to.deep.equal([]);
    expect(errors(await verifyOrder(p, o, { 'preview-front': garbageIdat(makePng(300, 200)) }))).to.deep.equal([['file-type', 'previews.0.key']]);
  });
});

describe('verifyOrder: the order schema refuses unknown fields and bounds depth', function () {
  this.timeout(20_000);
  let p: Product;
  let order: Order;
  before(async () => {
    p = await tee();
    order = clone(await buildOrder(p, { size: '2XL', 'front-text': { text: 'Hi' } }, { previews: [{ view: 'front', key: 'pv', width: 10, height: 10 }] }));
  });

  it('an order built by buildOrder, with every SPEC §5 field, verifies', async () => {
    expect(Object.keys(order).sort()).to.deep.equal(['createdAt', 'locale', 'orderId', 'previews', 'price', 'product', 'properties', 'schemaVersion', 'selections', 'summary']);
    expect((await verifyOrder(p, order)).issues.filter((i) => i.severity === 'error')).to.deep.equal([]);
  });
  it('an unknown field anywhere is invalid-order where it stands', async () => {
    const edits: [(o: any) => void, string][] = [
      [(o) => (o.pad = 'x'.repeat(1000)), 'pad'],
      [(o) => (o.product.extra = 1), 'product.extra'],
      [(o) => (o.price.lines[0].note = 'x'), 'price.lines.0.note'],
      [(o) => (o.price.discount = 5), 'price.discount'],
      [(o) => (o.summary[0].html = '<b>'), 'summary.0.html'],
      [(o) => (o.previews[0].src = 'file:///etc/passwd'), 'previews.0.src'],
      [(o) => (o.selections['front-text'].pad = 'x'), 'selections.front-text.pad'],
    ];
    for (const [edit, path] of edits) {
      const o = clone(order);
      edit(o);
      const r = await verifyOrder(p, o);
      expect(r.ok, path).to.equal(false);
      expect(errors(r), path).to.deep.include(['invalid-order', path]);
    }
  });
  it('a 100 000-deep value neither throws nor overflows the stack, as an object or as text', async () => {
    const deepText = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    for (const where of ['pad', 'selections']) {
      let deep: unknown = 1;
      for (let k = 0; k < 100_000; k++) deep = { a: deep };
      const o: any = clone(order);
      if (where === 'pad') o.pad = deep;
      else o.selections['front-text'] = { text: 'Hi', transform: deep };
      const r = await verifyOrder(p, o);
      expect(r.ok, where).to.equal(false);
      expect(r.issues[0]).to.deep.include({ code: 'invalid-order' });
      expect(r.issues[0]!.message, where).to.match(/nested too deeply/);
      const asText = JSON.stringify({ ...clone(order), [where === 'pad' ? 'pad' : 'price']: 0 }).replace(/0}$/, `${deepText}}`);
      const t = await verifyOrder(p, asText);
      expect(t.ok, `${where} as text`).to.equal(false);
      expect(t.issues.map((i) => i.code)).to.deep.equal(['invalid-order']);
    }
  });
});

describe('verifyOrder words every issue from the catalogue, in the order\'s locale (issues are data)', () => {
  it('file problems and a hidden selection: message === formatIssue(issue, locale), in en and zh-CN', async () => {
    const raw = clone(await loadExample('classic-tee')) as any;
    raw.components.find((c: any) => c.id === 'photo').maxBytes = 2000;
    raw.rules = [...(raw.rules ?? []), { id: 'no-photo-on-s', when: { '==': [{ var: 'size' }, 'S'] }, then: { hide: ['photo'] } }];
    const r = parseProduct(raw);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const p = r.product;
    const base = await tee(); // orders are built against the tee without the limit and the rule, as a forged client would
    const png = makePng(1800, 2325);
    const cut = png.slice(0, png.length - 20); // truncated
    const cases: [string, Uint8Array, Record<string, unknown>][] = [
      ['truncated PNG', cut, { size: 'M' }],
      ['garbage pixels', garbageIdat(png), { size: 'M' }],
      ['over maxBytes', png, { size: 'M' }],
      ['hidden by a rule', png, { size: 'S' }],
    ];
    const seen = new Set<string>();
    for (const locale of ['en', 'zh-CN']) {
      for (const [label, bytes, sel] of cases) {
        const asset = { key: 'photo-1', name: 'me.png', type: 'image/png', bytes: bytes.byteLength, width: 1800, height: 2325, sha256: await sha256Hex(bytes) };
        const o = clone(await buildOrder(base, { ...sel, photo: { asset } }, { locale })) as any;
        const v = await verifyOrder(p, o, { 'photo-1': bytes });
        expect(v.ok, label).to.equal(false);
        for (const i of v.issues) {
          seen.add(`${locale} ${i.code}`);
          expect(i.message, `${label}: ${i.code}`).to.equal(formatIssue(i, locale));
          if (locale === 'zh-CN') expect(i.message, `${label}: ${i.code} in Chinese`).to.match(/[\u4e00-\u9fff]/);
        }
      }
    }
    for (const locale of ['en', 'zh-CN']) for (const code of ['file-type', 'file-too-large', 'hidden']) expect(seen, `${locale} ${code}`).to.include(`${locale} ${code}`);
  });
});
