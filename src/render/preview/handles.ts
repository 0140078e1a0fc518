/**
 * Resize and rotate handles for the selected item: a frame around it, four corner handles that
 * scale it about its centre (its ratio kept), and a round handle above it that rotates it, snapping
 * to right angles within 5°. Our own rather than Konva's Transformer (24 KB minified, a third of the
 * drop-in's budget) because we need only this: one node, uniform scale, a scale ceiling (`minDpi`)
 * and a live report while dragging. Handles keep their size on screen whatever the stage's scale,
 * and take a touch-sized hit area.
 */
import { Group, Shape } from '../konva.js';
import type { Context, Layer } from '../konva.js';

const COLOR = '#1f4fd1';
/** On screen, in CSS pixels. */
const SIZE = 12;
const HIT = 28;
const ROTOR_GAP = 28;
const SNAP_DEG = 5;

export interface HandleTarget {
  node: Shape;
  /** The item's scale when the node shows it at node scale 1. */
  scale: number;
  resize: boolean;
  rotate: boolean;
  minScale: number;
  maxScale: number;
}

export interface HandleChange {
  scale: number;
  rotation: number;
}

const corners = [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const;

export class Handles {
  readonly group = new Group({ visible: false, name: 'handles' });
  private readonly frame: Shape;
  private readonly anchors: Shape[];
  private readonly rotor: Shape;
  private target: HandleTarget | null = null;
  private start: { dist: number; scale: number } | null = null;

  constructor(private readonly layer: Layer, private readonly onChange: (change: HandleChange, final: boolean) => void) {
    const px = () => 1 / (this.layer.getStage()?.scaleX() || 1);
    this.frame = new Shape({
      listening: false,
      stroke: COLOR,
      strokeWidth: 1.5,
      strokeScaleEnabled: false,
      sceneFunc: (ctx: Context, shape: Shape) => {
        const { w, h } = this.box();
        ctx.beginPath();
        ctx.rect(-w / 2, -h / 2, w, h);
        if (this.target?.rotate) {
          ctx.moveTo(0, -h / 2);
          ctx.lineTo(0, -h / 2 - ROTOR_GAP * px());
        }
        ctx.strokeShape(shape);
      },
    });
    const handle = (name: string, round: boolean) =>
      new Shape({
        name: `handle ${name}`,
        fill: '#ffffff',
        stroke: COLOR,
        strokeWidth: 1.5,
        strokeScaleEnabled: false,
        draggable: true,
        sceneFunc: (ctx: Context, shape: Shape) => {
          const s = SIZE * px();
          ctx.beginPath();
          if (round) ctx.arc(0, 0, s / 2, 0, Math.PI * 2);
          else ctx.rect(-s / 2, -s / 2, s, s);
          ctx.closePath();
          ctx.fillStrokeShape(shape);
        },
        hitFunc: (ctx: Context, shape: Shape) => {
          const s = HIT * px();
          ctx.beginPath();
          ctx.rect(-s / 2, -s / 2, s, s);
          ctx.closePath();
          ctx.fillStrokeShape(shape);
        },
      });
    this.anchors = corners.map((_, i) => handle(`corner-${i}`, false));
    this.rotor = handle('rotate', true);
    this.group.add(this.frame, ...this.anchors, this.rotor);

    for (const a of this.anchors) {
      // Measured where the pointer went down, not where the drag starts (a few pixels later).
      a.on('pointerdown', () => {
        const t = this.target!;
        this.start = { dist: Math.max(1e-6, this.pointerDistance()), scale: t.scale * t.node.scaleX() };
      });
      a.on('dragmove', () => this.scaleTo(false));
      a.on('dragend', () => this.scaleTo(true));
    }
    this.rotor.on('dragmove', () => this.rotateTo(false));
    this.rotor.on('dragend', () => this.rotateTo(true));
    for (const h of [...this.anchors, this.rotor]) {
      h.on('pointerenter', () => this.setCursor(h === this.rotor ? 'grab' : 'nwse-resize'));
      h.on('pointerleave', () => this.setCursor(''));
    }
  }

  get attached(): Shape | null {
    return this.target?.node ?? null;
  }

  /** Shows the handles around `target`, or hides them. */
  attach(target: HandleTarget | null): void {
    this.target = target;
    this.update();
  }

  /** Lays the handles out around the target as it is now. */
  update(): void {
    const t = this.target;
    const shown = !!t && (t.resize || t.rotate) && !!t.node.getParent() && t.node.isVisible();
    this.group.visible(shown);
    if (!t || !shown) return;
    const { w, h } = this.box();
    this.group.setAttrs({ x: t.node.x(), y: t.node.y(), rotation: t.node.rotation() });
    this.anchors.forEach((a, i) => {
      a.visible(t.resize);
      a.position({ x: (corners[i]![0] * w) / 2, y: (corners[i]![1] * h) / 2 });
    });
    this.rotor.visible(t.rotate);
    this.rotor.position({ x: 0, y: -h / 2 - ROTOR_GAP / (this.layer.getStage()?.scaleX() || 1) });
    this.group.moveToTop();
  }

  private box(): { w: number; h: number } {
    const n = this.target?.node;
    if (!n) return { w: 0, h: 0 };
    return { w: n.width() * Math.abs(n.scaleX()), h: n.height() * Math.abs(n.scaleY()) };
  }

  private pointer(): { x: number; y: number } | null {
    return this.layer.getRelativePointerPosition();
  }

  private pointerDistance(): number {
    const p = this.pointer();
    const n = this.target!.node;
    return p ? Math.hypot(p.x - n.x(), p.y - n.y()) : 0;
  }

  private scaleTo(final: boolean): void {
    const t = this.target;
    if (!t || !this.start) return;
    const scale = Math.min(t.maxScale, Math.max(t.minScale, (this.start.scale * this.pointerDistance()) / this.start.dist));
    t.node.scale({ x: scale / t.scale, y: scale / t.scale });
    this.update();
    this.onChange({ scale, rotation: t.node.rotation() }, final);
    if (final) this.start = null;
  }

  private rotateTo(final: boolean): void {
    const t = this.target;
    const p = this.pointer();
    if (!t || !p) return;
    let deg = (Math.atan2(p.y - t.node.y(), p.x - t.node.x()) * 180) / Math.PI + 90;
    const right = Math.round(deg / 90) * 90;
    if (Math.abs(deg - right) < SNAP_DEG) deg = right;
    deg = ((deg + 540) % 360) - 180;
    t.node.rotation(deg);
    this.update();
    this.onChange({ scale: t.scale * t.node.scaleX(), rotation: deg }, final);
  }

  private setCursor(cursor: string): void {
    const c = this.layer.getStage()?.container();
    if (c) c.style.cursor = cursor;
  }
}
