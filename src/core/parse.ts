/**
 * `parseProduct`: never throws, on anything. Three passes, each adding located issues:
 * 1. a prototype-safe, depth-limited copy of the input (so `__proto__` never reaches a prototype
 *    and 100 000-deep nesting cannot overflow the stack);
 * 2. the zod/mini shape check, its issues reworded for a merchant;
 * 3. cross-checks between parts (areas, ids, rules) and lint warnings.
 */
import * as z from 'zod/mini';
import type { Issue, Path } from './issues.js';
import { issueMessage, type Reason } from './i18n/messages.js';
import { hasErrors } from './issues.js';
import { CURRENCIES } from './currencies.js';
import { indexProduct, ruleId, DEFAULT_ACCEPT, type ProductIndex } from './model.js';
import { compilePattern } from './pattern/index.js';
import { COLOR_RE, Component, ID_RE, Product, Rule as RuleSchema, SUPPORTED_SCHEMA_VERSIONS, View } from './schema/product.js';
import { compileValidCheck } from './schema/fast.js';
import type { Product as ProductT, Rule } from './schema/product.js';
import { applyLogic, checkLogic, collectComparisons, collectVars, truthy, type LogicProblemReason } from './rules/logic.js';

export type ParseResult =
  | { ok: true; product: ProductT; issues: Issue[] }
  | { ok: false; issues: Issue[] };

const MAX_DEPTH = 100;
declare const __PC_LEAN__: boolean | undefined;
/**
 * Lint warnings are for merchants (the CLI, the studio, `parseProduct` in Node). The shopper's drop-in
 * bundle is built with `__PC_LEAN__` and leaves them out: errors are the same, only warnings are not found.
 */
const LINT = typeof __PC_LEAN__ === 'undefined';
const parsed = new WeakSet<object>();

/** True for an object that `parseProduct` returned (and so is known valid). */
export const isParsedProduct = (p: unknown): p is ProductT => typeof p === 'object' && p !== null && parsed.has(p);

export interface ParseOptions {
  /** Locale of the issues' messages (built-in: en, zh-CN); English by default. */
  locale?: string;
}

/** The locale of the parse in progress (parseProduct is synchronous and not re-entrant). */
let wording: string | undefined;

/**
 * An `invalid-product` issue: `reason` (its sub-code, `params.reason`) and `params` say what is
 * wrong; the message is worded from the catalogue (i18n/messages.ts).
 */
function issue(path: Path, reason: Reason<'invalid-product'>, params: Record<string, unknown> = {}, severity: Issue['severity'] = 'error', component?: string): Issue {
  const all = { reason, ...params };
  const out: Issue = { code: 'invalid-product', severity, path, message: issueMessage(wording, 'invalid-product', all) };
  if (component) out.component = component;
  out.params = all;
  return out;
}

/** What a value is, as params: `got` (nothing, null, list, object, text, number, boolean) and, for the last three, `value`. */
function got(v: unknown): Record<string, unknown> {
  if (v === undefined) return { got: 'nothing' };
  if (v === null) return { got: 'null' };
  if (Array.isArray(v)) return { got: 'list' };
  if (typeof v === 'object') return { got: 'object' };
  if (typeof v === 'string') return { got: 'text', value: v.length > 40 ? v.slice(0, 40) + '…' : v };
  if (typeof v === 'number') return { got: 'number', value: v };
  return { got: 'boolean', value: v };
}

/** Where safeCopy is: a linked list from the leaf up, made into a Path only when an issue needs it. */
interface At { key: string | number; up: At | undefined }
function pathOf(at: At | undefined): Path {
  const out: Path = [];
  for (let a = at; a; a = a.up) out.push(a.key);
  return out.reverse();
}

/**
 * Copies JSON data into fresh plain objects, refusing what JSON cannot hold or what could pollute.
 * Texts, booleans, null and finite numbers are copied in place by the loops below (most of a product);
 * `at` links are made for the objects and lists gone into, and for a refused value.
 */
function safeCopy(value: unknown, at: At | undefined, depth: number, issues: Issue[]): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    issues.push(issue(pathOf(at), 'not-json-number', { value: String(value) }));
    return null;
  }
  if (typeof value !== 'object') {
    issues.push(issue(pathOf(at), 'not-json-value', { type: typeof value }));
    return null;
  }
  if (depth > MAX_DEPTH) {
    issues.push(issue(pathOf(at), 'too-deep', { max: MAX_DEPTH }));
    return null;
  }
  if (Array.isArray(value)) {
    const n = value.length;
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const v: unknown = value[i];
      if (isJsonLeaf(v)) out[i] = v;
      else if (v !== undefined || i in value) out[i] = safeCopy(v, { key: i, up: at }, depth + 1, issues); // a hole stays a hole
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    issues.push(issue(pathOf(at), 'not-plain'));
    return null;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
      issues.push(issue(pathOf({ key, up: at }), 'forbidden-key', { key }));
      continue;
    }
    const v = (value as Record<string, unknown>)[key];
    out[key] = isJsonLeaf(v) ? v : safeCopy(v, { key, up: at }, depth + 1, issues);
  }
  return out;
}

/** A value safeCopy keeps as it is: a text, a boolean, null or a finite number. */
const isJsonLeaf = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'boolean' || v === null || (typeof v === 'number' && Number.isFinite(v));

function at(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

const MONEY_KEYS = new Set(['price', 'basePrice', 'amount', 'perCharacter']);
const COMPONENT_TYPES = ['choice', 'text', 'image', 'toggle'];

type ZIssue = z.core.$ZodIssue;

/**
 * True only where `Product.safeParse` would succeed (schema/fast.ts): a valid product skips zod's parse.
 * The shopper's drop-in (`__PC_LEAN__`), which parses one product per page, leaves it out (1.5 KB gzip)
 * and lets zod parse all.
 */
const validProduct = typeof __PC_LEAN__ === 'undefined' ? /* @__PURE__ */ compileValidCheck(Product) : undefined;

/** The product's lists, each with the test of one item (schema/fast.ts) and a small valid item to stand in for it. */
const LISTS = typeof __PC_LEAN__ === 'undefined'
  ? /* @__PURE__ */ (() =>
      [
        ['views', compileValidCheck(View), { id: 'v', label: '', width: 1, height: 1, layers: [], areas: [] }],
        ['components', compileValidCheck(Component), { id: 'c', type: 'toggle', label: '' }],
        ['rules', compileValidCheck(RuleSchema), { when: null, then: {} }],
      ] as const)()
  : [];

/**
 * What zod parses when the product is not valid as a whole: the copy, with each item of its views,
 * components and rules that is valid on its own replaced by a small valid stand-in. zod checks the
 * items of a list one by one, so its issues are the same (at the same paths, found in the copy by
 * `fromZod`), and a product with a few faults costs zod only those items. Exported for its test.
 */
export function zodInput(copy: Record<string, unknown>): Record<string, unknown> {
  const out = { ...copy };
  for (const [key, valid, standIn] of LISTS) {
    const list = copy[key];
    if (valid && Array.isArray(list)) out[key] = list.map((item) => (valid(item) ? standIn : item));
  }
  return out;
}

function fromZod(zi: ZIssue, root: unknown, base: Path, out: Issue[]): void {
  const path: Path = [...base, ...zi.path.filter((p): p is string | number => typeof p !== 'symbol')];
  const actual = at(root, path);
  const last = path[path.length - 1];
  switch (zi.code) {
    case 'invalid_type': {
      if (actual === undefined) {
        out.push(issue(path, 'missing-field', { field: String(last) }));
        return;
      }
      const money = typeof last === 'string' && MONEY_KEYS.has(last) && (zi.expected === 'int' || zi.expected === 'number');
      out.push(issue(path, 'wrong-type', { expected: [money ? 'money' : zi.expected], ...got(actual) }));
      return;
    }
    case 'too_small': {
      const t = zi as { minimum: number | bigint; inclusive?: boolean; origin?: string };
      out.push(issue(path, 'too-small', { minimum: Number(t.minimum), inclusive: t.inclusive !== false, origin: t.origin ?? 'number', field: String(last), ...got(actual) }));
      return;
    }
    case 'too_big': {
      const t = zi as { maximum: number | bigint; inclusive?: boolean; origin?: string };
      out.push(issue(path, 'too-big', { maximum: Number(t.maximum), inclusive: t.inclusive !== false, origin: t.origin ?? 'number', field: String(last), ...got(actual) }));
      return;
    }
    case 'invalid_format': {
      const f = zi as { format: string; pattern?: string };
      const pattern = f.pattern === undefined ? undefined : String(f.pattern);
      const reason = pattern === ID_RE.toString() ? 'bad-id' : pattern === COLOR_RE.toString() ? 'bad-color' : 'bad-format';
      out.push(issue(path, reason, { format: f.format, ...(pattern !== undefined && { pattern }), ...got(actual) }));
      return;
    }
    case 'invalid_value':
      out.push(issue(path, 'not-one-of', { values: [...zi.values], ...got(actual) }));
      return;
    case 'unrecognized_keys':
      for (const key of zi.keys) out.push(issue([...path, key], 'unknown-field', { field: key }, 'warning'));
      return;
    case 'invalid_union': {
      if ((zi as { note?: string }).note === 'No matching discriminator' || last === 'type') {
        out.push(issue(path, 'unknown-type', { types: COMPONENT_TYPES, ...got(actual) }));
        return;
      }
      const branches = zi.errors;
      const rootOnly = branches.every((b) => b.length === 1 && b[0]!.path.length === 0 && b[0]!.code === 'invalid_type');
      if (rootOnly || branches.length === 0) {
        const kinds = branches.map((b) => (b[0] && b[0].code === 'invalid_type' ? b[0].expected : '')).filter(Boolean);
        const isText = kinds.includes('string') && (kinds.includes('record') || kinds.includes('object'));
        out.push(issue(path, 'wrong-type', { expected: isText ? ['text-or-map'] : kinds, ...got(actual) }));
        return;
      }
      // The closest branch: the one with fewest problems explains best what was meant.
      const best = [...branches].sort((a, b) => a.length - b.length)[0] ?? [];
      for (const sub of best) fromZod(sub, root, path, out);
      return;
    }
    default:
      out.push(issue(path, 'invalid', { zod: zi.code }));
  }
}

const TEXT_FIELDS = ['text', 'length', 'lines', 'font', 'color', 'fontSize', 'curve'];
const IMAGE_FIELDS = ['type', 'bytes', 'width', 'height', 'dpi'];

/** How far an area's width : height may be from its print's (SPEC §2): 1 %. */
const AREA_RATIO_TOLERANCE = 0.01;

type Report = (path: Path, reason: Reason<'invalid-product'>, params?: Record<string, unknown>, component?: string) => void;

function crossCheck(p: ProductT, idx: ProductIndex, out: Issue[]): void {
  const err: Report = (path, reason, params, component) => out.push(issue(path, reason, params, 'error', component));
  const warn: Report = (path, reason, params, component) => out.push(issue(path, reason, params, 'warning', component));
  // `path(i)` is the place of items[i] in the product; `index(i)` its index there (for a filtered list).
  // A repeat names the first item with its key.
  const dupes = <T>(items: readonly T[], key: (t: T) => string, path: (i: number) => Path, what: string, index = (i: number) => i) => {
    const n = items.length;
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const k = key(items[i]!);
      const first = seen.get(k);
      if (first !== undefined) err(path(i), 'duplicate', { what, id: k, first: index(first) });
      else seen.set(k, i);
    }
  };

  if (!(SUPPORTED_SCHEMA_VERSIONS as readonly number[]).includes(p.schemaVersion))
    err(['schemaVersion'], 'unsupported-schema-version', { version: p.schemaVersion, supported: [...SUPPORTED_SCHEMA_VERSIONS] });
  if (!CURRENCIES.has(p.currency)) err(['currency'], 'unknown-currency', { currency: p.currency });
  (p.locales ?? []).forEach((l, i) => {
    try {
      Intl.getCanonicalLocales(l);
    } catch {
      err(['locales', i], 'bad-locale', { locale: l });
    }
  });

  dupes(p.fonts ?? [], (f) => `${f.family} ${f.weight ?? 400} ${f.style ?? 'normal'}`, (i) => ['fonts', i], 'font');
  dupes(p.views, (v) => v.id, (i) => ['views', i, 'id'], 'view');
  p.views.forEach((v, vi) => {
    dupes(v.layers, (l) => l.id, (i) => ['views', vi, 'layers', i, 'id'], 'layer');
    dupes(v.areas, (a) => a.id, (i) => ['views', vi, 'areas', i, 'id'], 'area');
    v.areas.forEach((a, ai) => {
      const ratio = a.width / a.height;
      const printRatio = a.print.width / a.print.height;
      if (Math.abs(ratio / printRatio - 1) <= AREA_RATIO_TOLERANCE) return;
      const n = (x: number) => Number(x.toPrecision(4));
      err(['views', vi, 'areas', ai], 'proportion-mismatch', {
        area: `${v.id}.${a.id}`, width: a.width, height: a.height, ratio: n(ratio),
        printWidth: a.print.width, printHeight: a.print.height, unit: a.print.unit, printRatio: n(printRatio),
        suggestHeight: Math.round(a.width / printRatio), suggestPrintHeight: n(a.print.width / ratio),
      });
    });
  });
  // A repeated component id: the index keeps each id's first place (model.ts).
  p.components.forEach((c, i) => {
    const first = idx.order.get(c.id)!;
    if (first !== i) err(['components', i, 'id'], 'duplicate', { what: 'component', id: c.id, first });
  });
  // Rules without an id have none to repeat; a repeated id is reported at its own index in `rules`.
  const named: { id: string; at: number }[] = [];
  const rules = p.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const id = rules[i]!.id;
    if (id !== undefined) named.push({ id, at: i });
  }
  dupes(named, (r) => r.id, (i) => ['rules', named[i]!.at, 'id'], 'rule', (i) => named[i]!.at);

  const areaNames = [...idx.areas.keys()];
  const layerNames = new Set(p.views.flatMap((v) => v.layers.map((l) => `${v.id}.${l.id}`)));
  const fontFamilies = new Set((p.fonts ?? []).map((f) => f.family));

  p.components.forEach((c, ci) => {
    const at = (...rest: Path): Path => ['components', ci, ...rest];
    if (c.type === 'text' || c.type === 'image') {
      if (!idx.areas.has(c.area)) err(at('area'), 'unknown-area', { area: c.area, areas: areaNames }, c.id);
    }
    if (c.type === 'choice') {
      dupes(c.options, (o) => o.value, (i) => at('options', i, 'value'), 'option');
      const multi = (c.max ?? 1) > 1;
      const min = c.min ?? 0;
      const max = c.max ?? 1;
      if (min > max) err(at('min'), 'min-above-max', { minField: 'min', maxField: 'max', min, max }, c.id);
      if (max > c.options.length) err(at('max'), 'max-above-options', { max, options: c.options.length }, c.id);
      if (c.default !== undefined) {
        const defaults = Array.isArray(c.default) ? c.default : [c.default];
        if (Array.isArray(c.default) && !multi) err(at('default'), 'default-is-list', {}, c.id);
        if (!Array.isArray(c.default) && multi) err(at('default'), 'default-not-list', {}, c.id);
        if (multi && (defaults.length > max || (defaults.length > 0 && defaults.length < min)))
          err(at('default'), 'default-count', { count: defaults.length, min, max }, c.id);
        defaults.forEach((d) => {
          let o: (typeof c.options)[number] | undefined; // of repeated values, the last (a duplicate is an error anyway)
          for (const x of c.options) if (x.value === d) o = x;
          if (!o) err(at('default'), 'default-not-an-option', { value: d, options: [...new Set(c.options.map((x) => x.value))] }, c.id);
          else if (o.disabled) err(at('default'), 'default-disabled', { value: d }, c.id);
        });
      }
      c.options.forEach((o, oi) =>
        (o.effects ?? []).forEach((e, ei) => {
          const path = at('options', oi, 'effects', ei);
          if (!layerNames.has(e.layer)) err([...path, 'layer'], 'unknown-layer', { layer: e.layer, layers: [...layerNames] }, c.id);
          if ((e.tint === undefined) === (e.src === undefined)) err(path, 'effect-shape', {}, c.id);
        }),
      );
    }
    if (c.type === 'text') {
      if (c.minLength !== undefined && c.maxLength !== undefined && c.minLength > c.maxLength)
        err(at('minLength'), 'min-above-max', { minField: 'minLength', maxField: 'maxLength', min: c.minLength, max: c.maxLength }, c.id);
      if (c.fontSize && !(c.fontSize.min <= c.fontSize.default && c.fontSize.default <= c.fontSize.max))
        err(at('fontSize'), 'range-order', { field: 'fontSize', ...c.fontSize }, c.id);
      if (c.curve && !(c.curve.min <= c.curve.default && c.curve.default <= c.curve.max))
        err(at('curve'), 'range-order', { field: 'curve', ...c.curve }, c.id);
      // The index compiled the pattern of the first text with this id: only a refused one is compiled again, for its reason.
      if (c.pattern !== undefined && !(idx.texts.get(c.id)?.component === c && idx.texts.get(c.id)!.pattern)) {
        const compiled = compilePattern(c.pattern);
        if (!compiled.ok) err(at('pattern'), 'bad-pattern', { detail: compiled.reason, ...(compiled.at !== undefined && { at: compiled.at }) }, c.id);
      }
      (c.fonts ?? []).forEach((f, i) => {
        if (!fontFamilies.has(f)) LINT && warn(at('fonts', i), 'font-not-in-product', { font: f }, c.id);
      });
      if (!c.fonts && fontFamilies.size === 0) LINT && warn(at(), 'no-fonts', {}, c.id);
      if (typeof c.price === 'object' && c.price.free !== undefined && c.maxLength !== undefined && c.price.free >= c.maxLength)
        LINT && warn(at('price', 'free'), 'all-characters-free', { max: c.maxLength }, c.id);
    }
    if (c.type === 'image') {
      (c.accept ?? []).forEach((t, i) => {
        if (!(DEFAULT_ACCEPT as readonly string[]).includes(t)) err(at('accept', i), 'unsupported-accept', { type: t, supported: [...DEFAULT_ACCEPT] }, c.id);
      });
      if (c.minDpi !== undefined && c.warnDpi !== undefined && c.warnDpi <= c.minDpi)
        LINT && warn(at('warnDpi'), 'warn-dpi-not-above-min', { warnDpi: c.warnDpi, minDpi: c.minDpi }, c.id);
    }
  });

  checkRules(p, idx, err, warn);
}

/** A rule problem found by checkLogic, as the sub-code parseProduct reports. */
const LOGIC_REASON: Record<LogicProblemReason, Reason<'invalid-product'>> = {
  'unknown-operator': 'unknown-operator', 'too-large': 'rule-too-large', 'too-deep': 'rule-too-deep', 'not-json': 'rule-not-json',
  'operation-keys': 'rule-operation-keys', 'iterator-shape': 'rule-iterator-shape', arity: 'rule-arity', 'var-path': 'rule-var-path',
  'var-blocked': 'rule-var-blocked', 'missing-some-shape': 'rule-missing-some-shape', unreadable: 'rule-unreadable',
};

function checkRules(p: ProductT, idx: ProductIndex, err: Report, warn: Report): void {
  const rules = p.rules ?? [];
  // One list of the component ids, made when an issue first needs it, shared by the issues that do.
  let ids: string[] | undefined;
  const componentIds = () => (ids ??= [...idx.components.keys()]);
  const hideable = new Map<string, string>();
  for (let ri = 0; ri < rules.length; ri++) {
    const hide = rules[ri]!.then.hide;
    if (hide) for (const h of hide) hideable.set(h, ruleId(rules[ri]!, ri));
  }

  for (let ri = 0; ri < rules.length; ri++) {
    const rule: Rule = rules[ri]!;
    const rp: Path = ['rules', ri];
    const name = ruleId(rule, ri);
    for (const prob of checkLogic(rule.when, [...rp, 'when'])) err(prob.path, LOGIC_REASON[prob.reason], { rule: name, ...prob.params });

    const vars = idx.rules[ri]?.vars ?? collectVars(rule.when);
    for (const v of vars) {
      if (v === '') continue;
      const [root, sub, more] = segments(v);
      const c = idx.components.get(root);
      if (!c) {
        err([...rp, 'when'], 'unknown-reference', { rule: name, via: 'when', component: root, components: componentIds() });
        continue;
      }
      const fields = c.type === 'text' ? TEXT_FIELDS : c.type === 'image' ? IMAGE_FIELDS : [];
      const indexOk = c.type === 'choice' && sub !== undefined && DIGITS_RE.test(sub);
      if (sub !== undefined && !fields.includes(sub) && !indexOk)
        LINT && warn([...rp, 'when'], 'no-such-field', { rule: name, var: v, type: c.type, fields });
      else if (more) LINT && warn([...rp, 'when'], 'no-such-subfield', { rule: name, var: v });
    }
    for (const cmp of LINT ? collectComparisons(rule.when) : []) {
      const [root, sub] = segments(cmp.var);
      const choice = idx.choices.get(root);
      const text = idx.texts.get(root);
      // What the var can hold: the choice's option values, or the text's fonts or colours (lists, read as sets).
      let known: ReadonlyMap<string, unknown> | readonly string[] | undefined;
      let field = '';
      if (choice && sub === undefined) {
        known = choice.options;
        field = 'option';
      } else if (text && sub === 'font') {
        known = text.fonts;
        field = 'font';
      } else if (text && sub === 'color' && text.colors) {
        known = text.colors;
        field = 'color';
      }
      if (!known) continue;
      for (const v of cmp.values) {
        const val = typeof v === 'string' && field === 'color' ? v.toLowerCase() : v;
        if (typeof val !== 'string' || !(known instanceof Map ? known.has(val) : (known as readonly string[]).includes(val)))
          LINT && warn([...rp, 'when'], 'never-matches', { rule: name, var: cmp.var, value: v, field, known: known instanceof Map ? [...known.keys()] : [...new Set(known as readonly string[])] });
      }
    }

    const t = rule.then;
    if (t.hide === undefined && t.require === undefined && t.restrict === undefined && t.price === undefined && t.error === undefined)
      LINT && warn([...rp, 'then'], 'no-effect', { rule: name });
    for (const key of ['hide', 'require'] as const) {
      const list = t[key];
      if (list) for (let i = 0; i < list.length; i++) {
        const id = list[i]!;
        if (!idx.components.has(id)) err([...rp, 'then', key, i], 'unknown-reference', { rule: name, via: key, component: id, components: componentIds() });
      }
    }
    const constant = vars.length === 0 ? truthy(applyLogic(rule.when, {})) : undefined;
    const restrict = t.restrict;
    if (restrict) for (const key of Object.keys(restrict)) {
      const values = restrict[key]!;
      const path: Path = [...rp, 'then', 'restrict', key];
      const [root, sub, extra] = segments(key);
      const choice = sub === undefined ? idx.choices.get(root) : undefined;
      const text = idx.texts.get(root);
      if (choice) {
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          if (!choice.options.has(v)) err([...path, i], 'restrict-not-an-option', { rule: name, component: root, value: v, options: [...choice.options.keys()] }, root);
        }
        let enabled = false;
        for (const v of values) if (choice.options.has(v) && !choice.options.get(v)!.disabled) enabled = true;
        if (!enabled) LINT && warn(path, 'leaves-no-option', { rule: name, component: root }, root);
        if (constant) {
          for (const o of choice.component.options)
            if (!o.disabled && !values.includes(o.value)) LINT && warn(path, 'never-chosen', { rule: name, component: root, option: o.value }, root);
        }
      } else if (text && !extra && (sub === 'font' || sub === 'color')) {
        const known = sub === 'font' ? text.fonts : text.colors;
        const color = sub === 'color';
        let offered = false;
        for (let i = 0; i < values.length; i++) {
          const v = values[i]!;
          const offers = known !== undefined && known.includes(color ? v.toLowerCase() : v);
          if (color && !COLOR_RE.test(v)) err([...path, i], 'not-a-color', { rule: name, value: v }, root);
          else if (known && !offers) err([...path, i], 'not-offered', { rule: name, key, value: v, component: root, offered: [...known] }, root);
          if (offers) offered = true;
        }
        if (known && !offered) LINT && warn(path, 'leaves-nothing', { rule: name, component: root, field: sub }, root);
      } else {
        err(path, 'bad-restrict-key', { rule: name, key });
      }
    }
    if (t.price) {
      for (const v of vars) {
        const root = segments(v)[0];
        const hider = hideable.get(root);
        if (hider !== undefined) LINT && warn([...rp, 'then', 'price'], 'price-on-hideable', { rule: name, component: root, hider });
      }
    }
  }
}

const DIGITS_RE = /^\d+$/;

/**
 * The first two segments of a dot path, as `path.split('.')` gives them (the second undefined without
 * a dot), and whether there are more.
 */
function segments(path: string): [root: string, sub: string | undefined, more: boolean] {
  const dot = path.indexOf('.');
  if (dot < 0) return [path, undefined, false];
  const next = path.indexOf('.', dot + 1);
  return next < 0 ? [path.slice(0, dot), path.slice(dot + 1), false] : [path.slice(0, dot), path.slice(dot + 1, next), true];
}

/**
 * Parses and checks a merchant's product definition. `json` is the parsed JSON value or its text.
 * On success, `product` is a clean copy of the input (nothing added or dropped) and `issues` holds
 * the lint warnings; on failure, `issues` holds every error found, each located by a JSON path.
 */
export function parseProduct(json: unknown, options: ParseOptions = {}): ParseResult {
  wording = options.locale;
  try {
    const issues: Issue[] = [];
    let input = json;
    if (typeof json === 'string') {
      try {
        input = JSON.parse(json);
      } catch (e) {
        return { ok: false, issues: [issue([], 'not-json-text', { error: (e as Error).message })] };
      }
    }
    const copy = safeCopy(input, undefined, 0, issues);
    if (copy === null || typeof copy !== 'object' || Array.isArray(copy)) {
      if (!hasErrors(issues)) issues.push(issue([], 'not-an-object', got(copy)));
      return { ok: false, issues };
    }
    if (hasErrors(issues)) return { ok: false, issues };
    if (!validProduct?.(copy)) {
      const result = Product.safeParse(zodInput(copy as Record<string, unknown>));
      if (!result.success) for (const zi of result.error.issues) fromZod(zi, copy, [], issues);
      if (hasErrors(issues)) return { ok: false, issues };
    }
    // The copy, not zod's output: nothing is added or dropped, so the product hash is that of the input.
    const product = copy as ProductT;
    const idx = indexProduct(product, collectVars);
    crossCheck(product, idx, issues);
    if (hasErrors(issues)) return { ok: false, issues };
    parsed.add(product);
    return { ok: true, product, issues };
  } catch (e) {
    // Unreachable by design; kept so the "never throws" promise holds even against engine limits.
    return { ok: false, issues: [issue([], 'unreadable', { error: (e as Error)?.message ?? String(e) })] };
  } finally {
    wording = undefined;
  }
}

/** The JSON Schema of the product definition, generated from the zod schema. */
export function buildProductJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Product, { unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://unpkg.com/product-customizer/product.schema.json',
    title: 'product-customizer product definition',
    description: 'A customizable product: views and print areas, components and rules. See the README of product-customizer.',
  };
}
