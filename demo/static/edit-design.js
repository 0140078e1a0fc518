// "Edit design" from the cart: the product page opened with ?edit=<line> brings that cart line's
// selections back into <product-customizer data-edit-line> (through its `selections` property,
// SPEC §6) once the product is loaded. The form then carries replace=<line>: adding replaces the line.
const el = document.querySelector('product-customizer[data-edit-line]');
if (el) {
  const saved = fetch(`/cart/lines/${encodeURIComponent(el.dataset.editLine)}/selections.json`, { credentials: 'same-origin' }).then((r) => {
    if (!r.ok) throw new Error(`the cart line could not be read (${r.status})`);
    return r.json();
  });
  const restore = async () => {
    const { selections } = await saved;
    el.selections = selections;
    el.dataset.restored = 'true';
  };
  const fail = (e) => {
    console.error('edit design:', e);
    el.dataset.restored = 'failed';
  };
  if (el.product && el.evaluation) restore().catch(fail);
  else el.addEventListener('customizer-load', () => restore().catch(fail), { once: true });
}
