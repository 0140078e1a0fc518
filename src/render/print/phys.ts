/**
 * A PNG print file's dpi, where print software reads it: the `pHYs` chunk (PNG §11.3.5.3: pixels per
 * metre on each axis, unit 1 = metre), written right after IHDR. Without it a 300 dpi file opens at
 * 72 dpi, four times its size. Bytes in, bytes out: the encoder's chunks are kept as they are, an
 * earlier `pHYs` is replaced (a PNG holds at most one).
 */
import { crc32 } from '../../core/files/sniff.js';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const METRE_PER_INCH = 0.0254;

const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const type = (b: Uint8Array, o: number) => String.fromCharCode(b[o + 4]!, b[o + 5]!, b[o + 6]!, b[o + 7]!);

/** The chunks of a PNG as [offset, end) ranges after the signature; throws on anything else. */
function chunks(png: Uint8Array): [number, number][] {
  if (png.length < 8 + 25 || SIGNATURE.some((v, i) => png[i] !== v) || type(png, 8) !== 'IHDR') throw new Error('not a PNG (no signature and IHDR)');
  const out: [number, number][] = [];
  for (let o = 8; o < png.length; ) {
    const end = o + 12 + u32(png, o);
    if (end > png.length) throw new Error('a PNG chunk runs past the end of the file');
    out.push([o, end]);
    o = end;
  }
  return out;
}

export const pixelsPerMetre = (dpi: number) => Math.round(dpi / METRE_PER_INCH);

/** `png` with a `pHYs` chunk of `dpi` (the same on both axes) right after its IHDR. */
export function withDpi(png: Uint8Array, dpi: number): Uint8Array {
  const parts = chunks(png).filter(([o]) => type(png, o) !== 'pHYs');
  const phys = new Uint8Array(21);
  const v = new DataView(phys.buffer);
  const ppm = pixelsPerMetre(dpi);
  v.setUint32(0, 9);
  phys.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  v.setUint32(8, ppm);
  v.setUint32(12, ppm);
  phys[16] = 1;
  v.setUint32(17, crc32(phys, 4, 17));
  const size = 8 + phys.length + parts.reduce((n, [o, e]) => n + e - o, 0);
  const out = new Uint8Array(size);
  out.set(png.subarray(0, 8));
  let at = 8;
  parts.forEach(([o, e], i) => {
    out.set(png.subarray(o, e), at);
    at += e - o;
    if (i === 0) {
      out.set(phys, at);
      at += phys.length;
    }
  });
  return out;
}

