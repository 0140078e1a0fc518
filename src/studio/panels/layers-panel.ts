/** The selected view's layers (images, bottom to top) and print areas: select, reorder, remove, add. */
import { html, type TemplateResult } from 'lit';
import type { Ctx } from '../fields/context.js';
import { fileButton } from '../fields/fields.js';
import { addArea, move, removeArea } from '../commands.js';
import type { Doc } from '../store.js';
import { setIn } from '../store.js';

export function layersPanel(ctx: Ctx, addLayer: (f: File) => void): TemplateResult {
  const { t, store } = ctx;
  const vi = store.selection.view;
  const view: Doc | undefined = ctx.doc.views?.[vi];
  if (!view) return html``;
  const layers: Doc[] = Array.isArray(view.layers) ? view.layers : [];
  const areas: Doc[] = Array.isArray(view.areas) ? view.areas : [];
  const row = (name: string, selected: boolean, onSelect: () => void, list: Doc[], i: number, key: 'layers' | 'areas', onRemove: () => void) => html`<li class=${selected ? 'selected' : ''}>
    <button type="button" class="item-name" aria-pressed=${selected ? 'true' : 'false'} @click=${onSelect}>${name}</button>
    <button type="button" class="icon" aria-label=${t.moveUp(name)} title=${t.moveUp(name)} ?disabled=${i === 0} @click=${() => store.set(['views', vi, key], move(list, i, i - 1))}>↑</button>
    <button type="button" class="icon" aria-label=${t.moveDown(name)} title=${t.moveDown(name)} ?disabled=${i === list.length - 1} @click=${() => store.set(['views', vi, key], move(list, i, i + 1))}>↓</button>
    <button type="button" class="icon" aria-label=${t.remove(name)} title=${t.remove(name)} @click=${onRemove}>✕</button></li>`;
  return html`<ul class="list layers">
      ${areas.map((a, i) => row(t.areaItem(a.id), store.selection.area === a.id, () => store.select({ area: a.id, layer: undefined }), areas, i, 'areas', () => {
        store.update((d) => removeArea(d, vi, a.id));
        store.select({ area: undefined });
      }))}
      ${[...layers.keys()].reverse().map((i) => row(t.layerItem(layers[i]!.id), store.selection.layer === layers[i]!.id, () => store.select({ layer: layers[i]!.id, area: undefined }), layers, i, 'layers', () => {
        store.update((d) => setIn(d, ['views', vi, 'layers'], layers.filter((_, k) => k !== i)));
        store.select({ layer: undefined });
      }))}
    </ul>
    <div class="row wrap">
      <button type="button" class="small" @click=${() => {
        // The keyboard's way to a new area (the pointer draws one): centred, half the view's width.
        const w = Math.round((Number(view.width) || 1000) / 2), h = Math.round((Number(view.height) || 1000) / 3);
        const r = addArea(store.doc, vi, { x: Math.round(w / 2), y: h, width: w, height: h }, 'rect');
        store.commit(r.doc);
        store.select({ area: r.id, layer: undefined });
      }}>${t.addArea}</button>
      ${fileButton(t.addLayer, 'image/png,image/jpeg,image/webp', addLayer)}
    </div>`;
}
