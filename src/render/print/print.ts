/**
 * Print files: each print area with content, drawn from the same `Scene` as the browser preview,
 * at the area's physical size and dpi (12 × 15.5 in at 300 dpi → 3600 × 4650 px), on a transparent
 * background, images from the uploaded bytes at full resolution. Backend-neutral: the caller has
 * plugged Konva into a canvas implementation (src/render/backends/node.ts on the server).
 */
import { Group, Shape } from '../konva.js';
import { printInches } from '../../core/index.js';
import type { Scene, SceneArea } from '../scene/scene.js';
import { areaGroup, beneath, imageShape, itemShape, layerImages } from '../shapes.js';

export interface PrintSources {
  asset(key: string): CanvasImageSource | undefined;
  fontFamily(font: string | null): string;
}

export interface PrintCanvas {
  canvas: HTMLCanvasElement;
  width: number;
  height: number;
  dpi: number;
}

/** Pixel size of an area's print file. */
export function printPixels(area: Pick<SceneArea, 'print'>): { width: number; height: number } {
  const inches = printInches(area as Parameters<typeof printInches>[0]);
  return { width: Math.round(inches.width * area.print.dpi), height: Math.round(inches.height * area.print.dpi) };
}

/**
 * Draws one area's items at print resolution. Positions map by fraction of the area (as the
 * transform is defined); an image's size follows the core's dpi definition exactly (contain-fit
 * in the print size, times scale); a text's size scales from view to print pixels.
 */
export function drawArea(area: SceneArea, sources: PrintSources, scale = 1): PrintCanvas {
  const full = printPixels(area);
  const width = Math.max(1, Math.round(full.width * scale));
  const height = Math.max(1, Math.round(full.height * scale));
  const sx = width / area.width;
  const sy = height / area.height;
  const s = Math.min(sx, sy);
  // A detached group drawn straight to a canvas: no stage, no hit canvas (half the memory at print size).
  const group = areaGroup(new Group({ listening: false }), { shape: area.shape, blend: 'normal' }, 0, 0, width, height);
  for (const item of area.items) {
    const box = { x: item.transform.x * width, y: item.transform.y * height, width: 0, height: 0, fontSize: 0 };
    if (item.kind === 'text') box.fontSize = item.fontSize * s;
    else {
      const fit = Math.min(width / item.naturalWidth, height / item.naturalHeight);
      box.width = item.naturalWidth * fit * item.scale;
      box.height = item.naturalHeight * fit * item.scale;
    }
    const node = itemShape(item, box, sources);
    if (!node) throw new Error(`print: no image for asset ${(item as { assetKey: string }).assetKey}`);
    group.add(node);
  }
  const canvas = group.toCanvas({ x: 0, y: 0, width, height, pixelRatio: 1 });
  group.destroy();
  return { canvas, width, height, dpi: area.print.dpi * scale };
}

export interface MockupSources extends PrintSources {
  layer(src: string): CanvasImageSource | undefined;
}

/**
 * The whole view as the shopper saw it, `width` pixels wide, drawn as the browser preview draws it:
 * the tinted layers, then, on a canvas of their own above them, each area's design with its blend
 * (src/render/shapes.ts: `beneath` and `areaGroup`, the preview's code).
 */
export function drawMockup(scene: Scene, sources: MockupSources, width: number, tint: (img: CanvasImageSource, color: string) => CanvasImageSource): PrintCanvas {
  const { width: vw, height: vh } = scene.view;
  const root = new Group({ listening: false });
  const photos = layerImages(scene.layers, (src) => sources.layer(src), tint);
  for (const image of photos) root.add(imageShape({ image, width: vw, height: vh }));
  // The preview's front layer: composed on its own, then laid over the photos.
  const front = new Group({ isolated: true });
  for (const area of scene.areas) {
    const g = areaGroup(new Group(), area, area.x, area.y, area.width, area.height);
    for (const item of area.items) {
      const box = item.kind === 'text' ? { x: item.x, y: item.y, width: 0, height: 0, fontSize: item.fontSize } : { x: item.x, y: item.y, width: item.width, height: item.height, fontSize: 0 };
      const node = itemShape(item, box, sources);
      if (node) g.add(node);
    }
    front.add(beneath(new Shape(), area, photos, vw, vh), g);
  }
  root.add(front);
  const ratio = width / vw;
  const canvas = root.toCanvas({ x: 0, y: 0, width: vw, height: vh, pixelRatio: ratio });
  root.destroy();
  return { canvas, width: Math.round(vw * ratio), height: Math.round(vh * ratio), dpi: 0 };
}
