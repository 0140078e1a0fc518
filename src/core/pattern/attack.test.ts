import { expect } from 'chai';
import { buildOrder, evaluate, parseProduct, verifyOrder } from '../index.js';
import { loadExample } from '../../../test/fixtures/examples.js';

const CATASTROPHIC = '^([A-Za-z]+ ?)+$';
const ATTACK = 'abcdefghijklmnopqrstuvwxyzabcde!'; // 31 letters and "!": 106 s in a backtracking engine

/** The engraved bottle with a merchant's pattern on its engraving (components[1]). */
async function bottle(pattern: string) {
  const j = await loadExample('engraved-bottle');
  j.components[1].pattern = pattern;
  j.components[1].maxLength = 40;
  return j;
}

describe('a catastrophic merchant pattern', function () {
  this.timeout(5000);

  it('evaluate answers in well under 100 ms on 31 letters and "!", and reports the mismatch', async () => {
    const r = parseProduct(await bottle(CATASTROPHIC));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const t0 = performance.now();
    const ev = evaluate(r.product, { engraving: { text: ATTACK, font: 'Roboto' } });
    expect(performance.now() - t0).to.be.lessThan(100);
    expect(ev.issues.map((i) => [i.code, i.path.join('.')])).to.deep.include(['pattern', 'engraving.text']);
    expect(evaluate(r.product, { engraving: { text: 'Happy Birthday', font: 'Roboto' } }).issues.filter((i) => i.code === 'pattern')).to.deep.equal([]);
  });

  it('verifyOrder answers in well under 100 ms on the same input', async () => {
    const p = await bottle(CATASTROPHIC);
    const order = JSON.parse(JSON.stringify(await buildOrder(p, { engraving: { text: 'Happy Birthday', font: 'Roboto' } })));
    order.selections.engraving.text = ATTACK;
    const t0 = performance.now();
    const r = await verifyOrder(p, order);
    expect(performance.now() - t0).to.be.lessThan(100);
    expect(r.ok).to.equal(false);
    expect(r.issues.map((i) => i.code)).to.include('pattern');
  });
});

describe('parseProduct refuses patterns that need backtracking', () => {
  for (const [pattern, what] of [['^(\\w)\\1$', 'a backreference'], ['^(?=.*\\d).+$', 'a lookahead'], ['(?<!x)y', 'a lookbehind'], ['^(?<a>.)\\k<a>$', 'a named backreference']]) {
    it(`${pattern}: ${what}, located at the component's pattern`, async () => {
      const r = parseProduct(await bottle(pattern!));
      expect(r.ok).to.equal(false);
      const errors = r.issues.filter((i) => i.severity === 'error');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.deep.include({ code: 'invalid-product', path: ['components', 1, 'pattern'], component: 'engraving' });
      expect(errors[0]!.message).to.match(new RegExp(`^pattern uses ${what} \\(at character \\d+\\), which cannot be matched in linear time`));
    });
  }
  it('a pattern whose counted repeats are too large', async () => {
    const r = parseProduct(await bottle('^(\\p{L}{1,60} ?){1,60}$'));
    expect(r.ok).to.equal(false);
    expect(r.issues[0]).to.deep.include({ code: 'invalid-product', path: ['components', 1, 'pattern'] });
    expect(r.issues[0]!.message).to.match(/^pattern is too large/);
  });
});
