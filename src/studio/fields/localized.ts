/**
 * A localised text (SPEC §2): one input per locale of the product, each editing only its own entry,
 * so `{ en, de, zh-CN }` stays a map with every translation kept. A locale the text lacks is marked.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { formatPath, type Path } from '../../core/index.js';
import { getIn } from '../store.js';
import { misses, textIn, withText } from '../locales.js';
import type { Ctx } from './context.js';

export function localizedField(ctx: Ctx, label: string, path: Path): TemplateResult {
  const v = getIn(ctx.doc, path);
  const valueLocales = v && typeof v === 'object' ? Object.keys(v) : [];
  const locales = [...new Set([...ctx.locales, ...valueLocales])];
  const id = formatPath(path);
  if (locales.length <= 1 && (v === undefined || typeof v === 'string')) {
    return html`<label class="field"><span>${label}</span><input type="text" data-path=${id} .value=${live(typeof v === 'string' ? v : '')}
      @input=${(e: Event) => ctx.store.set(path, (e.target as HTMLInputElement).value, id)} /></label>`;
  }
  return html`<fieldset class="localized"><legend>${label}</legend>${repeat(locales, (l) => l, (l, i) => {
    const missing = misses(ctx.doc, v, l, locales);
    const hint = `${id}-missing-${l}`.replace(/[^A-Za-z0-9_-]/g, '_');
    return html`<label class="field loc"><span>${label} (${l})</span><input type="text" lang=${l} data-path=${i === 0 ? id : `${id}.${l}`}
        aria-describedby=${missing ? hint : nothing} .value=${live(textIn(v, l, locales))}
        @input=${(e: Event) => ctx.store.set(path, withText(getIn(ctx.store.doc, path), l, (e.target as HTMLInputElement).value, locales), `${id}.${l}`)} />${missing ? html`<small class="missing" id=${hint}>${ctx.t.missing(l)}</small>` : nothing}</label>`;
  })}</fieldset>`;
}
