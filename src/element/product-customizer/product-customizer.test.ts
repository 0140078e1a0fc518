import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import 'axe-core/axe.min.js';
import '../define.js';
import type { ProductCustomizer } from './product-customizer.js';
import { verifyOrder } from '../../core/index.js';
import type { Order } from '../../core/index.js';
import { makeGif, makePng } from '../../core/files/fixtures.js';
import { startMsw } from '../../../test/helpers/msw.js';
import { drafts } from '../controllers/drafts.js';
import { HOSTILE } from '../../../test/fixtures/hostile.js';

// axe-core is a UMD script: importing it defines window.axe.
const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
const TEE = '/examples/classic-tee.json';
const BOTTLE = '/examples/engraved-bottle.json';
const NECKLACE = '/examples/name-necklace.json';

async function mount(src: string, attrs = ''): Promise<ProductCustomizer> {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.innerHTML = `<product-customizer src="${src}" ${attrs}></product-customizer>`;
  const el = wrap.firstElementChild as ProductCustomizer;
  await oneEvent(el, 'customizer-load');
  return el;
}
const root = (el: HTMLElement) => el.shadowRoot!;
const q = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => root(el).querySelector<T>(sel)!;
const qa = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => [...root(el).querySelectorAll<T>(sel)];

function radio(el: HTMLElement, group: string, optionName: RegExp): HTMLInputElement {
  const fs = qa<HTMLFieldSetElement>(el, 'fieldset').find((f) => f.querySelector('legend')?.textContent?.trim().startsWith(group));
  expect(fs, `group ${group}`).to.exist;
  const input = [...fs!.querySelectorAll('input')].find((i) => optionName.test(i.getAttribute('aria-label') ?? ''));
  expect(input, `option ${optionName} in ${group}`).to.exist;
  return input!;
}
function textbox(el: HTMLElement, label: string): HTMLInputElement | HTMLTextAreaElement {
  const l = qa<HTMLLabelElement>(el, 'label.label').find((x) => x.textContent?.trim().startsWith(label));
  expect(l, `textbox ${label}`).to.exist;
  return root(el).getElementById(l!.htmlFor) as HTMLInputElement;
}
async function typeInto(input: HTMLElement, text: string) {
  input.focus();
  await sendKeys({ type: text });
}
function upload(el: HTMLElement, id: string, bytes: Uint8Array<ArrayBuffer>, name: string, type: string) {
  const input = q<HTMLInputElement>(el, `#file-${id}`);
  const dt = new DataTransfer();
  dt.items.add(new File([bytes], name, { type }));
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
const nextChange = (el: HTMLElement) => oneEvent(el, 'customization-change');

describe('<product-customizer>', () => {
  afterEach(() => localStorage.clear());

  describe('controls, labelled as assistive technology sees them', () => {
    it('renders a radio group per single choice, named by its label, options named by their labels', async () => {
      const el = await mount(TEE);
      const colour = qa<HTMLFieldSetElement>(el, 'fieldset[role="radiogroup"]').find((f) => f.querySelector('legend')!.textContent!.includes('Colour'))!;
      const names = [...colour.querySelectorAll('input[type="radio"]')].map((i) => i.getAttribute('aria-label'));
      expect(names).to.deep.equal(['White', 'Heather grey', 'Navy', 'Black', 'Forest green, Not available']);
      expect(radio(el, 'Colour', /^White/).checked, 'default').to.equal(true);
      expect(radio(el, 'Colour', /^Forest/).disabled).to.equal(true);
      expect(radio(el, 'Size', /^2XL/).getAttribute('aria-label')).to.equal('2XL, +$2.00');
    });
    it('a text is a textbox (a textarea when maxLines > 1) named by its label', async () => {
      const el = await mount(TEE);
      expect(textbox(el, 'Front text').tagName).to.equal('TEXTAREA');
      expect(textbox(el, 'Back number').tagName).to.equal('INPUT');
    });
    it('a toggle is a switch; an image a file input behind a button', async () => {
      const el = await mount(BOTTLE);
      const sw = q<HTMLInputElement>(el, 'input[role="switch"]');
      expect(sw.closest('label')!.textContent).to.include('Gift box');
      const tee = await mount(TEE);
      expect(q(tee, 'input[type="file"]#file-photo')).to.exist;
      expect(q(tee, 'button[aria-label="Upload image: Your image"]')).to.exist;
    });
    it('a multi-select is a group of checkboxes that honours max', async () => {
      const el = await mount(NECKLACE);
      const boxes = qa<HTMLInputElement>(el, '[data-component="charms"] input[type="checkbox"]');
      expect(boxes).to.have.length(3);
      boxes[0]!.click();
      await el.updateComplete;
      boxes[1]!.click();
      await el.updateComplete;
      expect(el.selections.charms).to.deep.equal(['heart', 'star']);
      expect(boxes[2]!.disabled, 'max 2 reached').to.equal(true);
    });
  });

  describe('as a shopper picks and types', () => {
    it('clicking a swatch fires customization-change with the selections and updates the price', async () => {
      const el = await mount(TEE);
      const change = nextChange(el);
      radio(el, 'Size', /^2XL/).click();
      const ev = await change;
      expect(ev.detail.selections).to.deep.equal({ size: '2XL' });
      expect(ev.detail.evaluation.price.total).to.equal(2199);
      await el.updateComplete;
      expect(q(el, '[part="price"] .amount').textContent).to.equal('$21.99');
      expect(ev.bubbles && ev.composed).to.equal(true);
    });
    it('typing (emoji and Chinese) counts characters as the core does', async () => {
      const el = await mount(TEE);
      const input = textbox(el, 'Front text');
      await typeInto(input, '经典 👍');
      await el.updateComplete;
      expect((el.selections['front-text'] as { text: string }).text).to.equal('经典 👍');
      expect(q(el, '#count-front-text').textContent).to.equal('4 / 24');
    });
    it('coalesces change events to one per frame while typing', async () => {
      const el = await mount(BOTTLE);
      let count = 0;
      el.addEventListener('customization-change', () => count++);
      const input = textbox(el, 'Engraving') as HTMLTextAreaElement;
      input.focus();
      for (const ch of 'Hello') {
        input.value += ch;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      expect(count).to.equal(1);
    });
    it('errors appear after the control is touched, linked by aria-describedby', async () => {
      const el = await mount(TEE);
      const input = textbox(el, 'Back number');
      expect(q(el, '#issues-back-number').textContent!.trim()).to.equal('');
      await typeInto(input, '1a');
      await el.updateComplete;
      expect(q(el, '#issues-back-number').textContent).to.include('Digits only');
      expect(input.getAttribute('aria-describedby')).to.include('issues-back-number');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
    });
    it('a restricted option is shown disabled with the reason', async () => {
      const el = await mount(NECKLACE);
      radio(el, 'Material', /^18k gold/).click();
      await el.updateComplete;
      const long = radio(el, 'Chain length', /^50 cm/);
      expect(long.disabled).to.equal(true);
      expect(long.getAttribute('aria-label')).to.equal('50 cm, +€3.00, Not available with your other choices');
    });
    it('undo and redo with Ctrl+Z and Shift+Ctrl+Z', async () => {
      const el = await mount(TEE);
      radio(el, 'Size', /^M$/).click();
      radio(el, 'Colour', /^Navy/).click();
      await el.updateComplete;
      radio(el, 'Colour', /^Navy/).focus();
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'z' });
      await sendKeys({ up: 'Control' });
      expect(el.selections).to.deep.equal({ size: 'M' });
      await sendKeys({ down: 'Control' });
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Z' });
      await sendKeys({ up: 'Shift' });
      await sendKeys({ up: 'Control' });
      expect(el.selections).to.deep.equal({ size: 'M', color: 'navy' });
      el.undo();
      el.undo();
      expect(el.selections).to.deep.equal({});
      el.reset();
      expect(el.selections).to.deep.equal({});
    });
    it('setting selections programmatically fires no change event', async () => {
      const el = await mount(TEE);
      let fired = false;
      el.addEventListener('customization-change', () => (fired = true));
      el.selections = { size: 'L', color: 'black' };
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      expect(fired).to.equal(false);
      expect(el.evaluation!.valid).to.equal(true);
      expect(radio(el, 'Colour', /^Black/).checked).to.equal(true);
    });
    it('a hidden component has no control', async () => {
      const p = { ...(await (await fetch(TEE)).json()), assetsBase: '/examples/assets/' };
      p.rules.push({ id: 'hide-photo-on-white', when: { '==': [{ var: 'color' }, 'white'] }, then: { hide: ['photo'] } });
      const el = await fixture<ProductCustomizer>(html`<product-customizer .product=${p}></product-customizer>`);
      await el.updateComplete;
      expect(q(el, '[data-component="photo"]')).to.equal(null);
      el.selections = { color: 'navy' };
      await el.updateComplete;
      expect(q(el, '[data-component="photo"]')).to.exist;
    });
  });

  describe('uploads, checked by their bytes', () => {
    it('accepts a real PNG: asset with dimensions and SHA-256, thumbnail, dpi', async () => {
      const el = await mount(TEE);
      const change = nextChange(el);
      upload(el, 'photo', makePng(1200, 1550), 'me.png', 'image/png');
      const ev = await change;
      const asset = (ev.detail.selections.photo as { asset: Record<string, unknown> }).asset;
      expect(asset).to.include({ name: 'me.png', type: 'image/png', width: 1200, height: 1550 });
      expect(asset.sha256).to.match(/^[0-9a-f]{64}$/);
      await el.updateComplete;
      expect(q(el, '[data-component="photo"] img.thumb')).to.exist;
      expect(q(el, '[data-component="photo"] .file-name').textContent).to.include('100 dpi');
      expect(q(el, '#issues-photo').textContent, 'warning shows at once').to.include('may look soft');
    });
    it('restoreDesign brings back a saved design with its photo only when the bytes are the ones the design used', async () => {
      // A design made in one element (as a cart line stores it: selections + the uploaded files)…
      const first = await mount(TEE);
      const sized = nextChange(first);
      radio(first, 'Size', /^L$/).click();
      await sized;
      const png = makePng(3600, 4650);
      const change = nextChange(first);
      upload(first, 'photo', png, 'me.png', 'image/png');
      await change;
      await typeInto(textbox(first, 'Front text'), 'Hi');
      const saved = structuredClone(first.selections);
      const { order: savedOrder } = await first.toOrder();
      const key = (saved.photo as { asset: { key: string } }).asset.key;

      // …restored into a fresh element: the photo is there and travels in the order's files.
      const el = await mount(TEE);
      await el.restoreDesign(saved, { [key]: new Blob([png], { type: 'image/png' }) });
      expect(el.selections).to.deep.equal(saved);
      await el.updateComplete;
      expect(q(el, '[data-component="photo"] img.thumb'), 'the thumbnail of the restored photo').to.exist;
      const { order, files } = await el.toOrder();
      expect(order.selections).to.deep.equal(savedOrder.selections);
      expect(new Uint8Array(await files[key]!.arrayBuffer())).to.deep.equal(png);

      // Other bytes under the same key are refused, named, and the photo left out.
      const other = await mount(TEE);
      const refused = oneEvent(other, 'customizer-error');
      await other.restoreDesign(saved, { [key]: new Blob([makePng(3600, 4651)], { type: 'image/png' }) });
      const e = await refused;
      expect(e.detail.code).to.equal('upload-refused');
      expect(e.detail.issues[0]).to.include({ code: 'asset-mismatch', component: 'photo' });
      expect(other.selections.photo).to.equal(undefined);
      expect((other.selections['front-text'] as { text: string }).text).to.equal('Hi');
    });
    it('accepts a real JPEG encoded by the browser', async () => {
      const canvas = new OffscreenCanvas(1600, 1200);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#c84';
      ctx.fillRect(0, 0, 1600, 1200);
      const jpeg = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })).arrayBuffer());
      const el = await mount(TEE);
      const change = nextChange(el);
      upload(el, 'photo', jpeg, 'photo.jpg', 'image/jpeg');
      const asset = ((await change).detail.selections.photo as { asset: Record<string, unknown> }).asset;
      expect(asset).to.include({ type: 'image/jpeg', width: 1600, height: 1200, bytes: jpeg.byteLength });
    });
    it('refuses a GIF renamed .png with a visible reason and customizer-error, keeping the previous image', async () => {
      const el = await mount(TEE);
      const first = nextChange(el);
      upload(el, 'photo', makePng(3600, 4650), 'good.png', 'image/png');
      await first;
      const before = el.selections.photo;
      const err = oneEvent(el, 'customizer-error');
      upload(el, 'photo', makeGif(100, 100), 'fake.png', 'image/png');
      const e = await err;
      expect(e.detail.code).to.equal('upload-refused');
      expect(e.detail.issues![0]!.code).to.equal('file-type');
      await el.updateComplete;
      const shown = q(el, '#issues-photo [role="alert"]');
      expect(shown.textContent).to.include('image/gif');
      expect(shown.checkVisibility()).to.equal(true);
      expect(el.selections.photo).to.equal(before);
    });
    for (const h of HOSTILE) {
      it(`refuses ${h.name} (${h.code}), keeps the previous image, and the page keeps painting`, async () => {
        const el = await mount(TEE);
        const first = nextChange(el);
        upload(el, 'photo', makePng(3600, 4650), 'good.png', 'image/png');
        await first;
        const before = el.selections.photo;
        const t0 = performance.now();
        const err = oneEvent(el, 'customizer-error');
        upload(el, 'photo', h.bytes(), 'photo.png', 'image/png');
        const e = await err;
        const took = performance.now() - t0;
        const f0 = performance.now();
        await new Promise((r) => requestAnimationFrame(r));
        const frameAfter = performance.now() - f0;
        expect(e.detail.code).to.equal('upload-refused');
        expect(e.detail.issues![0]!.code).to.equal(h.code);
        await el.updateComplete;
        expect(q(el, '#issues-photo [role="alert"]').checkVisibility()).to.equal(true);
        expect(el.selections.photo).to.equal(before);
        expect(took, 'refused quickly').to.be.lessThan(3000);
        expect(frameAfter, 'the next frame paints: the page is not frozen').to.be.lessThan(1000);
      });
    }
    it('refuses a file over maxBytes before reading it', async () => {
      const p = { ...(await (await fetch(TEE)).json()), assetsBase: '/examples/assets/' };
      p.components[3].maxBytes = 1000;
      const el = await fixture<ProductCustomizer>(html`<product-customizer .product=${p}></product-customizer>`);
      const err = oneEvent(el, 'customizer-error');
      upload(el, 'photo', makePng(200, 200), 'big.png', 'image/png');
      expect((await err).detail.issues![0]!.code).to.equal('file-too-large');
    });
  });

  describe('placing items with the keyboard', () => {
    it('a text has its own Tab stop: arrows move, Shift moves 10×, [ ] rotate, and it is announced', async () => {
      const el = await mount(TEE);
      await typeInto(textbox(el, 'Front text'), 'Hi');
      await el.updateComplete;
      const handle = q(el, '[data-component="front-text"] [part="placement"]');
      expect(handle.tabIndex).to.equal(0);
      handle.focus();
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ up: 'Shift' });
      await sendKeys({ press: ']' });
      expect((el.selections['front-text'] as { transform: unknown }).transform).to.deep.equal({ x: 0.51, y: 0.6, rotation: 1, scale: 1 });
      await el.updateComplete;
      expect(q(el, '[aria-live="polite"]').textContent).to.include('across 51%, down 60%');
      expect(handle.getAttribute('aria-label')).to.equal('Front text: across 51%, down 60%, size 100%, turned 1°');
      expect(el.evaluation!.valid === false || el.evaluation!.issues.every((i) => i.code !== 'outside-area')).to.equal(true);
    });
    it('a locked item has no handle', async () => {
      const el = await mount(TEE);
      await typeInto(textbox(el, 'Back number'), '7');
      await el.updateComplete;
      expect(q(el, '[data-component="back-number"] [part="placement"]')).to.equal(null);
    });
    it('an image stops growing at minDpi, showing the dpi as it goes', async () => {
      const el = await mount(TEE);
      const change = nextChange(el);
      upload(el, 'photo', makePng(3600, 4650), 'me.png', 'image/png');
      await change;
      await el.updateComplete;
      q(el, '[data-component="photo"] [part="placement"]').focus();
      for (let i = 0; i < 30; i++) await sendKeys({ press: '+' });
      const scale = (el.selections.photo as { transform: { scale: number } }).transform.scale;
      expect(scale).to.be.closeTo(3, 0.001);
      expect(el.evaluation!.issues.filter((i) => i.code === 'low-resolution' && i.severity === 'error')).to.deep.equal([]);
      await el.updateComplete;
      expect(q(el, '[data-component="photo"] .file-name').textContent).to.include('100 dpi');
    });
  });

  describe('every shared example, start to order', () => {
    const fill: Record<string, (el: ProductCustomizer) => Promise<void>> = {
      [TEE]: async (el) => {
        radio(el, 'Size', /^M$/).click();
        await typeInto(textbox(el, 'Front text'), '经典 Tee 👍🏽');
      },
      [BOTTLE]: async (el) => {
        radio(el, 'Finish', /^Sage/).click();
        await typeInto(textbox(el, 'Engraving'), 'Für Zoë');
        q<HTMLInputElement>(el, 'input[role="switch"]').click();
      },
      [NECKLACE]: async (el) => {
        await typeInto(textbox(el, 'Name'), 'Zoë');
        qa<HTMLInputElement>(el, '[data-component="charms"] input')[0]!.click();
      },
    };
    for (const src of [TEE, BOTTLE, NECKLACE]) {
      it(`${src}: the order verifies on the backend`, async () => {
        const el = await mount(src);
        await fill[src]!(el);
        await el.updateComplete;
        const done = oneEvent(el, 'order-customization');
        expect(await el.requestOrder()).to.not.equal(null);
        const { order } = (await done).detail as { order: Order };
        const verdict = await verifyOrder(await (await fetch(src)).json(), JSON.parse(JSON.stringify(order)));
        expect(verdict.issues.filter((i) => i.severity === 'error')).to.deep.equal([]);
        expect(verdict.price!.total).to.equal(el.evaluation!.price.total);
      });
    }
  });

  describe('ordering', () => {
    it('when invalid: no event, the first problem focused and announced', async () => {
      const el = await mount(TEE);
      let ordered = false;
      el.addEventListener('order-customization', () => (ordered = true));
      q<HTMLButtonElement>(el, '[part="add-to-cart"]').click();
      await el.updateComplete;
      await el.updateComplete;
      expect(ordered).to.equal(false);
      expect(root(el).activeElement?.closest('[data-component]')?.getAttribute('data-component')).to.equal('size');
      expect(q(el, '[aria-live="polite"]').textContent).to.include('Size: This is required.');
      expect(q(el, '[part="errors"]').textContent).to.include('Size');
    });
    it('when valid: order-customization carries an order the backend verifies, with its files', async () => {
      const el = await mount(TEE);
      radio(el, 'Size', /^L$/).click();
      await typeInto(textbox(el, 'Front text'), 'Alex');
      const change = nextChange(el);
      const png = makePng(3600, 4650);
      upload(el, 'photo', png, 'me.png', 'image/png');
      await change;
      const done = oneEvent(el, 'order-customization');
      q<HTMLButtonElement>(el, '[part="add-to-cart"]').click();
      const { order, files } = (await done).detail as { order: Order; files: Record<string, File> };
      expect(order.selections).to.deep.include({ size: 'L', color: 'white' });
      const bytes: Record<string, Uint8Array> = {};
      for (const [k, f] of Object.entries(files)) bytes[k] = new Uint8Array(await f.arrayBuffer());
      const product = await (await fetch(TEE)).json();
      const verdict = await verifyOrder(product, JSON.parse(JSON.stringify(order)), bytes);
      expect(verdict.issues.filter((i) => i.severity === 'error')).to.deep.equal([]);
      expect(verdict.ok).to.equal(true);
    });
  });

  describe('inside a shop’s add-to-cart form', () => {
    const formPage = (inner: string) => fixture<HTMLDivElement>(html`<div></div>`).then((d) => {
      d.innerHTML = inner;
      return d;
    });

    it('a plain form: blocked while invalid, then posts properties, the order and the files', async () => {
      const d = await formPage(`<form action="/cart/add" method="post" enctype="multipart/form-data">
        <input type="hidden" name="id" value="4242"><input name="quantity" value="1">
        <product-customizer src="${TEE}"></product-customizer><button>Add to cart</button></form>`);
      const form = d.querySelector('form')!;
      const el = d.querySelector('product-customizer') as ProductCustomizer;
      await oneEvent(el, 'customizer-load');
      let submitted: FormData | undefined;
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        submitted = new FormData(form);
      });
      form.querySelector('button')!.click();
      await el.updateComplete;
      expect(submitted, 'invalid design blocks the native submit').to.equal(undefined);
      expect(el.matches(':invalid')).to.equal(true);
      expect(root(el).activeElement?.closest('[data-component]')?.getAttribute('data-component')).to.equal('size');

      radio(el, 'Size', /^XL$/).click();
      radio(el, 'Colour', /^Navy/).click();
      await typeInto(textbox(el, 'Front text'), 'Hi');
      const change = nextChange(el);
      upload(el, 'photo', makePng(3600, 4650), 'me.png', 'image/png');
      await change;
      await el.updateComplete;
      form.querySelector('button')!.click();
      expect(submitted, 'valid design submits').to.be.instanceOf(FormData);
      expect(submitted!.get('id')).to.equal('4242');
      expect(submitted!.get('properties[Colour]')).to.equal('Navy');
      expect(submitted!.get('properties[Size]')).to.equal('XL');
      expect(submitted!.get('properties[Front text]')).to.equal('Hi');
      const order = JSON.parse(submitted!.get('properties[_customization]') as string) as Order;
      expect(order.selections['front-text']).to.deep.include({ text: 'Hi', color: '#ffffff' });
      const asset = (order.selections.photo as { asset: { key: string; sha256: string } }).asset;
      const file = submitted!.get(`properties[_file_${asset.key}]`) as File;
      expect(file).to.be.instanceOf(File);
      expect(file.size).to.equal(makePng(3600, 4650).byteLength);
    });

    it('a theme script that posts FormData with fetch is stopped while invalid and posts everything once valid', async () => {
      const posts: FormData[] = [];
      const worker = await startMsw(
        http.post('/cart/add', async ({ request }) => {
          posts.push(await request.formData());
          return HttpResponse.json({ ok: true });
        }),
      );
      try {
        const d = await formPage(`<form id="theme-form" action="/cart/add" method="post" novalidate>
          <input type="hidden" name="id" value="7"><button>Add</button></form>
          <product-customizer form="theme-form" src="${BOTTLE}"></product-customizer>`);
        const form = d.querySelector('form')!;
        // The theme posts from its own submit listener, at once: a started post is in `sent`.
        const sent: Promise<Response>[] = [];
        form.addEventListener('submit', (e) => {
          e.preventDefault();
          sent.push(fetch(form.action, { method: 'POST', body: new FormData(form) }));
        });
        const el = d.querySelector('product-customizer') as ProductCustomizer;
        await oneEvent(el, 'customizer-load');
        expect(el.form).to.equal(form);
        form.requestSubmit();
        expect(sent, 'the theme never saw the invalid submission: nothing posted').to.have.length(0);
        await typeInto(textbox(el, 'Engraving'), 'For Anna');
        // updateComplete also waits for the form value (the order is built asynchronously).
        await el.updateComplete;
        form.requestSubmit();
        expect(sent).to.have.length(1);
        await Promise.all(sent);
        expect(posts).to.have.length(1);
        expect(posts[0]!.get('id')).to.equal('7');
        expect(posts[0]!.get('properties[Engraving]')).to.equal('For Anna');
        expect(JSON.parse(posts[0]!.get('properties[_customization]') as string).price.total).to.equal(3200);
      } finally {
        worker.stop();
      }
    });

    it('form reset restores the defaults; a disabled fieldset disables the controls', async () => {
      const d = await formPage(`<form><fieldset><product-customizer src="${TEE}"></product-customizer></fieldset></form>`);
      const el = d.querySelector('product-customizer') as ProductCustomizer;
      await oneEvent(el, 'customizer-load');
      el.selections = { size: 'M' };
      d.querySelector('form')!.reset();
      expect(el.selections).to.deep.equal({});
      d.querySelector('fieldset')!.disabled = true;
      await el.updateComplete;
      expect(radio(el, 'Size', /^M$/).disabled).to.equal(true);
    });
  });

  describe('errors in place', () => {
    it('a failed fetch shows a readable error and fires customizer-error', async () => {
      const worker = await startMsw(http.get('/products/missing.json', () => new HttpResponse('down', { status: 503, statusText: 'Service Unavailable' })));
      try {
        const d = await fixture<HTMLDivElement>(html`<div></div>`);
        d.innerHTML = '<product-customizer src="/products/missing.json"></product-customizer>';
        const el = d.firstElementChild as ProductCustomizer;
        const e = await oneEvent(el, 'customizer-error');
        expect(e.detail.code).to.equal('load-failed');
        await el.updateComplete;
        expect(q(el, '[part="error"]').textContent).to.include('HTTP 503 Service Unavailable');
      } finally {
        worker.stop();
      }
    });
    it('a broken product lists its located issues', async () => {
      const p = { ...(await (await fetch(TEE)).json()), assetsBase: '/examples/assets/' };
      p.components[2].area = 'front.nowhere';
      const el = await fixture<ProductCustomizer>(html`<product-customizer></product-customizer>`);
      const err = oneEvent(el, 'customizer-error');
      el.product = p;
      const e = await err;
      expect(e.detail.code).to.equal('invalid-product');
      expect(e.detail.issues![0]!.path).to.deep.equal(['components', 2, 'area']);
      await el.updateComplete;
      expect(q(el, '[part="error"]').textContent).to.include('front.nowhere');
    });
    it('product strings with markup render as text', async () => {
      const p = { ...(await (await fetch(BOTTLE)).json()), assetsBase: '/examples/assets/' };
      p.components[2].label = '<img src=x onerror="window.__pwned=1">';
      const el = await fixture<ProductCustomizer>(html`<product-customizer .product=${p}></product-customizer>`);
      await el.updateComplete;
      expect(q(el, 'img[src="x"]')).to.equal(null);
      expect(q(el, '[data-component="gift-box"]').textContent).to.include('<img src=x');
    });
  });

  describe('locales', () => {
    it('switches words, labels and money to zh-CN', async () => {
      const el = await mount(TEE, 'locale="zh-CN"');
      expect(qa(el, 'legend').map((l) => l.textContent!.trim().split(/\s/)[0])).to.include('颜色');
      expect(q(el, '[part="add-to-cart"]').textContent!.trim()).to.equal('加入订单');
      expect(q(el, '[part="price"] .amount').textContent).to.equal('US$19.99');
    });
    it('adds a locale at runtime', async () => {
      const el = await mount(NECKLACE, 'locale="de"');
      const { ProductCustomizer } = await import('./product-customizer.js');
      ProductCustomizer.addLocale('de', { addToOrder: 'In den Warenkorb' });
      await el.updateComplete;
      expect(q(el, '[part="add-to-cart"]').textContent!.trim()).to.equal('In den Warenkorb');
      expect(qa(el, 'legend').some((l) => l.textContent!.includes('Kettenlänge'))).to.equal(true);
    });
  });

  describe('autosave', () => {
    it('restores selections and the uploaded image after a reload; a new revision starts fresh', async () => {
      const p = { ...(await (await fetch(TEE)).json()), assetsBase: '/examples/assets/' };
      p.id = `autosave-${Math.random().toString(36).slice(2)}`;
      const d = await fixture<HTMLDivElement>(html`<div></div>`);
      const make = async (product: unknown) => {
        d.innerHTML = '';
        const el = document.createElement('product-customizer') as ProductCustomizer;
        el.autosave = true;
        const loaded = oneEvent(el, 'customizer-load');
        d.append(el);
        el.product = product;
        await loaded;
        return el;
      };
      const el = await make(p);
      radio(el, 'Size', /^S$/).click();
      upload(el, 'photo', makePng(3600, 4650), 'me.png', 'image/png');
      while (!(await nextChange(el)).detail.selections.photo);
      // The draft is written when the change's IndexedDB transaction completes.
      await el.draftComplete;
      const saved = await drafts.load(p.id);
      expect((saved!.selections as { size?: string }).size).to.equal('S');
      expect(Object.keys(saved!.files)).to.have.length(1);
      const again = await make(JSON.parse(JSON.stringify(p)));
      expect(again.selections.size).to.equal('S');
      expect((again.selections.photo as { asset: { width: number } }).asset.width).to.equal(3600);
      const { files } = await again.toOrder();
      expect(Object.values(files)[0]!.size).to.equal(makePng(3600, 4650).byteLength);
      expect(q(again, '.notice').textContent).to.include('restored');
      const newer = await make({ ...p, revision: 'next' });
      expect(newer.selections).to.deep.equal({});
      expect(q(newer, '.notice').textContent).to.include('changed');
    });
  });

  describe('accessibility', () => {
    for (const src of [TEE, BOTTLE, NECKLACE]) {
      it(`axe finds no violation of any impact: ${src}`, async () => {
        const el = await mount(src);
        el.reportValidity();
        await el.updateComplete;
        await el.previewComplete;
        const result = await axe.run(el, { resultTypes: ['violations'] });
        const bad = result.violations;
        expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
      });
    }
  });
});
