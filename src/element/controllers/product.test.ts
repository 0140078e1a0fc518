/**
 * The product task (ProductController, @lit/task): its pending state is shown in the element, a
 * stale response never wins, and a failure is shown in place (not only logged).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '../define.js';
import type { ProductCustomizer } from '../product-customizer/product-customizer.js';
import { startMsw } from '../../../test/helpers/msw.js';

/** A response the test releases when it wants: the fetch stays pending until then. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('product loading (ProductController)', () => {
  it('shows that it loads while the product is on its way, then the controls', async () => {
    const g = gate();
    const asked = gate();
    const worker = await startMsw(
      http.get('/slow/bottle.json', async () => {
        asked.open();
        await g.opened;
        return HttpResponse.json(await (await fetch('/examples/engraved-bottle.json')).json());
      }),
    );
    try {
      const el = await fixture<ProductCustomizer>(html`<product-customizer src="/slow/bottle.json"></product-customizer>`);
      await asked.opened;
      await el.updateComplete;
      const busy = el.shadowRoot!.querySelector('[aria-busy="true"]')!;
      expect(busy.textContent).to.include('Loading');
      expect(busy.checkVisibility()).to.equal(true);
      const loaded = oneEvent(el, 'customizer-load');
      g.open();
      await loaded;
      expect(el.shadowRoot!.querySelector('[aria-busy="true"]')).to.equal(null);
      expect(el.evaluation!.price.total).to.equal(3200);
    } finally {
      worker.stop();
    }
  });

  it('a stale response never wins: the src set last is the product shown, whatever answers first', async () => {
    const first = gate();
    const asked = gate();
    const worker = await startMsw(
      http.get('/slow/tee.json', async () => {
        asked.open();
        await first.opened;
        return HttpResponse.json(await (await fetch('/examples/classic-tee.json')).json());
      }),
    );
    try {
      const el = await fixture<ProductCustomizer>(html`<product-customizer src="/slow/tee.json"></product-customizer>`);
      await asked.opened;
      const loaded = oneEvent(el, 'customizer-load');
      el.src = '/examples/engraved-bottle.json';
      await loaded;
      expect(el.product!.id).to.equal('engraved-bottle');
      let reloaded = false;
      el.addEventListener('customizer-load', () => (reloaded = true));
      first.open();
      // The tee's answer arrives now; give it every chance to be (wrongly) applied.
      await fetch('/examples/classic-tee.json');
      await el.updateComplete;
      expect(el.product!.id).to.equal('engraved-bottle');
      expect(reloaded).to.equal(false);
    } finally {
      worker.stop();
    }
  });

  it('setting the product property while a src fetch runs: the property wins', async () => {
    const g = gate();
    const asked = gate();
    const worker = await startMsw(
      http.get('/slow/other.json', async () => {
        asked.open();
        await g.opened;
        return HttpResponse.json(await (await fetch('/examples/classic-tee.json')).json());
      }),
    );
    try {
      const el = await fixture<ProductCustomizer>(html`<product-customizer src="/slow/other.json"></product-customizer>`);
      await asked.opened;
      const bottle = { ...(await (await fetch('/examples/engraved-bottle.json')).json()), assetsBase: '/examples/assets/' };
      const errors: string[] = [];
      el.addEventListener('customizer-error', (e) => errors.push(e.detail.code));
      el.product = bottle;
      g.open();
      await fetch('/examples/classic-tee.json');
      await el.updateComplete;
      expect(el.product!.id).to.equal('engraved-bottle');
      expect(errors, 'the aborted fetch is not an error').to.deep.equal([]);
    } finally {
      worker.stop();
    }
  });
});
