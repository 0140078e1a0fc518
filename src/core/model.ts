/**
 * A read-only index over a parsed product, built once per product object and cached, so
 * `evaluate` (which runs on every keystroke) never searches arrays or recompiles patterns.
 */
import type {
  Area, ChoiceComponent, Component, ImageComponent, Option, Product, Rule, TextComponent, ToggleComponent, View,
} from './schema/product.js';
import { compilePattern, type Pattern } from './pattern/index.js';

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
}
export interface TextInfo {
  component: TextComponent;
  area: AreaRef | undefined;
  /** Fonts the text may use before rules restrict them (the component's, else all the product's). */
  fonts: string[];
  /** Colours it may use; undefined = any #rrggbb. */
  colors: string[] | undefined;
  pattern: Pattern | undefined;
  maxLines: number;
  fontSize: { min: number; max: number; default: number };
  /** The bend the shopper may choose, in degrees; undefined = the text stays straight. */
  curve: { min: number; max: number; default: number } | undefined;
}
export interface ImageInfoDef { component: ImageComponent; area: AreaRef | undefined; accept: readonly string[] }

export interface RuleInfo { rule: Rule; index: number; id: string; vars: string[] }

export interface ProductIndex {
  product: Product;
  components: Map<string, Component>;
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
    idx.order.set(c.id, i);
    switch (c.type) {
      case 'choice':
        idx.choices.set(c.id, {
          component: c,
          multi: (c.max ?? 1) > 1,
          options: new Map(c.options.map((o) => [o.value, o] as const).reverse()),
        });
        break;
      case 'text': {
        const area = idx.areas.get(c.area);
        const maxLines = c.maxLines ?? 1;
        idx.texts.set(c.id, {
          component: c,
          area,
          fonts: c.fonts ?? productFonts,
          colors: c.colors?.map((x) => x.toLowerCase()),
          pattern: c.pattern === undefined ? undefined : linearPattern(c.pattern),
          maxLines,
          fontSize: c.fontSize ?? defaultFontSize(area, maxLines),
          curve: c.curve,
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
  });
  (product.rules ?? []).forEach((rule, index) => {
    idx.rules.push({ rule, index, id: ruleId(rule, index), vars: varsOf(rule.when) });
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
