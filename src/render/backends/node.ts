/**
 * Konva on @napi-rs/canvas (prebuilt Skia, no native build step), the same way Konva's own
 * canvas and skia backends plug in: canvases and images come from this module's factories.
 * Import it before drawing anything in Node.
 */
import { Global as Konva, Util } from '../konva.js';
import { createCanvas, DOMMatrix, Image, Path2D } from '@napi-rs/canvas';

const g = globalThis as Record<string, unknown>;
g.DOMMatrix ??= DOMMatrix;
g.Path2D ??= Path2D;

Util.createCanvasElement = () => {
  // Konva sets `canvas.style.*` on the canvases it creates; a Node canvas has no style object.
  const node = createCanvas(300, 300) as unknown as Record<string, unknown>;
  if (!node.style) node.style = {};
  return node as unknown as HTMLCanvasElement;
};
Util.createImageElement = () => new Image() as unknown as HTMLImageElement;
(Konva as unknown as { _renderBackend: string })._renderBackend = 'napi-rs-canvas';

export default Konva;
