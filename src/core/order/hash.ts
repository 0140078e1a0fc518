import { sha256HexOfString } from '../files/sha256.js';
import type { Product } from '../schema/product.js';
import { canonicalJson } from './canonical.js';

const cache = new WeakMap<object, Promise<string>>();

/**
 * The product hash: SHA-256 (lowercase hex) of the canonical JSON (RFC 8785) of the product
 * definition with its top-level `$schema` key left out (an editor hint, not part of the product).
 */
export function productHash(product: Product): Promise<string> {
  const hit = cache.get(product);
  if (hit) return hit;
  const { $schema: _ignored, ...rest } = product;
  const h = sha256HexOfString(canonicalJson(rest));
  cache.set(product, h);
  return h;
}
