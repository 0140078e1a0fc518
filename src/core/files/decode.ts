/**
 * Whether an image's data decodes, beyond the header `readImageInfo` reads: a PNG whose chunks are
 * whole but whose pixels are garbage prints as nothing, so `verifyOrder` refuses it. Pure, no DOM:
 * - PNG: every IDAT inflated to its end (`DecompressionStream`, which checks the zlib checksum), the
 *   output exactly the size the header implies (rows, filter bytes, Adam7 passes), each row's
 *   filter type 0–4, a palette for colour type 3. Inflation stops as soon as it passes that size.
 * - JPEG: the marker structure from SOI to EOI with quantisation tables, a frame, and at least one
 *   scan whose components are the frame's and whose entropy-coded data is not empty.
 * - WebP: every RIFF chunk walked to the RIFF's end, an image chunk (VP8/VP8L) whole, a VP8 key
 *   frame's first partition inside its chunk.
 * Callers refuse decode bombs by their pixel count first: nothing here runs for them.
 */
import type { ImageInfo } from './sniff.js';
import { jpegScanEnd } from './sniff.js';

export type DecodeProblem = 'corrupt' | 'truncated';

const u16be = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u32be = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const u32le = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
const tag = (b: Uint8Array, o: number) => String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);

const CHANNELS = [1, 0, 3, 1, 2, 0, 4];
/** Adam7 passes: [x start, y start, x step, y step]. */
const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

/** Row starts (byte offsets of filter bytes) in the inflated stream, and its total size. */
function pngRows(w: number, h: number, bitsPerPixel: number, interlaced: boolean): { rows: number[]; size: number } {
  const rows: number[] = [];
  let size = 0;
  const passes = interlaced ? ADAM7 : [[0, 0, 1, 1] as const];
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((w - x0) / dx);
    const ph = Math.ceil((h - y0) / dy);
    if (pw <= 0 || ph <= 0) continue;
    const stride = 1 + Math.ceil((pw * bitsPerPixel) / 8);
    for (let y = 0; y < ph; y++, size += stride) rows.push(size);
  }
  return { rows, size };
}

async function png(b: Uint8Array, info: ImageInfo): Promise<DecodeProblem | null> {
  const type = b[25]!;
  const idat: Uint8Array[] = [];
  let palette = false;
  for (let o = 8; o + 12 <= b.length; ) {
    const len = u32be(b, o);
    const t = tag(b, o + 4);
    if (t === 'IDAT') idat.push(b.subarray(o + 8, o + 8 + len));
    if (t === 'PLTE') palette = true;
    if (t === 'IEND') break;
    o += 12 + len;
  }
  if (!idat.length || (type === 3 && !palette)) return 'corrupt';
  const { rows, size } = pngRows(info.storedWidth, info.storedHeight, CHANNELS[type]! * b[24]!, b[28] === 1);
  const reader = new Blob(idat as BlobPart[]).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  let got = 0;
  let row = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Filter bytes that fall in this piece: each must be 0–4.
      for (; row < rows.length && rows[row]! < got + value.length; row++) if (value[rows[row]! - got]! > 4) return 'corrupt';
      got += value.length;
      if (got > size) return 'corrupt';
    }
  } catch {
    return 'corrupt'; // not a zlib stream, a wrong checksum, cut off
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return got === size ? null : 'truncated';
}

function jpeg(b: Uint8Array): DecodeProblem | null {
  let frame: number[] | null = null;
  let tables = false;
  let scans = 0;
  for (let o = 2; o + 2 <= b.length; ) {
    while (b[o] === 0xff && b[o + 1] === 0xff) o++;
    const m = b[o + 1]!;
    if (m === 0xd9) return frame && tables && scans ? null : 'corrupt';
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      o += 2;
      continue;
    }
    if (o + 4 > b.length) return 'truncated';
    const len = u16be(b, o + 2);
    const end = o + 2 + len;
    if (end > b.length) return 'truncated';
    if (m === 0xdb) tables = true;
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc && !frame) {
      const n = b[o + 9]!;
      if (n < 1 || n > 4 || len !== 8 + 3 * n) return 'corrupt';
      frame = Array.from({ length: n }, (_, k) => b[o + 10 + 3 * k]!);
    }
    o = end;
    if (m === 0xda) {
      const n = b[o - len + 2]!;
      const ids = Array.from({ length: n }, (_, k) => b[o - len + 3 + 2 * k]!);
      if (!frame || n < 1 || n > 4 || len !== 6 + 2 * n || !ids.every((id) => frame!.includes(id))) return 'corrupt';
      const start = o;
      o = jpegScanEnd(b, o);
      if (o === start) return 'corrupt'; // a scan without data
      scans++;
    }
  }
  return 'truncated';
}

function webp(b: Uint8Array): DecodeProblem | null {
  const end = 8 + u32le(b, 4);
  let image = false;
  for (let o = 12; o < end; ) {
    if (o + 8 > end) return 'corrupt';
    const t = tag(b, o);
    const len = u32le(b, o + 4);
    const next = o + 8 + len + (len & 1);
    if (o + 8 + len > end) return 'truncated';
    if (t === 'VP8 ') {
      // Frame tag: key frame, version ≤ 3, a first partition that is not empty and leaves room for the token data.
      const bits = b[o + 8]! | (b[o + 9]! << 8) | (b[o + 10]! << 16);
      if (len < 10 || (bits & 1) || ((bits >> 1) & 7) > 3 || !(bits >>> 5) || 10 + (bits >>> 5) >= len) return 'corrupt';
      image = true;
    }
    if (t === 'ANMF') image = true; // an animation's frames: each holds its own image chunk
    if (t === 'VP8L') {
      if (len < 5 || b[o + 8] !== 0x2f) return 'corrupt';
      image = true;
    }
    o = next;
  }
  return image ? null : 'corrupt';
}

/** Null when the image's data is whole and decodes; else what is wrong with it. */
export async function checkDecodes(bytes: Uint8Array, info: ImageInfo): Promise<DecodeProblem | null> {
  if (info.type === 'image/png') return png(bytes, info);
  return info.type === 'image/jpeg' ? jpeg(bytes) : webp(bytes);
}
