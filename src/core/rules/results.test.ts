import { expect } from 'chai';
import * as fc from 'fast-check';
import { evaluate, parseProduct } from '../index.js';
import { dataRoots } from './logic.js';

/**
 * A product whose rules hide, restrict (choices and a text's fonts, whose default font follows),
 * require, price and contradict one another, reading components directly, through computed paths
 * and through `missing`: what `evaluate` remembers between calls must never change an answer.
 */
function product(): unknown {
  const area = { id: 'a', x: 0, y: 0, width: 100, height: 100, print: { width: 4, height: 4, unit: 'in', dpi: 300 } };
  return {
    schemaVersion: 1, id: 'memo', revision: '1', name: 'Memo', currency: 'USD', basePrice: 100,
    fonts: [{ family: 'A', src: 'a.woff2' }, { family: 'B', src: 'b.woff2' }, { family: 'C', src: 'c.woff2' }],
    views: [{ id: 'v', label: 'V', width: 100, height: 100, layers: [], areas: [area] }],
    components: [
      { id: 'size', type: 'choice', label: 'Size', default: 's', options: ['s', 'm', 'l'].map((value) => ({ value, label: value, price: 5 })) },
      { id: 'wrap', type: 'toggle', label: 'Wrap', price: 3 },
      { id: 'note', type: 'text', label: 'Note', area: 'v.a', maxLength: 12 },
      { id: 'name', type: 'text', label: 'Name', area: 'v.a', maxLength: 12, price: { perCharacter: 2 } },
      { id: 'gift', type: 'toggle', label: 'Gift' },
      { id: 'a', type: 'toggle', label: 'A' },
      { id: 'b', type: 'toggle', label: 'B' },
    ],
    rules: [
      { id: 'wrap-hides-note', when: { var: 'wrap' }, then: { hide: ['note'] } },
      { id: 'note-long', when: { '>': [{ var: 'note.length' }, 3] }, then: { require: ['name'], price: { amount: 7, label: 'Long' } } },
      { id: 'large-fonts', when: { '==': [{ var: 'size' }, 'l'] }, then: { restrict: { 'name.font': ['B', 'C'] } } },
      { id: 'font-b', when: { '==': [{ var: 'name.font' }, 'B'] }, then: { hide: ['gift'], price: { amount: 11, label: 'B' } } },
      { id: 'no-gift', when: { '!': { var: 'gift' } }, then: { restrict: { size: ['s', 'm', 'l'] } } },
      { id: 'computed', when: { '==': [{ var: { cat: [{ if: [{ var: 'wrap' }, 'size', 'gift'] }] } }, 'm'] }, then: { price: { amount: 13, label: 'Computed' } } },
      { id: 'missing', when: { missing: ['note', 'name'] }, then: { price: { amount: 17, label: 'Missing' } } },
      // {a, b} → r1 hides a → r2 sees no a, hides b → r1 stops → a loop, reported as a rule error.
      { id: 'r1', when: { var: 'b' }, then: { hide: ['a'] } },
      { id: 'r2', when: { '!': { var: 'a' } }, then: { hide: ['b'] } },
    ],
  };
}

const selections = fc.record(
  {
    size: fc.constantFrom('s', 'm', 'l', 'xl'),
    wrap: fc.boolean(),
    note: fc.constantFrom('', 'hi', 'hello', 'a long note'),
    name: fc.oneof(fc.constantFrom('', 'Al', 'Alexandra'), fc.record({ text: fc.constantFrom('Al', 'Bo'), font: fc.constantFrom('A', 'B', 'C') }, { requiredKeys: ['text'] })),
    gift: fc.boolean(),
    a: fc.boolean(),
    b: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('remembered rule results', () => {
  it('evaluate with what it remembers answers as a fresh evaluation does, call after call', () => {
    const warm = parseProduct(product());
    expect(warm.ok).to.equal(true);
    fc.assert(
      fc.property(fc.array(selections, { minLength: 1, maxLength: 12 }), (seq) => {
        for (const s of seq) {
          // A freshly parsed product has an index of its own, so nothing remembered.
          const fresh = parseProduct(product());
          expect(evaluate(warm.ok && warm.product, s), JSON.stringify(s)).to.deep.equal(evaluate(fresh.ok && fresh.product, s));
        }
      }),
      { numRuns: 150, seed: 14 },
    );
  });

  it('a value handed out in an evaluation, changed by its caller, does not change the next answer', () => {
    const parsed = (): unknown => (parseProduct(product()) as { product: unknown }).product;
    const p = parsed();
    const long = evaluate(p, { note: 'hello' });
    expect(long.price.lines.map((l) => l.rule)).to.include('note-long');
    // The caller turns the note's value into what a short note reads as; then the note is short.
    Object.assign(long.components.note!.value as object, evaluate(parsed(), { note: 'hi' }).components.note!.value);
    const short = evaluate(p, { note: 'hi' });
    expect(short.price.lines.map((l) => l.rule)).to.not.include('note-long');
    expect(short).to.deep.equal(evaluate(parsed(), { note: 'hi' }));
  });

  describe('dataRoots', () => {
    it('lists the top-level keys a rule reads', () => {
      expect(dataRoots({ and: [{ var: 'a.b' }, { '==': [{ var: ['c.d', 1] }, { var: [['e', 'f']] }] }, { missing: ['g', ['h.i']] }, { missing_some: [1, ['j']] }] }))
        .to.have.members(['a', 'c', 'e', 'g', 'h', 'j', '1']);
    });
    it('leaves out what an iterator applies to each element, not its list', () => {
      expect(dataRoots({ some: [{ var: 'xs' }, { var: 'inner' }] })).to.deep.equal(['xs']);
    });
    it('is undefined when a rule may read anything', () => {
      for (const r of [{ var: '' }, { var: [] }, { var: { cat: ['a'] } }, { missing: [{ var: 'k' }] }, { missing_some: [1, { merge: [['a']] }] }, { var: [[{ var: 'x' }]] }])
        expect(dataRoots(r), JSON.stringify(r)).to.equal(undefined);
    });
  });
});
