/**
 * `parseProduct`: never throws, on anything. Three passes, each adding located issues:
 * 1. a prototype-safe, depth-limited copy of the input (so `__proto__` never reaches a prototype
 *    and 100 000-deep nesting cannot overflow the stack);
 * 2. the zod/mini shape check, its issues reworded for a merchant;
 * 3. cross-checks between parts (areas, ids, rules) and lint warnings.
 */
import * as z from 'zod/mini';
import type { Issue, Path } from './issues.js';
import { hasErrors } from './issues.js';
import { CURRENCIES } from './currencies.js';
import { indexProduct, ruleId, DEFAULT_ACCEPT, type ProductIndex } from './model.js';
import { compilePattern } from './pattern/index.js';
import { Product, SUPPORTED_SCHEMA_VERSIONS } from './schema/product.js';
import type { Product as ProductT, Rule } from './schema/product.js';
import { applyLogic, checkLogic, collectComparisons, collectVars, truthy } from './rules/logic.js';

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
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const parsed = new WeakSet<object>();

/** True for an object that `parseProduct` returned (and so is known valid). */
export const isParsedProduct = (p: unknown): p is ProductT => typeof p === 'object' && p !== null && parsed.has(p);

function issue(path: Path, message: string, severity: Issue['severity'] = 'error', params?: Record<string, unknown>): Issue {
  const out: Issue = { code: 'invalid-product', severity, path, message };
  if (params) out.params = params;
  return out;
}

/** Where safeCopy is: a linked list from the leaf up, made into a Path only when an issue needs it. */
interface At { key: string | number; up: At | undefined }
function pathOf(at: At | undefined): Path {
  const out: Path = [];
  for (let a = at; a; a = a.up) out.push(a.key);
  return out.reverse();
}

/** Copies JSON data into fresh plain objects, refusing what JSON cannot hold or what could pollute. */
function safeCopy(value: unknown, at: At | undefined, depth: number, issues: Issue[]): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    issues.push(issue(pathOf(at), `${value} is not a JSON number`));
    return null;
  }
  if (typeof value !== 'object') {
    issues.push(issue(pathOf(at), `a ${typeof value} is not a JSON value`));
    return null;
  }
  if (depth > MAX_DEPTH) {
    issues.push(issue(pathOf(at), `nested too deeply (more than ${MAX_DEPTH} levels)`));
    return null;
  }
  if (Array.isArray(value)) return value.map((v, i) => safeCopy(v, { key: i, up: at }, depth + 1, issues));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    issues.push(issue(pathOf(at), 'expected plain JSON data'));
    return null;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      issues.push(issue(pathOf({ key, up: at }), `the key "${key}" is not allowed`));
      continue;
    }
    out[key] = safeCopy((value as Record<string, unknown>)[key], { key, up: at }, depth + 1, issues);
  }
  return out;
}

function at(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v === 'number' ? 'the number' : ''} ${String(v)}`.trim();
}

const EXPECTED: Record<string, string> = {
  number: 'a number', int: 'a whole number', string: 'a text', boolean: 'true or false',
  array: 'a list', object: 'an object', record: 'an object', literal: 'a fixed value',
};
const MONEY_KEYS = new Set(['price', 'basePrice', 'amount', 'perCharacter']);
const GENERIC = 'Invalid input';

type ZIssue = z.core.$ZodIssue;

function fromZod(zi: ZIssue, root: unknown, base: Path, out: Issue[]): void {
  const path: Path = [...base, ...zi.path.filter((p): p is string | number => typeof p !== 'symbol')];
  const actual = at(root, path);
  const last = path[path.length - 1];
  const custom = zi.message && zi.message !== GENERIC ? zi.message : undefined;
  switch (zi.code) {
    case 'invalid_type': {
      if (actual === undefined) {
        out.push(issue(path, `"${String(last)}" is required`));
        return;
      }
      let exp = EXPECTED[zi.expected] ?? zi.expected;
      if (typeof last === 'string' && MONEY_KEYS.has(last) && (zi.expected === 'int' || zi.expected === 'number'))
        exp = 'a whole number of minor units (1999 = 19.99)';
      out.push(issue(path, `expected ${exp}, got ${describe(actual)}`));
      return;
    }
    case 'too_small':
    case 'too_big':
      out.push(issue(path, custom ?? `must be ${zi.code === 'too_small' ? 'at least' : 'at most'} ${String((zi as { minimum?: unknown; maximum?: unknown }).minimum ?? (zi as { maximum?: unknown }).maximum)}`));
      return;
    case 'invalid_value':
      out.push(issue(path, `must be ${zi.values.length > 1 ? 'one of ' : ''}${zi.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(actual)}`));
      return;
    case 'unrecognized_keys':
      for (const key of zi.keys) out.push(issue([...path, key], `unknown field "${key}" is ignored`, 'warning'));
      return;
    case 'invalid_union': {
      if ((zi as { note?: string }).note === 'No matching discriminator' || last === 'type') {
        out.push(issue(path, `must be one of "choice", "text", "image", "toggle", got ${describe(actual)}`));
        return;
      }
      const branches = zi.errors;
      const rootOnly = branches.every((b) => b.length === 1 && b[0]!.path.length === 0 && b[0]!.code === 'invalid_type');
      if (rootOnly || branches.length === 0) {
        const kinds = branches.map((b) => (b[0] && b[0].code === 'invalid_type' ? EXPECTED[b[0].expected] ?? b[0].expected : ''));
        const isText = kinds.includes('a text') && kinds.includes('an object');
        const expect = isText ? 'a text, or a map of locale to text ({"en": "…"})' : kinds.filter(Boolean).join(' or ');
        out.push(issue(path, `expected ${expect}, got ${describe(actual)}`));
        return;
      }
      // The closest branch: the one with fewest problems explains best what was meant.
      const best = [...branches].sort((a, b) => a.length - b.length)[0] ?? [];
      for (const sub of best) fromZod(sub, root, path, out);
      return;
    }
    default:
      out.push(issue(path, custom ?? zi.message));
  }
}

const listOf = (xs: Iterable<string>) => {
  const arr = [...xs];
  return arr.length ? arr.join(', ') : '(none)';
};

const TEXT_FIELDS = ['text', 'length', 'lines', 'font', 'color', 'fontSize', 'curve'];
const IMAGE_FIELDS = ['type', 'bytes', 'width', 'height', 'dpi'];

/** How far an area's width : height may be from its print's (SPEC §2): 1 %. */
const AREA_RATIO_TOLERANCE = 0.01;

function crossCheck(p: ProductT, idx: ProductIndex, out: Issue[]): void {
  const err = (path: Path, msg: string, component?: string) => {
    const i = issue(path, msg);
    if (component) i.component = component;
    out.push(i);
  };
  const warn = (path: Path, msg: string, component?: string) => {
    const i = issue(path, msg, 'warning');
    if (component) i.component = component;
    out.push(i);
  };
  const dupes = <T>(items: readonly T[], key: (t: T) => string, path: (i: number) => Path, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const k = key(item);
      const first = seen.get(k);
      if (first !== undefined) err(path(i), `duplicate ${what} "${k}" (also at index ${first})`);
      else seen.set(k, i);
    });
  };

  if (!(SUPPORTED_SCHEMA_VERSIONS as readonly number[]).includes(p.schemaVersion))
    err(['schemaVersion'], `schemaVersion ${p.schemaVersion} is not supported; this version of product-customizer supports ${SUPPORTED_SCHEMA_VERSIONS.join(', ')}`);
  if (!CURRENCIES.has(p.currency))
    err(['currency'], `"${p.currency}" is not an ISO 4217 currency code (e.g. "USD", "EUR", "CNY")`);
  (p.locales ?? []).forEach((l, i) => {
    try {
      Intl.getCanonicalLocales(l);
    } catch {
      err(['locales', i], `"${l}" is not a valid locale tag (e.g. "en", "zh-CN")`);
    }
  });

  dupes(p.fonts ?? [], (f) => `${f.family} ${f.weight ?? 400} ${f.style ?? 'normal'}`, (i) => ['fonts', i], 'font');
  dupes(p.views, (v) => v.id, (i) => ['views', i, 'id'], 'view id');
  p.views.forEach((v, vi) => {
    dupes(v.layers, (l) => l.id, (i) => ['views', vi, 'layers', i, 'id'], 'layer id');
    dupes(v.areas, (a) => a.id, (i) => ['views', vi, 'areas', i, 'id'], 'area id');
    v.areas.forEach((a, ai) => {
      const ratio = a.width / a.height;
      const printRatio = a.print.width / a.print.height;
      if (Math.abs(ratio / printRatio - 1) <= AREA_RATIO_TOLERANCE) return;
      const n = (x: number) => Number(x.toPrecision(4));
      out.push(issue(['views', vi, 'areas', ai],
        `area "${v.id}.${a.id}" is ${a.width} × ${a.height} px (width : height ${n(ratio)}) but prints ${a.print.width} × ${a.print.height} ${a.print.unit} (${n(printRatio)}): ` +
        `an area keeps its print proportions within 1 %, or a design prints at another place and size than the shopper placed it; ` +
        `make the area ${a.width} × ${Math.round(a.width / printRatio)} px, or its print ${a.print.width} × ${n(a.print.width / ratio)} ${a.print.unit}`,
        'error', { ratio: n(ratio), printRatio: n(printRatio) }));
    });
  });
  dupes(p.components, (c) => c.id, (i) => ['components', i, 'id'], 'component id');
  dupes((p.rules ?? []).filter((r) => r.id !== undefined), (r) => r.id!, (i) => ['rules', i, 'id'], 'rule id');

  const areaNames = listOf(idx.areas.keys());
  const layerNames = new Set(p.views.flatMap((v) => v.layers.map((l) => `${v.id}.${l.id}`)));
  const fontFamilies = new Set((p.fonts ?? []).map((f) => f.family));

  p.components.forEach((c, ci) => {
    const at = (...rest: Path): Path => ['components', ci, ...rest];
    if (c.type === 'text' || c.type === 'image') {
      if (!idx.areas.has(c.area))
        err(at('area'), `area "${c.area}" does not exist; this product has ${areaNames}`, c.id);
    }
    if (c.type === 'choice') {
      dupes(c.options, (o) => o.value, (i) => at('options', i, 'value'), 'option value');
      const values = new Map(c.options.map((o) => [o.value, o]));
      const multi = (c.max ?? 1) > 1;
      const min = c.min ?? 0;
      const max = c.max ?? 1;
      if (min > max) err(at('min'), `min (${min}) is greater than max (${max})`, c.id);
      if (max > c.options.length) err(at('max'), `max (${max}) is more than the ${c.options.length} options`, c.id);
      if (c.default !== undefined) {
        const defaults = Array.isArray(c.default) ? c.default : [c.default];
        if (Array.isArray(c.default) && !multi)
          err(at('default'), 'default is a list, but this choice takes one value (set max above 1 for several)', c.id);
        if (!Array.isArray(c.default) && multi)
          err(at('default'), 'this choice takes several values (max > 1): write default as a list', c.id);
        if (multi && (defaults.length > max || (defaults.length > 0 && defaults.length < min)))
          err(at('default'), `default has ${defaults.length} values; between ${min} and ${max} are allowed`, c.id);
        defaults.forEach((d) => {
          const o = values.get(d);
          if (!o) err(at('default'), `default "${d}" is not an option; options are ${listOf(values.keys())}`, c.id);
          else if (o.disabled) err(at('default'), `default "${d}" is a disabled option`, c.id);
        });
      }
      c.options.forEach((o, oi) =>
        (o.effects ?? []).forEach((e, ei) => {
          const path = at('options', oi, 'effects', ei);
          if (!layerNames.has(e.layer))
            err([...path, 'layer'], `layer "${e.layer}" does not exist; this product has ${listOf(layerNames)}`, c.id);
          if ((e.tint === undefined) === (e.src === undefined))
            err(path, 'an effect sets exactly one of "tint" or "src"', c.id);
        }),
      );
    }
    if (c.type === 'text') {
      if (c.minLength !== undefined && c.maxLength !== undefined && c.minLength > c.maxLength)
        err(at('minLength'), `minLength (${c.minLength}) is greater than maxLength (${c.maxLength})`, c.id);
      if (c.fontSize && !(c.fontSize.min <= c.fontSize.default && c.fontSize.default <= c.fontSize.max))
        err(at('fontSize'), `fontSize needs min ≤ default ≤ max, got ${c.fontSize.min} / ${c.fontSize.default} / ${c.fontSize.max}`, c.id);
      if (c.curve && !(c.curve.min <= c.curve.default && c.curve.default <= c.curve.max))
        err(at('curve'), `curve needs min ≤ default ≤ max, got ${c.curve.min} / ${c.curve.default} / ${c.curve.max}`, c.id);
      if (c.pattern !== undefined) {
        const compiled = compilePattern(c.pattern);
        if (!compiled.ok) err(at('pattern'), `pattern ${compiled.reason}`, c.id);
      }
      (c.fonts ?? []).forEach((f, i) => {
        if (!fontFamilies.has(f))
          LINT && warn(at('fonts', i), `font "${f}" is not in the product's fonts; it will fall back to a system font and may print differently`, c.id);
      });
      if (!c.fonts && fontFamilies.size === 0)
        LINT && warn(at(), 'the product has no fonts: this text uses the browser’s default font, which may print differently', c.id);
      if (typeof c.price === 'object' && c.price.free !== undefined && c.maxLength !== undefined && c.price.free >= c.maxLength)
        LINT && warn(at('price', 'free'), `all ${c.maxLength} characters are free, so perCharacter never applies`, c.id);
    }
    if (c.type === 'image') {
      (c.accept ?? []).forEach((t, i) => {
        if (!(DEFAULT_ACCEPT as readonly string[]).includes(t))
          err(at('accept', i), `"${t}" cannot be accepted; product-customizer reads ${DEFAULT_ACCEPT.join(', ')}`, c.id);
      });
      if (c.minDpi !== undefined && c.warnDpi !== undefined && c.warnDpi <= c.minDpi)
        LINT && warn(at('warnDpi'), `warnDpi (${c.warnDpi}) is not above minDpi (${c.minDpi}), so the warning never shows`, c.id);
    }
  });

  checkRules(p, idx, err, warn);
}

function checkRules(
  p: ProductT,
  idx: ProductIndex,
  err: (path: Path, msg: string, component?: string) => void,
  warn: (path: Path, msg: string, component?: string) => void,
): void {
  const componentIds = listOf(idx.components.keys());
  const hideable = new Map<string, string>();
  (p.rules ?? []).forEach((r, ri) => r.then.hide?.forEach((h) => hideable.set(h, ruleId(r, ri))));

  (p.rules ?? []).forEach((rule: Rule, ri) => {
    const rp: Path = ['rules', ri];
    const name = `rule "${ruleId(rule, ri)}"`;
    for (const prob of checkLogic(rule.when, [...rp, 'when'])) err(prob.path, prob.message);

    const vars = idx.rules[ri]?.vars ?? collectVars(rule.when);
    for (const v of vars) {
      if (v === '') continue;
      const [root, sub, ...more] = v.split('.');
      const c = idx.components.get(root!);
      if (!c) {
        err([...rp, 'when'], `${name} reads "${root}", which is not a component; components are ${componentIds}`);
        continue;
      }
      const fields = c.type === 'text' ? TEXT_FIELDS : c.type === 'image' ? IMAGE_FIELDS : [];
      const indexOk = c.type === 'choice' && sub !== undefined && /^\d+$/.test(sub);
      if (sub !== undefined && !fields.includes(sub) && !indexOk)
        LINT && warn([...rp, 'when'], `${name} reads "${v}": a ${c.type} ${fields.length ? `has ${fields.join(', ')}` : 'has no fields'}`);
      else if (more.length) LINT && warn([...rp, 'when'], `${name} reads "${v}", which has no such field`);
    }
    for (const cmp of LINT ? collectComparisons(rule.when) : []) {
      const [root, sub] = cmp.var.split('.');
      const choice = idx.choices.get(root!);
      const text = idx.texts.get(root!);
      let known: Set<string> | undefined;
      let what = '';
      if (choice && sub === undefined) {
        known = new Set(choice.options.keys());
        what = 'option';
      } else if (text && sub === 'font') {
        known = new Set(text.fonts);
        what = 'font';
      } else if (text && sub === 'color' && text.colors) {
        known = new Set(text.colors);
        what = 'colour';
      }
      if (!known) continue;
      for (const v of cmp.values) {
        const val = typeof v === 'string' && what === 'colour' ? v.toLowerCase() : v;
        if (typeof val !== 'string' || !known.has(val))
          LINT && warn([...rp, 'when'], `${name} compares "${cmp.var}" with ${JSON.stringify(v)}, which is not one of its ${what}s (${listOf(known)}), so that comparison can never match`);
      }
    }

    const t = rule.then;
    const effects = (['hide', 'require', 'restrict', 'price', 'error'] as const).filter((k) => t[k] !== undefined);
    if (effects.length === 0) LINT && warn([...rp, 'then'], `${name} does nothing: give "then" a hide, require, restrict, price or error`);
    for (const key of ['hide', 'require'] as const) {
      t[key]?.forEach((id, i) => {
        if (!idx.components.has(id)) err([...rp, 'then', key, i], `${name} ${key}s "${id}", which is not a component; components are ${componentIds}`);
      });
    }
    const constant = vars.length === 0 ? truthy(applyLogic(rule.when, {})) : undefined;
    for (const [key, values] of Object.entries(t.restrict ?? {})) {
      const path: Path = [...rp, 'then', 'restrict', key];
      const [root, sub, extra] = key.split('.');
      const choice = sub === undefined ? idx.choices.get(root!) : undefined;
      const text = idx.texts.get(root!);
      if (choice) {
        values.forEach((v, i) => {
          if (!choice.options.has(v)) err([...path, i], `${name} restricts "${root}" to "${v}", which is not an option; options are ${listOf(choice.options.keys())}`, root);
        });
        const enabled = values.filter((v) => choice.options.has(v) && !choice.options.get(v)!.disabled);
        if (enabled.length === 0) LINT && warn(path, `${name} leaves no option of "${root}" that can be chosen`, root);
        if (constant) {
          for (const o of choice.component.options)
            if (!o.disabled && !values.includes(o.value))
              LINT && warn(path, `option "${o.value}" of "${root}" can never be chosen: ${name} always applies and excludes it`, root);
        }
      } else if (text && extra === undefined && (sub === 'font' || sub === 'color')) {
        const known = sub === 'font' ? text.fonts : text.colors;
        const norm = (v: string) => (sub === 'color' ? v.toLowerCase() : v);
        values.forEach((v, i) => {
          if (sub === 'color' && !/^#[0-9a-fA-F]{6}$/.test(v)) err([...path, i], `"${v}" is not a colour; colours are written #rrggbb`, root);
          else if (known && !known.includes(norm(v)))
            err([...path, i], `${name} restricts "${key}" to "${v}", which "${root}" does not offer (${listOf(known)})`, root);
        });
        if (known && !values.some((v) => known.includes(norm(v)))) LINT && warn(path, `${name} leaves no ${sub} for "${root}"`, root);
      } else {
        err(path, `${name}: restrict keys are a choice's id or "<text id>.font" / "<text id>.color"; "${key}" is neither`);
      }
    }
    if (t.price) {
      for (const v of vars) {
        const root = v.split('.')[0]!;
        const hider = hideable.get(root);
        if (hider !== undefined)
          LINT && warn([...rp, 'then', 'price'], `${name} prices on "${root}", which rule "${hider}" can hide; a hidden component reads as absent, so this price then never applies`);
      }
    }
  });
}

/**
 * Parses and checks a merchant's product definition. `json` is the parsed JSON value or its text.
 * On success, `product` is a clean copy of the input (nothing added or dropped) and `issues` holds
 * the lint warnings; on failure, `issues` holds every error found, each located by a JSON path.
 */
export function parseProduct(json: unknown): ParseResult {
  try {
    const issues: Issue[] = [];
    let input = json;
    if (typeof json === 'string') {
      try {
        input = JSON.parse(json);
      } catch (e) {
        return { ok: false, issues: [issue([], `not valid JSON: ${(e as Error).message}`)] };
      }
    }
    const copy = safeCopy(input, undefined, 0, issues);
    if (copy === null || typeof copy !== 'object' || Array.isArray(copy)) {
      if (!hasErrors(issues)) issues.push(issue([], `a product definition is a JSON object, got ${describe(copy)}`));
      return { ok: false, issues };
    }
    if (hasErrors(issues)) return { ok: false, issues };
    const result = Product.safeParse(copy);
    if (!result.success) for (const zi of result.error.issues) fromZod(zi, copy, [], issues);
    if (hasErrors(issues)) return { ok: false, issues };
    // The copy, not zod's output: nothing is added or dropped, so the product hash is that of the input.
    const product = copy as ProductT;
    const idx = indexProduct(product, collectVars);
    crossCheck(product, idx, issues);
    if (hasErrors(issues)) return { ok: false, issues };
    parsed.add(product);
    return { ok: true, product, issues };
  } catch (e) {
    // Unreachable by design; kept so the "never throws" promise holds even against engine limits.
    return { ok: false, issues: [issue([], `could not be read: ${(e as Error)?.message ?? String(e)}`)] };
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
