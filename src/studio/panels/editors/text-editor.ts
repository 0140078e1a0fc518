/** A text: where it prints, lengths and pattern, fonts (uploaded files), colours, sizes, curve, price per character. */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Path } from '../../../core/index.js';
import type { Ctx } from '../../fields/context.js';
import { colorField, fileButton, moneyField, numberField, selectField, textField } from '../../fields/fields.js';
import { localizedField } from '../../fields/localized.js';
import { addFont, areaNames } from '../../commands.js';
import { familyOf } from '../../assets.js';
import type { Doc } from '../../store.js';
import { setIn } from '../../store.js';

export function textEditor(ctx: Ctx, ci: number, c: Doc): TemplateResult {
  const { t, store } = ctx;
  const p: Path = ['components', ci];
  const families: string[] = [...new Set<string>((Array.isArray(ctx.doc.fonts) ? ctx.doc.fonts : []).map((f: Doc) => f?.family).filter((x: unknown): x is string => typeof x === 'string'))];
  const chosen: string[] = Array.isArray(c.fonts) ? c.fonts : [];
  const colors: string[] = Array.isArray(c.colors) ? c.colors : [];
  const uploadFont = async (f: File) => {
    const url = await ctx.upload(f);
    if (!url) return;
    const family = familyOf(f.name);
    store.update((d) => {
      const next = addFont(d, family, url);
      const list: string[] = Array.isArray(next.components?.[ci]?.fonts) ? next.components[ci].fonts : [];
      return list.includes(family) ? next : setIn(next, [...p, 'fonts'], [...list, family]);
    });
  };
  return html`
    ${selectField(ctx, t.printArea, [...p, 'area'], areaNames(ctx.doc).map((a) => [a, a]), t.none)}
    <div class="grid3">${numberField(ctx, t.minLength, [...p, 'minLength'], { int: true, optional: true })}${numberField(ctx, t.maxLength, [...p, 'maxLength'], { int: true, optional: true })}${numberField(ctx, t.maxLines, [...p, 'maxLines'], { int: true, optional: true })}</div>
    ${textField(ctx, t.pattern, [...p, 'pattern'], { optional: true, placeholder: '^[\\p{L} ]*$' })}
    ${typeof c.pattern === 'string' ? localizedField(ctx, t.patternMessage, [...p, 'patternMessage']) : nothing}
    <fieldset class="inline"><legend>${t.fonts}</legend>
      ${families.map((f) => html`<label class="check"><input type="checkbox" data-path="components[${ci}].fonts" .checked=${live(chosen.includes(f))} @change=${(e: Event) => {
        const on = (e.target as HTMLInputElement).checked;
        // Read at the event (two quick clicks must both count), not from this render's closure.
        const now: string[] = Array.isArray(store.doc.components?.[ci]?.fonts) ? store.doc.components[ci].fonts : [];
        const list = on ? [...now.filter((x) => x !== f), f] : now.filter((x) => x !== f);
        store.set([...p, 'fonts'], list.length ? list : undefined);
      }} /><span style="font-family:${JSON.stringify(f)}">${f}</span></label>`)}
      ${fileButton(t.uploadFont, '.woff2,.woff,.ttf,.otf,font/woff2,font/woff,font/ttf,font/otf', uploadFont)}
    </fieldset>
    <fieldset class="inline"><legend>${t.colours}</legend>
      ${colors.map((_, k) => html`<span class="row">${colorField(ctx, t.colour(k + 1), [...p, 'colors', k])}<button type="button" class="icon" aria-label=${t.remove(t.colour(k + 1))} title=${t.remove(t.colour(k + 1))} @click=${() => store.set([...p, 'colors'], colors.length > 1 ? colors.filter((__, j) => j !== k) : undefined)}>✕</button></span>`)}
      <button type="button" class="small" @click=${() => store.set([...p, 'colors'], [...colors, colors.length ? '#ffffff' : '#111111'])}>${t.addColour}</button>
    </fieldset>
    <div class="grid3">${numberField(ctx, t.sizeMin, [...p, 'fontSize', 'min'], { optional: true })}${numberField(ctx, t.sizeDefault, [...p, 'fontSize', 'default'], { optional: true })}${numberField(ctx, t.sizeMax, [...p, 'fontSize', 'max'], { optional: true })}</div>
    <label class="check"><input type="checkbox" .checked=${live(c.curve !== undefined)} @change=${(e: Event) => store.set([...p, 'curve'], (e.target as HTMLInputElement).checked ? { min: -180, max: 180, default: 0 } : undefined)} /><span>${t.curveOn}</span></label>
    ${c.curve !== undefined ? html`<div class="grid3">${numberField(ctx, t.curveMin, [...p, 'curve', 'min'], { min: -360, max: 360 })}${numberField(ctx, t.curveDefault, [...p, 'curve', 'default'], { min: -360, max: 360 })}${numberField(ctx, t.curveMax, [...p, 'curve', 'max'], { min: -360, max: 360 })}</div>` : nothing}
    ${selectField(ctx, t.align, [...p, 'align'], [['left', t.left], ['center', t.centre], ['right', t.right]], t.none)}
    <div class="grid2">${moneyField(ctx, t.perCharacter, [...p, 'price', 'perCharacter'], true)}${numberField(ctx, t.freeCharacters, [...p, 'price', 'free'], { int: true, optional: true })}</div>`;
}
