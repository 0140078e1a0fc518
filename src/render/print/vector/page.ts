/**
 * One print area of a scene as a vector page: the clip of the area's shape, then its items in the
 * scene's order (which decides the stacking), each already placed in page coordinates. The units are
 * print pixels at the area's dpi (the page is `inches × dpi` of them, unrounded), and every
 * placement follows the raster print's (src/render/print/print.ts `drawArea`): positions by fraction
 * of the area, an image contain-fitted in the print size times its scale, a text's size scaled from
 * view to print pixels, rotations about the item's centre.
 */
import type { Font } from 'fontkit';
import { printInches } from '../../../core/index.js';
import type { SceneArea, SceneText } from '../../scene/scene.js';
import { textBlock } from './glyphs.js';
import { apply, chain, placed, scale } from './path.js';
import type { Matrix, Seg } from './path.js';
import { printMm } from './size.js';

export interface VectorSources {
  /** The CSS family the raster print draws `font` with (the layout is measured with it). */
  fontFamily(font: string | null): string;
  /** The font file a text's glyph outlines come from; throws `VectorFontError` when there is none. */
  outlines(text: SceneText): Font;
}

export type PageItem =
  | { kind: 'path'; component: string; fill: string; segs: Seg[] }
  /** `matrix` maps the image's own pixels (0..width, 0..height) onto the page. */
  | { kind: 'image'; component: string; key: string; width: number; height: number; matrix: Matrix };

export interface VectorPage {
  /** "view.area" */
  area: string;
  /** Page size in print pixels at `dpi`. */
  width: number;
  height: number;
  dpi: number;
  widthMm: number;
  heightMm: number;
  shape: SceneArea['shape'];
  items: PageItem[];
}

export function vectorPage(area: SceneArea, sources: VectorSources): VectorPage {
  const inches = printInches(area as Parameters<typeof printInches>[0]);
  const width = inches.width * area.print.dpi;
  const height = inches.height * area.print.dpi;
  const s = Math.min(width / area.width, height / area.height);
  const items: PageItem[] = area.items.map((item): PageItem => {
    const x = item.transform.x * width;
    const y = item.transform.y * height;
    if (item.kind === 'text') {
      const block = textBlock(item, sources.outlines(item), sources.fontFamily(item.font), item.fontSize * s);
      return { kind: 'path', component: item.component, fill: item.color, segs: apply(placed(x, y, item.rotation, block.width, block.height), block.segs) };
    }
    const fit = Math.min(width / item.naturalWidth, height / item.naturalHeight);
    const w = item.naturalWidth * fit * item.scale;
    const h = item.naturalHeight * fit * item.scale;
    const matrix = chain(placed(x, y, item.rotation, w, h), scale(w / item.naturalWidth, h / item.naturalHeight));
    return { kind: 'image', component: item.component, key: item.assetKey, width: item.naturalWidth, height: item.naturalHeight, matrix };
  });
  const mm = printMm(area.print);
  return { area: area.key, width, height, dpi: area.print.dpi, widthMm: mm.width, heightMm: mm.height, shape: area.shape, items };
}
