/**
 * An uploaded image as a vector file embeds it: PNG and upright JPEG bytes as they are (the upload
 * itself, at full resolution); WebP, and a JPEG whose EXIF orientation turns it, decoded once and
 * written as a lossless PNG of the same pixels, turned upright as every renderer shows it (PDF
 * and SVG readers do not apply EXIF, and PDF has no WebP). Never resampled.
 */
import type * as NapiCanvas from '@napi-rs/canvas';
import { readImageInfo } from '../../../core/files/sniff.js';

export interface Embeddable {
  type: 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** `c`: the server's loaded @napi-rs/canvas (src/server/canvas.ts), for the images that need decoding. */
export async function embeddable(bytes: Uint8Array, key: string, c: typeof NapiCanvas): Promise<Embeddable> {
  const r = readImageInfo(bytes);
  if (!r.ok) throw new Error(`vector print: image ${key} is not a readable PNG, JPEG or WebP (${r.reason})`);
  const { type, width, height, orientation } = r.info;
  if (type === 'image/png' || (type === 'image/jpeg' && orientation === 1)) return { type, bytes, width, height };
  const img = await c.loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (img.width !== width || img.height !== height) {
    throw new Error(`vector print: image ${key} decodes as ${img.width} × ${img.height} px, its header says ${width} × ${height}`);
  }
  const canvas = c.createCanvas(width, height);
  canvas.getContext('2d').drawImage(img, 0, 0);
  const png = await canvas.encode('png');
  return { type: 'image/png', bytes: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width, height };
}
