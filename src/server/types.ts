/** The public types of `product-customizer/server`'s renderer, importable without @napi-rs/canvas. */
import type { Issue } from '../core/index.js';

export interface RenderOptions {
  /**
   * The folder (a path, a `file:` or an `http(s):` URL) the product's relative layer, font and image
   * URLs resolve under (through the product's own relative `assetsBase`); nothing outside it is read.
   */
  assetsBase?: string;
  /** Origins absolute asset URLs (and a product's absolute `assetsBase`) may be read from, e.g. `['https://cdn.example.com']`. Default: none. */
  allowOrigins?: readonly string[];
  /**
   * Read an asset yourself (from a CDN, a bucket, a cache): it receives only URLs the policy above
   * allows (or, without `assetsBase`, a relative URL as the product wrote it). Default: `file:` from
   * disk (symlinks out of the folder refused), `http(s):` with fetch (redirects checked).
   */
  loadAsset?: (url: string, signal?: AbortSignal) => Promise<Uint8Array>;
  /** Also render a mockup of each view, this many pixels wide. */
  views?: { width: number };
  signal?: AbortSignal;
  /**
   * The font file (a path) a product that declares no font prints its texts in, in the PNG and as
   * outlines in PDF/SVG. Default: the machine's sans-serif as fontconfig names it (`fc-match
   * sans-serif`); name a file to print the same on every server; `false` for none (PNG texts then
   * take the canvas's own sans-serif, and PDF/SVG refuse them with a `VectorFontError`).
   */
  fallbackFont?: string | false;
}

export type PrintFormat = 'png' | 'pdf' | 'svg';
export const PRINT_FORMATS: readonly PrintFormat[] = ['png', 'pdf', 'svg'];

/**
 * One print file (SPEC §8). `width` × `height` are the area's print pixels at `dpi` (a PNG's own
 * size; what a PDF or SVG page holds at that dpi), `widthMm` × `heightMm` its physical size (a
 * PDF's or SVG's page).
 */
export interface PrintFile {
  /** "view.area" */
  area: string;
  key: string;
  format: PrintFormat;
  bytes: Uint8Array;
  width: number;
  height: number;
  dpi: number;
  widthMm: number;
  heightMm: number;
  /** A PNG print file's bytes (the same as `bytes`), as before formats existed. */
  png?: Uint8Array;
}
export interface PngPrintFile extends PrintFile {
  format: 'png';
  png: Uint8Array;
}
export interface MockupFile { view: string; key: string; png: Uint8Array; width: number; height: number }
export interface RenderResult<F extends PrintFile = PrintFile> extends Array<F> {
  /** Mockups of each view, when `options.views` asked for them. */
  mockups?: MockupFile[];
}

/** The order does not verify (or the product is invalid): nothing was rendered. */
export class PrintRefusedError extends Error {
  constructor(message: string, readonly issues: Issue[]) {
    super(message);
    this.name = 'PrintRefusedError';
  }
}
