import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import type { ProductCustomizerStudio } from './studio.js';
import { TAG_PNG, petTagProduct } from '../../test/fixtures/pet-tag.js';
import { get } from '../../test/helpers/studio-roles.js';

async function retype(el: ProductCustomizerStudio, input: HTMLInputElement, value: string) {
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  const changed = oneEvent(el, 'product-change');
  await sendKeys({ type: value });
  await changed;
  await el.updateComplete;
}

/** The merchant sets a text's curve range in the studio's text editor, checked as parseProduct checks it. */
describe('<product-customizer-studio>: a text’s curve', () => {
  it('shows the curve range of a text and edits it; a default outside min..max is reported where it is', async () => {
    const el = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio></product-customizer-studio>`);
    el.product = petTagProduct(URL.createObjectURL(new Blob([TAG_PNG()], { type: 'image/png' })), '/examples/assets/');
    await el.updateComplete;
    get(el, 'tab', 'Components').click();
    await el.updateComplete;
    get(el, 'button', 'text: name').click();
    await el.updateComplete;
    const field = (name: string) => get<HTMLInputElement>(el, 'spinbutton', name);
    expect([field('Curve min (°)').value, field('Curve default (°)').value, field('Curve max (°)').value]).to.deep.equal(['-180', '120', '180']);
    await retype(el, field('Curve max (°)'), '90');
    expect((el.product as any).components[0].curve).to.deep.equal({ min: -180, max: 90, default: 120 });
    const issues = el.shadowRoot!.querySelector('[part="issues"]')!.textContent!;
    expect(issues).to.include('curve needs min ≤ default ≤ max, got -180 / 120 / 90');
    await retype(el, field('Curve default (°)'), '45');
    expect((el.product as any).components[0].curve).to.deep.equal({ min: -180, max: 90, default: 45 });
    expect(el.shadowRoot!.querySelector('[part="issues"]')?.textContent ?? '').to.not.include('curve');
  });
});
