/**
 * A read-only index over a parsed product, built once per product object and cached, so
 * `evaluate` (which runs on every keystroke) never searches arrays or recompiles patterns.
 */
import type {
  Area, ChoiceComponent, Component, ImageComponent, Option, Product, Rule, TextComponent, ToggleComponent, View,
} from './schema/product.js';
import { compilePattern, type Pattern } from './pattern/index.js';
import { compileLogic, type CompiledLogic } from './rules/logic.js';
import { measureText, splitLines, type TextMeasure } from './text.js';

export const DEFAULT_ACCEPT = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** Limits that apply when a merchant sets none (documented in README). */
export const DEFAULT_MAX_BYTES = 25_000_000;
export const DEFAULT_MAX_PIXELS = 50_000_000;
/** A text without `maxLength` still has one, so a pasted novel cannot reach a slow pattern. */
export const IMPLICIT_MAX_LENGTH = 1000;
export const DEFAULT_COLOR = '#000000';

export interface AreaRef { view: View; area: Area; key: string }

export interface ChoiceInfo {
  component: ChoiceComponent;
  multi: boolean;
  options: Map<string, Option>;
  /** The values of the options that are not disabled, in order. */
  enabled: readonly string[];
}
export interface TextInfo {
  component: TextComponent;
  area: AreaRef | undefined;
  /** Fonts the text may use before rules restrict them (the component's, else all the product's). */
  fonts: string[];
  /** The keys of its `restrict` entries: `<id>.font`, `<id>.color`. */
  fontKey: string;
  colorKey: string;
  /** Colours it may use; undefined = any #rrggbb. */
  colors: string[] | undefined;
  pattern: Pattern | undefined;
  maxLines: number;
  fontSize: { min: number; max: number; default: number };
  /** The bend the shopper may choose, in degrees; undefined = the text stays straight. */
  curve: { min: number; max: number; default: number } | undefined;
  /** `measureText`, remembering the last text (the shopper types in one text at a time). */
  measure: (text: string) => TextMeasure;
  /** Whether every line matches `pattern` (true without one), remembering the last text. */
  matches: (text: string) => boolean;
}
export interface ImageInfoDef { component: ImageComponent; area: AreaRef | undefined; accept: readonly string[] }

export interface RuleInfo {
  rule: Rule;
  index: number;
  id: string;
  vars: string[];
  /** `when`, compiled on its first use and then kept (rules/logic.ts): parsing stays cheap. */
  test: CompiledLogic;
  /** `then.restrict` as [key, values (colours lower-cased), the component it is about]. */
  restrict: [string, ReadonlySet<string>, string][];
}

export interface ProductIndex {
  product: Product;
  components: Map<string, Component>;
  /** The components' ids and definitions in order (duplicates left out), for loops without lookups. */
  ids: string[];
  list: Component[];
  /** Position of an id in `ids`. */
  pos: Map<string, number>;
  /** Per position in `ids`: the component's info by type (undefined for the other types). */
  choiceAt: (ChoiceInfo | undefined)[];
  textAt: (TextInfo | undefined)[];
  imageAt: (ImageInfoDef | undefined)[];
  order: Map<string, number>;
  areas: Map<string, AreaRef>;
  choices: Map<string, ChoiceInfo>;
  texts: Map<string, TextInfo>;
  images: Map<string, ImageInfoDef>;
  toggles: Map<string, ToggleComponent>;
  rules: RuleInfo[];
  locales: string[];
}

const cache = new WeakMap<Product, ProductIndex>();

export const ruleId = (rule: Rule, index: number): string => rule.id ?? `rules[${index}]`;

/** The text's pattern, matched in linear time (`pattern/`); undefined when `parseProduct` would refuse it. */
function linearPattern(source: string): Pattern | undefined {
  const r = compilePattern(source);
  return r.ok ? r.pattern : undefined;
}

/** `fn` remembering its last argument and result: a one-entry cache for a pure function of a text. */
function rememberLast<T>(fn: (s: string) => T): (s: string) => T {
  let key: string | undefined;
  let value: T;
  return (s) => {
    if (s !== key) {
      value = fn(s);
      key = s;
    }
    return value;
  };
}

/** Default font size when the merchant sets none: a line of text fills about half the area's height. */
function defaultFontSize(area: AreaRef | undefined, lines: number) {
  const h = area ? area.area.height : 200;
  const size = Math.max(8, Math.round((h * 0.5) / lines));
  return { min: Math.max(1, Math.round(size / 4)), max: Math.max(size * 4, 8), default: size };
}

export function indexProduct(product: Product, varsOf: (logic: unknown) => string[] = () => []): ProductIndex {
  const hit = cache.get(product);
  if (hit) return hit;
  const idx: ProductIndex = {
    product,
    components: new Map(),
    ids: [],
    list: [],
    pos: new Map(),
    choiceAt: [],
    textAt: [],
    imageAt: [],
    order: new Map(),
    areas: new Map(),
    choices: new Map(),
    texts: new Map(),
    images: new Map(),
    toggles: new Map(),
    rules: [],
    locales: product.locales ?? [],
  };
  for (const view of product.views) {
    for (const area of view.areas) {
      const key = `${view.id}.${area.id}`;
      if (!idx.areas.has(key)) idx.areas.set(key, { view, area, key });
    }
  }
  const productFonts = [...new Set((product.fonts ?? []).map((f) => f.family))];
  product.components.forEach((c, i) => {
    if (idx.components.has(c.id)) return;
    idx.components.set(c.id, c);
    idx.pos.set(c.id, idx.ids.length);
    idx.ids.push(c.id);
    idx.list.push(c);
    idx.order.set(c.id, i);
    switch (c.type) {
      case 'choice': {
        // Of options sharing a value (parseProduct refuses them), the first: set last to first.
        const options = new Map<string, Option>();
        for (let k = c.options.length - 1; k >= 0; k--) options.set(c.options[k]!.value, c.options[k]!);
        const enabled: string[] = [];
        for (const o of c.options) if (!o.disabled) enabled.push(o.value);
        idx.choices.set(c.id, { component: c, multi: (c.max ?? 1) > 1, options, enabled });
        break;
      }
      case 'text': {
        const area = idx.areas.get(c.area);
        const maxLines = c.maxLines ?? 1;
        const pattern = c.pattern === undefined ? undefined : linearPattern(c.pattern);
        idx.texts.set(c.id, {
          component: c,
          area,
          fonts: c.fonts ?? productFonts,
          fontKey: `${c.id}.font`,
          colorKey: `${c.id}.color`,
          colors: c.colors?.map((x) => x.toLowerCase()),
          pattern,
          maxLines,
          fontSize: c.fontSize ?? defaultFontSize(area, maxLines),
          curve: c.curve,
          measure: rememberLast(measureText),
          matches: pattern ? rememberLast((text) => splitLines(text).every((line) => pattern.test(line))) : () => true,
        });
        break;
      }
      case 'image':
        idx.images.set(c.id, { component: c, area: idx.areas.get(c.area), accept: c.accept ?? DEFAULT_ACCEPT });
        break;
      case 'toggle':
        idx.toggles.set(c.id, c);
        break;
    }
    idx.choiceAt.push(idx.choices.get(c.id));
    idx.textAt.push(idx.texts.get(c.id));
    idx.imageAt.push(idx.images.get(c.id));
  });
  (product.rules ?? []).forEach((rule, index) => {
    const restrict = Object.entries(rule.then.restrict ?? {}).map(([k, list]): [string, ReadonlySet<string>, string] => {
      const dot = k.indexOf('.');
      return [k, new Set(k.endsWith('.color') ? list.map((x) => x.toLowerCase()) : list), dot < 0 ? k : k.slice(0, dot)];
    });
    let compiled: CompiledLogic | undefined;
    const test: CompiledLogic = (data) => (compiled ??= compileLogic(rule.when))(data);
    idx.rules.push({ rule, index, id: ruleId(rule, index), vars: varsOf(rule.when), test, restrict });
  });
  cache.set(product, idx);
  return idx;
}

/** Print size of an area in inches. */
export function printInches(area: Area): { width: number; height: number } {
  const f = area.print.unit === 'mm' ? 1 / 25.4 : 1;
  return { width: area.print.width * f, height: area.print.height * f };
}

/**
 * The dots per inch an image of `width × height` pixels prints at, placed in `area` at `scale`.
 * Scale 1 is the image fitted inside the area (contain). The same function serves the shopper's
 * warning, `verifyOrder` and the print renderer, so they can never disagree.
 */
export function imageDpi(area: Area, width: number, height: number, scale: number): number {
  const inches = printInches(area);
  const fit = Math.min(inches.width / width, inches.height / height); // inches per pixel at scale 1
  return 1 / (fit * scale);
}
