/**
 * Labelled form fields bound to a path of the document: each reads the store and commits one
 * command per change. `data-path` lets an issue focus the field it is about.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { formatPath, type Path } from '../../core/index.js';
import { getIn } from '../store.js';
import type { Ctx } from './context.js';

const key = (path: Path) => formatPath(path);
const valueOf = (e: Event) => (e.target as HTMLInputElement).value;

export function textField(ctx: Ctx, label: string, path: Path, opts: { optional?: boolean; placeholder?: string } = {}): TemplateResult {
  const v = getIn(ctx.doc, path);
  return html`<label class="field"><span>${label}</span><input type="text" data-path=${key(path)} .value=${live(typeof v === 'string' || typeof v === 'number' ? String(v) : '')}
    placeholder=${opts.placeholder ?? nothing} @input=${(e: Event) => {
      const s = valueOf(e);
      ctx.store.set(path, s === '' && opts.optional ? undefined : s, key(path));
    }} /></label>`;
}

export function numberField(ctx: Ctx, label: string, path: Path, opts: { int?: boolean; optional?: boolean; min?: number; max?: number } = {}): TemplateResult {
  const v = getIn(ctx.doc, path);
  return html`<label class="field num"><span>${label}</span><input type="number" step=${opts.int ? '1' : 'any'} min=${opts.min ?? nothing} max=${opts.max ?? nothing} data-path=${key(path)}
    .value=${live(typeof v === 'number' ? String(v) : '')} @input=${(e: Event) => {
      const s = valueOf(e);
      if (s === '') return opts.optional ? ctx.store.set(path, undefined, key(path)) : undefined;
      const n = Number(s);
      if (Number.isFinite(n)) ctx.store.set(path, opts.int ? Math.round(n) : n, key(path));
    }} /></label>`;
}

/** Money typed in major units ("19.99"), stored in minor units (1999). */
export function moneyField(ctx: Ctx, label: string, path: Path, optional = false): TemplateResult {
  const v = getIn(ctx.doc, path);
  const digits = Math.round(Math.log10(ctx.minor));
  return html`<label class="field num"><span>${label} (${ctx.doc.currency ?? ''})</span><input type="text" inputmode="decimal" data-path=${key(path)}
    .value=${live(typeof v === 'number' ? (v / ctx.minor).toFixed(digits) : '')} @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
    @change=${(e: Event) => {
      const raw = valueOf(e).trim().replace(',', '.');
      if (raw === '') return optional ? ctx.store.set(path, undefined) : undefined;
      const n = Number(raw);
      if (!Number.isFinite(n)) return ctx.say(ctx.t.notMoney(label, raw));
      ctx.store.set(path, Math.round(n * ctx.minor));
    }} /></label>`;
}

/** A checkbox; unchecked removes the field (so "not required" adds nothing to the document). */
export function checkField(ctx: Ctx, label: string, path: Path): TemplateResult {
  return html`<label class="check"><input type="checkbox" data-path=${key(path)} .checked=${live(getIn(ctx.doc, path) === true)}
    @change=${(e: Event) => ctx.store.set(path, (e.target as HTMLInputElement).checked ? true : undefined)} /><span>${label}</span></label>`;
}

export function selectField(ctx: Ctx, label: string, path: Path, options: [string, string][], optional?: string): TemplateResult {
  const v = getIn(ctx.doc, path);
  const cur = v === undefined || v === null ? '' : String(v);
  return html`<label class="field"><span>${label}</span><select data-path=${key(path)} @change=${(e: Event) => {
      const x = (e.target as HTMLSelectElement).value;
      ctx.store.set(path, x === '' && optional !== undefined ? undefined : x);
    }}>${optional !== undefined ? html`<option value="" ?selected=${cur === ''}>${optional}</option>` : nothing}${options.map(([val, lab]) => html`<option value=${val} ?selected=${val === cur}>${lab}</option>`)}${cur !== '' && !options.some(([o]) => o === cur) ? html`<option value=${cur} selected>${cur}</option>` : nothing}</select></label>`;
}

export function colorField(ctx: Ctx, label: string, path: Path, fallback = '#ffffff'): TemplateResult {
  const v = getIn(ctx.doc, path);
  const hex = typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v) ? v : fallback;
  return html`<label class="field color"><span>${label}</span><input type="color" data-path=${key(path)} .value=${live(hex)}
    @input=${(e: Event) => ctx.store.set(path, valueOf(e), key(path))} /></label>`;
}

/** A button that opens the file picker (a real <input type=file> inside a label, so it is labelled and keyboard reachable). */
export function fileButton(label: string, accept: string, onFile: (f: File) => void): TemplateResult {
  return html`<label class="filebtn"><input class="sr-only" type="file" accept=${accept} @change=${(e: Event) => {
      const input = e.target as HTMLInputElement;
      const f = input.files?.[0];
      if (f) onFile(f);
      input.value = '';
    }} /><span>${label}</span></label>`;
}
