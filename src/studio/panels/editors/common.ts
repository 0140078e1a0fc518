/** What every component has: id, label (localised), required. */
import { html, type TemplateResult } from 'lit';
import type { Ctx } from '../../fields/context.js';
import { checkField, textField } from '../../fields/fields.js';
import { localizedField } from '../../fields/localized.js';
import type { Doc } from '../../store.js';

export function commonFields(ctx: Ctx, ci: number, c: Doc): TemplateResult {
  const { t } = ctx;
  return html`<div class="grid2">${textField(ctx, t.id, ['components', ci, 'id'])}${c.type !== 'toggle' ? checkField(ctx, t.required, ['components', ci, 'required']) : ''}</div>
    ${localizedField(ctx, t.label, ['components', ci, 'label'])}`;
}
