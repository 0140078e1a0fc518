/**
 * Commands: pure functions from a document to the next one (STYLE 17). Panels and the workspace
 * call these through the store; none edits a document in place.
 */
import type { Doc } from './store.js';
import { setIn } from './store.js';
import { printFor, withBox, type Box } from './proportions.js';

const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** An id not yet used in `taken`: base, base2, base3… */
export function freshId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${n}`)) return `${base}${n}`;
}

export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return list;
  const next = [...list];
  const [x] = next.splice(from, 1);
  next.splice(to, 0, x!);
  return next;
}

export function addView(doc: Doc, src: string, width: number, height: number): { doc: Doc; index: number } {
  const views = arr(doc.views);
  const id = freshId(views.length ? 'view' : 'front', views.map((v) => v?.id));
  const label = id[0]!.toUpperCase() + id.slice(1);
  return { doc: { ...doc, views: [...views, { id, label, width, height, layers: [{ id: 'base', src }], areas: [] }] }, index: views.length };
}

export function removeView(doc: Doc, vi: number): Doc {
  return { ...doc, views: arr(doc.views).filter((_, i) => i !== vi) };
}

export function addLayer(doc: Doc, vi: number, src: string): { doc: Doc; id: string } {
  const layers = arr(doc.views?.[vi]?.layers);
  const id = freshId('layer', layers.map((l) => l?.id));
  return { doc: setIn(doc, ['views', vi, 'layers'], [...layers, { id, src }]), id };
}

export function addArea(doc: Doc, vi: number, box: Box, shape: 'rect' | 'ellipse'): { doc: Doc; id: string } {
  const areas = arr(doc.views?.[vi]?.areas);
  const id = freshId(areas.length ? 'area' : 'main', areas.map((a) => a?.id));
  const b = { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) };
  const area = { id, ...b, ...(shape === 'ellipse' && { shape }), print: printFor(b) };
  return { doc: setIn(doc, ['views', vi, 'areas'], [...areas, area]), id };
}

export function areaIndex(doc: Doc, vi: number, id: string | undefined): number {
  return id === undefined ? -1 : arr(doc.views?.[vi]?.areas).findIndex((a) => a?.id === id);
}

/** The area moved or resized; its print follows its proportions. */
export function setAreaBox(doc: Doc, vi: number, id: string, box: Box): Doc {
  const ai = areaIndex(doc, vi, id);
  if (ai < 0) return doc;
  return setIn(doc, ['views', vi, 'areas', ai], withBox(doc.views[vi].areas[ai], box));
}

export function removeArea(doc: Doc, vi: number, id: string): Doc {
  return setIn(doc, ['views', vi, 'areas'], arr(doc.views?.[vi]?.areas).filter((a) => a?.id !== id));
}

/** Renames an area and every component that points at it (`view.area`). */
export function renameArea(doc: Doc, vi: number, ai: number, id: string): Doc {
  const view = doc.views[vi];
  const old = `${view.id}.${view.areas[ai].id}`;
  let next = setIn(doc, ['views', vi, 'areas', ai, 'id'], id);
  arr(doc.components).forEach((c, ci) => {
    if (c?.area === old) next = setIn(next, ['components', ci, 'area'], `${view.id}.${id}`);
  });
  return next;
}

export function areaNames(doc: Doc): string[] {
  return arr(doc.views).flatMap((v) => arr(v?.areas).map((a) => `${v.id}.${a.id}`));
}
export function layerNames(doc: Doc): string[] {
  return arr(doc.views).flatMap((v) => arr(v?.layers).map((l) => `${v.id}.${l.id}`));
}

export function addComponent(doc: Doc, type: 'choice' | 'text' | 'image' | 'toggle'): { doc: Doc; index: number } {
  const comps = arr(doc.components);
  const id = freshId(type === 'choice' ? 'color' : type === 'text' ? 'text' : type === 'image' ? 'photo' : 'addon', comps.map((c) => c?.id));
  const area = areaNames(doc)[0];
  const fresh: Record<string, Doc> = {
    choice: { id, type, label: 'Colour', options: [{ value: 'white', label: 'White', swatch: '#ffffff' }], default: 'white' },
    text: { id, type, label: 'Text', ...(area && { area }), maxLength: 20 },
    image: { id, type, label: 'Your photo', ...(area && { area }) },
    toggle: { id, type, label: 'Gift wrap', price: 0 },
  };
  return { doc: { ...doc, components: [...comps, fresh[type]] }, index: comps.length };
}

/** Removes a component; rules keep their references (the core then reports them, located). */
export function removeComponent(doc: Doc, ci: number): Doc {
  return { ...doc, components: arr(doc.components).filter((_, i) => i !== ci) };
}

export function addFont(doc: Doc, family: string, src: string): Doc {
  const fonts = arr(doc.fonts);
  return fonts.some((f) => f?.family === family && f?.src === src) ? doc : { ...doc, fonts: [...fonts, { family, src }] };
}

/** `logic` with every `{ var: old }` / `{ var: "old.part" }` reading `id` instead. */
function renameVars(logic: unknown, old: string, id: string): unknown {
  if (Array.isArray(logic)) return logic.map((x) => renameVars(x, old, id));
  if (!logic || typeof logic !== 'object') return logic;
  const o = logic as Record<string, unknown>;
  if (Object.keys(o).length === 1 && typeof o.var === 'string' && (o.var === old || o.var.startsWith(`${old}.`))) return { var: id + o.var.slice(old.length) };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, renameVars(v, old, id)]));
}

/** Renames a component and what points at it: rule conditions, hide/require targets, restrict keys. */
export function renameComponent(doc: Doc, ci: number, id: string): Doc {
  const old = doc.components?.[ci]?.id;
  let next = setIn(doc, ['components', ci, 'id'], id);
  if (typeof old !== 'string' || old === id || arr(doc.components).some((c, k) => k !== ci && c?.id === old)) return next;
  const swap = (x: unknown) => (x === old ? id : x);
  arr(doc.rules).forEach((r, ri) => {
    if (!r || typeof r !== 'object') return;
    const then = r.then && typeof r.then === 'object' ? { ...r.then } : r.then;
    if (then && typeof then === 'object') {
      for (const key of ['hide', 'require'] as const) if (Array.isArray(then[key])) then[key] = then[key].map(swap);
      if (then.restrict && typeof then.restrict === 'object')
        then.restrict = Object.fromEntries(Object.entries(then.restrict).map(([k, v]) => [k === old ? id : k.startsWith(`${old}.`) ? id + k.slice(old.length) : k, v]));
    }
    next = setIn(next, ['rules', ri], { ...r, ...('when' in r && { when: renameVars(r.when, old, id) }), ...(then !== undefined && { then }) });
  });
  return next;
}
