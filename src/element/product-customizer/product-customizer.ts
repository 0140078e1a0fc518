import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  buildOrder, evaluate, imageDpi, measureText, parseProduct, readImageInfo, resolveText, sha256Hex, sniffType,
  DEFAULT_ACCEPT, DEFAULT_TRANSFORM, DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, IMPLICIT_MAX_LENGTH,
} from '../../core/index.js';
import type {
  Asset, ChoiceComponent, Component, Evaluation, ImageComponent, ImageSelection, Issue, LocalizedText, Order, Product,
  Selections, TextComponent, TextSelection, ToggleComponent, Transform,
} from '../../core/index.js';
import { drafts, type Draft } from '../controllers/drafts.js';
import { History } from '../controllers/history.js';
import { CustomizationChangeEvent, CustomizerErrorEvent, CustomizerLoadEvent, OrderCustomizationEvent, type CustomizerErrorDetail } from '../events/events.js';
import { addLocale, LocalizeController, resolveLocale } from '../i18n/localize.js';
import type { PartialTranslation } from '../i18n/translation.js';
import { styles } from './product-customizer.styles.js';
import { curveControl } from '../controls/curve.js';
import { buildScene } from '../../render/scene/scene.js';
import { Preview, type PreviewSources } from '../../render/preview/preview.js';

interface StoredAsset { asset: Asset; file: File; url: string; bitmap?: ImageBitmap }

/** Uploads of more pixels than this are drawn from a downscaled copy; the original bytes stay untouched for the order. */
const PREVIEW_MAX_PIXELS = 4_000_000;
/** Long side of the preview PNGs `toOrder()` renders, one per view. */
export const ORDER_PREVIEW_SIZE = 1200;
type LoadState = 'empty' | 'loading' | 'ready' | 'error';

const EMPTY: Selections = Object.freeze({}) as Selections;

/**
 * Lets a shopper personalise a product described in JSON: choices, texts, images and add-ons,
 * validated against the product's rules as they go, priced live, and handed to the shop as an
 * order (event, or the surrounding add-to-cart form).
 *
 * @summary A product customizer for any shop page.
 *
 * @event customization-change - After every change the shopper makes. `detail: { selections, evaluation }`.
 * @event order-customization - When the shopper completes a valid design. `detail: { order, files }`.
 * @event customizer-error - A bad product, a failed load or a refused upload. `detail: { code, message, issues? }`.
 * @event customizer-load - The product is loaded (and any autosaved draft restored). `detail: { product }`.
 *
 * @csspart base - The layout wrapper.
 * @csspart preview - The preview of the active view.
 * @csspart view-tabs - The buttons that switch views.
 * @csspart controls - The column of controls.
 * @csspart component - One component's control group.
 * @csspart option - A choice option.
 * @csspart issues - The messages under a control.
 * @csspart price - The price display.
 * @csspart errors - The list of problems shown after an order attempt.
 * @csspart placement - The keyboard handle of a placed text or image.
 * @csspart add-to-cart - The built-in order button.
 * @csspart error - The in-place error shown for a bad or unloadable product.
 *
 * @cssproperty --pc-font-family - Font of the controls (default: inherited from the page).
 * @cssproperty --pc-font-size - Base size all sizes derive from (default: 16px).
 * @cssproperty --pc-color-text - Text colour.
 * @cssproperty --pc-color-muted - Secondary text colour.
 * @cssproperty --pc-color-surface - Background of controls.
 * @cssproperty --pc-color-subtle - Background of the preview and notices.
 * @cssproperty --pc-color-border - Borders of controls.
 * @cssproperty --pc-color-accent - The order button and selected states.
 * @cssproperty --pc-color-accent-contrast - Text on the accent colour.
 * @cssproperty --pc-color-error - Errors.
 * @cssproperty --pc-color-warning - Warnings.
 * @cssproperty --pc-radius - Corner radius.
 * @cssproperty --pc-spacing - Space between groups.
 * @cssproperty --pc-focus-ring - Box-shadow of the keyboard focus ring.
 */
export class ProductCustomizer extends LitElement {
  static override styles = styles;
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: false };

  /** Registers or extends a locale at runtime: `ProductCustomizer.addLocale('de', { addToOrder: 'In den Warenkorb' })`. */
  static addLocale(tag: string, translation: PartialTranslation): void {
    addLocale(tag, translation);
  }

  // Reactive properties declared statically rather than with decorators (no decorator helpers in the bundle).
  static override properties = {
    src: { reflect: true },
    locale: { reflect: true },
    name: { reflect: true },
    view: { reflect: true },
    disabled: { type: Boolean, reflect: true },
    autosave: { type: Boolean, reflect: true },
    noSubmit: { type: Boolean, reflect: true, attribute: 'no-submit' },
    _product: { state: true },
    _load: { state: true },
    _error: { state: true },
    _selections: { state: true },
    _evaluation: { state: true },
    _touched: { state: true },
    _submitted: { state: true },
    _busy: { state: true },
    _uploadErrors: { state: true },
    _notice: { state: true },
    _announce: { state: true },
    _ordering: { state: true },
    _formDisabled: { state: true },
    _cut: { state: true },
  };

  /** URL of the product JSON. */
  src?: string;
  /** The one locale of the element's words, the product's texts, money and issues (default: the nearest `lang` when the product or the built-in words offer it, else the product's first locale). */
  locale?: string;
  /** Name prefix of the form entries: `properties[Colour]`. */
  name = 'properties';
  /** The active view id. */
  view?: string;
  /** Disables every control. */
  disabled = false;
  /** Keeps a draft (selections and uploaded images) across reloads, per product revision. */
  autosave = false;
  /** Hides the built-in order button, for shops whose own form button submits. */
  noSubmit = false;

  private _product: Product | null = null;
  private _load: LoadState = 'empty';
  private _error: CustomizerErrorDetail | null = null;
  private _selections: Selections = EMPTY;
  private _evaluation: Evaluation | null = null;
  private _touched = new Set<string>();
  private _submitted = false;
  private _busy = new Set<string>();
  private _uploadErrors = new Map<string, string>();
  private _notice = '';
  private _announce = '';
  private _ordering = false;
  private _formDisabled = false;
  /** Texts the preview measured reaching outside their print area. */
  private _cut: ReadonlySet<string> = new Set();

  private readonly _l = new LocalizeController(this, () => this._locale);
  private readonly _internals: ElementInternals;
  private _history = new History<Selections>(EMPTY);
  private _assets = new Map<string, StoredAsset>();
  private _productUrl: string | undefined;
  private _loadAbort?: AbortController;
  private _uploadToken = new Map<string, number>();
  private _changeFrame = 0;
  private _saveTimer: ReturnType<typeof setTimeout> | undefined;
  private _formSeq = 0;
  private _boundForm: HTMLFormElement | null = null;
  private _preview?: Preview;
  private _resize?: ResizeObserver;
  private _images = new Map<string, HTMLImageElement | null>();
  private _fontsReady = new Set<string>();
  private _drawFrame = 0;
  private _previewWaiters: (() => void)[] = [];

  constructor() {
    super();
    this._internals = this.attachInternals();
  }

  // ---- public API -------------------------------------------------------------------------

  /** The product: set an object (the JSON value), read the parsed product. */
  get product(): Product | null {
    return this._product;
  }
  set product(value: unknown) {
    this._loadAbort?.abort();
    this._productUrl = undefined;
    this._acceptProduct(value);
  }

  /** The shopper's selections (SPEC §3). Setting them does not fire `customization-change`. */
  get selections(): Selections {
    return this._selections;
  }
  set selections(value: Selections) {
    const next = value && typeof value === 'object' ? { ...value } : {};
    this._history.clear(next);
    this._commit(next, { user: false });
  }

  /**
   * Resolves once the preview has drawn the current design with the active view's images, uploads
   * and fonts loaded (or failed). For tests and for shops that screenshot the design.
   */
  get previewComplete(): Promise<void> {
    return new Promise((resolve) => {
      this._previewWaiters.push(resolve);
      this._scheduleDraw();
    });
  }

  /** The latest `evaluate` result: issues, price, components' states. */
  get evaluation(): Evaluation | null {
    return this._evaluation;
  }
  get validity(): ValidityState {
    return this._internals.validity;
  }
  get validationMessage(): string {
    return this._internals.validationMessage;
  }
  get form(): HTMLFormElement | null {
    return this._internals.form;
  }
  checkValidity(): boolean {
    return this._internals.checkValidity();
  }
  /** Like a native control: if invalid, shows the problems, moves focus to the first and announces it. */
  reportValidity(): boolean {
    const ok = this._evaluation?.valid === true;
    if (!ok) this._showProblems();
    return ok;
  }

  /** The order and its files (uploads and preview images), as the `order-customization` event carries them. */
  async toOrder(): Promise<{ order: Order; files: Record<string, File> }> {
    if (!this._product) throw new Error('product-customizer: no product is loaded');
    const { previews, files: previewFiles } = await this._renderPreviews(this._product);
    const order = await buildOrder(this._product, this._selections, { locale: this._locale, previews });
    return { order, files: { ...this._filesFor(order), ...previewFiles } };
  }

  /** One PNG per view at ORDER_PREVIEW_SIZE on its long side, as the shopper saw it (no editing marks). */
  private async _renderPreviews(product: Product) {
    await Promise.all(product.views.flatMap((v) => v.layers.map((l) => this._loadImage(this._resolveUrl(l.src)))));
    await Promise.all([...this._fontLoads.values()]);
    const previews: { view: string; key: string; width: number; height: number }[] = [];
    const files: Record<string, File> = {};
    for (const view of product.views) {
      const host = document.createElement('div');
      const p = new Preview(host, this._sources, { editing: false });
      try {
        p.draw(buildScene(product, this._selections, view.id, { locale: this._locale }));
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

  /** What the element contributes to its form, as FormData. */
  async toFormData(): Promise<FormData> {
    const { order, files } = await this.toOrder();
    return this._formDataFor(order, files);
  }

  /** Completes the design: fires `order-customization` when valid; otherwise shows and focuses the first problem. */
  async requestOrder(): Promise<{ order: Order; files: Record<string, File> } | null> {
    if (!this._product || !this.reportValidity()) return null;
    this._ordering = true;
    try {
      const result = await this.toOrder();
      this.dispatchEvent(new OrderCustomizationEvent(result));
      this._say(this._l.t.orderReady);
      return result;
    } catch (e) {
      this._fail({ code: 'order-failed', message: (e as Error).message, issues: (e as { issues?: Issue[] }).issues });
      return null;
    } finally {
      this._ordering = false;
    }
  }

  undo(): void {
    const s = this._history.undo();
    if (s) this._commit(s, { user: true, record: false });
  }
  redo(): void {
    const s = this._history.redo();
    if (s) this._commit(s, { user: true, record: false });
  }
  /** Back to the product's defaults; forgets the draft. */
  reset(): void {
    this._touched = new Set();
    this._submitted = false;
    this._uploadErrors = new Map();
    this._history.clear(EMPTY);
    this._commit(EMPTY, { user: true, record: false });
    if (this.autosave && this._product) drafts.remove(this._product.id).catch((e: unknown) => this._reportDraftError(e));
  }

  // ---- form-associated callbacks ------------------------------------------------------------

  formResetCallback(): void {
    this.reset();
  }
  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
  }
  formStateRestoreCallback(state: string | FormData | null): void {
    if (typeof state !== 'string') return;
    try {
      const restored = JSON.parse(state) as Selections;
      this._history.clear(restored);
      this._commit(restored, { user: false });
    } catch (e) {
      this._fail({ code: 'load-failed', message: `the saved form state could not be restored: ${(e as Error).message}` });
    }
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this._onKeydown);
    this.addEventListener('invalid', this._onInvalid);
    this._bindForm();
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this._onKeydown);
    this.removeEventListener('invalid', this._onInvalid);
    this._unbindForm();
    this._loadAbort?.abort();
    cancelAnimationFrame(this._changeFrame);
    cancelAnimationFrame(this._drawFrame);
    this._resize?.disconnect();
    this._resize = undefined;
    this._preview?.destroy();
    this._preview = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') && this.src) void this._fetchProduct(this.src);
    if (changed.has('locale') && this._product) this._commit(this._selections, { user: false, record: false });
  }

  protected override updated(): void {
    // The form can change under us (the `form` attribute, or the element moved).
    if (this._internals.form !== this._boundForm) {
      this._unbindForm();
      this._bindForm();
    }
    this._drawPreview();
  }

  // ---- preview --------------------------------------------------------------------------------

  private _fontLoads = new Map<string, Promise<unknown>>();

  private readonly _sources: PreviewSources = {
    layer: (src) => this._images.get(this._resolveUrl(src)) ?? (void this._loadImage(this._resolveUrl(src)), undefined),
    asset: (key) => this._assets.get(key)?.bitmap,
    fontFamily: (font) => {
      const fallback = this._product?.fonts?.[0]?.family;
      // While a merchant font loads, draw with the first one that has (or a generic family).
      const usable = font && this._fontsReady.has(font) ? font : [...this._fontsReady][0] ?? fallback;
      return usable ? `"${usable}", sans-serif` : 'sans-serif';
    },
  };

  private _imageLoads = new Map<string, Promise<void>>();

  private _loadImage(url: string): Promise<void> {
    const known = this._imageLoads.get(url);
    if (known) return known;
    this._images.set(url, null);
    const load = new Promise<void>((resolve) => {
      const img = new Image();
      img.crossOrigin = 'anonymous';
      img.decoding = 'async';
      img.onload = () => {
        this._images.set(url, img);
        this._scheduleDraw();
        resolve();
      };
      img.onerror = () => {
        console.warn(`product-customizer: could not load image ${url}`);
        resolve();
      };
      img.src = url;
    });
    this._imageLoads.set(url, load);
    return load;
  }

  private _loadFonts(product: Product): void {
    for (const f of product.fonts ?? []) {
      const key = `${f.family}|${f.weight ?? ''}|${f.style ?? ''}`;
      if (this._fontLoads.has(key)) continue;
      const face = new FontFace(f.family, `url("${this._resolveUrl(f.src)}")`, {
        ...(f.weight !== undefined && { weight: String(f.weight) }),
        ...(f.style && { style: f.style }),
      });
      document.fonts.add(face);
      this._fontLoads.set(
        key,
        face.load().then(
          () => {
            this._fontsReady.add(f.family);
            this._scheduleDraw();
          },
          (e: unknown) => console.warn(`product-customizer: font ${f.family} did not load:`, e),
        ),
      );
    }
  }

  private _scheduleDraw(): void {
    if (this._drawFrame) return;
    this._drawFrame = requestAnimationFrame(() => {
      this._drawFrame = 0;
      this._drawPreview();
    });
  }

  private _drawPreview(): void {
    const host = this.renderRoot?.querySelector?.<HTMLDivElement>('.stage');
    if (!host || !this._product) return;
    if (!this._preview || !host.contains(this._preview.container)) {
      this._preview?.destroy();
      const container = document.createElement('div');
      container.className = 'canvas-host';
      host.replaceChildren(container);
      this._preview = new Preview(container, this._sources, {
        editing: true,
        onTransform: (id, transform) => {
          const sel = this._selections[id];
          const base = typeof sel === 'string' ? { text: sel } : (sel as object | undefined);
          if (base) this._set(id, { ...base, transform }, `place:${id}`);
        },
        onCut: (ids) => {
          this._cut = ids;
        },
        maxScale: (id) => {
          const c = this._product?.components.find((k) => k.id === id);
          return c && (c.type === 'image' || c.type === 'text') ? this._maxScale(c, (this._selections[id] ?? {}) as { transform?: Transform }) : 10;
        },
      });
      this._resize?.disconnect();
      this._resize = new ResizeObserver(() => this._preview?.resize(host.clientWidth));
      this._resize.observe(host);
    }
    const view = this._product.views.find((v) => v.id === this.view) ?? this._product.views[0]!;
    this._preview.draw(buildScene(this._product, this._selections, view.id, { locale: this._locale, ...(this._evaluation && { evaluation: this._evaluation }) }));
    this._preview.resize(host.clientWidth);
    if (this._previewWaiters.length) {
      const pending = view.layers.map((l) => this._loadImage(this._resolveUrl(l.src)));
      void Promise.all([...pending, ...this._fontLoads.values()]).then(() => {
        if (this._drawFrame || !this._preview) return; // a redraw is coming; it will settle the waiters
        this._preview.draw(buildScene(this._product!, this._selections, view.id, { locale: this._locale }));
        const waiters = this._previewWaiters.splice(0);
        // Konva paints batched draws on the next frame; settle after it.
        requestAnimationFrame(() => waiters.forEach((w) => w()));
      });
    }
  }

  // ---- loading ------------------------------------------------------------------------------

  private get _locale(): string {
    const p = this._product;
    // A product without `locales` offers those its name is written in.
    return resolveLocale(this, this.locale, p?.locales ?? (p && typeof p.name === 'object' ? Object.keys(p.name) : undefined));
  }

  private async _fetchProduct(src: string): Promise<void> {
    this._loadAbort?.abort();
    const abort = new AbortController();
    this._loadAbort = abort;
    this._load = 'loading';
    const url = new URL(src, document.baseURI).href;
    try {
      const res = await fetch(url, { signal: abort.signal, headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      const text = await res.text();
      if (abort.signal.aborted) return;
      this._productUrl = res.url || url;
      this._acceptProduct(text);
    } catch (e) {
      if (abort.signal.aborted) return;
      this._product = null;
      this._fail({ code: 'load-failed', message: this._l.t.loadFailed((e as Error).message) });
    }
  }

  private _acceptProduct(value: unknown): void {
    const r = parseProduct(value);
    if (!r.ok) {
      this._product = null;
      this._fail({ code: 'invalid-product', message: this._l.t.invalidProduct, issues: r.issues.filter((i) => i.severity === 'error') });
      return;
    }
    for (const w of r.issues) console.warn(`product-customizer: ${w.path.join('.')}: ${w.message}`);
    this._product = r.product;
    this._load = 'ready';
    this._error = null;
    this._touched = new Set();
    this._submitted = false;
    this._notice = '';
    for (const a of this._assets.values()) URL.revokeObjectURL(a.url);
    this._assets = new Map();
    this._history.clear(EMPTY);
    this._loadFonts(r.product);
    this._commit(EMPTY, { user: false });
    const done = this.autosave ? this._restoreDraft(r.product) : Promise.resolve();
    void done.then(() => this.updateComplete).then(() => {
      if (this._product === r.product) this.dispatchEvent(new CustomizerLoadEvent(r.product));
    });
  }

  private _fail(detail: CustomizerErrorDetail): void {
    if (detail.code === 'invalid-product' || detail.code === 'load-failed') {
      this._load = 'error';
      this._error = detail;
    }
    this._say(detail.message);
    this.dispatchEvent(new CustomizerErrorEvent(detail));
  }

  // ---- state changes ------------------------------------------------------------------------

  private _commit(next: Selections, opts: { user: boolean; record?: boolean; mergeKey?: string; touch?: string }): void {
    if (!this._product) {
      this._selections = next;
      return;
    }
    if (opts.user && opts.record !== false) this._history.push(next, opts.mergeKey);
    this._selections = next;
    const before = this._evaluation?.price.total;
    this._evaluation = evaluate(this._product, next, { locale: this._locale });
    if (opts.touch) this._touched = new Set(this._touched).add(opts.touch);
    if (before !== undefined && before !== this._evaluation.price.total)
      this._say(this._l.t.totalAnnounce(this._l.money(this._evaluation.price.total, this._evaluation.price.currency)));
    this._syncForm();
    if (opts.user) {
      this._scheduleChange();
      this._scheduleSave();
    }
  }

  private _set(id: string, value: unknown, mergeKey?: string): void {
    const next: Record<string, unknown> = { ...this._selections };
    if (value === undefined) delete next[id];
    else next[id] = value;
    this._commit(next as Selections, { user: true, mergeKey, touch: id });
  }

  /** One `customization-change` per animation frame, however fast the shopper types. */
  private _scheduleChange(): void {
    if (this._changeFrame) return;
    this._changeFrame = requestAnimationFrame(() => {
      this._changeFrame = 0;
      if (this._evaluation) this.dispatchEvent(new CustomizationChangeEvent({ selections: this._selections, evaluation: this._evaluation }));
    });
  }

  private _say(text: string): void {
    // Re-announce identical text by toggling a zero-width change.
    this._announce = this._announce === text ? `${text}\u200b` : text;
  }

  // ---- form participation -------------------------------------------------------------------

  private _syncForm(): void {
    const ev = this._evaluation;
    if (!ev || !this._product) return;
    const firstError = ev.issues.find((i) => i.severity === 'error');
    if (firstError) {
      const anchor = this._anchorFor(firstError.component);
      const label = firstError.component ? this._label(this._componentById(firstError.component)?.label) : '';
      this._internals.setValidity({ customError: true }, label ? `${label}: ${firstError.message}` : firstError.message, anchor ?? undefined);
    } else {
      this._internals.setValidity({});
    }
    const seq = ++this._formSeq;
    const state = JSON.stringify(this._selections);
    if (!ev.valid) {
      this._internals.setFormValue(null, state);
      return;
    }
    buildOrder(this._product, this._selections, { locale: this._locale }).then(
      (order) => {
        if (seq === this._formSeq) this._internals.setFormValue(this._formDataFor(order, this._filesFor(order)), state);
      },
      (e: unknown) => {
        if (seq === this._formSeq) this._fail({ code: 'order-failed', message: (e as Error).message });
      },
    );
  }

  private _filesFor(order: Order): Record<string, File> {
    const files: Record<string, File> = {};
    for (const s of Object.values(order.selections)) {
      const key = (s as ImageSelection | undefined)?.asset?.key;
      const stored = key ? this._assets.get(key) : undefined;
      if (key && stored) files[key] = stored.file;
    }
    return files;
  }

  private _formDataFor(order: Order, files: Record<string, File>): FormData {
    const fd = new FormData();
    const n = this.name || 'properties';
    for (const [label, value] of Object.entries(order.properties)) fd.append(`${n}[${label}]`, value);
    fd.append(`${n}[_customization]`, JSON.stringify(order));
    for (const [key, file] of Object.entries(files)) fd.append(`${n}[_file_${key}]`, file, file.name);
    return fd;
  }

  /**
   * Themes that submit with their own script (`novalidate` + a submit listener posting FormData)
   * never ask for validity. A capture listener on the window runs before any of theirs and stops an
   * invalid design's submission; themes call preventDefault() themselves, so we stop propagation too.
   */
  private _onSubmitCapture = (e: Event) => {
    if (e.target !== this._internals.form || this.disabled || this._formDisabled) return;
    if (this._evaluation?.valid) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    this._showProblems();
  };

  private _bindForm(): void {
    this._boundForm = this._internals.form;
    if (this._boundForm) window.addEventListener('submit', this._onSubmitCapture, true);
  }
  private _unbindForm(): void {
    if (this._boundForm) window.removeEventListener('submit', this._onSubmitCapture, true);
    this._boundForm = null;
  }

  private _onInvalid = () => this._showProblems();

  private _showProblems(): void {
    this._submitted = true;
    const errors = this._evaluation?.issues.filter((i) => i.severity === 'error') ?? [];
    const first = errors[0];
    if (!first) return;
    const label = first.component ? this._label(this._componentById(first.component)?.label) : '';
    this._say(`${this._l.t.fixProblems(errors.length)} ${label ? `${label}: ` : ''}${first.message}`);
    void this.updateComplete.then(() => this._anchorFor(first.component)?.focus());
  }

  private _anchorFor(component: string | undefined): HTMLElement | null {
    const root = this.renderRoot as ShadowRoot | undefined;
    if (!root?.querySelector) return null;
    const focusable = 'input:not([disabled]):not([type="file"]), textarea:not([disabled]), select:not([disabled]), button:not([disabled])';
    const scope = component ? root.querySelector(`[data-component="${CSS.escape(component)}"]`) : null;
    return scope?.querySelector<HTMLElement>(`input:checked:not([disabled]), ${focusable}`) ?? root.querySelector<HTMLElement>(`.controls :is(${focusable})`);
  }

  // ---- autosave -----------------------------------------------------------------------------

  private async _restoreDraft(product: Product): Promise<void> {
    try {
      const draft = await drafts.load(product.id);
      if (!draft || this._product !== product) return;
      if (draft.revision !== String(product.revision)) {
        await drafts.remove(product.id);
        this._notice = this._l.t.draftOutdated;
        return;
      }
      for (const f of draft.files) {
        const file = new File([f.bytes], f.name, { type: f.type });
        const asset = this._assetFromDraft(draft, f.key);
        if (asset) this._assets.set(f.key, { asset, file, url: URL.createObjectURL(file), bitmap: await this._decodeForPreview(file, asset.width, asset.height) });
      }
      this._history.clear(draft.selections);
      this._commit(draft.selections, { user: false });
      this._notice = this._l.t.draftRestored;
      this._scheduleChange();
    } catch (e) {
      this._reportDraftError(e);
    }
  }

  private _assetFromDraft(draft: Draft, key: string): Asset | undefined {
    for (const s of Object.values(draft.selections)) {
      const a = (s as ImageSelection | undefined)?.asset;
      if (a?.key === key) return a;
    }
    return undefined;
  }

  private _scheduleSave(): void {
    if (!this.autosave || !this._product) return;
    clearTimeout(this._saveTimer);
    const product = this._product;
    this._saveTimer = setTimeout(() => void this._saveDraft(product), 250);
  }

  private async _saveDraft(product: Product): Promise<void> {
    const used = new Set(Object.values(this._selections).map((s) => (s as ImageSelection | undefined)?.asset?.key).filter(Boolean));
    const files = await Promise.all(
      [...this._assets.values()].filter((a) => used.has(a.asset.key)).map(async (a) => ({ key: a.asset.key, name: a.file.name, type: a.file.type, bytes: await a.file.arrayBuffer() })),
    );
    try {
      await drafts.save({ productId: product.id, revision: String(product.revision), selections: this._selections, files, savedAt: new Date().toISOString() });
    } catch (e) {
      this._reportDraftError(e);
    }
  }

  private _reportDraftError(e: unknown): void {
    // Storage can be unavailable (private mode, quota); the design still works, only the draft is lost.
    console.warn('product-customizer: autosave unavailable:', e);
  }

  // ---- uploads ------------------------------------------------------------------------------

  private async _acceptFile(c: ImageComponent, file: File): Promise<void> {
    const token = (this._uploadToken.get(c.id) ?? 0) + 1;
    this._uploadToken.set(c.id, token);
    const stale = () => this._uploadToken.get(c.id) !== token;
    this._busy = new Set(this._busy).add(c.id);
    const t = this._l.t;
    const refuse = (code: Issue['code'], message: string, params?: Record<string, unknown>) => {
      if (stale()) return;
      const errors = new Map(this._uploadErrors);
      errors.set(c.id, t.uploadRefused(message));
      this._uploadErrors = errors;
      const issue: Issue = { code, severity: 'error', component: c.id, path: [c.id], message, ...(params && { params }) };
      this._fail({ code: 'upload-refused', message: t.uploadRefused(message), issues: [issue] });
    };
    try {
      const accept = c.accept ?? [...DEFAULT_ACCEPT];
      const maxBytes = c.maxBytes ?? DEFAULT_MAX_BYTES;
      // Size first: a 50 MB file is refused before a single byte is read.
      if (file.size > maxBytes) return refuse('file-too-large', t.issues['file-too-large']!({ bytes: file.size, max: maxBytes }), { bytes: file.size, max: maxBytes });
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (stale()) return;
      const info = readImageInfo(bytes);
      if (!info.ok) {
        const real = info.type ?? sniffType(bytes);
        return refuse('file-type', real && info.reason !== 'unsupported-type' ? t.uploadUnreadable : t.issues['file-type']!({ type: real, accept }), { type: real, reason: info.reason, accept });
      }
      const { type, width, height } = info.info;
      if (!accept.includes(type)) return refuse('file-type', t.issues['file-type']!({ type, accept }), { type, accept });
      const maxPixels = c.maxPixels ?? DEFAULT_MAX_PIXELS;
      if (width * height > maxPixels) return refuse('too-many-pixels', t.issues['too-many-pixels']!({ pixels: width * height, max: maxPixels }), { pixels: width * height, max: maxPixels });
      // Decoding off the main thread proves the bytes are a real image before we accept them.
      const typed = new File([bytes], file.name || `image.${type.split('/')[1]}`, { type });
      let bitmap: ImageBitmap;
      try {
        bitmap = await this._decodeForPreview(typed, width, height);
      } catch {
        return refuse('file-type', t.uploadUnreadable, { type, reason: 'corrupt' });
      }
      const sha256 = await sha256Hex(bytes);
      if (stale()) return;
      const key = `img-${sha256.slice(0, 32)}`;
      const asset: Asset = { key, name: typed.name, type, bytes: bytes.byteLength, width, height, sha256 };
      if (!this._assets.has(key)) this._assets.set(key, { asset, file: typed, url: URL.createObjectURL(typed), bitmap });
      else bitmap.close();
      const errors = new Map(this._uploadErrors);
      errors.delete(c.id);
      this._uploadErrors = errors;
      this._set(c.id, { asset });
    } finally {
      if (!stale() || this._busy.has(c.id)) {
        const busy = new Set(this._busy);
        busy.delete(c.id);
        this._busy = busy;
      }
    }
  }

  /** Decodes off the main thread; a photo above PREVIEW_MAX_PIXELS is decoded straight to a smaller size. */
  private _decodeForPreview(file: Blob, width: number, height: number): Promise<ImageBitmap> {
    const px = width * height;
    if (px <= PREVIEW_MAX_PIXELS) return createImageBitmap(file, { imageOrientation: 'from-image' });
    const f = Math.sqrt(PREVIEW_MAX_PIXELS / px);
    return createImageBitmap(file, { imageOrientation: 'from-image', resizeWidth: Math.max(1, Math.floor(width * f)), resizeHeight: Math.max(1, Math.floor(height * f)), resizeQuality: 'high' });
  }

  // ---- keyboard -----------------------------------------------------------------------------

  private _onKeydown = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.key.toLowerCase() !== 'z') return;
    e.preventDefault();
    if (e.shiftKey) this.redo();
    else this.undo();
  };

  // ---- rendering helpers --------------------------------------------------------------------

  private _label(t: LocalizedText | undefined): string {
    return resolveText(t, this._locale, this._product?.locales);
  }
  private _componentById(id: string): Component | undefined {
    return this._product?.components.find((c) => c.id === id);
  }
  private _issuesFor(id: string): Issue[] {
    const ev = this._evaluation;
    if (!ev) return [];
    const show = this._submitted || this._touched.has(id);
    return ev.issues.filter((i) => i.component === id && (i.severity === 'warning' || show));
  }
  private _resolveUrl(src: string): string {
    const base = new URL(this._product?.assetsBase ?? '.', this._productUrl ?? document.baseURI).href;
    return new URL(src, base).href;
  }
  private _price(amount: number): string {
    return this._l.money(amount, this._product?.currency ?? 'USD');
  }
  private _issueList(id: string): TemplateResult {
    const issues = this._issuesFor(id);
    const upload = this._uploadErrors.get(id);
    return html`<div class="issues" part="issues" id="issues-${id}">
      ${upload ? html`<p class="issue error" role="alert">${upload}</p>` : nothing}
      ${this._cut.has(id) ? html`<p class="issue warning">${this._l.t.textCut}</p>` : nothing}
      ${issues.map((i) => html`<p class="issue ${i.severity}">${this._l.t.issues[i.code] && i.code !== 'pattern' && i.code !== 'rule' && i.code !== 'invalid-order' ? this._l.t.issues[i.code]!({ ...i.params, severity: i.severity }) : i.message}</p>`)}
    </div>`;
  }

  private get _controlsDisabled(): boolean {
    return this.disabled || this._formDisabled;
  }

  // ---- render -------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const t = this._l.t;
    if (this._load === 'error' && this._error) {
      return html`<div class="error-box" part="error" role="alert">
          <h2>${this._error.message}</h2>
          ${this._error.issues?.length
            ? html`<ul>${this._error.issues.slice(0, 20).map((i) => html`<li><code>${i.path.join('.') || '(root)'}</code>: ${i.message}</li>`)}</ul>`
            : nothing}
        </div>
        <div class="visually-hidden" aria-live="polite">${this._announce}</div>`;
    }
    if (!this._product || !this._evaluation) {
      return html`<div class="loading" part="base" aria-busy="true">${this._load === 'loading' ? t.loading : nothing}</div>`;
    }
    const p = this._product;
    const ev = this._evaluation;
    const errors = ev.issues.filter((i) => i.severity === 'error');
    return html`<div class="layout" part="base" lang=${this._locale}>
      ${this._renderPreview(p)}
      <div class="controls" part="controls">
        ${this._notice ? html`<p class="notice" role="status">${this._notice}</p>` : nothing}
        ${p.components.map((c) => (ev.components[c.id]?.visible ? this._renderComponent(c) : nothing))}
        ${this._renderPrice()}
        ${this._submitted && errors.length
          ? html`<div class="problem-list" part="errors">
              ${t.fixProblems(errors.length)}
              <ul>${errors.map((i) => html`<li>${i.component ? `${this._label(this._componentById(i.component)?.label)}: ` : ''}${i.message}</li>`)}</ul>
            </div>`
          : nothing}
        <div class="actions">
          <button type="button" class="secondary" @click=${() => this.undo()} ?disabled=${!this._history.canUndo || this._controlsDisabled}>${t.undo}</button>
          <button type="button" class="secondary" @click=${() => this.redo()} ?disabled=${!this._history.canRedo || this._controlsDisabled}>${t.redo}</button>
          <button type="button" class="secondary" @click=${() => this.reset()} ?disabled=${this._controlsDisabled}>${t.startOver}</button>
        </div>
        ${this.noSubmit
          ? nothing
          : html`<button type="button" class="add-to-cart" part="add-to-cart" @click=${() => void this.requestOrder()} ?disabled=${this._ordering || this._controlsDisabled}>
              ${this._ordering ? t.adding : t.addToOrder}
            </button>`}
      </div>
      <div class="visually-hidden" aria-live="polite" role="status">${this._announce}</div>
    </div>`;
  }

  /** The live preview: a Konva stage drawn into `.stage` after each render (see `_drawPreview`). */
  private _renderPreview(p: Product): TemplateResult {
    const view = p.views.find((v) => v.id === this.view) ?? p.views[0]!;
    return html`<section class="preview" part="preview" aria-label=${this._label(view.label)}>
      <div class="stage" role="img" aria-label=${this._label(view.label)} style="aspect-ratio: ${view.width} / ${view.height}"></div>
      ${p.views.length > 1
        ? html`<div class="view-tabs" part="view-tabs" role="tablist" aria-label=${this._l.t.views}>
            ${p.views.map((v) => html`<button type="button" role="tab" aria-selected=${v.id === view.id ? 'true' : 'false'} @click=${() => (this.view = v.id)}>${this._label(v.label)}</button>`)}
          </div>`
        : nothing}
    </section>`;
  }

  private _renderComponent(c: Component): TemplateResult {
    switch (c.type) {
      case 'choice':
        return this._renderChoice(c);
      case 'text':
        return this._renderText(c);
      case 'image':
        return this._renderImage(c);
      case 'toggle':
        return this._renderToggle(c);
    }
  }

  private _renderChoice(c: ChoiceComponent): TemplateResult {
    const t = this._l.t;
    const st = this._evaluation!.components[c.id]!;
    const multi = (c.max ?? 1) > 1;
    const value = st.value;
    const chosen = new Set(multi ? ((value as string[] | null) ?? []) : value == null ? [] : [value as string]);
    // SPEC §2 `display`: swatches when every option has one, else buttons; a dropdown for long lists
    // (single choice; a multi-select keeps its checkboxes). An option without a swatch shows its label.
    const display = c.display ?? (c.options.every((o) => o.swatch) ? 'swatch' : 'button');
    const swatches = display === 'swatch';
    const issues = this._issuesFor(c.id);
    const full = multi && chosen.size >= (c.max ?? 1);
    const current = !multi && value != null ? this._label(c.options.find((o) => o.value === value)?.label) : '';
    const invalid = issues.some((i) => i.severity === 'error') ? 'true' : 'false';
    if (display === 'dropdown' && !multi) {
      return html`<div class="component" part="component" data-component=${c.id}>
        <label class="picker">${this._label(c.label)}
          <select .value=${live(value == null ? '' : String(value))} ?disabled=${this._controlsDisabled} aria-describedby="issues-${c.id}" aria-invalid=${invalid} aria-required=${st.required ? 'true' : 'false'}
            @change=${(e: Event) => this._set(c.id, (e.target as HTMLSelectElement).value)}>
            ${value == null ? html`<option value="" selected disabled>—</option>` : nothing}
            ${c.options.map((o) => {
              const restricted = !o.disabled && !st.allowed?.includes(o.value);
              const reason = o.disabled ? t.unavailable : restricted ? t.unavailableRestricted : '';
              const name = [this._label(o.label), o.price ? `+${this._price(o.price)}` : '', reason].filter(Boolean).join(', ');
              return html`<option .value=${o.value} ?selected=${o.value === value} ?disabled=${(o.disabled || restricted) && o.value !== value}>${name}</option>`;
            })}
          </select></label>
        ${this._issueList(c.id)}
      </div>`;
    }
    return html`<div class="component" part="component" data-component=${c.id}>
      <fieldset role=${multi ? 'group' : 'radiogroup'} aria-describedby="issues-${c.id}" aria-invalid=${invalid} aria-required=${st.required ? 'true' : 'false'}>
        <legend>${this._label(c.label)}${current ? html`<span class="current">${current}</span>` : nothing}
          ${multi ? html`<span class="hint">${t.chooseUpTo(c.max ?? 1)}</span>` : nothing}</legend>
        <div class="options">
          ${c.options.map((o) => {
            const label = this._label(o.label);
            const restricted = !o.disabled && !st.allowed?.includes(o.value);
            const reason = o.disabled ? t.unavailable : restricted ? t.unavailableRestricted : '';
            const checked = chosen.has(o.value);
            const disabled = this._controlsDisabled || ((o.disabled || restricted) && !checked) || (full && !checked);
            const price = o.price ? `+${this._price(o.price)}` : '';
            const name = [label, price, reason].filter(Boolean).join(', ');
            return html`<label class="option" part="option" title=${swatches ? [label, price, reason].filter(Boolean).join(' · ') : reason}>
              <input type=${multi ? 'checkbox' : 'radio'} name="pc-${c.id}" .value=${o.value} .checked=${live(checked)} ?disabled=${disabled}
                aria-label=${name}
                @change=${(e: Event) => this._onChoice(c, o.value, (e.target as HTMLInputElement).checked, multi)} />
              ${swatches && o.swatch
                ? html`<span class="swatch" style="background:${o.swatch}"></span><span class="tip" aria-hidden="true">${[label, price, reason].filter(Boolean).join(' · ')}</span>`
                : html`<span class="chip" aria-hidden="true">${label}${price ? html`<span class="price">${price}</span>` : nothing}</span>`}
            </label>`;
          })}
        </div>
      </fieldset>
      ${this._issueList(c.id)}
    </div>`;
  }

  private _onChoice(c: ChoiceComponent, value: string, checked: boolean, multi: boolean): void {
    if (!multi) return this._set(c.id, value);
    const current = (this._evaluation!.components[c.id]!.value as string[] | null) ?? [];
    const next = checked ? [...current.filter((v) => v !== value), value] : current.filter((v) => v !== value);
    this._set(c.id, next);
  }

  private _textSel(id: string): TextSelection {
    const s = this._selections[id];
    return typeof s === 'string' ? { text: s } : ((s as TextSelection | undefined) ?? { text: '' });
  }

  private _renderText(c: TextComponent): TemplateResult {
    const t = this._l.t;
    const st = this._evaluation!.components[c.id]!;
    const sel = this._textSel(c.id);
    const v = st.value as { text: string; font: string | null; color: string; fontSize: number; curve: number };
    const raw = sel.text ?? '';
    const m = measureText(raw);
    const max = c.maxLength ?? IMPLICIT_MAX_LENGTH;
    const issues = this._issuesFor(c.id);
    const invalid = issues.some((i) => i.severity === 'error') ? 'true' : 'false';
    const multiLine = (c.maxLines ?? 1) > 1;
    const fonts = st.fonts ?? [];
    const colors = st.colors ?? [];
    const size = c.fontSize;
    const bend = c.curve && c.curve.min < c.curve.max ? c.curve : undefined;
    const onText = (e: Event) => this._set(c.id, { ...sel, text: (e.target as HTMLInputElement).value }, `text:${c.id}`);
    const described = `issues-${c.id} count-${c.id}`;
    return html`<div class="component" part="component" data-component=${c.id}>
      <label class="label" for="input-${c.id}">${this._label(c.label)}${st.required ? nothing : html`<span class="hint">(${t.optional})</span>`}</label>
      ${multiLine
        ? html`<textarea id="input-${c.id}" rows=${Math.min(c.maxLines ?? 2, 4)} .value=${live(raw)} @input=${onText} ?disabled=${this._controlsDisabled}
            aria-describedby=${described} aria-invalid=${invalid} aria-required=${st.required ? 'true' : 'false'}></textarea>`
        : html`<input type="text" id="input-${c.id}" .value=${live(raw)} @input=${onText} ?disabled=${this._controlsDisabled} autocomplete="off"
            aria-describedby=${described} aria-invalid=${invalid} aria-required=${st.required ? 'true' : 'false'} />`}
      <div class="text-row">
        <span></span>
        ${c.maxLength !== undefined ? html`<span class="counter" id="count-${c.id}" ?data-over=${m.length > max}>${t.characters(m.length, max)}</span>` : html`<span id="count-${c.id}"></span>`}
      </div>
      ${raw.trim() ? this._renderPlacement(c, sel) : nothing}
      ${fonts.length > 1 || colors.length > 1 || (size && size.min < size.max) || bend
        ? html`<div class="pickers">
            ${fonts.length > 1
              ? html`<label class="picker">${t.font}
                  <select .value=${live(v.font ?? '')} ?disabled=${this._controlsDisabled} @change=${(e: Event) => this._set(c.id, { ...sel, font: (e.target as HTMLSelectElement).value })}>
                    ${fonts.map((f) => html`<option value=${f} ?selected=${f === v.font} style="font-family:'${f}'">${f}</option>`)}
                  </select></label>`
              : nothing}
            ${colors.length > 1
              ? html`<fieldset class="picker" role="radiogroup"><legend>${t.color}</legend><div class="options">
                  ${colors.map((col) => html`<label class="option" title=${col}>
                    <input type="radio" name="pc-${c.id}-color" .value=${col} .checked=${live(col === v.color)} ?disabled=${this._controlsDisabled} aria-label=${col}
                      @change=${() => this._set(c.id, { ...sel, color: col })} />
                    <span class="swatch" style="background:${col}"></span></label>`)}
                </div></fieldset>`
              : nothing}
            ${size && size.min < size.max
              ? html`<label class="picker">${t.size} <span class="hint">${v.fontSize}</span>
                  <input type="range" min=${size.min} max=${size.max} step="1" .value=${live(String(v.fontSize))} ?disabled=${this._controlsDisabled}
                    @input=${(e: Event) => this._set(c.id, { ...sel, fontSize: Number((e.target as HTMLInputElement).value) }, `size:${c.id}`)} /></label>`
              : nothing}
            ${bend
              ? curveControl({ id: c.id, range: bend, value: v.curve, label: t.curve, fieldLabel: t.curveDegrees, disabled: this._controlsDisabled,
                  set: (curve) => this._set(c.id, { ...this._textSel(c.id), curve }, `curve:${c.id}`) })
              : nothing}
          </div>`
        : nothing}
      ${this._issueList(c.id)}
    </div>`;
  }

  /**
   * The keyboard twin of a placed item: its own Tab stop where arrows move it (Shift: 10 steps),
   * + and − resize, [ and ] rotate and Home recentres, within what `editable` allows. The canvas
   * preview drives the same transform by pointer.
   */
  private _renderPlacement(c: TextComponent | ImageComponent, sel: { transform?: Transform } | undefined): TemplateResult | typeof nothing {
    const e = { move: true, rotate: true, resize: true, ...c.editable };
    if (!sel || (!e.move && !e.rotate && !e.resize)) return nothing;
    const t = this._l.t;
    const tr = sel.transform ?? DEFAULT_TRANSFORM;
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    const state = t.placementState(pct(tr.x), pct(tr.y), pct(tr.scale), Math.round(tr.rotation));
    const keys = [e.move && t.placementMove, e.resize && t.placementResize, e.rotate && t.placementRotate, t.placementReset].filter(Boolean).join(' ');
    return html`<div class="placement" part="placement" tabindex=${this._controlsDisabled ? -1 : 0} role="group" aria-roledescription=${t.placedItem}
      aria-label="${this._label(c.label)}: ${state}" aria-describedby="place-help-${c.id}" @keydown=${(ev: KeyboardEvent) => this._onPlacementKey(ev, c, sel)}>
      <span aria-hidden="true" class="placement-state">✥ ${state}</span>
      <span class="hint" id="place-help-${c.id}">${keys}</span>
    </div>`;
  }

  private _onPlacementKey(ev: KeyboardEvent, c: TextComponent | ImageComponent, sel: { transform?: Transform }): void {
    const e = { move: true, rotate: true, resize: true, ...c.editable };
    const tr = { ...(sel.transform ?? DEFAULT_TRANSFORM) };
    const step = ev.shiftKey ? 0.1 : 0.01;
    const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
    const round = (v: number) => Math.round(v * 10000) / 10000;
    switch (ev.key) {
      case 'ArrowLeft': if (e.move) tr.x = clamp(round(tr.x - step), 0, 1); break;
      case 'ArrowRight': if (e.move) tr.x = clamp(round(tr.x + step), 0, 1); break;
      case 'ArrowUp': if (e.move) tr.y = clamp(round(tr.y - step), 0, 1); break;
      case 'ArrowDown': if (e.move) tr.y = clamp(round(tr.y + step), 0, 1); break;
      case '+': case '=': if (e.resize) tr.scale = round(Math.min(this._maxScale(c, sel), tr.scale * (ev.shiftKey && ev.key === '=' ? 1.25 : 1.05))); break;
      case '-': case '_': if (e.resize) tr.scale = round(Math.max(0.1, tr.scale / (ev.key === '_' ? 1.25 : 1.05))); break;
      case '[': case '{': if (e.rotate) tr.rotation = round(((tr.rotation - (ev.key === '{' ? 15 : 1) + 540) % 360) - 180); break;
      case ']': case '}': if (e.rotate) tr.rotation = round(((tr.rotation + (ev.key === '}' ? 15 : 1) + 540) % 360) - 180); break;
      case 'Home': Object.assign(tr, DEFAULT_TRANSFORM); break;
      default: return;
    }
    ev.preventDefault();
    ev.stopPropagation();
    this._set(c.id, { ...sel, transform: tr }, `place:${c.id}`);
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    let said = this._l.t.placementState(pct(tr.x), pct(tr.y), pct(tr.scale), Math.round(tr.rotation));
    const dpi = (this._evaluation?.components[c.id]?.value as { dpi?: number } | null)?.dpi;
    if (c.type === 'image' && dpi) said += `, ${this._l.t.dpiNow(dpi)}`;
    this._say(said);
  }

  /** An image may not grow past the size at which it would print below `minDpi`: the handle stops there. */
  private _maxScale(c: TextComponent | ImageComponent, sel: { transform?: Transform }): number {
    const asset = (sel as Partial<ImageSelection>).asset;
    const area = c.type === 'image' ? this._areaOf(c.area) : undefined;
    if (c.type !== 'image' || c.minDpi === undefined || !asset || !area) return 10;
    return Math.max(0.1, imageDpi(area, asset.width, asset.height, 1) / c.minDpi);
  }

  private _areaOf(ref: string) {
    const [viewId, areaId] = ref.split('.');
    return this._product?.views.find((v) => v.id === viewId)?.areas.find((a) => a.id === areaId);
  }

  private _renderImage(c: ImageComponent): TemplateResult {
    const t = this._l.t;
    const st = this._evaluation!.components[c.id]!;
    const sel = this._selections[c.id] as ImageSelection | undefined;
    const stored = sel?.asset ? this._assets.get(sel.asset.key) : undefined;
    const busy = this._busy.has(c.id);
    const dpi = (st.value as { dpi?: number } | null)?.dpi;
    const open = () => (this.renderRoot.querySelector(`#file-${CSS.escape(c.id)}`) as HTMLInputElement | null)?.click();
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      (e.currentTarget as HTMLElement).removeAttribute('data-drag');
      const f = e.dataTransfer?.files?.[0];
      if (f && !this._controlsDisabled) void this._acceptFile(c, f);
    };
    const onPaste = (e: ClipboardEvent) => {
      const f = [...(e.clipboardData?.files ?? [])][0];
      if (f && !this._controlsDisabled) {
        e.preventDefault();
        void this._acceptFile(c, f);
      }
    };
    return html`<div class="component" part="component" data-component=${c.id}>
      <span class="label" id="label-${c.id}">${this._label(c.label)}${st.required ? nothing : html`<span class="hint">(${t.optional})</span>`}</span>
      <div class="upload" @dragover=${(e: DragEvent) => { e.preventDefault(); (e.currentTarget as HTMLElement).setAttribute('data-drag', ''); }}
        @dragleave=${(e: DragEvent) => (e.currentTarget as HTMLElement).removeAttribute('data-drag')} @drop=${onDrop} @paste=${onPaste}>
        <input type="file" id="file-${c.id}" class="visually-hidden" tabindex="-1" accept=${(c.accept ?? DEFAULT_ACCEPT).join(',')}
          aria-labelledby="label-${c.id}" ?disabled=${this._controlsDisabled}
          @change=${(e: Event) => { const input = e.target as HTMLInputElement; const f = input.files?.[0]; input.value = ''; if (f) void this._acceptFile(c, f); }} />
        <div class="row">
          ${stored ? html`<img class="thumb" src=${stored.url} alt="" />` : nothing}
          <button type="button" class="secondary" @click=${open} ?disabled=${this._controlsDisabled || busy}
            aria-label="${stored ? t.replace : t.upload}: ${this._label(c.label)}" aria-describedby="issues-${c.id}">${stored ? t.replace : t.upload}</button>
          ${stored
            ? html`<button type="button" class="secondary" @click=${() => this._set(c.id, undefined)} ?disabled=${this._controlsDisabled}
                aria-label="${t.remove}: ${this._label(c.label)}">${t.remove}</button>`
            : nothing}
          ${busy ? html`<span class="busy" role="status">${t.reading}</span>` : nothing}
        </div>
        ${stored
          ? html`<span class="file-name">${stored.asset.name} · ${stored.asset.width} × ${stored.asset.height}${dpi ? html` · ${t.dpiNow(dpi)}` : nothing}</span>`
          : html`<span class="hint">${t.dropHere}</span>`}
      </div>
      ${stored ? this._renderPlacement(c, sel) : nothing}
      ${this._issueList(c.id)}
    </div>`;
  }

  private _renderToggle(c: ToggleComponent): TemplateResult {
    const on = this._evaluation!.components[c.id]!.value === true;
    return html`<div class="component" part="component" data-component=${c.id}>
      <label class="switch">
        <input type="checkbox" role="switch" .checked=${live(on)} ?disabled=${this._controlsDisabled} aria-describedby="issues-${c.id}"
          @change=${(e: Event) => this._set(c.id, (e.target as HTMLInputElement).checked)} />
        <span>${this._label(c.label)}</span>
        ${c.price ? html`<span class="price">+${this._price(c.price)}</span>` : nothing}
      </label>
      ${this._issueList(c.id)}
    </div>`;
  }

  private _renderPrice(): TemplateResult {
    const t = this._l.t;
    const price = this._evaluation!.price;
    return html`<div class="price-box" part="price">
      <div class="total"><span>${t.total}</span><span class="amount">${this._price(price.total)}</span></div>
      ${price.lines.length
        ? html`<details>
            <summary>${t.priceDetails}</summary>
            <ul class="lines">
              <li><span>${t.basePrice}</span><span>${this._price(price.base)}</span></li>
              ${price.lines.map((l) => html`<li><span>${l.label}${l.quantity ? ` (${l.quantity} × ${this._price(l.unitAmount ?? 0)})` : ''}</span><span>${l.amount < 0 ? '−' : '+'}${this._price(Math.abs(l.amount))}</span></li>`)}
            </ul>
          </details>`
        : nothing}
    </div>`;
  }
}
