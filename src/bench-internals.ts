/** Internals for `npm run bench` (dist/bench-internals.js); not part of the package's API. */
export { applyLogic } from './core/rules/logic.js';
export { makePng, pngHeaderClaiming } from './core/files/fixtures.js';
import { pngHeaderClaiming } from './core/files/fixtures.js';

/** A PNG header claiming width × height, padded to `size` bytes (what verifyOrder reads and hashes). */
export function makePngHeaderFor(width: number, height: number, size: number): Uint8Array {
  const head = pngHeaderClaiming(width, height);
  const out = new Uint8Array(size);
  out.set(head);
  for (let i = head.length; i < size; i++) out[i] = (i * 2654435761) >>> 24;
  return out;
}
