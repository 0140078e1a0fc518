import { expect } from 'chai';
import * as z from 'zod/mini';
import { compileValidCheck } from './fast.js';
import { Product } from './product.js';
import { EXAMPLES, loadExample } from '../../../test/fixtures/examples.js';

type Json = unknown;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** Every place in `v` (as a path of keys), depth first. */
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}
const REPLACEMENTS: Json[] = [null, '', 'x', 'A'.repeat(101), '-bad', '#12345g', '#1F2A44', '😀', 0, -1, 1.5, 2 ** 53, true, [], [''], {}, { en: 'x' }, 'choice', 'mm'];

/** The product with the value at `path` replaced by `f(old)` (or its key deleted when f returns `DELETE`). */
const DELETE = Symbol('delete');
function mutate(p: Json, path: (string | number)[], f: (old: Json) => Json | typeof DELETE): Json {
  const copy = clone(p);
  if (path.length === 0) return f(copy);
  let parent = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  const next = f(parent[last]);
  if (next === DELETE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = next;
  return copy;
}

describe('compileValidCheck (schema/fast.ts)', () => {
  const valid = compileValidCheck(Product)!;

  it('compiles the product schema (parseProduct takes the shortcut)', () => {
    expect(valid).to.be.a('function');
  });

  for (const name of EXAMPLES) {
    it(`agrees with Product.safeParse on ${name} and on every one-place change of it`, async () => {
      const product = await loadExample(name);
      expect(valid(product)).to.equal(true);
      let checked = 0;
      let refused = 0;
      const agree = (candidate: Json, what: string) => {
        const zod = Product.safeParse(candidate).success;
        expect(valid(candidate), what).to.equal(zod);
        checked++;
        if (!zod) refused++;
      };
      for (const path of paths(product)) {
        const where = JSON.stringify(path);
        agree(mutate(product, path, () => DELETE), `delete ${where}`);
        for (const r of REPLACEMENTS) agree(mutate(product, path, () => clone(r)), `${where} = ${JSON.stringify(r)}`);
        agree(mutate(product, path, (old) => (old && typeof old === 'object' && !Array.isArray(old) ? { ...old, extra: 1 } : old)), `${where} + extra key`);
        agree(mutate(product, path, (old) => (Array.isArray(old) ? [...old, ...old] : old)), `${where} doubled`);
        agree(mutate(product, path, (old) => (Array.isArray(old) ? [] : old)), `${where} emptied`);
      }
      // Both answers occur, or the agreement says little.
      expect(refused).to.be.above(100);
      expect(checked - refused).to.be.above(100);
    });
  }

  it('follows zod on what JSON cannot hold: inherited keys, symbol keys, holes, undefined, NaN', async () => {
    const product = await loadExample('classic-tee');
    const cases: [string, Json][] = [];
    const inherited = clone(product);
    inherited.views[0].areas[0] = Object.assign(Object.create({ extra: 1 }), inherited.views[0].areas[0]);
    cases.push(['an inherited enumerable key', inherited]);
    for (const label of [5, 'Chest']) {
      const inheritedField = clone(product);
      const { label: _, ...rest } = inheritedField.views[0].areas[0];
      inheritedField.views[0].areas[0] = Object.assign(Object.create({ label }), rest);
      cases.push([`a field held by the prototype (${label})`, inheritedField]);
    }
    const symbol = clone(product);
    symbol.rules = [{ when: true, then: { restrict: { [Symbol('s')]: ['x'] } } }];
    cases.push(['a symbol key in a record', symbol]);
    const holes = clone(product);
    holes.views.length += 1;
    cases.push(['a hole in a list', holes]);
    const undef = clone(product);
    undef.fonts = undefined;
    cases.push(['an optional field set to undefined', undef]);
    const undefRequired = clone(product);
    undefRequired.rules = [{ when: undefined, then: {} }];
    cases.push(['a required unknown set to undefined', undefRequired]);
    const absent = clone(product);
    absent.rules = [{ then: {} }];
    cases.push(['a required unknown left out', absent]);
    const nan = clone(product);
    nan.basePrice = NaN;
    cases.push(['NaN', nan]);
    const nullProto = clone(product);
    nullProto.rules = [{ when: true, then: { restrict: Object.assign(Object.create(null), { a: ['x'] }) } }];
    cases.push(['a record without a prototype', nullProto]);
    for (const [what, candidate] of cases) expect(valid(candidate), what).to.equal(Product.safeParse(candidate).success);
    expect(cases.map(([, c]) => valid(c))).to.include(true).and.to.include(false);
  });

  it('counts lengths as zod does (in code points)', () => {
    const s = z.strictObject({ a: z.string().check(z.maxLength(2)), b: z.array(z.string()).check(z.minLength(1)) });
    const check = compileValidCheck(s)!;
    for (const v of [{ a: '😀😀', b: ['x'] }, { a: 'abc', b: ['x'] }, { a: '😀😀😀', b: ['x'] }, { a: '', b: [] }])
      expect(check(v), JSON.stringify(v)).to.equal(s.safeParse(v).success);
  });

  it('leaves to zod what it does not know', () => {
    expect(compileValidCheck(z.looseObject({ a: z.string() }))).to.equal(undefined);
    expect(compileValidCheck(z.strictObject({ a: z.pipe(z.string(), z.transform((s) => s.length)) }))).to.equal(undefined);
    expect(compileValidCheck(z.array(z._default(z.string(), 'x')))).to.equal(undefined);
    expect(compileValidCheck(z.object({ a: z.string() }).check(z.refine(() => true)))).to.equal(undefined);
  });
});
