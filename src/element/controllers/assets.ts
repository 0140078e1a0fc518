/**
 * The product's own assets: layer pictures and merchant fonts (STYLE 8). Pictures are fetched and
 * decoded with `createImageBitmap`, off the main thread; fonts load with swap semantics (texts are
 * drawn in a fallback at once and redrawn when the font arrives). Nothing loads until the preview
 * asks: a product page paints its controls first. A failure is shown to the shopper (`failures`) and
 * dispatched as `customizer-error` with code `asset-failed`, once per asset.
 */
import type { Product } from '../../core/index.js';
import type { CustomizerErrorDetail } from '../events/events.js';
import type { Translation } from '../i18n/translation.js';

export interface AssetsCallbacks {
  t(): Translation;
  /** An asset arrived: redraw. */
  changed(): void;
  failed(detail: CustomizerErrorDetail): void;
  /** Something to show the shopper changed. */
  update(): void;
}

export class AssetsController {
  /** Decoded layer pictures by URL; absent while loading or after a failure. */
  private readonly images = new Map<string, ImageBitmap>();
  private readonly imageLoads = new Map<string, Promise<void>>();
  private readonly fontLoads = new Map<string, Promise<void>>();
  private readonly fontsReady = new Set<string>();
  /** What could not be loaded, in the shopper's words. */
  failures: string[] = [];

  constructor(private readonly cb: AssetsCallbacks) {}

  image(url: string): ImageBitmap | undefined {
    const img = this.images.get(url);
    if (!img) void this.loadImage(url);
    return img;
  }

  loadImage(url: string): Promise<void> {
    const known = this.imageLoads.get(url);
    if (known) return known;
    const load = (async () => {
      try {
        const res = await fetch(url, { mode: 'cors', credentials: 'same-origin' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        this.images.set(url, await createImageBitmap(await res.blob()));
        this.cb.changed();
      } catch (e) {
        const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
        this.fail(this.cb.t().imageFailed(name), `${url}: ${(e as Error).message}`);
      }
    })();
    this.imageLoads.set(url, load);
    return load;
  }

  private product: Product | null = null;
  private resolve: (src: string) => string = (s) => s;

  /**
   * Starts loading the product's fonts (once per face): those of `families` (default: all). The
   * preview asks for the fallback face and the ones its texts use first; the rest follow on idle.
   */
  loadFonts(product: Product, resolve: (src: string) => string, families?: ReadonlySet<string>): void {
    this.product = product;
    this.resolve = resolve;
    for (const f of product.fonts ?? []) {
      if (families && !families.has(f.family)) continue;
      const key = `${f.family}|${f.weight ?? ''}|${f.style ?? ''}`;
      if (this.fontLoads.has(key)) continue;
      const url = resolve(f.src);
      const face = new FontFace(f.family, `url("${url}")`, {
        display: 'swap',
        ...(f.weight !== undefined && { weight: String(f.weight) }),
        ...(f.style && { style: f.style }),
      });
      document.fonts.add(face);
      this.fontLoads.set(
        key,
        face.load().then(
          () => {
            this.fontsReady.add(f.family);
            this.cb.changed();
          },
          (e: unknown) => this.fail(this.cb.t().fontFailed(f.family), `${url}: ${(e as Error)?.message ?? e}`),
        ),
      );
    }
  }

  /**
   * The CSS family to draw `font` in: itself once loaded, else a loaded one, else sans-serif. Never a
   * face still loading: a canvas resolves its `font` string when it is set and keeps that face while
   * the string stays the same, so a text drawn with a loading face would stay in the fallback.
   */
  fontFamily(font: string | null, product: Product | null): string {
    // A face not asked for yet (the shopper picked it): load it now, draw with a fallback meanwhile.
    if (font && !this.fontsReady.has(font) && this.product === product && product) this.loadFonts(product, this.resolve, new Set([font]));
    const usable = font && this.fontsReady.has(font) ? font : [...this.fontsReady][0];
    return usable ? `"${usable}", sans-serif` : 'sans-serif';
  }

  /** Settles when these pictures and every font started so far have loaded or failed. */
  settled(urls: string[]): Promise<unknown> {
    return Promise.all([...urls.map((u) => this.loadImage(u)), ...this.fontLoads.values()]);
  }

  private fail(shown: string, detail: string): void {
    if (this.failures.includes(shown)) return;
    this.failures = [...this.failures, shown];
    console.warn(`product-customizer: ${detail}`);
    this.cb.failed({ code: 'asset-failed', message: shown });
    this.cb.update();
  }
}
