/** SPEC §2: a choice's `display` is "swatch", "button" or "dropdown"; anything else is a located error. */
import { expect } from 'chai';
import { parseProduct } from './index.js';

const product = (display: unknown) => ({
  schemaVersion: 1, id: 'p', revision: '1', name: 'P', currency: 'USD', basePrice: 100,
  views: [{ id: 'v', label: 'V', width: 10, height: 10, layers: [], areas: [] }],
  components: [{ id: 'size', type: 'choice', label: 'Size', display, options: [{ value: 's', label: 'S' }, { value: 'm', label: 'M' }] }],
});

describe('choice display', () => {
  for (const display of ['swatch', 'button', 'dropdown']) {
    it(`accepts display: "${display}"`, () => {
      const r = parseProduct(product(display));
      expect(r.ok, JSON.stringify(!r.ok && r.issues)).to.equal(true);
    });
  }
  it('refuses another display, located at the component’s display', () => {
    const r = parseProduct(product('carousel'));
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.issues.some((i) => i.code === 'invalid-product' && i.path.join('.') === 'components.0.display')).to.equal(true);
  });
});
