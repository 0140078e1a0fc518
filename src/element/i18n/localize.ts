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

export class LocalizeController implements ReactiveController {
  constructor(private host: ReactiveControllerHost & { locale?: string }) {
    host.addController(this);
  }
  hostConnected() {
    hosts.add(this.host);
  }
  hostDisconnected() {
    hosts.delete(this.host);
  }
  get t(): Translation {
    return translationFor(this.host.locale);
  }
  /** Money in minor units, formatted for the locale with the currency's own number of decimals. */
  money(amount: number, currency: string): string {
    const locale = this.host.locale || 'en';
    try {
      const f = new Intl.NumberFormat(locale, { style: 'currency', currency });
      const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
      return f.format(amount / 10 ** digits);
    } catch {
      return `${(amount / 100).toFixed(2)} ${currency}`;
    }
  }
}
