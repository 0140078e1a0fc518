/**
 * What a file really is, from its bytes, and an image's dimensions from its header alone (never
 * decoding pixels): the browser refuses a wrong upload before decoding it, and `verifyOrder`
 * checks uploads on the server the same way. Hostile input never throws, never loops unboundedly
 * and never allocates per claimed pixel.
 */

export type ReadableImageType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface ImageInfo {
  type: ReadableImageType;
  /** Displayed dimensions: swapped for JPEG EXIF orientations 5–8. */
  width: number;
  height: number;
  /** EXIF orientation (1 when absent). */
  orientation: number;
  storedWidth: number;
  storedHeight: number;
}

export type ImageInfoResult =
  | { ok: true; info: ImageInfo }
  | { ok: false; reason: 'empty' | 'unsupported-type' | 'truncated' | 'corrupt'; type: string | null };

const ascii = (b: Uint8Array, off: number, s: string) => {
  if (off + s.length > b.length) return false;
  for (let i = 0; i < s.length; i++) if (b[off + i] !== s.charCodeAt(i)) return false;
  return true;
};
const u16be = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u16le = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u24le = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16);
const u32be = (b: Uint8Array, o: number) => ((b[o]! << 24) >>> 0) + ((b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!);

export function sniffType(bytes: Uint8Array): string | null {
  const b = bytes;
  if (b.length === 0) return null;
  if (ascii(b, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return 'image/gif';
  if (ascii(b, 0, 'BM') && b.length >= 14) return 'image/bmp';
  if (ascii(b, 0, 'II*\0') || ascii(b, 0, 'MM\0*')) return 'image/tiff';
  if (ascii(b, 4, 'ftyp')) {
    const brand = String.fromCharCode(...b.subarray(8, 12));
    if (brand === 'avif' || brand === 'avis') return 'image/avif';
    if (/^(heic|heix|hevc|heim|heis|mif1|msf1)$/.test(brand)) return 'image/heic';
  }
  if (ascii(b, 0, '%PDF-')) return 'application/pdf';
  // Text formats: look at the first KB after a BOM, white space, XML prolog and comments.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 1024)).replace(/^\uFEFF/, '');
  const t = head.replace(/^(?:\s+|<\?xml[^>]*>|<!--[\s\S]*?-->|<!DOCTYPE svg[^>]*>)*/i, '').toLowerCase();
  if (t.startsWith('<svg')) return 'image/svg+xml';
  if (/^(?:<!doctype html|<html|<head|<body|<script|<iframe)/.test(t)) return 'text/html';
  return null;
}

function png(b: Uint8Array): ImageInfoResult {
  if (b.length < 24) return { ok: false, reason: 'truncated', type: 'image/png' };
  if (!ascii(b, 12, 'IHDR')) return { ok: false, reason: 'corrupt', type: 'image/png' };
  const w = u32be(b, 16);
  const h = u32be(b, 20);
  if (w === 0 || h === 0 || w > 0x7fffffff || h > 0x7fffffff) return { ok: false, reason: 'corrupt', type: 'image/png' };
  return { ok: true, info: { type: 'image/png', width: w, height: h, orientation: 1, storedWidth: w, storedHeight: h } };
}

function exifOrientation(b: Uint8Array, start: number, end: number): number {
  // APP1: "Exif\0\0" then a TIFF header; IFD0 entry 0x0112 is the orientation.
  if (!ascii(b, start, 'Exif\0\0')) return 1;
  const t = start + 6;
  if (t + 8 > end) return 1;
  const le = ascii(b, t, 'II');
  if (!le && !ascii(b, t, 'MM')) return 1;
  const r16 = (o: number) => (le ? u16le(b, o) : u16be(b, o));
  const r32 = (o: number) => (le ? (u16le(b, o) + u16le(b, o + 2) * 65536) : u32be(b, o));
  const ifd = t + r32(t + 4);
  if (ifd + 2 > end) return 1;
  const n = Math.min(r16(ifd), 512);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > end) return 1;
    if (r16(e) === 0x0112) {
      const v = r16(e + 8);
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

function jpeg(b: Uint8Array): ImageInfoResult {
  let o = 2;
  let orientation = 1;
  for (let guard = 0; guard < 10_000; guard++) {
    // Markers may be preceded by fill bytes 0xFF.
    while (o < b.length && b[o] === 0xff && b[o + 1] === 0xff) o++;
    if (o + 4 > b.length) return { ok: false, reason: 'truncated', type: 'image/jpeg' };
    if (b[o] !== 0xff) return { ok: false, reason: 'corrupt', type: 'image/jpeg' };
    const marker = b[o + 1]!;
    if (marker === 0xd9 || marker === 0xda) return { ok: false, reason: 'corrupt', type: 'image/jpeg' }; // EOI/SOS before a frame
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      o += 2;
      continue;
    }
    const len = u16be(b, o + 2);
    if (len < 2) return { ok: false, reason: 'corrupt', type: 'image/jpeg' };
    const segEnd = o + 2 + len;
    if (marker === 0xe1) orientation = exifOrientation(b, o + 4, Math.min(segEnd, b.length));
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (o + 9 > b.length) return { ok: false, reason: 'truncated', type: 'image/jpeg' };
      const h = u16be(b, o + 5);
      const w = u16be(b, o + 7);
      if (w === 0 || h === 0) return { ok: false, reason: 'corrupt', type: 'image/jpeg' };
      const swap = orientation >= 5;
      return { ok: true, info: { type: 'image/jpeg', width: swap ? h : w, height: swap ? w : h, orientation, storedWidth: w, storedHeight: h } };
    }
    o = segEnd;
  }
  return { ok: false, reason: 'corrupt', type: 'image/jpeg' };
}

function webp(b: Uint8Array): ImageInfoResult {
  if (b.length < 30) return { ok: false, reason: 'truncated', type: 'image/webp' };
  const done = (w: number, h: number): ImageInfoResult =>
    w > 0 && h > 0
      ? { ok: true, info: { type: 'image/webp', width: w, height: h, orientation: 1, storedWidth: w, storedHeight: h } }
      : { ok: false, reason: 'corrupt', type: 'image/webp' };
  if (ascii(b, 12, 'VP8 ')) {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return { ok: false, reason: 'corrupt', type: 'image/webp' };
    return done(u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
  }
  if (ascii(b, 12, 'VP8L')) {
    if (b[20] !== 0x2f) return { ok: false, reason: 'corrupt', type: 'image/webp' };
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return done((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (ascii(b, 12, 'VP8X')) return done(u24le(b, 24) + 1, u24le(b, 27) + 1);
  return { ok: false, reason: 'corrupt', type: 'image/webp' };
}

/**
 * Whether the file is whole, from its structure alone (no decoding): a PNG's chunks run to IEND,
 * a JPEG ends with its EOI marker, a WebP's RIFF length matches the file. A file cut off after a
 * valid header would otherwise pass every header check and fail only at print time.
 */
function complete(b: Uint8Array, type: ReadableImageType): boolean {
  if (type === 'image/png') {
    let o = 8;
    for (let guard = 0; guard < 100_000 && o + 8 <= b.length; guard++) {
      const len = u32be(b, o);
      if (ascii(b, o + 4, 'IEND')) return o + 12 <= b.length;
      o += 12 + len;
    }
    return false;
  }
  if (type === 'image/jpeg') {
    // Trailing bytes after EOI are tolerated (some cameras append data), so search the last KB.
    for (let i = b.length - 2; i >= Math.max(2, b.length - 1024); i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
    return false;
  }
  const riff = b[4]! | (b[5]! << 8) | (b[6]! << 16) | ((b[7]! << 24) >>> 0);
  return riff + 8 <= b.length;
}

export function readImageInfo(bytes: Uint8Array): ImageInfoResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty', type: null };
  const type = sniffType(bytes);
  const whole = (r: ImageInfoResult): ImageInfoResult => (r.ok && !complete(bytes, r.info.type) ? { ok: false, reason: 'truncated', type: r.info.type } : r);
  switch (type) {
    case 'image/png':
      return whole(png(bytes));
    case 'image/jpeg':
      return whole(jpeg(bytes));
    case 'image/webp':
      return whole(webp(bytes));
    default:
      // A prefix of a PNG signature is a truncated PNG, not an unknown type.
      if (bytes.length < 8 && ascii(bytes, 0, '\x89PNG\r\n\x1a\n'.slice(0, bytes.length))) return { ok: false, reason: 'truncated', type: 'image/png' };
      return { ok: false, reason: 'unsupported-type', type };
  }
}
