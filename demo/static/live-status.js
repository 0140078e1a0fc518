// Live render status, for the shopper's order pages and the merchant's inbox (a served file: the
// pages' Content-Security-Policy allows no inline script). Every element with data-live-order and
// data-status-url is polled while its status is queued or rendering; the status text, a failure's
// reason, the preview image and (for the merchant) the print files' links follow the server.
const POLL_MS = 1500;
const done = (s) => s === 'ready' || s === 'failed';
const cards = [...document.querySelectorAll('[data-live-order][data-status-url]')];

function show(card, s) {
  card.dataset.status = s.status;
  const status = card.querySelector('[data-field="status"]');
  if (status) status.textContent = s.words ?? s.status;
  const error = card.querySelector('[data-field="error"]');
  if (error && s.error) {
    error.textContent = s.error;
    error.classList.add('issues');
  }
  const img = card.querySelector('img[data-preview]');
  if (img && s.preview) img.src = s.preview;
  const list = card.querySelector('[data-field="files"]');
  if (list && Array.isArray(s.printFiles)) {
    list.replaceChildren(
      ...s.printFiles.map((f) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = f.url;
        a.textContent = `${f.area} · ${f.format}`;
        li.append(a);
        return li;
      }),
    );
  }
}

async function poll() {
  const open = cards.filter((c) => !done(c.dataset.status));
  if (!open.length) return;
  await Promise.all(
    open.map(async (card) => {
      try {
        const res = await fetch(card.dataset.statusUrl, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
        if (res.ok) {
          const s = await res.json();
          if (s.status !== card.dataset.status) show(card, s);
        }
      } catch (e) {
        // Offline for a moment: the next poll tries again.
        console.warn('live status:', e);
      }
    }),
  );
  setTimeout(poll, POLL_MS);
}
setTimeout(poll, POLL_MS);
