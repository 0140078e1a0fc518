/**
 * The segments of a request's URL path for the repository's small static servers
 * (scripts/serve-static.mjs, bench/storefront/server.mjs), or undefined for a path that must not be
 * served: undecodable, with a NUL, or climbing out with `..` after decoding (`%2e%2e`, `%2f`).
 * `/` gives `['']`.
 */
import { normalize } from 'node:path';

export function urlPathParts(urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const parts = normalize(decoded).replace(/^[/\\]+/, '').split(/[/\\]/);
  return parts.includes('..') ? undefined : parts;
}
