/**
 * Resize and rotate handles for the selected item: a frame around it, four corner handles that
 * scale it about its centre (its ratio kept), and a round handle above it that rotates it, snapping
 * to right angles within 5°. Our own rather than Konva's Transformer (24 KB minified, a third of the
 * drop-in's budget) because we need only this: one node, uniform scale, a scale ceiling (`minDpi`)
 * and a live report while dragging. Handles keep their size on screen whatever the stage's scale,
 * and take a touch-sized hit area.
 */
import { Group, Shape } from '../konva.js';
import type { Context } from '../konva.js';

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

export type HandleKind = 'scale' | 'rotate';

/** Where a point is, in view pixels (the layer's units). */
export interface Point {
  x: number;
  y: number;
}

export class Handles {
  readonly group = new Group({ visible: false, name: 'handles' });
  private readonly frame: Shape;
  private readonly anchors: Shape[];
  private readonly rotor: Shape;
  private target: HandleTarget | null = null;
  private start: { dist: number; scale: number } | null = null;

  /** `px()`: one CSS pixel in view pixels. */
  constructor(private readonly px: () => number, private readonly onChange: (change: HandleChange) => void) {
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
          ctx.lineTo(0, -h / 2 - ROTOR_GAP * this.px());
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
        sceneFunc: (ctx: Context, shape: Shape) => {
          const s = SIZE * this.px();
          ctx.beginPath();
          if (round) ctx.arc(0, 0, s / 2, 0, Math.PI * 2);
          else ctx.rect(-s / 2, -s / 2, s, s);
          ctx.closePath();
          ctx.fillStrokeShape(shape);
        },
        hitFunc: (ctx: Context, shape: Shape) => {
          const s = HIT * this.px();
          ctx.beginPath();
          ctx.rect(-s / 2, -s / 2, s, s);
          ctx.closePath();
          ctx.fillStrokeShape(shape);
        },
      });
    this.anchors = corners.map((_, i) => handle(`corner-${i}`, false));
    this.rotor = handle('rotate', true);
    this.group.add(this.frame, ...this.anchors, this.rotor);
  }

  get attached(): Shape | null {
    return this.target?.node ?? null;
  }

  /** What a handle shape does, or null for any other shape. */
  kindOf(shape: Shape | null): HandleKind | null {
    if (!shape || !this.group.isVisible()) return null;
    return shape === this.rotor ? 'rotate' : this.anchors.includes(shape) ? 'scale' : null;
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
    this.rotor.position({ x: 0, y: -h / 2 - ROTOR_GAP * this.px() });
    this.group.moveToTop();
  }

  /** A drag on a handle starts at `at` (measured where the pointer went down). */
  begin(at: Point): void {
    const t = this.target;
    if (t) this.start = { dist: Math.max(1e-6, this.distance(at)), scale: t.scale * t.node.scaleX() };
  }

  /** The pointer of a handle drag is at `at`; `final` when it is let go. */
  drag(kind: HandleKind, at: Point, final: boolean): void {
    const t = this.target;
    if (!t) return;
    if (kind === 'scale') {
      if (!this.start) return;
      const scale = Math.min(t.maxScale, Math.max(t.minScale, (this.start.scale * this.distance(at)) / this.start.dist));
      t.node.scale({ x: scale / t.scale, y: scale / t.scale });
      this.onChange({ scale, rotation: t.node.rotation() });
    } else {
      let deg = (Math.atan2(at.y - t.node.y(), at.x - t.node.x()) * 180) / Math.PI + 90;
      const right = Math.round(deg / 90) * 90;
      if (Math.abs(deg - right) < SNAP_DEG) deg = right;
      deg = ((deg + 540) % 360) - 180;
      t.node.rotation(deg);
      this.onChange({ scale: t.scale * t.node.scaleX(), rotation: deg });
    }
    if (final) this.start = null;
    this.update();
  }

  private box(): { w: number; h: number } {
    const n = this.target?.node;
    if (!n) return { w: 0, h: 0 };
    return { w: n.width() * Math.abs(n.scaleX()), h: n.height() * Math.abs(n.scaleY()) };
  }

  private distance(at: Point): number {
    const n = this.target!.node;
    return Math.hypot(at.x - n.x(), at.y - n.y());
  }
}
