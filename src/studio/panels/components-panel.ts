/** The components: listed in order (select, reorder, remove), added by type, and the selected one's editor. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Ctx } from '../fields/context.js';
import { addComponent, move, removeComponent } from '../commands.js';
import type { Doc } from '../store.js';
import { choiceEditor } from './editors/choice-editor.js';
import { textEditor } from './editors/text-editor.js';
import { imageEditor } from './editors/image-editor.js';
import { toggleEditor } from './editors/toggle-editor.js';
import { commonFields } from './editors/common.js';

const EDITORS: Record<string, (ctx: Ctx, ci: number, c: Doc) => TemplateResult> = { choice: choiceEditor, text: textEditor, image: imageEditor, toggle: toggleEditor };

export function componentsPanel(ctx: Ctx): TemplateResult {
  const { t, store, doc } = ctx;
  const comps: Doc[] = Array.isArray(doc.components) ? doc.components : [];
  const sel = store.selection.component;
  const c = sel !== undefined ? comps[sel] : undefined;
  return html`<div class="stack">
    <div class="row wrap">${(['choice', 'text', 'image', 'toggle'] as const).map((type) => html`<button type="button" class="small" @click=${() => {
      const r = addComponent(store.doc, type);
      store.commit(r.doc);
      store.select({ component: r.index });
    }}>${t.addComponent(t.types[type] ?? type)}</button>`)}</div>
    <ul class="list">${comps.map((x, i) => {
      const name = t.componentItem(t.types[x?.type] ?? String(x?.type), String(x?.id));
      return html`<li class=${i === sel ? 'selected' : ''}>
        <button type="button" class="item-name" aria-pressed=${i === sel ? 'true' : 'false'} @click=${() => store.select({ component: i })}>${name}</button>
        <button type="button" class="icon" aria-label=${t.moveUp(name)} title=${t.moveUp(name)} ?disabled=${i === 0} @click=${() => { store.set(['components'], move(comps, i, i - 1)); store.select({ component: i - 1 }); }}>↑</button>
        <button type="button" class="icon" aria-label=${t.moveDown(name)} title=${t.moveDown(name)} ?disabled=${i === comps.length - 1} @click=${() => { store.set(['components'], move(comps, i, i + 1)); store.select({ component: i + 1 }); }}>↓</button>
        <button type="button" class="icon" aria-label=${t.remove(name)} title=${t.remove(name)} @click=${() => { store.update((d) => removeComponent(d, i)); store.select({ component: undefined }); }}>✕</button></li>`;
    })}</ul>
    ${c && sel !== undefined ? html`<section class="editor-card" aria-label=${t.componentItem(t.types[c.type] ?? String(c.type), String(c.id))}>
        ${commonFields(ctx, sel, c)}${EDITORS[c.type]?.(ctx, sel, c) ?? nothing}</section>` : nothing}
  </div>`;
}
