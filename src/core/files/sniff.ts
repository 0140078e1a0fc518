/**
 * What a file really is, from its bytes, and an image's dimensions from its header alone (never
 * decoding pixels): the browser refuses a wrong upload before decoding it, and `verifyOrder`
 * checks uploads on the server the same way. Pure TypeScript, identical in browsers and Node.
 * Hostile input never throws, every loop advances through the bytes (so it ends with them), and
 * nothing is allocated per claimed pixel: a header claiming 100 000 × 100 000 is reported as such
 * and the caller refuses it by its pixel count.
 */

export type ReadableImageType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface ImageInfo {
  type: ReadableImageType;
  /** Displayed dimensions: the stored ones swapped for JPEG EXIF orientations 5–8. */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent or out of range). */
  orientation: number;
  storedWidth: number;
  storedHeight: number;
}

export type ImageInfoReason = 'empty' | 'unsupported-type' | 'truncated' | 'corrupt';

export type ImageInfoResult = { ok: true; info: ImageInfo } | { ok: false; reason: ImageInfoReason; type: string | null };

const PNG = 'image/png';
const JPEG = 'image/jpeg';
const WEBP = 'image/webp';

/** Whether `s` (one char per byte; `?` matches any byte) is at `o`. */
const at = (b: Uint8Array, o: number, s: string): boolean => {
  if (o + s.length > b.length) return false;
  for (let i = 0; i < s.length; i++) if (s[i] !== '?' && b[o + i] !== s.charCodeAt(i)) return false;
  return true;
};
// Callers check lengths first; a byte past the end would read as 0 in these bitwise expressions anyway.
const u16be = (b: Uint8Array, o: number) => ((b[o]! << 8) | b[o + 1]!) >>> 0;
const u16le = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8)) >>> 0;
const u24le = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) >>> 0;
const u32be = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
const u32le = (b: Uint8Array, o: number) => ((b[o + 3]! << 24) | u24le(b, o)) >>> 0;

const PNG_SIG = '\x89PNG\r\n\x1a\n';
/** Signatures of the readable types; a file shorter than one that matches it so far was cut off. */
const SIGS: [string, ReadableImageType][] = [[PNG_SIG, PNG], ['\xff\xd8\xff', JPEG], ['RIFF????WEBP', WEBP]];

const AVIF = /^avi[fs]$/;
const HEIC = /^he(i[cxms]|v[cxms])$/;

/** ISO-BMFF `ftyp` box: the major brand, then the compatible ones (bounded by the box and the file). */
function ftyp(b: Uint8Array): string | null {
  if (!at(b, 4, 'ftyp')) return null;
  const end = Math.min(b.length, u32be(b, 0), 4096);
  let heif = false;
  for (let o = 8; o + 4 <= end; o += o === 8 ? 8 : 4) {
    const brand = String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
    if (AVIF.test(brand)) return 'image/avif';
    if (HEIC.test(brand)) return 'image/heic';
    // Generic HEIF: decided by a later, more specific brand when there is one (AVIF is "mif1" + "avif").
    heif ||= brand === 'mif1' || brand === 'msf1';
  }
  return heif ? 'image/heic' : null;
}

const HTML = ['<!doctype html', '<html', '<head', '<body', '<script', '<iframe'];

/**
 * SVG and HTML: markup after a BOM, white space, processing instructions (`<?xml …?>`), comments
 * and an SVG doctype (with its internal subset). Only the first 4 KB is read: text that starts
 * later is "unknown", which callers refuse anyway.
 */
function markup(b: Uint8Array): string | null {
  const t = new TextDecoder().decode(b.subarray(0, 4096)).toLowerCase(); // UTF-8, drops a BOM
  /** The index just past `close`, searched from `from`; -1 when either is missing. */
  const after = (close: string, from: number) => {
    const j = from < 0 ? -1 : t.indexOf(close, from);
    return j < 0 ? -1 : j + close.length;
  };
  let i = 0;
  for (;;) {
    while (' \t\n\r\f'.includes(t[i] ?? '-')) i++;
    let next = -1;
    if (t.startsWith('<?', i)) next = after('?>', i + 2);
    else if (t.startsWith('<!--', i)) next = after('-->', i + 4);
    else if (t.startsWith('<!doctype svg', i)) {
      const open = t.indexOf('[', i); // an internal subset [ … ] may hold '>'
      next = after('>', open >= 0 && open < t.indexOf('>', i) ? after(']', open) : i);
    }
    if (next < 0) break; // nothing to skip, or unterminated
    i = next;
  }
  if (t.startsWith('<svg', i)) return 'image/svg+xml';
  return HTML.some((tag) => t.startsWith(tag, i)) ? 'text/html' : null;
}

/** The MIME type the bytes really are (whatever the file is named), or null when unknown. */
export function sniffType(bytes: Uint8Array): string | null {
  try {
    const b = bytes;
    for (const [sig, type] of SIGS) if (at(b, 0, sig)) return type;
    if (at(b, 0, 'GIF87a') || at(b, 0, 'GIF89a')) return 'image/gif';
    if (at(b, 0, 'II*\0') || at(b, 0, 'MM\0*')) return 'image/tiff';
    if (at(b, 0, '%PDF-')) return 'application/pdf';
    // "BM" also starts plain text, so the DIB header size must be one the BMP versions use.
    if (at(b, 0, 'BM') && b.length >= 18 && [12, 16, 40, 52, 56, 64, 108, 124].includes(u32le(b, 14))) return 'image/bmp';
    return ftyp(b) ?? markup(b);
  } catch {
    return null; // not a Uint8Array, or a detached buffer
  }
}

type Parsed = ImageInfoResult | ImageInfoReason;

const info = (type: ReadableImageType, w: number, h: number, orientation = 1): ImageInfoResult => {
  const swap = orientation >= 5;
  return { ok: true, info: { type, width: swap ? h : w, height: swap ? w : h, orientation, storedWidth: w, storedHeight: h } };
};

/** Bit depths allowed per PNG colour type, as bit masks (bit n set = depth n allowed). */
const PNG_DEPTHS = [0x10116, 0, 0x10100, 0x116, 0x10100, 0, 0x10100];

/** CRC-32 (PNG's chunk checksum) of `b[start, end)`. */
export function crc32(b: Uint8Array, start: number, end: number): number {
  let c = ~0;
  for (let i = start; i < end; i++) {
    c ^= b[i]!;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

const letter = (c: number | undefined) => c !== undefined && (c | 32) >= 97 && (c | 32) <= 122;
/** A chunk type is four ASCII letters: anything else (zeros, noise) is not a PNG chunk. */
const chunkType = (b: Uint8Array, o: number) => letter(b[o]) && letter(b[o + 1]) && letter(b[o + 2]) && letter(b[o + 3]);

/**
 * PNG: the signature, IHDR as the first chunk (length 13, a valid depth/colour type, its CRC),
 * then every chunk walked by its length to IEND, so a file cut after its header is `truncated`.
 */
function png(b: Uint8Array): Parsed {
  if (b.length < 33) return 'truncated';
  if (u32be(b, 8) !== 13 || !at(b, 12, 'IHDR') || crc32(b, 12, 29) !== u32be(b, 29)) return 'corrupt';
  const w = u32be(b, 16);
  const h = u32be(b, 20);
  const depth = b[24]!;
  if (!w || !h || w > 0x7fffffff || h > 0x7fffffff || depth > 16 || !(((PNG_DEPTHS[b[25]!] ?? 0) >>> depth) & 1)) return 'corrupt';
  if (b[26] || b[27] || b[28]! > 1) return 'corrupt'; // compression, filter, interlace
  // Each chunk is at least 12 bytes, so the walk ends with the file.
  for (let o = 33; ; ) {
    if (o + 8 > b.length) return 'truncated';
    const len = u32be(b, o);
    if (len > 0x7fffffff || !chunkType(b, o + 4)) return 'corrupt';
    if (o + 12 + len > b.length) return 'truncated';
    if (at(b, o + 4, 'IEND')) return info(PNG, w, h);
    o += 12 + len;
  }
}

/** EXIF orientation from an APP1 body (`Exif\0\0` + a TIFF header in either byte order), else 0. */
function exifOrientation(b: Uint8Array, t: number, end: number): number {
  if (!at(b, t - 6, 'Exif\0\0') || t + 8 > end) return 0;
  const le = at(b, t, 'II*\0');
  if (!le && !at(b, t, 'MM\0*')) return 0;
  const r16 = (o: number) => (le ? u16le(b, o) : u16be(b, o));
  const ifd = t + (le ? u32le(b, t + 4) : u32be(b, t + 4));
  if (ifd + 2 > end) return 1;
  // Entries are 12 bytes; the count is checked against the segment, not trusted.
  for (let i = 0, n = r16(ifd); i < n && ifd + 14 + i * 12 <= end; i++) {
    const e = ifd + 2 + i * 12;
    if (r16(e) === 0x0112) {
      const v = r16(e + 8); // a SHORT sits first in the value field in both byte orders
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

/**
 * Where a JPEG scan's entropy-coded data that starts at `o` ends: the next FF that is neither
 * stuffing (FF00) nor a restart (FFD0–D7), or `b.length` when the file ends first. indexOf jumps
 * between FF bytes natively (a byte-by-byte loop made this walk most of verifyOrder's time).
 */
export function jpegScanEnd(b: Uint8Array, o: number): number {
  for (; ; o++) {
    o = b.indexOf(0xff, o);
    if (o < 0 || o + 1 >= b.length) return b.length;
    const n = b[o + 1]!;
    if (n && (n < 0xd0 || n > 0xd7)) return o;
  }
}

/**
 * JPEG: walks the markers from SOI by their lengths. The first EXIF APP1 gives the orientation
 * (a later XMP APP1 does not reset it); the first SOF0–SOF15 other than DHT (C4), JPG (C8) and
 * DAC (CC) gives the stored size. The walk goes on through each scan's entropy-coded data (to the
 * next marker that is not stuffing FF00 or a restart FFD0–D7) until EOI, so a file cut anywhere
 * is `truncated`, while data a camera appends after EOI (motion photos) is allowed.
 */
function jpeg(b: Uint8Array): Parsed {
  let o = 2;
  let orientation = 0;
  let size: [number, number] | null = null;
  for (;;) {
    while (b[o] === 0xff && b[o + 1] === 0xff) o++; // fill bytes before a marker
    if (o + 2 > b.length) return 'truncated';
    const m = b[o + 1]!;
    if (b[o] !== 0xff || m === 0 || m === 0xd8) return 'corrupt';
    if (m === 0xd9) return size ? info(JPEG, size[0], size[1], orientation || 1) : 'corrupt';
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      o += 2; // standalone markers: TEM, RSTn
      continue;
    }
    if (o + 4 > b.length) return 'truncated';
    const len = u16be(b, o + 2);
    if (len < 2) return 'corrupt';
    const end = o + 2 + len;
    if (!size) {
      if (m === 0xda) return 'corrupt'; // a scan before any frame header
      if (m === 0xe1 && !orientation) orientation = exifOrientation(b, o + 10, Math.min(end, b.length));
      if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
        if (o + 9 > b.length) return 'truncated';
        if (len < 11 || !u16be(b, o + 5) || !u16be(b, o + 7)) return 'corrupt';
        size = [u16be(b, o + 7), u16be(b, o + 5)];
      }
    }
    o = end;
    if (m === 0xda) o = jpegScanEnd(b, o);
  }
}

/**
 * WebP: RIFF/WEBP whose first chunk is VP8 (a key frame: start code 9d 01 2a, 14-bit sizes),
 * VP8L (signature 2f, 14-bit width-1 and height-1, version 0) or VP8X (24-bit canvas width-1 and
 * height-1). Whole when the RIFF length fits in the file and the first chunk fits in the RIFF.
 */
function webp(b: Uint8Array): Parsed {
  if (b.length < 20) return 'truncated';
  const kind = ['VP8 ', 'VP8L', 'VP8X'].find((k) => at(b, 12, k));
  if (!kind) return 'corrupt';
  if (b.length < (kind === 'VP8L' ? 25 : 30)) return 'truncated';
  let w: number;
  let h: number;
  if (kind === 'VP8 ') {
    if ((b[20]! & 1) !== 0 || !at(b, 23, '\x9d\x01\x2a')) return 'corrupt';
    w = u16le(b, 26) & 0x3fff; // the top two bits are an upscaling hint
    h = u16le(b, 28) & 0x3fff;
  } else if (kind === 'VP8L') {
    const bits = u32le(b, 21);
    if (b[20] !== 0x2f || bits >>> 29) return 'corrupt';
    w = (bits & 0x3fff) + 1;
    h = ((bits >>> 14) & 0x3fff) + 1;
  } else {
    w = u24le(b, 24) + 1;
    h = u24le(b, 27) + 1;
  }
  const end = 8 + u32le(b, 4);
  if (end > b.length) return 'truncated';
  if (!w || !h || 20 + u32le(b, 16) > end) return 'corrupt';
  return info(WEBP, w, h);
}

/**
 * An image's type and dimensions from its header, and whether the file is whole, without
 * decoding pixels. Reasons: `empty` (zero bytes), `unsupported-type` (not PNG, JPEG or WebP;
 * `type` says what it is when known), `truncated` (cut off, including a cut-off signature),
 * `corrupt` (the structure is wrong).
 */
export function readImageInfo(bytes: Uint8Array): ImageInfoResult {
  try {
    const b = bytes;
    if (!b.length) return { ok: false, reason: 'empty', type: null };
    const type = sniffType(b);
    const r = type === PNG ? png(b) : type === JPEG ? jpeg(b) : type === WEBP ? webp(b) : null;
    if (typeof r === 'string') return { ok: false, reason: r, type };
    if (r) return r;
    for (const [sig, t] of SIGS) if (b.length < sig.length && at(b, 0, sig.slice(0, b.length))) return { ok: false, reason: 'truncated', type: t };
    return { ok: false, reason: 'unsupported-type', type };
  } catch {
    return { ok: false, reason: 'corrupt', type: null }; // not a Uint8Array, or a detached buffer
  }
}
