import { expect } from 'chai';
import { buildOrder, canonicalJson, evaluate, OrderError, parseProduct, productHash, sha256Hex, verifyOrder } from '../index.js';
import type { Order, Product } from '../index.js';
import { makeGif, makePng } from '../files/fixtures.js';
import { loadExample } from '../../../test/fixtures/examples.js';

async function tee(): Promise<Product> {
  const r = parseProduct(await loadExample('classic-tee'));
  if (!r.ok) throw new Error('tee');
  return r.product;
}
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const codes = (r: { issues: { code: string; severity: string }[] }) => r.issues.filter((i) => i.severity === 'error').map((i) => i.code);
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('canonicalJson and the product hash', () => {
  it('sorts keys by code unit, writes no white space, numbers as ECMAScript does', () => {
    expect(canonicalJson({ b: [1, { z: 1, a: '\u20ac' }], a: null, '\u00e9': 1e21, A: 0.1, c: -0 })).to.equal('{"A":0.1,"a":null,"b":[1,{"a":"€","z":1}],"c":0,"é":1e+21}');
  });
  it('is the SHA-256 of the canonical JSON without $schema, whatever the key order', async () => {
    const p = await loadExample('engraved-bottle');
    const h = await productHash(parseProduct(p).ok ? (parseProduct(p) as any).product : p);
    const reordered = Object.fromEntries(Object.entries(p).reverse());
    const r = parseProduct({ ...reordered, $schema: 'elsewhere.json' });
    expect(r.ok).to.equal(true);
    expect(await productHash((r as any).product)).to.equal(h);
    const { $schema: _s, ...rest } = p as Record<string, unknown>;
    expect(h).to.equal(await sha256Hex(utf8(canonicalJson(rest))));
    expect(h).to.match(/^[0-9a-f]{64}$/);
  });
});

describe('buildOrder', () => {
  it('builds the order of SPEC §5 with defaults written out and empty parts left out', async () => {
    const p = await tee();
    const order = await buildOrder(p, { size: 'L', 'front-text': { text: 'Alex', font: 'Lobster' }, 'back-number': { text: '' } }, { createdAt: '2026-11-25T10:00:00Z' });
    expect(order.schemaVersion).to.equal(1);
    expect(order.orderId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(order.createdAt).to.equal('2026-11-25T10:00:00.000Z');
    expect(order.product).to.deep.equal({ id: 'classic-tee', revision: '2026-11-01', hash: await productHash(p) });
    expect(order.selections).to.deep.equal({ color: 'white', size: 'L', 'front-text': { text: 'Alex', font: 'Lobster', color: '#1b1b1b', fontSize: 64 } });
    expect(order.summary).to.deep.equal([
      { component: 'color', label: 'Colour', value: 'White' },
      { component: 'size', label: 'Size', value: 'L' },
      { component: 'front-text', label: 'Front text', value: 'Alex' },
    ]);
    expect(order.properties).to.deep.equal({ Colour: 'White', Size: 'L', 'Front text': 'Alex' });
    expect(order.price.total).to.equal(1999);
    expect(order.locale).to.equal('en');
    expect(JSON.parse(JSON.stringify(order))).to.deep.equal(order);
  });
  it('words the summary in the order’s locale', async () => {
    const order = await buildOrder(await loadExample('name-necklace'), { name: 'Anna', charms: ['heart', 'star'] }, { locale: 'zh-CN' });
    expect(order.properties).to.deep.equal({ 材质: '纯银', 链长: '45 cm', 名字: 'Anna', 小挂饰: '爱心、星星' });
  });
  it('refuses an invalid design with the issues', async () => {
    try {
      await buildOrder(await tee(), {});
      expect.fail('should reject');
    } catch (e) {
      expect(e).to.be.instanceOf(OrderError);
      expect((e as OrderError).issues.map((i) => i.code)).to.deep.equal(['required']);
    }
  });
});

describe('verifyOrder', () => {
  let p: Product;
  let order: Order;
  before(async () => {
    p = await tee();
    order = await buildOrder(p, { size: '2XL', color: 'navy', 'front-text': { text: 'Hi' }, 'back-number': '7' });
  });

  it('accepts the order buildOrder made and recomputes its price', async () => {
    const r = await verifyOrder(p, order);
    expect(r.issues).to.deep.equal([]);
    expect(r.ok).to.equal(true);
    expect(r.price).to.deep.equal(evaluate(p, order.selections).price);
  });
  it('accepts the raw product JSON and the order as text', async () => {
    const r = await verifyOrder(await loadExample('classic-tee'), JSON.stringify(order));
    expect(r.ok).to.equal(true);
  });
  it('a lowered price is price-mismatch', async () => {
    const o = clone(order);
    o.price.total = 999;
    const r = await verifyOrder(p, o);
    expect(codes(r)).to.deep.equal(['price-mismatch']);
    expect(r.price!.total).to.equal(2599); // 1999 + 2XL 200 + back print 400
  });
  it('a removed price line is price-mismatch even when the total is kept', async () => {
    const o = clone(order);
    o.price.lines = o.price.lines.slice(1);
    expect(codes(await verifyOrder(p, o))).to.deep.equal(['price-mismatch']);
  });
  it('another product, revision or hash is product-mismatch', async () => {
    for (const [field, value] of [['id', 'other'], ['revision', '2020'], ['hash', 'f'.repeat(64)]] as const) {
      const o = clone(order);
      (o.product as any)[field] = value;
      const r = await verifyOrder(p, o);
      expect(codes(r), field).to.deep.equal(['product-mismatch']);
      expect(r.issues[0]!.params).to.deep.include({ field });
    }
  });
  it('a selection for a hidden component is refused', async () => {
    const hiding = await loadExample('classic-tee');
    hiding.rules.push({ id: 'no-back-on-white', when: { '==': [{ var: 'color' }, 'white'] }, then: { hide: ['back-number'] } });
    const r0 = parseProduct(hiding);
    if (!r0.ok) throw new Error('product');
    const o = await buildOrder(r0.product, { size: 'M', color: 'white' });
    o.selections['back-number'] = { text: '9', color: '#1b1b1b', fontSize: 220, font: 'Bebas Neue' };
    const r = await verifyOrder(r0.product, o);
    expect(codes(r)).to.include('hidden');
    expect(r.ok).to.equal(false);
  });
  it('a disabled option is not-allowed', async () => {
    const o = clone(order);
    o.selections.color = 'forest';
    const r = await verifyOrder(p, o);
    expect(codes(r)).to.include('not-allowed');
  });
  it('a summary or property that does not match the selections is refused', async () => {
    const o = clone(order);
    o.properties['Front text'] = 'Something else';
    expect(codes(await verifyOrder(p, o))).to.deep.equal(['invalid-order']);
  });
  it('a malformed order is invalid-order and never throws', async () => {
    for (const bad of [null, undefined, 'nope', 42, [], {}, { ...clone(order), orderId: 'x' }, { ...clone(order), selections: [] }, { ...clone(order), schemaVersion: 2 }]) {
      const r = await verifyOrder(p, bad);
      expect(r.ok).to.equal(false);
      expect(codes(r)).to.include('invalid-order');
    }
  });
  it('an invalid product is invalid-product', async () => {
    const r = await verifyOrder({ id: 'x' }, order);
    expect(r.ok).to.equal(false);
    expect(codes(r)[0]).to.equal('invalid-product');
  });

  describe('with files', () => {
    let png: Uint8Array;
    let withPhoto: Order;
    before(async () => {
      png = makePng(1800, 2325);
      withPhoto = await buildOrder(p, {
        size: 'M',
        photo: { asset: { key: 'photo-1', name: 'me.png', type: 'image/png', bytes: png.byteLength, width: 1800, height: 2325, sha256: await sha256Hex(png) } },
      });
    });
    it('accepts the real file, and recomputes the low-resolution warning from its dimensions', async () => {
      const r = await verifyOrder(p, withPhoto, { 'photo-1': png });
      expect(codes(r)).to.deep.equal([]);
      expect(r.ok).to.equal(true);
      expect(r.issues.map((i) => [i.code, i.severity])).to.deep.equal([['low-resolution', 'warning']]);
    });
    it('a missing file is asset-mismatch', async () => {
      expect(codes(await verifyOrder(p, withPhoto, {}))).to.deep.equal(['asset-mismatch']);
    });
    it('other bytes than the order says are asset-mismatch (sha256, size, dimensions)', async () => {
      const other = makePng(1800, 2000);
      const r = await verifyOrder(p, withPhoto, new Map([['photo-1', other]]));
      const fields = r.issues.filter((i) => i.code === 'asset-mismatch').map((i) => i.params!.field);
      expect(fields).to.include.members(['height', 'sha256']);
    });
    it('a GIF renamed .png is file-type, whatever the order claims', async () => {
      const gif = makeGif(1800, 2325);
      const o = clone(withPhoto);
      (o.selections.photo as any).asset = { ...(o.selections.photo as any).asset, bytes: gif.byteLength, sha256: await sha256Hex(gif) };
      const r = await verifyOrder(p, o, { 'photo-1': gif });
      expect(codes(r)).to.include('file-type');
      expect(r.issues.find((i) => i.code === 'file-type')!.params).to.deep.include({ type: 'image/gif' });
    });
    it('an HTML file posing as an image is file-type', async () => {
      const html = utf8('<!doctype html><script>alert(1)</script>');
      const r = await verifyOrder(p, withPhoto, { 'photo-1': html });
      expect(codes(r)).to.include('file-type');
    });
  });
});
