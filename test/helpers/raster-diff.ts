/**
 * How a print shop sees a vector print file: drawn by poppler (`pdftoppm`) or librsvg
 * (`rsvg-convert`) at the PNG print's pixel size, then compared with the PNG print, both composed
 * on white (a PDF page is drawn on white), as the mean absolute difference over R, G and B (0..1).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface Rgb {
  width: number;
  height: number;
  /** R, G, B per pixel, composed on white. */
  data: Uint8Array;
}

/** A PNG's pixels composed on white. */
export async function onWhite(png: Uint8Array): Promise<Rgb> {
  const img = await loadImage(Buffer.from(png));
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, img.width, img.height);
  ctx.drawImage(img, 0, 0);
  const rgba = ctx.getImageData(0, 0, img.width, img.height).data;
  const data = new Uint8Array(img.width * img.height * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    data[j] = rgba[i]!;
    data[j + 1] = rgba[i + 1]!;
    data[j + 2] = rgba[i + 2]!;
  }
  return { width: img.width, height: img.height, data };
}

/** Mean absolute difference of two same-size images, 0 (identical) to 1. */
export function meanDifference(a: Rgb, b: Rgb): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`sizes differ: ${a.width} × ${a.height} and ${b.width} × ${b.height}`);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length / 255;
}

/** An all-white image of a size: what the difference is measured against to show a print has content. */
export const white = (width: number, height: number): Rgb => ({ width, height, data: new Uint8Array(width * height * 3).fill(255) });

function inTemp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pc-vector-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A PDF's first page drawn by poppler at `width × height` pixels. */
export function pdfToPng(pdf: Uint8Array, width: number, height: number): Uint8Array {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-singlefile', '-scale-to-x', String(width), '-scale-to-y', String(height), join(dir, 'in.pdf'), join(dir, 'out')]);
    return new Uint8Array(readFileSync(join(dir, 'out.png')));
  });
}

/** An SVG drawn by librsvg at `width × height` pixels. */
export function svgToPng(svg: Uint8Array, width: number, height: number): Uint8Array {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'in.svg'), svg);
    execFileSync('rsvg-convert', ['-w', String(width), '-h', String(height), '-o', join(dir, 'out.png'), join(dir, 'in.svg')]);
    return new Uint8Array(readFileSync(join(dir, 'out.png')));
  });
}

/** Runs a poppler tool on a PDF and returns what it prints (pdfinfo, pdffonts, pdfimages -list). */
export function popplerTool(tool: 'pdfinfo' | 'pdffonts' | 'pdfimages', pdf: Uint8Array, ...args: string[]): string {
  return inTemp((dir) => {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    return execFileSync(tool, [...args, join(dir, 'in.pdf')], { encoding: 'utf8' });
  });
}
