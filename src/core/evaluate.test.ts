import { expect } from 'chai';
import { evaluate, parseProduct } from './index.js';
import { applyLogic } from './rules/logic.js';
import type { Evaluation, Issue } from './index.js';
import { loadExample } from '../../test/fixtures/examples.js';

const SHA = 'a'.repeat(64);
const asset = (over: Record<string, unknown> = {}) => ({ key: 'k1', name: 'me.png', type: 'image/png', bytes: 1000, width: 3600, height: 4650, sha256: SHA, ...over });
const codes = (ev: Evaluation, component?: string) => ev.issues.filter((i) => !component || i.component === component).map((i) => i.code);
const only = (ev: Evaluation, code: string): Issue => {
  const hits = ev.issues.filter((i) => i.code === code);
  expect(hits, JSON.stringify(ev.issues)).to.have.length(1);
  return hits[0]!;
};

async function product(name: 'classic-tee' | 'engraved-bottle' | 'name-necklace', mutate?: (p: any) => void) {
  const json = await loadExample(name);
  mutate?.(json);
  const r = parseProduct(json);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.product;
}

describe('evaluate', () => {
  describe('classic tee', () => {
    it('applies defaults and requires what is required', async () => {
      const p = await product('classic-tee');
      const ev = evaluate(p, {});
      expect(ev.valid).to.equal(false);
      const req = only(ev, 'required');
      expect(req).to.deep.include({ component: 'size', severity: 'error', path: ['size'], message: 'This is required.' });
      expect(ev.components.color).to.deep.include({ visible: true, required: true, value: 'white' });
      expect(ev.components.color!.allowed).to.deep.equal(['white', 'heather', 'navy', 'black']);
      expect(ev.price).to.deep.equal({ currency: 'USD', base: 1999, lines: [], total: 1999 });
    });
    it('prices an option and sums the total', async () => {
      const ev = evaluate(await product('classic-tee'), { size: '2XL' });
      expect(ev.valid).to.equal(true);
      expect(ev.price.lines).to.deep.equal([{ label: 'Size: 2XL', amount: 200, component: 'size', option: '2XL' }]);
      expect(ev.price.total).to.equal(2199);
    });
    it('a disabled option is not-allowed, with its label', async () => {
      const ev = evaluate(await product('classic-tee'), { size: 'M', color: 'forest' });
      const i = only(ev, 'not-allowed');
      expect(i.params).to.deep.include({ value: 'forest', reason: 'disabled', label: 'Forest green' });
      expect(i.message).to.equal('“Forest green” is not available.');
    });
    it('an unknown option value is not-allowed', async () => {
      const ev = evaluate(await product('classic-tee'), { size: 'XXXL' });
      expect(only(ev, 'not-allowed').params).to.deep.include({ value: 'XXXL', reason: 'unknown' });
    });
    it('a restrict rule narrows the text colours and moves the default colour with it', async () => {
      const p = await product('classic-tee');
      const ev = evaluate(p, { size: 'M', color: 'navy', 'front-text': { text: 'Hi' } });
      expect(ev.valid, JSON.stringify(ev.issues)).to.equal(true);
      expect(ev.components['front-text']!.colors).to.deep.equal(['#ffffff', '#f2c94c']);
      expect(ev.components['front-text']!.restrictedBy).to.deep.equal(['dark-garment-light-ink']);
      expect((ev.components['front-text']!.value as any).color).to.equal('#ffffff');
      const bad = evaluate(p, { size: 'M', color: 'navy', 'front-text': { text: 'Hi', color: '#1B1B1B' } });
      const i = only(bad, 'color-not-allowed');
      expect(i.path).to.deep.equal(['front-text', 'color']);
      expect(i.params).to.deep.equal({ color: '#1b1b1b', allowed: ['#ffffff', '#f2c94c'] });
    });
    it('counts grapheme clusters, not code units', async () => {
      const p = await product('classic-tee');
      const ev = evaluate(p, { size: 'M', 'front-text': { text: '👍🏽👨‍👩‍👧🇨🇳经典' } });
      expect((ev.components['front-text']!.value as any).length).to.equal(5);
      const long = evaluate(p, { size: 'M', 'front-text': { text: '👨‍👩‍👧'.repeat(25) } });
      expect(only(long, 'too-long').params).to.deep.equal({ max: 24, length: 25 });
    });
    it('too many lines', async () => {
      const ev = evaluate(await product('classic-tee'), { size: 'M', 'front-text': { text: 'a\nb\nc' } });
      expect(only(ev, 'too-many-lines').params).to.deep.equal({ max: 2, lines: 3 });
    });
    it('a font or size the text does not offer', async () => {
      const ev = evaluate(await product('classic-tee'), { size: 'M', 'front-text': { text: 'Hi', font: 'Comic Sans', fontSize: 10 } });
      expect(codes(ev).sort()).to.deep.equal(['font-not-allowed', 'size-out-of-range']);
      expect(ev.issues.find((i) => i.code === 'size-out-of-range')!.params).to.deep.equal({ size: 10, min: 24, max: 120 });
    });
    it('a pattern failure uses the merchant’s message, in the locale', async () => {
      const p = await product('classic-tee');
      const ev = evaluate(p, { size: 'M', 'back-number': '1a' });
      expect(only(ev, 'pattern').message).to.equal('Digits only');
      const zh = evaluate(p, { size: 'M', 'back-number': '1a' }, { locale: 'zh-CN' });
      expect(only(zh, 'pattern').message).to.equal('只能输入数字');
    });
    it('a conditional surcharge fires on the back number', async () => {
      const ev = evaluate(await product('classic-tee'), { size: 'M', 'back-number': { text: '10' } });
      expect(ev.valid).to.equal(true);
      expect(ev.price.lines).to.deep.equal([{ label: 'Back print', amount: 400, rule: 'back-print-surcharge' }]);
      expect(ev.price.total).to.equal(2399);
      const zh = evaluate(await product('classic-tee'), { size: 'M', 'back-number': { text: '10' } }, { locale: 'zh-CN' });
      expect(zh.price.lines[0]!.label).to.equal('背面印刷');
    });
    it('white space alone counts as no text', async () => {
      const ev = evaluate(await product('classic-tee'), { size: 'M', 'back-number': { text: '   ' } });
      expect(ev.price.total).to.equal(1999);
      expect((ev.components['back-number']!.value as any).text).to.equal('');
    });
    it('a locked item may not move', async () => {
      const ev = evaluate(await product('classic-tee'), { size: 'M', 'back-number': { text: '7', transform: { x: 0.6, y: 0.5, rotation: 0, scale: 1 } } });
      expect(only(ev, 'not-allowed').params).to.deep.equal({ reason: 'locked', locked: ['move'] });
    });
    it('a centre outside the area is outside-area', async () => {
      const ev = evaluate(await product('classic-tee'), { size: 'M', 'front-text': { text: 'Hi', transform: { x: 1.2, y: 0.5, rotation: 0, scale: 1 } } });
      expect(only(ev, 'outside-area').path).to.deep.equal(['front-text', 'transform']);
    });
    describe('images', () => {
      it('computes the placement dpi and warns below warnDpi, errs below minDpi', async () => {
        const p = await product('classic-tee');
        // 12 × 15.5 in area; a 3600 px wide image fitted by width prints at 300 dpi.
        const ok = evaluate(p, { size: 'M', photo: { asset: asset() } });
        expect((ok.components.photo!.value as any).dpi).to.be.closeTo(300, 1e-9);
        expect(ok.valid).to.equal(true);
        expect(ok.price.lines).to.deep.equal([{ label: 'Your image', amount: 500, component: 'photo' }]);
        const warn = evaluate(p, { size: 'M', photo: { asset: asset({ width: 1800, height: 2325 }) } });
        const w = only(warn, 'low-resolution');
        expect(w.severity).to.equal('warning');
        expect(warn.valid).to.equal(true);
        const err = evaluate(p, { size: 'M', photo: { asset: asset({ width: 1800, height: 2325 }), transform: { x: 0.5, y: 0.5, rotation: 0, scale: 2 } } });
        const e = only(err, 'low-resolution');
        expect(e.severity).to.equal('error');
        expect(e.params).to.deep.equal({ dpi: 75, min: 100 });
        expect(e.path).to.deep.equal(['photo', 'transform', 'scale']);
      });
      it('refuses a type, size or pixel count the product does not accept', async () => {
        const p = await product('classic-tee');
        const ev = evaluate(p, { size: 'M', photo: { asset: asset({ type: 'image/gif', bytes: 30_000_000, width: 10000, height: 10000 }) } });
        expect(codes(ev).sort()).to.deep.equal(['file-too-large', 'file-type', 'too-many-pixels']);
      });
      it('a malformed asset is a located invalid-order', async () => {
        const ev = evaluate(await product('classic-tee'), { size: 'M', photo: { asset: { ...asset(), sha256: 'nope' } } });
        expect(only(ev, 'invalid-order').path).to.deep.equal(['photo', 'asset', 'sha256']);
      });
    });
    it('unknown selections are unknown-component; malformed ones invalid-order', async () => {
      const ev = evaluate(await product('classic-tee'), JSON.parse('{"size":"M","sleeve":"long","__proto__":{"x":1},"color":5}'));
      expect(codes(ev).sort()).to.deep.equal(['invalid-order', 'unknown-component', 'unknown-component']);
      expect(({} as any).x).to.equal(undefined);
      // Each carries the component it is about (#14), an unknown one too.
      expect(ev.issues.filter((i) => i.code === 'unknown-component').map((i) => [i.component, i.path, i.params])).to.deep.equal([
        ['sleeve', ['sleeve'], { component: 'sleeve' }],
        ['__proto__', ['__proto__'], { component: '__proto__' }],
      ]);
      expect(ev.issues.find((i) => i.code === 'invalid-order')).to.deep.include({
        component: 'color', path: ['color'], params: { reason: 'expected-option' }, message: 'expected an option value (a text)',
      });
    });
    it('never throws for any selections', async () => {
      const p = await product('classic-tee');
      for (const s of [null, undefined, 1, 'x', [], [1], { size: {} }, { 'front-text': { text: 5, font: 1, transform: 'x' } }, { photo: { asset: null } }, { photo: 3 }]) {
        const ev = evaluate(p, s);
        expect(ev.price.total).to.equal(ev.price.base + ev.price.lines.reduce((a, l) => a + l.amount, 0));
      }
    });
  });

  describe('engraved bottle', () => {
    it('requires the engraving', async () => {
      const ev = evaluate(await product('engraved-bottle'), {});
      expect(only(ev, 'required').path).to.deep.equal(['engraving', 'text']);
    });
    it('charges per character, white space left out, the first ones free', async () => {
      const ev = evaluate(await product('engraved-bottle'), { engraving: { text: 'Happy Birthday Anna' } });
      // 17 characters that are not white space, 10 free → 7 × 25
      expect(ev.price.lines).to.deep.equal([{ label: 'Engraving', amount: 175, component: 'engraving', quantity: 7, unitAmount: 25 }]);
      expect(ev.price.total).to.equal(3375);
    });
    it('runs the pattern per line, with Unicode classes', async () => {
      const p = await product('engraved-bottle');
      expect(evaluate(p, { engraving: { text: 'Für Zoë\n2026' } }).valid).to.equal(true);
      expect(only(evaluate(p, { engraving: { text: 'Hi <b>' } }), 'pattern').message).to.equal("Letters, digits, spaces and . , ' & ! ? - only");
    });
    it('a custom error rule over font and length', async () => {
      const p = await product('engraved-bottle');
      const text = 'Twenty-one characters';
      const ok = evaluate(p, { engraving: { text, font: 'Roboto' } });
      expect(ok.valid).to.equal(true);
      const ev = evaluate(p, { engraving: { text } });
      const i = only(ev, 'rule');
      expect(i).to.deep.include({ component: 'engraving', path: ['rules', 0], message: 'Script engraving is limited to 20 characters' });
      expect(i.params).to.deep.equal({ rule: 'script-font-short' });
    });
    it('a toggle add-on and an option price', async () => {
      const ev = evaluate(await product('engraved-bottle'), { finish: 'sage', engraving: 'Jo', 'gift-box': true });
      expect(ev.price.lines.map((l) => [l.label, l.amount])).to.deep.equal([['Finish: Sage', 300], ['Gift box', 499]]);
      expect(ev.price.total).to.equal(3999);
    });
    it('a malicious pattern only sees text within maxLength', async () => {
      const p = await product('engraved-bottle', (j) => (j.components[1].pattern = '^(a+)+$'));
      const t0 = performance.now();
      const ev = evaluate(p, { engraving: { text: 'a'.repeat(10_000) + '!', font: 'Roboto' } });
      expect(performance.now() - t0).to.be.lessThan(50);
      expect(codes(ev)).to.deep.equal(['too-long']);
    });
  });

  describe('name necklace', () => {
    it('multi-select counts and prices each option', async () => {
      const ev = evaluate(await product('name-necklace'), { name: 'Anna', charms: ['heart', 'star'] });
      expect(ev.valid).to.equal(true);
      expect(ev.price.currency).to.equal('EUR');
      expect(ev.price.lines.map((l) => l.amount)).to.deep.equal([600, 600]);
      const many = evaluate(await product('name-necklace'), { name: 'Anna', charms: ['heart', 'star', 'initial'] });
      expect(only(many, 'too-many').params).to.deep.equal({ max: 2, count: 3 });
    });
    it('too-few below min', async () => {
      const p = await product('name-necklace', (j) => (j.components[3].min = 2));
      expect(only(evaluate(p, { name: 'Anna', charms: ['heart'] }), 'too-few').params).to.deep.equal({ min: 2, count: 1 });
    });
    it('restricts the chain by material', async () => {
      const ev = evaluate(await product('name-necklace'), { name: 'Anna', material: 'gold', chain: '50cm' });
      expect(ev.components.chain!.allowed).to.deep.equal(['40cm', '45cm']);
      expect(only(ev, 'not-allowed').params).to.deep.include({ value: '50cm', reason: 'restricted', rules: ['gold-no-long-chain'] });
    });
    it('an error rule over a multi-select, in each locale', async () => {
      const p = await product('name-necklace');
      const sel = { name: 'Anna', material: 'rose', charms: ['initial'] };
      expect(only(evaluate(p, sel), 'rule').message).to.equal('The initial disc is available in silver only');
      expect(only(evaluate(p, sel, { locale: 'de' }), 'rule').message).to.equal('Das Initialen-Plättchen gibt es nur in Silber');
      expect(only(evaluate(p, sel, { locale: 'zh-CN' }), 'rule').component).to.equal('charms');
    });
    it('too-short and the letters-only pattern', async () => {
      const p = await product('name-necklace');
      expect(codes(evaluate(p, { name: 'A' }))).to.deep.equal(['too-short']);
      expect(codes(evaluate(p, { name: 'Anna1' }))).to.deep.equal(['pattern']);
      expect(evaluate(p, { name: '李小龙' }).valid).to.equal(true);
    });
  });

  describe('rule semantics', () => {
    const base = {
      schemaVersion: 1, id: 'r', revision: '1', name: 'R', currency: 'USD', basePrice: 1000,
      views: [{ id: 'v', label: 'V', width: 100, height: 100, layers: [], areas: [{ id: 'a', x: 0, y: 0, width: 100, height: 100, print: { width: 1, height: 1, unit: 'in', dpi: 300 } }] }],
    };
    const make = (components: unknown[], rules: unknown[]) => {
      const r = parseProduct({ ...base, components, rules });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.product;
    };
    const toggle = (id: string, extra = {}) => ({ id, type: 'toggle', label: id, ...extra });
    const text = (id: string, extra = {}) => ({ id, type: 'text', label: id, area: 'v.a', ...extra });

    it('a hidden component is not required, not priced and reads as absent to other rules', () => {
      const p = make(
        [toggle('plain'), text('msg', { required: true, price: 300 }), toggle('wrap', { price: 100 })],
        [
          { id: 'hide-msg', when: { var: 'plain' }, then: { hide: ['msg'] } },
          { id: 'msg-needs-wrap', when: { '!=': [{ var: 'msg.text', }, null] }, then: { require: ['wrap'] } },
        ],
      );
      const shown = evaluate(p, { msg: 'Hi' });
      expect(shown.components.wrap!.required).to.equal(true);
      expect(codes(shown)).to.deep.equal(['required']);
      const hidden = evaluate(p, { plain: true, msg: 'Hi' });
      expect(hidden.components.msg).to.deep.include({ visible: false, required: false });
      expect(hidden.components.wrap!.required, 'msg reads as absent once hidden').to.equal(false);
      expect(hidden.valid).to.equal(true);
      expect(hidden.price.total).to.equal(1000);
    });
    it('restricts from several rules intersect', () => {
      const p = make(
        [toggle('a'), toggle('b'), { id: 'c', type: 'choice', label: 'C', options: ['x', 'y', 'z'].map((v) => ({ value: v, label: v })) }],
        [
          { when: { var: 'a' }, then: { restrict: { c: ['x', 'y'] } } },
          { when: { var: 'b' }, then: { restrict: { c: ['y', 'z'] } } },
        ],
      );
      expect(evaluate(p, { a: true, b: true }).components.c!.allowed).to.deep.equal(['y']);
      expect(evaluate(p, { a: true }).components.c!.restrictedBy).to.deep.equal(['rules[0]']);
    });
    it('a restrict on a text’s fonts narrows them, and the default font follows', async () => {
      const p = await product('engraved-bottle', (j) =>
        j.rules.push({ id: 'gift-plain-font', when: { var: 'gift-box' }, then: { restrict: { 'engraving.font': ['Roboto'] } } }));
      const ev = evaluate(p, { engraving: 'Jo', 'gift-box': true });
      expect(ev.components.engraving!.fonts).to.deep.equal(['Roboto']);
      expect((ev.components.engraving!.value as any).font).to.equal('Roboto');
      expect(ev.valid).to.equal(true);
      const bad = evaluate(p, { engraving: { text: 'Jo', font: 'Great Vibes' }, 'gift-box': true });
      expect(only(bad, 'font-not-allowed').params).to.deep.equal({ font: 'Great Vibes', allowed: ['Roboto'] });
    });
    it('a rule price may be a discount', () => {
      const p = make([toggle('promo')], [{ id: 'promo', when: { var: 'promo' }, then: { price: { amount: -250, label: 'Promo' } } }]);
      expect(evaluate(p, { promo: true }).price).to.deep.equal({ currency: 'USD', base: 1000, lines: [{ label: 'Promo', amount: -250, rule: 'promo' }], total: 750 });
    });
    it('a required toggle must be on', () => {
      const p = make([toggle('terms', { required: true })], []);
      expect(codes(evaluate(p, {}))).to.deep.equal(['required']);
      expect(evaluate(p, { terms: true }).valid).to.equal(true);
    });
    it('a cycle is reported, not looped', () => {
      // {a,b} → R1 hides a → {b} → R2 sees a absent, hides b → {} → R1 stops → {a,b} again: a loop.
      const p = make(
        [toggle('a'), toggle('b')],
        [
          { id: 'r1', when: { var: 'b' }, then: { hide: ['a'] } },
          { id: 'r2', when: { '!': { var: 'a' } }, then: { hide: ['b'] } },
        ],
      );
      const ev = evaluate(p, { a: true, b: true });
      const i = only(ev, 'rule');
      expect(i.params!.cycle).to.equal(true);
      expect(i.params!.rules).to.have.members(['r1', 'r2']);
      expect(ev.valid).to.equal(false);
    });
    it('a rule hiding what it reads converges or reports, deterministically', () => {
      const p = make([toggle('a')], [{ id: 'self', when: { var: 'a' }, then: { hide: ['a'] } }]);
      const one = evaluate(p, { a: true });
      const two = evaluate(p, { a: true });
      expect(JSON.stringify(one)).to.equal(JSON.stringify(two));
      expect(one.issues.some((i) => i.code === 'rule' && i.params!.cycle === true)).to.equal(true);
    });
    it('`var` cannot reach prototypes: refused at load, null at run time', () => {
      const r = parseProduct({ ...base, components: [toggle('a')], rules: [{ when: { '!=': [{ var: 'a.constructor' }, null] }, then: { error: 'reached' } }] });
      expect(r.ok).to.equal(false);
      expect(r.issues[0]!.message).to.equal('"var" may not read "a.constructor"');
      expect(applyLogic({ var: 'a.constructor' }, { a: true })).to.equal(null);
      expect(applyLogic({ var: 'a.constructor.name' }, { a: {} })).to.equal(null);
    });
    it('reads only the selections\' own keys, whatever their prototype holds', () => {
      const p = make([toggle('a', { price: 100 }), text('t')], []);
      const inherited = Object.create({ a: true, t: 'inherited', ghost: 1 }) as Record<string, unknown>;
      inherited.t = 'own';
      const ev = evaluate(p, inherited);
      expect(ev.components.a!.value).to.equal(false);
      expect((ev.components.t!.value as { text: string }).text).to.equal('own');
      expect(codes(ev)).to.deep.equal([]);
      const proto = Object.prototype as Record<string, unknown>;
      proto.a = true; // an enumerable key on every object's prototype
      try {
        expect(evaluate(p, { t: 'x' })).to.deep.equal(evaluate(p, JSON.parse('{"t":"x"}')));
        expect(evaluate(p, { t: 'x' }).components.a!.value).to.equal(false);
      } finally {
        delete proto.a;
      }
    });
    it('a text\'s value is the caller\'s own: changing it changes no later evaluation', () => {
      const p = make([text('t'), toggle('long')], [{ id: 'l', when: { '>': [{ var: 't.length' }, 3] }, then: { require: ['long'] } }]);
      const one = evaluate(p, { t: 'hello' });
      const value = one.components.t!.value as { text: string; length: number };
      expect(Object.isFrozen(value)).to.equal(false);
      value.text = 'hi';
      value.length = 2;
      const two = evaluate(p, { t: 'hello' });
      expect(two.components.t!.value).to.deep.include({ text: 'hello', length: 5 });
      expect(two.components.t!.value).to.not.equal(one.components.t!.value);
      expect(two.components.long!.required).to.equal(true);
    });
    it('300 components, selections spread anew on every call as a shopper types: the same answers as from a fresh product', () => {
      const components = Array.from({ length: 300 }, (_, i) => (i % 2 ? toggle(`k${i}`, { price: 1 }) : text(`k${i}`, { maxLength: 8 })));
      const rules = [
        { id: 'hide', when: { var: 'k1' }, then: { hide: ['k3', 'k4'] } },
        { id: 'long', when: { '>': [{ var: 'k0.length' }, 4] }, then: { require: ['k5'], price: { amount: 7, label: 'Long' } } },
      ];
      const p = make(components, rules);
      let selections: Record<string, unknown> = {};
      for (const c of components) selections = { ...selections, [c.id]: c.type === 'toggle' ? true : 'ab' };
      for (const typed of ['abc', 'abcd', 'abcde', 'abcdef', 'abcdefghij', 'ab']) {
        selections = { ...selections, k0: typed };
        const ev = evaluate(p, selections);
        expect(ev).to.deep.equal(evaluate(make(components, rules), selections));
        expect(Object.keys(ev.components)).to.deep.equal(components.map((c) => c.id));
        expect(ev.components.k5!.required).to.equal(typed.length > 4);
        expect(codes(ev)).to.deep.equal(typed.length > 8 ? ['too-long'] : []);
      }
    });
    it('a text selection\'s font, color, fontSize and curve: each of the wrong type is invalid-order, in that order; the rest apply', () => {
      const p = make([text('t', { fontSize: { min: 1, max: 100, default: 10 }, curve: { min: -90, max: 90, default: 0 } })], []);
      const bad = evaluate(p, { t: { text: 'Hi', font: 1, color: false, fontSize: '12', curve: Infinity } });
      expect(bad.issues.filter((i) => i.code === 'invalid-order').map((i) => [i.path, i.params!.reason])).to.deep.equal([
        [['t', 'font'], 'font-not-name'], [['t', 'color'], 'color-not-text'], [['t', 'fontSize'], 'font-size-not-number'], [['t', 'curve'], 'curve-not-number'],
      ]);
      expect(bad.components.t!.value).to.deep.include({ color: '#000000', fontSize: 10, curve: 0 });
      const good = evaluate(p, { t: { text: 'Hi', color: '#AbCdEf', fontSize: 12, curve: -30, font: undefined } });
      expect(good.issues.filter((i) => i.code === 'invalid-order')).to.deep.equal([]);
      expect(good.components.t!.value).to.deep.include({ color: '#abcdef', fontSize: 12, curve: -30 });
    });
    it('an implicit maximum of 1000 characters applies without maxLength', () => {
      const p = make([text('t')], []);
      expect(only(evaluate(p, { t: 'x'.repeat(1001) }), 'too-long').params).to.deep.include({ max: 1000 });
    });
  });
});
