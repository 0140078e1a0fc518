/** A toggle (an add-on): its price and whether it starts on. */
import { html, type TemplateResult } from 'lit';
import type { Ctx } from '../../fields/context.js';
import { checkField, moneyField } from '../../fields/fields.js';
import type { Doc } from '../../store.js';

export function toggleEditor(ctx: Ctx, ci: number, _c: Doc): TemplateResult {
  return html`<div class="grid2">${moneyField(ctx, ctx.t.price, ['components', ci, 'price'], true)}${checkField(ctx, ctx.t.onByDefault, ['components', ci, 'default'])}</div>`;
}
