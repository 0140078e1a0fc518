/** The product's locales: add one, see how many texts miss each, and translate every text in place (missing ones marked). */
import { html, type TemplateResult } from 'lit';
import { formatPath } from '../../core/index.js';
import type { Ctx } from '../fields/context.js';
import { localizedField } from '../fields/localized.js';
import { missingTexts, textPaths } from '../locales.js';

export function translationsPanel(ctx: Ctx): TemplateResult {
  const { t, locales } = ctx;
  const add = (e: Event) => {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('locale') as HTMLInputElement;
    const code = input.value.trim();
    if (!code) return;
    try {
      Intl.getCanonicalLocales(code);
    } catch {
      return ctx.say(t.badLocale(code));
    }
    if (!locales.includes(code)) ctx.store.set(['locales'], [...locales, code]);
    input.value = '';
  };
  return html`<div class="stack">
    <h3>${t.locales}</h3>
    <ul class="list">${locales.map((l) => {
      const miss = missingTexts(ctx.doc, l);
      return html`<li><strong lang=${l}>${l}</strong><span>${miss.length ? t.missCount(miss.length, l) : t.allTranslated(l)}</span></li>`;
    })}</ul>
    <div class="stack">${textPaths(ctx.doc).map((p) => localizedField(ctx, formatPath(p), p))}</div>
    <form class="row" @submit=${add}><label class="field"><span>${t.localeCode}</span><input name="locale" placeholder="de" autocomplete="off" /></label><button type="submit">${t.addLocale}</button></form>
  </div>`;
}
