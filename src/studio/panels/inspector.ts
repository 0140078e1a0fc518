/**
 * The selection's properties: an area (id, label, shape, blend, box, print size locked to its
 * shape, presets), a layer (id, tint), or the view (id, label).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { formatPath, type Path } from '../../core/index.js';
import type { Ctx } from '../fields/context.js';
import { colorField, numberField, selectField, textField } from '../fields/fields.js';
import { localizedField } from '../fields/localized.js';
import { areaIndex, renameArea, setAreaBox } from '../commands.js';
import { PRINT_PRESETS, proportionsAgree, withPrint, withPrintSide } from '../proportions.js';
import type { Doc } from '../store.js';
import { setIn } from '../store.js';

function areaNumber(ctx: Ctx, label: string, path: Path, value: unknown, onValue: (n: number) => void): TemplateResult {
  return html`<label class="field num"><span>${label}</span><input type="number" step="any" data-path=${formatPath(path)} .value=${live(typeof value === 'number' ? String(value) : '')}
    @change=${(e: Event) => {
      const s = (e.target as HTMLInputElement).value;
      const n = Number(s);
      const positionOnly = path[path.length - 1] === 'x' || path[path.length - 1] === 'y';
      if (s !== '' && Number.isFinite(n) && (positionOnly || n > 0)) onValue(n);
    }} /></label>`;
}

export function inspector(ctx: Ctx): TemplateResult {
  const { t, store, doc } = ctx;
  const vi = store.selection.view;
  const view: Doc | undefined = doc.views?.[vi];
  if (!view) return html``;
  const ai = areaIndex(doc, vi, store.selection.area);
  if (ai >= 0) return areaInspector(ctx, vi, ai);
  const li = Array.isArray(view.layers) ? view.layers.findIndex((l: Doc) => l?.id === store.selection.layer) : -1;
  if (li >= 0) {
    const p: Path = ['views', vi, 'layers', li];
    const layer = view.layers[li];
    return html`<div class="stack">${textField(ctx, t.layerId, [...p, 'id'])}
      <p class="muted">${layer.src}</p>
      <label class="check"><input type="checkbox" .checked=${live(typeof layer.tint === 'string')} @change=${(e: Event) => store.set([...p, 'tint'], (e.target as HTMLInputElement).checked ? '#ffffff' : undefined)} /><span>${t.tinted}</span></label>
      ${typeof layer.tint === 'string' ? colorField(ctx, t.tint, [...p, 'tint']) : nothing}</div>`;
  }
  return html`<div class="stack">${textField(ctx, t.viewId, ['views', vi, 'id'])}${localizedField(ctx, t.viewLabel, ['views', vi, 'label'])}
    <p class="muted">${view.width} × ${view.height} px</p></div>`;
}

function areaInspector(ctx: Ctx, vi: number, ai: number): TemplateResult {
  const { t, store, doc } = ctx;
  const p: Path = ['views', vi, 'areas', ai];
  const a: Doc = doc.views[vi].areas[ai];
  const print: Doc = a.print ?? {};
  const inches = print.unit === 'mm' ? 1 / 25.4 : 1;
  const coreIssue = store.issues.find((i) => formatPath(i.path).startsWith(formatPath(p)) && /print proportions/.test(i.message));
  const preset = PRINT_PRESETS.find((x) => x.print.width === print.width && x.print.height === print.height && x.print.unit === print.unit);
  const setArea = (next: Doc) => store.set(p, next);
  const box = (k: 'x' | 'y' | 'width' | 'height') => (n: number) => store.update((d) => setAreaBox(d, vi, a.id, { x: a.x, y: a.y, width: a.width, height: a.height, [k]: n }));
  return html`<div class="stack">
    <label class="field"><span>${t.areaId}</span><input type="text" data-path=${formatPath([...p, 'id'])} .value=${live(String(a.id ?? ''))}
      @change=${(e: Event) => {
        const id = (e.target as HTMLInputElement).value.trim();
        if (!id || id === a.id) return;
        store.update((d) => renameArea(d, vi, ai, id));
        store.select({ area: id });
      }} /></label>
    ${localizedField(ctx, t.areaLabel, [...p, 'label'])}
    <div class="grid2">${selectField(ctx, t.shape, [...p, 'shape'], [['rect', t.rectangle], ['ellipse', t.ellipse]], t.rectangle)}
      ${selectField(ctx, t.blend, [...p, 'blend'], [['normal', t.normal], ['multiply', t.multiply]], t.normal)}</div>
    <div class="grid4">${areaNumber(ctx, t.x, [...p, 'x'], a.x, box('x'))}${areaNumber(ctx, t.y, [...p, 'y'], a.y, box('y'))}
      ${areaNumber(ctx, t.width, [...p, 'width'], a.width, box('width'))}${areaNumber(ctx, t.height, [...p, 'height'], a.height, box('height'))}</div>
    <label class="field"><span>${t.preset}</span><select @change=${(e: Event) => {
      const x = PRINT_PRESETS.find((q) => q.id === (e.target as HTMLSelectElement).value);
      if (x) setArea(withPrint(a, { ...print, ...x.print }));
    }}><option value="" ?selected=${!preset}>${t.custom}</option>${PRINT_PRESETS.map((x) => html`<option value=${x.id} ?selected=${preset === x}>${x.label}</option>`)}</select></label>
    <div class="grid4">
      ${areaNumber(ctx, t.printWidth, [...p, 'print', 'width'], print.width, (n) => setArea(withPrintSide(a, 'width', n)))}
      ${areaNumber(ctx, t.printHeight, [...p, 'print', 'height'], print.height, (n) => setArea(withPrintSide(a, 'height', n)))}
      ${selectField(ctx, t.unit, [...p, 'print', 'unit'], [['in', 'in'], ['mm', 'mm']])}
      ${numberField(ctx, t.dpi, [...p, 'print', 'dpi'], { int: true })}</div>
    <p class="muted">${print.width > 0 && print.dpi > 0 ? t.printFile(Math.round(print.width * inches * print.dpi), Math.round(print.height * inches * print.dpi)) : ''}</p>
    ${proportionsAgree(a) ? html`<p class="muted">${t.locked}</p>`
      : html`<div class="issue error" role="alert"><p>${coreIssue?.message ?? formatPath(p)}</p>
        <button type="button" @click=${() => setArea(withPrintSide(a, 'width', print.width))}>${t.fixProportions}</button></div>`}
    <button type="button" class="danger" @click=${() => {
      store.update((d) => setIn(d, ['views', vi, 'areas'], d.views[vi].areas.filter((_: Doc, k: number) => k !== ai)));
      store.select({ area: undefined });
    }}>${t.remove(t.areaItem(a.id))}</button>
  </div>`;
}
