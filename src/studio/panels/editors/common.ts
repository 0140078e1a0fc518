/** What every component has: id (renamed with its references), label (localised), required. */
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { renameComponent } from '../../commands.js';
import type { Ctx } from '../../fields/context.js';
import { checkField } from '../../fields/fields.js';
import { localizedField } from '../../fields/localized.js';
import type { Doc } from '../../store.js';

export function commonFields(ctx: Ctx, ci: number, c: Doc): TemplateResult {
  const { t } = ctx;
  // The id is committed on change (blur or Enter), and rules that point at the component follow it.
  return html`<div class="grid2"><label class="field"><span>${t.id}</span><input type="text" data-path="components[${ci}].id" .value=${live(String(c.id ?? ''))}
      @change=${(e: Event) => ctx.store.update((d) => renameComponent(d, ci, (e.target as HTMLInputElement).value.trim()))} /></label>${c.type !== 'toggle' ? checkField(ctx, t.required, ['components', ci, 'required']) : ''}</div>
    ${localizedField(ctx, t.label, ['components', ci, 'label'])}`;
}
