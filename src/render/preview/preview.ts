/**
 * The browser preview: draws a `Scene` with Konva. Only the shapes we use are imported (the
 * drop-in bundle's budget). The stage is patched from the scene, never read back (STYLE 2):
 * pointer edits report a new transform through `onTransform`, the element updates the
 * selections, and the next scene moves the node.
 */
import Konva from 'konva/lib/Core';
import { Image as KImage } from 'konva/lib/shapes/Image';
import { Text as KText } from 'konva/lib/shapes/Text';
import { Transformer } from 'konva/lib/shapes/Transformer';
import type { Transform } from '../../core/index.js';
import type { Scene, SceneArea, SceneItem } from '../scene/scene.js';
import { transformAt } from '../scene/scene.js';
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
  onTransform?: (component: string, transform: Transform) => void;
  onSelect?: (component: string | null) => void;
}

/** iOS Safari refuses canvases above 16.7 M pixels; stay under it whatever the devicePixelRatio. */
export const MAX_BACKING_PIXELS = 16_777_216;
const SNAP_PX = 6;

export function cappedPixelRatio(width: number, height: number, dpr: number, layers = 2): number {
  const budget = MAX_BACKING_PIXELS / layers;
  return Math.max(0.25, Math.min(dpr, Math.sqrt(budget / Math.max(1, width * height))));
}

export class Preview {
  readonly stage: Konva.Stage;
  private readonly back = new Konva.Layer({ listening: false });
  private readonly front = new Konva.Layer();
  private readonly nodes = new Map<string, Konva.Shape>();
  private readonly transformer: Transformer;
  private selected: string | null = null;
  private scene: Scene | null = null;
  private backKey = '';
  private viewId = '';
  private groups = new Map<string, Konva.Group>();

  constructor(container: HTMLDivElement, private readonly sources: PreviewSources, private readonly options: PreviewOptions = {}) {
    this.stage = new Konva.Stage({ container, width: 1, height: 1 });
    this.stage.add(this.back, this.front);
    this.transformer = new Transformer({
      keepRatio: true,
      enabledAnchors: ['top-left', 'top-right', 'bottom-left', 'bottom-right'],
      rotationSnaps: [0, 90, 180, 270],
      borderStroke: '#1f4fd1',
      anchorStroke: '#1f4fd1',
      anchorSize: 12,
      ignoreStroke: true,
    });
    this.front.add(this.transformer);
    this.stage.on('pointerdown', (e) => {
      if (e.target === this.stage || !this.nodes.has(e.target.name())) this.select(null);
    });
  }

  /** Fits the view into `cssWidth` CSS pixels and sets the backing store's density. */
  resize(cssWidth: number, dpr = globalThis.devicePixelRatio || 1): void {
    if (!this.scene || cssWidth <= 0) return;
    const { width, height } = this.scene.view;
    const scale = cssWidth / width;
    const w = Math.round(width * scale);
    const h = Math.round(height * scale);
    if (this.stage.width() === w && this.stage.height() === h) return;
    this.stage.size({ width: w, height: h });
    this.stage.scale({ x: scale, y: scale });
    const ratio = cappedPixelRatio(w, h, dpr);
    for (const layer of [this.back, this.front]) layer.getCanvas().setPixelRatio(ratio);
    this.back.batchDraw();
    this.front.batchDraw();
  }

  select(component: string | null): void {
    if (this.selected === component) return;
    this.selected = component;
    this.options.onSelect?.(component);
    this.attachTransformer();
    this.front.batchDraw();
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
    for (const l of scene.layers) {
      const img = this.sources.layer(l.src);
      if (!img) continue;
      this.back.add(new KImage({ image: l.tint ? tinted(img, l.tint) : img, width, height, listening: false }));
    }
    this.back.batchDraw();
  }

  private resetFront(): void {
    for (const g of this.groups.values()) g.destroy();
    this.groups.clear();
    this.nodes.clear();
    this.selected = null;
    this.transformer.nodes([]);
  }

  private group(area: SceneArea): Konva.Group {
    let g = this.groups.get(area.key);
    if (g) return g;
    g = new Konva.Group({
      name: `area:${area.key}`,
      clipFunc: (ctx) => {
        if (area.shape === 'ellipse') ctx.ellipse(area.x + area.width / 2, area.y + area.height / 2, area.width / 2, area.height / 2, 0, 0, Math.PI * 2);
        else ctx.rect(area.x, area.y, area.width, area.height);
      },
    });
    const outline = new Konva.Shape({
      name: 'outline',
      listening: false,
      stroke: 'rgba(31, 79, 209, 0.65)',
      strokeWidth: 1.5,
      strokeScaleEnabled: false,
      dash: [6, 4],
      sceneFunc: (ctx, shape) => {
        ctx.beginPath();
        if (area.shape === 'ellipse') ctx.ellipse(area.x + area.width / 2, area.y + area.height / 2, area.width / 2 - 1, area.height / 2 - 1, 0, 0, Math.PI * 2);
        else ctx.rect(area.x + 1, area.y + 1, area.width - 2, area.height - 2);
        ctx.strokeShape(shape);
      },
    });
    g.add(outline);
    this.front.add(g);
    this.transformer.moveToTop();
    this.groups.set(area.key, g);
    return g;
  }

  private drawFront(scene: Scene): void {
    const seen = new Set<string>();
    for (const area of scene.areas) {
      const g = this.group(area);
      g.findOne<Konva.Shape>('.outline')?.visible(!!this.options.editing);
      area.items.forEach((item, i) => {
        seen.add(item.component);
        const node = this.node(item, area);
        if (node.getParent() !== g) g.add(node);
        node.zIndex(i + 1);
      });
    }
    for (const [id, node] of this.nodes) {
      if (seen.has(id)) continue;
      node.destroy();
      this.nodes.delete(id);
      if (this.selected === id) this.selected = null;
    }
    this.attachTransformer();
    this.front.batchDraw();
  }

  private node(item: SceneItem, area: SceneArea): Konva.Shape {
    let node = this.nodes.get(item.component);
    const kind = item.kind === 'text' ? KText : KImage;
    if (node && !(node instanceof kind)) {
      node.destroy();
      node = undefined;
    }
    if (!node) {
      node = item.kind === 'text' ? new KText({ name: item.component }) : new KImage({ name: item.component, image: undefined });
      this.wire(node, item.component);
      this.nodes.set(item.component, node);
    }
    node.setAttrs({ x: item.x, y: item.y, rotation: item.rotation, scaleX: 1, scaleY: 1, draggable: !!this.options.editing && item.editable.move });
    node.setAttr('pcArea', area);
    node.setAttr('pcItem', item);
    if (item.kind === 'text' && node instanceof KText) {
      node.setAttrs({
        text: item.text,
        fontFamily: this.sources.fontFamily(item.font),
        fontSize: item.fontSize,
        fill: item.color,
        align: item.align,
        lineHeight: 1.15,
        width: undefined,
      });
      node.offsetX(node.width() / 2);
      node.offsetY(node.height() / 2);
    } else if (item.kind === 'image' && node instanceof KImage) {
      const img = this.sources.asset(item.assetKey);
      node.setAttrs({ image: img, width: item.width, height: item.height, offsetX: item.width / 2, offsetY: item.height / 2 });
    }
    return node;
  }

  private wire(node: Konva.Shape, component: string): void {
    node.on('pointerdown', () => this.select(component));
    node.on('dragmove', () => {
      const area = node.getAttr('pcArea') as SceneArea;
      // Snap to the area's centre lines.
      const cx = area.x + area.width / 2;
      const cy = area.y + area.height / 2;
      const tol = SNAP_PX / (this.stage.scaleX() || 1);
      if (Math.abs(node.x() - cx) < tol) node.x(cx);
      if (Math.abs(node.y() - cy) < tol) node.y(cy);
    });
    node.on('dragend', () => {
      const area = node.getAttr('pcArea') as SceneArea;
      const item = node.getAttr('pcItem') as SceneItem;
      this.options.onTransform?.(component, round(transformAt(area, item.transform, node.x(), node.y())));
    });
    node.on('transformend', () => {
      const area = node.getAttr('pcArea') as SceneArea;
      const item = node.getAttr('pcItem') as SceneItem;
      const t = transformAt(area, item.transform, node.x(), node.y());
      t.scale = item.transform.scale * node.scaleX();
      t.rotation = node.rotation();
      this.options.onTransform?.(component, round(t));
    });
  }

  private attachTransformer(): void {
    const node = this.selected ? this.nodes.get(this.selected) : undefined;
    const item = node?.getAttr('pcItem') as SceneItem | undefined;
    if (!node || !item || !this.options.editing || (!item.editable.resize && !item.editable.rotate)) {
      this.transformer.nodes([]);
      return;
    }
    this.transformer.setAttrs({
      rotateEnabled: item.editable.rotate,
      enabledAnchors: item.editable.resize ? ['top-left', 'top-right', 'bottom-left', 'bottom-right'] : [],
    });
    this.transformer.nodes([node]);
    this.transformer.moveToTop();
  }

  /** The view as a PNG, `longSide` pixels on its longer side, without editing marks. */
  async toPNG(longSide: number): Promise<{ blob: Blob; width: number; height: number }> {
    if (!this.scene) throw new Error('preview: nothing drawn yet');
    const { width, height } = this.scene.view;
    const ratio = longSide / Math.max(width, height) / (this.stage.scaleX() || 1);
    const outlines = this.front.find('.outline');
    const handles = this.transformer.nodes();
    outlines.forEach((o) => o.visible(false));
    this.transformer.nodes([]);
    try {
      const blob = (await this.stage.toBlob({ pixelRatio: ratio, mimeType: 'image/png' })) as Blob;
      return { blob, width: Math.round((width * longSide) / Math.max(width, height)), height: Math.round((height * longSide) / Math.max(width, height)) };
    } finally {
      outlines.forEach((o) => o.visible(!!this.options.editing));
      this.transformer.nodes(handles);
    }
  }

  destroy(): void {
    this.stage.destroy();
  }
}

function round(t: Transform): Transform {
  const r = (v: number) => Math.round(v * 10000) / 10000;
  return { x: r(t.x), y: r(t.y), rotation: r(((t.rotation + 540) % 360) - 180), scale: r(t.scale) };
}
