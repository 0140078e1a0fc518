/**
 * The studio's editors, views and keyboard, in Chromium through roles and names: a choice's display,
 * swatches and per-layer effects (tints and image swaps, several per option); views added and
 * removed; layers reordered; areas added and drawn as ellipses; every control reachable by Tab;
 * axe clean on each editor, in English and in Chinese.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendMouse, resetMouse, setViewport } from '@web/test-runner-commands';
import 'axe-core/axe.min.js';
import '../../src/studio/define.js';
import type { ProductCustomizerStudio } from '../../src/studio/studio.js';
import { evaluate, parseProduct } from '../../src/core/index.js';
import { accessibleName, all, choose, fileInput, fill, get, keys, pickFile, settle, tee } from '../helpers/studio-roles.js';

const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
type Studio = ProductCustomizerStudio;
const png = async (name: string) => new File([await (await fetch('/examples/assets/tee.png')).arrayBuffer()], name, { type: 'image/png' });
/** The host stores uploads itself (the asset-upload event): it answers a stable URL per file name. */
const hostUploads = (el: Studio) =>
  el.addEventListener('asset-upload', (e) => {
    e.preventDefault();
    e.detail.respondWith(`https://cdn.example.com/${e.detail.file.name}`);
  });

describe('<product-customizer-studio>: editors, views, keyboard', () => {
  before(() => setViewport({ width: 1400, height: 1000 }));
  afterEach(() => resetMouse());

  it('a choice: display, a swatch for every option, several effects per option (a tint, an image swap)', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/"></product-customizer-studio>`);
    hostUploads(el);
    el.product = await tee();
    await settle(el);
    get(el, 'tab', 'Components').click();
    await settle(el);
    get(el, 'button', 'Add choice').click();
    await settle(el);
    choose(get<HTMLSelectElement>(el, 'combobox', 'Display'), 'Dropdown');
    await settle(el);
    get(el, 'button', 'Add option').click();
    await settle(el);
    const c = () => el.product.components.at(-1);
    expect(c().display).to.equal('dropdown');
    // Options added to a swatched choice get a swatch too.
    expect(c().options.map((o: { swatch?: string }) => typeof o.swatch)).to.deep.equal(['string', 'string']);
    get(el, 'button', 'Option 2: Add a tint').click();
    await settle(el);
    choose(get<HTMLSelectElement>(el, 'combobox', 'Option 2: Effects 1: Layer'), 'back.garment');
    await settle(el);
    const swapped = oneEvent(el, 'product-change');
    pickFile(fileInput(el, 'Option 2: Add an image swap'), await png('tee-green.png'));
    await swapped;
    await settle(el);
    expect(c().options[1].effects).to.deep.equal([{ layer: 'back.garment', tint: '#cccccc' }, { layer: 'front.garment', src: 'https://cdn.example.com/tee-green.png' }]);
    get(el, 'button', 'Option 2: Effects 1: Remove effect').click();
    await settle(el);
    expect(c().options[1].effects).to.deep.equal([{ layer: 'front.garment', src: 'https://cdn.example.com/tee-green.png' }]);
    get(el, 'checkbox', 'Option 1: Swatch').click();
    await settle(el);
    expect('swatch' in c().options[0]).to.equal(false);
    expect(parseProduct(el.product).issues.filter((i) => i.severity === 'error')).to.deep.equal([]);
  });

  it('draws a tinted layer dyed on the stage, and follows the tint when it is edited', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" style="width:1300px"></product-customizer-studio>`);
    const doc = await tee();
    doc.views[0].layers[0].tint = '#1f2a44';
    el.product = doc;
    await settle(el);
    // The layer image loads, then the stage redraws it: wait for the pixel below the chest area to be drawn.
    const pixel = () => {
      const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('.stage canvas')!;
      const scale = canvas.width / 1000;
      return [...canvas.getContext('2d')!.getImageData(Math.round(500 * scale), Math.round(900 * scale), 1, 1).data];
    };
    const navy = await new Promise<number[]>((resolve) => {
      const look = () => (pixel()[2]! > 0 && pixel()[0]! < 120 ? resolve(pixel()) : requestAnimationFrame(look));
      look();
    });
    expect(navy[0]).to.be.lessThan(60);
    get(el, 'button', 'Layer garment').click();
    await settle(el);
    get<HTMLInputElement>(el, 'checkbox', 'Tinted layer').click();
    await settle(el);
    expect('tint' in el.product.views[0].layers[0]).to.equal(false);
    const white = pixel();
    expect(white[0]).to.be.greaterThan(200);
  });

  it('renaming a component carries its rules along (conditions, targets, restrict keys)', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/"></product-customizer-studio>`);
    const doc = await tee();
    el.product = doc;
    await settle(el);
    get(el, 'tab', 'Components').click();
    await settle(el);
    get(el, 'button', 'choice: color').click();
    await settle(el);
    await fill(get<HTMLInputElement>(el, 'textbox', 'Id'), 'shirt', keys);
    await settle(el);
    expect(el.product.components[0].id).to.equal('shirt');
    const rename = (x: unknown): unknown => JSON.parse(JSON.stringify(x).replace(/"color(?=[".])/g, '"shirt'));
    expect(el.product.rules).to.deep.equal(rename(doc.rules));
    expect(JSON.stringify(el.product.rules)).to.not.include('"color');
    expect(parseProduct(el.product).issues.filter((i) => i.severity === 'error')).to.deep.equal([]);
  });

  it('a text: fonts from the product, colours, sizes, a curve and a price per character; an image: types and resolution', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/"></product-customizer-studio>`);
    const doc = await tee();
    el.product = doc;
    await settle(el);
    get(el, 'tab', 'Components').click();
    await settle(el);
    get(el, 'button', 'Add text').click();
    await settle(el);
    get<HTMLInputElement>(el, 'checkbox', 'Lobster').click();
    get<HTMLInputElement>(el, 'checkbox', 'Roboto').click();
    get(el, 'button', 'Add colour').click();
    await settle(el);
    get(el, 'button', 'Add colour').click();
    await settle(el);
    get<HTMLInputElement>(el, 'checkbox', 'Let the shopper curve the text').click();
    await settle(el);
    await fill(get<HTMLInputElement>(el, 'spinbutton', 'Curve max (°)'), '90', keys);
    get<HTMLInputElement>(el, 'textbox', 'Price per character (USD)').focus();
    await keys({ type: '0.50' });
    await keys({ press: 'Tab' });
    await settle(el);
    const text = el.product.components.at(-1);
    expect(text).to.deep.include({ type: 'text', area: 'front.chest', fonts: ['Lobster', 'Roboto'], colors: ['#111111', '#ffffff'], curve: { min: -180, max: 90, default: 0 }, price: { perCharacter: 50 } });
    expect(evaluate(el.product, { [text.id]: { text: 'Hi there' } }).price.lines.some((l) => l.component === text.id && l.amount === 350)).to.equal(true);
    get(el, 'button', 'Add image').click();
    await settle(el);
    get<HTMLInputElement>(el, 'checkbox', 'WEBP').click();
    await fill(get<HTMLInputElement>(el, 'spinbutton', 'Min dpi'), '150', keys);
    await settle(el);
    expect(el.product.components.at(-1)).to.deep.include({ type: 'image', accept: ['image/png', 'image/jpeg'], minDpi: 150 });
  });

  it('views: add one from a mockup, draw an ellipse on it, add an area by keyboard, reorder layers, remove the view; undo brings it back', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/"></product-customizer-studio>`);
    hostUploads(el);
    el.product = await tee();
    await settle(el);
    const added = oneEvent(el, 'product-change');
    pickFile(fileInput(el, 'Add a view from a mockup image'), await png('sleeve.png'));
    await added;
    await settle(el);
    expect(el.product.views[2]).to.deep.include({ id: 'view', width: 1000, height: 1200, layers: [{ id: 'base', src: 'https://cdn.example.com/sleeve.png' }], areas: [] });
    expect(get(el, 'button', 'View').getAttribute('aria-pressed')).to.equal('true');
    // Draw an ellipse with the pointer.
    get(el, 'button', 'Draw ellipse area').click();
    await settle(el);
    const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('.stage canvas')!;
    const r = canvas.getBoundingClientRect();
    const s = r.width / 1000;
    await sendMouse({ type: 'move', position: [Math.round(r.left + 200 * s), Math.round(r.top + 300 * s)] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(r.left + 500 * s), Math.round(r.top + 500 * s)] });
    await sendMouse({ type: 'move', position: [Math.round(r.left + 600 * s), Math.round(r.top + 650 * s)] });
    await sendMouse({ type: 'up' });
    await settle(el);
    const ellipse = el.product.views[2].areas[0];
    expect(ellipse).to.deep.include({ id: 'main', shape: 'ellipse' });
    expect(ellipse.width).to.be.closeTo(400, 4);
    expect(ellipse.height).to.be.closeTo(350, 4);
    // By keyboard: Add print area, then a second layer, moved under the base.
    get(el, 'button', 'Add print area').focus();
    await keys({ press: 'Enter' });
    await settle(el);
    expect(el.product.views[2].areas.map((a: { id: string }) => a.id)).to.deep.equal(['main', 'area']);
    const layered = oneEvent(el, 'product-change');
    pickFile(fileInput(el, 'Add a layer image'), await png('shadow.png'));
    await layered;
    await settle(el);
    get(el, 'button', 'Move Layer layer up').click();
    await settle(el);
    expect(el.product.views[2].layers.map((l: { id: string }) => l.id)).to.deep.equal(['layer', 'base']);
    get(el, 'button', 'Remove this view').click();
    await settle(el);
    expect(el.product.views).to.have.length(2);
    el.undo();
    await settle(el);
    expect(el.product.views[2].layers.map((l: { id: string }) => l.id)).to.deep.equal(['layer', 'base']);
  });

  it('every control is reachable with Tab, in order, from the toolbar to the preview', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" publish-url="/publish"></product-customizer-studio>`);
    el.product = await tee();
    await settle(el);
    get(el, 'button', 'Area chest').click();
    await settle(el);
    const root = el.shadowRoot!;
    const focusable = [...root.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]')].filter((x) => !(x as HTMLButtonElement).disabled && x.tabIndex >= 0 && x.closest('product-customizer') === null);
    get(el, 'button', 'New product').focus();
    const reached = new Set<Element>([root.activeElement!]);
    for (let i = 0; i < focusable.length + 10 && root.activeElement; i++) {
      await keys({ press: 'Tab' });
      if (root.activeElement) reached.add(root.activeElement);
    }
    const missed = focusable.filter((x) => !reached.has(x)).map((x) => `${x.tagName} ${accessibleName(x)}`);
    expect(missed).to.deep.equal([]);
    expect(focusable.length).to.be.greaterThan(30);
  });

  for (const locale of ['en', 'zh-CN']) {
    it(`axe finds no violation of any impact in each panel and editor (${locale})`, async function () {
      this.timeout(90_000); // eight full axe runs over the studio and its live preview
      const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" locale=${locale} publish-url="/publish"></product-customizer-studio>`);
      const doc = await tee();
      doc.locales = ['en', 'zh-CN', 'de'];
      el.product = doc;
      await settle(el);
      const t = locale === 'en' ? { tabs: ['Product', 'Components', 'Rules', 'Translations'], area: 'Area chest' } : { tabs: ['商品', '组件', '规则', '翻译'], area: '区域 chest' };
      get(el, 'button', t.area).click();
      const problems: string[] = [];
      const audit = async (where: string) => {
        await settle(el);
        const result = await axe.run(el, { resultTypes: ['violations'] });
        problems.push(...result.violations.map((v) => `${where}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
      };
      for (const tab of t.tabs) {
        get(el, 'tab', tab).click();
        await settle(el);
        if (tab === t.tabs[1]) {
          const items = all(el, 'button').filter((b) => b.classList.contains('item-name'));
          for (const item of items) {
            item.click();
            await audit(`${tab} ${accessibleName(item)}`);
          }
        } else if (tab === t.tabs[2]) {
          all(el, 'button').find((b) => b.classList.contains('item-name'))!.click();
          await audit(`${tab} rule`);
        } else await audit(tab);
      }
      expect(problems).to.deep.equal([]);
    });
  }
});
