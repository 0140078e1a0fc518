/**
 * Where a product's layer image is, as the element and the print renderer find it: the layer's
 * `src` against the product's `assetsBase`, which is itself relative to the product JSON's URL
 * (default: the product JSON's folder). The shop's pages use it for the gallery and the product
 * cards, so an image the studio uploaded (`assets/uploads/…` relative to assetsBase) shows there.
 */
const SHOP = 'http://shop.invalid';

/** productJsonPath: the product JSON's path on this shop (`/products/<id>/r/<rev>/product.json`). → a path on this shop, or an absolute URL elsewhere. */
export function layerImageUrl(product, productJsonPath, src) {
  const base = new URL(product?.assetsBase ?? '.', new URL(productJsonPath, SHOP));
  const url = new URL(src, base);
  return url.origin === SHOP ? `${url.pathname}${url.search}` : url.href;
}
