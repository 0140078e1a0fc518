/**
 * The shapes every renderer draws a scene with (the browser preview, the print files and the
 * mockups on the server), so a text or an image looks the same in all three:
 * - an image: its `image` attribute drawn over the shape's size (Konva's Image class does more
 *   than we need: loading, cropping, corner radius);
 * - a text block: one `fillText` per line, aligned in the block's width, the alphabetic baseline
 *   centred in each 1.15-em line box (Konva's own text rendering, without its 11 KB Text class:
 *   the scene has already split the lines and we never wrap), hit-tested as its whole box so a
 *   thin letter is easy to grab;
 * - an area's content and its blend: `multiply` makes a print sit in the fabric by multiplying it
 *   with the product photo as photographed, before any tint (a white garment's folds and light),
 *   inside the print's own pixels only. A print on a black tee stays visible, as ink on a black tee
 *   does; on a white tee it picks up the folds.
 */
import { Group, Shape, Util } from './konva.js';
import type { Context } from './konva.js';
import type { SceneArea, SceneItem, SceneText } from './scene/scene.js';

export const LINE_HEIGHT = 1.15;

export interface ShapeSources {
  asset(key: string): CanvasImageSource | undefined;
  fontFamily(font: string | null): string;
}

export interface TextLayout {
  font: string;
  widths: number[];
  width: number;
  height: number;
  lineHeight: number;
  /** From the top of a line box to its alphabetic baseline. */
  baseline: number;
}

let measurer: CanvasRenderingContext2D | undefined;

export function layoutText(lines: readonly string[], fontFamily: string, fontSize: number): TextLayout {
  // Made on first use, through Konva's canvas factory (the Node backend plugs in before any draw).
  const ctx = (measurer ??= Util.createCanvasElement().getContext('2d')!);
  const font = `${fontSize}px ${fontFamily}`;
  ctx.font = font;
  const widths = lines.map((l) => ctx.measureText(l).width);
  const m = ctx.measureText('M');
  const ascent = m.fontBoundingBoxAscent ?? m.actualBoundingBoxAscent;
  const descent = m.fontBoundingBoxDescent ?? m.actualBoundingBoxDescent;
  const lineHeight = fontSize * LINE_HEIGHT;
  return { font, widths, width: Math.max(0, ...widths), height: lineHeight * lines.length, lineHeight, baseline: (ascent - descent) / 2 + lineHeight / 2 };
}

/** Makes `node` draw `text` as a block centred on the node's position, `fontSize` in the node's units. */
export function setText(node: Shape, text: Pick<SceneText, 'lines' | 'color' | 'align'>, fontFamily: string, fontSize: number): Shape {
  const L = layoutText(text.lines, fontFamily, fontSize);
  return node.setAttrs({
    width: L.width,
    height: L.height,
    offsetX: L.width / 2,
    offsetY: L.height / 2,
    fill: text.color,
    sceneFunc: (ctx: Context) => {
      ctx.setAttr('font', L.font);
      ctx.setAttr('textBaseline', 'alphabetic');
      ctx.setAttr('textAlign', 'left');
      ctx.setAttr('fillStyle', text.color);
      text.lines.forEach((line, i) => {
        const free = L.width - L.widths[i]!;
        ctx.fillText(line, text.align === 'right' ? free : text.align === 'center' ? free / 2 : 0, L.baseline + i * L.lineHeight);
      });
    },
    hitFunc: hitBox,
  });
}

/** Hit-tests a shape as its whole box. */
function hitBox(ctx: Context, shape: Shape): void {
  ctx.beginPath();
  ctx.rect(0, 0, shape.width(), shape.height());
  ctx.closePath();
  ctx.fillStrokeShape(shape);
}

/** A shape that draws `attrs.image` (a decoded image or canvas, or nothing yet) over its width and height. */
export function imageShape(attrs: Record<string, unknown>): Shape {
  return new Shape({
    ...attrs,
    pcImage: true,
    sceneFunc: (ctx: Context, shape: Shape) => {
      const image = shape.getAttr('image') as CanvasImageSource | undefined;
      if (image) ctx.drawImage(image, 0, 0, shape.width(), shape.height());
    },
    hitFunc: hitBox,
  });
}

/** Where and how big one item is drawn, in the units of the group it goes in. */
export interface ItemBox {
  x: number;
  y: number;
  /** An image's drawn size. */
  width: number;
  height: number;
  fontSize: number;
}

/** A new shape for `item` at `box`, or null for an image whose pixels are not at hand. */
export function itemShape(item: SceneItem, box: ItemBox, sources: ShapeSources): Shape | null {
  const common = { x: box.x, y: box.y, rotation: item.rotation, listening: false };
  if (item.kind === 'text') return setText(new Shape(common), item, sources.fontFamily(item.font), box.fontSize);
  const image = sources.asset(item.assetKey);
  if (!image) return null;
  return imageShape({ ...common, image, width: box.width, height: box.height, offsetX: box.width / 2, offsetY: box.height / 2 });
}

/** The clip of an area whose box is `x, y, width, height` in the group's units. */
export function areaClip(shape: SceneArea['shape'], x: number, y: number, width: number, height: number) {
  return (ctx: Context) => {
    if (shape === 'ellipse') ctx.ellipse(x + width / 2, y + height / 2, width / 2, height / 2, 0, 0, Math.PI * 2);
    else ctx.rect(x, y, width, height);
  };
}

const BLEND_PARTS = ['blend-shade', 'blend-mask'];

/**
 * Gives an area group its blend. For `multiply`: the group is isolated (composited on its own
 * buffer), and after its items come the shading (the untinted product photo, `shading` drawn over
 * `width × height`, multiplied in) and a mask (the items again, `destination-in`) that keeps the
 * result to the items' own pixels. Call again after adding or moving items: the two stay on top.
 */
export function applyBlend(group: Group, blend: SceneArea['blend'], shading: readonly CanvasImageSource[], width: number, height: number): void {
  const parts = BLEND_PARTS.map((name) => group.findOne<Shape>(`.${name}`));
  if (blend !== 'multiply' || !shading.length) {
    parts.forEach((p) => p?.destroy());
    group.isolated(false);
    return;
  }
  group.isolated(true);
  const [shade, mask] = parts.map(
    (p, i) => p ?? new Shape({ name: BLEND_PARTS[i], listening: false, globalCompositeOperation: i === 0 ? 'multiply' : 'destination-in' }),
  ) as [Shape, Shape];
  shade.setAttrs({
    width,
    height,
    sceneFunc: (ctx: Context) => shading.forEach((img) => ctx.drawImage(img, 0, 0, width, height)),
  });
  mask.setAttrs({
    width,
    height,
    sceneFunc: (ctx: Context) => {
      for (const n of group.getChildren()) {
        if (!(n instanceof Shape) || !n.isVisible() || BLEND_PARTS.some((b) => n.hasName(b)) || n.hasName('outline')) continue;
        ctx.save();
        ctx.transform(...(n.getTransform().getMatrix() as [number, number, number, number, number, number]));
        n.getSceneFunc().call(n, ctx, n);
        ctx.restore();
      }
    },
  });
  if (!shade.getParent()) group.add(shade, mask);
  shade.moveToTop();
  mask.moveToTop();
}
