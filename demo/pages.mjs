/**
 * The demo's HTML, as a common shop theme lays it out. Every interpolated value is escaped:
 * product strings come from merchants and orders from shoppers, and both are data, not markup.
 * No inline script, style element or style attribute: the pages run under a Content-Security-Policy
 * without 'unsafe-inline' for scripts and style elements (the styles are in site.css).
 */
const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
/** Tagged template: interpolations are escaped unless wrapped in raw(). */
export function h(strings, ...values) {
  let out = strings[0];
  values.forEach((v, i) => {
    out += Array.isArray(v) ? v.map((x) => (x && x.__raw !== undefined ? x.__raw : esc(x))).join('') : v && v.__raw !== undefined ? v.__raw : esc(v);
    out += strings[i + 1];
  });
  return { __raw: out };
}
export const raw = (s) => ({ __raw: s });

export const text = (t, locale = 'en') => (typeof t === 'string' ? t : t?.[locale] ?? t?.en ?? Object.values(t ?? {})[0] ?? '');
export function money(amount, currency, locale = 'en') {
  const f = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return f.format(amount / 10 ** (f.resolvedOptions().maximumFractionDigits ?? 2));
}


/** csrf: the merchant's CSRF token, for the sign-out form on merchant pages. */
export function layout({ title, body, nav = 'shop', cartCount = 0, csrf = '' }) {
  const links =
    nav === 'merchant'
      ? h`<a href="/merchant/">Orders</a><a href="/merchant/products">Products</a><a href="/">Shop</a><form method="post" action="/merchant/logout" class="inline">${csrfField(csrf)}<button class="btn secondary">Sign out</button></form>`
      : h`<a href="/">All products</a><a href="/cart">Cart (${cartCount})</a><a href="/merchant/">Merchant</a>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Custom Goods demo</title><link rel="stylesheet" href="/site.css">
<script type="module" src="/dist/product-customizer.js"></script></head>
<body><header class="site"><a class="brand" href="/">Custom Goods</a><nav>${links.__raw}</nav></header><main>${body.__raw}</main></body></html>`;
}

/** The hidden field that carries the CSRF token in a merchant's form. */
export const csrfField = (token) => h`<input type="hidden" name="_csrf" value="${token}">`;

export const issueList = (issues) =>
  h`<div class="issues" role="alert"><strong>This order was refused.</strong><ul>${issues.map((i) => h`<li><code>${i.code}</code> at <code>${(i.path ?? []).join('.') || '(order)'}</code>: ${i.message}</li>`)}</ul></div>`;
