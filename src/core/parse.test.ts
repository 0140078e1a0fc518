import { expect } from 'chai';
import { parseProduct, productJsonSchema, formatPath } from './index.js';
import type { Issue } from './index.js';
import { EXAMPLES, loadExample } from '../../test/fixtures/examples.js';
import { zodInput } from './parse.js';
import { Product } from './schema/product.js';

const errors = (issues: Issue[]) => issues.filter((i) => i.severity === 'error');
const warnings = (issues: Issue[]) => issues.filter((i) => i.severity === 'warning');

async function expectError(mutate: (p: any) => void, path: (string | number)[], message: RegExp, name: (typeof EXAMPLES)[number] = 'classic-tee') {
  const p = await loadExample(name);
  mutate(p);
  const r = parseProduct(p);
  expect(r.ok, 'should fail').to.equal(false);
  const hit = errors(r.issues).find((i) => formatPath(i.path) === formatPath(path));
  expect(hit, `no error at ${formatPath(path)}; got ${JSON.stringify(r.issues)}`).to.not.equal(undefined);
  expect(hit!.code).to.equal('invalid-product');
  expect(hit!.message).to.match(message);
  return hit!;
}

describe('parseProduct', () => {
  describe('the shared examples', () => {
    for (const name of EXAMPLES) {
      it(`${name} parses with no errors`, async () => {
        const json = await loadExample(name);
        const r = parseProduct(json);
        expect(errors(r.issues)).to.deep.equal([]);
        expect(r.ok).to.equal(true);
        if (r.ok) expect(r.product).to.deep.equal(json, 'nothing added or dropped');
      });
    }
    it('the necklace’s choice display (SPEC §2) is known: kept, no warning', async () => {
      const r = parseProduct(await loadExample('name-necklace'));
      expect(r.ok).to.equal(true);
      expect(warnings(r.issues).map((i) => formatPath(i.path))).to.deep.equal([]);
      if (r.ok) expect((r.product.components[0] as { display?: string }).display).to.equal('swatch');
    });
    it('an unknown field is a located warning, not an error', async () => {
      const p = await loadExample('name-necklace');
      p.components[0].colour = 'gold';
      const r = parseProduct(p);
      expect(r.ok).to.equal(true);
      expect(warnings(r.issues).map((i) => [formatPath(i.path), i.message])).to.deep.equal([['components[0].colour', 'unknown field "colour" is ignored']]);
    });
    it('accepts the JSON text as well as the value', async () => {
      const r = parseProduct(JSON.stringify(await loadExample('engraved-bottle')));
      expect(r.ok).to.equal(true);
    });
  });

  describe('located errors a merchant can act on', () => {
    it('an area no view has names the areas that exist', async () => {
      const e = await expectError((p) => (p.components[2].area = 'front.nowhere'), ['components', 2, 'area'], /area "front.nowhere" does not exist; this product has front.chest, back.upper/);
      expect(e.component).to.equal('front-text');
    });
    it('an area out of its print proportions (SPEC §2) is located, with both ratios and what would fit', async () => {
      const e = await expectError((p) => (p.views[1].areas[0].height = 400), ['views', 1, 'areas', 0],
        /area "back\.upper" is 340 × 400 px \(width : height 0\.85\) but prints 12 × 10\.5 in \(1\.143\).*within 1 %.*340 × 298 px, or its print 12 × 14\.12 in/);
      expect(e.params).to.deep.equal({
        reason: 'proportion-mismatch', area: 'back.upper', width: 340, height: 400, ratio: 0.85, printWidth: 12, printHeight: 10.5, unit: 'in',
        printRatio: 1.143, suggestHeight: 298, suggestPrintHeight: 14.12,
      });
    });
    it('an area keeps its print proportions within 1 %: 1 % passes, 2 % does not', async () => {
      const at = async (printWidth: number) => {
        const p = await loadExample('engraved-bottle');
        Object.assign(p.views[0].areas[0], { width: 100, height: 100, print: { width: printWidth, height: 10, unit: 'mm', dpi: 300 } });
        return errors(parseProduct(p).issues).map((i) => formatPath(i.path));
      };
      expect(await at(10.1)).to.deep.equal([]);
      expect(await at(9.91)).to.deep.equal([]);
      expect(await at(10.2)).to.deep.equal(['views[0].areas[0]']);
      expect(await at(9.8)).to.deep.equal(['views[0].areas[0]']);
    });
    it('a missing required field', () =>
      expectError((p) => delete p.components[3].area, ['components', 3, 'area'], /"area" is required/));
    it('an unknown component type', () =>
      expectError((p) => (p.components[1].type = 'dropdown'), ['components', 1, 'type'], /must be one of "choice", "text", "image", "toggle", got the text "dropdown"/));
    it('a price in major units', () =>
      expectError((p) => (p.basePrice = 19.99), ['basePrice'], /whole number of minor units \(1999 = 19.99\), got the number 19.99/));
    it('a negative option price', () =>
      expectError((p) => (p.components[1].options[4].price = -200), ['components', 1, 'options', 4, 'price'], /0 or more/));
    it('a rule price may be negative (a discount)', async () => {
      const p = await loadExample('classic-tee');
      p.rules[1].then.price.amount = -300;
      expect(parseProduct(p).ok).to.equal(true);
    });
    it('a currency that is not ISO 4217', () => expectError((p) => (p.currency = 'DOLLARS'), ['currency'], /not an ISO 4217 currency code/));
    it('an unsupported schemaVersion says which are supported', () =>
      expectError((p) => (p.schemaVersion = 2), ['schemaVersion'], /schemaVersion 2 is not supported; .* supports 1/));
    it('duplicate component ids', () =>
      expectError((p) => (p.components[1].id = 'color'), ['components', 1, 'id'], /duplicate component id "color"/));
    it('duplicate option values', () =>
      expectError((p) => (p.components[1].options[1].value = 'S'), ['components', 1, 'options', 1, 'value'], /duplicate option value "S"/));
    it('a default that is not an option', () =>
      expectError((p) => (p.components[0].default = 'purple'), ['components', 0, 'default'], /default "purple" is not an option; options are white, heather, navy, black, forest/));
    it('a default that is disabled', () =>
      expectError((p) => (p.components[0].default = 'forest'), ['components', 0, 'default'], /disabled/));
    it('min greater than max', () =>
      expectError((p) => (p.components[3].min = 3), ['components', 3, 'min'], /min \(3\) is greater than max \(2\)/, 'name-necklace'));
    it('max above the number of options', () =>
      expectError((p) => (p.components[3].max = 4), ['components', 3, 'max'], /max \(4\) is more than the 3 options/, 'name-necklace'));
    it('fontSize needs min ≤ default ≤ max', () =>
      expectError((p) => (p.components[2].fontSize.default = 200), ['components', 2, 'fontSize'], /min ≤ default ≤ max/));
    it('a pattern that does not compile as a Unicode regex', () =>
      expectError((p) => (p.components[1].pattern = '^[\\p{Letter+$'), ['components', 1, 'pattern'], /does not compile as a Unicode regular expression/, 'engraved-bottle'));
    it('an effect on a layer that does not exist', () =>
      expectError((p) => (p.components[0].options[1].effects[0].layer = 'front.sleeve'), ['components', 0, 'options', 1, 'effects', 0, 'layer'], /layer "front.sleeve" does not exist/));
    it('a colour that is not #rrggbb', () =>
      expectError((p) => (p.components[2].colors[0] = 'red'), ['components', 2, 'colors', 0], /#rrggbb/));
    it('an image type we cannot read', () =>
      expectError((p) => (p.components[3].accept = ['image/gif']), ['components', 3, 'accept', 0], /cannot be accepted/));
    it('a localised text that is neither a string nor a map', () =>
      expectError((p) => (p.name = 5), ['name'], /a text, or a map of locale to text/));
    it('a rule reading an unknown component lists the components', () =>
      expectError((p) => (p.rules[0].when = { '==': [{ var: 'colour' }, 'navy'] }), ['rules', 0, 'when'], /reads "colour", which is not a component; components are color, size, front-text, photo, back-number/));
    it('a rule with an unknown operator is refused where it stands', async () => {
      const p = await loadExample('engraved-bottle');
      p.rules[0].when = { and: [{ '==': [1, 1] }, { eval: ['x'] }] };
      const r = parseProduct(p);
      expect(r.ok).to.equal(false);
      const hit = errors(r.issues).find((i) => /unknown operator "eval"/.test(i.message));
      expect(hit, JSON.stringify(r.issues)).to.not.equal(undefined);
      expect(hit!.path.slice(0, 3)).to.deep.equal(['rules', 0, 'when']);
      expect(hit!.path).to.include('and');
    });
    it('a rule hiding an unknown component', () =>
      expectError((p) => (p.rules[0].then = { hide: ['sleeve'] }), ['rules', 0, 'then', 'hide', 0], /hides "sleeve", which is not a component/));
    it('a restrict naming an option the choice does not have', () =>
      expectError((p) => (p.rules[0].then.restrict.chain = ['40cm', '60cm']), ['rules', 0, 'then', 'restrict', 'chain', 1], /"60cm", which is not an option/, 'name-necklace'));
    it('a restrict naming a font the text does not offer', () =>
      expectError((p) => (p.rules[0].then = { restrict: { 'engraving.font': ['Comic Sans'] } }), ['rules', 0, 'then', 'restrict', 'engraving.font', 0], /does not offer/, 'engraved-bottle'));
    it('a restrict naming a colour the text does not offer', () =>
      expectError((p) => (p.rules[0].then.restrict['front-text.color'] = ['#00ff00']), ['rules', 0, 'then', 'restrict', 'front-text.color', 0], /does not offer/));
    it('a restrict key that is neither a choice nor <text>.font/.color', () =>
      expectError((p) => (p.rules[0].then.restrict = { 'size.font': ['S'] }), ['rules', 0, 'then', 'restrict', 'size.font'], /restrict keys are a choice's id or "<text id>.font"/));
    it('reports several errors at once', async () => {
      const p = await loadExample('classic-tee');
      p.currency = 'XXXX';
      p.components[2].area = 'nowhere';
      p.components[0].default = 'purple';
      const r = parseProduct(p);
      expect(errors(r.issues).length).to.be.at.least(3);
    });
  });

  describe('never throws', () => {
    const inputs: [string, unknown][] = [
      ['null', null], ['undefined', undefined], ['an array', []], ['a string of garbage', 'not json {'], ['a number', 42],
      ['true', true], ['an empty object', {}], ['a function', () => 1], ['a Date', new Date(0)], ['NaN inside', { schemaVersion: NaN }],
    ];
    for (const [what, input] of inputs) {
      it(`on ${what}`, () => {
        const r = parseProduct(input);
        expect(r.ok).to.equal(false);
        expect(errors(r.issues).length).to.be.greaterThan(0);
        for (const i of r.issues) expect(i.message).to.be.a('string').and.not.equal('');
      });
    }
    it('on 100 000-deep nesting, as a value and as JSON text', () => {
      let deep: unknown = [];
      for (let i = 0; i < 100_000; i++) deep = [deep];
      const r1 = parseProduct({ schemaVersion: 1, rules: deep });
      expect(r1.ok).to.equal(false);
      expect(r1.issues.some((i) => /nested too deeply/.test(i.message))).to.equal(true);
      const text = '['.repeat(100_000) + ']'.repeat(100_000);
      const r2 = parseProduct(text);
      expect(r2.ok).to.equal(false);
    });
    it('on holes and undefined in lists: a hole is a missing item, undefined is not JSON', async () => {
      const p = await loadExample('classic-tee');
      p.views.length += 1;
      const r1 = parseProduct(p);
      expect(r1.ok).to.equal(false);
      expect(errors(r1.issues).map((i) => [formatPath(i.path), i.params?.reason])).to.deep.equal([[`views[${p.views.length - 1}]`, 'missing-field']]);
      const q = await loadExample('classic-tee');
      q.rules = [{ when: { and: [true, , true] }, then: { error: 'x' } }];
      expect(errors(parseProduct(q).issues).map((i) => [formatPath(i.path), i.params?.reason])).to.deep.equal([['rules[0].when.and[1]', 'rule-not-json']]);
      q.rules = [{ when: { and: [true, undefined] }, then: { error: 'x' } }];
      expect(errors(parseProduct(q).issues).map((i) => [formatPath(i.path), i.params?.reason])).to.deep.equal([['rules[0].when.and[1]', 'not-json-value']]);
    });
    it('copies a list of a subclass of Array into a plain array', async () => {
      class Locales extends Array<string> {}
      const p = await loadExample('classic-tee');
      p.locales = Locales.from(['en']);
      const r = parseProduct(p);
      expect(r.ok).to.equal(true);
      if (r.ok) expect(Object.getPrototypeOf(r.product.locales)).to.equal(Array.prototype);
    });
    it('on a cyclic object', () => {
      const a: any = { schemaVersion: 1 };
      a.self = a;
      expect(parseProduct(a).ok).to.equal(false);
    });
    it('on megabytes of JSON', async () => {
      const p = await loadExample('classic-tee');
      const base = p.components[1];
      delete p.rules;
      p.components = Array.from({ length: 3000 }, (_, i) => ({ ...base, id: `c${i}`, options: base.options.map((o: any) => ({ ...o, label: 'x'.repeat(200) })) }));
      const text = JSON.stringify(p);
      expect(text.length).to.be.greaterThan(2_000_000);
      const r = parseProduct(text);
      expect(r.ok).to.equal(true);
    });
  });

  describe('prototype safety', () => {
    it('a "__proto__" key is refused and never reaches a prototype', async () => {
      const p = await loadExample('classic-tee');
      const text = JSON.stringify(p).replace('"schemaVersion":1', '"__proto__":{"polluted":true},"schemaVersion":1');
      const r = parseProduct(text);
      expect(r.ok).to.equal(false);
      expect(r.issues[0]!.path).to.deep.equal(['__proto__']);
      expect(({} as any).polluted).to.equal(undefined);
    });
    it('"constructor" and "prototype" keys are refused too', async () => {
      const p = await loadExample('classic-tee');
      p.components[0].constructor = { prototype: { x: 1 } };
      const r = parseProduct(JSON.parse(JSON.stringify(p).replace('"id":"color"', '"constructor":{"prototype":{}},"id":"color"')));
      expect(r.ok).to.equal(false);
      expect(formatPath(r.issues[0]!.path)).to.equal('components[0].constructor');
    });
  });

  describe('lint warnings (product still usable)', () => {
    it('a rule comparing a choice with a value it does not have can never fire', async () => {
      const p = await loadExample('classic-tee');
      p.rules[0].when = { in: [{ var: 'color' }, ['navy', 'purple']] };
      const r = parseProduct(p);
      expect(r.ok).to.equal(true);
      const w = warnings(r.issues);
      expect(w).to.have.length(1);
      expect(w[0]!.path).to.deep.equal(['rules', 0, 'when']);
      expect(w[0]!.message).to.match(/"purple", which is not one of its options .* can never match/);
    });
    it('a restrict that leaves nothing allowed', async () => {
      const p = await loadExample('classic-tee');
      p.rules[0].then.restrict = { color: ['forest'] };
      const r = parseProduct(p);
      expect(r.ok).to.equal(true);
      expect(warnings(r.issues).some((i) => /leaves no option of "color"/.test(i.message))).to.equal(true);
    });
    it('an option no rule can ever make valid', async () => {
      const p = await loadExample('name-necklace');
      p.rules[0].when = true;
      const r = parseProduct(p);
      expect(r.ok).to.equal(true);
      expect(warnings(r.issues).some((i) => /option "50cm" of "chain" can never be chosen/.test(i.message))).to.equal(true);
    });
    it('a price rule on a component another rule can hide', async () => {
      const p = await loadExample('classic-tee');
      p.rules.push({ id: 'no-back', when: { '==': [{ var: 'size' }, 'S'] }, then: { hide: ['back-number'] } });
      const r = parseProduct(p);
      expect(r.ok).to.equal(true);
      expect(warnings(r.issues).some((i) => /prices on "back-number", which rule "no-back" can hide/.test(i.message))).to.equal(true);
    });
    it('a rule reading a field a text does not have', async () => {
      const p = await loadExample('engraved-bottle');
      p.rules[0].when = { '>': [{ var: 'engraving.size' }, 20] };
      const r = parseProduct(p);
      expect(warnings(r.issues).some((i) => /a text has text, length, lines, font, color, fontSize/.test(i.message))).to.equal(true);
    });
  });

  describe('zod reads only the items that are not valid on their own (zodInput)', () => {
    const zodIssues = (p: unknown) => {
      const r = Product.safeParse(p);
      return r.success ? [] : r.error.issues;
    };
    for (const name of EXAMPLES) {
      it(`finds the same issues as in the whole ${name} after every one-place change of a view, component or rule`, async () => {
        const product = await loadExample(name);
        let faulty = 0;
        const each = (key: 'views' | 'components' | 'rules', change: (item: any) => void) => {
          for (let i = 0; i < (product[key]?.length ?? 0); i++) {
            const p = JSON.parse(JSON.stringify(product));
            change(p[key][i]);
            const issues = zodIssues(p);
            expect(zodIssues(zodInput(p)), `${key}[${i}]`).to.deep.equal(issues);
            if (issues.length) faulty++;
          }
        };
        for (const key of ['views', 'components', 'rules'] as const) {
          each(key, (item) => delete item.id);
          each(key, (item) => (item.label = 7));
          each(key, (item) => (item.extra = true));
          each(key, (item) => (item.type = 'dial'));
          each(key, (item) => (item.then = { hide: 'x' }));
          each(key, (item) => (item.areas = [{ id: 'a b' }]));
          each(key, (item) => (item.options = []));
          each(key, (item) => Object.keys(item).forEach((k) => (item[k] = null)));
        }
        const p = JSON.parse(JSON.stringify(product));
        p.components.push(42, [], { type: 'toggle' });
        p.views.length += 1;
        p.extra = 1;
        expect(zodIssues(zodInput(p))).to.deep.equal(zodIssues(p));
        expect(faulty).to.be.above(10);
      });
    }
    it('stands in nothing for a list that is not a list', async () => {
      const p = await loadExample('classic-tee');
      p.components = { a: 1 };
      expect(zodIssues(p)).to.have.length.above(0);
      expect(zodIssues(zodInput(p))).to.deep.equal(zodIssues(p));
    });
  });

  describe('productJsonSchema', () => {
    it('is a JSON Schema generated from the zod schema', () => {
      const s = productJsonSchema as any;
      expect(s.$schema).to.match(/json-schema.org/);
      expect(s.required).to.include.members(['schemaVersion', 'id', 'views', 'components']);
      expect(s.properties.components.type).to.equal('array');
      expect(JSON.stringify(s)).to.include('minor units');
    });
  });
});
