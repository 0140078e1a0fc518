/**
 * Canonical JSON as RFC 8785 (JCS) defines it for the values a product holds: object keys sorted
 * by UTF-16 code units, no white space, strings and numbers written as ECMAScript's JSON.stringify
 * writes them. A backend in any language with a JCS library gets the same bytes, hence the same
 * product hash. (Our own 20 lines rather than a dependency: the `canonicalize` package needs Node 22.)
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const rec = value as Record<string, unknown>;
  const keys = Object.keys(rec).filter((k) => rec[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(rec[k])}`).join(',')}}`;
}
