/**
 * One scene model for every renderer: the browser preview (Konva) and the print renderer on the
 * server draw the same description, so placement is computed once, here, in view pixels.
 * Pure: no DOM, no konva; it runs in Node and in browsers.
 */
import { DEFAULT_TRANSFORM, evaluate, resolveText } from '../../core/index.js';
import type { Area, Evaluation, ImageSelection, Product, Selections, TextSelection, Transform, View } from '../../core/index.js';

export interface SceneLayer {
  id: string;
  /** The image, as written in the product (the renderer resolves it against `assetsBase`). */
  src: string;
  tint?: string;
}

/** Where a placed item sits: its centre in view pixels, its rotation and scale, and what the shopper may change. */
export interface Placed {
  x: number;
  y: number;
  rotation: number;
  scale: number;
  transform: Transform;
  editable: { move: boolean; rotate: boolean; resize: boolean };
}

export interface SceneText extends Placed {
  kind: 'text';
  component: string;
  text: string;
  lines: string[];
  font: string | null;
  color: string;
  /** Font size in view pixels, scale applied. */
  fontSize: number;
  align: 'left' | 'center' | 'right';
  /** Degrees the baseline sweeps on a circular arc (SPEC §2): 0 straight, positive arches upward.
   *  Lay it out with `layoutTextOnArc` (./curve.ts), the geometry every renderer shares. */
  curve: number;
}

export interface SceneImage extends Placed {
  kind: 'image';
  component: string;
  assetKey: string;
  naturalWidth: number;
  naturalHeight: number;
  /** Drawn size in view pixels (contain-fitted in the area, times scale). */
  width: number;
  height: number;
  /** Effective print resolution at this placement (the core's number). */
  dpi: number | null;
}

export type SceneItem = SceneText | SceneImage;

export interface SceneArea {
  /** "view.area" */
  key: string;
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  shape: 'rect' | 'ellipse';
  blend: 'normal' | 'multiply';
  print: Area['print'];
  /**
   * Bottom to top (SPEC §8): uploaded images under texts; among images, and among texts, the
   * component that comes first in the product lies lowest. Every renderer draws them in this order.
   */
  items: SceneItem[];
}

export interface Scene {
  view: { id: string; width: number; height: number; label: string };
  layers: SceneLayer[];
  areas: SceneArea[];
}

export interface SceneOptions {
  locale?: string;
  /** Reuse an evaluation already computed for these selections. */
  evaluation?: Evaluation;
}

function findView(product: Product, viewId: string | undefined): View {
  return product.views.find((v) => v.id === viewId) ?? product.views[0]!;
}

/** Layers of a view after the chosen options' effects (in component order; a later effect wins). */
function layersOf(product: Product, view: View, ev: Evaluation): SceneLayer[] {
  const byId = new Map(view.layers.map((l) => [l.id, { id: l.id, src: l.src, ...(l.tint && { tint: l.tint }) } as SceneLayer]));
  for (const c of product.components) {
    if (c.type !== 'choice' || !ev.components[c.id]?.visible) continue;
    const v = ev.components[c.id]!.value;
    const chosen = new Set(Array.isArray(v) ? (v as string[]) : v == null ? [] : [v as string]);
    for (const o of c.options) {
      if (!chosen.has(o.value)) continue;
      for (const e of o.effects ?? []) {
        const [viewId, layerId] = e.layer.split('.');
        const layer = viewId === view.id ? byId.get(layerId!) : undefined;
        if (!layer) continue;
        if (e.tint) layer.tint = e.tint.toLowerCase();
        if (e.src) {
          layer.src = e.src;
          delete layer.tint;
        }
      }
    }
  }
  return view.layers.map((l) => byId.get(l.id)!);
}

/** Where each kind of item lies in an area, bottom first (SPEC §8). */
const STACK: Record<SceneItem['kind'], number> = { image: 0, text: 1 };

const EDITABLE = (e: { move?: boolean; rotate?: boolean; resize?: boolean } | undefined) => ({ move: true, rotate: true, resize: true, ...e });

export function buildScene(product: Product, selections: Selections, viewId?: string, options: SceneOptions = {}): Scene {
  const ev = options.evaluation ?? evaluate(product, selections, options.locale ? { locale: options.locale } : {});
  const view = findView(product, viewId);
  const areas: SceneArea[] = view.areas.map((a) => ({
    key: `${view.id}.${a.id}`,
    id: a.id,
    x: a.x,
    y: a.y,
    width: a.width,
    height: a.height,
    shape: a.shape ?? 'rect',
    blend: a.blend ?? 'normal',
    print: a.print,
    items: [],
  }));
  const areaByKey = new Map(areas.map((a) => [a.key, a]));
  for (const c of product.components) {
    if ((c.type !== 'text' && c.type !== 'image') || !ev.components[c.id]?.visible) continue;
    const area = areaByKey.get(c.area);
    if (!area) continue;
    const raw = selections[c.id];
    const t: Transform = { ...DEFAULT_TRANSFORM, ...((raw as { transform?: Transform } | undefined)?.transform ?? {}) };
    const x = area.x + t.x * area.width;
    const y = area.y + t.y * area.height;
    if (c.type === 'text') {
      const d = ev.components[c.id]!.value as { text: string; font: string | null; color: string; fontSize: number; curve?: number } | undefined;
      if (!d || d.text === '') continue;
      const text = typeof raw === 'string' ? raw : (raw as TextSelection).text;
      area.items.push({
        kind: 'text',
        component: c.id,
        text,
        lines: text.split(/\r\n|\r|\n/),
        font: d.font,
        color: d.color,
        fontSize: d.fontSize * t.scale,
        align: c.align ?? 'center',
        curve: d.curve ?? 0,
        x,
        y,
        rotation: t.rotation,
        scale: t.scale,
        transform: t,
        editable: EDITABLE(c.editable),
      });
    } else {
      const sel = raw as ImageSelection | undefined;
      const d = ev.components[c.id]!.value as { dpi: number | null } | null;
      if (!sel?.asset || !d) continue;
      const { width: nw, height: nh } = sel.asset;
      const fit = Math.min(area.width / nw, area.height / nh);
      area.items.push({
        kind: 'image',
        component: c.id,
        assetKey: sel.asset.key,
        naturalWidth: nw,
        naturalHeight: nh,
        width: nw * fit * t.scale,
        height: nh * fit * t.scale,
        x,
        y,
        rotation: t.rotation,
        scale: t.scale,
        transform: t,
        editable: EDITABLE(c.editable),
        dpi: d.dpi,
      });
    }
  }
  // The items went in in component order; a stable sort puts the images under the texts.
  for (const a of areas) a.items.sort((p, q) => STACK[p.kind] - STACK[q.kind]);
  return {
    view: { id: view.id, width: view.width, height: view.height, label: resolveText(view.label, options.locale, product.locales) },
    layers: layersOf(product, view, ev),
    areas,
  };
}

/** The transform an item would have with its centre at view pixel (x, y). */
export function transformAt(area: Pick<SceneArea, 'x' | 'y' | 'width' | 'height'>, t: Transform, x: number, y: number): Transform {
  return { ...t, x: (x - area.x) / area.width, y: (y - area.y) / area.height };
}
