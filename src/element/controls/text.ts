/**
 * A text (SPEC §2): a textbox (a textarea when `maxLines` > 1) with a character counter that counts
 * as the core does (graphemes), its placement handle once it has text, and pickers for what the
 * component lets the shopper choose: font, colour, size and curve (curve.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { measureText, IMPLICIT_MAX_LENGTH } from '../../core/index.js';
import type { TextComponent, TextSelection } from '../../core/index.js';
import { curveControl } from './curve.js';
import type { ControlContext } from './context.js';

export function textSelection(x: ControlContext, id: string): TextSelection {
  const s = x.selections[id];
  return typeof s === 'string' ? { text: s } : ((s as TextSelection | undefined) ?? { text: '' });
}

export function textControl(c: TextComponent, x: ControlContext): TemplateResult {
  const t = x.t;
  const st = x.state(c.id);
  const sel = textSelection(x, c.id);
  const v = st.value as { text: string; font: string | null; color: string; fontSize: number; curve: number };
  const raw = sel.text ?? '';
  const m = measureText(raw);
  const max = c.maxLength ?? IMPLICIT_MAX_LENGTH;
  const invalid = x.invalid(c.id) ? 'true' : 'false';
  const required = st.required ? 'true' : 'false';
  const fonts = st.fonts ?? [];
  const colors = st.colors ?? [];
  const size = c.fontSize;
  const bend = c.curve && c.curve.min < c.curve.max ? c.curve : undefined;
  const onText = (e: Event) => x.set(c.id, { ...sel, text: (e.target as HTMLInputElement).value }, `text:${c.id}`);
  const described = `issues-${c.id} count-${c.id}`;
  return html`<div class="component" part="component" data-component=${c.id}>
    <label class="label" for="input-${c.id}">${x.label(c.label)}${st.required ? nothing : html`<span class="hint">(${t.optional})</span>`}</label>
    ${(c.maxLines ?? 1) > 1
      ? html`<textarea id="input-${c.id}" rows=${Math.min(c.maxLines ?? 2, 4)} .value=${live(raw)} @input=${onText} ?disabled=${x.disabled}
          aria-describedby=${described} aria-invalid=${invalid} aria-required=${required}></textarea>`
      : html`<input type="text" id="input-${c.id}" .value=${live(raw)} @input=${onText} ?disabled=${x.disabled} autocomplete="off"
          aria-describedby=${described} aria-invalid=${invalid} aria-required=${required} />`}
    <div class="text-row">
      <span></span>
      ${c.maxLength !== undefined ? html`<span class="counter" id="count-${c.id}" ?data-over=${m.length > max}>${t.characters(m.length, max)}</span>` : html`<span id="count-${c.id}"></span>`}
    </div>
    ${raw.trim() ? x.placement(c, sel) : nothing}
    ${fonts.length > 1 || colors.length > 1 || (size && size.min < size.max) || bend
      ? html`<div class="pickers">
          ${fonts.length > 1
            ? html`<label class="picker">${t.font}
                <select .value=${live(v.font ?? '')} ?disabled=${x.disabled} @change=${(e: Event) => x.set(c.id, { ...sel, font: (e.target as HTMLSelectElement).value })}>
                  ${fonts.map((f) => html`<option value=${f} ?selected=${f === v.font} style="font-family:'${f}'">${f}</option>`)}
                </select></label>`
            : nothing}
          ${colors.length > 1
            ? html`<fieldset class="picker" role="radiogroup"><legend>${t.color}</legend><div class="options">
                ${colors.map((col) => html`<label class="option" title=${col}>
                  <input type="radio" name="pc-${c.id}-color" .value=${col} .checked=${live(col === v.color)} ?disabled=${x.disabled} aria-label=${col}
                    @change=${() => x.set(c.id, { ...sel, color: col })} />
                  <span class="swatch" style="background:${col}"></span></label>`)}
              </div></fieldset>`
            : nothing}
          ${size && size.min < size.max
            ? html`<label class="picker">${t.size} <span class="hint">${v.fontSize}</span>
                <input type="range" min=${size.min} max=${size.max} step="1" .value=${live(String(v.fontSize))} ?disabled=${x.disabled}
                  @input=${(e: Event) => x.set(c.id, { ...sel, fontSize: Number((e.target as HTMLInputElement).value) }, `size:${c.id}`)} /></label>`
            : nothing}
          ${bend
            ? curveControl({ id: c.id, range: bend, value: v.curve, label: t.curve, fieldLabel: t.curveDegrees, disabled: x.disabled,
                set: (curve) => x.set(c.id, { ...textSelection(x, c.id), curve }, `curve:${c.id}`) })
            : nothing}
        </div>`
      : nothing}
    ${x.issueList(c.id)}
  </div>`;
}
