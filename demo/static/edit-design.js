// "Edit design" from the cart: the product page opened with ?edit=<line> brings that cart line's
// design back into <product-customizer data-edit-line> once the product is loaded: its selections
// and the photos they use (the element's restoreDesign checks each file against its asset's
// SHA-256). The form then carries replace=<line>: adding replaces the line.
const el = document.querySelector('product-customizer[data-edit-line]');
if (el) {
  const line = `/cart/lines/${encodeURIComponent(el.dataset.editLine)}`;
  const read = async (url, as) => {
    const r = await fetch(url, { credentials: 'same-origin' });
    if (!r.ok) throw new Error(`the cart line could not be read (${r.status} ${url})`);
    return r[as]();
  };
  const restore = async () => {
    const { selections } = await read(`${line}/selections.json`, 'json');
    const files = {};
    for (const s of Object.values(selections)) {
      const key = s && typeof s === 'object' && s.asset?.key;
      if (key) files[key] = await read(`${line}/files/${encodeURIComponent(key)}`, 'blob');
    }
    await el.restoreDesign(selections, files);
    el.dataset.restored = 'true';
  };
  restore().catch((e) => {
    console.error('edit design:', e);
    el.dataset.restored = 'failed';
  });
}
