import { expect } from 'chai';
import fc from 'fast-check';
import { buildOrder, evaluate, parseProduct, verifyOrder } from './index.js';
import type { Product } from './index.js';
import { loadExample, EXAMPLES } from '../../test/fixtures/examples.js';

/**
 * Property tests. `npm test` runs a few hundred cases per property in Node and in Chromium;
 * `npm run fuzz` runs 100 000 (FUZZ_RUNS) in Node.
 */
const env = typeof process !== 'undefined' ? (process.env ?? {}) : {};
// Node: 1 000 cases a property in `npm test`; the browser run is a cross-check at 200.
const RUNS = Number(env.FUZZ_RUNS ?? (typeof window === 'undefined' ? 1000 : 200));
const params = (scale = 1) => ({ numRuns: Math.max(20, Math.round(RUNS * scale)), seed: env.FUZZ_SEED ? Number(env.FUZZ_SEED) : undefined });

const id = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}$/);

/** A valid product: choices (some options disabled), texts, toggles, an image; rules that hide, require, restrict and price. */
const productArb = fc
  .record({
    choices: fc.array(fc.record({ n: fc.integer({ min: 1, max: 5 }), price: fc.integer({ min: 0, max: 2000 }), disabled: fc.integer({ min: -1, max: 4 }), required: fc.boolean(), multi: fc.boolean() }), { minLength: 1, maxLength: 4 }),
    texts: fc.array(fc.record({ maxLength: fc.integer({ min: 1, max: 40 }), perChar: fc.integer({ min: 0, max: 50 }), free: fc.integer({ min: 0, max: 5 }), required: fc.boolean() }), { maxLength: 3 }),
    toggles: fc.array(fc.record({ price: fc.integer({ min: 0, max: 999 }) }), { minLength: 1, maxLength: 3 }),
    image: fc.boolean(),
    rules: fc.array(fc.record({ kind: fc.constantFrom('hide', 'require', 'restrict', 'price', 'error'), a: fc.nat(), b: fc.nat(), amount: fc.integer({ min: -500, max: 500 }) }), { maxLength: 5 }),
    base: fc.integer({ min: 0, max: 100_000 }),
  })
  .map((g) => {
    const components: any[] = [];
    g.choices.forEach((c, i) => {
      const options = Array.from({ length: c.n }, (_, k) => ({ value: `o${k}`, label: `Option ${k}`, ...(k % 2 ? { price: c.price } : {}), ...(k === c.disabled && k > 0 ? { disabled: true } : {}) }));
      const multi = c.multi && c.n > 1;
      components.push({ id: `choice${i}`, type: 'choice', label: `Choice ${i}`, options, required: c.required, ...(multi ? { max: c.n, min: 0 } : { default: 'o0' }) });
    });
    g.texts.forEach((t, i) => components.push({ id: `text${i}`, type: 'text', label: `Text ${i}`, area: 'v.a', maxLength: t.maxLength, required: t.required, price: { perCharacter: t.perChar, free: t.free } }));
    g.toggles.forEach((t, i) => components.push({ id: `toggle${i}`, type: 'toggle', label: `Toggle ${i}`, price: t.price }));
    if (g.image) components.push({ id: 'photo', type: 'image', label: 'Photo', area: 'v.a', price: 300 });
    const toggles = g.toggles.map((_, i) => `toggle${i}`);
    const others = components.map((c) => c.id).filter((c) => !c.startsWith('toggle'));
    const rules = g.rules.map((r, i) => {
      const when = { var: toggles[r.a % toggles.length] };
      const target = others[r.b % Math.max(1, others.length)];
      switch (r.kind) {
        case 'hide': return target ? { id: `r${i}`, when, then: { hide: [target] } } : { id: `r${i}`, when, then: { price: { amount: r.amount, label: 'x' } } };
        case 'require': return target ? { id: `r${i}`, when, then: { require: [target] } } : { id: `r${i}`, when, then: { error: 'no' } };
        case 'restrict': return { id: `r${i}`, when, then: { restrict: { choice0: ['o0'] } } };
        case 'price': return { id: `r${i}`, when, then: { price: { amount: r.amount, label: 'Rule price' } } };
        default: return { id: `r${i}`, when: { and: [when, { '==': [{ var: 'choice0' }, 'o1'] }] }, then: { error: 'Not this combination' } };
      }
    });
    return {
      schemaVersion: 1, id: 'generated', revision: '1', name: 'Generated', currency: 'USD', basePrice: g.base,
      views: [{ id: 'v', label: 'V', width: 400, height: 400, layers: [], areas: [{ id: 'a', x: 50, y: 50, width: 300, height: 300, print: { width: 10, height: 10, unit: 'in', dpi: 300 } }] }],
      components, rules,
    };
  });

/** Selections for a product: each component maybe set to something plausible. */
const selectionsFor = (p: Product) =>
  fc.record(
    Object.fromEntries(
      p.components.map((c) => {
        switch (c.type) {
          case 'choice': {
            const values = c.options.map((o) => o.value);
            return [c.id, (c.max ?? 1) > 1 ? fc.option(fc.subarray(values), { nil: undefined }) : fc.option(fc.constantFrom(...values), { nil: undefined })];
          }
          case 'text':
            return [c.id, fc.option(fc.record({ text: fc.string({ maxLength: 30 }) }), { nil: undefined })];
          case 'toggle':
            return [c.id, fc.option(fc.boolean(), { nil: undefined })];
          default:
            return [c.id, fc.option(fc.record({ asset: fc.record({ key: fc.constant('k1'), name: fc.constant('a.png'), type: fc.constant('image/png'), bytes: fc.integer({ min: 1, max: 9e6 }), width: fc.integer({ min: 3000, max: 6000 }), height: fc.integer({ min: 3000, max: 6000 }), sha256: fc.constant('a'.repeat(64)) }) }), { nil: undefined })];
        }
      }),
    ),
    { requiredKeys: [] },
  );

const parsed = (json: unknown): Product => {
  const r = parseProduct(json);
  if (!r.ok) throw new Error(`generator made an invalid product: ${JSON.stringify(r.issues.slice(0, 3))}`);
  return r.product;
};
const stripUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

describe('properties (fast-check)', function () {
  this.timeout(120_000);

  it('parseProduct never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (j) => {
      const r = parseProduct(j);
      return typeof r.ok === 'boolean' && Array.isArray(r.issues);
    }), params());
  });

  it('parseProduct never throws on an example with any part replaced by arbitrary JSON, and locates its errors', async () => {
    const examples = await Promise.all(EXAMPLES.map((n) => loadExample(n)));
    const paths = (v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) => {
      out.push(at);
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, Array.isArray(v) ? Number(k) : k], out);
      return out;
    };
    fc.assert(fc.property(fc.nat(), fc.nat(), fc.jsonValue(), (e, p, value) => {
      const doc = JSON.parse(JSON.stringify(examples[e % examples.length]));
      const all = paths(doc).filter((x) => x.length > 0);
      const path = all[p % all.length]!;
      let cur = doc;
      for (const seg of path.slice(0, -1)) cur = cur[seg];
      cur[path[path.length - 1]!] = value;
      const r = parseProduct(doc);
      for (const i of r.issues) if (!Array.isArray(i.path) || typeof i.message !== 'string' || !i.message) return false;
      return typeof r.ok === 'boolean';
    }), params());
  });

  it('evaluate is deterministic, its total is the sum of its lines, and it never throws for any selections', () => {
    fc.assert(fc.property(productArb, fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 3 })), (json, junk) => {
      const p = parsed(json);
      for (const sel of [junk, Object.fromEntries(p.components.map((c) => [c.id, junk[Object.keys(junk)[0] ?? ''] ?? null]))]) {
        const a = evaluate(p, sel);
        const b = evaluate(p, sel);
        if (JSON.stringify(a) !== JSON.stringify(b)) return false;
        if (a.price.total !== a.price.base + a.price.lines.reduce((s, l) => s + l.amount, 0)) return false;
        if (!a.price.lines.every((l) => Number.isInteger(l.amount))) return false;
      }
      return true;
    }), params());
  });

  it('for any valid product and valid selections, verifyOrder(buildOrder(...)) is ok; any single tampering is refused', async () => {
    let orders = 0;
    let hiddenTampers = 0;
    await fc.assert(
      fc.asyncProperty(productArb.chain((json) => fc.tuple(fc.constant(json), selectionsFor(parsed(json)))), fc.nat(), async ([json, sel0], which) => {
        const p = parsed(json);
        const sel = stripUndefined(sel0);
        const ev = evaluate(p, sel);
        if (!ev.valid) return true; // only valid designs become orders
        const order = JSON.parse(JSON.stringify(await buildOrder(p, sel)));
        const ok = await verifyOrder(p, order);
        if (!ok.ok) throw new Error(`a valid order was refused: ${JSON.stringify(ok.issues)}`);

        const hiddenId = Object.entries(ev.components).find(([, s]) => !s.visible)?.[0];
        const disabled = p.components.find((c) => c.type === 'choice' && (c.max ?? 1) === 1 && c.options.some((o) => o.disabled));
        const changes: [string, (t: any) => void][] = [
          ['price total', (t) => (t.price.total += 1 + (which % 100))],
          ['price line', (t) => (t.price.lines = [...t.price.lines, { label: 'free', amount: -1 }])],
          ['revision', (t) => (t.product.revision = '2')],
          ['product id', (t) => (t.product.id = 'other')],
          ['hash', (t) => (t.product.hash = 'f'.repeat(64))],
          ...(hiddenId ? [['hidden', (t: any) => (t.selections[hiddenId] = p.components.find((c) => c.id === hiddenId)!.type === 'toggle' ? true : { text: 'x' })] as [string, (t: any) => void]] : []),
          ...(disabled && disabled.type === 'choice' ? [['disabled option', (t: any) => (t.selections[disabled.id] = disabled.options.find((o) => o.disabled)!.value)] as [string, (t: any) => void]] : []),
        ];
        orders++;
        for (const [what, change] of changes) {
          const tampered = JSON.parse(JSON.stringify(order));
          change(tampered);
          if (what === 'hidden') hiddenTampers++;
          const r = await verifyOrder(p, tampered);
          if (r.ok) throw new Error(`tampering with the ${what} was accepted`);
        }
        return true;
      }),
      params(0.5),
    );
    // The property must have exercised real orders, not only designs it skipped as invalid.
    expect(orders, 'valid orders built and tampered').to.be.greaterThan(params(0.5).numRuns * 0.3);
    expect(hiddenTampers, 'hidden-component tampering exercised').to.be.greaterThan(0);
  });
});
