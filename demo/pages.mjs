/**
 * The demo's HTML, as a common shop theme lays it out. Every interpolated value is escaped:
 * product strings come from merchants and orders from shoppers, and both are data, not markup.
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

const STYLE = `
  html { font-size: 62.5%; } body { margin: 0; font: 1.6rem/1.5 system-ui, sans-serif; color: #1c1d1f; background: #fafafa; }
  a { color: #1f4fd1; } header.site { display: flex; gap: 2.4rem; align-items: center; padding: 1.6rem 3.2rem; background: #fff; border-bottom: 1px solid #e4e4e7; flex-wrap: wrap; }
  header.site .brand { font-weight: 700; font-size: 2rem; text-decoration: none; color: inherit; } header.site nav { display: flex; gap: 1.6rem; margin-left: auto; }
  main { max-width: 120rem; margin: 0 auto; padding: 3.2rem; } h1 { font-size: 3rem; margin: 0 0 .8rem; }
  .grid { display: grid; gap: 2.4rem; grid-template-columns: repeat(auto-fill, minmax(26rem, 1fr)); }
  .card { background: #fff; border: 1px solid #e4e4e7; border-radius: 1rem; padding: 1.6rem; text-decoration: none; color: inherit; display: grid; gap: .8rem; }
  .card img { width: 100%; aspect-ratio: 1; object-fit: contain; background: #f4f5f6; border-radius: .6rem; }
  .price { font-weight: 600; } .muted { color: #5d6167; } .btn { font: inherit; font-weight: 600; padding: 1.2rem 2.4rem; border: 0; border-radius: .8rem; background: #111827; color: #fff; cursor: pointer; }
  .btn.secondary { background: #fff; color: #111827; border: 1px solid #c9ccd1; }
  form.product { display: grid; gap: 1.6rem; } .qty { display: flex; gap: 1.2rem; align-items: center; } .qty input { width: 7rem; font: inherit; padding: .8rem; }
  .gallery { display: flex; gap: .8rem; margin: 0 0 1.6rem; } .gallery img { width: 7.2rem; height: 7.2rem; object-fit: contain; background: #f4f5f6; border-radius: .6rem; border: 1px solid #e4e4e7; }
  table { width: 100%; border-collapse: collapse; background: #fff; } td, th { text-align: left; padding: 1.2rem; border-bottom: 1px solid #e4e4e7; vertical-align: top; }
  .thumb { width: 12rem; height: 12rem; object-fit: contain; background: #f4f5f6; border-radius: .6rem; }
  .issues { border: 1px solid #b3261e; color: #b3261e; background: #fff; padding: 1.6rem; border-radius: .8rem; } .issues code { color: #1c1d1f; }
  .order { background: #fff; border: 1px solid #e4e4e7; border-radius: 1rem; padding: 2rem; margin-bottom: 2.4rem; display: grid; gap: 1.2rem; }
  .order .row { display: flex; gap: 2.4rem; flex-wrap: wrap; } .status { display: inline-block; padding: .2rem 1rem; border-radius: 99rem; background: #eef2ff; }
  textarea.json { width: 100%; min-height: 24rem; font: 1.3rem/1.4 ui-monospace, monospace; } label { display: grid; gap: .4rem; } input, select { font: inherit; padding: .6rem; }
`;

export function layout({ title, body, nav = 'shop', cartCount = 0 }) {
  const links =
    nav === 'merchant'
      ? h`<a href="/merchant/">Orders</a><a href="/merchant/products">Products</a><a href="/">Shop</a><form method="post" action="/merchant/logout" style="display:inline"><button class="btn secondary">Sign out</button></form>`
      : h`<a href="/">All products</a><a href="/cart">Cart (${cartCount})</a><a href="/merchant/">Merchant</a>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Custom Goods demo</title><style>${STYLE}</style>
<script type="module" src="/dist/product-customizer.js"></script></head>
<body><header class="site"><a class="brand" href="/">Custom Goods</a><nav>${links.__raw}</nav></header><main>${body.__raw}</main></body></html>`;
}

export const issueList = (issues) =>
  h`<div class="issues" role="alert"><strong>This order was refused.</strong><ul>${issues.map((i) => h`<li><code>${i.code}</code> at <code>${(i.path ?? []).join('.') || '(order)'}</code>: ${i.message}</li>`)}</ul></div>`;
