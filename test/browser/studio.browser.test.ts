/**
 * The merchant studio in Chromium, driven through roles and accessible names: the product
 * property's exactness, translations kept through edits, uploads that never inline a data: URL,
 * print areas moved and resized by pointer on the stage with their print size locked, the rule
 * builder checked by the core, undo, drafts, zh-CN, keyboard and axe.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendMouse, resetMouse, setViewport } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { get as idbGet, createStore } from 'idb-keyval';
import 'axe-core/axe.min.js';
import '../../src/studio/define.js';
import type { ProductCustomizerStudio } from '../../src/studio/studio.js';
import { evaluate, parseProduct } from '../../src/core/index.js';
import { startMsw } from '../helpers/msw.js';
import { all, choose, fileInput, fill, get, keys, pickFile, settle, tee } from '../helpers/studio-roles.js';

const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
type Studio = ProductCustomizerStudio;

/** A mug mockup drawn on a canvas and encoded as a real PNG. */
async function mugPng(): Promise<File> {
  const c = document.createElement('canvas');
  c.width = 800;
  c.height = 600;
  const g = c.getContext('2d')!;
  g.fillStyle = '#f4f4f4';
  g.fillRect(0, 0, 800, 600);
  g.fillStyle = '#ffffff';
  g.strokeStyle = '#999';
  g.lineWidth = 6;
  g.beginPath();
  g.roundRect(150, 100, 420, 420, 30);
  g.fill();
  g.stroke();
  g.beginPath();
  g.arc(590, 300, 90, -Math.PI / 2, Math.PI / 2);
  g.stroke();
  const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/png'));
  return new File([blob], 'mug.png', { type: 'image/png' });
}

/** The shop's upload endpoint (msw): keeps each file's bytes and serves them back from the URL it answers. */
function uploadServer() {
  const stored = new Map<string, { bytes: ArrayBuffer; type: string; field: string }>();
  const handlers = [
    http.post('/studio-assets', async ({ request }) => {
      const form = await request.formData();
      const [field, file] = [...form.entries()].find(([, v]) => v instanceof File) as [string, File];
      const name = `${stored.size + 1}-${file.name}`;
      stored.set(name, { bytes: await file.arrayBuffer(), type: file.type, field });
      return HttpResponse.json({ url: `/studio-assets/${name}` });
    }),
    http.get('/studio-assets/:name', ({ params }) => {
      const f = stored.get(String(params.name));
      return f ? new HttpResponse(f.bytes, { headers: { 'content-type': f.type } }) : new HttpResponse(null, { status: 404 });
    }),
  ];
  return { stored, handlers };
}

/** The stage's canvas and the page position of a point in view pixels. */
function stagePoint(el: Studio, x: number, y: number): [number, number] {
  const canvas = el.shadowRoot!.querySelector<HTMLCanvasElement>('.stage canvas')!;
  const r = canvas.getBoundingClientRect();
  const scale = r.width / el.product.views[el.store.selection.view].width;
  return [Math.round(r.left + x * scale), Math.round(r.top + y * scale)];
}
async function drag(from: [number, number], to: [number, number]) {
  await sendMouse({ type: 'move', position: from });
  await sendMouse({ type: 'down' });
  for (let i = 1; i <= 4; i++) await sendMouse({ type: 'move', position: [Math.round(from[0] + ((to[0] - from[0]) * i) / 4), Math.round(from[1] + ((to[1] - from[1]) * i) / 4)] });
  await sendMouse({ type: 'up' });
}

describe('<product-customizer-studio> (SPEC §7)', () => {
  before(() => setViewport({ width: 1400, height: 1000 }));
  afterEach(async () => {
    await resetMouse();
  });

  it('product reads back exactly the document set — $schema, unknown fields, an invalid one — and shows its issues', async () => {
    const doc = await tee();
    doc.components[0].display = 'swatch';
    doc.xVendor = { keep: [1, 'two'] };
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/"></product-customizer-studio>`);
    el.product = doc;
    expect(el.product).to.deep.equal(doc);
    expect(JSON.stringify(el.product)).to.equal(JSON.stringify(doc));
    const broken = { ...doc, currency: 'DOLLARS' };
    el.product = broken;
    await settle(el);
    expect(el.product).to.deep.equal(broken);
    expect(el.shadowRoot!.querySelector('[part="issues"]')!.textContent).to.include('not an ISO 4217 currency code');
  });

  it('keeps every translation: editing one locale of {en, de, zh-CN} changes only that entry; missing locales are listed', async () => {
    const doc = await tee();
    doc.name = { en: 'Classic Tee', de: 'Klassisches T-Shirt', 'zh-CN': '经典T恤' };
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/"></product-customizer-studio>`);
    el.product = doc;
    await settle(el);
    await fill(get<HTMLInputElement>(el, 'textbox', 'Name (de)'), 'Klassik-Shirt', keys);
    expect(el.product.name).to.deep.equal({ en: 'Classic Tee', de: 'Klassik-Shirt', 'zh-CN': '经典T恤' });
    // A component label that is a map keeps its other locales when its English is edited.
    get(el, 'tab', 'Components').click();
    await settle(el);
    get(el, 'button', 'choice: color').click();
    await settle(el);
    await fill(get<HTMLInputElement>(el, 'textbox', 'Label (en)'), 'Shirt colour', keys);
    expect(el.product.components[0].label).to.deep.equal({ ...doc.components[0].label, en: 'Shirt colour' });
    // Every other text is untouched.
    const rest = (d: any) => ({ ...d, name: undefined, components: d.components.slice(1) });
    expect(rest(el.product)).to.deep.equal(rest(doc));
    // The translations panel says which texts miss de, and fills one in place.
    get(el, 'tab', 'Translations').click();
    await settle(el);
    expect(el.shadowRoot!.querySelector('[role="tabpanel"]')!.textContent).to.match(/\d+ texts miss de/);
    const before = (el.shadowRoot!.querySelector('[role="tabpanel"]')!.textContent!.match(/(\d+) texts miss de/) ?? [])[1];
    await fill(get<HTMLInputElement>(el, 'textbox', 'views[0].label (de)'), 'Vorne', keys);
    expect(el.product.views[0].label).to.deep.equal({ en: 'Front', 'zh-CN': '正面', de: 'Vorne' });
    const after = (el.shadowRoot!.querySelector('[role="tabpanel"]')!.textContent!.match(/(\d+) texts miss de/) ?? [])[1];
    expect(Number(after)).to.equal(Number(before) - 1);
  });

  it('adds a locale: every text then gets a field for it, and a plain string becomes a map only when translated', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/"></product-customizer-studio>`);
    el.product = { schemaVersion: 1, id: 'p', revision: '1', name: 'Mug', currency: 'EUR', basePrice: 900, views: [], components: [] };
    await settle(el);
    get(el, 'tab', 'Translations').click();
    await settle(el);
    await fill(get<HTMLInputElement>(el, 'textbox', 'Locale code'), 'en', keys);
    get(el, 'button', 'Add a locale').click();
    await settle(el);
    await fill(get<HTMLInputElement>(el, 'textbox', 'Locale code'), 'fr', keys);
    get(el, 'button', 'Add a locale').click();
    await settle(el);
    expect(el.product.locales).to.deep.equal(['en', 'fr']);
    expect(el.product.name).to.equal('Mug');
    expect(el.shadowRoot!.textContent).to.include('1 text misses fr');
    await fill(get<HTMLInputElement>(el, 'textbox', 'name (fr)'), 'Tasse', keys);
    expect(el.product.name).to.deep.equal({ en: 'Mug', fr: 'Tasse' });
    expect(el.shadowRoot!.textContent).to.include('Every text has fr.');
  });

  it('uploads assets as files: asset-upload-url gets multipart field "file" with the bytes; the product and the draft hold its URL, never data:', async () => {
    const server = uploadServer();
    const worker = await startMsw(...server.handlers);
    try {
      const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" autosave asset-upload-url="/studio-assets"></product-customizer-studio>`);
      el.product = { schemaVersion: 1, id: 'mug', revision: '1', name: 'Mug', currency: 'USD', basePrice: 1200, views: [], components: [] };
      await settle(el);
      const mug = await mugPng();
      const changed = oneEvent(el, 'product-change');
      pickFile(fileInput(el, 'Add a view from a mockup image'), mug);
      const e = await changed;
      expect(e.detail.product.views[0]).to.deep.include({ id: 'front', width: 800, height: 600 });
      expect(e.detail.product.views[0].layers).to.deep.equal([{ id: 'base', src: '/studio-assets/1-mug.png' }]);
      const sent = server.stored.get('1-mug.png')!;
      expect(sent.field).to.equal('file');
      expect(new Uint8Array(sent.bytes)).to.deep.equal(new Uint8Array(await mug.arrayBuffer()));
      const draft = await idbGet('draft', createStore('product-customizer-studio', 'drafts'));
      expect(draft).to.deep.equal(el.product);
      expect(JSON.stringify(draft)).to.not.match(/data:/);
      expect(JSON.stringify(el.product)).to.not.match(/data:/);
    } finally {
      worker.stop();
    }
  });

  it('without asset-upload-url: a cancelable asset-upload event whose respondWith gives the URL; unanswered, nothing is inlined', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/"></product-customizer-studio>`);
    el.product = { schemaVersion: 1, id: 'mug', revision: '1', name: 'Mug', currency: 'USD', basePrice: 1200, views: [], components: [] };
    await settle(el);
    const mug = await mugPng();
    // Unanswered: an error says where uploads go; the product is unchanged.
    pickFile(fileInput(el, 'Add a view from a mockup image'), mug);
    await new Promise<void>((resolve) => {
      const check = () => (get(el, 'status', /.*/).textContent!.includes('nowhere to upload') ? resolve() : requestAnimationFrame(check));
      check();
    });
    expect(el.product.views).to.deep.equal([]);
    // Answered by the host.
    const seen: File[] = [];
    el.addEventListener('asset-upload', (e) => {
      expect(e.cancelable).to.equal(true);
      seen.push(e.detail.file);
      e.preventDefault();
      e.detail.respondWith(Promise.resolve('https://cdn.example.com/mug.png'));
    });
    const changed = oneEvent(el, 'product-change');
    pickFile(fileInput(el, 'Add a view from a mockup image'), mug);
    await changed;
    expect(seen[0]).to.equal(mug);
    expect(el.product.views[0].layers[0].src).to.equal('https://cdn.example.com/mug.png');
  });

  it('moves and resizes an existing area by pointer drag on the stage; its print size follows; arrow keys and Delete work', async () => {
    const doc = await tee();
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" style="width:1300px"></product-customizer-studio>`);
    el.product = doc;
    await settle(el);
    // Drag from inside the chest area: the area moves (no second area is drawn).
    await drag(stagePoint(el, 500, 480), stagePoint(el, 560, 520));
    await settle(el);
    let a = el.product.views[0].areas;
    expect(a).to.have.length(1);
    expect(a[0].x).to.be.closeTo(330 + 60, 4);
    expect(a[0].y).to.be.closeTo(260 + 40, 4);
    expect([a[0].width, a[0].height]).to.deep.equal([340, 440]);
    // It is selected: the Transformer's bottom-right handle resizes it.
    await drag(stagePoint(el, a[0].x + 340, a[0].y + 440), stagePoint(el, a[0].x + 340 + 80, a[0].y + 440 - 100));
    await settle(el);
    a = el.product.views[0].areas;
    expect(a[0].width).to.be.closeTo(420, 5);
    expect(a[0].height).to.be.closeTo(340, 5);
    expect(a[0].print.width).to.equal(12);
    expect(a[0].print.height / a[0].print.width).to.be.closeTo(a[0].height / a[0].width, 0.001);
    expect(parseProduct(el.product).issues.filter((i) => i.severity === 'error')).to.deep.equal([]);
    // Keyboard: the stage is focusable; arrows move the selected area, Shift by 10, Delete removes it.
    const stage = get(el, 'application', /^Print areas on Front/);
    stage.focus();
    const x0 = a[0].x;
    await keys({ press: 'ArrowRight' });
    await keys({ down: 'Shift' });
    await keys({ press: 'ArrowRight' });
    await keys({ up: 'Shift' });
    expect(el.product.views[0].areas[0].x).to.equal(x0 + 11);
    await keys({ press: 'Delete' });
    expect(el.product.views[0].areas).to.deep.equal([]);
    el.undo();
    expect(el.product.views[0].areas[0].x).to.equal(x0 + 11);
  });

  it('an opened product has its first area selected: its corner handle resizes it straight away', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" style="width:1300px"></product-customizer-studio>`);
    el.product = await tee();
    await settle(el);
    expect(get(el, 'button', 'Area chest').getAttribute('aria-pressed')).to.equal('true');
    await drag(stagePoint(el, 330 + 340, 260 + 440), stagePoint(el, 330 + 300, 260 + 400));
    await settle(el);
    const a = el.product.views[0].areas[0];
    expect([a.x, a.y]).to.deep.equal([330, 260]);
    expect(a.width).to.be.closeTo(300, 5);
    expect(a.height).to.be.closeTo(400, 5);
    expect(a.print.height / a.print.width).to.be.closeTo(a.height / a.width, 0.001);
  });

  it('snaps a dragged area to the view’s centre line (within 8 screen pixels), and not when it is far', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" style="width:1300px"></product-customizer-studio>`);
    el.product = await tee(); // the chest area is centred: x 330 + 340 / 2 = 500 = 1000 / 2
    await settle(el);
    await drag(stagePoint(el, 500, 480), stagePoint(el, 506, 540));
    await settle(el);
    expect([el.product.views[0].areas[0].x, el.product.views[0].areas[0].y]).to.deep.equal([330, 320]);
    await drag(stagePoint(el, 500, 540), stagePoint(el, 560, 540));
    await settle(el);
    expect(el.product.views[0].areas[0].x).to.be.closeTo(390, 3);
  });

  it('keeps an area and its print size locked (typed, or a preset) and shows the core’s issue for an imported product that breaks them', async () => {
    const doc = await tee();
    doc.views[0].areas[0].print = { width: 12, height: 10, unit: 'in', dpi: 300 };
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" style="width:1300px"></product-customizer-studio>`);
    el.product = doc;
    await settle(el);
    expect(el.product).to.deep.equal(doc); // imported as it is
    get(el, 'button', 'Area chest').click();
    await settle(el);
    const alert = get(el, 'alert', /print proportions/);
    expect(alert.textContent).to.include(parseProduct(doc).issues.find((i) => /print proportions/.test(i.message))!.message);
    get(el, 'button', 'Make the print match the area').click();
    await settle(el);
    let area = el.product.views[0].areas[0];
    expect(area.print).to.deep.equal({ width: 12, height: 15.53, unit: 'in', dpi: 300 });
    expect(all(el, 'alert')).to.have.length(0);
    // Typing a print width: its height follows the area's shape.
    const pw = get<HTMLInputElement>(el, 'spinbutton', 'Print width');
    await fill(pw, '10', keys);
    area = el.product.views[0].areas[0];
    expect(area.print.width).to.equal(10);
    expect(area.print.height).to.equal(12.94);
    // A preset: the area's height follows (width and centre kept).
    choose(get<HTMLSelectElement>(el, 'combobox', 'Print size preset'), 'Mug wrap 11 oz — 8.5 × 3.5 in');
    await settle(el);
    area = el.product.views[0].areas[0];
    expect(area.print).to.deep.include({ width: 8.5, height: 3.5 });
    expect(area.width).to.equal(340);
    expect(area.height).to.equal(Math.round((340 * 3.5) / 8.5));
    expect(parseProduct(el.product).issues.filter((i) => /proportions/.test(i.message))).to.deep.equal([]);
  });

  it('builds “caption required when there is no photo” with the builder alone; the core enforces it; raw JSON and builder are one rule', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" style="width:1300px"></product-customizer-studio>`);
    const doc = await tee();
    doc.components = [
      { id: 'photo', type: 'image', label: 'Photo', area: 'front.chest' },
      { id: 'caption', type: 'text', label: 'Caption', area: 'front.chest', maxLength: 20 },
    ];
    delete doc.rules;
    el.product = doc;
    await settle(el);
    get(el, 'tab', 'Rules').click();
    await settle(el);
    get(el, 'button', 'Add rule').click();
    await settle(el);
    choose(get<HTMLSelectElement>(el, 'combobox', 'When: Component'), 'photo');
    await settle(el);
    choose(get<HTMLSelectElement>(el, 'combobox', 'When: Test'), 'is empty');
    await settle(el);
    choose(get<HTMLSelectElement>(el, 'combobox', 'Action'), 'Require');
    await settle(el);
    get<HTMLInputElement>(el, 'checkbox', 'caption').click();
    await settle(el);
    expect(el.product.rules).to.deep.equal([{ id: 'rule', when: { '!': { var: 'photo' } }, then: { require: ['caption'] } }]);
    const p = el.product;
    expect(parseProduct(p).ok).to.equal(true);
    expect(evaluate(p, {}).components.caption!.required).to.equal(true);
    expect(evaluate(p, {}).issues.map((i) => [i.code, i.component])).to.deep.include(['required', 'caption']);
    const photo = { asset: { key: 'a', name: 'a.png', type: 'image/png', bytes: 100, width: 2000, height: 2000, sha256: 'a'.repeat(64) } };
    expect(evaluate(p, { photo }).components.caption!.required).to.equal(false);
    // The raw JSON Logic beside it shows the same rule; editing it there updates the builder.
    const raw = get<HTMLTextAreaElement>(el, 'textbox', 'JSON Logic (raw)');
    expect(JSON.parse(raw.value)).to.deep.equal({ '!': { var: 'photo' } });
    await fill(raw, '{"or":[{"!":{"var":"photo"}},{"<=":[{"var":"caption.length"},2]}]}', keys);
    await settle(el);
    expect(get<HTMLSelectElement>(el, 'combobox', 'When: Group combines').value).to.equal('or');
    expect(get<HTMLSelectElement>(el, 'combobox', 'When 2: Test').value).to.equal('lengthAtMost');
    // Diagnostics are the core's: a rule naming an unknown component shows parseProduct's issue, located.
    await fill(get<HTMLTextAreaElement>(el, 'textbox', 'Then (raw JSON)'), '{"require":["nothing"]}', keys);
    await settle(el);
    const diag = el.shadowRoot!.querySelector('[aria-label="Core diagnostics (parseProduct)"]')!.textContent!;
    const coreIssue = parseProduct(el.product).issues.find((i) => i.path[0] === 'rules')!;
    expect(diag).to.include(coreIssue.message);
  });

  it('undo and redo every edit (buttons and Ctrl+Z / Ctrl+Shift+Z), each firing product-change', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/"></product-customizer-studio>`);
    get(el, 'tab', 'Components').click();
    await settle(el);
    const change = oneEvent(el, 'product-change');
    get(el, 'button', 'Add toggle').click();
    const e = await change;
    expect(e.detail.product.components).to.have.length(1);
    expect(e.detail.issues.some((i: { message: string }) => /at least one view/.test(i.message))).to.equal(true);
    await settle(el);
    get(el, 'button', 'Undo').click();
    expect(el.product.components).to.deep.equal([]);
    await settle(el);
    get(el, 'button', 'Redo').click();
    expect(el.product.components).to.have.length(1);
    get(el, 'button', 'Add choice').focus();
    await keys({ down: 'Control' });
    await keys({ press: 'z' });
    expect(el.product.components).to.deep.equal([]);
    await keys({ down: 'Shift' });
    await keys({ press: 'z' });
    await keys({ up: 'Shift' });
    await keys({ up: 'Control' });
    expect(el.product.components).to.have.length(1);
  });

  it('keeps the draft in IndexedDB across a reload (autosave), restored with a product-change', async () => {
    const doc = await tee();
    doc.revision = 'draft-7';
    const a = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" autosave></product-customizer-studio>`);
    a.product = doc;
    await settle(a);
    await fill(get<HTMLInputElement>(a, 'textbox', 'Revision'), '8', keys);
    await a.draftComplete;
    a.remove();
    const holder = document.createElement('div');
    document.body.append(holder);
    const b = document.createElement('product-customizer-studio');
    b.autosave = true;
    const restored = oneEvent(b, 'product-change');
    holder.append(b);
    const e = await restored;
    expect(e.detail.product).to.deep.equal({ ...doc, revision: '8' });
    expect(b.product.revision).to.equal('8');
    holder.remove();
  });

  it('takes a product set before the element was upgraded (the page’s script ran first)', async () => {
    const doc = await tee();
    const inert = document.implementation.createHTMLDocument('');
    const early = inert.createElement('product-customizer-studio') as Studio;
    (early as unknown as { product: unknown }).product = doc; // a plain own property: not upgraded yet
    document.body.append(document.adoptNode(early));
    await early.updateComplete;
    expect(early.product).to.deep.equal(doc);
    expect(get<HTMLInputElement>(early, 'textbox', 'Product id').value).to.equal('classic-tee');
    early.remove();
  });

  it('speaks zh-CN when locale="zh-CN" (its own words; the product’s texts stay as written)', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" locale="zh-CN"></product-customizer-studio>`);
    el.product = await tee();
    await settle(el);
    for (const name of ['新建商品', '导出 JSON', '撤销', '重做']) get(el, 'button', name);
    fileInput(el, '导入 JSON');
    fileInput(el, '用样机图片添加视图');
    for (const name of ['商品', '组件', '规则', '翻译']) get(el, 'tab', name);
    expect(get<HTMLInputElement>(el, 'textbox', '名称 (zh-CN)').value).to.equal('经典T恤');
    get(el, 'tab', '规则').click();
    await settle(el);
    get(el, 'button', '添加规则');
  });

  it('reaches its controls by keyboard: tabs by arrows, the stage by Tab, and axe finds no violation of any impact', async () => {
    const el = await fixture<Studio>(html`<product-customizer-studio assets-base="/examples/" style="width:1300px" publish-url="/publish"></product-customizer-studio>`);
    const doc = await tee();
    doc.components[0].label = '<img src=x onerror="window.__pwned=1">';
    el.product = doc;
    await settle(el);
    expect(el.shadowRoot!.querySelector('img[src="x"]')).to.equal(null);
    get(el, 'tab', 'Product').focus();
    await keys({ press: 'ArrowRight' });
    await settle(el);
    expect(el.shadowRoot!.activeElement?.textContent).to.equal('Components');
    // Tab from the last view tool lands on the stage.
    get(el, 'button', 'Draw ellipse area').focus();
    await keys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('role')).to.equal('application');
    for (const tab of ['Product', 'Components', 'Rules', 'Translations']) {
      get(el, 'tab', tab).click();
      await settle(el);
      if (tab === 'Components') get(el, 'button', 'choice: color').click();
      if (tab === 'Rules') get(el, 'button', 'Rule dark-garment-light-ink').click();
      await settle(el);
      const result = await axe.run(el, { resultTypes: ['violations'] });
      expect(result.violations.map((v) => `${tab}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
    }
  });
});
