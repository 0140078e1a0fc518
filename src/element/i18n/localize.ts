/**
 * The locale registry and a reactive controller over it. Locales registered at runtime re-render
 * every element that uses them. Lookup: exact tag, then language ("de-AT" → "de"), then English;
 * a partial translation falls back to English key by key.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';
import type { PartialTranslation, Translation } from './translation.js';

const registry = new Map<string, PartialTranslation>([['en', en], ['zh-CN', zhCN], ['zh', zhCN]]);
const merged = new Map<string, Translation>();
const hosts = new Set<ReactiveControllerHost>();

export function addLocale(tag: string, translation: PartialTranslation): void {
  registry.set(tag, translation);
  merged.clear();
  for (const h of hosts) h.requestUpdate();
}

/** Whether the built-in or added words speak `tag` (the tag itself, or another tag of its language). */
export function hasWords(tag: string): boolean {
  const lang = tag.split('-')[0]!.toLowerCase();
  return [...registry.keys()].some((k) => k.split('-')[0]!.toLowerCase() === lang);
}

/**
 * The one locale an element speaks (SPEC §6), for its labels, words, money and issues alike: its
 * `locale` attribute, else the nearest `lang` (on it or an ancestor, up to `<html>`) when the product
 * or the words offer it, else the product's first locale, else English.
 */
export function resolveLocale(el: Element, attribute: string | undefined, productLocales: readonly string[] | undefined): string {
  if (attribute) return attribute;
  const lang = el.closest('[lang]')?.getAttribute('lang')?.trim();
  if (lang) {
    const l = lang.toLowerCase();
    const offered = productLocales?.find((p) => p.toLowerCase() === l) ?? productLocales?.find((p) => p.split('-')[0]!.toLowerCase() === l.split('-')[0]);
    if (offered) return offered;
    if (hasWords(lang)) return lang;
  }
  return productLocales?.[0] || 'en';
}

export function translationFor(locale: string | undefined): Translation {
  const tag = locale || 'en';
  let t = merged.get(tag);
  if (t) return t;
  const lang = tag.split('-')[0]!;
  const sameLang = [...registry.keys()].find((k) => k.split('-')[0] === lang);
  const found = registry.get(tag) ?? registry.get(lang) ?? (sameLang ? registry.get(sameLang) : undefined) ?? {};
  t = { ...en, ...found, issues: { ...en.issues, ...found.issues } } as Translation;
  merged.set(tag, t);
  return t;
}

const formats = new Map<string, { format: Intl.NumberFormat; digits: number }>();

export class LocalizeController implements ReactiveController {
  /** `locale`: the host's one resolved locale (see resolveLocale). */
  constructor(
    private host: ReactiveControllerHost,
    private locale: () => string,
  ) {
    host.addController(this);
  }
  hostConnected() {
    hosts.add(this.host);
  }
  hostDisconnected() {
    hosts.delete(this.host);
  }
  get t(): Translation {
    return translationFor(this.locale());
  }
  /** Money in minor units, formatted for the locale with the currency's own number of decimals. */
  money(amount: number, currency: string): string {
    const locale = this.locale();
    try {
      const key = `${locale}|${currency}`;
      let f = formats.get(key);
      // One formatter per (locale, currency): building one per price label was a tenth of the first render.
      if (!f) {
        const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
        formats.set(key, (f = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 }));
      }
      return f.format.format(amount / 10 ** f.digits);
    } catch {
      return `${(amount / 100).toFixed(2)} ${currency}`;
    }
  }
}
