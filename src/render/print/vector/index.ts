/**
 * Vector print files (PDF and SVG) of a scene's print area: the page from `page.ts`, the fonts
 * from `fonts.ts`, the images from `images.ts`, written by `pdf.ts` or `svg.ts`. Server-only
 * (fontkit and pdf-lib, imported on the first PDF or SVG request: ./peers.ts; @napi-rs/canvas;
 * fontconfig for the fallback font: ./system-font.ts).
 */
import type * as NapiCanvas from '@napi-rs/canvas';
import type { SceneArea, SceneText } from '../../scene/scene.js';
import { outlineFonts } from './fonts.js';
import type { FontSource } from './fonts.js';
import { embeddable } from './images.js';
import type { Embeddable } from './images.js';
import { vectorPage } from './page.js';
import type { VectorPage } from './page.js';
import { pagePdf } from './pdf.js';
import { pageSvg } from './svg.js';

export { VectorFontError } from './errors.js';
export { fontFileOf } from './fonts.js';
export type { FontSource } from './fonts.js';
export { systemSansSerif } from './system-font.js';
export type { VectorPage } from './page.js';

export type VectorFormat = 'pdf' | 'svg';

export interface VectorInputs {
  /** The file a text's font is drawn with in the raster print (registered with the canvas under `fontFamily(font)`). */
  fontSource(font: string | null): FontSource | undefined;
  /** The CSS family string the raster print draws a text's font with (the layout is measured with it). */
  fontFamily(font: string | null): string;
  /** An uploaded file's bytes by asset key. */
  upload(key: string): Uint8Array | undefined;
  /** Called between steps: throws to stop (an aborted signal). */
  check(): void;
  /** The loaded @napi-rs/canvas, to decode the images a vector file cannot embed as they are. */
  canvas: typeof NapiCanvas;
}

/** Writes the areas as vector files, in order; fonts and images are read once for all of them. */
export async function renderVector(areas: readonly SceneArea[], inputs: VectorInputs, format: VectorFormat): Promise<{ page: VectorPage; bytes: Uint8Array }[]> {
  const texts = areas.flatMap((a) => a.items.filter((i): i is SceneText => i.kind === 'text'));
  const outlines = await outlineFonts(texts, inputs.fontSource);
  const images = new Map<string, Embeddable>();
  for (const a of areas) {
    for (const item of a.items) {
      if (item.kind !== 'image' || images.has(item.assetKey)) continue;
      const bytes = inputs.upload(item.assetKey);
      if (!bytes) throw new Error(`vector print: no uploaded file for asset ${item.assetKey}`);
      images.set(item.assetKey, await embeddable(bytes, item.assetKey, inputs.canvas));
      inputs.check();
    }
  }
  const image = (key: string) => images.get(key)!;
  const out = [];
  for (const area of areas) {
    inputs.check();
    const page = vectorPage(area, { fontFamily: inputs.fontFamily, outlines });
    out.push({ page, bytes: format === 'pdf' ? await pagePdf(page, image) : pageSvg(page, image) });
  }
  return out;
}
