/**
 * The browser preview: draws a `Scene` with Konva, on two layers (the product photos; the prints,
 * outlines and handles), so a keystroke redraws only the second. The layers are patched from the
 * scene, never read back (STYLE 2): a pointer edit reports a new transform through `onTransform`,
 * the element updates the selections, and the next scene moves the node.
 *
 * A Konva Stage holds the two layers and sizes them (public API only). Pointer gestures are routed
 * here, on the container, hit-testing with the front layer's hit graph (`getIntersection`): one
 * drag, one handle at a time, patched back through the selections rather than Konva's drag state.
 */
import { Group, Layer, Shape, Stage } from '../konva.js';
import type { Context } from '../konva.js';
import type { Transform } from '../../core/index.js';
import type { Scene, SceneArea, SceneItem } from '../scene/scene.js';
import { transformAt } from '../scene/scene.js';
import { areaClip, areaGroup, beneath, imageShape, layerImages, setText } from '../shapes.js';
import { Handles } from './handles.js';
import type { HandleKind, Point } from './handles.js';
import { tinted } from './tint.js';

export interface PreviewSources {
  /** A loaded layer image, or undefined while it loads. */
  layer(src: string): CanvasImageSource | undefined;
  /** A decoded upload (downscaled for the preview), or undefined. */
  asset(key: string): CanvasImageSource | undefined;
  /** The family to draw a text in (the merchant's font, with a fallback while it loads). */
  fontFamily(font: string | null): string;
}

export interface PreviewOptions {
  /** Dashed area outlines and handles, while the shopper edits. */
  editing?: boolean;
  /** A new transform for an item, as the shopper drags it (history merges the drag into one step). */
  onTransform?: (component: string, transform: Transform) => void;
  onSelect?: (component: string | null) => void;
  /** The texts whose drawn box reaches outside their print area (the print would cut them), after each draw that changes them. */
  onCut?: (components: ReadonlySet<string>) => void;
  /** The scale an item may not grow past (an image at `minDpi`); 10 when absent. */
  maxScale?: (component: string) => number;
}

/** iOS Safari refuses canvases above 16.7 M pixels; stay under it whatever the devicePixelRatio. */
export const MAX_BACKING_PIXELS = 16_777_216;
const SNAP_PX = 6;
/** The transform's bounds (SPEC §3): a scale below this is refused by the core. */
const MIN_SCALE = 0.1;

export function cappedPixelRatio(width: number, height: number, dpr: number, layers = 2): number {
  const budget = MAX_BACKING_PIXELS / layers;
  return Math.max(0.25, Math.min(dpr, Math.sqrt(budget / Math.max(1, width * height))));
}

type Gesture = { pointer: number; moved: boolean; last?: Point } & ({ kind: 'move'; node: Shape; component: string; dx: number; dy: number } | { kind: HandleKind });

export class Preview {
  private readonly stage: Stage;
  private readonly back = new Layer({ listening: false });
  private readonly front = new Layer();
  private readonly nodes = new Map<string, Shape>();
  private readonly handles: Handles;
  private selected: string | null = null;
  private scene: Scene | null = null;
  private backKey = '';
  private viewId = '';
  private groups = new Map<string, Group>();
  private gesture: Gesture | null = null;
  private cutKey = '';

  constructor(readonly container: HTMLDivElement, private readonly sources: PreviewSources, private readonly options: PreviewOptions = {}) {
    this.stage = new Stage({ container, width: 0, height: 0 });
    this.stage.add(this.back, this.front);
    this.handles = new Handles(() => 1 / (this.front.scaleX() || 1), (change) => {
      const node = this.handles.attached;
      if (!node || !this.selected) return;
      const area = node.getAttr('pcArea') as SceneArea;
      const item = node.getAttr('pcItem') as SceneItem;
      const t = transformAt(area, item.transform, node.x(), node.y());
      this.front.batchDraw();
      this.options.onTransform?.(this.selected, round({ ...t, scale: change.scale, rotation: change.rotation }));
    });
    this.front.add(this.handles.group);
    if (options.editing) {
      container.addEventListener('pointerdown', (e) => this.down(e));
      container.addEventListener('pointermove', (e) => this.move(e));
      container.addEventListener('pointerup', (e) => this.up(e));
      // The browser took the pointer (a scroll, a system gesture): the edit ends where it last was.
      container.addEventListener('pointercancel', (e) => this.up(e));
      // A finger on a placed item or a handle edits it; anywhere else it scrolls the page as usual
      // (the canvas keeps touch-action: auto, so a phone's page is never stuck under a large preview).
      container.addEventListener('touchstart', (e) => this.touchStart(e), { passive: false });
    }
  }

  /** The Konva layers, bottom first: the product photos; the prints, outlines and handles. */
  get layers(): Layer[] {
    return [this.back, this.front];
  }

  /** The layer canvases, bottom first. */
  get canvases(): HTMLCanvasElement[] {
    return this.layers.map((l) => l.getNativeCanvasElement());
  }

  /** Fits the view into `cssWidth` CSS pixels and sets the backing store's density. */
  resize(cssWidth: number, dpr = globalThis.devicePixelRatio || 1): void {
    if (!this.scene || cssWidth <= 0) return;
    const { width, height } = this.scene.view;
    const scale = cssWidth / width;
    const w = Math.round(width * scale);
    const h = Math.round(height * scale);
    if (this.stage.width() === w && this.stage.height() === h) return;
    const ratio = cappedPixelRatio(w, h, dpr);
    this.stage.size({ width: w, height: h });
    for (const layer of [this.back, this.front]) {
      layer.getCanvas().setPixelRatio(ratio);
      layer.scale({ x: scale, y: scale });
    }
    this.handles.update();
    this.back.batchDraw();
    this.front.batchDraw();
  }

  select(component: string | null): void {
    if (this.selected === component) return;
    this.selected = component;
    this.options.onSelect?.(component);
    this.attachHandles();
    this.front.batchDraw();
  }

  // ---- pointer and touch ------------------------------------------------------------------------

  /** The event's position in CSS pixels of the canvas, and in view pixels. */
  private at(e: PointerEvent): { css: Point; view: Point } {
    const r = this.container.getBoundingClientRect();
    const css = { x: e.clientX - r.left, y: e.clientY - r.top };
    const s = this.front.scaleX() || 1;
    return { css, view: { x: css.x / s, y: css.y / s } };
  }

  /** What a point (CSS pixels of the canvas) would grab: a handle, a placed item, or nothing. */
  private grab(css: Point): { handle: HandleKind } | { node: Shape; item: SceneItem } | null {
    const hit = this.front.getIntersection(css);
    const handle = this.handles.kindOf(hit);
    if (handle) return { handle };
    return hit && this.nodes.get(hit.name()) === hit ? { node: hit, item: hit.getAttr('pcItem') as SceneItem } : null;
  }

  private touchStart(e: TouchEvent): void {
    const t = e.touches[0];
    if (e.touches.length !== 1 || !t) return;
    const r = this.container.getBoundingClientRect();
    if (this.grab({ x: t.clientX - r.left, y: t.clientY - r.top })) e.preventDefault();
  }

  private down(e: PointerEvent): void {
    if (this.gesture || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const { css, view } = this.at(e);
    const got = this.grab(css);
    if (got && 'handle' in got) {
      this.handles.begin(view);
      this.gesture = { kind: got.handle, pointer: e.pointerId, moved: false };
    } else {
      this.select(got?.item.component ?? null);
      if (!got?.item.editable.move) return;
      const { node, item } = got;
      this.gesture = { kind: 'move', node, component: item.component, pointer: e.pointerId, moved: false, dx: node.x() - view.x, dy: node.y() - view.y };
    }
    this.container.setPointerCapture?.(e.pointerId);
    e.preventDefault();
  }

  private move(e: PointerEvent): void {
    const g = this.gesture;
    if (!g) return this.hover(e);
    if (g.pointer !== e.pointerId) return;
    g.moved = true;
    g.last = this.at(e).view;
    this.apply(g, g.last, false);
  }

  private up(e: PointerEvent): void {
    const g = this.gesture;
    if (!g || g.pointer !== e.pointerId) return;
    this.gesture = null;
    if (g.moved && g.last) this.apply(g, g.last, true);
  }

  /** Applies a gesture's pointer position; `final` when the pointer is let go. */
  private apply(g: Gesture, at: Point, final: boolean): void {
    if (g.kind !== 'move') return this.handles.drag(g.kind, at, final);
    const { node, component } = g;
    const area = node.getAttr('pcArea') as SceneArea;
    const item = node.getAttr('pcItem') as SceneItem;
    // Snap to the area's centre lines.
    const tol = SNAP_PX / (this.front.scaleX() || 1);
    const cx = area.x + area.width / 2;
    const cy = area.y + area.height / 2;
    let x = at.x + g.dx;
    let y = at.y + g.dy;
    if (Math.abs(x - cx) < tol) x = cx;
    if (Math.abs(y - cy) < tol) y = cy;
    node.position({ x, y });
    this.handles.update();
    this.front.batchDraw();
    this.options.onTransform?.(component, round(transformAt(area, item.transform, x, y)));
  }

  private hover(e: PointerEvent): void {
    const got = this.grab(this.at(e).css);
    this.container.style.cursor = !got ? '' : 'handle' in got ? (got.handle === 'rotate' ? 'grab' : 'nwse-resize') : got.item.editable.move ? 'move' : '';
  }

  /** Patches the stage to show `scene`. Only the layer whose content changed redraws. */
  draw(scene: Scene): void {
    const viewChanged = this.viewId !== scene.view.id;
    this.scene = scene;
    if (viewChanged) {
      this.viewId = scene.view.id;
      this.resetFront();
    }
    const backKey = JSON.stringify(scene.layers.map((l) => [l.src, l.tint ?? '', !!this.sources.layer(l.src)]));
    if (backKey !== this.backKey) {
      this.backKey = backKey;
      this.drawBack(scene);
    }
    this.drawFront(scene);
  }

  private drawBack(scene: Scene): void {
    this.back.destroyChildren();
    const { width, height } = scene.view;
    for (const image of layerImages(scene.layers, (src) => this.sources.layer(src), tinted)) this.back.add(imageShape({ image, width, height, listening: false }));
    this.back.batchDraw();
  }

  private resetFront(): void {
    for (const g of this.groups.values()) {
      (g.getAttr('pcOutline') as Shape).destroy();
      (g.getAttr('pcBeneath') as Shape).destroy();
      g.destroy();
    }
    this.groups.clear();
    this.nodes.clear();
    this.selected = null;
    this.handles.attach(null);
  }

  private group(area: SceneArea): Group {
    let g = this.groups.get(area.key);
    if (g) return g;
    g = new Group({ name: `area:${area.key}` });
    const outline = new Shape({
      name: 'outline',
      listening: false,
      stroke: 'rgba(31, 79, 209, 0.65)',
      strokeWidth: 1.5,
      strokeScaleEnabled: false,
      dash: [6, 4],
      sceneFunc: (ctx: Context, shape: Shape) => {
        ctx.beginPath();
        areaClip(area.shape, area.x + 1, area.y + 1, area.width - 2, area.height - 2)(ctx);
        ctx.strokeShape(shape);
      },
    });
    // What lies beneath a multiply area comes first; outlines sit above every area, outside the clip and the blend.
    const under = new Shape();
    this.front.add(under, g, outline);
    g.setAttrs({ pcOutline: outline, pcBeneath: under });
    this.groups.set(area.key, g);
    return g;
  }

  private drawFront(scene: Scene): void {
    const seen = new Set<string>();
    const photos = layerImages(scene.layers, (src) => this.sources.layer(src), tinted);
    for (const area of scene.areas) {
      const g = areaGroup(this.group(area), area, area.x, area.y, area.width, area.height);
      beneath(g.getAttr('pcBeneath') as Shape, area, photos, scene.view.width, scene.view.height);
      (g.getAttr('pcOutline') as Shape).visible(!!this.options.editing).moveToTop();
      area.items.forEach((item, i) => {
        seen.add(item.component);
        const node = this.node(item, area);
        if (node.getParent() !== g) g.add(node);
        node.zIndex(i);
      });
    }
    for (const [id, node] of this.nodes) {
      if (seen.has(id)) continue;
      node.destroy();
      this.nodes.delete(id);
      if (this.selected === id) this.selected = null;
    }
    this.attachHandles();
    this.front.batchDraw();
    this.reportCut(scene);
  }

  /** Texts are measured as drawn (the font decides), so whether one fits its area is known here, not in the core. */
  private reportCut(scene: Scene): void {
    const cut = new Set<string>();
    for (const area of scene.areas) {
      for (const item of area.items) {
        const node = this.nodes.get(item.component);
        if (item.kind === 'text' && node && node.width() > 0 && !fits(area, node)) cut.add(item.component);
      }
    }
    const key = [...cut].sort().join('\n');
    if (key === this.cutKey) return;
    this.cutKey = key;
    this.options.onCut?.(cut);
  }

  private node(item: SceneItem, area: SceneArea): Shape {
    let node = this.nodes.get(item.component);
    if (node && !!node.getAttr('pcImage') !== (item.kind === 'image')) {
      node.destroy();
      node = undefined;
    }
    if (!node) {
      node = item.kind === 'text' ? new Shape({ name: item.component }) : imageShape({ name: item.component });
      this.nodes.set(item.component, node);
    }
    node.setAttrs({ x: item.x, y: item.y, rotation: item.rotation, scaleX: 1, scaleY: 1 });
    node.setAttr('pcArea', area);
    node.setAttr('pcItem', item);
    if (item.kind === 'text') {
      setText(node, item, this.sources.fontFamily(item.font), item.fontSize);
    } else {
      const img = this.sources.asset(item.assetKey);
      node.setAttrs({ image: img, width: item.width, height: item.height, offsetX: item.width / 2, offsetY: item.height / 2 });
    }
    return node;
  }

  private attachHandles(): void {
    const node = this.selected ? this.nodes.get(this.selected) : undefined;
    const item = node?.getAttr('pcItem') as SceneItem | undefined;
    if (!node || !item || !this.options.editing) return this.handles.attach(null);
    this.handles.attach({
      node,
      scale: item.transform.scale,
      resize: item.editable.resize,
      rotate: item.editable.rotate,
      minScale: MIN_SCALE,
      maxScale: this.options.maxScale?.(item.component) ?? 10,
    });
  }

  /** The view as a PNG, `longSide` pixels on its longer side, without editing marks. */
  async toPNG(longSide: number): Promise<{ blob: Blob; width: number; height: number }> {
    if (!this.scene) throw new Error('preview: nothing drawn yet');
    const { width, height } = this.scene.view;
    const ratio = longSide / Math.max(width, height) / (this.front.scaleX() || 1);
    const marks = [...this.front.find('.outline'), this.handles.group];
    const shown = marks.map((m) => m.visible());
    marks.forEach((m) => m.visible(false));
    try {
      // Layer by layer, as the page shows them: an isolated (blended) area composites within its layer.
      const out = document.createElement('canvas');
      const w = this.stage.width();
      const h = this.stage.height();
      out.width = Math.round(w * ratio);
      out.height = Math.round(h * ratio);
      const ctx = out.getContext('2d')!;
      for (const layer of [this.back, this.front]) ctx.drawImage(layer.toCanvas({ x: 0, y: 0, width: w, height: h, pixelRatio: ratio }), 0, 0, out.width, out.height);
      const blob = await new Promise<Blob>((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('preview: the PNG could not be encoded'))), 'image/png'));
      return { blob, width: Math.round((width * longSide) / Math.max(width, height)), height: Math.round((height * longSide) / Math.max(width, height)) };
    } finally {
      marks.forEach((m, i) => m.visible(shown[i]));
    }
  }

  destroy(): void {
    this.stage.destroy();
    this.container.replaceChildren();
  }
}

/**
 * Whether `node` as drawn (rotation included) lies inside `area`, to half a pixel: the corners of
 * its box, or of each glyph's box for a curved text (an arc's box would stick out of a round tag
 * that its letters fit).
 */
function fits(area: SceneArea, node: Shape): boolean {
  const m = node.getTransform();
  const w = node.width();
  const h = node.height();
  const cx = area.x + area.width / 2;
  const cy = area.y + area.height / 2;
  const corners: Point[] = node.getAttr('pcCorners') ?? [{ x: 0, y: 0 }, { x: w, y: 0 }, { x: w, y: h }, { x: 0, y: h }];
  return corners.every((c) => {
    const p = m.point(c);
    if (area.shape === 'ellipse') return ((p.x - cx) / (area.width / 2 + 0.5)) ** 2 + ((p.y - cy) / (area.height / 2 + 0.5)) ** 2 <= 1;
    return p.x >= area.x - 0.5 && p.x <= area.x + area.width + 0.5 && p.y >= area.y - 0.5 && p.y <= area.y + area.height + 0.5;
  });
}

function round(t: Transform): Transform {
  const r = (v: number) => Math.round(v * 10000) / 10000;
  return { x: r(t.x), y: r(t.y), rotation: r(((t.rotation + 540) % 360) - 180), scale: r(t.scale) };
}
