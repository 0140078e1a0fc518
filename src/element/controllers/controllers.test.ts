/**
 * The controllers alone (STYLE 7: each testable without the element): a bare LitElement host, or
 * none where the controller needs no host.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { AutosaveController } from './autosave.js';
import { drafts } from './drafts.js';
import { FormController } from './form.js';
import { HistoryController } from './history.js';
import { PlacementController, maxScale } from './placement.js';
import type { Product, Selections } from '../../core/index.js';

const product = (id: string) => ({ id, revision: 1 }) as unknown as Product;

describe('AutosaveController', () => {
  it('writes one draft at a time, the latest state when the previous write completes, files included', async () => {
    const a = new AutosaveController();
    const id = `unit-${Math.random().toString(36).slice(2)}`;
    const p = product(id);
    const file = new File([new Uint8Array([1, 2, 3])], 'a.png', { type: 'image/png' });
    let reads = 0;
    const read = (selections: Selections) => () => (reads++, { product: p, selections, file: (k: string) => (k === 'k1' ? file : undefined) });
    void a.save(read({ n: 1 } as never));
    void a.save(read({ n: 2 } as never));
    void a.save(read({ n: 3, photo: { asset: { key: 'k1' } } } as never));
    await a.complete;
    expect(reads, 'the burst after the first write is one write').to.equal(2);
    const draft = await drafts.load(id);
    expect(draft!.selections).to.deep.equal({ n: 3, photo: { asset: { key: 'k1' } } });
    expect(draft!.files.k1).to.be.instanceOf(File);
    expect(draft!.files.k1!.size).to.equal(3);
    expect(await a.restore({ ...p, revision: 2 } as Product), 'another revision').to.equal('outdated');
    expect(await drafts.load(id), 'an outdated draft is dropped').to.equal(undefined);
  });
});

class Host extends LitElement {
  static formAssociated = true;
  log: string[] = [];
  readonly history = new HistoryController<number>(this, 0, (d) => this.log.push(d));
  readonly placement = new PlacementController(this);
  hasFiles = true;
  readonly form = new FormController(this, {
    valid: () => true,
    hasFiles: () => this.hasFiles,
    showProblems: () => this.log.push('problems'),
    refuseEncoding: (m) => this.log.push(`refused: ${m}`),
    disabled: () => false,
  });
  override render() {
    return html`<input aria-label="x" />`;
  }
}
customElements.define('pc-controller-host', Host);

describe('HistoryController', () => {
  it('Ctrl+Z undoes and Shift+Ctrl+Z redoes, from anywhere inside the host', async () => {
    const el = await fixture<Host>(html`<pc-controller-host></pc-controller-host>`);
    el.shadowRoot!.querySelector('input')!.focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'z' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Z' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ up: 'Control' });
    expect(el.log).to.deep.equal(['undo', 'redo']);
  });
});

describe('FormController', () => {
  const inForm = async (attrs: string) => {
    const d = await fixture<HTMLDivElement>(html`<div></div>`);
    d.innerHTML = `<form ${attrs}><pc-controller-host></pc-controller-host><button>go</button></form>`;
    const el = d.querySelector('pc-controller-host') as Host;
    await el.updateComplete;
    return { el, form: d.querySelector('form')! };
  };
  it('switches a POST form to multipart when the design has files, not otherwise', async () => {
    const { el, form } = await inForm('method="post"');
    el.hasFiles = false;
    expect(el.form.ensureEncoding()).to.equal(true);
    expect(form.enctype).to.equal('application/x-www-form-urlencoded');
    el.hasFiles = true;
    expect(el.form.ensureEncoding()).to.equal(true);
    expect(form.enctype).to.equal('multipart/form-data');
  });
  it('refuses a GET form with files, naming enctype, and stops its submission', async () => {
    const { el, form } = await inForm('method="get" action="/nowhere"');
    let submitted = false;
    form.addEventListener('submit', (e) => ((submitted = true), e.preventDefault()));
    form.requestSubmit();
    expect(submitted).to.equal(false);
    expect(el.log.some((l) => l.startsWith('refused:') && l.includes('enctype'))).to.equal(true);
  });
});

describe('PlacementController', () => {
  it('keys move, turn and resize within editable; an image stops growing at minDpi', async () => {
    const el = await fixture<Host>(html`<pc-controller-host></pc-controller-host>`);
    const text = { id: 't', type: 'text', area: 'front.chest', editable: { rotate: false } } as never;
    const key = (k: string, shiftKey = false) => new KeyboardEvent('keydown', { key: k, shiftKey });
    expect(el.placement.keyed(key('ArrowRight', true), text, {}, null)).to.deep.include({ x: 0.6 });
    expect(el.placement.keyed(key(']'), text, {}, null)!.rotation, 'rotate is off').to.equal(0);
    expect(el.placement.keyed(key('q'), text, {}, null)).to.equal(null);
    const p = { views: [{ id: 'front', areas: [{ id: 'chest', x: 0, y: 0, width: 100, height: 100, print: { width: 10, height: 10, unit: 'in', dpi: 300 } }] }] } as never;
    const image = { id: 'i', type: 'image', area: 'front.chest', minDpi: 150 } as never;
    const sel = { asset: { width: 3000, height: 3000 } } as never;
    expect(maxScale(image, sel, p)).to.be.closeTo(2, 0.01);
    expect(el.placement.touchOnly, 'a desktop Chromium has a mouse').to.equal(false);
  });
});
