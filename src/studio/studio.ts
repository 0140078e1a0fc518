import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatPath } from '../core/index.js';
import type { Issue } from '../core/index.js';
import '../element/define.js';
import { BLANK_PRODUCT, StudioStore, clone, firstSelection, type Doc, type StoreChange } from './store.js';
import { ProductChangeEvent } from './events.js';
import { studioWords, type StudioWords } from './i18n.js';
import { imageSize, uploadAsset } from './assets.js';
import { loadDraft, saveDraft } from './drafts.js';
import { productLocales } from './locales.js';
import { addArea, addLayer, addView, areaIndex, removeArea, removeView, setAreaBox } from './commands.js';
import { ViewWorkspace, type Tool } from './workspace/view-workspace.js';
import type { Ctx } from './fields/context.js';
import { fileButton } from './fields/fields.js';
import { productPanel, type PublishedRevision } from './panels/product-panel.js';
import { componentsPanel } from './panels/components-panel.js';
import { rulesPanel } from './panels/rules-panel.js';
import { translationsPanel } from './panels/translations-panel.js';
import { layersPanel } from './panels/layers-panel.js';
import { inspector } from './panels/inspector.js';
import { studioStyles } from './studio.styles.js';

export { BLANK_PRODUCT };
type Tab = 'product' | 'components' | 'rules' | 'translations';
const TABS: Tab[] = ['product', 'components', 'rules', 'translations'];

/**
 * The merchant's editor (SPEC §7), built as a store, a workspace and panels (STYLE 17): the
 * product document is the one truth (`store.ts`); the view workspace draws it on a Konva Stage
 * with a Transformer; the side panels (product, components, rules, translations; layers,
 * selection, issues, preview) read the store and send commands. Assets are uploaded, never inlined.
 *
 * @summary The merchant's product editor.
 * @event product-change - After every edit, undo and redo. `detail: { product, issues }`.
 * @event asset-upload - Without `asset-upload-url`: cancelable; `detail: { file, respondWith(promiseOfUrl) }`.
 * @csspart toolbar - New, import, export, undo, redo, publish.
 * @csspart panels - The left side panels.
 * @csspart workspace - The view workspace (the stage).
 * @csspart inspector - Layers, the selection, issues and the preview.
 * @csspart issues - The product's issues.
 * @csspart preview - The live preview.
 */
export class ProductCustomizerStudio extends LitElement {
  static override styles = studioStyles;

  /** Keeps the draft across reloads (IndexedDB). */
  @property({ type: Boolean, reflect: true }) autosave = false;
  /** Where Publish sends the product (POST, form field `json`). */
  @property({ attribute: 'publish-url', reflect: true }) publishUrl?: string;
  /** The studio's own words: `en` (default) or `zh-CN`. */
  @property({ reflect: true }) locale?: string;
  /** Where each uploaded image or font is POSTed (multipart field `file`; answer `{ url }`). Without it: the `asset-upload` event. */
  @property({ attribute: 'asset-upload-url', reflect: true }) assetUploadUrl?: string;
  /** Where the document's relative asset URLs resolve in the studio (its `assetsBase`, if relative, resolves against this). */
  @property({ attribute: 'assets-base', reflect: true }) assetsBase?: string;
  /** A JSON list of published revisions `[{ id, revision, name, url }]` the merchant can open for editing; refreshed after Publish. */
  @property({ attribute: 'revisions-url', reflect: true }) revisionsUrl?: string;

  /** The store (document, history, selection); panels and the workspace read it and send commands. */
  readonly store = new StudioStore(clone(BLANK_PRODUCT));
  @state() private _tab: Tab = 'product';
  @state() private _status = '';
  @state() private _tool: Tool = 'select';
  @state() private _published?: PublishedRevision[];
  private _workspace?: ViewWorkspace;
  private _productSet = false;
  /** The URL the document was opened from (a published product), for its relative assets. */
  private _docUrl?: string;
  private _resize?: ResizeObserver;
  private _previewed?: Doc;
  /** The locales the document has shown since it was loaded. */
  private _locales = new Set<string>();
  private _previewEl?: Element;

  /** The document being edited, exactly (nothing added or dropped). Setting imports a document as it is. */
  get product(): Doc {
    return clone(this.store.doc);
  }
  set product(value: unknown) {
    this._productSet = true;
    this._docUrl = undefined;
    this.store.reset(value && typeof value === 'object' ? clone(value as Doc) : clone(BLANK_PRODUCT));
  }
  /** parseProduct's issues with the current document. */
  get issues(): Issue[] {
    return this.store.issues;
  }
  undo(): void {
    this.store.undo();
  }
  redo(): void {
    this.store.redo();
  }

  private get _t(): StudioWords {
    return studioWords(this.locale);
  }

  /** Resolves when the latest draft write (autosave) has finished; a failed write rejects it. */
  get draftComplete(): Promise<void> {
    return this._draftWrite;
  }
  private _draftWrite: Promise<void> = Promise.resolve();

  override connectedCallback(): void {
    // A `product` set on the element before it was upgraded is an own property hiding the accessor.
    if (Object.prototype.hasOwnProperty.call(this, 'product')) {
      const value = (this as unknown as { product: unknown }).product;
      delete (this as unknown as { product?: unknown }).product;
      this.product = value;
    }
    super.connectedCallback();
    this.store.addEventListener('change', this._onStore);
    this.addEventListener('keydown', this._onKey);
    if (this.autosave) void this._restoreDraft();
    if (this.revisionsUrl) void this._loadRevisions();
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.store.removeEventListener('change', this._onStore);
    this.removeEventListener('keydown', this._onKey);
    this._workspace?.destroy();
    this._workspace = undefined;
    this._resize?.disconnect();
  }

  private async _restoreDraft(): Promise<void> {
    try {
      const draft = await loadDraft();
      if (!draft || this._productSet) return;
      this.store.reset(draft);
      this._status = this._t.draftRestored;
      this.dispatchEvent(new ProductChangeEvent({ product: this.product, issues: this.store.issues }));
    } catch (e) {
      this._status = this._t.draftFailed((e as Error).message);
    }
  }

  private _onStore = (e: Event) => {
    const kind = (e as CustomEvent<StoreChange>).detail;
    if (kind === 'load') this._locales.clear();
    if (kind !== 'select') {
      if (this.autosave) {
        // One write at a time, in order: the last edit's document is the one that stays.
        const doc = this.store.doc;
        this._draftWrite = this._draftWrite.catch(() => undefined).then(() => saveDraft(doc));
        this._draftWrite.catch((err: Error) => (this._status = this._t.draftFailed(err.message)));
      }
      if (kind === 'edit') this.dispatchEvent(new ProductChangeEvent({ product: this.product, issues: this.store.issues }));
    }
    this.requestUpdate();
  };

  private _onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z') return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (target?.tagName === 'TEXTAREA') return; // raw JSON keeps the browser's own undo while typing
    e.preventDefault();
    if (e.shiftKey) this.redo();
    else this.undo();
  };

  /** Resolves an asset URL the way the product does: against its assetsBase, against the studio's base. */
  private _base(): URL {
    const studioBase = new URL(this.assetsBase ?? this._docUrl ?? '.', document.baseURI);
    const own = this.store.doc.assetsBase;
    return typeof own === 'string' ? new URL(own, studioBase) : studioBase;
  }
  private _src = (url: string): string => {
    try {
      return new URL(url, this._base()).href;
    } catch {
      return url;
    }
  };
  private _previewDoc(): Doc {
    return { ...this.store.doc, assetsBase: this._base().href };
  }

  private async _upload(file: File): Promise<string | undefined> {
    const t = this._t;
    this._status = t.uploading(file.name);
    try {
      const url = await uploadAsset(this, file, this.assetUploadUrl, this.store.doc.assetsBase);
      this._status = url ? t.uploaded(file.name) : t.uploadCancelled(file.name);
      return url;
    } catch (e) {
      this._status = (e as Error).message;
      return undefined;
    }
  }

  private async _addView(file: File): Promise<void> {
    let size;
    try {
      size = await imageSize(file);
    } catch {
      this._status = this._t.notImage(file.name);
      return;
    }
    const url = await this._upload(file);
    if (!url) return;
    const r = addView(this.store.doc, url, size.width, size.height);
    this.store.commit(r.doc);
    this.store.select({ view: r.index, area: undefined, layer: undefined });
    this._tool = 'rect';
  }
  private async _addLayer(file: File): Promise<void> {
    const url = await this._upload(file);
    if (!url) return;
    const vi = this.store.selection.view;
    const r = addLayer(this.store.doc, vi, url);
    this.store.commit(r.doc);
    this.store.select({ layer: r.id, area: undefined });
  }

  private _newProduct(): void {
    this._docUrl = undefined;
    this.store.commit(clone(BLANK_PRODUCT));
    this.store.select({ ...firstSelection(this.store.doc), area: firstSelection(this.store.doc).area, layer: undefined, component: undefined, rule: undefined });
  }
  private async _import(file: File): Promise<void> {
    try {
      const doc = JSON.parse(await file.text());
      this._docUrl = undefined;
      this.store.commit(doc);
      this.store.select({ ...firstSelection(this.store.doc), area: firstSelection(this.store.doc).area, layer: undefined, component: undefined, rule: undefined });
      this._status = this._t.imported(file.name);
    } catch (e) {
      this._status = this._t.notJson(file.name, (e as Error).message);
    }
  }
  private _export(): void {
    const blob = new Blob([JSON.stringify(this.store.doc, null, 2) + '\n'], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${this.store.doc.id ?? 'product'}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000); // after the download has started
  }
  private async _publish(): Promise<void> {
    if (!this.publishUrl) return;
    const res = await fetch(this.publishUrl, { method: 'POST', body: new URLSearchParams({ json: JSON.stringify(this.store.doc) }), credentials: 'same-origin' });
    this._status = res.ok ? this._t.published(String(this.store.doc.revision)) : this._t.publishFailed(res.status);
    if (res.ok && this.revisionsUrl) await this._loadRevisions();
  }
  private async _loadRevisions(): Promise<void> {
    if (!this.revisionsUrl) return;
    try {
      const res = await fetch(this.revisionsUrl, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const list = await res.json();
      this._published = Array.isArray(list) ? list : [];
    } catch (e) {
      this._status = `${this.revisionsUrl}: ${(e as Error).message}`;
    }
  }
  private async _edit(r: PublishedRevision): Promise<void> {
    try {
      const url = new URL(r.url, document.baseURI).href;
      const res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const doc = await res.json();
      this._docUrl = url;
      this.store.commit(doc);
      this.store.select({ ...firstSelection(this.store.doc), area: firstSelection(this.store.doc).area, layer: undefined, component: undefined, rule: undefined });
      this._status = this._t.loaded(r.id, r.revision);
    } catch (e) {
      this._status = `${r.url}: ${(e as Error).message}`;
    }
  }

  /** Selects what an issue is about, then focuses its field. */
  private async _focusIssue(i: Issue): Promise<void> {
    const [head, index, , areaIdx] = i.path;
    if (head === 'components' && typeof index === 'number') {
      this._tab = 'components';
      this.store.select({ component: index });
    } else if (head === 'rules' && typeof index === 'number') {
      this._tab = 'rules';
      this.store.select({ rule: index });
    } else if (head === 'views' && typeof index === 'number') {
      const area = i.path[2] === 'areas' && typeof areaIdx === 'number' ? this.store.doc.views?.[index]?.areas?.[areaIdx]?.id : undefined;
      this.store.select({ view: index, area, layer: undefined });
    } else if (head !== undefined) {
      this._tab = 'product';
    }
    await this.updateComplete;
    const root = this.renderRoot as ShadowRoot;
    for (let n = i.path.length; n > 0; n--) {
      const el = root.querySelector<HTMLElement>(`[data-path="${CSS.escape(formatPath(i.path.slice(0, n)))}"]`);
      if (el) {
        el.focus();
        el.scrollIntoView({ block: 'center' });
        return;
      }
    }
  }

  private _onStageKey = (e: KeyboardEvent) => {
    const vi = this.store.selection.view;
    const id = this.store.selection.area;
    const ai = areaIndex(this.store.doc, vi, id);
    if (ai < 0 || id === undefined) return;
    const a = this.store.doc.views[vi].areas[ai];
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      this.store.update((d) => removeArea(d, vi, id));
      this.store.select({ area: undefined });
      return;
    }
    const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (!d) return;
    e.preventDefault();
    const step = e.shiftKey ? 10 : 1;
    const box = e.altKey
      ? { x: a.x, y: a.y, width: Math.max(1, a.width + d[0]! * step), height: Math.max(1, a.height + d[1]! * step) }
      : { x: a.x + d[0]! * step, y: a.y + d[1]! * step, width: a.width, height: a.height };
    this.store.update((doc) => setAreaBox(doc, vi, id, box), `key:${id}:${e.altKey ? 'size' : 'move'}`);
  };

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this._preview();
    const el = this.renderRoot.querySelector<HTMLDivElement>('.stage');
    if (!el) {
      this._workspace?.destroy();
      this._workspace = undefined;
      return;
    }
    if (!this._workspace || this._workspace.stage.container() !== el) {
      this._workspace?.destroy();
      this._workspace = new ViewWorkspace(el, {
        select: (area) => this.store.select({ area, layer: undefined }),
        box: (area, box) => this.store.update((d) => setAreaBox(d, this.store.selection.view, area, box)),
        draw: (box, shape) => {
          const r = addArea(this.store.doc, this.store.selection.view, box, shape);
          this.store.commit(r.doc);
          this._tool = 'select';
          this.store.select({ area: r.id, layer: undefined });
        },
        src: this._src,
      });
      this._resize?.disconnect();
      this._resize = new ResizeObserver(() => this._drawStage());
      this._resize.observe(el);
    }
    this._drawStage();
  }
  /**
   * The preview gets the document after the studio rendered, outside lit's commit: a product the
   * element cannot show yet must never take the editor down with it; its error is shown instead.
   */
  private _preview(): void {
    const el = this.renderRoot.querySelector('product-customizer') as (HTMLElement & { product: unknown }) | null;
    if (!el || (this._previewed === this.store.doc && this._previewEl === el)) return;
    this._previewed = this.store.doc;
    this._previewEl = el;
    try {
      el.product = this._previewDoc();
    } catch (e) {
      this._status = `${this._t.preview}: ${(e as Error).message}`;
      console.error('product-customizer-studio: the preview failed', e);
    }
  }
  private _drawStage(): void {
    if (!this._workspace) return;
    this._workspace.tool = this._tool;
    this._workspace.render(this.store.doc.views?.[this.store.selection.view], this.store.selection.area);
  }

  private _ctx(): Ctx {
    const store = this.store;
    let minor = 100;
    try {
      minor = 10 ** (new Intl.NumberFormat('en', { style: 'currency', currency: String(store.doc.currency) }).resolvedOptions().maximumFractionDigits ?? 2);
    } catch {
      minor = 100; // an invalid currency is reported by parseProduct; amounts keep two decimals meanwhile
    }
    // Locales stay listed while their last text is being retyped (the field must not vanish mid-word).
    for (const l of productLocales(store.doc)) this._locales.add(l);
    return { store, doc: store.doc, t: this._t, locales: [...this._locales], upload: (f) => this._upload(f), src: this._src, say: (m) => (this._status = m), minor };
  }

  protected override render(): TemplateResult {
    const t = this._t;
    const ctx = this._ctx();
    const doc = ctx.doc;
    const issues = this.store.issues;
    const errors = issues.some((i) => i.severity === 'error');
    const views: Doc[] = Array.isArray(doc.views) ? doc.views : [];
    const vi = this.store.selection.view;
    const view = views[vi];
    const label = (v: Doc) => (typeof v?.label === 'string' ? v.label : v?.label && typeof v.label === 'object' ? String(Object.values(v.label)[0] ?? v.id) : String(v?.id));
    const panel = { product: () => productPanel(ctx, this._published, (r) => this._edit(r)), components: () => componentsPanel(ctx), rules: () => rulesPanel(ctx), translations: () => translationsPanel(ctx) }[this._tab];
    return html`
      <div class="topbar" part="toolbar" role="toolbar" aria-label=${t.toolbar}>
        <span class="title">${t.studio}</span>
        <button type="button" @click=${() => this._newProduct()}>${t.newProduct}</button>
        ${fileButton(t.importJson, 'application/json,.json', (f) => this._import(f))}
        <button type="button" @click=${() => this._export()}>${t.exportJson}</button>
        <button type="button" ?disabled=${!this.store.canUndo} @click=${() => this.undo()}>${t.undo}</button>
        <button type="button" ?disabled=${!this.store.canRedo} @click=${() => this.redo()}>${t.redo}</button>
        ${this.publishUrl ? html`<button type="button" class="primary" ?disabled=${errors} @click=${() => this._publish()}>${t.publish}</button>` : nothing}
        <span class="status" role="status" aria-live="polite">${this._status}</span>
      </div>
      <div class="layout">
        <aside class="left" part="panels" aria-label=${t.panels}>
          <div class="tabs" role="tablist" aria-label=${t.panels}>${TABS.map((tab) => html`<button type="button" role="tab" id="tab-${tab}" aria-controls="panel-${tab}"
            aria-selected=${this._tab === tab ? 'true' : 'false'} tabindex=${this._tab === tab ? '0' : '-1'} @click=${() => (this._tab = tab)}
            @keydown=${(e: KeyboardEvent) => this._tabKey(e, tab)}>${t[tab]}</button>`)}</div>
          <div class="tabpanel" role="tabpanel" id="panel-${this._tab}" aria-labelledby="tab-${this._tab}">${panel()}</div>
        </aside>
        <section class="center" part="workspace" aria-label=${t.views}>
          <div class="viewbar">
            <div class="row wrap" role="group" aria-label=${t.views}>${views.map((v, i) => html`<button type="button" aria-pressed=${i === vi ? 'true' : 'false'} @click=${() => this.store.select({ view: i, area: typeof v?.areas?.[0]?.id === 'string' ? v.areas[0].id : undefined, layer: undefined })}>${label(v)}</button>`)}</div>
            ${view ? html`${fileButton(t.addView, 'image/png,image/jpeg,image/webp', (f) => this._addView(f))}<button type="button" class="danger" @click=${() => this.store.update((d) => removeView(d, vi))}>${t.removeView}</button>
              <span class="sep"></span>
              <div class="row" role="group" aria-label=${t.tools}>${([['select', t.select], ['rect', t.drawRect], ['ellipse', t.drawEllipse]] as [Tool, string][]).map(([tool, name]) =>
                html`<button type="button" aria-pressed=${this._tool === tool ? 'true' : 'false'} @click=${() => (this._tool = tool)}>${name}</button>`)}</div>` : nothing}
          </div>
          <div class="canvas">
            ${view ? html`<div class="stage" tabindex="0" role="application" aria-label=${t.stage(label(view))} aria-roledescription="canvas" @keydown=${this._onStageKey}></div>`
              : html`<div class="empty"><p>${t.noViews}</p>${fileButton(t.addView, 'image/png,image/jpeg,image/webp', (f) => this._addView(f))}</div>`}
          </div>
        </section>
        <aside class="right" part="inspector" aria-label=${t.inspector}>
          ${view ? html`<section aria-labelledby="layers-h"><h3 id="layers-h">${t.layers}</h3>${layersPanel(ctx, (f) => this._addLayer(f))}</section>
            <section aria-labelledby="sel-h"><h3 id="sel-h">${t.inspector}</h3>${inspector(ctx)}</section>` : nothing}
          <section part="issues" aria-labelledby="issues-h"><h3 id="issues-h">${t.issues}: ${issues.length ? t.issueCount(issues.length) : t.noIssues}</h3>
            <ul class="issues">${issues.map((i) => html`<li class=${i.severity}><button type="button" @click=${() => this._focusIssue(i)}>${i.severity}: ${formatPath(i.path)} — ${i.message}</button></li>`)}</ul>
          </section>
          <section part="preview" aria-labelledby="preview-h"><h3 id="preview-h">${t.preview}</h3>
            ${!errors && views.length ? html`<product-customizer locale=${this.locale === 'zh-CN' ? 'zh-CN' : nothing} no-submit></product-customizer>` : html`<p class="muted">${t.previewWaits}</p>`}
          </section>
        </aside>
      </div>`;
  }

  private _tabKey(e: KeyboardEvent, tab: Tab): void {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + d + TABS.length) % TABS.length]!;
    this._tab = next;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }
}
