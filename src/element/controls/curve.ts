/**
 * The curve control of a text component with `curve` (SPEC §2): a slider and a number field for
 * the degrees the text's baseline sweeps, both within the component's min..max. The slider is
 * keyboard operable (arrows: 1°, Page keys: 10 %, Home/End) and announces its value with the unit
 * (`aria-valuetext`); the field takes a typed number, live while it is a number in range and
 * clamped into range when committed (Enter or leaving it).
 */
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

export interface CurveControl {
  id: string;
  range: { min: number; max: number };
  value: number;
  label: string;
  /** The number field's own name (it sits next to the slider). */
  fieldLabel: string;
  disabled: boolean;
  /** Writes the selection's curve. */
  set(curve: number): void;
}

export function curveControl(c: CurveControl): TemplateResult {
  const { min, max } = c.range;
  const read = (e: Event, commit: boolean) => {
    const input = e.target as HTMLInputElement;
    const n = input.valueAsNumber;
    const next = Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : c.value;
    if (next === n || (commit && next !== c.value)) c.set(next);
    // A committed field shows what was kept (a typed 500 becomes the maximum, a blank the current value).
    if (commit) input.value = String(next);
  };
  return html`<div class="picker curve" role="group" aria-labelledby="curve-${c.id}">
    <span id="curve-${c.id}">${c.label}</span>
    <div class="curve-row">
      <input type="range" min=${min} max=${max} step="1" .value=${live(String(c.value))} aria-labelledby="curve-${c.id}"
        aria-valuetext="${c.value}°" ?disabled=${c.disabled} @input=${(e: Event) => read(e, false)} />
      <input type="number" min=${min} max=${max} step="1" .value=${live(String(c.value))} aria-label=${c.fieldLabel}
        ?disabled=${c.disabled} @input=${(e: Event) => read(e, false)} @change=${(e: Event) => read(e, true)} /><span aria-hidden="true">°</span>
    </div>
  </div>`;
}
