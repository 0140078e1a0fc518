/**
 * Curved text in the element: the curve control (slider and number field, by keyboard and by
 * typing), what it writes (selection, event, undo, draft, order) and what the preview draws.
 * The product is the round pet tag written from SPEC (test/fixtures/pet-tag.ts).
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import '../define.js';
import type { ProductCustomizer } from './product-customizer.js';
import type { CustomizationChangeEvent } from '../events/events.js';
import { drafts } from '../controllers/drafts.js';
import { layoutCurvedText } from '../../render/shapes.js';
import { INK, TAG_FACE, TAG_PNG, inkBands, petTagProduct } from '../../../test/fixtures/pet-tag.js';

const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
const tagUrl = URL.createObjectURL(new Blob([TAG_PNG()], { type: 'image/png' }));
const product = () => petTagProduct(tagUrl, '/examples/assets/');

async function mount(p: unknown = product(), attrs: { locale?: string; autosave?: boolean } = {}): Promise<ProductCustomizer> {
  const wrap = await fixture<HTMLDivElement>(html`<div style="width:400px"></div>`);
  const el = document.createElement('product-customizer') as ProductCustomizer;
  el.style.width = '400px';
  if (attrs.locale) el.locale = attrs.locale;
  if (attrs.autosave) el.autosave = true;
  const loaded = oneEvent(el, 'customizer-load');
  wrap.append(el);
  el.product = p;
  await loaded;
  await el.previewComplete;
  return el;
}
const q = <T extends Element>(el: HTMLElement, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const slider = (el: HTMLElement) => q<HTMLInputElement>(el, '[data-component="name"] .curve input[type=range]');
const field = (el: HTMLElement) => q<HTMLInputElement>(el, '[data-component="name"] .curve input[type=number]');
const curveOf = (el: ProductCustomizer) => (el.selections.name as { curve?: number } | undefined)?.curve;
const settle = async (el: ProductCustomizer) => {
  await el.updateComplete;
  await el.previewComplete;
};

/** The preview's design layer (the front canvas) in view pixels: the tag is 400 × 400 view px. */
function design(el: ProductCustomizer): ImageData {
  const canvases = [...el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('.stage canvas')];
  const ctx = new OffscreenCanvas(400, 400).getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(canvases[canvases.length - 1]!, 0, 0, 400, 400);
  return ctx.getImageData(0, 0, 400, 400);
}
/** Dark engraving ink (the area's outline is a light dashed line, the tag brass is on the layer beneath). */
const inkAt = (img: ImageData) => (i: number) =>
  img.data[i * 4 + 3]! > 160 && INK.every((v, k) => Math.abs(img.data[i * 4 + k]! - v) < 60);

describe('curved text in <product-customizer>', () => {
  afterEach(() => localStorage.clear());

  it('offers a labelled curve slider and number field within the component’s range, at its default, announced in degrees', async () => {
    const el = await mount();
    const group = q<HTMLElement>(el, '[data-component="name"] .curve');
    expect(group.getAttribute('role')).to.equal('group');
    const label = el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!;
    expect(label.textContent!.trim()).to.equal('Curve');
    expect(slider(el).getAttribute('aria-labelledby')).to.equal(label.id);
    expect([slider(el).min, slider(el).max, slider(el).value]).to.deep.equal(['-180', '180', '120']);
    expect(slider(el).getAttribute('aria-valuetext')).to.equal('120°');
    expect([field(el).min, field(el).max, field(el).value]).to.deep.equal(['-180', '180', '120']);
    expect(field(el).getAttribute('aria-label')).to.equal('Curve in degrees');
    // The phone line has no curve in the product: no control.
    expect(el.shadowRoot!.querySelector('[data-component="phone"] .curve')).to.equal(null);
    const r = await axe.run(el.shadowRoot!.querySelector('[data-component="name"]')!, { rules: { region: { enabled: false } } });
    expect(r.violations.map((v) => v.id)).to.deep.equal([]);
  });

  it('the slider moves by keyboard: the selection, the event payload and the announced value follow', async () => {
    const el = await mount();
    slider(el).focus();
    let change = oneEvent(el, 'customization-change') as Promise<CustomizationChangeEvent>;
    await sendKeys({ press: 'ArrowRight' });
    let ev = await change;
    expect(curveOf(el)).to.equal(121);
    expect((ev.detail.selections.name as { curve: number }).curve).to.equal(121);
    expect((ev.detail.evaluation.components.name!.value as { curve: number }).curve).to.equal(121);
    await el.updateComplete;
    expect(slider(el).getAttribute('aria-valuetext')).to.equal('121°');
    expect(field(el).value).to.equal('121');
    change = oneEvent(el, 'customization-change') as Promise<CustomizationChangeEvent>;
    await sendKeys({ press: 'Home' });
    ev = await change;
    expect((ev.detail.selections.name as { curve: number }).curve).to.equal(-180);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(curveOf(el)).to.equal(180);
    expect(slider(el).getAttribute('aria-valuetext')).to.equal('180°');
    expect(el.evaluation!.issues.map((i) => i.code), 'a curve in range is no issue').to.not.include('curve-out-of-range');
  });

  it('the number field takes a typed number, and keeps it in range when committed', async () => {
    const el = await mount();
    field(el).focus();
    field(el).select();
    await sendKeys({ type: '-45' });
    await el.updateComplete;
    expect(curveOf(el), 'live while typing a number in range').to.equal(-45);
    await sendKeys({ press: 'Enter' });
    expect(curveOf(el)).to.equal(-45);
    expect(slider(el).value).to.equal('-45');
    field(el).select();
    await sendKeys({ type: '500' });
    expect(curveOf(el), 'while typing, each number in range is written (5, 50), 500 is not').to.equal(50);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(curveOf(el)).to.equal(180);
    expect(field(el).value).to.equal('180');
    // Arrow keys in the field step it too.
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(curveOf(el)).to.equal(179);
  });

  it('undo and redo carry the curve; the order carries it and its summary says it', async () => {
    const el = await mount();
    el.selections = { name: { text: 'Biscuit' } };
    await settle(el);
    slider(el).focus();
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(curveOf(el)).to.equal(117);
    el.undo();
    await el.updateComplete;
    expect(curveOf(el) ?? 120, 'one undo step for the slider drag').to.equal(120);
    expect(slider(el).value).to.equal('120');
    el.redo();
    await el.updateComplete;
    expect(curveOf(el)).to.equal(117);
    const { order } = await el.toOrder();
    expect(order.selections.name).to.deep.include({ text: 'Biscuit', curve: 117 });
    expect(order.properties['Pet’s name']).to.equal('Biscuit (curved 117°)');
  });

  it('autosave keeps the curve across a reload', async () => {
    const p = { ...product(), id: `tag-${Math.random().toString(36).slice(2)}` };
    let el = await mount(p, { autosave: true });
    el.selections = { name: { text: 'Biscuit' } };
    slider(el).focus();
    await sendKeys({ press: 'PageDown' });
    await el.updateComplete;
    const bent = curveOf(el)!;
    expect(bent).to.be.below(120);
    for (let i = 0; i < 100; i++) {
      if ((await drafts.load(p.id))?.selections && ((await drafts.load(p.id))!.selections as { name?: { curve?: number } }).name?.curve === bent) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    el.remove();
    el = await mount(JSON.parse(JSON.stringify(p)), { autosave: true });
    expect(curveOf(el)).to.equal(bent);
    expect(slider(el).value).to.equal(String(bent));
  });

  it('speaks Chinese: 弧度', async () => {
    const el = await mount(product(), { locale: 'zh-CN' });
    const group = q<HTMLElement>(el, '[data-component="name"] .curve');
    expect(el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent!.trim()).to.equal('弧度');
    expect(field(el).getAttribute('aria-label')).to.equal('弧度（度）');
  });

  it('the preview draws the arc: an upward arc’s ends lie lower than its middle, a downward one’s higher', async () => {
    const el = await mount();
    const bands = async (curve: number) => {
      el.selections = { name: { text: 'BISCUIT', font: 'Roboto', curve } };
      await settle(el);
      const img = design(el);
      return inkBands(400, 400, inkAt(img));
    };
    const level = await bands(0);
    const up = await bands(150);
    const down = await bands(-150);
    expect(level.width, 'the name is drawn').to.be.greaterThan(80);
    expect(Math.abs(level.ends - level.middle), 'straight: level').to.be.below(4);
    expect(up.ends - up.middle, `+150: ends ${up.ends.toFixed(1)}, middle ${up.middle.toFixed(1)}`).to.be.above(15);
    expect(down.middle - down.ends, `-150: ends ${down.ends.toFixed(1)}, middle ${down.middle.toFixed(1)}`).to.be.above(15);
    // Centred on the tag: the arc's box, not its baseline, sits at the area's centre.
    const cx = TAG_FACE.x + TAG_FACE.width / 2;
    expect(Math.abs((up.minX + up.width / 2) - cx)).to.be.below(4);
  });

  it('“will be cut off” follows the letters: a name bent into a ring fits the round tag though its box’s corners do not', async () => {
    const p = product();
    p.components[0]!.curve = { min: -360, max: 360, default: 0 };
    const el = await mount(p);
    const warning = () => el.shadowRoot!.querySelector('[data-component="name"] .issue.warning')?.textContent ?? '';
    const text = { text: 'BISCUIT & MILO', font: 'Roboto', fontSize: 64, curve: 360 };
    // The premise: a ring of letters inside the tag's round face, the corners of its box outside it.
    await document.fonts.load('64px Roboto');
    const L = layoutCurvedText({ lines: [text.text], align: 'center', curve: 360 }, '"Roboto", sans-serif', 64);
    const r = TAG_FACE.width / 2;
    const out = (x: number, y: number) => ((x - L.width / 2) / r) ** 2 + ((y - L.height / 2) / r) ** 2;
    expect(out(0, 0), 'box corner outside the circle').to.be.above(1);
    expect(Math.max(...L.corners.map((c) => out(c.x, c.y))), 'every letter inside').to.be.below(1);
    el.selections = { name: text };
    await settle(el);
    await el.updateComplete;
    expect(warning()).to.equal('');
    // Straight, the same name at that size reaches past the face: warned.
    el.selections = { name: { ...text, curve: 0 } };
    await settle(el);
    await el.updateComplete;
    expect(warning()).to.include('outside the print area');
  });
});
