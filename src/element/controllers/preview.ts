/**
 * The live preview (STYLE 7, 2): a Konva drawing patched from the selections after each render,
 * never read back. It costs the page nothing until it is needed: Konva is set up, fonts and product
 * pictures load and the first frame is drawn only once the element is in (or near) the viewport
 * (IntersectionObserver) and the main thread is idle (requestIdleCallback, with a timeout, and a
 * plain timeout where the browser has none), so a product page paints its text and controls first.
 * The box the preview will fill is reserved by CSS from the view's aspect ratio meanwhile.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Product, Selections, Transform } from '../../core/index.js';
import { buildScene, type Scene } from '../../render/scene/scene.js';
import { Preview, type PreviewSources } from '../../render/preview/preview.js';

/** Long side of the preview PNGs `toOrder()` renders, one per view. */
export const ORDER_PREVIEW_SIZE = 1200;
/** How long an idle callback may wait before the preview is set up anyway. */
const IDLE_TIMEOUT_MS = 1500;

export interface PreviewHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface PreviewCallbacks {
  /** The active view's scene, or null without a product. */
  scene(): Scene | null;
  /** URLs of the active view's pictures, and those of every view. */
  layerUrls(all?: boolean): string[];
  sources: PreviewSources;
  /** The preview is about to be set up: start loading fonts (`all`: every face now, for the order's previews). */
  starting(all?: boolean): void;
  /** Settles when these pictures and the fonts started so far are loaded (or failed). */
  settled(urls: string[]): Promise<unknown>;
  onTransform(component: string, transform: Transform): void;
  onCut(components: ReadonlySet<string>): void;
  maxScale(component: string): number;
}

export class PreviewController implements ReactiveController {
  private preview?: Preview;
  private resize?: ResizeObserver;
  private io?: IntersectionObserver;
  private idle = 0;
  private idleIsTimeout = false;
  private frame = 0;
  private waiters: (() => void)[] = [];
  /** In view and idle once: from then on the preview draws with every update. */
  started = false;

  constructor(private readonly host: PreviewHost, private readonly cb: PreviewCallbacks) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.started) return;
    this.io = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      this.io?.disconnect();
      this.io = undefined;
      this.whenIdle(() => this.start());
    }, { rootMargin: '200px' });
    this.io.observe(this.host);
  }

  hostDisconnected(): void {
    this.io?.disconnect();
    this.io = undefined;
    if (this.idle) (this.idleIsTimeout ? clearTimeout : cancelIdleCallback)(this.idle);
    this.idle = 0;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.resize?.disconnect();
    this.resize = undefined;
    this.preview?.destroy();
    this.preview = undefined;
    this.started = false;
  }

  hostUpdated(): void {
    if (this.started) this.draw();
  }

  /** Resolves once the preview has drawn the current design with the active view's pictures, uploads and fonts loaded (or failed). */
  get complete(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      if (this.started) this.schedule();
    });
  }

  /** Redraws on the next frame (an asset arrived). */
  schedule(): void {
    if (this.frame || !this.started) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private whenIdle(fn: () => void): void {
    if (typeof requestIdleCallback === 'function') {
      this.idleIsTimeout = false;
      this.idle = requestIdleCallback(() => ((this.idle = 0), fn()), { timeout: IDLE_TIMEOUT_MS });
    } else {
      this.idleIsTimeout = true;
      this.idle = setTimeout(() => ((this.idle = 0), fn()), 50) as unknown as number;
    }
  }

  private start(): void {
    this.started = true;
    this.cb.starting();
    this.host.requestUpdate();
  }

  private draw(): void {
    const host = (this.host.renderRoot as ShadowRoot).querySelector?.<HTMLDivElement>('.stage');
    const scene = this.cb.scene();
    if (!host || !scene) return;
    if (!this.preview || !host.contains(this.preview.container)) {
      this.preview?.destroy();
      const container = document.createElement('div');
      container.className = 'canvas-host';
      host.replaceChildren(container);
      this.preview = new Preview(container, this.cb.sources, {
        editing: true,
        onTransform: (id, t) => this.cb.onTransform(id, t),
        onCut: (ids) => this.cb.onCut(ids),
        maxScale: (id) => this.cb.maxScale(id),
      });
      this.resize?.disconnect();
      this.resize = new ResizeObserver(() => this.preview?.resize(host.clientWidth));
      this.resize.observe(host);
    }
    this.preview.draw(scene);
    this.preview.resize(host.clientWidth);
    if (this.waiters.length) {
      void this.cb.settled(this.cb.layerUrls()).then(() => {
        if (this.frame || !this.preview) return; // a redraw is coming; it will settle the waiters
        const latest = this.cb.scene();
        if (latest) this.preview.draw(latest);
        const waiters = this.waiters.splice(0);
        // Konva paints batched draws on the next frame; settle after it.
        requestAnimationFrame(() => waiters.forEach((w) => w()));
      });
    }
  }

  /** One PNG per view at ORDER_PREVIEW_SIZE on its long side, as the shopper saw it (no editing marks). */
  async orderPreviews(product: Product, selections: Selections, locale: string): Promise<{ previews: { view: string; key: string; width: number; height: number }[]; files: Record<string, File> }> {
    this.cb.starting(true);
    await this.cb.settled(this.cb.layerUrls(true));
    const previews: { view: string; key: string; width: number; height: number }[] = [];
    const files: Record<string, File> = {};
    for (const view of product.views) {
      const p = new Preview(document.createElement('div'), this.cb.sources, { editing: false });
      try {
        p.draw(buildScene(product, selections, view.id, { locale }));
        p.resize(view.width, 1);
        const { blob, width, height } = await p.toPNG(ORDER_PREVIEW_SIZE);
        const key = `preview-${view.id}`;
        files[key] = new File([blob], `${key}.png`, { type: 'image/png' });
        previews.push({ view: view.id, key, width, height });
      } finally {
        p.destroy();
      }
    }
    return { previews, files };
  }
}
