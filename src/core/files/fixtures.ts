/**
 * Test helpers that generate real image bytes in Node and in the browser alike (no fs, no canvas).
 * `makePng` writes a valid, decodable PNG of any size from horizontal colour segments, compressed
 * with a minimal fixed-Huffman DEFLATE (runs become distance-1 matches), so a 3600 × 4650 test
 * photo is ~0.4 MB instead of 67 MB raw. The other helpers write headers that are structurally
 * whole but carry no pixels, and a few tiny real files are embedded. Only used by tests.
 */

export type Rgba = [number, number, number, number];
export interface PngOptions {
  /** The row's colour segments, left to right: `[colour, width in px]`; the last one fills the row. */
  row?: (y: number) => [Rgba, number][];
  /** One solid colour (when `row` is absent). */
  color?: Rgba;
  /** A left-to-right gradient between two colours, the same on every row (when `row` is absent). */
  gradient?: [Rgba, Rgba];
  /** Colour type 2 (RGB, no alpha channel) instead of 6 (RGBA). */
  rgb?: boolean;
}

class BitWriter {
  buf = new Uint8Array(1 << 16);
  len = 0;
  private acc = 0;
  private n = 0;
  bits(value: number, count: number): void {
    this.acc |= value << this.n;
    this.n += count;
    while (this.n >= 8) {
      this.byte(this.acc & 0xff);
      this.acc >>>= 8;
      this.n -= 8;
    }
  }
  /** Huffman codes are packed most significant bit first. */
  code(value: number, count: number): void {
    let r = 0;
    for (let i = 0; i < count; i++) r |= ((value >> i) & 1) << (count - 1 - i);
    this.bits(r, count);
  }
  byte(b: number): void {
    if (this.len === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.len++] = b;
  }
  flush(): Uint8Array<ArrayBuffer> {
    if (this.n > 0) this.byte(this.acc & 0xff);
    this.acc = 0;
    this.n = 0;
    return this.buf.subarray(0, this.len);
  }
}

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

function symbol(w: BitWriter, s: number): void {
  if (s < 144) w.code(0x30 + s, 8);
  else if (s < 256) w.code(0x190 + s - 144, 9);
  else if (s < 280) w.code(s - 256, 7);
  else w.code(0xc0 + s - 280, 8);
}

function match(w: BitWriter, length: number): void {
  let i = LEN_BASE.length - 1;
  while (LEN_BASE[i]! > length) i--;
  symbol(w, 257 + i);
  if (LEN_EXTRA[i]) w.bits(length - LEN_BASE[i]!, LEN_EXTRA[i]!);
  w.code(0, 5); // distance code 0 = distance 1
}

/** Deflates a stream given as runs of one byte value, tracking Adler-32 as it goes. */
class RunDeflater {
  w = new BitWriter();
  a = 1;
  b = 0;
  constructor() {
    this.w.bits(1, 1); // BFINAL
    this.w.bits(1, 2); // fixed Huffman
  }
  run(byte: number, count: number): void {
    if (count <= 0) return;
    this.a = (this.a + byte) % 65521;
    this.b = (this.b + this.a) % 65521;
    symbol(this.w, byte);
    let rest = count - 1;
    // Adler-32 over the repeated bytes without touching them one by one (sum of an arithmetic series).
    const n = rest;
    this.b = (this.b + n * this.a + byte * ((n * (n + 1)) / 2 % 65521)) % 65521;
    this.a = (this.a + ((byte * n) % 65521)) % 65521;
    while (rest >= 3) {
      let m = Math.min(258, rest);
      if (rest - m > 0 && rest - m < 3) m = rest - 3;
      match(this.w, m);
      rest -= m;
    }
    while (rest-- > 0) symbol(this.w, byte);
  }
  finish(): Uint8Array<ArrayBuffer> {
    symbol(this.w, 256);
    const body = this.w.flush();
    const out = new Uint8Array(body.length + 6);
    out[0] = 0x78;
    out[1] = 0x01;
    out.set(body, 2);
    const adler = ((this.b << 16) | this.a) >>> 0;
    new DataView(out.buffer).setUint32(out.length - 4, adler);
    return out;
  }
}

let crcTable: Uint32Array | undefined;
function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

const concat = (parts: Uint8Array[]): Uint8Array<ArrayBuffer> => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/** A real PNG (RGBA, or RGB with `rgb`). Default: a warm grey left half and a blue right half. */
export function makePng(width: number, height: number, opts: PngOptions = {}): Uint8Array<ArrayBuffer> {
  const { color, gradient } = opts;
  const mix = ([a, z]: [Rgba, Rgba], x: number) => a.map((c, i) => Math.round(c + ((z[i]! - c) * x) / Math.max(1, width - 1))) as Rgba;
  const segments: [Rgba, number][] = color
    ? [[color, width]]
    : gradient
      ? Array.from({ length: width }, (_, x) => [mix(gradient, x), 1])
      : [[[200, 120, 80, 255], Math.floor(width / 2)], [[40, 90, 200, 255], width]];
  const row = opts.row ?? (() => segments);
  const ch = opts.rgb ? 3 : 4;
  const d = new RunDeflater();
  for (let y = 0; y < height; y++) {
    d.run(1, 1); // filter "Sub": each byte minus the byte one pixel to the left
    let prev: Rgba = [0, 0, 0, 0];
    let x = 0;
    for (const [c, w] of row(y)) {
      const span = Math.min(w, width - x);
      if (span <= 0) continue;
      for (let k = 0; k < ch; k++) d.run((c[k]! - prev[k]! + 256) & 0xff, 1);
      d.run(0, (span - 1) * ch);
      prev = c;
      x += span;
    }
    if (x < width) {
      for (let k = 0; k < ch; k++) d.run((0 - prev[k]! + 256) & 0xff, 1);
      d.run(0, (width - x - 1) * ch);
    }
  }
  return concat([PNG_SIG, chunk('IHDR', ihdr(width, height, opts.rgb ? 2 : 6)), chunk('IDAT', d.finish()), chunk('IEND', new Uint8Array(0))]);
}

const PNG_SIG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** IHDR data: 8 bits per sample, the colour type given, no interlace. */
function ihdr(width: number, height: number, colorType: number): Uint8Array {
  const d = new Uint8Array(13);
  const v = new DataView(d.buffer);
  v.setUint32(0, width >>> 0);
  v.setUint32(4, height >>> 0);
  d.set([8, colorType, 0, 0, 0], 8);
  return d;
}

/** A PNG signature, an IHDR claiming any size and an IEND: structurally whole, with no image data. */
export function pngHeaderClaiming(width: number, height: number): Uint8Array<ArrayBuffer> {
  return concat([PNG_SIG, chunk('IHDR', ihdr(width, height, 6)), chunk('IEND', new Uint8Array(0))]);
}

/** A JPEG APP1 EXIF segment holding one orientation entry, its TIFF header in either byte order. */
export function exifOrientationSegment(orientation: number, littleEndian = false): number[] {
  const w16 = (n: number) => (littleEndian ? [n & 0xff, n >> 8] : [n >> 8, n & 0xff]);
  const w32 = (n: number) => (littleEndian ? [...w16(n & 0xffff), ...w16(n >>> 16)] : [...w16(n >>> 16), ...w16(n & 0xffff)]);
  // TIFF header (byte order, 42, IFD0 at 8), IFD0 with one SHORT entry 0x0112 and no next IFD.
  const tiff = [...(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d]), ...w16(42), ...w32(8), ...w16(1), ...w16(0x0112), ...w16(3), ...w32(1), ...w16(orientation), 0, 0, ...w32(0)];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  return [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
}

/** `jpeg` (a whole file) with an EXIF orientation segment right after its SOI. */
export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array<ArrayBuffer> {
  const seg = exifOrientationSegment(orientation);
  const out = new Uint8Array(jpeg.length + seg.length);
  out.set(jpeg.subarray(0, 2));
  out.set(seg, 2);
  out.set(jpeg.subarray(2), 2 + seg.length);
  return out;
}

/**
 * A structurally whole JPEG without pixels: SOI, APP0 (JFIF), an optional APP1 EXIF whose TIFF
 * header is in either byte order with an orientation entry, SOF0, an SOS header and EOI.
 * readImageInfo accepts it; a decoder would not (there is no scan data and no tables).
 */
export function makeJpegHeader(width: number, height: number, orientation?: number, littleEndian = false): Uint8Array<ArrayBuffer> {
  const parts: number[] = [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  if (orientation !== undefined) parts.push(...exifOrientationSegment(orientation, littleEndian));
  parts.push(0xff, 0xc0, 0, 17, 8, (height >> 8) & 0xff, height & 0xff, (width >> 8) & 0xff, width & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1);
  parts.push(0xff, 0xda, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0);
  parts.push(0xff, 0xd9);
  return new Uint8Array(parts);
}

/**
 * A WebP header of each kind, with the dimensions encoded as that kind encodes them, in a RIFF
 * whose lengths are right: VP8 (a key frame's 10-byte header), VP8L (signature and size bits),
 * VP8X (the 10-byte canvas chunk). No pixel data follows.
 */
export function makeWebpHeader(kind: 'VP8' | 'VP8L' | 'VP8X', width: number, height: number): Uint8Array<ArrayBuffer> {
  const size = kind === 'VP8L' ? 5 : 10;
  const b = new Uint8Array(20 + size + (size & 1));
  const v = new DataView(b.buffer);
  const put = (o: number, s: string) => [...s].forEach((ch, i) => (b[o + i] = ch.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, b.length - 8, true);
  put(8, 'WEBP');
  put(12, kind.padEnd(4, ' '));
  v.setUint32(16, size, true);
  if (kind === 'VP8') {
    b.set([0x10, 0, 0, 0x9d, 0x01, 0x2a], 20); // frame tag: key frame, version 0, shown
    v.setUint16(26, width & 0x3fff, true);
    v.setUint16(28, height & 0x3fff, true);
  } else if (kind === 'VP8L') {
    b[20] = 0x2f;
    v.setUint32(21, (((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14)) >>> 0, true);
  } else {
    const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];
    b.set([...le24(width - 1), ...le24(height - 1)], 24); // after the flags byte and 3 reserved bytes
  }
  return b;
}

/** A GIF89a logical screen header and trailer (no image): what a renamed GIF starts with. */
export function makeGif(width: number, height: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, width & 0xff, (width >> 8) & 0xff, height & 0xff, (height >> 8) & 0xff, 0, 0, 0, 0x3b]);
}

/** The first `n` bytes, as a copy. */
export const truncate = (bytes: Uint8Array, n: number): Uint8Array<ArrayBuffer> => bytes.slice(0, n);

const base64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/**
 * Tiny real files that browsers and decoders read, made with ImageMagick 6.9.11 (libjpeg-turbo
 * 2.1.5, libwebp 1.2.4) and embedded as base64:
 * `convert -size 16x8 gradient:gray30-gray70 -colorspace Gray -strip -quality 40 -interlace none x.jpg`
 * (baseline, SOF0, 164 B), the same with `-interlace JPEG` (progressive, SOF2, four scans, 284 B),
 * `convert -size 16x8 gradient:gray30-gray70 -quality 30 x.webp` (lossy VP8, 50 B) and
 * `convert -size 5x3 xc:red -define webp:lossless=true x.webp` (VP8L, 36 B).
 */
export const tinyJpeg = (): Uint8Array<ArrayBuffer> =>
  base64('/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABQODxIPDRQSEBIXFRQYHjIhHhwcHj0sLiQySUBMS0dARkVQWnNiUFVtVkVGZIhlbXd7gYKBTmCNl4x9lnN+gXz/wAALCAAIABABAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/EABYQAAMAAAAAAAAAAAAAAAAAAAAVYv/aAAgBAQAAPwAtkLZP/9k=');
export const tinyProgressiveJpeg = (): Uint8Array<ArrayBuffer> =>
  base64(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABQODxIPDRQSEBIXFRQYHjIhHhwcHj0sLiQySUBMS0dARkVQWnNiUFVtVkVGZIhlbXd7gYKBTmCNl4x9lnN+gXz/wgALCAAIABABAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAAAAE//8QAFRABAQAAAAAAAAAAAAAAAAAAABP/2gAIAQEAAQUCmm//xAAUEAEAAAAAAAAAAAAAAAAAAAAQ/9oACAEBAAY/Aj//xAAVEAEBAAAAAAAAAAAAAAAAAAAAcf/aAAgBAQABPyGUv//aAAgBAQAAABA//8QAFBABAAAAAAAAAAAAAAAAAAAAEP/aAAgBAQABPxAD/9k=',
  );
export const tinyWebp = (): Uint8Array<ArrayBuffer> => base64('UklGRioAAABXRUJQVlA4IB4AAACQAQCdASoQAAgABABoJaQAAuab25AA/iaOTYUAAAA=');
export const tinyWebpLossless = (): Uint8Array<ArrayBuffer> => base64('UklGRhwAAABXRUJQVlA4TA8AAAAvBIAAAAcQ/Y/+ByKi/wEA');
