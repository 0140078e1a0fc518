/**
 * An image (SPEC §2): a file input behind an Upload/Replace button, drop and paste, a thumbnail with
 * the file's name, size and dpi, Remove, and the placement handle. The bytes are checked by the
 * uploads controller; this module only renders and hands files over.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { DEFAULT_ACCEPT } from '../../core/index.js';
import type { ImageComponent, ImageSelection } from '../../core/index.js';
import type { StoredAsset } from '../controllers/uploads.js';
import type { ControlContext } from './context.js';

export interface ImageControlContext extends ControlContext {
  stored(key: string): StoredAsset | undefined;
  busy(id: string): boolean;
  take(c: ImageComponent, file: File): void;
  /** The file input of the component, to open the picker. */
  fileInput(id: string): HTMLInputElement | null;
}

export function imageControl(c: ImageComponent, x: ImageControlContext): TemplateResult {
  const t = x.t;
  const st = x.state(c.id);
  const sel = x.selections[c.id] as ImageSelection | undefined;
  const stored = sel?.asset ? x.stored(sel.asset.key) : undefined;
  const busy = x.busy(c.id);
  const dpi = (st.value as { dpi?: number } | null)?.dpi;
  const label = x.label(c.label);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    (e.currentTarget as HTMLElement).removeAttribute('data-drag');
    const f = e.dataTransfer?.files?.[0];
    if (f && !x.disabled) x.take(c, f);
  };
  const onPaste = (e: ClipboardEvent) => {
    const f = [...(e.clipboardData?.files ?? [])][0];
    if (f && !x.disabled) {
      e.preventDefault();
      x.take(c, f);
    }
  };
  return html`<div class="component" part="component" data-component=${c.id}>
    <span class="label" id="label-${c.id}">${label}${st.required ? nothing : html`<span class="hint">(${t.optional})</span>`}</span>
    <div class="upload" @dragover=${(e: DragEvent) => { e.preventDefault(); (e.currentTarget as HTMLElement).setAttribute('data-drag', ''); }}
      @dragleave=${(e: DragEvent) => (e.currentTarget as HTMLElement).removeAttribute('data-drag')} @drop=${onDrop} @paste=${onPaste}>
      <input type="file" id="file-${c.id}" class="visually-hidden" tabindex="-1" accept=${(c.accept ?? DEFAULT_ACCEPT).join(',')}
        aria-labelledby="label-${c.id}" ?disabled=${x.disabled}
        @change=${(e: Event) => { const input = e.target as HTMLInputElement; const f = input.files?.[0]; input.value = ''; if (f) x.take(c, f); }} />
      <div class="row">
        ${stored ? html`<img class="thumb" src=${stored.url} alt="" />` : nothing}
        <button type="button" class="secondary" @click=${() => x.fileInput(c.id)?.click()} ?disabled=${x.disabled || busy}
          aria-label="${stored ? t.replace : t.upload}: ${label}" aria-describedby="issues-${c.id}">${stored ? t.replace : t.upload}</button>
        ${stored
          ? html`<button type="button" class="secondary" @click=${() => x.set(c.id, undefined)} ?disabled=${x.disabled} aria-label="${t.remove}: ${label}">${t.remove}</button>`
          : nothing}
        ${busy ? html`<span class="busy" role="status">${t.reading}</span>` : nothing}
      </div>
      ${stored
        ? html`<span class="file-name">${stored.asset.name} · ${stored.asset.width} × ${stored.asset.height}${dpi ? html` · ${t.dpiNow(dpi)}` : nothing}</span>`
        : html`<span class="hint">${t.dropHere}</span>`}
    </div>
    ${stored ? x.placement(c, sel) : nothing}
    ${x.issueList(c.id)}
  </div>`;
}
