// The merchant's "Published revisions" table, kept in step with the server (a served file: the
// pages' Content-Security-Policy allows no inline script). The table is rendered with the page; the
// studio on the same page publishes with fetch, without reloading it. So when a request to the
// studio's publish-url completes (seen as a resource-timing entry: the studio needs no hook of
// ours), and when the page becomes visible again (a Publish in another tab), the table's rows are
// read again from its data-revisions-url. Chromium records no resource-timing entry for the
// studio's POST, so the studio's own reading of its revisions-url, which it does after every
// successful Publish, is watched too; this script reads the list under another URL (?table), so its
// own reading never sets it off again.
const table = document.querySelector('table[data-revisions-url]');
const body = table?.querySelector('tbody');
const ownUrl = table && `${new URL(table.dataset.revisionsUrl, document.baseURI).href}${table.dataset.revisionsUrl.includes('?') ? '&' : '?'}table`;

function cell(content) {
  const td = document.createElement('td');
  if (content instanceof Node) td.append(content);
  else td.textContent = content;
  return td;
}

async function refresh() {
  const res = await fetch(ownUrl, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${ownUrl}: HTTP ${res.status}`);
  const list = await res.json();
  body.replaceChildren(
    ...list.map((r) => {
      const tr = document.createElement('tr');
      const a = document.createElement('a');
      a.href = r.url;
      a.textContent = 'JSON';
      tr.append(cell(r.id), cell(r.revision), cell(r.name), cell(r.publishedAt ?? ''), cell(a));
      return tr;
    }),
  );
  table.dataset.refreshed = String(list.length);
}
const refreshLogged = () => refresh().catch((e) => console.warn('published revisions:', e));

if (table && body) {
  const watched = new Set([table.dataset.publishUrl, table.dataset.revisionsUrl].map((u) => new URL(u, document.baseURI).href));
  new PerformanceObserver((entries) => {
    if (entries.getEntries().some((e) => e.initiatorType === 'fetch' && watched.has(e.name))) refreshLogged();
  }).observe({ type: 'resource' });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') refreshLogged();
  });
  // A page restored from the back/forward cache shows its old rows: read them again.
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) refreshLogged();
  });
}
