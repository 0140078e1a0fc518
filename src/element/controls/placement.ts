/**
 * The keyboard twin of a placed text or image: its own Tab stop, a group announcing where the item
 * is; the keys (PlacementController.keyed) move, resize and turn it within what `editable` allows.
 * The hint lists the keys, except on touch-only devices, which have none to press.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { DEFAULT_TRANSFORM } from '../../core/index.js';
import type { Transform } from '../../core/index.js';
import type { Placeable } from '../controllers/placement.js';
import type { Translation } from '../i18n/translation.js';

export interface PlacementContext {
  t: Translation;
  label: string;
  disabled: boolean;
  touchOnly: boolean;
  /** The new transform a key gives, or null. */
  keyed(ev: KeyboardEvent): Transform | null;
  /** Writes the transform. */
  moved(transform: Transform): void;
  /** Announces in the element's live region. */
  say(text: string): void;
  /** The image's print resolution at its current size (after the move), if it is an image. */
  dpi(): number | undefined;
}

export function placementState(t: Translation, tr: Transform): string {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return t.placementState(pct(tr.x), pct(tr.y), pct(tr.scale), Math.round(tr.rotation));
}

export function placementControl(c: Placeable, sel: { transform?: Transform } | undefined, x: PlacementContext): TemplateResult | typeof nothing {
  const e = { move: true, rotate: true, resize: true, ...c.editable };
  if (!sel || (!e.move && !e.rotate && !e.resize)) return nothing;
  const t = x.t;
  const state = placementState(t, sel.transform ?? DEFAULT_TRANSFORM);
  const keys = x.touchOnly ? '' : [e.move && t.placementMove, e.resize && t.placementResize, e.rotate && t.placementRotate, t.placementReset].filter(Boolean).join(' ');
  const onKey = (ev: KeyboardEvent) => {
    const tr = x.keyed(ev);
    if (!tr) return;
    ev.preventDefault();
    ev.stopPropagation();
    x.moved(tr);
    const dpi = c.type === 'image' ? x.dpi() : undefined;
    x.say(dpi ? `${placementState(t, tr)}, ${t.dpiNow(dpi)}` : placementState(t, tr));
  };
  return html`<div class="placement" part="placement" tabindex=${x.disabled ? -1 : 0} role="group" aria-roledescription=${t.placedItem}
    aria-label="${x.label}: ${state}" aria-describedby=${keys ? `place-help-${c.id}` : nothing} @keydown=${onKey}>
    <span aria-hidden="true" class="placement-state">✥ ${state}</span>
    ${keys ? html`<span class="hint" id="place-help-${c.id}">${keys}</span>` : nothing}
  </div>`;
}
