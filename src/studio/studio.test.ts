import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import './define.js';
import type { ProductCustomizerStudio } from './studio.js';
import { parseProduct } from '../core/index.js';
import { startMsw } from '../../test/helpers/msw.js';
import { get } from '../../test/helpers/studio-roles.js';

const tee = async () => (await fetch('/examples/classic-tee.json')).json();

describe('<product-customizer-studio>', () => {
  it('clicking an issue selects what it is about and focuses its field', async () => {
    const doc = await tee();
    doc.components[2].area = 'front.nowhere';
    const el = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio assets-base="/examples/"></product-customizer-studio>`);
    el.product = doc;
    await el.updateComplete;
    const issue = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.issues button')].find((b) => b.textContent!.includes('front.nowhere'))!;
    issue.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('data-path')).to.equal('components[2].area');
    expect(get(el, 'tab', 'Components').getAttribute('aria-selected')).to.equal('true');
  });

  it('a simple product by keyboard alone: a toggle with a price, reordered', async () => {
    const el = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio></product-customizer-studio>`);
    get(el, 'tab', 'Product').focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    get(el, 'button', 'Add toggle').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const label = get<HTMLInputElement>(el, 'textbox', 'Label');
    label.focus();
    label.select();
    await sendKeys({ type: 'Engraving box' });
    get<HTMLInputElement>(el, 'textbox', 'Price (USD)').focus();
    await sendKeys({ type: '4.50' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.product.components[0]).to.deep.include({ type: 'toggle', label: 'Engraving box', price: 450 });
    // Not an amount: said in the status line, the price kept.
    get<HTMLInputElement>(el, 'textbox', 'Price (USD)').focus();
    await sendKeys({ type: 'abc' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(get(el, 'status', /.*/).textContent).to.equal('Price: “abc” is not an amount of money.');
    expect(el.product.components[0].price).to.equal(450);
    get(el, 'button', 'Add choice').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    get(el, 'button', 'Move choice: color up').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.product.components.map((c: { type: string }) => c.type)).to.deep.equal(['choice', 'toggle']);
  });

  it('publishes to publish-url, refreshes the published revisions, and opens one of them for editing', async () => {
    const posted: string[] = [];
    const published = [{ id: 'classic-tee', revision: '2026-11-01', name: 'Classic Tee', url: '/examples/classic-tee.json' }];
    const worker = await startMsw(
      http.post('/merchant/products', async ({ request }) => {
        const json = String(new URLSearchParams(await request.text()).get('json'));
        posted.push(json);
        const p = JSON.parse(json);
        published.push({ id: p.id, revision: p.revision, name: p.name, url: '/examples/engraved-bottle.json' });
        return new HttpResponse('ok', { status: 201 });
      }),
      http.get('/merchant/revisions.json', () => HttpResponse.json(published)),
    );
    try {
      const el = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio publish-url="/merchant/products" revisions-url="/merchant/revisions.json" assets-base="/examples/"></product-customizer-studio>`);
      // The published list arrives; Edit opens that product (an undoable step).
      const edit = await new Promise<HTMLElement>((resolve) => {
        const look = () => {
          const b = el.shadowRoot!.querySelector<HTMLElement>('[aria-label="Edit classic-tee revision 2026-11-01"]');
          if (b) resolve(b);
          else requestAnimationFrame(look);
        };
        look();
      });
      const opened = oneEvent(el, 'product-change');
      edit.click();
      await opened;
      await el.updateComplete;
      expect(el.product.id).to.equal('classic-tee');
      const revision = get<HTMLInputElement>(el, 'textbox', 'Revision');
      revision.focus();
      revision.select();
      await sendKeys({ type: '2026-12-01' });
      await el.updateComplete;
      expect(parseProduct(el.product).ok).to.equal(true);
      get(el, 'button', 'Publish').click();
      await new Promise<void>((resolve) => {
        const look = () => {
          if (el.shadowRoot!.querySelector('[aria-label="Edit classic-tee revision 2026-12-01"]')) return resolve();
          requestAnimationFrame(look);
        };
        look();
      });
      expect(JSON.parse(posted[0]!).revision).to.equal('2026-12-01');
      expect(get(el, 'status', /.*/).textContent).to.include('Published revision 2026-12-01');
    } finally {
      worker.stop();
    }
  });
});
