/**
 * `evaluate(product, selections)`: synchronous, deterministic, never throws. It runs on every
 * keystroke, so everything product-shaped is precomputed in `model.ts` and this file only walks
 * the components and rules once per fixpoint round.
 *
 * Rule semantics (README "Rules"):
 * 1. Every component's value is read (defaults applied). Hidden components are absent from the data.
 * 2. All rules' `when` are evaluated against that data. The union of their `hide` lists is the hidden
 *    set; their `restrict` lists intersect per key.
 * 3. If hidden set or restrictions changed, the data is rebuilt (a hidden component disappears, a
 *    text's default font follows its restriction) and step 2 runs again, until nothing changes.
 *    A state seen before means the rules contradict each other: a `rule` error names them, and the
 *    last state stands. At most 32 rounds.
 * 4. With the final data: `require`, `error` and `price` of the rules that fire apply.
 */
import type { Issue, IssueCode, Path, Severity } from './issues.js';
import { coreMessages, issueMessage, type CoreMessages } from './i18n/messages.js';
import {
  DEFAULT_COLOR, DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, IMPLICIT_MAX_LENGTH, imageDpi, indexProduct,
  type ProductIndex, type RuleInfo,
} from './model.js';
import { collectVars } from './rules/logic.js';
import { ruleResults } from './rules/results.js';
import type { Product } from './schema/product.js';
import { DEFAULT_TRANSFORM, readSelections, type ReadValue, type Transform } from './selections.js';
import { resolveText } from './text.js';

export interface EvaluateOptions {
  /** Locale of messages and price labels; defaults to the product's first locale, then English. */
  locale?: string;
}

export interface ComponentState {
  visible: boolean;
  required: boolean;
  /** Choice: the values that may be chosen now (not disabled, not restricted by a rule). */
  allowed?: string[];
  /** Text: the fonts and colours that may be used now. `colors` absent = any colour. */
  fonts?: string[];
  colors?: string[];
  /** Ids of the rules whose `restrict` narrows this component now. */
  restrictedBy?: string[];
  /** The value as rules see it (defaults applied); absent when hidden. */
  value?: unknown;
}

export interface PriceLine {
  label: string;
  amount: number;
  component?: string;
  option?: string;
  rule?: string;
  /** Per-character pricing: characters charged and the price of one. */
  quantity?: number;
  unitAmount?: number;
}
export interface Price { currency: string; base: number; lines: PriceLine[]; total: number }

export interface Evaluation {
  valid: boolean;
  issues: Issue[];
  price: Price;
  components: Record<string, ComponentState>;
}

interface Ctx {
  idx: ProductIndex;
  locale: string | undefined;
  msg: CoreMessages;
  issues: Issue[];
}

function push(ctx: Ctx, code: IssueCode, severity: Severity, component: string | undefined, path: Path, params?: Record<string, unknown>, message?: string): void {
  const i: Issue = {
    code,
    severity,
    path,
    message: message ?? issueMessage(ctx.locale, code, params, severity),
  };
  if (component) i.component = component;
  if (params) i.params = params;
  ctx.issues.push(i);
}

/** Per restrict key: the values left, the rules that narrowed it, and the component it is about. */
type Restrictions = Map<string, { values: ReadonlySet<string>; rules: string[]; root: string }>;

/**
 * What the rules that fire decide. A state is built once per set of rule results and kept with it
 * (the same results give the very same state on the next keystroke), so nothing may change it.
 */
interface State {
  hidden: Set<string>;
  restrict: Restrictions;
  fired: RuleInfo[];
  /** How this state differs from the state of the round before, for the last one asked about. */
  diff?: { from: State } & Diff;
  /** The state by position, for the components' loops (`final`). */
  at?: Final;
}

/** Components shown and hidden going from one state to another, and restrict keys whose values differ. */
interface Diff { shown: string[]; hid: string[]; keys: string[] }

function sameValues(x: ReadonlySet<string> | undefined, y: ReadonlySet<string> | undefined): boolean {
  if (x === y) return true;
  if (!x || !y || x.size !== y.size) return false;
  for (const v of x) if (!y.has(v)) return false;
  return true;
}

/** How `b` differs from `a` (remembered on `b`: a keystroke that changes no rule's result asks again). */
function diffOf(a: State, b: State): Diff {
  if (b.diff?.from === a) return b.diff;
  const shown = [...a.hidden].filter((h) => !b.hidden.has(h));
  const hid = [...b.hidden].filter((h) => !a.hidden.has(h));
  const keys = [...new Set([...a.restrict.keys(), ...b.restrict.keys()])].filter((k) => !sameValues(a.restrict.get(k)?.values, b.restrict.get(k)?.values));
  b.diff = { from: a, shown, hid, keys };
  return b.diff;
}

/** Same hidden set and same restrictions (rules may fire in another order and still agree). */
function sameState(a: State, b: State): boolean {
  if (a === b) return true;
  // Sizes first: a diff is worked out (and kept on `b`) only for a state that may be the same.
  if (a.hidden.size !== b.hidden.size || a.restrict.size !== b.restrict.size) return false;
  const d = diffOf(a, b);
  return d.shown.length + d.hid.length + d.keys.length === 0;
}

function allowedList(base: readonly string[], r: Restrictions, k: string): string[] {
  const lim = r.size ? r.get(k) : undefined;
  return lim ? base.filter((x) => lim.values.has(x)) : base.slice();
}

/** The first of `base` a restriction leaves, without building the list. */
function firstAllowed(base: readonly string[], r: Restrictions, k: string): string | undefined {
  const lim = r.size ? r.get(k) : undefined;
  return lim ? base.find((x) => lim.values.has(x)) : base[0];
}

function firstOf(s: ReadonlySet<string> | undefined): string | undefined {
  if (s) for (const x of s) return x;
  return undefined;
}

/** A text as rules see it (SPEC §2). */
interface TextData { text: string; length: number; lines: number; font: string | null; color: string; fontSize: number; curve: number }

/** A fixpoint round's data: the object rules read, and the same values by position (undefined where absent). */
interface Round { data: Record<string, unknown>; list: unknown[] }

/**
 * What evaluate keeps per product index between calls, never handed out (evaluate is synchronous, so
 * no two evaluations share it at once):
 * - `rounds`, the data of each fixpoint round (the fourth serves all later ones), brought up to date
 *   in place: building an object of a thousand keys afresh on every keystroke costs more than the
 *   rules, a component that round 2 hides stays out of round 2's object instead of leaving and coming
 *   back on every call, and values are compared by position, without lookups by id;
 * - `texts`, the last data value built for each text, frozen: a text that did not change is the very
 *   same value, so the rules' memory (rules/results.ts) compares it at a glance. A component's
 *   `value` is a copy of it;
 * - `empty`, where every fixpoint starts: one state, so what is kept on it (its diff to round 1's
 *   state, its per-position arrays) serves every call;
 * - `mark`/`marks`: the positions a round must build again, marked with a counter (never cleared).
 */
interface Mem { rounds: Round[]; texts: (TextData | undefined)[]; empty: State; mark: Float64Array; marks: number }
const mems = new WeakMap<ProductIndex, Mem>();
const ROUNDS_KEPT = 4;

function memOf(idx: ProductIndex): Mem {
  let mem = mems.get(idx);
  if (!mem) {
    const empty: State = { hidden: new Set(), restrict: new Map(), fired: [] };
    mems.set(idx, (mem = { rounds: [], texts: [], empty, mark: new Float64Array(idx.ids.length), marks: 0 }));
  }
  return mem;
}

const HEX = /^#[0-9a-f]{6}$/;

const copyText = (d: TextData): TextData => ({ text: d.text, length: d.length, lines: d.lines, font: d.font, color: d.color, fontSize: d.fontSize, curve: d.curve });

/** The data `when` sees for one component (SPEC §2), given the current restrictions. */
function dataOf(idx: ProductIndex, mem: Mem, i: number, v: ReadValue, r: Restrictions): unknown {
  switch (v.type) {
    case 'choice':
      if (idx.choiceAt[i]!.multi) return v.values ?? [];
      return v.values?.[0] ?? null;
    case 'toggle':
      return v.on;
    case 'text': {
      const t = idx.textAt[i]!;
      const font = v.font ?? firstAllowed(t.fonts, r, t.fontKey) ?? t.fonts[0] ?? null;
      const color = v.color ?? (t.colors ? firstAllowed(t.colors, r, t.colorKey) : firstOf(r.get(t.colorKey)?.values)) ?? t.colors?.[0] ?? DEFAULT_COLOR;
      const fontSize = v.fontSize ?? t.fontSize.default;
      const curve = v.curve ?? t.curve?.default ?? 0;
      const last = mem.texts[i];
      if (last && last.text === v.text && last.font === font && last.color === color && Object.is(last.fontSize, fontSize) && Object.is(last.curve, curve)) return last;
      const m = t.measure(v.text);
      return (mem.texts[i] = Object.freeze({ text: v.text, length: m.length, lines: m.lines, font, color, fontSize, curve }));
    }
    case 'image': {
      if (!v.asset) return null;
      const area = idx.imageAt[i]!.area;
      const scale = (v.transform ?? DEFAULT_TRANSFORM).scale;
      return {
        type: v.asset.type,
        bytes: v.asset.bytes,
        width: v.asset.width,
        height: v.asset.height,
        dpi: area ? imageDpi(area.area, v.asset.width, v.asset.height, scale) : null,
      };
    }
  }
}

/**
 * The data rules see (`data`: visible components by id) and the same values by position in
 * `idx.ids` (`list`: undefined where hidden), which the engine reads without looking ids up.
 */
export interface RoundData extends Round { mem: Mem }

/**
 * The data of fixpoint round `round`, whose state is `s`, in that round's own object. `from` is the
 * round before, with its state: its values are taken where neither the component's visibility nor a
 * text's font or colour restriction changed; without it every value is built.
 */
function roundData(idx: ProductIndex, values: ReadValue[], round: number, s: State, from?: { data: RoundData; state: State }): RoundData {
  const mem = memOf(idx);
  const { data, list } = (mem.rounds[Math.min(round, ROUNDS_KEPT - 1)] ??= { data: {}, list: [] });
  const { hidden } = final(idx, s);
  const prev = from?.data.list;
  const mark = ++mem.marks;
  if (from) {
    const d = diffOf(from.state, s);
    const again = (id: string) => {
      const i = idx.pos.get(id);
      if (i !== undefined) mem.mark[i] = mark;
    };
    d.shown.forEach(again);
    for (const k of d.keys) again((from.state.restrict.get(k) ?? s.restrict.get(k))!.root);
  }
  for (let i = 0; i < values.length; i++) {
    const v = hidden[i] ? undefined : prev && mem.mark[i] !== mark ? prev[i] : dataOf(idx, mem, i, values[i]!, s.restrict);
    // A value that is already there need not be written again.
    if (Object.is(list[i], v)) continue;
    const id = idx.ids[i]!;
    if (v === undefined) delete data[id];
    else data[id] = v;
    list[i] = v;
  }
  return { data, list, mem };
}

/** The state for each set of rule results `ruleResults` gives (it gives the same array when none changed). */
const states = new WeakMap<readonly boolean[], State>();

function runRules(idx: ProductIndex, data: RoundData, round: number): State {
  const results = ruleResults(idx, data, round);
  const known = states.get(results);
  if (known) return known;
  const hidden = new Set<string>();
  const restrict: Restrictions = new Map();
  const fired: RuleInfo[] = [];
  for (let r = 0; r < idx.rules.length; r++) {
    if (!results[r]) continue;
    const info = idx.rules[r]!;
    fired.push(info);
    info.rule.then.hide?.forEach((h) => hidden.add(h));
    for (const [k, vals, root] of info.restrict) {
      const prev = restrict.get(k);
      if (!prev) restrict.set(k, { values: vals, rules: [info.id], root });
      else {
        prev.values = new Set([...vals].filter((x) => prev.values.has(x)));
        prev.rules.push(info.id);
      }
    }
  }
  const state: State = { hidden, restrict, fired };
  states.set(results, state);
  return state;
}

const MAX_ROUNDS = 32;

/**
 * Whether going from `a` to `b` changes the data rules read: a hidden set that differs, or a
 * changed font/colour restriction on a text that takes its default (the default follows it).
 * Restrictions on choices do not change their values, so they never need another round.
 */
function changesData(idx: ProductIndex, a: State, b: State, values: ReadValue[]): boolean {
  const d = diffOf(a, b);
  if (d.shown.length || d.hid.length) return true;
  return d.keys.some((k) => {
    const dot = k.lastIndexOf('.');
    const at = dot < 0 ? undefined : idx.pos.get(k.slice(0, dot));
    const v = at === undefined ? undefined : values[at];
    return v?.type === 'text' && (k.endsWith('.font') ? v.font : v.color) === undefined;
  });
}

function fixpoint(ctx: Ctx, values: ReadValue[]): { state: State; data: RoundData } {
  let state = memOf(ctx.idx).empty;
  let data = roundData(ctx.idx, values, 0, state);
  if (ctx.idx.rules.length === 0) return { state, data };
  const seen: State[] = [state];
  const history: State[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = runRules(ctx.idx, data, round);
    history.push(next);
    // The same state, or one whose changes the data cannot see, is the fixpoint.
    if (!changesData(ctx.idx, state, next, values)) return { state: next, data };
    if (seen.some((s) => sameState(s, next)) || round === MAX_ROUNDS - 1) {
      // Rules that fire in some rounds of the loop and not in others are the ones in conflict.
      const counts = new Map<string, number>();
      for (const h of history) for (const f of h.fired) counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
      const rules = [...counts].filter(([, n]) => n < history.length).map(([id]) => id);
      push(ctx, 'rule', 'error', undefined, ['rules'], { cycle: true, rules });
      return { state: next, data: roundData(ctx.idx, values, round + 1, next) };
    }
    seen.push(next);
    data = roundData(ctx.idx, values, round + 1, next, { data, state });
    state = next;
  }
  return { state, data };
}

/**
 * The final state by position: hidden, required by a rule, and the rules narrowing each component.
 * Kept on the state, so a keystroke that changes no rule's result reuses it.
 */
interface Final { hidden: Uint8Array; required: Uint8Array; narrowed: (string[] | undefined)[] }

function final(idx: ProductIndex, s: State): Final {
  if (s.at) return s.at;
  const n = idx.ids.length;
  const at: Final = { hidden: new Uint8Array(n), required: new Uint8Array(n), narrowed: [] };
  const mark = (a: Uint8Array, id: string) => {
    const i = idx.pos.get(id);
    if (i !== undefined) a[i] = 1;
  };
  for (const h of s.hidden) mark(at.hidden, h);
  for (const f of s.fired) f.rule.then.require?.forEach((id) => mark(at.required, id));
  // Which rules narrow each component, indexed once (a scan per component would be quadratic).
  for (const v of s.restrict.values()) {
    const i = idx.pos.get(v.root);
    if (i === undefined) continue;
    const rules = (at.narrowed[i] ??= []);
    for (const r of v.rules) if (!rules.includes(r)) rules.push(r);
  }
  return (s.at = at);
}

function checkTransform(ctx: Ctx, id: string, t: Transform | undefined, editable: { move?: boolean; rotate?: boolean; resize?: boolean } | undefined): void {
  if (!t) return;
  if (t.x < 0 || t.x > 1 || t.y < 0 || t.y > 1) push(ctx, 'outside-area', 'error', id, [id, 'transform'], { x: t.x, y: t.y });
  const e = { move: true, rotate: true, resize: true, ...editable };
  const locked: string[] = [];
  if (!e.move && (t.x !== 0.5 || t.y !== 0.5)) locked.push('move');
  if (!e.rotate && t.rotation !== 0) locked.push('rotate');
  if (!e.resize && t.scale !== 1) locked.push('resize');
  if (locked.length) push(ctx, 'not-allowed', 'error', id, [id, 'transform'], { reason: 'locked', locked });
}

/** The restrictions of a component no rule narrows: none (one empty map, never written to). */
const NO_RESTRICTIONS: Restrictions = new Map();

function validate(ctx: Ctx, values: ReadValue[], state: State, { list }: RoundData, out: Record<string, ComponentState>): void {
  const { idx } = ctx;
  const L = (t: Parameters<typeof resolveText>[0]) => resolveText(t, ctx.locale, idx.locales);
  const at = final(idx, state);
  for (let i = 0; i < values.length; i++) {
    const id = idx.ids[i]!;
    const c = idx.list[i]!;
    const visible = at.hidden[i] === 0;
    const required = visible && (c.required === true || at.required[i] === 1);
    const st: ComponentState = { visible, required };
    out[id] = st;
    const restrictedBy = at.narrowed[i];
    // A component no rule narrows has no restrict key: its lists need no lookup.
    const r = restrictedBy ? state.restrict : NO_RESTRICTIONS;
    if (restrictedBy) st.restrictedBy = restrictedBy.slice();
    const v = values[i]!;
    // A text's data value is kept between calls (Mem): the caller gets a copy of its own.
    if (visible) {
      const d = list[i];
      st.value = v.type === 'text' ? copyText(d as TextData) : d;
    }
    if (c.type === 'choice') {
      st.allowed = allowedList(idx.choiceAt[i]!.enabled, r, id);
    }
    if (c.type === 'text') {
      const t = idx.textAt[i]!;
      st.fonts = allowedList(t.fonts, r, t.fontKey);
      const lim = r.size ? r.get(t.colorKey) : undefined;
      if (t.colors) st.colors = allowedList(t.colors, r, t.colorKey);
      else if (lim) st.colors = [...lim.values];
    }
    if (!visible) continue;

    switch (v.type) {
      case 'choice': {
        if (!v.values) break; // malformed: already reported
        const info = idx.choiceAt[i]!;
        if (c.type !== 'choice') break;
        if (v.values.length === 0) {
          if (required) push(ctx, 'required', 'error', id, [id]);
          break;
        }
        for (const value of v.values) {
          const o = info.options.get(value);
          const path: Path = info.multi ? [id, v.values.indexOf(value)] : [id];
          if (!o) push(ctx, 'not-allowed', 'error', id, path, { value, reason: 'unknown' });
          else if (o.disabled) push(ctx, 'not-allowed', 'error', id, path, { value, label: L(o.label), reason: 'disabled' });
          else if (!st.allowed!.includes(value)) push(ctx, 'not-allowed', 'error', id, path, { value, label: L(o.label), reason: 'restricted', rules: st.restrictedBy });
        }
        if (info.multi) {
          const min = c.min ?? 0;
          const max = c.max ?? 1;
          if (v.values.length < min) push(ctx, 'too-few', 'error', id, [id], { min, count: v.values.length });
          if (v.values.length > max) push(ctx, 'too-many', 'error', id, [id], { max, count: v.values.length });
        }
        break;
      }
      case 'toggle':
        if (required && !v.on) push(ctx, 'required', 'error', id, [id]);
        break;
      case 'text': {
        if (c.type !== 'text') break;
        const t = idx.textAt[i]!;
        const d = list[i] as TextData;
        if (d.text === '') {
          if (required) push(ctx, 'required', 'error', id, [id, 'text']);
          break;
        }
        const max = c.maxLength ?? IMPLICIT_MAX_LENGTH;
        if (c.minLength !== undefined && d.length < c.minLength) push(ctx, 'too-short', 'error', id, [id, 'text'], { min: c.minLength, length: d.length });
        if (d.length > max) push(ctx, 'too-long', 'error', id, [id, 'text'], { max, length: d.length });
        if (d.lines > t.maxLines) push(ctx, 'too-many-lines', 'error', id, [id, 'text'], { max: t.maxLines, lines: d.lines });
        // A merchant's pattern only ever sees text within maxLength, so a slow regex cannot freeze a page.
        if (t.pattern && d.length <= max && !t.matches(d.text)) {
          const message = c.patternMessage === undefined ? undefined : L(c.patternMessage);
          push(ctx, 'pattern', 'error', id, [id, 'text'], { pattern: c.pattern }, message);
        }
        if (d.font === null || !st.fonts!.includes(d.font)) {
          if (d.font !== null || t.fonts.length > 0) push(ctx, 'font-not-allowed', 'error', id, [id, 'font'], { font: d.font, allowed: st.fonts });
        }
        if ((d.color !== DEFAULT_COLOR && !HEX.test(d.color)) || (st.colors && !st.colors.includes(d.color)))
          push(ctx, 'color-not-allowed', 'error', id, [id, 'color'], { color: d.color, allowed: st.colors ?? [] });
        if (d.fontSize < t.fontSize.min || d.fontSize > t.fontSize.max)
          push(ctx, 'size-out-of-range', 'error', id, [id, 'fontSize'], { size: d.fontSize, min: t.fontSize.min, max: t.fontSize.max });
        // A text without `curve` in the product stays straight: its range is 0..0.
        const bend = t.curve ?? { min: 0, max: 0 };
        if (d.curve < bend.min || d.curve > bend.max)
          push(ctx, 'curve-out-of-range', 'error', id, [id, 'curve'], { curve: d.curve, min: bend.min, max: bend.max });
        checkTransform(ctx, id, v.transform, c.editable);
        break;
      }
      case 'image': {
        if (c.type !== 'image') break;
        if (!v.asset) {
          if (required) push(ctx, 'required', 'error', id, [id]);
          break;
        }
        const info = idx.imageAt[i]!;
        const a = v.asset;
        if (!info.accept.includes(a.type)) push(ctx, 'file-type', 'error', id, [id, 'asset', 'type'], { type: a.type, accept: [...info.accept] });
        const maxBytes = c.maxBytes ?? DEFAULT_MAX_BYTES;
        if (a.bytes > maxBytes) push(ctx, 'file-too-large', 'error', id, [id, 'asset', 'bytes'], { bytes: a.bytes, max: maxBytes });
        const maxPixels = c.maxPixels ?? DEFAULT_MAX_PIXELS;
        if (a.width * a.height > maxPixels) push(ctx, 'too-many-pixels', 'error', id, [id, 'asset'], { pixels: a.width * a.height, max: maxPixels });
        const dpi = (list[i] as { dpi: number | null }).dpi;
        if (dpi !== null) {
          if (c.minDpi !== undefined && dpi < c.minDpi) push(ctx, 'low-resolution', 'error', id, [id, 'transform', 'scale'], { dpi, min: c.minDpi });
          else if (c.warnDpi !== undefined && dpi < c.warnDpi) push(ctx, 'low-resolution', 'warning', id, [id, 'transform', 'scale'], { dpi, min: c.warnDpi });
        }
        checkTransform(ctx, id, v.transform, c.editable);
        break;
      }
    }
  }
}

function priceOf(ctx: Ctx, values: ReadValue[], state: State): Price {
  const { idx } = ctx;
  const p = idx.product;
  const L = (t: Parameters<typeof resolveText>[0]) => resolveText(t, ctx.locale, idx.locales);
  const lines: PriceLine[] = [];
  const { hidden } = final(idx, state);
  for (let i = 0; i < values.length; i++) {
    if (hidden[i]) continue;
    const id = idx.ids[i]!;
    const c = idx.list[i]!;
    const v = values[i]!;
    const label = L(c.label);
    switch (v.type) {
      case 'choice': {
        if (c.type !== 'choice' || !v.values || v.values.length === 0) break;
        if (c.price) lines.push({ label, amount: c.price, component: id });
        const info = idx.choiceAt[i]!;
        for (const value of v.values) {
          const o = info.options.get(value);
          if (o?.price) lines.push({ label: `${label}: ${L(o.label)}`, amount: o.price, component: id, option: value });
        }
        break;
      }
      case 'text': {
        if (c.type !== 'text' || v.text === '' || c.price === undefined) break;
        if (typeof c.price === 'number') {
          if (c.price) lines.push({ label, amount: c.price, component: id });
        } else {
          const charged = Math.max(0, idx.textAt[i]!.measure(v.text).visible - (c.price.free ?? 0));
          if (charged > 0 && c.price.perCharacter > 0)
            lines.push({ label, amount: charged * c.price.perCharacter, component: id, quantity: charged, unitAmount: c.price.perCharacter });
        }
        break;
      }
      case 'image':
        if (c.type === 'image' && v.asset && c.price) lines.push({ label, amount: c.price, component: id });
        break;
      case 'toggle':
        if (c.type === 'toggle' && v.on && c.price) lines.push({ label, amount: c.price, component: id });
        break;
    }
  }
  for (const f of state.fired) {
    const pr = f.rule.then.price;
    if (pr) lines.push({ label: L(pr.label), amount: pr.amount, rule: f.id });
  }
  const total = lines.reduce((s, l) => s + l.amount, p.basePrice);
  return { currency: p.currency, base: p.basePrice, lines, total };
}

/**
 * An empty object for `n` component states. Past a hundred keys it starts as a hash table: when the
 * caller built its selections by spreading the last ones (`{ ...selections, [id]: value }`, as the
 * element does on every keystroke), V8 keeps a chain of hidden classes for the same ids in the same
 * order, and an object that follows it copies its property array as it grows: quadratic in the ids
 * (0.6 ms for a thousand). Deleting a key that is not the last one makes V8 use a hash table.
 */
function record(n: number): Record<string, ComponentState> {
  if (n <= 100) return {};
  const o: Record<string, unknown> = { a: 0, b: 0 };
  delete o.a;
  delete o.b;
  return o as Record<string, ComponentState>;
}

/** Evaluates a parsed product (from `parseProduct`) against a shopper's selections. */
export function evaluateParsed(product: Product, selections: unknown, options: EvaluateOptions = {}): Evaluation {
  const idx = indexProduct(product, collectVars);
  const locale = options.locale ?? idx.locales[0];
  const ctx: Ctx = { idx, locale, msg: coreMessages(locale), issues: [] };
  const read = readSelections(idx, selections);
  for (const m of read.malformed) push(ctx, 'invalid-order', 'error', m.component || undefined, m.path, { reason: m.reason, ...m.params });
  // An issue about a component carries its id in `component`, an unknown one too (#14).
  for (const u of read.unknown) push(ctx, 'unknown-component', 'error', u, [u], { component: u });

  const { state, data } = fixpoint(ctx, read.values);
  const components = record(idx.ids.length);
  validate(ctx, read.values, state, data, components);

  for (const f of state.fired) {
    if (f.rule.then.error === undefined) continue;
    // Shown next to the first component the rule reads, so the shopper sees it where they act.
    const about = f.vars.map((v) => v.split('.')[0]!).find((id) => idx.components.has(id) && !state.hidden.has(id));
    push(ctx, 'rule', 'error', about, ['rules', f.index], { rule: f.id }, resolveText(f.rule.then.error, locale, idx.locales));
  }
  const price = priceOf(ctx, read.values, state);
  const valid = !ctx.issues.some((i) => i.severity === 'error');
  return { valid, issues: ctx.issues, price, components };
}
