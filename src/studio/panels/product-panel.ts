/** The product's own fields: id, revision, name (localised), currency, base price; and the published products to edit. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Ctx } from '../fields/context.js';
import { moneyField, textField } from '../fields/fields.js';
import { localizedField } from '../fields/localized.js';

export interface PublishedRevision { id: string; revision: string; name: string; url: string }

export function productPanel(ctx: Ctx, published: PublishedRevision[] | undefined, edit: (r: PublishedRevision) => void): TemplateResult {
  const { t } = ctx;
  return html`<div class="stack">
    <div class="grid2">${textField(ctx, t.productId, ['id'])}${textField(ctx, t.revision, ['revision'])}</div>
    ${localizedField(ctx, t.name, ['name'])}
    <div class="grid2">${textField(ctx, t.currency, ['currency'], { placeholder: 'USD' })}${moneyField(ctx, t.basePrice, ['basePrice'])}</div>
    ${published
      ? html`<section aria-labelledby="published-h"><h3 id="published-h">${t.publishedProducts}</h3>
          <ul class="list">${published.map((r) => html`<li><span>${r.name} <small>${r.id} · ${r.revision}</small></span>
            <button type="button" class="small" aria-label=${t.editProduct(r.id, r.revision)} @click=${() => edit(r)}>${t.edit}</button></li>`)}</ul></section>`
      : nothing}
  </div>`;
}
