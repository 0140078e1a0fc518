/** The price (SPEC §6 part `price`): the total, and its lines under a disclosure when there are any. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Price } from '../../core/index.js';
import type { Translation } from '../i18n/translation.js';

export function priceBox(price: Price, t: Translation, money: (amount: number) => string): TemplateResult {
  return html`<div class="price-box" part="price">
    <div class="total"><span>${t.total}</span><span class="amount">${money(price.total)}</span></div>
    ${price.lines.length
      ? html`<details>
          <summary>${t.priceDetails}</summary>
          <ul class="lines">
            <li><span>${t.basePrice}</span><span>${money(price.base)}</span></li>
            ${price.lines.map((l) => html`<li><span>${l.label}${l.quantity ? ` (${l.quantity} × ${money(l.unitAmount ?? 0)})` : ''}</span><span>${l.amount < 0 ? '−' : '+'}${money(Math.abs(l.amount))}</span></li>`)}
          </ul>
        </details>`
      : nothing}
  </div>`;
}
