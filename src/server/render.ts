/**
 * The renderer behind `product-customizer/server`: Konva on @napi-rs/canvas draws the scene the
 * shopper's preview drew. @napi-rs/canvas (an optional peer, SPEC §1) is loaded when a render
 * starts (./canvas.ts), so that `verifyOrder` needs no canvas package.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { canvas, loadCanvas } from './canvas.js';
import { resolveProduct, verifyOrder } from '../core/index.js';
import type { ImageSelection, Order, OrderFiles, Product } from '../core/index.js';
import { fileOf } from '../core/order/order.js';
import { buildScene } from '../render/scene/scene.js';
import type { SceneArea } from '../render/scene/scene.js';
import { drawArea, drawMockup, printPixels } from '../render/print/print.js';
import { withDpi } from '../render/print/phys.js';
import { printMm } from '../render/print/vector/size.js';
import { fontFileOf, renderVector } from '../render/print/vector/index.js';
import type { FontSource } from '../render/print/vector/index.js';
import { fallbackFont } from './fallback-font.js';
import { tinted } from '../render/preview/tint.js';
import { assetAccess } from './assets.js';
import { PRINT_FORMATS, PrintRefusedError } from './types.js';
import type { MockupFile, PngPrintFile, PrintFormat, RenderOptions, RenderResult } from './types.js';

/** Fonts are process-wide in Skia: each file is registered once, under its family name. */
const registeredFonts = new Map<string, boolean>();

async function registerFonts(product: Product, load: (src: string) => Promise<Uint8Array>, resolveUrl: (src: string) => string): Promise<Set<string>> {
  const families = new Set<string>();
  for (const f of product.fonts ?? []) {
    const id = `${f.family}\u0000${resolveUrl(f.src)}`;
    if (!registeredFonts.has(id)) {
      const bytes = await load(f.src);
      registeredFonts.set(id, canvas().GlobalFonts.register(Buffer.from(bytes), f.family) !== null);
    }
    if (registeredFonts.get(id)) families.add(f.family);
  }
  return families;
}


interface Prepared {
  product: Product;
  order: Order;
  sources: { asset: (k: string) => CanvasImageSource | undefined; fontFamily: (f: string | null) => string };
  /** The font file a text's font is drawn with (its family's, else the product's first font's, else the fallback font); undefined: none. */
  fontSource: (font: string | null) => FontSource | undefined;
  files: OrderFiles;
  load: (src: string) => Promise<Uint8Array>;
  check: () => void;
}

/** Verifies, then loads what drawing needs: the merchant's fonts and the decoded uploads. */
async function prepare(product: unknown, order: unknown, files: OrderFiles, options: RenderOptions): Promise<Prepared> {
  const { loadImage } = await loadCanvas();
  const r = resolveProduct(product);
  if (!r.ok) throw new PrintRefusedError('the product definition is invalid', r.issues);
  const p = r.product;
  const verdict = await verifyOrder(p, order, files);
  if (!verdict.ok) throw new PrintRefusedError('the order does not verify', verdict.issues.filter((i) => i.severity === 'error'));
  const o = (typeof order === 'string' ? JSON.parse(order) : order) as Order;
  const check = () => options.signal?.throwIfAborted();
  // Asset URLs are the product's (untrusted): read only under assetsBase or from allowed origins (./assets.ts).
  const assets = assetAccess(p.assetsBase, options);
  const resolveUrl = assets.resolve;
  const load = assets.load;
  const families = await registerFonts(p, load, resolveUrl);
  check();
  const own = p.fonts?.find((f) => families.has(f.family))?.family;
  // No usable font of the product's own: its texts take one fallback file, in the PNG and the PDF/SVG alike.
  const spare = own || !p.components.some((c) => c.type === 'text') ? undefined : fallbackFont(options.fallbackFont);
  const fallback = own ?? spare?.family;
  const familyOf = (font: string | null) => (font && families.has(font) ? font : fallback);
  const fontSource = (font: string | null): FontSource | undefined => {
    const family = familyOf(font);
    if (spare && family === spare.family) return { key: spare.file, label: `the fallback font ${basename(spare.file)}`, load: async () => new Uint8Array(await readFile(spare.file)) };
    const def = family === undefined ? undefined : fontFileOf(p, family);
    return def && { key: resolveUrl(def.src), label: `"${def.family}" (${def.src})`, load: () => load(def.src) };
  };
  const fontFamily = (font: string | null) => {
    const fam = familyOf(font);
    return fam ? `"${fam}", sans-serif` : 'sans-serif';
  };
  const images = new Map<string, CanvasImageSource>();
  for (const [id, sel] of Object.entries(o.selections)) {
    const asset = (sel as ImageSelection | undefined)?.asset;
    if (!asset || !p.components.some((c) => c.id === id && c.type === 'image')) continue;
    images.set(asset.key, (await loadImage(Buffer.from(fileOf(files, asset.key)!))) as unknown as CanvasImageSource);
    check();
  }
  return { product: p, order: o, sources: { asset: (k) => images.get(k), fontFamily }, fontSource, files, load, check };
}

const encode = async (canvas: HTMLCanvasElement): Promise<Uint8Array> => {
  const png = await (canvas as unknown as { encode(f: 'png'): Promise<Buffer> }).encode('png');
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
};

async function mockups(prep: Prepared, width: number): Promise<MockupFile[]> {
  // Each view's scene first: its layers' images are the ones the shopper's choices put there (an
  // option's `{ layer, src }` effect swaps one), read through the asset policy, each file once.
  const scenes = prep.product.views.map((view) => buildScene(prep.product, prep.order.selections, view.id, { locale: prep.order.locale }));
  const layers = new Map<string, CanvasImageSource>();
  for (const scene of scenes) {
    for (const l of scene.layers) if (!layers.has(l.src)) layers.set(l.src, (await canvas().loadImage(Buffer.from(await prep.load(l.src)))) as unknown as CanvasImageSource);
  }
  const out: MockupFile[] = [];
  for (const scene of scenes) {
    prep.check();
    const drawn = drawMockup(scene, { ...prep.sources, layer: (s) => layers.get(s) }, width, tinted);
    out.push({ view: scene.view.id, key: `mockup-${scene.view.id}`, png: await encode(drawn.canvas), width: drawn.width, height: drawn.height });
  }
  return out;
}

/** The areas of every view that have content, in view then area order. */
function printAreas(prep: Prepared): SceneArea[] {
  return prep.product.views.flatMap((view) => buildScene(prep.product, prep.order.selections, view.id, { locale: prep.order.locale }).areas.filter((a) => a.items.length > 0));
}

const fileKey = (area: SceneArea) => `print-${area.key.replace('.', '-')}`;

/**
 * Verifies the order, then renders one file per print area that has content (SPEC §8):
 * - `format: "png"` (default): at the area's print size and dpi, on a transparent background,
 *   carrying its dpi;
 * - `"pdf"` or `"svg"`: vector, the page the area's physical size, texts as glyph outlines of the
 *   product's own fonts, the area's shape a clip path, uploads embedded at full resolution
 *   (src/render/print/vector). A text with no font file to take outlines from is refused with a
 *   `VectorFontError`.
 * Rejects with `PrintRefusedError` (carrying the core's issues) when the order does not verify.
 * The same product, order and files always give byte-identical files.
 */
export async function renderPrintFiles(product: unknown, order: unknown, files: OrderFiles, options?: RenderOptions & { format?: 'png' }): Promise<RenderResult<PngPrintFile>>;
export async function renderPrintFiles(product: unknown, order: unknown, files: OrderFiles, options: RenderOptions & { format: PrintFormat }): Promise<RenderResult>;
export async function renderPrintFiles(product: unknown, order: unknown, files: OrderFiles, options: RenderOptions & { format?: PrintFormat } = {}): Promise<RenderResult> {
  const format = options.format ?? 'png';
  if (!PRINT_FORMATS.includes(format)) throw new TypeError(`renderPrintFiles: format must be one of ${PRINT_FORMATS.join(', ')}, not ${JSON.stringify(format)}`);
  const prep = await prepare(product, order, files, options);
  const areas = printAreas(prep);
  const out: RenderResult = [];
  if (format === 'png') {
    for (const area of areas) {
      prep.check();
      const drawn = drawArea(area, prep.sources);
      const png = withDpi(await encode(drawn.canvas), drawn.dpi);
      const mm = printMm(area.print);
      out.push({ area: area.key, key: fileKey(area), format, bytes: png, png, width: drawn.width, height: drawn.height, dpi: drawn.dpi, widthMm: mm.width, heightMm: mm.height });
    }
  } else {
    const written = await renderVector(areas, { fontSource: prep.fontSource, fontFamily: prep.sources.fontFamily, upload: (k) => fileOf(prep.files, k), check: prep.check, canvas: canvas() }, format);
    written.forEach(({ page, bytes }, i) => {
      const px = printPixels(areas[i]!);
      out.push({ area: page.area, key: fileKey(areas[i]!), format, bytes, width: px.width, height: px.height, dpi: page.dpi, widthMm: page.widthMm, heightMm: page.heightMm });
    });
  }
  prep.check();
  if (options.views) out.mockups = await mockups(prep, options.views.width);
  return out;
}

/** Verifies the order, then renders each view as the shopper saw it, `width` pixels wide (e.g. cart thumbnails). */
export async function renderMockups(product: unknown, order: unknown, files: OrderFiles, options: RenderOptions & { width: number }): Promise<MockupFile[]> {
  return mockups(await prepare(product, order, files, options), options.width);
}
