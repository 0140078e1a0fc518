import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import 'axe-core/axe.min.js';
import './define.js';
import type { ProductCustomizerStudio } from './studio.js';
import { evaluate, parseProduct } from '../core/index.js';
import { startMsw } from '../../test/helpers/msw.js';

const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
const root = (el: HTMLElement) => el.shadowRoot!;
const byPath = <T extends HTMLElement = HTMLInputElement>(el: HTMLElement, path: string) => {
  const x = root(el).querySelector<T>(`[data-path="${CSS.escape(path)}"]`);
  expect(x, `field ${path}`).to.exist;
  return x!;
};
const button = (el: HTMLElement, name: string | RegExp) => {
  const b = [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((x) => (typeof name === 'string' ? x.textContent!.trim() === name : name.test(x.textContent!)));
  expect(b, `button ${name}`).to.exist;
  return b!;
};
async function type(el: ProductCustomizerStudio, field: HTMLInputElement | HTMLSelectElement, value: string) {
  field.focus();
  if (field instanceof HTMLSelectElement) {
    field.value = value;
    field.dispatchEvent(new Event('change'));
  } else {
    field.select?.();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: value });
    field.dispatchEvent(new Event('change'));
  }
  await el.updateComplete;
}
async function pick(el: ProductCustomizerStudio, input: HTMLInputElement, url: string, name: string, mime: string) {
  const bytes = await (await fetch(url)).arrayBuffer();
  const dt = new DataTransfer();
  dt.items.add(new File([bytes], name, { type: mime }));
  input.files = dt.files;
  const changed = oneEvent(el, 'product-change');
  input.dispatchEvent(new Event('change'));
  await changed;
  await el.updateComplete;
}
const fileInput = (el: HTMLElement, label: RegExp) => [...root(el).querySelectorAll('label.filebtn')].find((l) => label.test(l.textContent!))!.querySelector('input')!;

describe('<product-customizer-studio>', () => {
  afterEach(() => localStorage.clear());

  it('product reads back exactly the document that was set, $schema and unknown fields included', async () => {
    const tee = await (await fetch('/examples/classic-tee.json')).json();
    tee.components[0].display = 'swatch';
    const el = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio></product-customizer-studio>`);
    el.product = tee;
    expect(el.product).to.deep.equal(tee);
    const broken = { ...tee, currency: 'DOLLARS' };
    el.product = broken;
    await el.updateComplete;
    expect(el.product).to.deep.equal(broken);
    expect(root(el).querySelector('[part="issues"]')!.textContent).to.include('not an ISO 4217 currency code');
  });

  it('recreates the classic tee from its image through the UI; the export parses and behaves like a product', async () => {
    const el = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio style="width:1200px"></product-customizer-studio>`);
    await type(el, byPath(el, 'id'), 'my-tee');
    await type(el, byPath(el, 'name'), 'My Tee');
    await type(el, byPath(el, 'basePrice'), '19.99');
    expect(el.product.basePrice).to.equal(1999);

    await pick(el, fileInput(el, /Add a view/), '/examples/assets/tee.png', 'tee.png', 'image/png');
    expect(el.product.views[0]).to.deep.include({ id: 'front', width: 1000, height: 1200 });
    // Draw the chest area by dragging on the image.
    const editor = root(el).querySelector<HTMLElement>('.editor')!;
    const box = editor.getBoundingClientRect();
    const at = (x: number, y: number) => ({ clientX: box.left + (x / 1000) * box.width, clientY: box.top + (y / 1200) * box.height, pointerId: 1, bubbles: true });
    editor.dispatchEvent(new PointerEvent('pointerdown', at(330, 260)));
    editor.dispatchEvent(new PointerEvent('pointermove', at(500, 500)));
    editor.dispatchEvent(new PointerEvent('pointerup', at(670, 700)));
    await el.updateComplete;
    const area = el.product.views[0].areas[0];
    expect(area.id).to.equal('main');
    expect(area.x).to.be.closeTo(330, 3);
    expect(area.width).to.be.closeTo(340, 4);
    // …then adjust it with exact numbers.
    await type(el, byPath(el, 'views[0].areas[0].id'), 'chest');
    await type(el, byPath(el, 'views[0].areas[0].height'), '440');
    await type(el, byPath(el, 'views[0].areas[0].print.width'), '12');
    await type(el, byPath(el, 'views[0].areas[0].print.height'), '15.5');
    expect(root(el).textContent).to.include('Print file: 3600 × 4650 px');

    button(el, 'Add choice').click();
    await el.updateComplete;
    await type(el, byPath(el, 'components[0].id'), 'color');
    await type(el, byPath(el, 'components[0].options[0].value'), 'white');
    await type(el, byPath(el, 'components[0].options[0].label'), 'White');
    await type(el, byPath<HTMLSelectElement>(el, 'components[0].options[0].effects'), 'front.base');
    button(el, 'Add option').click();
    await el.updateComplete;
    await type(el, byPath(el, 'components[0].options[1].value'), 'navy');
    await type(el, byPath(el, 'components[0].options[1].label'), 'Navy');
    await type(el, byPath<HTMLSelectElement>(el, 'components[0].options[1].effects'), 'front.base');
    const tint = root(el).querySelectorAll<HTMLInputElement>('input[type="color"]');
    const navyTint = [...tint].pop()!;
    navyTint.value = '#1f2a44';
    navyTint.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await type(el, byPath<HTMLSelectElement>(el, 'components[0].default'), 'white');

    button(el, 'Add text').click();
    await el.updateComplete;
    await type(el, byPath(el, 'components[1].label'), 'Front text');
    await type(el, byPath(el, 'components[1].maxLength'), '24');
    await pick(el, fileInput(el, /Upload a font/), '/examples/assets/fonts/lobster-latin-400-normal.woff2', 'lobster-latin-400-normal.woff2', 'font/woff2');
    expect(el.product.fonts[0].family).to.equal('Lobster');
    expect(el.product.components[1].fonts).to.deep.equal(['Lobster']);

    button(el, 'Add image').click();
    await el.updateComplete;
    await type(el, byPath(el, 'components[2].price'), '5');
    const webp = [...root(el).querySelectorAll<HTMLInputElement>('[data-path="components[2].accept"]')].find((x) => x.parentElement!.textContent!.includes('WEBP'))!;
    webp.click();
    await el.updateComplete;
    expect(el.product.components[2].accept).to.deep.equal(['image/png', 'image/jpeg']);

    // A rule from the builder: navy costs 2.00 more.
    const form = root(el).querySelector('form')!;
    (form.querySelector('[name="when-component"]') as HTMLSelectElement).value = 'color';
    (form.querySelector('[name="when-value"]') as HTMLInputElement).value = 'navy';
    (form.querySelector('[name="then-action"]') as HTMLSelectElement).value = 'price';
    (form.querySelector('[name="then-target"]') as HTMLInputElement).value = 'Dark garment';
    (form.querySelector('[name="then-arg"]') as HTMLInputElement).value = '2';
    button(el, 'Add rule').click();
    await el.updateComplete;
    expect(el.product.rules[0]).to.deep.equal({ id: 'rule1', when: { '==': [{ var: 'color' }, 'navy'] }, then: { price: { amount: 200, label: 'Dark garment' } } });

    const exported = el.product;
    const r = parseProduct(exported);
    expect(r.issues.filter((i) => i.severity === 'error')).to.deep.equal([]);
    const ev = evaluate(exported, { color: 'navy', text1: 'Hi' });
    expect(ev.valid).to.equal(true);
    expect(ev.price.total).to.equal(1999 + 200);
    // The live preview is the real element, showing this product.
    const preview = root(el).querySelector('product-customizer') as any;
    await waitUntil(() => preview?.evaluation, 'the preview element renders the product');
    expect(preview.evaluation.price.total).to.equal(1999);
  });

  it('a simple product by keyboard alone', async () => {
    const el = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio></product-customizer-studio>`);
    await pick(el, fileInput(el, /Add a view/), '/examples/assets/bottle.png', 'bottle.png', 'image/png');
    button(el, 'Add print area').focus();
    await sendKeys({ press: 'Enter' });
    button(el, 'Add toggle').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    byPath(el, 'components[0].label').focus();
    await sendKeys({ press: 'End' });
    for (let i = 0; i < 9; i++) await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: 'Engraving box' });
    await el.updateComplete;
    // Tab to the price field and type it.
    byPath(el, 'components[0].price').focus();
    await sendKeys({ type: '4.50' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.product.components[0]).to.deep.include({ type: 'toggle', label: 'Engraving box', price: 450 });
    expect(parseProduct(el.product).ok).to.equal(true);
    // Reorder by keyboard.
    button(el, 'Add choice').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    root(el).querySelector<HTMLButtonElement>('[data-move="1:-1"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.product.components.map((c: { type: string }) => c.type)).to.deep.equal(['choice', 'toggle']);
  });

  it('fires product-change with the product and its issues; undo and redo every edit', async () => {
    const el = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio></product-customizer-studio>`);
    const change = oneEvent(el, 'product-change');
    button(el, 'Add toggle').click();
    const e = await change;
    expect(e.detail.product.components).to.have.length(1);
    expect(e.detail.issues.some((i: { message: string }) => /at least one view/.test(i.message))).to.equal(true);
    el.undo();
    expect(el.product.components).to.deep.equal([]);
    el.redo();
    expect(el.product.components).to.have.length(1);
    button(el, 'Undo').focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'z' });
    await sendKeys({ up: 'Control' });
    expect(el.product.components).to.deep.equal([]);
  });

  it('clicking an issue focuses the field it is about', async () => {
    const tee = await (await fetch('/examples/classic-tee.json')).json();
    tee.components[2].area = 'front.nowhere';
    const el = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio></product-customizer-studio>`);
    el.product = tee;
    await el.updateComplete;
    const issue = [...root(el).querySelectorAll<HTMLButtonElement>('.issues button')].find((b) => b.textContent!.includes('front.nowhere'))!;
    issue.click();
    expect(root(el).activeElement?.getAttribute('data-path')).to.equal('components[2].area');
  });

  it('keeps the draft across a reload (autosave) and publishes to publish-url', async () => {
    const posted: string[] = [];
    const worker = await startMsw(http.post('/merchant/products', async ({ request }) => {
      posted.push(String(new URLSearchParams(await request.text()).get('json')));
      return new HttpResponse('ok', { status: 201 });
    }));
    try {
      const tee = await (await fetch('/examples/engraved-bottle.json')).json();
      const a = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio autosave publish-url="/merchant/products"></product-customizer-studio>`);
      a.product = tee;
      await type(a, byPath(a, 'revision'), '4');
      a.remove();
      const b = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio autosave publish-url="/merchant/products"></product-customizer-studio>`);
      expect(b.product.revision).to.equal('4');
      button(b, 'Publish').click();
      await waitUntil(() => posted.length === 1);
      expect(JSON.parse(posted[0]!).revision).to.equal('4');
      await waitUntil(() => root(b).textContent!.includes('Published revision 4'));
    } finally {
      worker.stop();
    }
  });

  it('renders product strings with markup as text, and axe finds no serious violation', async () => {
    const tee = await (await fetch('/examples/classic-tee.json')).json();
    tee.components[0].label = '<img src=x onerror="window.__pwned=1">';
    const el = await fixture<ProductCustomizerStudio>(html`<product-customizer-studio></product-customizer-studio>`);
    el.product = tee;
    await el.updateComplete;
    expect(root(el).querySelector('img[src="x"]')).to.equal(null);
    const result = await axe.run(el, { resultTypes: ['violations'] });
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
  });
});
