/**
 * The ways a shop may include the element, as the storefront page's marked blocks: the server makes
 * `bench/storefront/with-<name>.html` from index.html (the page without the element) by filling its two
 * marked blocks — <!-- product-customizer: script --> in <head> and <!-- product-customizer: element -->
 * in the add-to-cart form — with these snippets, so the pages differ there and nowhere else.
 */
export const VARIANTS = {
  "aspect": {
    script: "  <style>\n    /* The element's own README advice: the preview's aspect from the start, a height until the script runs. */\n    product-customizer { display: block; --pc-preview-aspect: 1000 / 1200; }\n    product-customizer:not(:defined) { min-height: 600px; }\n  </style>\n  <script type=\"module\" src=\"/dist/product-customizer.js\"></script>\n",
    element: "          <product-customizer src=\"/examples/classic-tee.json\" no-submit></product-customizer>\n",
  },
  "async": {
    script: "  <script type=\"module\" async src=\"/dist/product-customizer.js\"></script>\n",
    element: "          <product-customizer src=\"/examples/classic-tee.json\" no-submit></product-customizer>\n",
  },
  "element": {
    script: "  <script type=\"module\" src=\"/dist/product-customizer.js\"></script>\n",
    element: "          <product-customizer src=\"/examples/classic-tee.json\" no-submit></product-customizer>\n",
  },
  "idle": {
    script: "  <script type=\"module\">\n    const load = () => import('/dist/product-customizer.js');\n    addEventListener('load', () => ('requestIdleCallback' in window ? requestIdleCallback(load, { timeout: 2000 }) : setTimeout(load, 200)), { once: true });\n  </script>\n",
    element: "          <product-customizer src=\"/examples/classic-tee.json\" no-submit></product-customizer>\n",
  },
  "loader": {
    script: "  <script type=\"module\" fetchpriority=\"low\" src=\"/dist/product-customizer-loader.js\"></script>\n",
    element: "          <product-customizer src=\"/examples/classic-tee.json\" no-submit></product-customizer>\n",
  },
  "low": {
    script: "  <script type=\"module\" src=\"/dist/product-customizer.js\" fetchpriority=\"low\"></script>\n",
    element: "          <product-customizer src=\"/examples/classic-tee.json\" no-submit></product-customizer>\n",
  },
  "preload": {
    script: "  <link rel=\"modulepreload\" href=\"/dist/product-customizer.js\">\n  <script type=\"module\" src=\"/dist/product-customizer.js\"></script>\n",
    element: "          <product-customizer src=\"/examples/classic-tee.json\" no-submit></product-customizer>\n",
  },
  "reserved": {
    script: "  <style>\n    /* The shop reserves the element's loaded height (measured for this product at these widths), so nothing below it moves. */\n    product-customizer { display: block; min-height: 1400px; }\n    @media (min-width: 750px) { product-customizer { min-height: 1470px; } }\n  </style>\n  <script type=\"module\" src=\"/dist/product-customizer.js\"></script>\n",
    element: "          <product-customizer src=\"/examples/classic-tee.json\" no-submit></product-customizer>\n",
  },
  "visible": {
    script: "  <script type=\"module\">\n    // Loaded when the element comes near the viewport (a module runs after parsing, so the element exists).\n    const el = document.querySelector('product-customizer');\n    const io = new IntersectionObserver((entries) => {\n      if (!entries.some((e) => e.isIntersecting)) return;\n      io.disconnect();\n      import('/dist/product-customizer.js');\n    }, { rootMargin: '200px' });\n    io.observe(el);\n  </script>\n",
    element: "          <product-customizer src=\"/examples/classic-tee.json\" no-submit></product-customizer>\n",
  },
};

/** index.html with a variant's snippets in its marked blocks. */
export function pageWith(index, name) {
  const v = VARIANTS[name];
  if (!v) throw new Error(`no storefront variant "${name}" (known: ${Object.keys(VARIANTS).join(', ')})`);
  let page = index;
  for (const block of ['script', 'element']) {
    const open = `<!-- product-customizer: ${block} -->\n`;
    if (!page.includes(open)) throw new Error(`index.html has no marked ${block} block`);
    page = page.replace(open, open + v[block]);
  }
  return page;
}
