/**
 * Entry of `dist/product-customizer-loader.js`: a module of well under 1 KB that a shop includes
 * INSTEAD of the drop-in when its storefront's speed matters (Lighthouse, Shopify's app review).
 *
 * Why: a module script is fetched at high priority and evaluated before the page's first paint when
 * it arrives early, so the drop-in (lit, konva and zod inside) delays first paint by its download
 * and evaluation, measured in `node bench/storefront.mjs`. The loader defines nothing itself: it
 * imports the drop-in that sits next to it (`./product-customizer.js`, still one self-contained file)
 * when a `<product-customizer>` comes within 200 px of the viewport, or when the shopper focuses or
 * touches one (a script that needs it at once calls `loadProductCustomizer()`). Elements added later
 * (a framework's render) are watched too. Until then the element is an empty box: reserve its size in
 * the shop's CSS (`product-customizer:not(:defined) { min-height: … }`), README "Keeping the
 * storefront fast".
 */
const TAG = 'product-customizer';
const DROPIN = new URL('./product-customizer.js', import.meta.url).href;

let requested: Promise<unknown> | null = null;
const load = (): Promise<unknown> => {
  if (!requested) {
    stop();
    requested = import(/* @vite-ignore */ DROPIN).catch((e: unknown) => {
      // Visible to the shop developer; the page itself keeps working without the element.
      console.error(`product-customizer loader: ${DROPIN} could not be loaded:`, e);
      requested = null;
    });
  }
  return requested;
};

const near = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void load(), { rootMargin: '200px' });
const watch = (root: ParentNode): void => {
  for (const el of root.querySelectorAll(TAG)) near.observe(el);
};
const added = new MutationObserver((records) => {
  for (const r of records) {
    for (const n of r.addedNodes) {
      if (!(n instanceof Element)) continue;
      if (n.localName === TAG) near.observe(n);
      watch(n);
    }
  }
});
const interact = (e: Event): void => {
  if (e.composedPath().some((n) => n instanceof Element && n.localName === TAG)) void load();
};
function stop(): void {
  near.disconnect();
  added.disconnect();
  for (const type of ['focusin', 'pointerdown'] as const) document.removeEventListener(type, interact, true);
}

if (customElements.get(TAG)) {
  // The drop-in is on the page already: nothing to do.
} else {
  watch(document);
  added.observe(document.documentElement, { childList: true, subtree: true });
  for (const type of ['focusin', 'pointerdown'] as const) document.addEventListener(type, interact, true);
}

/** Loads the element now (e.g. before setting `product` on it from a script); resolves once it is defined. */
export function loadProductCustomizer(): Promise<CustomElementConstructor> {
  void load();
  return customElements.whenDefined(TAG);
}
