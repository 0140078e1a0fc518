/** An image upload: where it prints, what it accepts, the resolution it needs, its price. */
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Ctx } from '../../fields/context.js';
import { moneyField, numberField, selectField } from '../../fields/fields.js';
import { areaNames } from '../../commands.js';
import type { Doc } from '../../store.js';

const TYPES = ['image/png', 'image/jpeg', 'image/webp'];

export function imageEditor(ctx: Ctx, ci: number, c: Doc): TemplateResult {
  const { t, store } = ctx;
  const p = ['components', ci];
  const accept: string[] = Array.isArray(c.accept) ? c.accept : TYPES;
  return html`${selectField(ctx, t.printArea, [...p, 'area'], areaNames(ctx.doc).map((a) => [a, a]), t.none)}
    <fieldset class="inline"><legend>${t.accept}</legend>${TYPES.map((type) => html`<label class="check"><input type="checkbox" data-path="components[${ci}].accept" .checked=${live(accept.includes(type))}
      @change=${(e: Event) => {
        const on = (e.target as HTMLInputElement).checked;
        const cur = store.doc.components?.[ci]?.accept;
        const now: string[] = Array.isArray(cur) ? cur : TYPES;
        const list = on ? [...now.filter((x) => x !== type), type] : now.filter((x) => x !== type);
        store.set([...p, 'accept'], list.length === TYPES.length && cur === undefined ? undefined : list);
      }} /><span>${type.replace('image/', '').toUpperCase()}</span></label>`)}</fieldset>
    <div class="grid3">${numberField(ctx, t.minDpi, [...p, 'minDpi'], { optional: true })}${numberField(ctx, t.warnDpi, [...p, 'warnDpi'], { optional: true })}${numberField(ctx, t.maxBytes, [...p, 'maxBytes'], { int: true, optional: true })}</div>
    ${moneyField(ctx, t.price, [...p, 'price'], true)}`;
}
