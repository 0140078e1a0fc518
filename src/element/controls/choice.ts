/**
 * A choice (SPEC §2 `display`): swatches when every option has one, else buttons, or a labelled
 * dropdown for long lists (single choice; a multi-select keeps its checkboxes). Restricted and
 * unavailable options are disabled with the reason in their accessible name.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ChoiceComponent } from '../../core/index.js';
import type { ControlContext } from './context.js';

export function choiceControl(c: ChoiceComponent, x: ControlContext): TemplateResult {
  const t = x.t;
  const st = x.state(c.id);
  const multi = (c.max ?? 1) > 1;
  const value = st.value;
  const chosen = new Set(multi ? ((value as string[] | null) ?? []) : value == null ? [] : [value as string]);
  const display = c.display ?? (c.options.every((o) => o.swatch) ? 'swatch' : 'button');
  const swatches = display === 'swatch';
  const full = multi && chosen.size >= (c.max ?? 1);
  const current = !multi && value != null ? x.label(c.options.find((o) => o.value === value)?.label) : '';
  const invalid = x.invalid(c.id) ? 'true' : 'false';
  const reasonOf = (o: ChoiceComponent['options'][number]) => {
    const restricted = !o.disabled && !st.allowed?.includes(o.value);
    return { restricted, reason: o.disabled ? t.unavailable : restricted ? t.unavailableRestricted : '' };
  };
  if (display === 'dropdown' && !multi) {
    return html`<div class="component" part="component" data-component=${c.id}>
      <label class="picker">${x.label(c.label)}
        <select .value=${live(value == null ? '' : String(value))} ?disabled=${x.disabled} aria-describedby="issues-${c.id}" aria-invalid=${invalid} aria-required=${st.required ? 'true' : 'false'}
          @change=${(e: Event) => x.set(c.id, (e.target as HTMLSelectElement).value)}>
          ${value == null ? html`<option value="" selected disabled>—</option>` : nothing}
          ${c.options.map((o) => {
            const { restricted, reason } = reasonOf(o);
            const name = [x.label(o.label), o.price ? `+${x.price(o.price)}` : '', reason].filter(Boolean).join(', ');
            return html`<option .value=${o.value} ?selected=${o.value === value} ?disabled=${(o.disabled || restricted) && o.value !== value}>${name}</option>`;
          })}
        </select></label>
      ${x.issueList(c.id)}
    </div>`;
  }
  const onChange = (v: string, checked: boolean) => {
    if (!multi) return x.set(c.id, v);
    const now = (x.state(c.id).value as string[] | null) ?? [];
    x.set(c.id, checked ? [...now.filter((k) => k !== v), v] : now.filter((k) => k !== v));
  };
  return html`<div class="component" part="component" data-component=${c.id}>
    <fieldset role=${multi ? 'group' : 'radiogroup'} aria-describedby="issues-${c.id}" aria-invalid=${invalid} aria-required=${st.required ? 'true' : 'false'}>
      <legend>${x.label(c.label)}${current ? html`<span class="current">${current}</span>` : nothing}
        ${multi ? html`<span class="hint">${t.chooseUpTo(c.max ?? 1)}</span>` : nothing}</legend>
      <div class="options">
        ${c.options.map((o) => {
          const label = x.label(o.label);
          const { restricted, reason } = reasonOf(o);
          const checked = chosen.has(o.value);
          const disabled = x.disabled || ((o.disabled || restricted) && !checked) || (full && !checked);
          const price = o.price ? `+${x.price(o.price)}` : '';
          const name = [label, price, reason].filter(Boolean).join(', ');
          const tip = [label, price, reason].filter(Boolean).join(' · ');
          return html`<label class="option" part="option" title=${swatches ? tip : reason}>
            <input type=${multi ? 'checkbox' : 'radio'} name="pc-${c.id}" .value=${o.value} .checked=${live(checked)} ?disabled=${disabled}
              aria-label=${name} @change=${(e: Event) => onChange(o.value, (e.target as HTMLInputElement).checked)} />
            ${swatches && o.swatch
              ? html`<span class="swatch" style="background:${o.swatch}"></span><span class="tip" aria-hidden="true">${tip}</span>`
              : html`<span class="chip" aria-hidden="true">${label}${price ? html`<span class="price">${price}</span>` : nothing}</span>`}
          </label>`;
        })}
      </div>
    </fieldset>
    ${x.issueList(c.id)}
  </div>`;
}
