/**
 * SPEC §6: the element speaks one locale at a time — its labels, its own words, money and issue
 * messages alike: the `locale` attribute, else the nearest `lang` when the product or the built-in
 * words offer it, else the product's first locale. (A zh-CN-first product without `locale` used to
 * show Chinese labels beside English buttons, English issues and `en` money.)
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../define.js';
import type { ProductCustomizer } from './product-customizer.js';

const product = {
  schemaVersion: 1, id: 'lantern', revision: '1', name: { 'zh-CN': '刻字灯笼', en: 'Engraved lantern' }, currency: 'USD', basePrice: 1999,
  locales: ['zh-CN', 'en'],
  views: [{ id: 'side', label: { 'zh-CN': '侧面', en: 'Side' }, width: 200, height: 200, layers: [], areas: [{ id: 'panel', x: 50, y: 50, width: 100, height: 100, print: { width: 50, height: 50, unit: 'mm', dpi: 300 } }] }],
  components: [{ id: 'words', type: 'text', label: { 'zh-CN': '刻字', en: 'Engraving' }, area: 'side.panel', required: true, maxLength: 10 }],
};

async function mount(lang: string, attrs = ''): Promise<ProductCustomizer> {
  const wrap = await fixture<HTMLDivElement>(html`<div></div>`);
  wrap.setAttribute('lang', lang);
  wrap.innerHTML = `<product-customizer ${attrs}></product-customizer>`;
  const el = wrap.firstElementChild as ProductCustomizer;
  el.product = product as never;
  await el.updateComplete;
  await el.updateComplete;
  return el;
}
const q = (el: ProductCustomizer, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel)!;
/** What the shopper reads: the text field's label, the order button, the total, the first issue's message. */
const said = (el: ProductCustomizer) => ({
  label: el.shadowRoot!.textContent!.includes('刻字') ? 'zh' : el.shadowRoot!.textContent!.includes('Engraving') ? 'en' : '?',
  button: q(el, '[part="add-to-cart"]').textContent!.trim(),
  money: q(el, '[part="price"] .amount').textContent!.trim(),
  issue: el.evaluation!.issues.find((i) => i.code === 'required')!.message,
});
const CJK = /[\u4e00-\u9fff]/;

describe('one locale (SPEC §6)', () => {
  it('no locale and no lang: the product’s first locale for labels, words, money and issues', async () => {
    const s = said(await mount(''));
    expect(s.label).to.equal('zh');
    expect(s.button).to.equal('加入订单');
    expect(s.money).to.equal(new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'USD' }).format(19.99));
    expect(s.issue).to.match(CJK);
  });

  it('the nearest lang, when the product offers it, wins over the product’s first locale', async () => {
    const s = said(await mount('en'));
    expect(s.label).to.equal('en');
    expect(s.button).to.not.match(CJK);
    expect(s.money).to.equal('$19.99');
    expect(s.issue).to.not.match(CJK);
  });

  it('a lang neither the product nor the words offer falls back to the product’s first locale', async () => {
    const s = said(await mount('fr'));
    expect(s.label).to.equal('zh');
    expect(s.button).to.equal('加入订单');
    expect(s.issue).to.match(CJK);
  });

  it('the locale attribute overrides the page’s lang', async () => {
    const s = said(await mount('zh-CN', 'locale="en"'));
    expect(s.label).to.equal('en');
    expect(s.money).to.equal('$19.99');
    expect(s.issue).to.not.match(CJK);
  });
});
