/** A toggle (SPEC §2): a switch, labelled, with its price. */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ToggleComponent } from '../../core/index.js';
import type { ControlContext } from './context.js';

export function toggleControl(c: ToggleComponent, x: ControlContext): TemplateResult {
  const on = x.state(c.id).value === true;
  return html`<div class="component" part="component" data-component=${c.id}>
    <label class="switch">
      <input type="checkbox" role="switch" .checked=${live(on)} ?disabled=${x.disabled} aria-describedby="issues-${c.id}"
        @change=${(e: Event) => x.set(c.id, (e.target as HTMLInputElement).checked)} />
      <span>${x.label(c.label)}</span>
      ${c.price ? html`<span class="price">+${x.price(c.price)}</span>` : nothing}
    </label>
    ${x.issueList(c.id)}
  </div>`;
}
