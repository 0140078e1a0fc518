import { LitElement, html, nothing, css, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { formatPath, parseProduct } from '../core/index.js';
import type { Issue, Path } from '../core/index.js';
import { History } from '../element/controllers/history.js';
import '../element/define.js';

type Doc = Record<string, any>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const DRAFT_KEY = 'product-customizer-studio:draft';

function getIn(doc: unknown, path: Path): any {
  let cur: any = doc;
  for (const seg of path) cur = cur == null ? undefined : cur[seg];
  return cur;
}
/** A new document with `value` at `path` (undefined removes the key); the old one is untouched. */
function setIn(doc: any, path: Path, value: unknown): any {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const base = Array.isArray(doc) ? [...doc] : { ...(doc ?? (typeof head === 'number' ? [] : {})) };
  const next = setIn((base as any)[head!], rest, value);
  if (next === undefined && !Array.isArray(base)) delete (base as any)[head!];
  else (base as any)[head!] = next;
  return base;
}
const text = (t: unknown) => (typeof t === 'string' ? t : t && typeof t === 'object' ? ((t as any).en ?? Object.values(t)[0] ?? '') : '');
const readFile = (f: File) => new Promise<string>((res, rej) => {
  const r = new FileReader();
  r.onload = () => res(String(r.result));
  r.onerror = () => rej(r.error);
  r.readAsDataURL(f);
});
const imageSize = (src: string) => new Promise<{ width: number; height: number }>((res, rej) => {
  const i = new Image();
  i.onload = () => res({ width: i.naturalWidth, height: i.naturalHeight });
  i.onerror = () => rej(new Error('not an image'));
  i.src = src;
});

export const BLANK_PRODUCT = { schemaVersion: 1, id: 'new-product', revision: '1', name: 'New product', currency: 'USD', basePrice: 0, views: [], components: [], rules: [] };

/**
 * The merchant's editor: builds a product definition visually — views from uploaded mockups with
 * print areas drawn on them, components and their options, rules — with the real
 * <product-customizer> previewing it live and the core's issues beside it. Its state is the
 * product JSON itself, so export is exact and undo is a stack of documents.
 *
 * @summary The merchant's product editor.
 * @event product-change - After every edit. `detail: { product, issues }`.
 * @csspart toolbar - Import, export, publish, undo, redo.
 * @csspart form - The editing form.
 * @csspart issues - The product's issues.
 * @csspart preview - The live preview.
 */
export class ProductCustomizerStudio extends LitElement {
  static override styles = css`
    :host { display: block; font: 15px/1.45 system-ui, sans-serif; color: #1c1d1f; --_b: #c9ccd1; --_a: #1f4fd1; }
    * { box-sizing: border-box; }
    .layout { display: grid; gap: 20px; grid-template-columns: minmax(0, 1.2fr) minmax(300px, 1fr); align-items: start; }
    @media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
    .toolbar { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 16px; }
    button, .filebtn { font: inherit; min-height: 36px; padding: 6px 12px; border: 1px solid var(--_b); border-radius: 8px; background: #fff; cursor: pointer; }
    button.primary { background: var(--_a); color: #fff; border-color: var(--_a); }
    button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, .editor:focus-visible { outline: 3px solid color-mix(in srgb, var(--_a) 50%, transparent); outline-offset: 1px; }
    fieldset { border: 1px solid #e4e4e7; border-radius: 10px; padding: 12px 14px; margin: 0 0 14px; display: grid; gap: 10px; background: #fff; }
    legend { font-weight: 700; padding: 0 6px; }
    .row { display: flex; flex-wrap: wrap; gap: 10px; align-items: end; }
    label { display: grid; gap: 3px; font-size: 13px; color: #3f4349; }
    label.check { display: flex; align-items: center; gap: 6px; }
    input, select, textarea { font: inherit; padding: 6px 8px; border: 1px solid var(--_b); border-radius: 6px; min-height: 34px; background: #fff; }
    input[type='number'] { width: 96px; } input.money { width: 110px; } input[type='color'] { padding: 2px; width: 48px; }
    textarea { width: 100%; font: 13px ui-monospace, monospace; min-height: 70px; }
    .editor { position: relative; border: 1px solid var(--_b); border-radius: 8px; overflow: hidden; touch-action: none; cursor: crosshair; background: #f4f5f6; max-width: 520px; }
    .editor img { display: block; width: 100%; pointer-events: none; user-select: none; }
    .area { position: absolute; border: 2px dashed var(--_a); background: color-mix(in srgb, var(--_a) 12%, transparent); font-size: 11px; color: var(--_a); padding: 2px 4px; }
    .area.ellipse { border-radius: 50%; }
    .item { border-top: 1px solid #eee; padding-top: 10px; display: grid; gap: 8px; }
    .item[draggable='true'] .grip { cursor: grab; }
    .issues { list-style: none; padding: 0; margin: 0; display: grid; gap: 4px; font-size: 13px; }
    .issues button { all: unset; cursor: pointer; display: block; padding: 6px 8px; border-radius: 6px; }
    .issues button:focus-visible { outline: 2px solid var(--_a); }
    .issues .error button { color: #b3261e; background: #fdecea; } .issues .warning button { color: #8a5a00; background: #fff4e0; }
    .muted { color: #5d6167; font-size: 13px; }
    .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  `;

  /** Keeps the draft across reloads (localStorage). */
  @property({ type: Boolean, reflect: true }) autosave = false;
  /** Where Publish sends the product (POST, form field `json`). */
  @property({ attribute: 'publish-url', reflect: true }) publishUrl?: string;
  @property({ reflect: true }) locale?: string;
  /** Where the document's relative asset URLs resolve (its `assetsBase`, if relative, resolves against this). */
  @property({ attribute: 'assets-base', reflect: true }) assetsBase?: string;

  @state() private _doc: Doc = clone(BLANK_PRODUCT);
  @state() private _issues: Issue[] = [];
  @state() private _status = '';
  private _history = new History<Doc>(this._doc);
  private _drag?: { view: number; x0: number; y0: number; x1: number; y1: number; box: DOMRect; scale: number };

  /** The document being edited, exactly (nothing added or dropped). Setting imports a document as it is. */
  get product(): Doc {
    return clone(this._doc);
  }
  set product(value: unknown) {
    const doc = value && typeof value === 'object' ? clone(value as Doc) : clone(BLANK_PRODUCT);
    this._history.clear(doc);
    this._apply(doc, false);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this._onKey);
    if (this.autosave) {
      try {
        const saved = localStorage.getItem(DRAFT_KEY);
        if (saved) this.product = JSON.parse(saved);
      } catch (e) {
        console.warn('product-customizer-studio: the saved draft could not be read:', e);
      }
    }
    this._check();
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this._onKey);
  }

  undo(): void {
    const d = this._history.undo();
    if (d) this._apply(d, true);
  }
  redo(): void {
    const d = this._history.redo();
    if (d) this._apply(d, true);
  }

  private _onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z') return;
    const t = e.composedPath()[0] as HTMLElement;
    if (t?.tagName === 'TEXTAREA') return; // raw JSON editors keep their own undo while typing
    e.preventDefault();
    if (e.shiftKey) this.redo();
    else this.undo();
  };

  private _check(): void {
    this._issues = parseProduct(this._doc).issues;
  }

  private _apply(doc: Doc, notify: boolean): void {
    this._doc = doc;
    this._check();
    if (this.autosave) {
      try {
        localStorage.setItem(DRAFT_KEY, JSON.stringify(doc));
      } catch (e) {
        this._status = `The draft could not be saved (${(e as Error).message}).`;
      }
    }
    if (notify) this.dispatchEvent(new CustomEvent('product-change', { detail: { product: this.product, issues: this._issues }, bubbles: true, composed: true }));
  }

  /** Every edit goes through here: a new document, a history step, a product-change event. */
  edit(path: Path, value: unknown, mergeKey?: string): void {
    const next = setIn(this._doc, path, value);
    this._history.push(next, mergeKey);
    this._apply(next, true);
  }

  /** An asset URL as the browser can load it: data URLs as they are, relative ones against the bases. */
  private _src(src: string): string {
    if (/^(data:|blob:|https?:)/.test(src)) return src;
    const base = new URL(this.assetsBase ?? '.', document.baseURI);
    return new URL(src, new URL(this._doc.assetsBase ?? '.', base)).href;
  }
  /** The document for the preview: the same, with its assets made absolute (the document itself is untouched). */
  private _previewDoc(): Doc {
    return this.assetsBase ? { ...this._doc, assetsBase: new URL(this._doc.assetsBase ?? '.', new URL(this.assetsBase, document.baseURI)).href } : this._doc;
  }

  // ---- fields -------------------------------------------------------------------------------------

  private _id(path: Path) {
    return `f-${formatPath(path).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  }
  private _text(label: string, path: Path, opts: { placeholder?: string } = {}): TemplateResult {
    const v = getIn(this._doc, path);
    return html`<label>${label}<input data-path=${formatPath(path)} id=${this._id(path)} .value=${live(typeof v === 'string' || typeof v === 'number' ? String(v) : text(v))} placeholder=${opts.placeholder ?? ''}
      @input=${(e: Event) => this.edit(path, (e.target as HTMLInputElement).value, formatPath(path))} /></label>`;
  }
  private _num(label: string, path: Path, opts: { int?: boolean; optional?: boolean } = {}): TemplateResult {
    const v = getIn(this._doc, path);
    return html`<label>${label}<input type="number" step=${opts.int ? '1' : 'any'} data-path=${formatPath(path)} id=${this._id(path)} .value=${live(v === undefined ? '' : String(v))}
      @input=${(e: Event) => {
        const raw = (e.target as HTMLInputElement).value;
        this.edit(path, raw === '' && opts.optional ? undefined : Number(raw), formatPath(path));
      }} /></label>`;
  }
  /** Money typed in major units ("19.99"), stored in minor units (1999) for the product's currency. */
  private _money(label: string, path: Path, optional = false): TemplateResult {
    const v = getIn(this._doc, path);
    const digits = this._digits();
    return html`<label>${label} (${this._doc.currency ?? ''})<input class="money" inputmode="decimal" data-path=${formatPath(path)} id=${this._id(path)} .value=${live(v === undefined ? '' : (v / 10 ** digits).toFixed(digits))}
      @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
      @change=${(e: Event) => {
        const raw = (e.target as HTMLInputElement).value.trim().replace(',', '.');
        if (raw === '' && optional) return this.edit(path, undefined);
        const n = Number(raw);
        if (!Number.isFinite(n)) {
          this._status = `${label}: "${raw}" is not an amount of money.`;
          return;
        }
        this.edit(path, Math.round(n * 10 ** digits));
      }} /></label>`;
  }
  private _digits(): number {
    try {
      return new Intl.NumberFormat('en', { style: 'currency', currency: this._doc.currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      return 2;
    }
  }
  private _check1(label: string, path: Path): TemplateResult {
    return html`<label class="check"><input type="checkbox" data-path=${formatPath(path)} .checked=${live(getIn(this._doc, path) === true)}
      @change=${(e: Event) => this.edit(path, (e.target as HTMLInputElement).checked ? true : undefined)} />${label}</label>`;
  }
  private _select(label: string, path: Path, options: [string, string][], optional = false): TemplateResult {
    const v = getIn(this._doc, path) ?? '';
    return html`<label>${label}<select data-path=${formatPath(path)} id=${this._id(path)} @change=${(e: Event) => {
      const x = (e.target as HTMLSelectElement).value;
      this.edit(path, x === '' && optional ? undefined : x);
    }}>${optional ? html`<option value="">—</option>` : nothing}${options.map(([val, lab]) => html`<option value=${val} ?selected=${val === v}>${lab}</option>`)}</select></label>`;
  }

  // ---- actions -------------------------------------------------------------------------------------

  private async _addView(files: FileList | null): Promise<void> {
    const f = files?.[0];
    if (!f) return;
    const src = await readFile(f);
    const { width, height } = await imageSize(src);
    const views = this._doc.views ?? [];
    const id = views.length ? `view${views.length + 1}` : 'front';
    this.edit(['views'], [...views, { id, label: id[0]!.toUpperCase() + id.slice(1), width, height, layers: [{ id: 'base', src }], areas: [] }]);
    this._status = `Added view "${id}" (${width} × ${height}). Drag on the image to draw a print area.`;
  }
  private async _addLayer(vi: number, files: FileList | null): Promise<void> {
    const f = files?.[0];
    if (!f) return;
    const layers = this._doc.views[vi].layers ?? [];
    this.edit(['views', vi, 'layers'], [...layers, { id: `layer${layers.length + 1}`, src: await readFile(f) }]);
  }
  /** A new area prints 10 in wide, its print height in the area's own proportions (SPEC §2: within 1 %; 4 digits keep it exact). */
  private _addArea(vi: number, box?: { x: number; y: number; width: number; height: number }): void {
    const v = this._doc.views[vi];
    const areas = v.areas ?? [];
    const b = box ?? { x: Math.round(v.width / 4), y: Math.round(v.height / 4), width: Math.round(v.width / 2), height: Math.round(v.height / 2) };
    this.edit(['views', vi, 'areas'], [...areas, { id: areas.length ? `area${areas.length + 1}` : 'main', ...b, print: { width: 10, height: Number(((10 * b.height) / b.width).toPrecision(4)), unit: 'in', dpi: 300 } }]);
    this._status = `Added print area "${areas.length ? `area${areas.length + 1}` : 'main'}".`;
  }
  private _areaNames(): [string, string][] {
    return (this._doc.views ?? []).flatMap((v: Doc) => (v.areas ?? []).map((a: Doc) => [`${v.id}.${a.id}`, `${v.id}.${a.id}`] as [string, string]));
  }
  private _layerNames(): [string, string][] {
    return (this._doc.views ?? []).flatMap((v: Doc) => (v.layers ?? []).map((l: Doc) => [`${v.id}.${l.id}`, `${v.id}.${l.id}`] as [string, string]));
  }
  private _addComponent(type: string): void {
    const comps = this._doc.components ?? [];
    const n = comps.filter((c: Doc) => c.type === type).length + 1;
    const id = `${type}${n}`;
    const area = this._areaNames()[0]?.[0] ?? '';
    const fresh: Record<string, Doc> = {
      choice: { id, type, label: 'Colour', options: [{ value: 'option1', label: 'Option 1' }] },
      text: { id, type, label: 'Text', area, maxLength: 20 },
      image: { id, type, label: 'Your image', area },
      toggle: { id, type, label: 'Gift wrap', price: 0 },
    };
    this.edit(['components'], [...comps, fresh[type]]);
  }
  private _move(i: number, d: number): void {
    const comps = [...(this._doc.components ?? [])];
    const j = i + d;
    if (j < 0 || j >= comps.length) return;
    [comps[i], comps[j]] = [comps[j], comps[i]];
    this.edit(['components'], comps);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-move="${j}:${d}"]`)?.focus());
  }
  private async _addFont(ci: number, files: FileList | null): Promise<void> {
    const f = files?.[0];
    if (!f) return;
    const family = f.name.replace(/\.(woff2?|ttf|otf)$/i, '').replace(/[-_](latin|regular|normal|\d+).*$/i, '').replace(/[-_]/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
    const fonts = [...(this._doc.fonts ?? []), { family, src: await readFile(f) }];
    const comp = this._doc.components[ci];
    const next = setIn(setIn(this._doc, ['fonts'], fonts), ['components', ci, 'fonts'], [...(comp.fonts ?? []), family]);
    this._history.push(next);
    this._apply(next, true);
  }

  /** The rule builder's common case, written as JSON Logic. */
  private _addRule(form: HTMLFormElement): void {
    const f = new FormData(form);
    const comp = String(f.get('when-component'));
    const op = String(f.get('when-op'));
    const value = String(f.get('when-value'));
    const action = String(f.get('then-action'));
    const target = String(f.get('then-target') ?? '');
    const arg = String(f.get('then-arg') ?? '');
    const v = { var: comp };
    const typed = value === 'true' ? true : value === 'false' ? false : value;
    const when = op === 'is' ? { '==': [v, typed] } : op === 'is not' ? { '!=': [v, typed] } : { in: [typed, v] };
    const then: Doc =
      action === 'hide' ? { hide: [target] }
      : action === 'require' ? { require: [target] }
      : action === 'restrict' ? { restrict: { [target]: arg.split(',').map((s) => s.trim()).filter(Boolean) } }
      : action === 'price' ? { price: { amount: Math.round(Number(arg) * 10 ** this._digits()), label: target || 'Surcharge' } }
      : { error: arg || 'This combination is not available' };
    const rules = this._doc.rules ?? [];
    this.edit(['rules'], [...rules, { id: `rule${rules.length + 1}`, when, then }]);
  }

  private _export(): void {
    const blob = new Blob([JSON.stringify(this._doc, null, 2) + '\n'], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${this._doc.id ?? 'product'}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
  private async _import(files: FileList | null): Promise<void> {
    const f = files?.[0];
    if (!f) return;
    try {
      const doc = JSON.parse(await f.text());
      this._history.push(doc);
      this._apply(doc, true);
      this._status = `Imported ${f.name}.`;
    } catch (e) {
      this._status = `${f.name} is not JSON: ${(e as Error).message}`;
    }
  }
  private async _publish(): Promise<void> {
    if (!this.publishUrl) return;
    const res = await fetch(this.publishUrl, { method: 'POST', body: new URLSearchParams({ json: JSON.stringify(this._doc) }), credentials: 'same-origin' });
    this._status = res.ok ? `Published revision ${this._doc.revision}.` : `Publishing failed (HTTP ${res.status}).`;
  }
  private _focusIssue(i: Issue): void {
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

  // ---- area drawing ----------------------------------------------------------------------------

  private _down(e: PointerEvent, vi: number): void {
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const scale = this._doc.views[vi].width / box.width;
    (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
    this._drag = { view: vi, x0: e.clientX, y0: e.clientY, x1: e.clientX, y1: e.clientY, box, scale };
  }
  private _moveDrag(e: PointerEvent): void {
    if (!this._drag) return;
    this._drag = { ...this._drag, x1: e.clientX, y1: e.clientY };
    this.requestUpdate();
  }
  private _up(e: PointerEvent): void {
    const d = this._drag && { ...this._drag, x1: e.clientX, y1: e.clientY };
    this._drag = undefined;
    if (!d) return;
    const x = Math.round((Math.min(d.x0, d.x1) - d.box.left) * d.scale);
    const y = Math.round((Math.min(d.y0, d.y1) - d.box.top) * d.scale);
    const width = Math.round(Math.abs(d.x1 - d.x0) * d.scale);
    const height = Math.round(Math.abs(d.y1 - d.y0) * d.scale);
    if (width < 10 || height < 10) return;
    this._addArea(d.view, { x, y, width, height });
  }

  // ---- render ----------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const d = this._doc;
    const ok = !this._issues.some((i) => i.severity === 'error');
    const comps: Doc[] = Array.isArray(d.components) ? d.components : [];
    return html`
      <div class="toolbar" part="toolbar" role="toolbar" aria-label="Studio">
        <label class="filebtn">Import JSON<input class="sr-only" type="file" accept="application/json,.json" @change=${(e: Event) => this._import((e.target as HTMLInputElement).files)} /></label>
        <button type="button" @click=${() => this._export()}>Export (download)</button>
        <button type="button" @click=${() => navigator.clipboard?.writeText(JSON.stringify(d, null, 2)).then(() => (this._status = 'Copied.'), (e: Error) => (this._status = `Copy failed: ${e.message}`))}>Copy JSON</button>
        ${this.publishUrl ? html`<button type="button" class="primary" ?disabled=${!ok} @click=${() => this._publish()}>Publish</button>` : nothing}
        <button type="button" @click=${() => this.undo()}>Undo</button><button type="button" @click=${() => this.redo()}>Redo</button>
      </div>
      <p class="muted" role="status" aria-live="polite">${this._status}</p>
      <div class="layout">
        <div part="form">
          <fieldset><legend>Product</legend><div class="row">
            ${this._text('Product id', ['id'])}${this._text('Revision', ['revision'])}${this._text('Name', ['name'])}
            ${this._text('Currency', ['currency'], { placeholder: 'USD' })}${this._money('Base price', ['basePrice'])}
            <label>Locales (comma separated)<input data-path="locales" .value=${live((d.locales ?? []).join(', '))} @change=${(e: Event) => {
              const list = (e.target as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean);
              this.edit(['locales'], list.length ? list : undefined);
            }} /></label></div></fieldset>

          <fieldset><legend>Views and print areas</legend>
            ${(d.views ?? []).map((v: Doc, vi: number) => this._renderView(v, vi))}
            <label class="filebtn">Add a view from a mockup image<input class="sr-only" type="file" accept="image/png,image/jpeg,image/webp" @change=${(e: Event) => this._addView((e.target as HTMLInputElement).files)} /></label>
          </fieldset>

          <fieldset><legend>Components</legend>
            ${comps.map((c, ci) => this._renderComponent(c, ci, comps.length))}
            <div class="row">${['choice', 'text', 'image', 'toggle'].map((t) => html`<button type="button" @click=${() => this._addComponent(t)}>Add ${t}</button>`)}</div>
          </fieldset>

          <fieldset><legend>Rules</legend>${this._renderRules(comps)}</fieldset>
        </div>
        <div>
          <section part="issues" aria-label="Issues"><h2 style="font-size:16px;margin:0 0 8px">${this._issues.length ? `${this._issues.length} issue${this._issues.length === 1 ? '' : 's'}` : 'No issues'}</h2>
            <ul class="issues">${this._issues.map((i) => html`<li class=${i.severity}><button type="button" @click=${() => this._focusIssue(i)}>${i.severity}: ${formatPath(i.path)} — ${i.message}</button></li>`)}</ul>
          </section>
          <section part="preview" aria-label="Preview" style="margin-top:16px">
            ${ok && (d.views ?? []).length ? html`<product-customizer .product=${this._previewDoc()} no-submit></product-customizer>` : html`<p class="muted">The preview appears once the product has a view and no errors.</p>`}
          </section>
        </div>
      </div>`;
  }

  private _renderView(v: Doc, vi: number): TemplateResult {
    const base = ['views', vi];
    const drag = this._drag?.view === vi ? this._drag : undefined;
    const scale = (px: number) => `${(px / v.width) * 100}%`;
    return html`<div class="item">
      <div class="row">${this._text('View id', [...base, 'id'])}${this._text('View label', [...base, 'label'])}<span class="muted">${v.width} × ${v.height} px</span></div>
      <div class="editor" role="application" aria-label="Draw a print area on ${text(v.label)}: drag with a pointer, or use Add print area" @pointerdown=${(e: PointerEvent) => this._down(e, vi)} @pointermove=${(e: PointerEvent) => this._moveDrag(e)} @pointerup=${(e: PointerEvent) => this._up(e)}>
        ${(v.layers ?? []).map((l: Doc) => html`<img src=${this._src(l.src)} alt="" style="position:${l === v.layers[0] ? 'static' : 'absolute'};inset:0" />`)}
        ${(v.areas ?? []).map((a: Doc) => html`<div class="area ${a.shape === 'ellipse' ? 'ellipse' : ''}" style="left:${scale(a.x)};top:${(a.y / v.height) * 100}%;width:${scale(a.width)};height:${(a.height / v.height) * 100}%">${a.id}</div>`)}
        ${drag ? html`<div class="area" style="left:${Math.min(drag.x0, drag.x1) - drag.box.left}px;top:${Math.min(drag.y0, drag.y1) - drag.box.top}px;width:${Math.abs(drag.x1 - drag.x0)}px;height:${Math.abs(drag.y1 - drag.y0)}px"></div>` : nothing}
      </div>
      <div class="row"><button type="button" @click=${() => this._addArea(vi)}>Add print area</button>
        <label class="filebtn">Add a layer image<input class="sr-only" type="file" accept="image/png,image/jpeg,image/webp" @change=${(e: Event) => this._addLayer(vi, (e.target as HTMLInputElement).files)} /></label></div>
      ${(v.layers ?? []).map((l: Doc, li: number) => html`<div class="row">${this._text(`Layer ${li + 1} id`, [...base, 'layers', li, 'id'])}
        <label class="check"><input type="checkbox" .checked=${live(!!l.tint)} @change=${(e: Event) => this.edit([...base, 'layers', li, 'tint'], (e.target as HTMLInputElement).checked ? '#ffffff' : undefined)} />Tinted layer</label>
        ${l.tint ? html`<label>Tint<input type="color" data-path=${formatPath([...base, 'layers', li, 'tint'])} .value=${live(l.tint)} @change=${(e: Event) => this.edit([...base, 'layers', li, 'tint'], (e.target as HTMLInputElement).value)} /></label>` : nothing}
        <button type="button" aria-label="Move layer ${li + 1} down (drawn later)" ?disabled=${li === v.layers.length - 1} @click=${() => {
          const list = [...v.layers];
          [list[li], list[li + 1]] = [list[li + 1], list[li]];
          this.edit([...base, 'layers'], list);
        }}>↓</button>
        <button type="button" @click=${() => this.edit([...base, 'layers'], v.layers.filter((_: Doc, k: number) => k !== li))}>Remove layer</button></div>`)}
      ${(v.areas ?? []).map((a: Doc, ai: number) => {
        const p = [...base, 'areas', ai];
        const inches = a.print ? (a.print.unit === 'mm' ? 1 / 25.4 : 1) : 0;
        const px = a.print ? `${Math.round(a.print.width * inches * a.print.dpi)} × ${Math.round(a.print.height * inches * a.print.dpi)} px` : '';
        return html`<div class="row" data-path=${formatPath(p)}>
          ${this._text('Area id', [...p, 'id'])}${this._num('x', [...p, 'x'])}${this._num('y', [...p, 'y'])}${this._num('Width', [...p, 'width'])}${this._num('Height', [...p, 'height'])}
          ${this._select('Shape', [...p, 'shape'], [['rect', 'Rectangle'], ['ellipse', 'Ellipse']], true)}${this._select('Blend', [...p, 'blend'], [['normal', 'Normal'], ['multiply', 'Multiply']], true)}
          ${this._num('Print width', [...p, 'print', 'width'])}${this._num('Print height', [...p, 'print', 'height'])}${this._select('Unit', [...p, 'print', 'unit'], [['in', 'in'], ['mm', 'mm']])}${this._num('DPI', [...p, 'print', 'dpi'], { int: true })}
          <span class="muted">Print file: ${px}</span>
          <button type="button" @click=${() => this.edit([...base, 'areas'], v.areas.filter((_: Doc, k: number) => k !== ai))}>Remove area</button></div>`;
      })}
    </div>`;
  }

  private _renderComponent(c: Doc, ci: number, count: number): TemplateResult {
    const p: Path = ['components', ci];
    const areas = this._areaNames();
    const head = html`<div class="row"><span class="grip" aria-hidden="true">⠿</span><strong>${c.type}</strong>
      ${this._text('Id', [...p, 'id'])}${this._text('Label', [...p, 'label'])}${this._check1('Required', [...p, 'required'])}
      <button type="button" data-move="${ci}:-1" aria-label="Move ${text(c.label)} up" ?disabled=${ci === 0} @click=${() => this._move(ci, -1)}>↑</button>
      <button type="button" data-move="${ci}:1" aria-label="Move ${text(c.label)} down" ?disabled=${ci === count - 1} @click=${() => this._move(ci, 1)}>↓</button>
      <button type="button" @click=${() => this.edit(['components'], this._doc.components.filter((_: Doc, k: number) => k !== ci))}>Remove</button></div>`;
    let body: TemplateResult | typeof nothing = nothing;
    if (c.type === 'choice') {
      body = html`${(c.options ?? []).map((o: Doc, oi: number) => {
        const op = [...p, 'options', oi];
        const eff = o.effects?.[0];
        return html`<div class="row">${this._text('Value', [...op, 'value'])}${this._text('Option label', [...op, 'label'])}
          <label>Swatch<input type="color" data-path=${formatPath([...op, 'swatch'])} .value=${live(o.swatch ?? '#ffffff')} @change=${(e: Event) => this.edit([...op, 'swatch'], (e.target as HTMLInputElement).value)} /></label>
          ${this._money('Price', [...op, 'price'], true)}${this._check1('Disabled', [...op, 'disabled'])}
          <label>Tints layer<select data-path=${formatPath([...op, 'effects'])} @change=${(e: Event) => {
            const layer = (e.target as HTMLSelectElement).value;
            this.edit([...op, 'effects'], layer ? [{ layer, tint: eff?.tint ?? o.swatch ?? '#ffffff' }] : undefined);
          }}><option value="">—</option>${this._layerNames().map(([v]) => html`<option ?selected=${eff?.layer === v}>${v}</option>`)}</select></label>
          ${eff && eff.src === undefined ? html`<label>Tint<input type="color" .value=${live(eff.tint ?? '#ffffff')} @change=${(e: Event) => this.edit([...op, 'effects', 0, 'tint'], (e.target as HTMLInputElement).value)} /></label>` : nothing}
          ${eff ? html`<label class="filebtn">${eff.src ? 'Replacement image set' : 'Or swap in an image'}<input class="sr-only" type="file" accept="image/png,image/jpeg,image/webp" @change=${async (e: Event) => {
            const f = (e.target as HTMLInputElement).files?.[0];
            if (f) this.edit([...op, 'effects'], [{ layer: eff.layer, src: await readFile(f) }]);
          }} /></label>` : nothing}
          <button type="button" @click=${() => this.edit([...p, 'options'], c.options.filter((_: Doc, k: number) => k !== oi))}>Remove option</button></div>`;
      })}
      <div class="row"><button type="button" @click=${() => this.edit([...p, 'options'], [...(c.options ?? []), { value: `option${(c.options?.length ?? 0) + 1}`, label: `Option ${(c.options?.length ?? 0) + 1}` }])}>Add option</button>
        ${this._select('Default', [...p, 'default'], (c.options ?? []).map((o: Doc) => [o.value, text(o.label)]), true)}${this._num('Min', [...p, 'min'], { int: true, optional: true })}${this._num('Max', [...p, 'max'], { int: true, optional: true })}</div>`;
    } else if (c.type === 'text') {
      const fonts: string[] = (this._doc.fonts ?? []).map((f: Doc) => f.family);
      body = html`<div class="row">${this._select('Print area', [...p, 'area'], areas)}${this._num('Min length', [...p, 'minLength'], { int: true, optional: true })}${this._num('Max length', [...p, 'maxLength'], { int: true, optional: true })}${this._num('Max lines', [...p, 'maxLines'], { int: true, optional: true })}
        ${this._text('Pattern', [...p, 'pattern'], { placeholder: '^[\\p{L} ]*$' })}${this._text('Pattern message', [...p, 'patternMessage'])}</div>
        <div class="row"><span class="muted">Fonts:</span>${fonts.map((f) => html`<label class="check"><input type="checkbox" .checked=${live((c.fonts ?? []).includes(f))} @change=${(e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          const list = on ? [...(c.fonts ?? []), f] : (c.fonts ?? []).filter((x: string) => x !== f);
          this.edit([...p, 'fonts'], list.length ? list : undefined);
        }} />${f}</label>`)}
          <label class="filebtn">Upload a font file<input class="sr-only" type="file" accept=".woff2,.woff,.ttf,.otf" @change=${(e: Event) => this._addFont(ci, (e.target as HTMLInputElement).files)} /></label></div>
        <div class="row"><label>Colours (comma separated #rrggbb)<input data-path=${formatPath([...p, 'colors'])} .value=${live((c.colors ?? []).join(', '))} @change=${(e: Event) => {
          const list = (e.target as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean);
          this.edit([...p, 'colors'], list.length ? list : undefined);
        }} /></label>
          ${this._num('Size min', [...p, 'fontSize', 'min'], { optional: true })}${this._num('Size default', [...p, 'fontSize', 'default'], { optional: true })}${this._num('Size max', [...p, 'fontSize', 'max'], { optional: true })}
          ${this._num('Curve min (°)', [...p, 'curve', 'min'], { optional: true })}${this._num('Curve default (°)', [...p, 'curve', 'default'], { optional: true })}${this._num('Curve max (°)', [...p, 'curve', 'max'], { optional: true })}
          ${this._select('Align', [...p, 'align'], [['left', 'Left'], ['center', 'Centre'], ['right', 'Right']], true)}
          ${this._money('Price per character', [...p, 'price', 'perCharacter'], true)}${this._num('Free characters', [...p, 'price', 'free'], { int: true, optional: true })}</div>`;
    } else if (c.type === 'image') {
      const accept: string[] = c.accept ?? ['image/png', 'image/jpeg', 'image/webp'];
      body = html`<div class="row"><span class="muted">Accepts:</span>${['image/png', 'image/jpeg', 'image/webp'].map((t) => html`<label class="check"><input type="checkbox" data-path=${formatPath([...p, 'accept'])} .checked=${live(accept.includes(t))} @change=${(e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          const list = on ? [...accept, t] : accept.filter((x) => x !== t);
          this.edit([...p, 'accept'], list.length === 3 ? undefined : list);
        }} />${t.replace('image/', '').toUpperCase()}</label>`)}</div>
        <div class="row">${this._select('Print area', [...p, 'area'], areas)}${this._money('Price', [...p, 'price'], true)}
        ${this._num('Min dpi', [...p, 'minDpi'], { optional: true })}${this._num('Warn below dpi', [...p, 'warnDpi'], { optional: true })}${this._num('Max bytes', [...p, 'maxBytes'], { int: true, optional: true })}</div>`;
    } else if (c.type === 'toggle') {
      body = html`<div class="row">${this._money('Price', [...p, 'price'], true)}${this._check1('On by default', [...p, 'default'])}</div>`;
    }
    return html`<div class="item" data-path=${formatPath(p)} draggable="true"
      @dragstart=${(e: DragEvent) => e.dataTransfer?.setData('text/plain', String(ci))}
      @dragover=${(e: DragEvent) => e.preventDefault()}
      @drop=${(e: DragEvent) => {
        e.preventDefault();
        const from = Number(e.dataTransfer?.getData('text/plain'));
        if (Number.isInteger(from) && from !== ci) {
          const list = [...this._doc.components];
          const [moved] = list.splice(from, 1);
          list.splice(ci, 0, moved);
          this.edit(['components'], list);
        }
      }}>${head}${body}</div>`;
  }

  private _renderRules(comps: Doc[]): TemplateResult {
    const rules: Doc[] = Array.isArray(this._doc.rules) ? this._doc.rules : [];
    const ids = comps.map((c) => c.id as string);
    const ruleIssues = (ri: number) => this._issues.filter((i) => i.path[0] === 'rules' && i.path[1] === ri);
    return html`${rules.map((r, ri) => html`<div class="item" data-path=${formatPath(['rules', ri])}>
        <div class="row">${this._text('Rule id', ['rules', ri, 'id'])}<button type="button" @click=${() => this.edit(['rules'], rules.filter((_, k) => k !== ri))}>Remove rule</button></div>
        <label>When (JSON Logic)<textarea data-path=${formatPath(['rules', ri, 'when'])} .value=${live(JSON.stringify(r.when))} @change=${(e: Event) => this._rawJson(['rules', ri, 'when'], (e.target as HTMLTextAreaElement).value)}></textarea></label>
        <label>Then<textarea data-path=${formatPath(['rules', ri, 'then'])} .value=${live(JSON.stringify(r.then))} @change=${(e: Event) => this._rawJson(['rules', ri, 'then'], (e.target as HTMLTextAreaElement).value)}></textarea></label>
        <span class="muted">${ruleIssues(ri).length ? ruleIssues(ri).map((i) => `${i.severity}: ${i.message}`).join(' · ') : 'Reachable; no issues.'}</span>
      </div>`)}
      <form class="row" @submit=${(e: Event) => { e.preventDefault(); this._addRule(e.target as HTMLFormElement); }}>
        <label>When<select name="when-component">${ids.map((id) => html`<option>${id}</option>`)}</select></label>
        <label>Condition<select name="when-op"><option>is</option><option>is not</option><option>contains</option></select></label>
        <label>Value<input name="when-value" required /></label>
        <label>Then<select name="then-action"><option value="hide">hide</option><option value="require">require</option><option value="restrict">restrict</option><option value="price">add price</option><option value="error">show error</option></select></label>
        <label>Target (component, restrict key, or price label)<input name="then-target" /></label>
        <label>Values / amount / message<input name="then-arg" /></label>
        <button type="submit">Add rule</button>
      </form>`;
  }

  private _rawJson(path: Path, raw: string): void {
    try {
      this.edit(path, JSON.parse(raw));
    } catch (e) {
      this._status = `Not JSON at ${formatPath(path)}: ${(e as Error).message}`;
    }
  }
}
