/**
 * A choice: how it shows (SPEC §2 `display`), its options — value, label, swatch, price, and
 * effects on the preview per layer (a tint, or an image swapped in; several per option).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Path } from '../../../core/index.js';
import type { Ctx } from '../../fields/context.js';
import { checkField, colorField, fileButton, moneyField, numberField, selectField, textField } from '../../fields/fields.js';
import { localizedField } from '../../fields/localized.js';
import { freshId, layerNames, move } from '../../commands.js';
import type { Doc } from '../../store.js';

export function choiceEditor(ctx: Ctx, ci: number, c: Doc): TemplateResult {
  const { t, store } = ctx;
  const p: Path = ['components', ci];
  const options: Doc[] = Array.isArray(c.options) ? c.options : [];
  const swatched = c.display === 'swatch' || options.some((o) => typeof o?.swatch === 'string');
  const addOption = () => {
    const value = freshId('option', options.map((o) => o?.value));
    const n = options.length + 1;
    store.set([...p, 'options'], [...options, { value, label: t.option(n), ...(swatched && { swatch: '#cccccc' }) }]);
  };
  return html`
    <div class="grid2">${selectField(ctx, t.display, [...p, 'display'], [['swatch', t.swatches], ['button', t.buttons], ['dropdown', t.dropdown]], t.automatic)}
      ${selectField(ctx, t.defaultValue, [...p, 'default'], options.map((o) => [String(o.value), String(o.value)]), t.none)}</div>
    <div class="grid2">${numberField(ctx, t.min, [...p, 'min'], { int: true, optional: true })}${numberField(ctx, t.max, [...p, 'max'], { int: true, optional: true })}</div>
    <h4>${t.options}</h4>
    ${options.map((o, oi) => optionEditor(ctx, ci, c, oi, o, options))}
    <button type="button" class="small" @click=${addOption}>${t.addOption}</button>`;
}

function optionEditor(ctx: Ctx, ci: number, c: Doc, oi: number, o: Doc, options: Doc[]): TemplateResult {
  const { t, store } = ctx;
  const op: Path = ['components', ci, 'options', oi];
  const name = t.option(oi + 1);
  const effects: Doc[] = Array.isArray(o.effects) ? o.effects : [];
  const layers = layerNames(ctx.doc);
  const addEffect = (e: Doc) => store.set([...op, 'effects'], [...effects, e]);
  return html`<fieldset class="option"><legend>${name}</legend>
    <div class="grid2">${textField(ctx, `${name}: ${t.value}`, [...op, 'value'])}${moneyField(ctx, `${name}: ${t.price}`, [...op, 'price'], true)}</div>
    ${localizedField(ctx, `${name}: ${t.optionLabel}`, [...op, 'label'])}
    <div class="row wrap">
      <label class="check"><input type="checkbox" .checked=${live(typeof o.swatch === 'string')} @change=${(e: Event) => store.set([...op, 'swatch'], (e.target as HTMLInputElement).checked ? '#cccccc' : undefined)} /><span>${name}: ${t.hasSwatch}</span></label>
      ${typeof o.swatch === 'string' ? colorField(ctx, `${name}: ${t.swatch}`, [...op, 'swatch']) : nothing}
      ${checkField(ctx, `${name}: ${t.disabled}`, [...op, 'disabled'])}
    </div>
    <div class="effects" role="group" aria-label=${`${name}: ${t.effects}`}>
      ${effects.map((e, ei) => {
        const ep: Path = [...op, 'effects', ei];
        const en = `${name}: ${t.effects} ${ei + 1}`;
        return html`<div class="row wrap effect">${selectField(ctx, `${en}: ${t.layer}`, [...ep, 'layer'], layers.map((l) => [l, l]))}
          ${'src' in e ? html`<span class="muted">${t.swapSet(String(e.src))}</span>${fileButton(`${en}: ${t.swapImage}`, 'image/png,image/jpeg,image/webp', async (f) => {
              const url = await ctx.upload(f);
              if (url) store.set([...ep, 'src'], url);
            })}`
            : colorField(ctx, `${en}: ${t.tintColour}`, [...ep, 'tint'], '#ffffff')}
          <button type="button" class="icon" aria-label=${`${en}: ${t.removeEffect}`} title=${t.removeEffect} @click=${() => store.set([...op, 'effects'], effects.length > 1 ? effects.filter((_, k) => k !== ei) : undefined)}>✕</button></div>`;
      })}
      <div class="row wrap">
        <button type="button" class="small" ?disabled=${!layers.length} @click=${() => addEffect({ layer: layers[0], tint: o.swatch ?? '#ffffff' })}>${name}: ${t.addTint}</button>
        ${fileButton(`${name}: ${t.addSwap}`, 'image/png,image/jpeg,image/webp', async (f) => {
          const url = await ctx.upload(f);
          if (url && layers.length) addEffect({ layer: layers[0], src: url });
        })}
      </div>
    </div>
    <div class="row">
      <button type="button" class="icon" aria-label=${t.moveUp(name)} title=${t.moveUp(name)} ?disabled=${oi === 0} @click=${() => store.set(['components', ci, 'options'], move(options, oi, oi - 1))}>↑</button>
      <button type="button" class="icon" aria-label=${t.moveDown(name)} title=${t.moveDown(name)} ?disabled=${oi === options.length - 1} @click=${() => store.set(['components', ci, 'options'], move(options, oi, oi + 1))}>↓</button>
      <button type="button" class="small danger" @click=${() => store.set(['components', ci, 'options'], options.filter((_, k) => k !== oi))}>${t.remove(name)}</button>
    </div>
  </fieldset>`;
}
