/**
 * The order id (SPEC §5: a UUID, the idempotency key). `crypto.randomUUID` exists only in secure
 * contexts (HTTPS or localhost), while a shop's staging site or a LAN preview may serve the page over
 * plain http: there the id is a version-4 UUID built from `crypto.getRandomValues`, which every
 * context has. One story for both: the element always passes its own id to `buildOrder`.
 */
export function orderId(): string {
  if (globalThis.isSecureContext && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
