/**
 * The rule builder's conditions (src/studio/rules/conditions.ts): every test a component type offers
 * writes JSON Logic that reads back to the same condition, means what its name says when the core
 * evaluates it, and anything the builder did not write is kept as raw JSON Logic, untouched.
 */
import { expect } from 'chai';
import { evaluate, parseProduct } from '../../src/core/index.js';
import { fromLogic, testsFor, toLogic, kindOf, type Cond } from '../../src/studio/rules/conditions.js';

const product: any = {
  schemaVersion: 1, id: 'p', revision: '1', name: 'P', currency: 'USD', basePrice: 0,
  views: [{ id: 'front', label: 'Front', width: 100, height: 100, layers: [{ id: 'base', src: 'x.png' }], areas: [{ id: 'a', x: 0, y: 0, width: 100, height: 100, print: { width: 1, height: 1, unit: 'in', dpi: 100 } }] }],
  components: [
    { id: 'photo', type: 'image', label: 'Photo', area: 'front.a' },
    { id: 'caption', type: 'text', label: 'Caption', area: 'front.a', curve: { min: -90, max: 90, default: 0 } },
    { id: 'color', type: 'choice', label: 'Colour', options: [{ value: 'white', label: 'White' }, { value: 'navy', label: 'Navy' }] },
    { id: 'extras', type: 'choice', label: 'Extras', max: 2, options: [{ value: 'box', label: 'Box' }, { value: 'card', label: 'Card' }] },
    { id: 'gift', type: 'toggle', label: 'Gift' },
    { id: 'flag', type: 'toggle', label: 'Flag' },
  ],
};
/** Whether `when` holds for these selections: the rule requires "flag", so the core says. */
function holds(when: unknown, selections: Record<string, unknown>): boolean {
  const p = { ...product, rules: [{ id: 'r', when, then: { require: ['flag'] } }] };
  expect(parseProduct(p).issues.filter((i) => i.severity === 'error'), JSON.stringify(when)).to.deep.equal([]);
  return evaluate(p, selections).components.flag!.required;
}
const photo = { asset: { key: 'k', name: 'a.png', type: 'image/png', bytes: 10, width: 100, height: 100, sha256: 'a'.repeat(64) } };
const t = (component: string, test: any, value?: any): Cond => ({ kind: 'test', component, test, ...(value !== undefined && { value }) });

describe('studio rule builder: conditions ↔ JSON Logic', () => {
  it('offers tests per component type (a multi-select choice is a list)', () => {
    expect(testsFor(kindOf(product.components[0]))).to.deep.equal(['empty', 'notEmpty']);
    expect(testsFor(kindOf(product.components[2]))).to.include.members(['equals', 'oneOf']);
    expect(testsFor(kindOf(product.components[3]))).to.deep.equal(['includes', 'empty', 'notEmpty']);
    expect(testsFor(kindOf(product.components[4]))).to.deep.equal(['on', 'off']);
  });

  it('each test reads back from the JSON Logic it writes and means what it says', () => {
    const cases: [Cond, unknown, Record<string, unknown>, Record<string, unknown>][] = [
      [t('photo', 'empty'), { '!': { var: 'photo' } }, {}, { photo }],
      [t('photo', 'notEmpty'), { '!!': { var: 'photo' } }, { photo }, {}],
      [t('caption', 'empty'), { '!': { var: 'caption.text' } }, {}, { caption: { text: 'Hi' } }],
      [t('caption', 'equals', 'Hi'), { '==': [{ var: 'caption.text' }, 'Hi'] }, { caption: { text: 'Hi' } }, { caption: { text: 'Ho' } }],
      [t('caption', 'lengthAtLeast', 3), { '>=': [{ var: 'caption.length' }, 3] }, { caption: { text: 'Hey' } }, { caption: { text: 'Hi' } }],
      [t('caption', 'lengthAtMost', 2), { '<=': [{ var: 'caption.length' }, 2] }, { caption: { text: 'Hi' } }, { caption: { text: 'Hey' } }],
      [t('caption', 'curved'), { '!!': { var: 'caption.curve' } }, { caption: { text: 'Hi', curve: 30 } }, { caption: { text: 'Hi', curve: 0 } }],
      [t('caption', 'straight'), { '!': { var: 'caption.curve' } }, { caption: { text: 'Hi' } }, { caption: { text: 'Hi', curve: -20 } }],
      [t('color', 'equals', 'navy'), { '==': [{ var: 'color' }, 'navy'] }, { color: 'navy' }, { color: 'white' }],
      [t('color', 'oneOf', ['navy', 'white']), { in: [{ var: 'color' }, ['navy', 'white']] }, { color: 'white' }, {}],
      [t('extras', 'includes', 'card'), { in: ['card', { var: 'extras' }] }, { extras: ['box', 'card'] }, { extras: ['box'] }],
      [t('extras', 'empty'), { '!': { var: 'extras' } }, {}, { extras: ['box'] }],
      [t('gift', 'on'), { '==': [{ var: 'gift' }, true] }, { gift: true }, { gift: false }],
      [t('gift', 'off'), { '!': { var: 'gift' } }, {}, { gift: true }],
    ];
    for (const [cond, logic, yes, no] of cases) {
      expect(toLogic(cond, product), JSON.stringify(cond)).to.deep.equal(logic);
      expect(fromLogic(logic, product), JSON.stringify(logic)).to.deep.equal(cond);
      expect(holds(logic, yes), `${JSON.stringify(logic)} holds for ${JSON.stringify(yes)}`).to.equal(true);
      expect(holds(logic, no), `${JSON.stringify(logic)} fails for ${JSON.stringify(no)}`).to.equal(false);
    }
  });

  it('AND/OR groups nest; what the builder did not write stays raw, exactly', () => {
    const group: Cond = { kind: 'group', op: 'or', items: [t('photo', 'empty'), { kind: 'group', op: 'and', items: [t('gift', 'on'), t('color', 'equals', 'navy')] }] };
    const logic = toLogic(group, product);
    expect(logic).to.deep.equal({ or: [{ '!': { var: 'photo' } }, { and: [{ '==': [{ var: 'gift' }, true] }, { '==': [{ var: 'color' }, 'navy'] }] }] });
    expect(fromLogic(logic, product)).to.deep.equal(group);
    expect(holds(logic, { photo, gift: true, color: 'navy' })).to.equal(true);
    expect(holds(logic, { photo, gift: true, color: 'white' })).to.equal(false);
    for (const raw of [{ '>': [{ var: 'caption.fontSize' }, 40] }, { '==': [{ var: 'nobody' }, 1] }, { '!': [{ var: 'photo' }, 2] }, { '==': [{ var: 'gift' }, 'yes'] }, true]) {
      expect(fromLogic(raw, product)).to.deep.equal({ kind: 'raw', logic: raw });
      expect(toLogic(fromLogic(raw, product), product)).to.equal(raw);
    }
  });
});
