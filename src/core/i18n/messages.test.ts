import { expect } from 'chai';
import { buildOrder, formatIssue, formatPath, messagesEn, messagesZhCN, parseProduct, REASONS, verifyOrder } from '../index.js';
import type { Issue, Product, ReasonCode } from '../index.js';
import { makePng } from '../files/fixtures.js';
import { loadExample } from '../../../test/fixtures/examples.js';

const CJK = /[\u3400-\u9fff]/;

/** Every key any sentence reads, so each can be worded without a real issue at hand. */
const SAMPLE: Record<string, unknown> = {
  error: 'Unexpected token', value: 'v', type: 'string', max: 3, min: 1, key: 'k', got: 'text', field: 'color', expected: ['string'],
  minimum: 1, maximum: 3, inclusive: true, origin: 'number', pattern: '/x/', format: 'regex', values: ['a', 'b'], types: ['choice', 'text'],
  version: 2, supported: ['1'], currency: 'XXX', locale: 'xx_YY', what: 'view', id: 'front', first: 0, area: 'front.chest', width: 1,
  height: 2, ratio: 0.5, printWidth: 1, printHeight: 1, unit: 'in', printRatio: 1, suggestHeight: 1, suggestPrintHeight: 2, areas: ['front.chest'],
  minField: 'min', maxField: 'max', options: 2, count: 3, layer: 'front.x', layers: ['front.garment'], default: 2, detail: 'is refused', font: 'Lobster',
  warnDpi: 100, minDpi: 150, operator: 'foo', keys: ['a', 'b'], path: 'a.constructor', rule: 'r1', via: 'when', component: 'size',
  components: ['size', 'color'], var: 'size.x', fields: ['text'], known: ['S', 'M'], option: 'XL', offered: ['Lobster'], hider: 'r2',
  at: 'selections.photo', actual: 1, fields2: [],
};

describe('issue catalogues (en, zh-CN)', () => {
  for (const [code, reasons] of Object.entries(REASONS) as [ReasonCode, readonly string[]][]) {
    it(`word every ${code} sub-code in both languages, zh-CN in Chinese`, () => {
      const en = messagesEn.reasons[code] as Record<string, (p: Record<string, unknown>) => string>;
      const zh = messagesZhCN.reasons[code] as Record<string, (p: Record<string, unknown>) => string>;
      expect(Object.keys(en).sort(), 'en').to.deep.equal([...reasons].sort());
      expect(Object.keys(zh).sort(), 'zh-CN').to.deep.equal([...reasons].sort());
      for (const reason of reasons) {
        const e = en[reason]!({ reason, ...SAMPLE });
        const z = zh[reason]!({ reason, ...SAMPLE });
        expect(e, `${code}/${reason} en`).to.be.a('string').and.not.match(/undefined|\[object Object\]/);
        expect(z, `${code}/${reason} zh-CN`).to.match(CJK).and.not.match(/undefined|\[object Object\]/);
        expect(z, `${code}/${reason}`).to.not.equal(e);
      }
    });
  }

  it('counts with Intl.PluralRules: one and other in English, one form in Chinese', () => {
    const word = (options: number, l: 'en' | 'zh-CN') => formatIssue({ code: 'invalid-product', severity: 'error', path: [], message: '', params: { reason: 'max-above-options', max: 2, options } }, l);
    expect(word(1, 'en')).to.equal('max (2) is more than the 1 option');
    expect(word(3, 'en')).to.equal('max (2) is more than the 3 options');
    expect(word(1, 'zh-CN')).to.equal('max（2）超过了选项数量（1 个）');
    const short = (min: number) => formatIssue({ code: 'too-short', severity: 'error', path: [], message: '', params: { min, length: 0 } }, 'en');
    expect([short(1), short(2)]).to.deep.equal(['Enter at least 1 character.', 'Enter at least 2 characters.']);
  });

  it('a locale without a catalogue words issues in English; a code without sub-code by its code', () => {
    const i: Issue = { code: 'invalid-product', severity: 'error', path: [], message: '', params: { reason: 'no-fonts' } };
    expect(formatIssue(i, 'fr')).to.equal(formatIssue(i, 'en'));
    expect(formatIssue({ code: 'required', severity: 'error', path: [], message: '' }, 'zh-CN')).to.equal('此项为必填项。');
  });
});

/** A broken tee and what parseProduct must say: where, which sub-code, with which params. */
const BAD: { name: string; break: (p: any) => unknown; path: (string | number)[]; reason: string; params: Record<string, unknown>; component?: string }[] = [
  { name: 'a missing field', break: (p) => delete p.currency, path: ['currency'], reason: 'missing-field', params: { field: 'currency' } },
  { name: 'a wrong type', break: (p) => (p.basePrice = '19.99'), path: ['basePrice'], reason: 'wrong-type', params: { expected: ['money'], got: 'text', value: '19.99' } },
  { name: 'an unknown component type', break: (p) => (p.components[1].type = 'slider'), path: ['components', 1, 'type'], reason: 'unknown-type', params: { got: 'text', value: 'slider' } },
  { name: 'a bad id', break: (p) => (p.components[1].id = 'no spaces'), path: ['components', 1, 'id'], reason: 'bad-id', params: { format: 'regex' } },
  { name: 'a bad colour', break: (p) => (p.components[2].colors = ['red']), path: ['components', 2, 'colors', 0], reason: 'bad-color', params: { value: 'red' } },
  { name: 'a negative price', break: (p) => (p.basePrice = -1), path: ['basePrice'], reason: 'too-small', params: { minimum: 0, inclusive: true, origin: 'number' } },
  { name: 'an empty option list', break: (p) => (p.components[1].options = []), path: ['components', 1, 'options'], reason: 'too-small', params: { minimum: 1, origin: 'array', field: 'options' } },
  { name: 'a forbidden key', break: (p) => (p.components[0].constructor = {}), path: ['components', 0, 'constructor'], reason: 'forbidden-key', params: { key: 'constructor' } },
  { name: 'an unknown operator', break: (p) => (p.rules[0].when = { eval: ['x'] }), path: ['rules', 0, 'when', 'eval'], reason: 'unknown-operator', params: { operator: 'eval', rule: 'dark-garment-light-ink' } },
  { name: 'a wrong arity', break: (p) => (p.rules[1].when = { '!=': [1] }), path: ['rules', 1, 'when', '!='], reason: 'rule-arity', params: { operator: '!=', min: 2, max: 2, count: 1 } },
  { name: 'a bad pattern', break: (p) => (p.components[2].pattern = '(a)\\1'), path: ['components', 2, 'pattern'], reason: 'bad-pattern', params: {}, component: 'front-text' },
  { name: 'a proportion mismatch', break: (p) => (p.views[1].areas[0].height = 400), path: ['views', 1, 'areas', 0], reason: 'proportion-mismatch', params: { area: 'back.upper', height: 400 } },
  { name: 'a duplicate component id', break: (p) => (p.components[1].id = 'color'), path: ['components', 1, 'id'], reason: 'duplicate', params: { what: 'component', id: 'color', first: 0 } },
  // The second rule is named; the first not: the repeat is reported at its own index.
  { name: 'a duplicate rule id', break: (p) => p.rules.unshift({ when: true, then: { hide: ['photo'] } }, { ...p.rules[1] }), path: ['rules', 3, 'id'], reason: 'duplicate', params: { what: 'rule', id: 'back-print-surcharge', first: 1 } },
  { name: 'an unknown area', break: (p) => (p.components[3].area = 'front.sleeve'), path: ['components', 3, 'area'], reason: 'unknown-area', params: { area: 'front.sleeve', areas: ['front.chest', 'back.upper'] }, component: 'photo' },
  { name: 'a rule reading no component', break: (p) => (p.rules[0].when = { var: 'colour' }), path: ['rules', 0, 'when'], reason: 'unknown-reference', params: { via: 'when', component: 'colour', rule: 'dark-garment-light-ink' } },
  { name: 'a rule hiding no component', break: (p) => (p.rules[1].then = { hide: ['sleeve'] }), path: ['rules', 1, 'then', 'hide', 0], reason: 'unknown-reference', params: { via: 'hide', component: 'sleeve' } },
  { name: 'a restrict to no option', break: (p) => (p.rules[0].then = { restrict: { size: ['XXXXL'] } }), path: ['rules', 0, 'then', 'restrict', 'size', 0], reason: 'restrict-not-an-option', params: { component: 'size', value: 'XXXXL' }, component: 'size' },
  { name: 'an unknown currency', break: (p) => (p.currency = 'ABC'), path: ['currency'], reason: 'unknown-currency', params: { currency: 'ABC' } },
];

describe('parseProduct issues are data', () => {
  for (const b of BAD) {
    it(`${b.name}: ${b.reason} with its params at ${formatPath(b.path)}, worded in en and zh-CN`, async () => {
      const p = await loadExample('classic-tee');
      b.break(p);
      const r = parseProduct(p);
      const hit = r.issues.find((i) => formatPath(i.path) === formatPath(b.path) && i.params?.reason === b.reason);
      expect(hit, JSON.stringify(r.issues.map((i) => [formatPath(i.path), i.params?.reason]))).to.not.equal(undefined);
      expect(hit!.code).to.equal('invalid-product');
      expect(hit!.params).to.deep.include(b.params);
      if (b.component) expect(hit!.component).to.equal(b.component);
      expect(hit!.message).to.equal(formatIssue(hit!, 'en'));
      // Asked in Chinese, the same problem in Chinese; formatIssue turns one into the other.
      const zh = parseProduct(p, { locale: 'zh-CN' }).issues.find((i) => formatPath(i.path) === formatPath(b.path) && i.params?.reason === b.reason)!;
      expect(zh.message).to.match(CJK).and.equal(formatIssue(hit!, 'zh-CN'));
      expect({ ...zh, message: '' }).to.deep.equal({ ...hit!, message: '' });
    });
  }

  it('text that is not JSON and JSON that is not an object', () => {
    const text = parseProduct('{"id": ');
    expect(text.issues[0]!.params).to.deep.include({ reason: 'not-json-text' });
    expect(parseProduct([1]).issues[0]!.params).to.deep.equal({ reason: 'not-an-object', got: 'list' });
    expect(parseProduct(7, { locale: 'zh-CN' }).issues[0]!.message).to.equal('商品定义应为 JSON 对象，实际为数字 7');
  });
});

describe('verifyOrder issues are data', () => {
  async function setup() {
    const r = parseProduct(await loadExample('classic-tee'));
    const p = (r as { product: Product }).product;
    const png = makePng(1200, 1200);
    const { sha256Hex } = await import('../index.js');
    const asset = { key: 'p1', name: 'me.png', type: 'image/png', bytes: png.byteLength, width: 1200, height: 1200, sha256: await sha256Hex(png) };
    const order = JSON.parse(JSON.stringify(await buildOrder(p, { size: 'M', photo: { asset, transform: { x: 0.5, y: 0.5, rotation: 0, scale: 0.4 } } })));
    return { p, order, png };
  }
  const reasons = (issues: Issue[]) => issues.map((i) => [i.code, i.params?.reason, formatPath(i.path)]);

  it('product-, price- and asset-mismatch and invalid-order each name their sub-code and params', async () => {
    const { p, order, png } = await setup();
    order.product.revision = '0';
    order.price.total += 100;
    order.summary[0].value = 'Purple';
    order.selections.photo.asset.width = 1000;
    const r = await verifyOrder(p, order, { p1: png });
    expect(reasons(r.issues)).to.deep.include.members([
      ['product-mismatch', 'revision', 'product.revision'],
      ['price-mismatch', 'total', 'price'],
      ['invalid-order', 'summary', 'summary'],
      ['asset-mismatch', 'width', 'selections.photo.asset.width'],
    ]);
    const byReason = Object.fromEntries(r.issues.map((i) => [i.params?.reason, i]));
    expect(byReason.revision!.params).to.deep.equal({ reason: 'revision', field: 'revision', expected: p.revision, actual: '0' });
    expect(byReason.total!.params).to.deep.equal({ reason: 'total', expected: r.price!.total, actual: r.price!.total + 100 });
    expect(byReason.width!.params).to.deep.equal({ reason: 'width', field: 'width', expected: 1000, actual: 1200 });
    expect(byReason.width!.component).to.equal('photo');
    for (const i of r.issues) {
      expect(i.message, i.code).to.equal(formatIssue(i, 'en'));
      expect(formatIssue(i, 'zh-CN'), i.code).to.match(CJK);
    }
  });

  it('a missing file, a malformed selection and an order of the wrong shape', async () => {
    const { p, order } = await setup();
    const noFile = await verifyOrder(p, order, {});
    expect(noFile.issues.find((i) => i.code === 'asset-mismatch')).to.deep.include({ component: 'photo', params: { reason: 'no-file', field: 'file', key: 'p1' } });
    const shape = await verifyOrder(p, { ...order, extra: 1 });
    expect(shape.issues).to.have.length(1);
    expect(shape.issues[0]).to.deep.include({ code: 'invalid-order', path: ['extra'], params: { reason: 'unknown-field', field: 'extra', at: '' }, message: 'unknown field "extra" at the top level' });
    const malformed = await verifyOrder(p, { ...order, selections: { ...order.selections, size: 3 } });
    expect(malformed.issues.find((i) => i.code === 'invalid-order')).to.deep.include({ component: 'size', path: ['selections', 'size'], params: { reason: 'expected-option' } });
    const zh = await verifyOrder(p, { ...order, locale: 'zh-CN', extra: 1 });
    // An order in Chinese gets its problems in Chinese.
    expect(zh.issues[0]!.message).to.equal('顶层有未知字段“extra”');
  });
});
