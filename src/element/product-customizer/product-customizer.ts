import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { buildOrder, evaluate, resolveText, sha256Hex, sniffType } from '../../core/index.js';
import type { Component, Evaluation, ImageComponent, ImageSelection, Issue, LocalizedText, Order, Product, Selections, Transform } from '../../core/index.js';
import { AssetsController } from '../controllers/assets.js';
import { AutosaveController } from '../controllers/autosave.js';
import { FormController } from '../controllers/form.js';
import { HistoryController } from '../controllers/history.js';
import { PlacementController, maxScale, type Placeable } from '../controllers/placement.js';
import { PreviewController } from '../controllers/preview.js';
import { ProductController } from '../controllers/product.js';
import { UploadsController } from '../controllers/uploads.js';
import { choiceControl } from '../controls/choice.js';
import { placementControl } from '../controls/placement.js';
import { priceBox } from '../controls/price.js';
import type { ControlContext } from '../controls/context.js';
import { imageControl, type ImageControlContext } from '../controls/image.js';
import { textControl } from '../controls/text.js';
import { toggleControl } from '../controls/toggle.js';
import { CustomizationChangeEvent, CustomizerErrorEvent, CustomizerLoadEvent, OrderCustomizationEvent, type CustomizerErrorDetail } from '../events/events.js';
import { addLocale, LocalizeController, resolveLocale } from '../i18n/localize.js';
import type { PartialTranslation } from '../i18n/translation.js';
import { orderId } from '../order-id.js';
import { buildScene } from '../../render/scene/scene.js';
import { styles } from './product-customizer.styles.js';

export { ORDER_PREVIEW_SIZE } from '../controllers/preview.js';

const EMPTY: Selections = Object.freeze({}) as Selections;

/**
 * Lets a shopper personalise a product described in JSON: choices, texts, images and add-ons,
 * validated against the product's rules as they go, priced live, and handed to the shop as an
 * order (event, or the surrounding add-to-cart form).
 *
 * The element composes one controller per concern (src/element/controllers): product loading,
 * assets, uploads, form association, autosave, history, placement and the preview; each control
 * type renders from its own module (src/element/controls).
 *
 * @summary A product customizer for any shop page.
 *
 * @event customization-change - After every change the shopper makes. `detail: { selections, evaluation }`.
 * @event order-customization - When the shopper completes a valid design. `detail: { order, files }`.
 * @event customizer-error - A bad product, a failed load, an asset that did not load, a refused upload, a form that cannot carry files. `detail: { code, message, issues? }`.
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
 * @cssproperty --pc-preview-aspect - Width / height of the preview box before the product is known (e.g. `1000 / 1200`, the first view's size): set it in the page's CSS so the box is reserved and nothing shifts when the element loads (default: 1).
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
    _selections: { state: true },
    _evaluation: { state: true },
    _touched: { state: true },
    _submitted: { state: true },
    _notice: { state: true },
    _announce: { state: true },
    _ordering: { state: true },
    _formError: { state: true },
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

  private _selections: Selections = EMPTY;
  private _evaluation: Evaluation | null = null;
  private _touched: ReadonlySet<string> = new Set();
  private _submitted = false;
  private _notice = '';
  private _announce = '';
  private _ordering = false;
  /** Shown when the form cannot carry the uploads (a GET form). */
  private _formError = '';
  /** Texts the preview measured reaching outside their print area. */
  private _cut: ReadonlySet<string> = new Set();
  private _changeFrame = 0;
  private _formSeq = 0;
  /** The form value being built (the order is built asynchronously); `updateComplete` waits for it. */
  private _formValue: Promise<unknown> = Promise.resolve();

  private readonly _l = new LocalizeController(this, () => this._locale);
  private readonly _product = new ProductController(this, {
    t: () => this._l.t,
    loaded: (p) => this._loaded(p),
    failed: (d) => this._fail(d),
  });
  private readonly _assets = new AssetsController({
    t: () => this._l.t,
    changed: () => this._preview.schedule(),
    failed: (d) => this._fail(d),
    update: () => this.requestUpdate(),
  });
  private readonly _uploads = new UploadsController({
    t: () => this._l.t,
    accepted: (id, asset) => this._set(id, { asset }),
    refused: (id, message, issue) => this._fail({ code: 'upload-refused', message, issues: [issue] }),
    update: () => this.requestUpdate(),
  });
  private readonly _form = new FormController(this, {
    valid: () => this._evaluation?.valid === true,
    hasFiles: () => Object.values(this._selections).some((s) => !!(s as ImageSelection | undefined)?.asset),
    showProblems: () => this._showProblems(),
    refuseEncoding: () => {
      this._formError = this._l.t.formCannotCarryFiles;
      this._fail({ code: 'form-encoding', message: this._l.t.formCannotCarryFiles });
    },
    disabled: () => this.disabled,
  });
  private readonly _autosave = new AutosaveController();
  private readonly _history = new HistoryController<Selections>(this, EMPTY, (d) => (d === 'undo' ? this.undo() : this.redo()));
  private readonly _placement = new PlacementController(this);
  private readonly _preview = new PreviewController(this, {
    scene: () => {
      const p = this.product;
      if (!p) return null;
      return buildScene(p, this._selections, this._view(p).id, { locale: this._locale, ...(this._evaluation && { evaluation: this._evaluation }) });
    },
    layerUrls: (all) => {
      const p = this.product;
      if (!p) return [];
      return (all ? p.views : [this._view(p)]).flatMap((v) => v.layers.map((l) => this._resolveUrl(l.src)));
    },
    sources: {
      layer: (src) => this._assets.image(this._resolveUrl(src)),
      asset: (key) => this._uploads.get(key)?.bitmap,
      fontFamily: (font) => this._assets.fontFamily(font, this.product),
    },
    starting: (all) => this._startFonts(all),
    settled: (urls) => this._assets.settled(urls),
    onTransform: (id, transform) => {
      const sel = this._selections[id];
      const base = typeof sel === 'string' ? { text: sel } : (sel as object | undefined);
      if (base) this._set(id, { ...base, transform }, `place:${id}`);
    },
    onCut: (ids) => (this._cut = ids),
    maxScale: (id) => {
      const c = this._component(id);
      return c && (c.type === 'image' || c.type === 'text') ? maxScale(c, (this._selections[id] ?? {}) as { transform?: Transform }, this.product) : 10;
    },
  });

  /**
   * A page may set `product` or `selections` before the element is defined (a framework rendering
   * before the drop-in arrives, or the loader importing it only when the element nears the viewport):
   * the value then sits on the element itself and hides the accessors below. Taken over here, in the
   * order the accessors expect (the product, then the selections).
   */
  constructor() {
    super();
    const early = this as unknown as Record<string, unknown>;
    for (const key of ['product', 'selections']) {
      if (!Object.prototype.hasOwnProperty.call(early, key)) continue;
      const value = early[key];
      delete early[key];
      early[key] = value;
    }
  }

  // ---- public API -------------------------------------------------------------------------

  /** The product: set an object (the JSON value), read the parsed product. Setting an equal object again keeps the design. */
  get product(): Product | null {
    return this._product.product;
  }
  set product(value: unknown) {
    this._product.set(value);
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
   * Brings back a design saved elsewhere — a cart line's "Edit design", an order to re-make — with
   * the uploaded files its image selections reference (`files`: asset key → the file's bytes).
   * A file is taken only when it is the one its asset describes (same SHA-256, byte size and type
   * by its bytes); any other is left out, its image selection dropped, and reported as
   * `customizer-error` `upload-refused`. Does not fire `customization-change`. Waits for the
   * product when it is still loading.
   */
  async restoreDesign(selections: Selections, files: Record<string, Blob> = {}): Promise<void> {
    if (!this.product) await new Promise((resolve) => this.addEventListener('customizer-load', resolve, { once: true }));
    const next: Selections = selections && typeof selections === 'object' ? { ...selections } : {};
    for (const [id, value] of Object.entries(next)) {
      const asset = (value as ImageSelection | undefined)?.asset;
      if (!asset || typeof asset !== 'object') continue;
      const blob = Object.hasOwn(files, asset.key) ? files[asset.key] : undefined;
      const bytes = blob ? new Uint8Array(await blob.arrayBuffer()) : undefined;
      const why = !bytes ? 'no file was given for it'
        : bytes.byteLength !== asset.bytes || sniffType(bytes) !== asset.type || (await sha256Hex(bytes)) !== asset.sha256 ? 'the file is not the one the design used'
        : undefined;
      if (why || !bytes) {
        delete next[id];
        const message = `the picture “${asset.name}” could not be restored: ${why}`;
        this._fail({ code: 'upload-refused', message, issues: [{ code: 'asset-mismatch', severity: 'error', component: id, path: [id, 'asset'], message, params: { key: asset.key } }] });
        continue;
      }
      await this._uploads.restore(asset, new File([bytes], asset.name, { type: asset.type }));
    }
    this._history.clear(next);
    this._commit(next, { user: false });
  }

  /**
   * Resolves once the preview has drawn the current design with the active view's images, uploads
   * and fonts loaded (or failed). The preview is drawn once the element is in view: for tests and
   * for shops that screenshot the design.
   */
  get previewComplete(): Promise<void> {
    return this._preview.complete;
  }

  /** Resolves once the autosaved draft holds every change so far (its IndexedDB transaction completed). */
  get draftComplete(): Promise<void> {
    return this._autosave.complete;
  }

  /** The latest `evaluate` result: issues, price, components' states. */
  get evaluation(): Evaluation | null {
    return this._evaluation;
  }
  get validity(): ValidityState {
    return this._form.internals.validity;
  }
  get validationMessage(): string {
    return this._form.internals.validationMessage;
  }
  get form(): HTMLFormElement | null {
    return this._form.form;
  }
  checkValidity(): boolean {
    return this._form.internals.checkValidity();
  }
  /** Like a native control: if invalid, shows the problems, moves focus to the first and announces it. */
  reportValidity(): boolean {
    const ok = this._evaluation?.valid === true;
    if (!ok) this._showProblems();
    return ok;
  }

  /** The order and its files (uploads and preview images), as the `order-customization` event carries them. */
  async toOrder(): Promise<{ order: Order; files: Record<string, File> }> {
    const product = this.product;
    if (!product) throw new Error('product-customizer: no product is loaded');
    const { previews, files: previewFiles } = await this._preview.orderPreviews(product, this._selections, this._locale);
    const order = await buildOrder(product, this._selections, { locale: this._locale, previews, orderId: orderId() });
    return { order, files: { ...this._uploads.filesFor(order), ...previewFiles } };
  }

  /** What the element contributes to its form, as FormData. */
  async toFormData(): Promise<FormData> {
    const { order, files } = await this.toOrder();
    return this._formDataFor(order, files);
  }

  /** Completes the design: fires `order-customization` when valid; otherwise shows and focuses the first problem. */
  async requestOrder(): Promise<{ order: Order; files: Record<string, File> } | null> {
    if (!this.product || !this.reportValidity()) return null;
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
    this._uploads.errors = new Map();
    this._history.clear(EMPTY);
    this._commit(EMPTY, { user: true, record: false, save: false });
    if (this.autosave && this.product) this._autosave.remove(this.product.id);
  }

  // ---- form-associated callbacks ------------------------------------------------------------

  formResetCallback(): void {
    this.reset();
  }
  formDisabledCallback(disabled: boolean): void {
    this._form.formDisabled = disabled;
    this.requestUpdate();
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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this._changeFrame);
    this._changeFrame = 0;
  }

  /** Also waits for the form value of the latest design, so `await el.updateComplete` then submit posts it. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this._formValue;
    return done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') && this.product) this._commit(this._selections, { user: false, record: false });
  }

  // ---- product ------------------------------------------------------------------------------

  private get _locale(): string {
    const p = this.product;
    // A product without `locales` offers those its name is written in.
    return resolveLocale(this, this.locale, p?.locales ?? (p && typeof p.name === 'object' ? Object.keys(p.name) : undefined));
  }

  private _loaded(product: Product): void {
    this._touched = new Set();
    this._submitted = false;
    this._notice = '';
    this._formError = '';
    this._uploads.clear();
    this._history.clear(EMPTY);
    this._commit(EMPTY, { user: false });
    // The preview may be up already (a product that arrived after the element came into view).
    if (this._preview.started) this._startFonts();
    const done = this.autosave ? this._restoreDraft(product) : Promise.resolve();
    void done.then(() => this.updateComplete).then(() => {
      if (this.product === product) this.dispatchEvent(new CustomizerLoadEvent(product));
    });
  }

  /**
   * Fonts load once the preview is set up (in view and idle), for the product shown then or loaded
   * later: the fallback face first (texts draw in it at once, swapped when theirs arrive), a text's
   * own face when it is drawn, the others when idle; `all`: every face now (the order's previews).
   */
  private _startFonts(all = false): void {
    const p = this.product;
    if (!p) return;
    const resolve = (s: string) => this._resolveUrl(s);
    if (all) return this._assets.loadFonts(p, resolve);
    this._assets.loadFonts(p, resolve, new Set(p.fonts?.slice(0, 1).map((f) => f.family)));
    const rest = () => this.product === p && this._assets.loadFonts(p, resolve);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(rest, { timeout: 5000 });
    else setTimeout(rest, 1000);
  }

  private _fail(detail: CustomizerErrorDetail): void {
    this._say(detail.message);
    this.dispatchEvent(new CustomizerErrorEvent(detail));
  }

  private async _restoreDraft(product: Product): Promise<void> {
    const draft = await this._autosave.restore(product);
    if (this.product !== product || !draft) return;
    if (draft === 'outdated') {
      this._notice = this._l.t.draftOutdated;
      return;
    }
    for (const { asset, file } of draft.files) await this._uploads.restore(asset, file);
    this._history.clear(draft.selections);
    this._commit(draft.selections, { user: false });
    this._notice = this._l.t.draftRestored;
    this._scheduleChange();
  }

  // ---- state changes ------------------------------------------------------------------------

  private _commit(next: Selections, opts: { user: boolean; record?: boolean; mergeKey?: string; touch?: string; save?: boolean }): void {
    const product = this.product;
    this._selections = next;
    if (!product) return;
    if (opts.user && opts.record !== false) this._history.push(next, opts.mergeKey);
    const before = this._evaluation?.price.total;
    this._evaluation = evaluate(product, next, { locale: this._locale });
    if (opts.touch) this._touched = new Set(this._touched).add(opts.touch);
    if (before !== undefined && before !== this._evaluation.price.total)
      this._say(this._l.t.totalAnnounce(this._l.money(this._evaluation.price.total, this._evaluation.price.currency)));
    if (this._formError && !Object.values(next).some((v) => !!(v as ImageSelection | undefined)?.asset)) this._formError = '';
    this._syncForm(product);
    if (opts.user) {
      this._scheduleChange();
      if (this.autosave && opts.save !== false)
        void this._autosave.save(() => ({ product, selections: this._selections, file: (k) => this._uploads.get(k)?.file }));
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

  // ---- form ---------------------------------------------------------------------------------

  private _syncForm(product: Product): void {
    const ev = this._evaluation!;
    const firstError = ev.issues.find((i) => i.severity === 'error');
    const label = firstError?.component ? this._label(this._component(firstError.component)?.label) : '';
    this._form.setValidity(firstError ? { message: label ? `${label}: ${firstError.message}` : firstError.message, component: firstError.component } : null);
    const seq = ++this._formSeq;
    const state = JSON.stringify(this._selections);
    if (!ev.valid) return this._form.setValue(null, state);
    // A design with files needs a multipart form: switched now (POST), or refused at submit (GET).
    if (this._form.form) this._form.ensureEncoding();
    this._formValue = buildOrder(product, this._selections, { locale: this._locale, orderId: orderId() }).then(
      (order) => {
        if (seq === this._formSeq) this._form.setValue(this._formDataFor(order, this._uploads.filesFor(order)), state);
      },
      (e: unknown) => {
        if (seq === this._formSeq) this._fail({ code: 'order-failed', message: (e as Error).message });
      },
    );
  }

  private _formDataFor(order: Order, files: Record<string, File>): FormData {
    const fd = new FormData();
    const n = this.name || 'properties';
    for (const [label, value] of Object.entries(order.properties)) fd.append(`${n}[${label}]`, value);
    fd.append(`${n}[_customization]`, JSON.stringify(order));
    for (const [key, file] of Object.entries(files)) fd.append(`${n}[_file_${key}]`, file, file.name);
    return fd;
  }

  private _showProblems(): void {
    this._submitted = true;
    const errors = this._evaluation?.issues.filter((i) => i.severity === 'error') ?? [];
    const first = errors[0];
    if (!first) return;
    const label = first.component ? this._label(this._component(first.component)?.label) : '';
    this._say(`${this._l.t.fixProblems(errors.length)} ${label ? `${label}: ` : ''}${first.message}`);
    void this.updateComplete.then(() => this._form.anchorFor(first.component)?.focus());
  }

  // ---- helpers ------------------------------------------------------------------------------

  private _view(p: Product) {
    return p.views.find((v) => v.id === this.view) ?? p.views[0]!;
  }
  private _label(t: LocalizedText | undefined): string {
    return resolveText(t, this._locale, this.product?.locales);
  }
  private _component(id: string): Component | undefined {
    return this.product?.components.find((c) => c.id === id);
  }
  private _issuesFor(id: string): Issue[] {
    const ev = this._evaluation;
    if (!ev) return [];
    const show = this._submitted || this._touched.has(id);
    return ev.issues.filter((i) => i.component === id && (i.severity === 'warning' || show));
  }
  private _resolveUrl(src: string): string {
    const base = new URL(this.product?.assetsBase ?? '.', this._product.url ?? document.baseURI).href;
    return new URL(src, base).href;
  }
  private _price(amount: number): string {
    return this._l.money(amount, this.product?.currency ?? 'USD');
  }
  private get _controlsDisabled(): boolean {
    return this.disabled || this._form.formDisabled;
  }

  private _issueList(id: string): TemplateResult {
    const issues = this._issuesFor(id);
    const upload = this._uploads.errors.get(id);
    const t = this._l.t;
    return html`<div class="issues" part="issues" id="issues-${id}">
      ${upload ? html`<p class="issue error" role="alert">${upload}</p>` : nothing}
      ${this._cut.has(id) ? html`<p class="issue warning">${t.textCut}</p>` : nothing}
      ${issues.map((i) => html`<p class="issue ${i.severity}">${t.issues[i.code] && i.code !== 'pattern' && i.code !== 'rule' && i.code !== 'invalid-order' ? t.issues[i.code]!({ ...i.params, severity: i.severity }) : i.message}</p>`)}
    </div>`;
  }

  /** The keyboard twin of a placed item (its own Tab stop); the canvas drives the same transform by pointer. */
  private _placementHandle(c: Placeable, sel: { transform?: Transform } | undefined): TemplateResult | typeof nothing {
    return placementControl(c, sel, {
      t: this._l.t,
      label: this._label(c.label),
      disabled: this._controlsDisabled,
      touchOnly: this._placement.touchOnly,
      keyed: (ev) => (sel ? this._placement.keyed(ev, c, sel, this.product) : null),
      moved: (transform) => this._set(c.id, { ...sel, transform }, `place:${c.id}`),
      say: (text) => this._say(text),
      dpi: () => (this._evaluation?.components[c.id]?.value as { dpi?: number } | null)?.dpi,
    });
  }

  /** What the control modules read and call. */
  private _controls(): ImageControlContext {
    const ev = this._evaluation!;
    const root = this.renderRoot as ShadowRoot;
    return {
      t: this._l.t,
      selections: this._selections,
      disabled: this._controlsDisabled,
      state: (id) => ev.components[id]!,
      label: (t) => this._label(t),
      price: (a) => this._price(a),
      set: (id, value, mergeKey) => this._set(id, value, mergeKey),
      issueList: (id) => this._issueList(id),
      invalid: (id) => this._issuesFor(id).some((i) => i.severity === 'error'),
      placement: (c, sel) => this._placementHandle(c, sel),
      stored: (key) => this._uploads.get(key),
      busy: (id) => this._uploads.busy.has(id),
      take: (c: ImageComponent, file: File) => void this._uploads.accept(c, file),
      fileInput: (id) => root.querySelector<HTMLInputElement>(`#file-${CSS.escape(id)}`),
    };
  }

  // ---- render -------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const t = this._l.t;
    const error = this._product.error;
    const live = html`<div class="visually-hidden" aria-live="polite" role="status">${this._announce}</div>`;
    if (error && !this.product) {
      return html`<div class="error-box" part="error" role="alert">
          <h2>${error.message}</h2>
          ${error.issues?.length
            ? html`<ul>${error.issues.slice(0, 20).map((i) => html`<li><code>${i.path.join('.') || '(root)'}</code>: ${i.message}</li>`)}</ul>`
            : nothing}
        </div>${live}`;
    }
    const p = this.product;
    if (!p || !this._evaluation) {
      // The box is reserved from --pc-preview-aspect until the product says its real aspect.
      return html`<div class="layout" part="base" aria-busy="true">
        <section class="preview" part="preview"><div class="stage"></div></section>
        <div class="controls loading">${this._product.pending ? t.loading : nothing}</div>
      </div>`;
    }
    const ev = this._evaluation;
    const x = this._controls();
    const errors = ev.issues.filter((i) => i.severity === 'error');
    return html`<div class="layout" part="base" lang=${this._locale}>
      ${this._renderPreview(p)}
      <div class="controls" part="controls">
        <span class="visually-hidden" tabindex="-1" data-validity-anchor></span>
        ${this._notice ? html`<p class="notice" role="status">${this._notice}</p>` : nothing}
        ${this._formError ? html`<p class="notice error" role="alert">${this._formError}</p>` : nothing}
        ${p.components.map((c) => (ev.components[c.id]?.visible ? this._renderComponent(c, x) : nothing))}
        ${priceBox(this._evaluation.price, t, (a) => this._price(a))}
        ${this._submitted && errors.length
          ? html`<div class="problem-list" part="errors">
              ${t.fixProblems(errors.length)}
              <ul>${errors.map((i) => {
                const c = i.component ? this._component(i.component) : undefined;
                return html`<li>${c ? `${this._label(c.label)}: ` : ''}${i.message}</li>`;
              })}</ul>
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
      ${live}
    </div>`;
  }

  /** The live preview: the preview controller draws into `.stage` once the element is in view and the page idle. */
  private _renderPreview(p: Product): TemplateResult {
    const view = this._view(p);
    const t = this._l.t;
    const failures = this._assets.failures;
    return html`<section class="preview" part="preview" aria-label=${this._label(view.label)} style="--_aspect: ${view.width} / ${view.height}">
      <div class="stage" role="img" aria-label=${this._label(view.label)} data-wait=${this._preview.started ? nothing : t.previewLoading}></div>
      ${failures.length ? html`<p class="notice asset-failures" role="status">${failures.join(' ')}</p>` : nothing}
      ${p.views.length > 1
        ? html`<div class="view-tabs" part="view-tabs" role="tablist" aria-label=${t.views}>
            ${p.views.map((v) => html`<button type="button" role="tab" aria-selected=${v.id === view.id ? 'true' : 'false'} @click=${() => (this.view = v.id)}>${this._label(v.label)}</button>`)}
          </div>`
        : nothing}
    </section>`;
  }

  private _renderComponent(c: Component, x: ImageControlContext): TemplateResult {
    switch (c.type) {
      case 'choice':
        return choiceControl(c, x);
      case 'text':
        return textControl(c, x);
      case 'image':
        return imageControl(c, x);
      case 'toggle':
        return toggleControl(c, x as ControlContext);
    }
  }
}
