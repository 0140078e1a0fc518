/**
 * The shapes every renderer draws a scene with (the browser preview, the print files and the
 * mockups on the server), so a text or an image looks the same in all three:
 * - an image: its `image` attribute drawn over the shape's size (Konva's Image class does more
 *   than we need: loading, cropping, corner radius);
 * - a text block: one `fillText` per line, aligned in the block's width, the alphabetic baseline
 *   centred in each 1.15-em line box (Konva's own text rendering, without its 11 KB Text class:
 *   the scene has already split the lines and we never wrap), hit-tested as its whole box so a
 *   thin letter is easy to grab; a curved text (`curve` degrees) one `fillText` per grapheme, placed
 *   and turned along the arc that src/render/scene/curve.ts lays out, its box the curved glyphs' box;
 * - an area's content and its blend (SPEC §8): the area's whole design is composed first, clipped
 *   to the area; `multiply` then multiplies that one image with the product as drawn beneath it
 *   (tints included), so a print takes the fabric's folds and colour, and an empty area changes no
 *   pixel.
 */
import { Group, Shape, Util } from './konva.js';
import type { Context } from './konva.js';
import type { SceneArea, SceneItem, SceneLayer, SceneText } from './scene/scene.js';
import { graphemesOf, layoutTextOnArc } from './scene/curve.js';

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

export interface CurvedLayout extends TextLayout {
  /** Per line, per grapheme: the grapheme, its pen origin in the block's own coordinates (its box's
   *  top-left at 0, 0; `width` and `height` are the box's) and its turn in radians, clockwise. */
  glyphs: { text: string; x: number; y: number; rotation: number }[][];
  /** The corners of every glyph's line box, in the same coordinates: what has to fit the area. */
  corners: { x: number; y: number }[];
}

/**
 * A text bent along its arc, measured with the font `layoutText` uses: a grapheme's advance is how
 * much the pair it ends grows with it (kerning kept, the line as long as straight), laid out by
 * `layoutTextOnArc` with the straight text's line boxes (so the box does not jump at curve 0) and
 * the font's capital height ('H').
 */
export function layoutCurvedText(text: Pick<SceneText, 'lines' | 'align' | 'curve'>, fontFamily: string, fontSize: number): CurvedLayout {
  const L = layoutText(text.lines, fontFamily, fontSize);
  const graphemes = text.lines.map(graphemesOf);
  const w = (s: string) => measurer!.measureText(s).width;
  // A grapheme's advance with the kerning after its neighbour: w(pair) − w(neighbour), in linear time.
  const advances = graphemes.map((line) => line.map((g, i) => (i ? w(line[i - 1]! + g) - w(line[i - 1]!) : w(g))));
  const capHeight = measurer!.measureText('H').actualBoundingBoxAscent;
  const arc = layoutTextOnArc({ lines: advances, curve: text.curve, lineHeight: L.lineHeight, align: text.align, above: L.baseline, below: L.lineHeight - L.baseline, capHeight });
  const { x, y, width, height } = arc.box;
  return {
    ...L,
    width,
    height,
    glyphs: arc.glyphs.map((line, i) => line.map((g, j) => ({ text: graphemes[i]![j]!, x: g.x - x, y: g.y - y, rotation: g.rotation }))),
    corners: arc.corners.map((p) => ({ x: p.x - x, y: p.y - y })),
  };
}

/** Makes `node` draw `text` as a block centred on the node's position, `fontSize` in the node's units. */
export function setText(node: Shape, text: Pick<SceneText, 'lines' | 'color' | 'align'> & { curve?: number }, fontFamily: string, fontSize: number): Shape {
  const curved = text.curve ? layoutCurvedText(text as SceneText, fontFamily, fontSize) : undefined;
  const L = curved ?? layoutText(text.lines, fontFamily, fontSize);
  return node.setAttrs({
    width: L.width,
    height: L.height,
    offsetX: L.width / 2,
    offsetY: L.height / 2,
    fill: text.color,
    // Read by the preview's "will be cut off" check: the glyphs, not the corners of the arc's box.
    pcCorners: curved?.corners,
    sceneFunc: (ctx: Context) => {
      ctx.setAttr('font', L.font);
      ctx.setAttr('textBaseline', 'alphabetic');
      ctx.setAttr('textAlign', 'left');
      ctx.setAttr('fillStyle', text.color);
      if (curved) {
        for (const g of curved.glyphs.flat()) {
          ctx.save();
          ctx.translate(g.x, g.y);
          ctx.rotate(g.rotation);
          ctx.fillText(g.text, 0, 0);
          ctx.restore();
        }
        return;
      }
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

/** The product photos of a scene as drawn beneath its areas, bottom first: each loaded layer, tinted when it has a tint. */
export function layerImages(
  layers: readonly SceneLayer[],
  layer: (src: string) => CanvasImageSource | undefined,
  tint: (img: CanvasImageSource, color: string) => CanvasImageSource,
): CanvasImageSource[] {
  const out: CanvasImageSource[] = [];
  for (const l of layers) {
    const img = layer(l.src);
    if (img) out.push(l.tint ? tint(img, l.tint) : img);
  }
  return out;
}

/**
 * Makes `group` the one an area's items go in (`x, y, width, height` is the area's box in the
 * group's units): clipped to the area's shape, the items composed on their own, bottom first. With
 * `multiply` the group is isolated (Konva composes its children into one image first) and that
 * image is multiplied once with whatever is drawn beneath the group: a transparent design pixel
 * changes nothing, so an empty area changes no pixel. Call again when the area changes.
 */
export function areaGroup(group: Group, area: Pick<SceneArea, 'shape' | 'blend'>, x: number, y: number, width: number, height: number): Group {
  const multiply = area.blend === 'multiply';
  group.setAttrs({ clipFunc: areaClip(area.shape, x, y, width, height), isolated: multiply, globalCompositeOperation: multiply ? 'multiply' : 'source-over' });
  // The isolation buffer is the children's bounds: an empty shape over the area makes it the whole
  // area, so a glyph reaching outside its measured box is composed (and clipped) as in `normal`.
  let bounds = group.findOne<Shape>('.bounds');
  if (!multiply) bounds?.destroy();
  else {
    bounds ??= new Shape({ name: 'bounds', listening: false, sceneFunc: () => {} });
    bounds.setAttrs({ x, y, width, height });
    if (!bounds.getParent()) group.add(bounds);
  }
  return group;
}

/**
 * What lies beneath a `multiply` area, for a canvas of its own above the product photos (the
 * preview's front layer; the mockup draws the same way): the photos as drawn beneath, inside the
 * area, shown only while the area has items. The area's group, drawn after it, multiplies into it;
 * where the photos are opaque the result is exactly the blend on the photos' own pixels.
 */
export function beneath(node: Shape, area: SceneArea, photos: readonly CanvasImageSource[], width: number, height: number): Shape {
  return node.setAttrs({
    // Its box is the view's (what it may draw on), so a buffer around it holds all it draws.
    width,
    height,
    listening: false,
    visible: area.blend === 'multiply' && area.items.length > 0,
    sceneFunc: (ctx: Context) => {
      ctx.beginPath();
      areaClip(area.shape, area.x, area.y, area.width, area.height)(ctx);
      ctx.clip();
      for (const img of photos) ctx.drawImage(img, 0, 0, width, height);
    },
  });
}
