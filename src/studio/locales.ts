/**
 * The product's localisable texts (SPEC §2: a string, or a map of locale to string). The studio
 * never flattens a map: it edits one locale's entry at a time, shows one field per locale of the
 * product, and lists the texts that miss a locale.
 */
import type { Path } from '../core/index.js';
import type { Doc } from './store.js';
import { getIn } from './store.js';

const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);

/** Every path in the document where a user-visible text is or may be. */
export function textPaths(doc: Doc): Path[] {
  const out: Path[] = [['name']];
  arr(doc.views).forEach((v, vi) => {
    out.push(['views', vi, 'label']);
    arr(v?.areas).forEach((a, ai) => a?.label !== undefined && out.push(['views', vi, 'areas', ai, 'label']));
  });
  arr(doc.components).forEach((c, ci) => {
    out.push(['components', ci, 'label']);
    arr(c?.options).forEach((_o, oi) => out.push(['components', ci, 'options', oi, 'label']));
    if (c?.patternMessage !== undefined) out.push(['components', ci, 'patternMessage']);
  });
  arr(doc.rules).forEach((r, ri) => {
    if (r?.then?.error !== undefined) out.push(['rules', ri, 'then', 'error']);
    if (r?.then?.price?.label !== undefined) out.push(['rules', ri, 'then', 'price', 'label']);
  });
  return out;
}

const isMap = (v: unknown): v is Record<string, string> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The product's locales: its `locales`, else every locale its texts are written in (first seen first). */
export function productLocales(doc: Doc): string[] {
  const seen = new Set<string>(arr(doc.locales).filter((l) => typeof l === 'string'));
  for (const p of textPaths(doc)) {
    const v = getIn(doc, p);
    if (isMap(v)) Object.keys(v).forEach((k) => seen.add(k));
  }
  return [...seen];
}

/** The locales a text is written in ('' for a plain string: it serves every locale). */
export function localesOf(value: unknown): string[] {
  return isMap(value) ? Object.keys(value).filter((k) => typeof value[k] === 'string' && value[k] !== '') : [];
}

/** Whether the text at `path` lacks `locale` (a plain string lacks every locale but the first). */
export function misses(doc: Doc, value: unknown, locale: string, locales = productLocales(doc)): boolean {
  if (value === undefined || value === '') return false;
  if (typeof value === 'string') return locales.length > 1 && locale !== locales[0];
  return isMap(value) && !localesOf(value).includes(locale);
}

/** The texts that miss `locale`. */
export function missingTexts(doc: Doc, locale: string): Path[] {
  const locales = productLocales(doc);
  return textPaths(doc).filter((p) => misses(doc, getIn(doc, p), locale, locales));
}

/** The value at one locale. A plain string is the first locale's text. */
export function textIn(value: unknown, locale: string, locales: string[]): string {
  if (typeof value === 'string') return locale === (locales[0] ?? locale) ? value : '';
  return isMap(value) && typeof value[locale] === 'string' ? value[locale] : '';
}

/**
 * The text with `locale` set to `text`, its other locales untouched. A plain string stays a
 * string while only the first locale is edited; adding another locale makes it a map.
 */
export function withText(value: unknown, locale: string, text: string, locales: string[]): unknown {
  const first = locales[0] ?? locale;
  if (!isMap(value)) {
    const old = typeof value === 'string' ? value : '';
    if (locale === first || locales.length <= 1) return text;
    if (text === '') return value;
    return old === '' ? { [locale]: text } : { [first]: old, [locale]: text };
  }
  const next: Record<string, string> = { ...value };
  if (text === '') delete next[locale];
  else next[locale] = text;
  return Object.keys(next).length ? next : '';
}

/** A human label for a text path: "components[1].options[0].label". */
export { formatPath as pathLabel } from '../core/index.js';
