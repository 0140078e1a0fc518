/**
 * Recolours a product photo as a dye would: each pixel's colour is multiplied by the tint, so
 * shading and folds stay (white becomes the tint, greys become darker tint) and the photo's alpha
 * is kept. Drawn once per (image, colour) onto an offscreen canvas and cached.
 */
import Konva from 'konva/lib/Core';

const cache = new WeakMap<object, Map<string, HTMLCanvasElement>>();

function sizeOf(img: CanvasImageSource): { w: number; h: number } {
  const any = img as { naturalWidth?: number; naturalHeight?: number; width?: number | { baseVal: { value: number } }; height?: number | { baseVal: { value: number } } };
  const w = any.naturalWidth || (typeof any.width === 'number' ? any.width : 0);
  const h = any.naturalHeight || (typeof any.height === 'number' ? any.height : 0);
  return { w, h };
}

export function tinted(img: CanvasImageSource, color: string): HTMLCanvasElement {
  let byColor = cache.get(img as object);
  if (!byColor) cache.set(img as object, (byColor = new Map()));
  const hit = byColor.get(color);
  if (hit) return hit;
  const { w, h } = sizeOf(img);
  const canvas = Konva.Util.createCanvasElement();
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(img, 0, 0, w, h);
  ctx.globalCompositeOperation = 'multiply';
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, w, h);
  // Multiply painted the transparent surroundings too: keep only where the photo is.
  ctx.globalCompositeOperation = 'destination-in';
  ctx.drawImage(img, 0, 0, w, h);
  byColor.set(color, canvas);
  return canvas;
}
