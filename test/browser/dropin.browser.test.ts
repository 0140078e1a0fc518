import { expect } from '@open-wc/testing';

/** The no-build-step drop-in: one <script type="module"> with lit, konva and zod inside. */
describe('dist/product-customizer.js (drop-in)', () => {
  it('registers <product-customizer> and renders a product with no other script', async () => {
    await import(/* @vite-ignore */ `${location.origin}/dist/product-customizer.js`);
    expect(customElements.get('product-customizer')).to.be.a('function');
    const el = document.createElement('product-customizer') as HTMLElement & { evaluation: { price: { total: number } } | null; previewComplete: Promise<void> };
    const loaded = new Promise((r) => el.addEventListener('customizer-load', r, { once: true }));
    el.setAttribute('src', '/examples/engraved-bottle.json');
    document.body.append(el);
    await loaded;
    expect(el.evaluation!.price.total).to.equal(3200);
    expect(el.shadowRoot!.querySelector('[part="price"]')!.textContent).to.include('$32.00');
    // The bundle's minified CSS reaches the shadow root: the preview is laid out, the options are chips.
    const rules = [...el.shadowRoot!.adoptedStyleSheets].reduce((n, s) => n + s.cssRules.length, 0);
    expect(rules, 'CSS rules in the shadow root').to.be.greaterThan(50);
    expect(getComputedStyle(el.shadowRoot!.querySelector('.stage')!).position).to.equal('relative');
    await el.previewComplete;
    expect(getComputedStyle(el.shadowRoot!.querySelector('.stage canvas')!).display).to.equal('block');
    el.remove();
  });

  it('reports a broken product with the same codes, sub-codes, params and paths as the core, its sentence shortened to code + sub-code + params', async () => {
    await import(/* @vite-ignore */ `${location.origin}/dist/product-customizer.js`);
    const product = await (await fetch('/examples/engraved-bottle.json')).json();
    delete product.currency;
    product.components[0].id = 'Bad Id!';
    const el = document.createElement('product-customizer') as HTMLElement & { product: unknown };
    const failed = new Promise<CustomEvent>((r) => el.addEventListener('customizer-error', (e) => r(e as CustomEvent), { once: true }));
    document.body.append(el);
    el.product = product;
    const { detail } = await failed;
    expect(detail.code).to.equal('invalid-product');
    const issues = detail.issues.map((i: any) => ({ path: i.path, params: i.params, message: i.message }));
    expect(issues).to.deep.equal([
      { path: ['currency'], params: { reason: 'missing-field', field: 'currency' }, message: 'The product definition is invalid. (missing-field; field: currency)' },
      {
        path: ['components', 0, 'id'],
        params: { reason: 'bad-id', format: 'regex', pattern: '/^[A-Za-z0-9][A-Za-z0-9_-]*$/', got: 'text', value: 'Bad Id!' },
        message: 'The product definition is invalid. (bad-id; format: regex; pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/; got: text; value: Bad Id!)',
      },
    ]);
    el.remove();
  });
});
