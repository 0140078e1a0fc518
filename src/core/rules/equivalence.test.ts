/**
 * Our compiled engine against the reference, json-logic-js 2.0.5, in the same engine: the rule
 * suite (logic-cases.ts) and random rules over every allowed operator, in Node and in Chromium.
 */
import { expect } from 'chai';
import * as fc from 'fast-check';
import { applyLogic, compileLogic, OPERATORS } from './logic.js';
import { LOGIC_CASES } from './logic-cases.js';

interface JsonLogic { apply(logic: unknown, data?: unknown): unknown }
let jsonLogic: JsonLogic;

/**
 * json-logic-js is a UMD script, not an ES module: Node requires it; a browser runs it as a classic
 * script, which defines `window.jsonLogic` (the test server serves node_modules).
 */
async function loadReference(): Promise<JsonLogic> {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (proc?.getBuiltinModule) {
    const { createRequire } = proc.getBuiltinModule('node:module') as { createRequire: (from: string) => (id: string) => unknown };
    return createRequire(import.meta.url)('json-logic-js') as JsonLogic;
  }
  const w = globalThis as unknown as { document: { createElement(t: string): HTMLScriptElement; head: HTMLElement }; jsonLogic?: JsonLogic };
  await new Promise((resolve, reject) => {
    const script = w.document.createElement('script');
    script.src = '/node_modules/json-logic-js/logic.js';
    script.onload = resolve;
    script.onerror = () => reject(new Error('json-logic-js did not load'));
    w.document.head.append(script);
  });
  if (!w.jsonLogic) throw new Error('json-logic-js did not define window.jsonLogic');
  return w.jsonLogic;
}

/** Results compared as JSON: json-logic-js may give undefined, NaN, Infinity or -0 where we give JSON. */
const asJson = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

function theirs(rule: unknown, data: unknown): unknown {
  try {
    return asJson(jsonLogic.apply(rule, data));
  } catch (e) {
    return { threw: (e as Error).message };
  }
}

/**
 * Where the suite's expected result differs from json-logic-js on purpose, and why (README "Rules").
 * Everything else in the suite must give what json-logic-js gives.
 */
const DIFFERENT_ON_PURPOSE: Record<string, string> = {
  'var default when the value is null': 'a default also replaces null, so absent and null read alike',
  'var array of segments': 'a path may be a list of segments',
  'var array of segments with an index': 'a path may be a list of segments',
  'var length of a text is not (texts are not objects)': 'var reads own data properties of objects and arrays only',
  'var index into a text gives null': 'var reads own data properties of objects and arrays only',
  'attack: var __proto__': 'prototype keys are refused',
  'attack: var __proto__ with a default': 'prototype keys are refused',
  'attack: var constructor': 'prototype keys are refused',
  'attack: var constructor.name': 'prototype keys are refused',
  'attack: var toString': 'inherited properties are not read',
  'attack: var hasOwnProperty': 'inherited properties are not read',
  'attack: var constructor.prototype': 'prototype keys are refused',
  'attack: var array method': 'inherited properties are not read',
  'attack: var text method': 'inherited properties are not read',
  'attack: var an own "__proto__" key as JSON.parse makes it': 'prototype keys are refused even as own keys',
  'attack: var an own "constructor" key': 'prototype keys are refused even as own keys',
  'attack: var computed to __proto__': 'prototype keys are refused',
  'attack: missing does not see inherited keys': 'inherited properties are not read',
  'attack: an inherited name is not an operator': 'operators come from an allow-list; never throws',
  'attack: constructor is not an operator': 'operators come from an allow-list; never throws',
  'attack: __proto__ is not an operator': 'operators come from an allow-list; never throws',
  'attack: == does not call a toString of the data': 'no method of the data runs',
  'attack: cat does not call a toString of the data': 'no method of the data runs',
  'attack: reduce scope reads only current and accumulator': 'inherited properties are not read',
  '* unary casts': '* always gives a number',
  '* of nothing is null': 'never throws',
  '== on a division by zero compares null': 'every value is JSON: a non-finite number is null',
  'substr of null is empty': 'null is the empty text',
  'substr counts code points': 'texts are counted in code points, never split inside an emoji',
  'substr negative start counts code points': 'texts are counted in code points, never split inside an emoji',
  'an unknown operator gives null (checkLogic refuses it)': 'operators come from an allow-list; never throws',
  'nesting past 64 levels gives null': 'depth is bounded the same in every engine',
};

describe('the engine against json-logic-js', () => {
  before(async () => {
    jsonLogic = await loadReference();
  });

  it('gives json-logic-js’s result on every case of the suite but the documented differences', () => {
    const differs: string[] = [];
    for (const t of LOGIC_CASES) {
      const ours = asJson(applyLogic(t.rule, t.data));
      expect(ours, t.description).to.deep.equal(asJson(t.result));
      if (JSON.stringify(ours) !== JSON.stringify(theirs(t.rule, t.data))) differs.push(t.description);
    }
    expect(differs.sort()).to.deep.equal(Object.keys(DIFFERENT_ON_PURPOSE).sort());
    expect(LOGIC_CASES.length - differs.length).to.be.at.least(250);
  });

  // Random rules over every operator, on data of every JSON type. Kept inside the common ground:
  // arithmetic on numbers only and divisors that are not 0 (a NaN or Infinity is null for us, so a
  // later comparison would tell them apart), no default in `var` (a null value takes it for us),
  // no `*` of one argument, `substr` of texts and numbers (null is "" for us), reduce over numbers.
  const data = fc.record({
    a: fc.integer({ min: -5, max: 5 }),
    b: fc.integer({ min: -5, max: 5 }),
    n: fc.constantFrom(0, 0.5, -2.25, 10, 1000),
    s: fc.constantFrom('', '0', '1', 'abc', ' 12 ', '1e3', 'true', 'a.b', 'Hello', 'false'),
    t: fc.boolean(),
    z: fc.constant(null),
    arr: fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom('a', '1', '', 'b')), { maxLength: 4 }),
    nums: fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 }),
    obj: fc.record({ x: fc.integer({ min: -3, max: 3 }), y: fc.constantFrom('', 'x', '2') }),
  }).map((d) => JSON.parse(JSON.stringify(d)) as unknown); // plain objects, as JSON.parse makes them
  const path = fc.constantFrom('a', 'b', 'n', 's', 't', 'z', 'arr', 'nums', 'obj', 'obj.x', 'obj.y', 'arr.0', 'arr.1', 'nope', 'obj.nope.deeper', '');
  const primitive = fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constantFrom('', '0', '1', 'a', 'abc', ' 1 ', '1e3', 'x'), fc.boolean(), fc.constant(null));
  const literal = fc.oneof({ weight: 4, arbitrary: primitive }, { weight: 1, arbitrary: fc.array(primitive, { maxLength: 3 }) });
  const nonZero = fc.oneof(fc.integer({ min: 1, max: 7 }), fc.integer({ min: -7, max: -1 }));
  const key = fc.constantFrom('a', 's', 'z', 'obj.y', 'nope', 'arr', 'obj.x');

  const { rule } = fc.letrec<{ rule: unknown; num: unknown; text: unknown; list: unknown; elem: unknown }>((tie) => ({
    num: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.integer({ min: -9, max: 9 }),
      fc.constantFrom('a', 'b', 'n', 'obj.x').map((p) => ({ var: p })),
      fc.tuple(tie('num'), tie('num')).map((xs) => ({ '+': xs })),
      fc.array(tie('num'), { minLength: 1, maxLength: 3 }).map((xs) => ({ '+': xs })),
      fc.tuple(tie('num'), tie('num')).map((xs) => ({ '-': xs })),
      tie('num').map((x) => ({ '-': [x] })),
      fc.tuple(tie('num'), tie('num')).map((xs) => ({ '*': xs })),
      fc.tuple(tie('num'), nonZero).map((xs) => ({ '/': xs })),
      fc.tuple(tie('num'), nonZero).map((xs) => ({ '%': xs })),
      fc.array(tie('num'), { minLength: 1, maxLength: 3 }).map((xs) => ({ min: xs })),
      fc.array(tie('num'), { minLength: 1, maxLength: 3 }).map((xs) => ({ max: xs })),
    ),
    text: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom('', 'abc', 'Hello', '12', 'a,b'),
      fc.constantFrom('s', 'obj.y').map((p) => ({ var: p })),
      fc.array(tie('rule'), { maxLength: 3 }).map((xs) => ({ cat: xs })),
      tie('num'),
    ),
    list: fc.oneof(
      { depthSize: 'small' },
      fc.array(primitive, { maxLength: 4 }),
      fc.constantFrom('arr', 'nums', 's', 'a', 'nope').map((p) => ({ var: p })),
      fc.array(tie('rule'), { maxLength: 3 }).map((xs) => ({ merge: xs })),
    ),
    // The rule an iterator applies to each element: it reads the element ("").
    elem: fc.oneof(
      { depthSize: 'small' },
      fc.constant({ var: '' }),
      fc.tuple(fc.constantFrom('==', '!=', '===', '<', '>=', 'in'), literal).map(([op, x]) => ({ [op]: [{ var: '' }, x] })),
      fc.tuple(fc.constantFrom('==', '<', '>'), literal).map(([op, x]) => ({ [op]: [x, { var: '' }] })),
      fc.constant({ '!': { var: '' } }),
      fc.constant({ cat: [{ var: '' }, '!'] }),
    ),
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      literal,
      path.map((p) => ({ var: p })),
      tie('num'),
      fc.tuple(fc.constantFrom('==', '!=', '===', '!==', '<', '<=', '>', '>='), tie('rule'), tie('rule')).map(([op, a, b]) => ({ [op]: [a, b] })),
      fc.tuple(fc.constantFrom('<', '<='), tie('rule'), tie('rule'), tie('rule')).map(([op, a, b, c]) => ({ [op]: [a, b, c] })),
      fc.tuple(fc.constantFrom('!', '!!'), tie('rule')).map(([op, a]) => ({ [op]: a })),
      fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('rule'), { minLength: 1, maxLength: 3 })).map(([op, xs]) => ({ [op]: xs })),
      fc.array(tie('rule'), { maxLength: 5 }).map((xs) => ({ if: xs })),
      fc.array(tie('rule'), { maxLength: 3 }).map((xs) => ({ '?:': xs })),
      fc.tuple(tie('rule'), fc.oneof(tie('list'), tie('text'))).map((xs) => ({ in: xs })),
      fc.array(tie('rule'), { maxLength: 3 }).map((xs) => ({ cat: xs })),
      fc.tuple(tie('text'), fc.integer({ min: -6, max: 6 }), fc.option(fc.integer({ min: -6, max: 6 }), { nil: undefined }))
        .map(([s, a, b]) => ({ substr: b === undefined ? [s, a] : [s, a, b] })),
      fc.array(tie('rule'), { maxLength: 3 }).map((xs) => ({ merge: xs })),
      fc.array(key, { maxLength: 3 }).map((ks) => ({ missing: ks })),
      fc.array(key, { maxLength: 3 }).map((ks) => ({ missing: [ks] })),
      fc.tuple(fc.integer({ min: 0, max: 3 }), fc.array(key, { maxLength: 3 })).map((xs) => ({ missing_some: xs })),
      fc.tuple(fc.constantFrom('some', 'all', 'none', 'map', 'filter'), tie('list'), tie('elem')).map(([op, l, e]) => ({ [op]: [l, e] })),
      fc.tuple(fc.constantFrom({ var: 'nums' }, [1, 2, 3], []), fc.constantFrom('+', '-', '*', 'max'), fc.integer({ min: -3, max: 3 }))
        .map(([l, op, init]) => ({ reduce: [l, { [op]: [{ var: 'accumulator' }, { var: 'current' }] }, init] })),
    ),
  }));

  it('gives json-logic-js’s result on random rules over every operator', () => {
    const used = new Set<string>();
    fc.assert(
      fc.property(rule, data, (r, d) => {
        JSON.stringify(r, (k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? (Object.keys(v).forEach((op) => used.add(op)), v) : v));
        const ours = asJson(compileLogic(r)(d));
        expect(ours, JSON.stringify(r)).to.deep.equal(theirs(r, d));
        // Compiled once, run again: the same answer (a compiled rule keeps no state between runs).
        expect(asJson(compileLogic(r)(d))).to.deep.equal(ours);
      }),
      { numRuns: 3000, seed: 17 },
    );
    // Object keys of the data (x, y) are collected too; every operator must have been exercised.
    expect(OPERATORS.filter((op) => !used.has(op))).to.deep.equal([]);
  });
});
