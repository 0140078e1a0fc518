/**
 * The view workspace (STYLE 17, Polotno's workspace): one view of the store drawn on a Konva Stage
 * — its layer images, its print areas as rectangles or ellipses — with a Transformer around the
 * selected area. Pointer gestures become commands through `host`; the stage is rebuilt from the
 * document after each one and never read back as the truth.
 */
import Konva from 'konva/lib/Core';
import { Transformer } from 'konva/lib/shapes/Transformer';
import { Image as KImage } from 'konva/lib/shapes/Image';
import { Rect } from 'konva/lib/shapes/Rect';
import { Text } from 'konva/lib/shapes/Text';
import type { KonvaEventObject } from 'konva/lib/Node';
import { tinted } from '../../render/preview/tint.js';
import type { Doc } from '../store.js';
import type { Box } from '../proportions.js';

export type Tool = 'select' | 'rect' | 'ellipse';

export interface WorkspaceHost {
  select(areaId: string | undefined): void;
  /** An area moved or resized on the stage (view pixels). */
  box(areaId: string, box: Box): void;
  /** A new area drawn with the rect or ellipse tool (view pixels). */
  draw(box: Box, shape: 'rect' | 'ellipse'): void;
  src(url: string): string;
}

const ACCENT = '#1f4fd1';
/** How close (in screen pixels) an edge snaps to the view's edges, centre lines and other areas. */
const SNAP_PX = 8;
const MIN_SIZE = 8;

export class ViewWorkspace {
  readonly stage: Konva.Stage;
  private readonly images = new Konva.Layer({ listening: true });
  private readonly areas = new Konva.Layer();
  private readonly tr: Transformer;
  private readonly cache = new Map<string, HTMLImageElement>();
  private view?: Doc;
  private width = 0;
  private drawnTool?: Tool;
  private selected?: string;
  private scale = 1;
  private drawing?: { x0: number; y0: number; node: Rect };
  tool: Tool = 'select';

  constructor(private readonly container: HTMLDivElement, private readonly host: WorkspaceHost) {
    this.stage = new Konva.Stage({ container, width: container.clientWidth || 600, height: 400 });
    this.tr = new Transformer({ rotateEnabled: false, keepRatio: false, ignoreStroke: true, borderStroke: ACCENT, anchorStroke: ACCENT, anchorSize: 10, flipEnabled: false,
      boundBoxFunc: (old, next) => (next.width < MIN_SIZE || next.height < MIN_SIZE ? old : next) });
    this.areas.add(this.tr);
    this.stage.add(this.images, this.areas);
    this.stage.on('pointerdown', (e) => this.down(e));
    this.stage.on('pointermove', () => this.moveDraw());
    this.stage.on('pointerup', () => this.endDraw());
  }

  destroy(): void {
    this.stage.destroy();
  }

  /**
   * Draws `view` (its layers and areas) at the container's width, `selected` in the Transformer.
   * The same view object (documents are immutable) only moves the selection: a click that selects
   * an area must not rebuild the node the pointer is about to drag.
   */
  render(view: Doc | undefined, selected: string | undefined): void {
    const width = Math.max(200, this.container.clientWidth || 600);
    if (view === this.view && width === this.width && this.tool === this.drawnTool) {
      this.applySelection(selected);
      return;
    }
    this.view = view;
    this.width = width;
    this.drawnTool = this.tool;
    const vw = Number(view?.width) > 0 ? view!.width : 1000;
    const vh = Number(view?.height) > 0 ? view!.height : 1000;
    const maxH = Math.max(240, (globalThis.innerHeight || 800) * 0.72);
    this.scale = Math.min(width / vw, maxH / vh);
    this.stage.size({ width: Math.round(vw * this.scale), height: Math.round(vh * this.scale) });
    for (const l of [this.images, this.areas]) l.scale({ x: this.scale, y: this.scale });
    this.drawImages(view, vw, vh);
    this.drawAreas(view);
    this.applySelection(selected);
  }

  private applySelection(selected: string | undefined): void {
    this.selected = selected;
    let chosen: Konva.Shape | undefined;
    for (const n of this.areas.find<Konva.Shape>('.shape')) {
      const on = n.id() === `area:${selected}`;
      n.setAttrs({ fill: on ? 'rgba(31,79,209,0.18)' : 'rgba(31,79,209,0.10)', dash: on ? [] : [6, 4] });
      if (on) chosen = n;
    }
    this.tr.nodes(chosen ? [chosen] : []);
    this.tr.moveToTop();
    this.areas.batchDraw();
  }

  private drawImages(view: Doc | undefined, vw: number, vh: number): void {
    this.images.destroyChildren();
    this.images.add(new Rect({ x: 0, y: 0, width: vw, height: vh, fill: '#f4f5f7', name: 'backdrop' }));
    for (const layer of Array.isArray(view?.layers) ? view!.layers : []) {
      if (typeof layer?.src !== 'string') continue;
      const url = this.host.src(layer.src);
      let img = this.cache.get(url);
      if (!img) {
        img = new Image();
        // A late load draws the view again (if it is still the one shown).
        img.onload = () => this.view === view && this.drawImages(view, vw, vh);
        img.onerror = () => console.warn(`product-customizer-studio: the layer image ${layer.src} could not be loaded`);
        img.src = url;
        this.cache.set(url, img);
      }
      // Only a decoded image is drawn (Konva throws on a broken one); the others come with their load.
      // A tinted layer is drawn dyed, as the shop's preview draws it (the same recolouring).
      if (img.complete && img.naturalWidth > 0) {
        const image = typeof layer.tint === 'string' && /^#[0-9a-f]{6}$/i.test(layer.tint) ? tinted(img, layer.tint) : img;
        this.images.add(new KImage({ image, x: 0, y: 0, width: vw, height: vh, listening: false }));
      }
    }
    this.images.batchDraw();
  }

  private drawAreas(view: Doc | undefined): void {
    for (const n of this.areas.find('.area')) n.destroy();
    this.tr.nodes([]);
    const list: Doc[] = Array.isArray(view?.areas) ? view!.areas : [];
    for (const a of list) {
      if (!a || typeof a.id !== 'string') continue;
      const ellipse = a.shape === 'ellipse';
      const node = new Konva.Shape({
        name: 'area shape', id: `area:${a.id}`, x: Number(a.x) || 0, y: Number(a.y) || 0, width: Math.max(1, Number(a.width) || 1), height: Math.max(1, Number(a.height) || 1),
        stroke: ACCENT, strokeWidth: 2, strokeScaleEnabled: false,
        draggable: this.tool === 'select',
        sceneFunc: (ctx, shape) => {
          const w = shape.width(), h = shape.height();
          ctx.beginPath();
          if (ellipse) ctx.ellipse(w / 2, h / 2, w / 2, h / 2, 0, 0, Math.PI * 2);
          else ctx.rect(0, 0, w, h);
          ctx.closePath();
          ctx.fillStrokeShape(shape);
        },
      });
      const label = new Text({ name: 'area', text: a.id, x: node.x() + 4 / this.scale, y: node.y() + 4 / this.scale, fontSize: 13 / this.scale, fill: ACCENT, listening: false });
      node.on('pointerdown', (e) => {
        if (this.tool !== 'select') return;
        e.cancelBubble = true;
        if (this.selected !== a.id) this.host.select(a.id);
      });
      node.on('dragmove', () => {
        this.snapMove(node, a.id);
        label.position({ x: node.x() + 4 / this.scale, y: node.y() + 4 / this.scale });
      });
      node.on('dragend', () => this.commit(node, a.id));
      node.on('transformend', () => this.commit(node, a.id));
      this.areas.add(node, label);
    }
  }

  /** The node's box in view pixels (its scale folded into its size), snapped and sent as a command. */
  private commit(node: Konva.Shape, id: string): void {
    let box = { x: node.x(), y: node.y(), width: node.width() * node.scaleX(), height: node.height() * node.scaleY() };
    box = this.snapBox(box, id);
    this.host.box(id, box);
  }

  /** Edges and centres an area snaps to: the view's, and the other areas'. */
  private guides(except: string): { xs: number[]; ys: number[] } {
    const v = this.view;
    const xs = [0, (v?.width ?? 0) / 2, v?.width ?? 0];
    const ys = [0, (v?.height ?? 0) / 2, v?.height ?? 0];
    for (const a of Array.isArray(v?.areas) ? v!.areas : []) {
      if (a?.id === except) continue;
      xs.push(a.x, a.x + a.width / 2, a.x + a.width);
      ys.push(a.y, a.y + a.height / 2, a.y + a.height);
    }
    return { xs, ys };
  }
  private snap1(pos: number, size: number, lines: number[]): number {
    const tol = SNAP_PX / this.scale;
    let best = pos, dist = tol;
    for (const g of lines) {
      for (const [edge, at] of [[pos, g], [pos + size / 2, g - size / 2], [pos + size, g - size]] as const) {
        if (Math.abs(edge - g) < dist) {
          dist = Math.abs(edge - g);
          best = at;
        }
      }
    }
    return best;
  }
  private snapMove(node: Konva.Shape, id: string): void {
    const { xs, ys } = this.guides(id);
    const w = node.width() * node.scaleX(), h = node.height() * node.scaleY();
    node.position({ x: this.snap1(node.x(), w, xs), y: this.snap1(node.y(), h, ys) });
  }
  private snapBox(b: Box, id: string): Box {
    const { xs, ys } = this.guides(id);
    const tol = SNAP_PX / this.scale;
    const near = (v: number, lines: number[]) => lines.reduce((best, g) => (Math.abs(v - g) < Math.abs(v - best) && Math.abs(v - g) < tol ? g : best), v);
    const x0 = near(b.x, xs), x1 = near(b.x + b.width, xs), y0 = near(b.y, ys), y1 = near(b.y + b.height, ys);
    return { x: Math.round(x0), y: Math.round(y0), width: Math.round(x1 - x0), height: Math.round(y1 - y0) };
  }

  private pointer(): { x: number; y: number } | undefined {
    const p = this.stage.getPointerPosition();
    return p ? { x: p.x / this.scale, y: p.y / this.scale } : undefined;
  }
  private down(e: KonvaEventObject<PointerEvent>): void {
    const onArea = e.target !== this.stage && e.target.hasName('area');
    const onHandle = e.target.getParent() === this.tr || e.target === (this.tr as unknown);
    if (onHandle || onArea) return;
    if (this.tool === 'select') {
      this.host.select(undefined);
      return;
    }
    const p = this.pointer();
    if (!p || !this.view) return;
    const node = new Rect({ x: p.x, y: p.y, width: 0, height: 0, stroke: ACCENT, strokeWidth: 2, strokeScaleEnabled: false, dash: [4, 4], cornerRadius: this.tool === 'ellipse' ? 9999 : 0, listening: false });
    this.areas.add(node);
    this.drawing = { x0: p.x, y0: p.y, node };
  }
  private moveDraw(): void {
    const d = this.drawing;
    const p = this.pointer();
    if (!d || !p) return;
    d.node.setAttrs({ x: Math.min(d.x0, p.x), y: Math.min(d.y0, p.y), width: Math.abs(p.x - d.x0), height: Math.abs(p.y - d.y0) });
    this.areas.batchDraw();
  }
  private endDraw(): void {
    const d = this.drawing;
    if (!d) return;
    this.moveDraw();
    this.drawing = undefined;
    const box = { x: d.node.x(), y: d.node.y(), width: d.node.width(), height: d.node.height() };
    d.node.destroy();
    this.areas.batchDraw();
    if (box.width * this.scale >= MIN_SIZE && box.height * this.scale >= MIN_SIZE) this.host.draw(box, this.tool === 'ellipse' ? 'ellipse' : 'rect');
  }
}
