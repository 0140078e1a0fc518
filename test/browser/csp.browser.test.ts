import { expect, waitUntil } from '@open-wc/testing';

/**
 * Shops run strict Content Security Policies. The drop-in must work under `script-src 'self'`
 * (no eval, no inline script) without a single policy violation.
 */
describe('the drop-in under a strict CSP', () => {
  it('renders and prices a product with script-src \'self\' and no violation', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '900px';
    frame.style.height = '900px';
    frame.srcdoc = `<!doctype html><html><head>
      <meta http-equiv="Content-Security-Policy" content="script-src 'self'; object-src 'none'; base-uri 'none'">
      <script type="module" src="${location.origin}/dist/product-customizer.js"></script></head>
      <body><product-customizer src="${location.origin}/examples/engraved-bottle.json"></product-customizer></body></html>`;
    const violations: string[] = [];
    frame.addEventListener('load', () => {
      frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    document.body.append(frame);
    await waitUntil(() => (frame.contentDocument?.querySelector('product-customizer') as any)?.evaluation, 'the element never loaded', { timeout: 15_000 });
    // The listener works: an eval in the frame is refused and reported…
    expect(() => (frame.contentWindow as any).eval('1')).to.throw();
    await waitUntil(() => violations.length === 1, 'the probe violation was not seen');
    violations.length = 0;
    // …and the element's work (parse, evaluate, render, order) causes none.
    const el = frame.contentDocument!.querySelector('product-customizer') as any;
    const input = el.shadowRoot.querySelector('textarea') as HTMLTextAreaElement;
    input.value = 'Strict';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    expect(el.evaluation.valid).to.equal(true);
    expect(el.shadowRoot.querySelector('[part="price"]').textContent).to.include('$32.00');
    // The preview is set up once the element is in view and the page idle: then it draws, CSP-clean too.
    await el.previewComplete;
    expect(el.shadowRoot.querySelector('.stage canvas')).to.not.equal(null);
    await el.toOrder();
    expect(violations).to.deep.equal([]);
    frame.remove();
  });
});
