/**
 * `product-customizer/server` (Node): re-verifies orders and renders print-ready files with no
 * browser. `verifyOrder` needs nothing beyond the package; the renderer (./render.ts: Konva on
 * @napi-rs/canvas, an optional peer dependency, SPEC §1) loads the canvas package on the first
 * render, and without it `renderPrintFiles` and `renderMockups` reject with an error that names the
 * package and its install command.
 */
import { createHash } from 'node:crypto';
import { useSha256 } from '../core/files/sha256.js';

// verifyOrder hashes every upload: with node:crypto on the calling thread, not Web Crypto's worker hand-off.
useSha256((bytes) => createHash('sha256').update(bytes).digest('hex'));

export { verifyOrder } from '../core/index.js';
export type { VerifyResult, OrderFiles, Issue } from '../core/index.js';
export { printPixels } from '../render/print/print.js';
export { AssetError } from './assets.js';
export type { AssetErrorCode } from './assets.js';
export { VectorFontError } from '../render/print/vector/errors.js';
export { PRINT_FORMATS, PrintRefusedError } from './types.js';
export type { MockupFile, PngPrintFile, PrintFile, PrintFormat, RenderOptions, RenderResult } from './types.js';

export { renderMockups, renderPrintFiles } from './render.js';
