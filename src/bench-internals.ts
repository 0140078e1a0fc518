/** Internals for `npm run bench` (dist/bench/bench-internals.js); not part of the package's API. */
export { applyLogic } from './core/rules/logic.js';
export { makePng, pngHeaderClaiming } from './core/files/fixtures.js';
import { pngHeaderClaiming } from './core/files/fixtures.js';

/**
 * A structurally whole PNG of `size` bytes claiming width × height: signature and IHDR, one large
 * ancillary chunk of filler, IEND (what verifyOrder reads, walks and hashes; never decoded).
 */
export function makePngHeaderFor(width: number, height: number, size: number): Uint8Array {
  const head = pngHeaderClaiming(width, height).subarray(0, 33); // signature + IHDR
  const out = new Uint8Array(size);
  out.set(head);
  const fill = size - 33 - 12 - 12;
  const v = new DataView(out.buffer);
  v.setUint32(33, fill);
  out.set([0x66, 0x49, 0x4c, 0x4c], 37); // "fILL": ancillary, private
  for (let i = 41; i < 41 + fill; i++) out[i] = (i * 2654435761) >>> 24;
  const end = 41 + fill + 4;
  v.setUint32(end, 0);
  out.set([0x49, 0x45, 0x4e, 0x44], end + 4); // IEND
  return out;
}
