import { expect } from 'chai';
import { applyLogic, checkLogic, collectComparisons, collectVars, OPERATORS, truthy } from './logic.js';
import { LOGIC_CASES } from './logic-cases.js';

describe('JSON Logic engine', () => {
  describe('the rule suite', () => {
    for (const t of LOGIC_CASES) {
      it(t.description, () => {
        expect(applyLogic(t.rule, t.data)).to.deep.equal(t.result);
      });
    }
    it('covers every operator', () => {
      const used = new Set<string>();
      const visit = (x: unknown): void => {
        if (Array.isArray(x)) x.forEach(visit);
        else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) (used.add(k), visit(v));
      };
      LOGIC_CASES.forEach((t) => visit(t.rule));
      expect(OPERATORS.filter((op) => !used.has(op))).to.deep.equal([]);
    });
  });

  it('never pollutes Object.prototype', () => {
    applyLogic({ var: '__proto__.polluted' }, JSON.parse('{"__proto__": {"polluted": true}}'));
    applyLogic({ map: [[1], { var: 'constructor.prototype' }] }, {});
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('truthiness follows JSON Logic', () => {
    expect([[], [0], '', '0', 0, 1, null, {}].map(truthy)).to.deep.equal([false, true, false, true, false, true, false, true]);
  });

  it('a rule that would run 10^8 steps returns null quickly', () => {
    const big = Array.from({ length: 1000 }, (_, i) => i);
    const rule = { map: [big, { map: [big, { map: [big, 1] }] }] };
    const t0 = performance.now();
    expect(applyLogic(rule, { xs: big })).to.equal(null);
    expect(performance.now() - t0).to.be.lessThan(1000);
  });

  describe('checkLogic', () => {
    it('accepts the examples’ rules', () => {
      expect(checkLogic({ and: [{ '==': [{ var: 'engraving.font' }, 'Great Vibes'] }, { '>': [{ var: 'engraving.length' }, 20] }] })).to.deep.equal([]);
    });
    it('refuses an unknown operator where it stands', () => {
      const p = checkLogic({ and: [true, { or: [{ eval: 'x' }] }] }, ['rules', 2, 'when']);
      expect(p).to.have.length(1);
      expect(p[0]!.path).to.deep.equal(['rules', 2, 'when', 'and', 1, 'or', 0, 'eval']);
      expect(p[0]!.message).to.match(/^unknown operator "eval"; supported: var, missing/);
    });
    it('refuses inherited names and blocked var paths', () => {
      expect(checkLogic({ constructor: [] })[0]!.message).to.match(/unknown operator "constructor"/);
      expect(checkLogic({ var: 'a.__proto__' })[0]!.message).to.equal('"var" may not read "a.__proto__"');
    });
    it('refuses two keys in one operation', () => {
      expect(checkLogic({ '==': [1, 1], '!=': [1, 2] })[0]!.message).to.match(/exactly one key/);
    });
    it('checks arities', () => {
      expect(checkLogic({ '==': [1] })[0]!.message).to.equal('"==" takes 2 arguments, got 1');
      expect(checkLogic({ '<': [1, 2, 3, 4] })[0]!.message).to.equal('"<" takes 2 to 3 arguments, got 4');
      expect(checkLogic({ reduce: [[], 1] })[0]!.message).to.equal('"reduce" takes 3 arguments, got 2');
    });
    it('refuses a malformed var', () => {
      expect(checkLogic({ var: [true] })[0]!.message).to.match(/"var" takes a path/);
    });
    it('bounds depth and size without throwing', () => {
      let deep: unknown = true;
      for (let i = 0; i < 100_000; i++) deep = { '!': [deep] };
      const p = checkLogic(deep);
      expect(p.some((x) => /nested too deeply/.test(x.message))).to.equal(true);
      const wide = { and: Array.from({ length: 20_000 }, () => true) };
      expect(checkLogic(wide).some((x) => /too large/.test(x.message))).to.equal(true);
    });
  });

  describe('static analysis', () => {
    it('collectVars lists the data a rule reads, not the elements iterators read', () => {
      expect(collectVars({ and: [{ var: 'a.b' }, { some: [{ var: 'list' }, { var: 'inner' }] }, { var: ['c', 1] }, { var: 'a.b' }] })).to.deep.equal(['a.b', 'list', 'c']);
    });
    it('collectComparisons finds var-literal comparisons both ways round', () => {
      expect(collectComparisons({ and: [{ '==': ['navy', { var: 'color' }] }, { in: [{ var: 'size' }, ['S', 'M']] }, { in: ['heart', { var: 'charms' }] }, { '==': [{ var: 'a' }, { var: 'b' }] }] })).to.deep.equal([
        { var: 'color', values: ['navy'], op: '==' },
        { var: 'size', values: ['S', 'M'], op: 'in' },
        { var: 'charms', values: ['heart'], op: 'in' },
      ]);
    });
  });
});
