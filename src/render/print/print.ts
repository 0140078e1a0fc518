/**
 * Print files: each print area with content, drawn from the same `Scene` as the browser preview,
 * at the area's physical size and dpi (12 × 15.5 in at 300 dpi → 3600 × 4650 px), on a transparent
 * background, images from the uploaded bytes at full resolution. Backend-neutral: the caller has
 * plugged Konva into a canvas implementation (src/render/backends/node.ts on the server).
 */
import Konva from 'konva/lib/Core';
import { Image as KImage } from 'konva/lib/shapes/Image';
import { Text as KText } from 'konva/lib/shapes/Text';
import { printInches } from '../../core/index.js';
import type { SceneArea } from '../scene/scene.js';

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
  const group = new Konva.Group({
    listening: false,
    clipFunc: (ctx) => {
      if (area.shape === 'ellipse') ctx.ellipse(width / 2, height / 2, width / 2, height / 2, 0, 0, Math.PI * 2);
      else ctx.rect(0, 0, width, height);
    },
  });
  for (const item of area.items) {
    const x = item.transform.x * width;
    const y = item.transform.y * height;
    if (item.kind === 'text') {
      const node = new KText({
        text: item.text,
        fontFamily: sources.fontFamily(item.font),
        fontSize: item.fontSize * s,
        fill: item.color,
        align: item.align,
        lineHeight: 1.15,
        x,
        y,
        rotation: item.rotation,
      });
      node.offsetX(node.width() / 2);
      node.offsetY(node.height() / 2);
      group.add(node);
    } else {
      const img = sources.asset(item.assetKey);
      if (!img) throw new Error(`print: no image for asset ${item.assetKey}`);
      const fit = Math.min(width / item.naturalWidth, height / item.naturalHeight);
      const w = item.naturalWidth * fit * item.scale;
      const h = item.naturalHeight * fit * item.scale;
      group.add(new KImage({ image: img, x, y, width: w, height: h, offsetX: w / 2, offsetY: h / 2, rotation: item.rotation }));
    }
  }
  const canvas = group.toCanvas({ x: 0, y: 0, width, height, pixelRatio: 1 });
  group.destroy();
  return { canvas, width, height, dpi: area.print.dpi * scale };
}

export interface MockupSources extends PrintSources {
  layer(src: string): CanvasImageSource | undefined;
}

/**
 * The whole view as the shopper saw it (tinted layers, then each area's items), `width` pixels wide.
 * Areas draw as the browser preview draws them; `blend: multiply` is not applied yet in either.
 */
export function drawMockup(scene: import('../scene/scene.js').Scene, sources: MockupSources, width: number, tint: (img: CanvasImageSource, color: string) => CanvasImageSource): PrintCanvas {
  const { width: vw, height: vh } = scene.view;
  const root = new Konva.Group({ listening: false });
  for (const l of scene.layers) {
    const img = sources.layer(l.src);
    if (img) root.add(new KImage({ image: l.tint ? tint(img, l.tint) : img, width: vw, height: vh }));
  }
  for (const area of scene.areas) {
    const g = new Konva.Group({
      clipFunc: (ctx) => {
        if (area.shape === 'ellipse') ctx.ellipse(area.x + area.width / 2, area.y + area.height / 2, area.width / 2, area.height / 2, 0, 0, Math.PI * 2);
        else ctx.rect(area.x, area.y, area.width, area.height);
      },
    });
    for (const item of area.items) {
      if (item.kind === 'text') {
        const node = new KText({ text: item.text, fontFamily: sources.fontFamily(item.font), fontSize: item.fontSize, fill: item.color, align: item.align, lineHeight: 1.15, x: item.x, y: item.y, rotation: item.rotation });
        node.offsetX(node.width() / 2);
        node.offsetY(node.height() / 2);
        g.add(node);
      } else {
        const img = sources.asset(item.assetKey);
        if (img) g.add(new KImage({ image: img, x: item.x, y: item.y, width: item.width, height: item.height, offsetX: item.width / 2, offsetY: item.height / 2, rotation: item.rotation }));
      }
    }
    root.add(g);
  }
  const ratio = width / vw;
  const canvas = root.toCanvas({ x: 0, y: 0, width: vw, height: vh, pixelRatio: ratio });
  root.destroy();
  return { canvas, width: Math.round(vw * ratio), height: Math.round(vh * ratio), dpi: 0 };
}
