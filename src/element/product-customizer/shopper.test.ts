/**
 * Issue #14, the shopper details found on a phone and on invalid submit, and frameworks that
 * re-assign the product object. Each test fails without the change it covers.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../define.js';
import type { ProductCustomizer } from './product-customizer.js';
import { startMsw } from '../../../test/helpers/msw.js';
import { petTagProduct } from '../../../test/fixtures/pet-tag.js';

const TEE = '/examples/classic-tee.json';
const tee = async () => ({ ...(await (await fetch(TEE)).json()), assetsBase: '/examples/assets/' });
const root = (el: HTMLElement) => el.shadowRoot!;
const textarea = (el: HTMLElement) => root(el).querySelector<HTMLTextAreaElement>('#input-front-text')!;

describe('shopper details (issue #14)', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('an invalid native submit focuses the first problem’s control at once: the validity anchor is a focusable control of the shadow root', async () => {
    const d = await fixture<HTMLDivElement>(html`<div></div>`);
    d.innerHTML = `<form action="/cart/add" method="post" enctype="multipart/form-data"><product-customizer src="${TEE}"></product-customizer><button>Add</button></form>`;
    const el = d.querySelector('product-customizer') as ProductCustomizer;
    await oneEvent(el, 'customizer-load');
    const form = d.querySelector('form')!;
    let submitted = false;
    form.addEventListener('submit', (e) => ((submitted = true), e.preventDefault()));
    form.requestSubmit();
    expect(submitted).to.equal(false);
    // The browser focuses the anchor synchronously during interactive validation; a non-focusable
    // anchor (the host) leaves focus where it was and logs "An invalid form control … is not focusable".
    expect(root(el).activeElement?.closest('[data-component]')?.getAttribute('data-component')).to.equal('size');
    expect(el.validationMessage).to.include('Size');
  });

  it('an unknown selection’s issue names its component', async () => {
    const el = await fixture<ProductCustomizer>(html`<product-customizer></product-customizer>`);
    el.product = await tee();
    el.selections = { size: 'M', nope: 'x' } as never;
    const issue = el.evaluation!.issues.find((i) => i.code === 'unknown-component');
    expect(issue?.component).to.equal('nope');
  });

  it('re-assigning an equal product (a framework re-render) keeps the design while the shopper types; a changed one starts over', async () => {
    const p = await tee();
    const el = await fixture<ProductCustomizer>(html`<product-customizer></product-customizer>`);
    const loaded = oneEvent(el, 'customizer-load');
    el.product = p;
    await loaded;
    let errors = 0;
    el.addEventListener('customizer-load', () => errors++);
    textarea(el).focus();
    for (const ch of 'Hello') {
      await sendKeys({ type: ch });
      el.product = structuredClone(p); // React: product={{...p}}; Vue: a reactive proxy of the same JSON
      await el.updateComplete;
    }
    expect((el.selections['front-text'] as { text: string }).text).to.equal('Hello');
    expect(textarea(el).value).to.equal('Hello');
    expect(errors, 'no reload').to.equal(0);
    el.product = { ...structuredClone(p), basePrice: 2499 };
    await el.updateComplete;
    expect(el.selections).to.deep.equal({});
    expect(el.evaluation!.price.base).to.equal(2499);
  });

  it('on a phone the preview stays in view while the shopper types below it', async () => {
    await setViewport({ width: 390, height: 700 });
    const d = await fixture<HTMLDivElement>(html`<div></div>`);
    d.innerHTML = `<product-customizer src="${TEE}"></product-customizer><div style="height:2000px"></div>`;
    const el = d.querySelector('product-customizer') as ProductCustomizer;
    await oneEvent(el, 'customizer-load');
    await el.previewComplete;
    const input = textarea(el);
    input.scrollIntoView({ block: 'start' });
    input.focus();
    await sendKeys({ type: 'Hi' });
    await el.updateComplete;
    const preview = root(el).querySelector('[part="preview"]')!.getBoundingClientRect();
    const field = input.getBoundingClientRect();
    expect(window.scrollY, 'the page scrolled to the field').to.be.greaterThan(100);
    expect(preview.top, 'the preview is on screen').to.be.within(-1, 1);
    expect(preview.bottom, 'and does not cover the field').to.be.at.most(field.top + 1);
    expect(root(el).querySelector('.stage')!.getBoundingClientRect().height, 'at most 45 % of the screen').to.be.at.most(700 * 0.45 + 1);
  });

  it('a product picture and a font that fail to load are shown to the shopper and dispatched as customizer-error', async () => {
    const worker = await startMsw(
      http.get('/missing/tee.png', () => new HttpResponse(null, { status: 404 })),
      http.get('/missing/font.woff2', () => new HttpResponse(null, { status: 404 })),
    );
    try {
      const p = await tee();
      p.views[0].layers[0].src = '/missing/tee.png';
      p.fonts[0].src = '/missing/font.woff2';
      const el = await fixture<ProductCustomizer>(html`<product-customizer></product-customizer>`);
      const codes: string[] = [];
      el.addEventListener('customizer-error', (e) => codes.push(e.detail.code));
      el.product = p;
      await el.previewComplete;
      await el.updateComplete;
      expect(codes.filter((c) => c === 'asset-failed')).to.have.length(2);
      const shown = root(el).querySelector('.asset-failures')!;
      expect(shown.checkVisibility()).to.equal(true);
      expect(shown.textContent).to.include('tee.png').and.include(p.fonts[0].family);
      expect(el.evaluation!.price.total, 'the element keeps working').to.equal(1999);
    } finally {
      worker.stop();
    }
  });

  it('the controls render before the preview: nothing of Konva until the element is in view', async () => {
    const d = await fixture<HTMLDivElement>(html`<div></div>`);
    d.innerHTML = `<div style="height:3000px"></div><product-customizer src="${TEE}"></product-customizer>`;
    const el = d.querySelector('product-customizer') as ProductCustomizer;
    await oneEvent(el, 'customizer-load');
    expect(root(el).querySelector('[part="controls"] fieldset'), 'controls').to.not.equal(null);
    // Two frames and an idle period later, still below the fold: no canvas.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await new Promise((r) => requestIdleCallback(r));
    expect(root(el).querySelector('.stage canvas')).to.equal(null);
    const stage = root(el).querySelector<HTMLElement>('.stage')!;
    const reserved = stage.getBoundingClientRect();
    expect(reserved.height / reserved.width, 'the box is reserved at the view’s aspect').to.be.closeTo(1200 / 1000, 0.01);
    el.scrollIntoView();
    await el.previewComplete;
    expect(root(el).querySelector('.stage canvas')).to.not.equal(null);
    const drawn = stage.getBoundingClientRect();
    expect([drawn.width, drawn.height], 'nothing moved when the preview arrived').to.deep.equal([reserved.width, reserved.height]);
  });

  it('a product that arrives after the preview was set up still gets its fonts (a src fetch slower than the page’s idle time)', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const p = petTagProduct('/examples/assets/tee.png', '/examples/assets/') as any;
    p.fonts[0].family = 'Late Lobster';
    p.components[0].fonts = ['Late Lobster', 'Roboto'];
    const worker = await startMsw(http.get('/slow/tag.json', async () => (await released, HttpResponse.json(p))));
    try {
      const el = await fixture<ProductCustomizer>(html`<product-customizer src="/slow/tag.json"></product-customizer>`);
      // In view at once: after two frames and an idle period the preview is set up, with no product yet.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await new Promise((r) => requestIdleCallback(r));
      expect(el.product).to.equal(null);
      const loaded = oneEvent(el, 'customizer-load');
      release();
      await loaded;
      el.selections = { name: { text: 'Biscuit' } } as never;
      await el.previewComplete;
      const face = [...document.fonts].find((f) => f.family.replace(/"/g, '') === 'Late Lobster');
      expect(face?.status, 'the product’s font was loaded for the preview').to.equal('loaded');
    } finally {
      worker.stop();
    }
  });
});
