/**
 * The rule builder: conditions per component type in AND/OR groups, actions whose targets are
 * picked from the components, the raw JSON Logic beside it (both edit the same document), and
 * the core's own diagnostics for the rule — parseProduct's issues at its path, nothing invented.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { formatPath, type Path } from '../../core/index.js';
import type { Ctx } from '../fields/context.js';
import { moneyField, textField } from '../fields/fields.js';
import { localizedField } from '../fields/localized.js';
import { freshId } from '../commands.js';
import { defaultValue, fromLogic, kindOf, testsFor, toLogic, type Cond, type TestId } from '../rules/conditions.js';
import type { Doc } from '../store.js';

type At = number[];

function replaceAt(c: Cond, at: At, fn: (c: Cond) => Cond | undefined): Cond | undefined {
  if (at.length === 0) return fn(c);
  if (c.kind !== 'group') return c;
  const [i, ...rest] = at as [number, ...number[]];
  const items = c.items.flatMap((x, k) => (k === i ? [replaceAt(x, rest, fn)].filter((y): y is Cond => !!y) : [x]));
  return { ...c, items };
}

export function rulesPanel(ctx: Ctx): TemplateResult {
  const { t, store, doc } = ctx;
  const rules: Doc[] = Array.isArray(doc.rules) ? doc.rules : [];
  const comps: Doc[] = Array.isArray(doc.components) ? doc.components : [];
  const sel = store.selection.rule;
  const add = () => {
    const first = comps[0];
    const when = first ? toLogic({ kind: 'test', component: first.id, test: testsFor(kindOf(first))[0]!, value: defaultValue(doc, first.id, testsFor(kindOf(first))[0]!) }, doc) : true;
    const id = freshId('rule', rules.map((r) => r?.id));
    store.set(['rules'], [...rules, { id, when, then: {} }]);
    store.select({ rule: rules.length });
  };
  return html`<div class="stack">
    <button type="button" class="small" @click=${add}>${t.addRule}</button>
    <ul class="list">${rules.map((r, i) => {
      const name = t.ruleItem(String(r?.id ?? i + 1));
      return html`<li class=${i === sel ? 'selected' : ''}><button type="button" class="item-name" aria-pressed=${i === sel ? 'true' : 'false'} @click=${() => store.select({ rule: i })}>${name}</button>
        <button type="button" class="icon" aria-label=${t.remove(name)} title=${t.remove(name)} @click=${() => { store.set(['rules'], rules.filter((_, k) => k !== i)); store.select({ rule: undefined }); }}>✕</button></li>`;
    })}</ul>
    ${sel !== undefined && rules[sel] ? ruleEditor(ctx, sel, rules[sel]!) : nothing}
  </div>`;
}

function ruleEditor(ctx: Ctx, ri: number, rule: Doc): TemplateResult {
  const { t, store } = ctx;
  const base: Path = ['rules', ri];
  const cond = fromLogic(rule.when, ctx.doc);
  const setCond = (c: Cond | undefined) => store.set([...base, 'when'], c ? toLogic(c, ctx.doc) : true);
  const diagnostics = store.issues.filter((i) => i.path[0] === 'rules' && i.path[1] === ri);
  return html`<section class="editor-card" aria-label=${t.ruleItem(String(rule.id ?? ri + 1))}>
    ${textField(ctx, t.ruleId, [...base, 'id'], { optional: true })}
    <div class="rule-split">
      <fieldset class="when"><legend>${t.when}</legend>${condEditor(ctx, cond, [], cond, setCond)}</fieldset>
      ${rawJson(ctx, t.rawLogic, [...base, 'when'], rule.when)}
    </div>
    <div class="rule-split">
      <fieldset class="then"><legend>${t.then}</legend>${thenEditor(ctx, ri, rule.then)}</fieldset>
      ${rawJson(ctx, t.rawThen, [...base, 'then'], rule.then)}
    </div>
    <section class="diagnostics" aria-label=${t.diagnostics}><h4>${t.diagnostics}</h4>
      ${diagnostics.length ? html`<ul class="issues">${diagnostics.map((i) => html`<li class=${i.severity}>${i.severity}: <code>${formatPath(i.path)}</code> ${i.message}</li>`)}</ul>` : html`<p class="muted">${t.noDiagnostics}</p>`}
    </section>
  </section>`;
}

function rawJson(ctx: Ctx, label: string, path: Path, value: unknown): TemplateResult {
  return html`<label class="field raw"><span>${label}</span><textarea spellcheck="false" data-path=${formatPath(path)} .value=${live(JSON.stringify(value ?? null, null, 1))}
    @change=${(e: Event) => {
      const area = e.target as HTMLTextAreaElement;
      try {
        ctx.store.set(path, JSON.parse(area.value));
        area.setCustomValidity('');
      } catch (err) {
        area.setCustomValidity(ctx.t.rawInvalid((err as Error).message));
        area.reportValidity();
        ctx.say(ctx.t.rawInvalid((err as Error).message));
      }
    }}></textarea></label>`;
}

function condEditor(ctx: Ctx, c: Cond, at: At, root: Cond, setRoot: (c: Cond | undefined) => void): TemplateResult {
  const { t } = ctx;
  const comps: Doc[] = Array.isArray(ctx.doc.components) ? ctx.doc.components : [];
  const edit = (fn: (c: Cond) => Cond | undefined) => setRoot(replaceAt(root, at, fn));
  const where = at.length ? `${t.when} ${at.map((i) => i + 1).join('.')}` : t.when;
  const fresh = (): Cond => {
    const first = comps[0];
    const test = testsFor(kindOf(first))[0]!;
    return { kind: 'test', component: String(first?.id ?? ''), test, value: first ? defaultValue(ctx.doc, first.id, test) : undefined };
  };
  const remove = at.length ? html`<button type="button" class="icon" aria-label=${`${where}: ${t.removeCondition}`} title=${t.removeCondition} @click=${() => edit(() => undefined)}>✕</button>` : nothing;
  if (c.kind === 'raw') return html`<div class="cond raw"><p class="muted">${t.customLogic}</p>${remove}</div>`;
  if (c.kind === 'group') {
    return html`<div class="group" role="group" aria-label=${where}>
      <label class="field"><span>${where}: ${t.groupOp}</span><select @change=${(e: Event) => edit((g) => ({ ...(g as Extract<Cond, { kind: 'group' }>), op: (e.target as HTMLSelectElement).value as 'and' | 'or' }))}>
        <option value="and" ?selected=${c.op === 'and'}>${t.all}</option><option value="or" ?selected=${c.op === 'or'}>${t.any}</option></select></label>
      ${c.items.map((x, i) => condEditor(ctx, x, [...at, i], root, setRoot))}
      <div class="row wrap"><button type="button" class="small" @click=${() => edit((g) => ({ ...(g as Extract<Cond, { kind: 'group' }>), items: [...(g as Extract<Cond, { kind: 'group' }>).items, fresh()] }))}>${where}: ${t.addCondition}</button>
        <button type="button" class="small" @click=${() => edit((g) => ({ ...(g as Extract<Cond, { kind: 'group' }>), items: [...(g as Extract<Cond, { kind: 'group' }>).items, { kind: 'group', op: 'or', items: [fresh()] }] }))}>${where}: ${t.addGroup}</button>${remove}</div>
    </div>`;
  }
  const comp = comps.find((x) => x?.id === c.component);
  const tests = testsFor(kindOf(comp));
  const options: string[] = Array.isArray(comp?.options) ? comp!.options.map((o: Doc) => String(o?.value)) : [];
  let value: TemplateResult | typeof nothing = nothing;
  if ((c.test === 'equals' || c.test === 'includes') && comp?.type === 'choice') {
    value = html`<label class="field"><span>${where}: ${t.conditionValue}</span><select @change=${(e: Event) => edit((x) => ({ ...(x as any), value: (e.target as HTMLSelectElement).value }))}>${options.map((o) => html`<option ?selected=${o === c.value}>${o}</option>`)}</select></label>`;
  } else if (c.test === 'equals') {
    value = html`<label class="field"><span>${where}: ${t.conditionValue}</span><input type="text" .value=${live(String(c.value ?? ''))} @change=${(e: Event) => edit((x) => ({ ...(x as any), value: (e.target as HTMLInputElement).value }))} /></label>`;
  } else if (c.test === 'oneOf') {
    const chosen = Array.isArray(c.value) ? c.value : [];
    value = html`<fieldset class="inline"><legend>${where}: ${t.conditionValues}</legend>${options.map((o) => html`<label class="check"><input type="checkbox" .checked=${live(chosen.includes(o))}
      @change=${(e: Event) => edit((x) => ({ ...(x as any), value: (e.target as HTMLInputElement).checked ? [...chosen, o] : chosen.filter((y) => y !== o) }))} /><span>${o}</span></label>`)}</fieldset>`;
  } else if (c.test === 'lengthAtLeast' || c.test === 'lengthAtMost') {
    value = html`<label class="field num"><span>${where}: ${t.conditionValue}</span><input type="number" min="0" step="1" .value=${live(String(c.value ?? 0))} @change=${(e: Event) => edit((x) => ({ ...(x as any), value: Number((e.target as HTMLInputElement).value) || 0 }))} /></label>`;
  }
  return html`<div class="cond row wrap" role="group" aria-label=${where}>
    <label class="field"><span>${where}: ${t.component}</span><select @change=${(e: Event) => {
      const id = (e.target as HTMLSelectElement).value;
      const type = kindOf(comps.find((x) => x?.id === id));
      const test = testsFor(type).includes(c.test) ? c.test : testsFor(type)[0]!;
      edit(() => ({ kind: 'test', component: id, test, value: defaultValue(ctx.doc, id, test) }));
    }}>${comps.map((x) => html`<option value=${x.id} ?selected=${x.id === c.component}>${x.id}</option>`)}</select></label>
    <label class="field"><span>${where}: ${t.test}</span><select @change=${(e: Event) => {
      const test = (e.target as HTMLSelectElement).value as TestId;
      edit(() => ({ kind: 'test', component: c.component, test, value: defaultValue(ctx.doc, c.component, test) }));
    }}>${tests.map((x) => html`<option value=${x} ?selected=${x === c.test}>${t.tests[x] ?? x}</option>`)}</select></label>
    ${value}
    ${at.length === 0 ? html`<button type="button" class="small" @click=${() => setRoot({ kind: 'group', op: 'and', items: [c, fresh()] })}>${t.addCondition}</button>` : nothing}
    ${remove}
  </div>`;
}

const ACTIONS = ['hide', 'require', 'restrict', 'price', 'error'] as const;

function thenEditor(ctx: Ctx, ri: number, then: unknown): TemplateResult {
  const { t, store } = ctx;
  const p: Path = ['rules', ri, 'then'];
  const th: Doc = then && typeof then === 'object' && !Array.isArray(then) ? (then as Doc) : {};
  const comps: Doc[] = Array.isArray(ctx.doc.components) ? ctx.doc.components : [];
  const targets = (key: 'hide' | 'require') => {
    const list: string[] = Array.isArray(th[key]) ? th[key] : [];
    return html`<fieldset class="inline"><legend>${t.actions[key]}: ${t.targets}</legend>${comps.map((c) => html`<label class="check"><input type="checkbox" .checked=${live(list.includes(c.id))}
      @change=${(e: Event) => {
        const cur = store.doc.rules?.[ri]?.then?.[key];
        const now: string[] = Array.isArray(cur) ? cur : [];
        store.set([...p, key], (e.target as HTMLInputElement).checked ? [...now.filter((x) => x !== c.id), c.id] : now.filter((x) => x !== c.id));
      }} /><span>${c.id}</span></label>`)}</fieldset>`;
  };
  const restrict = () => {
    const r: Doc = th.restrict && typeof th.restrict === 'object' ? th.restrict : {};
    const keys = comps.flatMap((c) => (c.type === 'choice' ? [c.id] : c.type === 'text' ? [`${c.id}.font`, `${c.id}.color`] : []));
    return html`${Object.keys(r).map((k) => {
      const comp = comps.find((c) => c.id === k);
      const values: string[] = Array.isArray(r[k]) ? r[k] : [];
      const offered: string[] = comp?.type === 'choice' ? comp.options.map((o: Doc) => String(o.value))
        : k.endsWith('.font') ? (comps.find((c) => `${c.id}.font` === k)?.fonts ?? [])
        : (comps.find((c) => `${c.id}.color` === k)?.colors ?? []);
      return html`<fieldset class="inline"><legend>${t.restrictKey} ${k}: ${t.allowed}</legend>${offered.map((o) => html`<label class="check"><input type="checkbox" .checked=${live(values.includes(o))}
        @change=${(e: Event) => store.set([...p, 'restrict', k], (e.target as HTMLInputElement).checked ? [...values, o] : values.filter((x) => x !== o))} /><span>${o}</span></label>`)}
        <button type="button" class="icon" aria-label=${t.remove(`${t.restrictKey} ${k}`)} title=${t.remove(k)} @click=${() => store.set([...p, 'restrict', k], undefined)}>✕</button></fieldset>`;
    })}
    <label class="field"><span>${t.restrictKey}</span><select @change=${(e: Event) => {
      const k = (e.target as HTMLSelectElement).value;
      if (k) store.set([...p, 'restrict', k], []);
    }}><option value="">${t.none}</option>${keys.filter((k) => !(k in r)).map((k) => html`<option value=${k}>${k}</option>`)}</select></label>`;
  };
  const present = ACTIONS.filter((a) => th[a] !== undefined);
  return html`${present.map((a) => html`<div class="action" role="group" aria-label=${t.actions[a]}>
      <div class="row"><strong>${t.actions[a]}</strong><button type="button" class="icon" aria-label=${t.remove(t.actions[a]!)} title=${t.remove(t.actions[a]!)} @click=${() => store.set([...p, a], undefined)}>✕</button></div>
      ${a === 'hide' || a === 'require' ? targets(a)
        : a === 'restrict' ? restrict()
        : a === 'price' ? html`<div class="grid2">${moneyField(ctx, t.amount, [...p, 'price', 'amount'])}${localizedField(ctx, t.priceLabel, [...p, 'price', 'label'])}</div>`
        : localizedField(ctx, t.errorMessage, [...p, 'error'])}</div>`)}
    <label class="field"><span>${t.action}</span><select @change=${(e: Event) => {
      const a = (e.target as HTMLSelectElement).value;
      (e.target as HTMLSelectElement).value = '';
      if (a === 'hide' || a === 'require') store.set([...p, a], []);
      else if (a === 'restrict') store.set([...p, a], {});
      else if (a === 'price') store.set([...p, a], { amount: 0, label: t.actions.price! });
      else if (a === 'error') store.set([...p, a], t.actions.error!);
    }}><option value="">${t.none}</option>${ACTIONS.filter((a) => !present.includes(a)).map((a) => html`<option value=${a}>${t.actions[a]}</option>`)}</select></label>`;
}
