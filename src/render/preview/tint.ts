/**
 * Recolours a product photo as a dye would: each pixel's colour is multiplied by the tint, so
 * shading and folds stay (white becomes the tint, greys a darker tint) and the photo's alpha is
 * kept. A photo with an opaque backdrop (a studio shot saved as RGB) is keyed: the backdrop colour
 * is sampled from the corners and pixels close to it stay as they are, with a soft edge, so only
 * the product takes the colour. Drawn once per (image, colour) on an offscreen canvas and cached;
 * it uses Konva's canvas factory, so the print renderer's Node backend draws mockups the same way.
 */
import { Util } from '../konva.js';

const cache = new WeakMap<object, Map<string, HTMLCanvasElement>>();

/** Colour distance (0–441) below which a pixel is backdrop, and above which it is product. */
const KEY_NEAR = 18;
const KEY_FAR = 48;
const FAR2 = KEY_FAR * KEY_FAR;
const NEAR2 = KEY_NEAR * KEY_NEAR;

function sizeOf(img: CanvasImageSource): { w: number; h: number } {
  const any = img as { naturalWidth?: number; naturalHeight?: number; width?: unknown; height?: unknown };
  return {
    w: any.naturalWidth || (typeof any.width === 'number' ? any.width : 0),
    h: any.naturalHeight || (typeof any.height === 'number' ? any.height : 0),
  };
}

/** The backdrop colour if every corner is opaque and alike, else undefined (a cut-out photo). */
function backdrop(d: Uint8ClampedArray, w: number, h: number): [number, number, number] | undefined {
  const corners = [0, w - 1, (h - 1) * w, h * w - 1].map((i) => [d[i * 4]!, d[i * 4 + 1]!, d[i * 4 + 2]!, d[i * 4 + 3]!]);
  if (corners.some((c) => c[3]! < 250)) return undefined;
  const avg = [0, 1, 2].map((k) => corners.reduce((s, c) => s + c[k]!, 0) / 4) as [number, number, number];
  if (corners.some((c) => Math.hypot(c[0]! - avg[0], c[1]! - avg[1], c[2]! - avg[2]) > KEY_FAR)) return undefined;
  return avg;
}

/**
 * `img` dyed `color`. White (#ffffff) is the identity of a multiply: the photo itself is returned,
 * with no pixel read back (the default colour of most garments; the storefront profile found the
 * per-pixel loop was the heaviest task of a product page's load).
 */
export function tinted(img: CanvasImageSource, color: string): CanvasImageSource {
  if (/^#f{6}$/i.test(color)) return img;
  let byColor = cache.get(img as object);
  if (!byColor) cache.set(img as object, (byColor = new Map()));
  const hit = byColor.get(color);
  if (hit) return hit;
  const { w, h } = sizeOf(img);
  const canvas = Util.createCanvasElement();
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true } as CanvasRenderingContext2DSettings)!;
  ctx.drawImage(img, 0, 0, w, h);
  const image = ctx.getImageData(0, 0, w, h);
  const d = image.data;
  const tr = parseInt(color.slice(1, 3), 16) / 255;
  const tg = parseInt(color.slice(3, 5), 16) / 255;
  const tb = parseInt(color.slice(5, 7), 16) / 255;
  const bg = backdrop(d, w, h);
  for (let i = 0; i < d.length; i += 4) {
    const r = d[i]!;
    const g = d[i + 1]!;
    const b = d[i + 2]!;
    let k = 1;
    if (bg) {
      // Squared distances decide the common cases without a square root.
      const d2 = (r - bg[0]) ** 2 + (g - bg[1]) ** 2 + (b - bg[2]) ** 2;
      if (d2 <= NEAR2) k = 0;
      else if (d2 < FAR2) k = (Math.sqrt(d2) - KEY_NEAR) / (KEY_FAR - KEY_NEAR);
    }
    d[i] = r + (r * tr - r) * k;
    d[i + 1] = g + (g * tg - g) * k;
    d[i + 2] = b + (b * tb - b) * k;
  }
  ctx.putImageData(image, 0, 0);
  byColor.set(color, canvas);
  return canvas;
}
