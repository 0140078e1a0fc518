/**
 * Curved text in the core (SPEC §2, §3, §4): the selection's `curve`, its default and range, the
 * rule data `<id>.curve`, the `curve-out-of-range` issue, and the order that carries it.
 * Runs in Node and in Chromium.
 */
import { expect } from 'chai';
import { buildOrder, evaluate, formatPath, parseProduct, productJsonSchema, verifyOrder } from './index.js';
import type { Evaluation, Issue, Product } from './index.js';
import { loadExample } from '../../test/fixtures/examples.js';
import { petTagProduct } from '../../test/fixtures/pet-tag.js';

const errors = (ev: { issues: Issue[] }) => ev.issues.filter((i) => i.severity === 'error');
const parsed = (json: unknown): Product => {
  const r = parseProduct(json);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.product;
};
const tag = () => parsed(petTagProduct());
const nameData = (ev: Evaluation) => ev.components.name!.value as { curve: number; text: string };
const OPTS = { orderId: '00000000-0000-4000-8000-0000000000c0', createdAt: '2026-12-02T00:00:00Z' };

describe('curved text (core)', () => {
  describe('the product', () => {
    it('a text’s curve parses and is kept as written', () => {
      const json = petTagProduct();
      const r = parseProduct(json);
      expect(r.ok, JSON.stringify(r.ok ? [] : r.issues)).to.equal(true);
      if (r.ok) expect((r.product.components[0] as { curve?: unknown }).curve).to.deep.equal({ min: -180, max: 180, default: 120 });
    });
    const refused = (curve: unknown, at: string, message: RegExp) => {
      const json = petTagProduct() as any;
      json.components[0].curve = curve;
      const r = parseProduct(json);
      expect(r.ok, 'should fail').to.equal(false);
      const hit = r.ok ? undefined : r.issues.find((i) => i.severity === 'error' && formatPath(i.path) === at);
      expect(hit, `no error at ${at}: ${JSON.stringify(r.ok ? [] : r.issues)}`).to.not.equal(undefined);
      expect(hit!.code).to.equal('invalid-product');
      expect(hit!.message).to.match(message);
      expect(hit!.component ?? 'name').to.equal('name');
    };
    it('min ≤ default ≤ max, else a located invalid-product', () => {
      refused({ min: 0, max: 90, default: 120 }, 'components[0].curve', /curve needs min ≤ default ≤ max, got 0 \/ 120 \/ 90/);
      refused({ min: 100, max: 90, default: 95 }, 'components[0].curve', /min ≤ default ≤ max/);
    });
    it('degrees within -360..360, else a located invalid-product', () => {
      refused({ min: -400, max: 90, default: 0 }, 'components[0].curve.min', /-360 or more/);
      refused({ min: 0, max: 361, default: 0 }, 'components[0].curve.max', /360 or less/);
      refused({ min: 0, max: 90, default: '45' }, 'components[0].curve.default', /number/);
      refused({ min: 0, max: 90 }, 'components[0].curve.default', /required/);
    });
    it('the JSON Schema for editors describes curve', () => {
      const text = JSON.stringify(productJsonSchema);
      expect(text).to.include('"curve"');
      expect(text).to.match(/"minimum":-360/);
      expect(text).to.match(/"maximum":360/);
    });
    it('a rule may read <id>.curve (a field rules know)', () => {
      const r = parseProduct(petTagProduct());
      expect(r.ok).to.equal(true);
      expect(r.issues.filter((i) => /curve/.test(i.message))).to.deep.equal([]);
      const json = petTagProduct() as any;
      json.rules[0].when = { '>': [{ var: 'name.curvature' }, 1] };
      const bad = parseProduct(json);
      expect(bad.issues.some((i) => formatPath(i.path).startsWith('rules[0]') && /curvature/.test(i.message)), JSON.stringify(bad.issues)).to.equal(true);
    });
  });

  describe('evaluate', () => {
    it('takes the component’s default curve when the selection has none', () => {
      const ev = evaluate(tag(), { name: { text: 'Biscuit' } });
      expect(ev.valid, JSON.stringify(ev.issues)).to.equal(true);
      expect(nameData(ev).curve).to.equal(120);
    });
    it('a text without curve in the product reads as 0 (straight)', () => {
      const ev = evaluate(tag(), { name: { text: 'Biscuit' }, phone: { text: '555 0100' } });
      expect((ev.components.phone!.value as { curve: number }).curve).to.equal(0);
      const tee = evaluate(tag(), { name: { text: 'Bo', curve: -45 } });
      expect(nameData(tee).curve).to.equal(-45);
    });
    it('a curve within min..max is valid, ends included; outside it is curve-out-of-range at <id>.curve', () => {
      const p = tag();
      for (const curve of [-180, 0, 33.5, 180]) expect(evaluate(p, { name: { text: 'Bo', curve } }).valid, `${curve}`).to.equal(true);
      for (const curve of [-181, 180.5, 360]) {
        const ev = evaluate(p, { name: { text: 'Bo', curve } });
        const e = errors(ev);
        expect(e.map((i) => i.code), `${curve}`).to.deep.equal(['curve-out-of-range']);
        expect(e[0]).to.deep.include({ component: 'name', path: ['name', 'curve'], params: { curve, min: -180, max: 180 } });
        expect(e[0]!.message).to.equal('Choose a curve from -180° to 180°.');
      }
      const zh = evaluate(p, { name: { text: 'Bo', curve: 200 } }, { locale: 'zh-CN' });
      expect(errors(zh)[0]!.message).to.equal('请选择 -180° 到 180° 之间的弧度。');
    });
    it('a text whose component has no curve may not bend', () => {
      const ev = evaluate(tag(), { name: { text: 'Bo' }, phone: { text: '555', curve: 30 } });
      const e = errors(ev);
      expect(e.map((i) => i.code)).to.deep.equal(['curve-out-of-range']);
      expect(e[0]).to.deep.include({ component: 'phone', path: ['phone', 'curve'], params: { curve: 30, min: 0, max: 0 }, message: 'This text cannot be curved.' });
      expect(evaluate(tag(), { name: { text: 'Bo' }, phone: { text: '555', curve: 0 } }).valid).to.equal(true);
    });
    it('a curve that is not a number is a located invalid-order', () => {
      const ev = evaluate(tag(), { name: { text: 'Bo', curve: '90' } });
      expect(errors(ev).map((i) => [i.code, formatPath(i.path)])).to.deep.equal([['invalid-order', 'name.curve']]);
      const inf = evaluate(tag(), { name: { text: 'Bo', curve: Infinity } });
      expect(errors(inf).map((i) => i.code)).to.deep.equal(['invalid-order']);
    });
    it('rules read <id>.curve: the error rule fires on a long name bent past 150°', () => {
      const p = tag();
      const long = 'Sir Barksalot';
      expect(evaluate(p, { name: { text: long, curve: 150 } }).valid).to.equal(true);
      const ev = evaluate(p, { name: { text: long, curve: 151 } });
      expect(errors(ev).map((i) => [i.code, i.component, i.message])).to.deep.equal([['rule', 'name', 'A name this long cannot bend more than 150°.']]);
      expect(evaluate(p, { name: { text: 'Bo', curve: 170 } }).valid).to.equal(true);
    });
    it('the default curve is what rules see when the shopper has not bent the text', () => {
      const json = petTagProduct() as any;
      json.components[0].curve.default = 160;
      const ev = evaluate(parsed(json), { name: { text: 'Sir Barksalot' } });
      expect(errors(ev).map((i) => i.code)).to.deep.equal(['rule']);
    });
    it('length and maxLength ignore the curve', () => {
      const p = tag();
      const straight = evaluate(p, { name: { text: 'Fifteen letters', curve: 0 } });
      const bent = evaluate(p, { name: { text: 'Fifteen letters', curve: -90 } });
      expect(errors(straight).map((i) => i.code)).to.deep.equal(['too-long']);
      expect(errors(bent).map((i) => i.code)).to.deep.equal(['too-long']);
      expect((bent.components.name!.value as { length: number }).length).to.equal(15);
    });
    it('products without curve read curve 0 and stay valid (the shared examples)', async () => {
      const tee = parsed(await loadExample('classic-tee'));
      const ev = evaluate(tee, { size: 'M', 'front-text': { text: 'Hi' } });
      expect(ev.valid).to.equal(true);
      expect((ev.components['front-text']!.value as { curve: number }).curve).to.equal(0);
    });
  });

  describe('the order', () => {
    it('carries the curve of a text that may bend, its default written out; the summary says it', async () => {
      const p = tag();
      const order = await buildOrder(p, { name: { text: 'Biscuit', curve: -60 }, phone: { text: '555 0100' } }, OPTS);
      expect(order.selections.name).to.deep.equal({ text: 'Biscuit', font: 'Lobster', color: '#2b2118', fontSize: 44, curve: -60 });
      expect(order.selections.phone).to.deep.equal({ text: '555 0100', font: 'Roboto', color: '#2b2118', fontSize: 22 });
      expect(order.summary[0]).to.deep.equal({ component: 'name', label: 'Pet’s name', value: 'Biscuit (curved -60°)' });
      expect(order.properties['Pet’s name']).to.equal('Biscuit (curved -60°)');
      const byDefault = await buildOrder(p, { name: { text: 'Biscuit' } }, { ...OPTS, locale: 'zh-CN' });
      expect((byDefault.selections.name as { curve: number }).curve).to.equal(120);
      expect(byDefault.properties['宠物名字']).to.equal('Biscuit（弧度 120°）');
      const straight = await buildOrder(p, { name: { text: 'Biscuit', curve: 0 } }, OPTS);
      expect(straight.properties['Pet’s name']).to.equal('Biscuit');
      expect((await verifyOrder(p, JSON.parse(JSON.stringify(order)))).ok).to.equal(true);
    });
    it('buildOrder refuses a curve out of range', async () => {
      try {
        await buildOrder(tag(), { name: { text: 'Biscuit', curve: 270 } }, OPTS);
        expect.fail('should reject');
      } catch (e) {
        expect((e as { issues: Issue[] }).issues.map((i) => i.code)).to.deep.equal(['curve-out-of-range']);
      }
    });
    it('verifyOrder refuses an order whose curve was tampered out of range, located in the selections', async () => {
      const p = tag();
      const order = JSON.parse(JSON.stringify(await buildOrder(p, { name: { text: 'Biscuit', curve: 90 } }, OPTS)));
      order.selections.name.curve = 300;
      const r = await verifyOrder(p, order);
      expect(r.ok).to.equal(false);
      const hit = r.issues.find((i) => i.code === 'curve-out-of-range');
      expect(hit).to.deep.include({ component: 'name', path: ['selections', 'name', 'curve'] });
      // Bending a text whose product has no curve is refused as well.
      const straight = JSON.parse(JSON.stringify(await buildOrder(p, { name: { text: 'Biscuit' }, phone: { text: '555' } }, OPTS)));
      straight.selections.phone.curve = 45;
      const r2 = await verifyOrder(p, straight);
      expect(r2.issues.map((i) => i.code)).to.include('curve-out-of-range');
      // A curve changed within range no longer matches the summary the shop saw.
      const moved = JSON.parse(JSON.stringify(await buildOrder(p, { name: { text: 'Biscuit', curve: 90 } }, OPTS)));
      moved.selections.name.curve = 45;
      const r3 = await verifyOrder(p, moved);
      expect(r3.issues.map((i) => [i.code, formatPath(i.path)])).to.deep.include(['invalid-order', 'summary']);
    });
  });
});
