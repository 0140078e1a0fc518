import { expect, waitUntil } from '@open-wc/testing';

/**
 * A framework (or the loader, which imports the drop-in only when the element nears the viewport) may
 * set `product` and `selections` before <product-customizer> is defined. Nothing in this file defines
 * it before the test does.
 */
describe('properties set before the element is defined', () => {
  it('are taken over when the drop-in arrives: the product loads and the selections are the design', async () => {
    expect(customElements.get('product-customizer')).to.equal(undefined);
    const product = await (await fetch('/examples/engraved-bottle.json')).json();
    const el = document.createElement('product-customizer') as HTMLElement & { product: any; selections: any; evaluation: any };
    document.body.append(el);
    el.product = product;
    el.selections = { engraving: 'Early' };
    await import(/* @vite-ignore */ `${location.origin}/dist/product-customizer.js`);
    await customElements.whenDefined('product-customizer');
    expect(Object.prototype.hasOwnProperty.call(el, 'product'), 'no own property left hiding the accessor').to.equal(false);
    await waitUntil(() => el.evaluation, 'the product never loaded', { timeout: 10_000 });
    expect(el.product.id).to.equal('engraved-bottle');
    expect(el.selections.engraving).to.equal('Early');
    expect(el.evaluation.components.engraving.value.text).to.equal('Early');
    el.remove();
  });
});
