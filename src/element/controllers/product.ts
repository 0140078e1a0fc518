/**
 * Product loading (STYLE 8): the `src` attribute through a lit Task (fetch with an AbortSignal; a
 * stale response never wins), the `product` property directly. Either way the value is parsed once
 * per content: a framework that re-assigns an equal object (React's `product={{...p}}`, a Vue
 * reactive proxy) changes nothing, because the canonical JSON (RFC 8785, the core's) is the same.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import { canonicalJson, parseProduct } from '../../core/index.js';
import type { Issue, Product } from '../../core/index.js';
import type { CustomizerErrorDetail } from '../events/events.js';
import type { Translation } from '../i18n/translation.js';

export interface ProductHost extends ReactiveControllerHost, HTMLElement {
  src?: string;
}

export interface ProductCallbacks {
  t(): Translation;
  /** A new product (new content) was parsed. */
  loaded(product: Product): void;
  failed(detail: CustomizerErrorDetail): void;
}

export class ProductController implements ReactiveController {
  product: Product | null = null;
  /** Where the product came from: its assets resolve against it. */
  url: string | undefined;
  /** The load or parse failure the element shows in place of the controls. */
  error: CustomizerErrorDetail | null = null;
  /** Canonical JSON of the last product given (parsed or refused). */
  private content: string | undefined;

  private readonly fetchTask: Task<[string | undefined], { url: string; text: string }>;

  constructor(private readonly host: ProductHost, private readonly cb: ProductCallbacks) {
    host.addController(this);
    this.fetchTask = new Task(host, {
      args: () => [host.src] as [string | undefined],
      task: async ([src], { signal }) => {
        if (!src) return initialState;
        const url = new URL(src, document.baseURI).href;
        const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
        if (!res.ok) throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
        return { url: res.url || url, text: await res.text() };
      },
      onComplete: ({ url, text }) => {
        this.url = url;
        // The Task ignores what its callbacks throw: a bug here would vanish, so it is reported.
        try {
          this.accept(text);
        } catch (e) {
          console.error('product-customizer:', e);
          this.fail({ code: 'load-failed', message: this.cb.t().loadFailed((e as Error).message) });
        }
      },
      onError: (e) => {
        // Aborted by `set()` or by leaving the page: a newer product (or none) is what counts.
        if ((e as Error)?.name === 'AbortError') return;
        this.product = null;
        this.content = undefined;
        this.fail({ code: 'load-failed', message: this.cb.t().loadFailed((e as Error)?.message ?? String(e)) });
      },
    });
  }

  private leftMidFetch = false;
  hostConnected(): void {
    // Moved in the page while the product was on its way: fetch it again.
    if (this.leftMidFetch) void this.fetchTask.run();
    this.leftMidFetch = false;
  }
  hostDisconnected(): void {
    this.leftMidFetch = this.pending;
    this.fetchTask.abort();
  }

  /** While the `src` fetch runs (the element shows that it loads). */
  get pending(): boolean {
    return this.fetchTask.status === TaskStatus.PENDING;
  }

  /** The `product` property: an object (or JSON text). */
  set(value: unknown): void {
    this.fetchTask.abort();
    this.url = undefined;
    this.accept(value);
  }

  private accept(value: unknown): void {
    let content: string | undefined;
    try {
      content = canonicalJson(typeof value === 'string' ? JSON.parse(value) : value);
    } catch {
      content = undefined; // not JSON: parseProduct says where
    }
    if (content !== undefined && content === this.content) return;
    this.content = content;
    const r = parseProduct(value);
    if (!r.ok) {
      this.product = null;
      this.fail({ code: 'invalid-product', message: this.cb.t().invalidProduct, issues: r.issues.filter((i: Issue) => i.severity === 'error') });
      return;
    }
    for (const w of r.issues) console.warn(`product-customizer: ${w.path.join('.')}: ${w.message}`);
    this.product = r.product;
    this.error = null;
    this.cb.loaded(r.product);
    this.host.requestUpdate();
  }

  private fail(detail: CustomizerErrorDetail): void {
    this.error = detail;
    this.cb.failed(detail);
    this.host.requestUpdate();
  }
}
