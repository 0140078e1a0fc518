/**
 * SPEC §2 `display`: swatches when every option has one, else buttons; `"dropdown"` a select for long
 * lists; `"button"` shows labelled buttons even when the options have swatches.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../define.js';
import type { ProductCustomizer } from './product-customizer.js';

const countries = ['at', 'be', 'ch', 'de', 'dk', 'es', 'fr', 'it', 'nl', 'pt'];
const product = {
  schemaVersion: 1, id: 'flag-pin', revision: '1', name: 'Flag pin', currency: 'EUR', basePrice: 500,
  views: [{ id: 'v', label: 'Front', width: 100, height: 100, layers: [], areas: [] }],
  components: [
    { id: 'country', type: 'choice', label: 'Country', display: 'dropdown', required: true, options: countries.map((c) => ({ value: c, label: c.toUpperCase(), ...(c === 'ch' && { price: 100 }) })) },
    { id: 'finish', type: 'choice', label: 'Finish', display: 'button', default: 'gold', options: [{ value: 'gold', label: 'Gold', swatch: '#d4af37' }, { value: 'silver', label: 'Silver', swatch: '#c0c0c0' }] },
    { id: 'back', type: 'choice', label: 'Back', default: 'pin', options: [{ value: 'pin', label: 'Pin', swatch: '#333333' }, { value: 'magnet', label: 'Magnet', swatch: '#777777' }] },
  ],
  rules: [{ when: { '==': [{ var: 'finish' }, 'silver'] }, then: { restrict: { country: ['at', 'be', 'de'] } } }],
};

async function mount(): Promise<ProductCustomizer> {
  const el = await fixture<ProductCustomizer>(html`<product-customizer locale="en"></product-customizer>`);
  el.product = product as never;
  await el.updateComplete;
  await el.updateComplete;
  return el;
}
const part = (el: ProductCustomizer, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-component="${id}"]`)!;

describe('choice display (SPEC §2)', () => {
  it('a dropdown is a select named by the label; choosing an option sets the selection and the price', async () => {
    const el = await mount();
    const select = part(el, 'country').querySelector('select')!;
    expect(select.closest('label')!.textContent).to.include('Country');
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', ...countries]);
    expect(el.evaluation!.issues.some((i) => i.code === 'required' && i.component === 'country')).to.equal(true);
    select.value = 'ch';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.selections.country).to.equal('ch');
    expect(el.evaluation!.price.total).to.equal(600);
    expect(select.options[select.selectedIndex]!.textContent).to.match(/^CH, \+/);
  });

  it('a rule’s restriction disables the dropdown’s other options', async () => {
    const el = await mount();
    el.selections = { ...el.selections, finish: 'silver', country: 'de' };
    await el.updateComplete;
    const select = part(el, 'country').querySelector('select')!;
    const disabled = [...select.options].filter((o) => o.disabled).map((o) => o.value);
    expect(disabled).to.include.members(['ch', 'fr', 'it']);
    expect(disabled).to.not.include.members(['at', 'be', 'de']);
  });

  it('display: "button" shows labelled buttons although the options have swatches; the default shows swatches', async () => {
    const el = await mount();
    expect(part(el, 'finish').querySelectorAll('.swatch')).to.have.length(0);
    expect([...part(el, 'finish').querySelectorAll('.chip')].map((c) => c.textContent!.trim())).to.deep.equal(['Gold', 'Silver']);
    expect(part(el, 'back').querySelectorAll('.swatch')).to.have.length(2);
    expect(part(el, 'back').querySelectorAll('.chip')).to.have.length(0);
  });
});
