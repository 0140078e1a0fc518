import { expect } from 'chai';
import { applyLogic, checkLogic, collectComparisons, collectVars, OPERATORS, truthy } from './logic.js';
import { LOGIC_CASES } from './logic-cases.js';

/** `depth` operations `{"!!": …}` around `true`, built without recursion. */
function nested(depth: number): unknown {
  let rule: unknown = true;
  for (let i = 0; i < depth; i++) rule = { '!!': rule };
  return rule;
}

function operatorsIn(rule: unknown, into: Set<string>): void {
  const stack = [rule];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) stack.push(...x);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) (into.add(k), stack.push(v));
  }
}

describe('JSON Logic engine', () => {
  describe('the rule suite (logic-cases.ts)', () => {
    for (const t of LOGIC_CASES) {
      it(t.description, () => {
        expect(applyLogic(t.rule, t.data)).to.deep.equal(t.result);
      });
    }

    it('has at least 120 cases and covers every operator', () => {
      expect(LOGIC_CASES.length).to.be.at.least(120);
      const used = new Set<string>();
      for (const t of LOGIC_CASES) operatorsIn(t.rule, used);
      expect(OPERATORS.filter((op) => !used.has(op))).to.deep.equal([]);
    });

    it('gives only JSON values, and the same twice', () => {
      for (const t of LOGIC_CASES) {
        const r = applyLogic(t.rule, t.data);
        expect(JSON.parse(JSON.stringify(r ?? null)), t.description).to.deep.equal(r ?? null);
        expect(applyLogic(t.rule, t.data), t.description).to.deep.equal(r);
      }
    });

    it('changes neither the rule nor the data', () => {
      for (const t of LOGIC_CASES) {
        const before = JSON.stringify([t.rule, t.data ?? null]);
        applyLogic(t.rule, t.data);
        expect(JSON.stringify([t.rule, t.data ?? null]), t.description).to.equal(before);
      }
    });

    it('the jsonlogic.com examples pass checkLogic', () => {
      for (const t of LOGIC_CASES.filter((x) => x.description.startsWith('doc:'))) expect(checkLogic(t.rule), t.description).to.deep.equal([]);
    });
  });

  describe('safety', () => {
    it('never pollutes Object.prototype or Array.prototype', () => {
      const objectKeys = Object.getOwnPropertyNames(Object.prototype);
      const arrayKeys = Object.getOwnPropertyNames(Array.prototype);
      for (const t of LOGIC_CASES) applyLogic(t.rule, t.data);
      const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
      applyLogic({ var: '__proto__.polluted' }, hostile);
      applyLogic({ merge: [{ var: '__proto__' }, { var: 'constructor.prototype' }] }, hostile);
      applyLogic({ map: [[1], { var: 'constructor.prototype' }] }, hostile);
      applyLogic({ reduce: [[{}], { var: 'current.__proto__' }, { var: '__proto__' }] }, hostile);
      applyLogic(JSON.parse('{"__proto__": {"polluted": true}}'), hostile);
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(([] as unknown as Record<string, unknown>).polluted).to.equal(undefined);
      expect(Object.getOwnPropertyNames(Object.prototype)).to.deep.equal(objectKeys);
      expect(Object.getOwnPropertyNames(Array.prototype)).to.deep.equal(arrayKeys);
    });

    it('never runs a getter of the data', () => {
      let calls = 0;
      const data = Object.defineProperty({ b: 1 }, 'a', { enumerable: true, get: () => (calls++, 'got') });
      expect(applyLogic({ var: 'a' }, data)).to.equal(null);
      expect(applyLogic({ missing: ['a', 'b'] }, data)).to.deep.equal(['a']);
      expect(calls).to.equal(0);
    });

    it('reads only plain objects and arrays, and returns only JSON values', () => {
      class Thing { x = 1; }
      const data = { f: () => 1, d: new Date(0), t: new Thing(), n: NaN, i: -Infinity, u: undefined, big: 10n, m: new Map([['x', 1]]) };
      for (const path of ['f', 'd', 't', 't.x', 'n', 'i', 'u', 'big', 'm', 'm.size', 'f.name']) expect(applyLogic({ var: path }, data), path).to.equal(null);
      expect(applyLogic({ var: 'x' }, Object.assign(Object.create(null), { x: 1 }))).to.equal(1);
    });

    it('a failing node is null, the rest of the rule still runs', () => {
      let deep: unknown = [];
      for (let i = 0; i < 100_000; i++) deep = [deep];
      expect(applyLogic({ '==': [{ var: 'deep' }, 'x'] }, { deep })).to.equal(null);
      expect(applyLogic({ or: [{ cat: [{ var: 'deep' }] }, 'fallback'] }, { deep })).to.equal('fallback');
    });

    it('never throws, on anything', () => {
      const hostile = new Proxy({}, { ownKeys: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } });
      const inputs: unknown[] = [undefined, NaN, () => 1, Symbol('s'), 10n, new Date(0), hostile, { var: hostile }, [hostile], { in: ['a', hostile] }];
      for (const x of inputs) {
        expect(() => applyLogic(x, x)).to.not.throw();
        expect(() => applyLogic({ var: 'a.b' }, x)).to.not.throw();
        expect(() => checkLogic(x)).to.not.throw();
        expect(() => collectVars(x)).to.not.throw();
        expect(() => collectComparisons(x)).to.not.throw();
      }
      expect(applyLogic({ '==': [{ var: 'p' }, 1] }, { p: hostile })).to.equal(false);
    });

    it('a rule deeper than checkLogic allows is null, whatever the engine’s stack', () => {
      expect(applyLogic(nested(64), {})).to.equal(true);
      expect(applyLogic(nested(65), {})).to.equal(null);
      expect(applyLogic(nested(100_000), {})).to.equal(null);
    });

    it('a rule that would run 10^8 steps returns null quickly', () => {
      const big = Array.from({ length: 1000 }, (_, i) => i);
      const t0 = performance.now();
      expect(applyLogic({ map: [{ var: 'xs' }, { map: [big, { map: [big, { '+': [{ var: '' }, 1] }] }] }] }, { xs: big })).to.equal(null);
      expect(applyLogic({ some: [big, { some: [big, { some: [big, false] }] }] }, {})).to.equal(null);
      expect(performance.now() - t0).to.be.lessThan(1000);
    });

    it('work inside operators counts too: a text doubled 40 times is null, quickly', () => {
      const t0 = performance.now();
      const rule = { reduce: [Array.from({ length: 40 }, () => 0), { cat: [{ var: 'accumulator' }, { var: 'accumulator' }] }, 'x'] };
      expect(applyLogic(rule, {})).to.equal(null);
      expect(applyLogic({ merge: Array.from({ length: 20 }, () => ({ var: 'xs' })) }, { xs: Array.from({ length: 10_000 }, () => 0) })).to.equal(null);
      expect(performance.now() - t0).to.be.lessThan(1000);
    });

    it('a large rule within the budget evaluates in full', () => {
      const xs = Array.from({ length: 200 }, (_, i) => i);
      const rule = { reduce: [{ map: [{ var: 'xs' }, { reduce: [{ var: 'ys' }, { '+': [{ var: 'accumulator' }, 1] }, 0] }] }, { '+': [{ var: 'accumulator' }, { var: 'current' }] }, 0] };
      // Each element of xs is a number, so "ys" is absent there and every inner reduce gives 0.
      expect(applyLogic(rule, { xs })).to.equal(0);
      expect(applyLogic({ reduce: [{ var: 'xs' }, { '+': [{ var: 'accumulator' }, { var: 'current' }] }, 0] }, { xs: Array.from({ length: 15_000 }, () => 1) })).to.equal(15_000);
    });
  });

  it('truthiness follows JSON Logic', () => {
    const table: [unknown, boolean][] = [[[], false], [[0], true], ['', false], ['0', true], ['false', true], [0, false], [-0, false], [1, true], [null, false], [undefined, false], [{}, true], [false, false], [true, true]];
    for (const [v, t] of table) expect(truthy(v), JSON.stringify(v)).to.equal(t);
  });

  it('OPERATORS is the allowlist', () => {
    expect([...OPERATORS].sort()).to.deep.equal(
      ['var', 'missing', 'missing_some', '==', '!=', '===', '!==', '!', '!!', 'and', 'or', 'if', '?:', '<', '<=', '>', '>=', 'in', '+', '-', '*', '/', '%', 'min', 'max', 'cat', 'substr', 'merge', 'some', 'all', 'none', 'map', 'filter', 'reduce'].sort(),
    );
    expect(Object.isFrozen(OPERATORS)).to.equal(true);
  });

  describe('checkLogic', () => {
    const base = ['rules', 2, 'when'];
    const messages = (logic: unknown) => checkLogic(logic).map((p) => p.message);

    it('accepts well-formed rules', () => {
      expect(checkLogic({ and: [{ '==': [{ var: 'engraving.font' }, 'Great Vibes'] }, { '>': [{ var: 'engraving.length' }, 20] }] })).to.deep.equal([]);
      expect(checkLogic({ var: ['a', { var: 'b' }] })).to.deep.equal([]);
      expect(checkLogic({ var: { cat: ['a', '.b'] } })).to.deep.equal([]);
      expect(checkLogic({ var: [['a', 0]] })).to.deep.equal([]);
      expect(checkLogic({ reduce: [[1], { '+': [{ var: 'current' }, 1] }] })).to.deep.equal([]);
      expect(checkLogic({ '<=': [0, { var: 'n' }, 10] })).to.deep.equal([]);
      expect(checkLogic({ missing_some: [1, { merge: [['a'], 'b'] }] })).to.deep.equal([]);
      expect(checkLogic(null)).to.deep.equal([]);
      expect(checkLogic(true)).to.deep.equal([]);
    });

    it('refuses an unknown operator where it stands, naming what is supported', () => {
      const p = checkLogic({ and: [true, { or: [{ foo: 'x' }] }] }, base);
      expect(p).to.deep.equal([
        { path: [...base, 'and', 1, 'or', 0, 'foo'], operator: 'foo', message: `unknown operator "foo"; supported: ${OPERATORS.join(', ')}`, reason: 'unknown-operator', params: { operator: 'foo', supported: [...OPERATORS] } },
      ]);
      expect(p[0]!.message).to.match(/^unknown operator "foo"; supported: var, missing, missing_some, ==/);
    });

    it('reports a bad arity at the operator, below the base path', () => {
      expect(checkLogic({ and: [true, { '==': [1] }] }, base)).to.deep.equal([
        { path: [...base, 'and', 1, '=='], operator: '==', message: '"==" takes 2 arguments, got 1', reason: 'arity', params: { operator: '==', min: 2, max: 2, count: 1 } },
      ]);
    });

    it('refuses inherited names as operators', () => {
      for (const op of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'log', 'method'])
        expect(messages(JSON.parse(`{"${op}": []}`)), op).to.deep.equal([`unknown operator "${op}"; supported: ${OPERATORS.join(', ')}`]);
    });

    it('refuses two keys, or none, in one operation', () => {
      expect(checkLogic({ and: [{ '==': [1, 1], '!=': [1, 2] }] }, base)).to.deep.equal([
        { path: [...base, 'and', 0], message: 'an operation has exactly one key, its operator; found "==", "!="', reason: 'operation-keys', params: { keys: ['==', '!='] } },
      ]);
      expect(messages({})).to.deep.equal(['an operation has exactly one key, its operator; found none']);
    });

    it('checks arities', () => {
      expect(messages({ '<': [1, 2, 3, 4] })).to.deep.equal(['"<" takes 2 or 3 arguments, got 4']);
      expect(messages({ '>': [1, 2, 3] })).to.deep.equal(['">" takes 2 arguments, got 3']);
      expect(messages({ '!': [1, 2] })).to.deep.equal(['"!" takes 1 argument, got 2']);
      expect(messages({ and: [] })).to.deep.equal(['"and" takes at least 1 argument, got 0']);
      expect(messages({ var: ['a', 1, 2] })).to.deep.equal(['"var" takes 0 or 2 arguments, got 3']);
      expect(messages({ reduce: [[], 1, 0, 9] })).to.deep.equal(['"reduce" takes 2 or 3 arguments, got 4']);
      expect(messages({ substr: ['abc'] })).to.deep.equal(['"substr" takes 2 or 3 arguments, got 1']);
      expect(messages({ missing_some: [1] })).to.deep.equal(['"missing_some" takes 2 arguments, got 1']);
      expect(messages({ cat: [] })).to.deep.equal([]);
      expect(messages({ missing: [] })).to.deep.equal([]);
    });

    it('checks the shape of iterators and missing_some', () => {
      expect(messages({ map: { var: 'xs' } })).to.deep.equal(['"map" takes a list and a rule applied to each element: {"map": [list, rule]}']);
      expect(messages({ reduce: 'xs' })).to.deep.equal(['"reduce" takes a list and a rule applied to each element: {"reduce": [list, rule, initial]}']);
      expect(messages({ all: [[1]] })).to.deep.equal(['"all" takes 2 arguments, got 1']);
      expect(messages({ missing_some: [1, 'a'] })).to.deep.equal(['"missing_some" takes a count and a list of names: {"missing_some": [1, ["a", "b"]]}']);
      expect(checkLogic({ some: [{ var: 'xs' }, { nope: [] }] }, base)[0]!.path).to.deep.equal([...base, 'some', 1, 'nope']);
    });

    it('refuses a malformed var path and one that reaches for a prototype', () => {
      for (const bad of [true, null, { a: 1, b: 2 }, [[true]]]) expect(messages({ var: [bad] })[0], JSON.stringify(bad)).to.match(/^"var" takes a path/);
      expect(messages({ var: 'a.__proto__' })).to.deep.equal(['"var" may not read "a.__proto__"']);
      expect(messages({ var: ['constructor.name', 1] })).to.deep.equal(['"var" may not read "constructor.name"']);
      expect(messages({ var: [['a', 'prototype']] })).to.deep.equal(['"var" may not read "a.prototype"']);
      expect(checkLogic({ '!': { var: 'a.constructor' } }, base)).to.deep.equal([
        { path: [...base, '!', 0, 'var'], operator: 'var', message: '"var" may not read "a.constructor"', reason: 'var-blocked', params: { path: 'a.constructor' } },
      ]);
    });

    it('refuses what JSON cannot hold, without throwing', () => {
      expect(messages({ '+': [NaN, 1] })).to.deep.equal(['NaN is not a JSON number']);
      expect(messages({ '+': [() => 1] })).to.deep.equal(['a function is not a JSON value']);
      expect(messages([undefined])).to.deep.equal(['a undefined is not a JSON value']);
      const trap = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
      expect(messages({ and: [trap] })).to.deep.equal(['the rule could not be read as JSON']);
      const getter = Object.defineProperty({}, '==', { enumerable: true, get: () => { throw new Error('getter'); } });
      expect(messages(getter)).to.deep.equal(['the rule could not be read as JSON']);
    });

    it('bounds depth at 64, reporting it once, without recursion past it', () => {
      expect(checkLogic(nested(64))).to.deep.equal([]);
      const p65 = checkLogic(nested(65), base);
      expect(p65).to.have.length(1);
      expect(p65[0]!.message).to.equal('the rule is nested too deeply (more than 64 levels)');
      expect(p65[0]!.path).to.deep.equal([...base, ...Array.from({ length: 65 }, () => ['!!', 0]).flat()]);
      expect(checkLogic(nested(100_000)).map((p) => p.message)).to.deep.equal(['the rule is nested too deeply (more than 64 levels)']);
      let deep: unknown = [];
      for (let i = 0; i < 100_000; i++) deep = [deep];
      expect(checkLogic(deep).map((p) => p.message)).to.deep.equal(['the rule is nested too deeply (more than 64 levels)']);
      expect(checkLogic({ '==': [{ var: 'a' }, deep] }).map((p) => p.message)).to.deep.equal(['the rule is nested too deeply (more than 64 levels)']);
    });

    it('bounds size at 10 000 nodes', () => {
      expect(checkLogic({ and: Array.from({ length: 9_999 }, () => true) })).to.deep.equal([]);
      expect(checkLogic({ and: Array.from({ length: 10_000 }, () => true) }, base)).to.deep.equal([
        { path: base, message: 'the rule is too large (more than 10000 parts)', reason: 'too-large', params: { max: 10_000 } },
      ]);
      expect(checkLogic({ and: Array.from({ length: 200_000 }, () => ({ nope: 1 })) })).to.have.length(50);
    });

    it('whatever it accepts evaluates without hitting an engine limit', () => {
      const widest = { and: Array.from({ length: 9_999 }, () => true) };
      expect(applyLogic(widest, {})).to.equal(true);
      expect(applyLogic(nested(64), {})).to.equal(true);
    });
  });

  describe('collectVars', () => {
    it('lists the data a rule reads, dot-joined, deduplicated, in order of appearance', () => {
      expect(collectVars({ and: [{ var: 'a.b' }, { '==': [{ var: ['c', { var: 'd' }] }, { var: 1 }] }, { var: [['e', 0]] }, { var: 'a.b' }] })).to.deep.equal(['a.b', 'c', 'd', '1', 'e.0']);
    });
    it('takes the list and initial value of an iterator, not the rule applied to each element', () => {
      expect(collectVars({ some: [{ var: 'list' }, { '==': [{ var: 'inner' }, { var: 'x' }] }] })).to.deep.equal(['list']);
      expect(collectVars({ reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, { var: 'start' }] })).to.deep.equal(['xs', 'start']);
      for (const op of ['map', 'filter', 'all', 'none']) expect(collectVars({ [op]: [{ map: [{ var: 'outer' }, { var: 'el' }] }, { var: 'el2' }] }), op).to.deep.equal(['outer']);
    });
    it('includes the whole data ("") and the vars inside a computed path, not the computed path', () => {
      expect(collectVars({ cat: [{ var: '' }, { var: [] }, { var: { cat: [{ var: 'prefix' }, '.x'] } }] })).to.deep.equal(['', 'prefix']);
    });
    it('sees nothing in literals', () => {
      expect(collectVars(['var', { a: { var: 'x' }, b: 1 }, 'a'])).to.deep.equal([]);
      expect(collectVars(null)).to.deep.equal([]);
    });
  });

  describe('collectComparisons', () => {
    it('finds var-literal comparisons both ways round', () => {
      expect(
        collectComparisons({
          and: [
            { '==': ['navy', { var: 'color' }] },
            { '!==': [{ var: ['size', 'M'] }, 'XXL'] },
            { in: [{ var: 'size' }, ['S', 'M']] },
            { in: ['heart', { var: 'charms' }] },
            { '!=': [{ var: 'gift' }, true] },
            { '===': [{ var: 'n' }, null] },
          ],
        }),
      ).to.deep.equal([
        { var: 'color', values: ['navy'], op: '==' },
        { var: 'size', values: ['XXL'], op: '!==' },
        { var: 'size', values: ['S', 'M'], op: 'in' },
        { var: 'charms', values: ['heart'], op: 'in' },
        { var: 'gift', values: [true], op: '!=' },
        { var: 'n', values: [null], op: '===' },
      ]);
    });
    it('leaves out what is not a var against literals', () => {
      expect(
        collectComparisons({
          or: [
            { '==': [{ var: 'a' }, { var: 'b' }] },
            { '==': [{ var: 'a' }, { cat: ['x'] }] },
            { '==': [1, 1] },
            { in: [{ var: 'name.text' }, 'Alex'] },
            { in: [{ var: 'size' }, ['S', { var: 'm' }]] },
            { in: [{ var: 'a' }, { var: 'b' }] },
            { '<': [{ var: 'n' }, 3] },
            { some: [{ var: 'xs' }, { '==': [{ var: 'el' }, 1] }] },
          ],
        }),
      ).to.deep.equal([]);
    });
  });
});
