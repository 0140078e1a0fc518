/**
 * Konva on @napi-rs/canvas (prebuilt Skia, no native build step), the same way Konva's own
 * canvas and skia backends plug in: canvases and images come from this module's factories.
 * The canvas module is handed in (the server loads it on the first render: it is an optional peer).
 */
import type * as NapiCanvas from '@napi-rs/canvas';
import { Global as Konva, Util } from '../konva.js';

export function installNodeBackend(c: typeof NapiCanvas): typeof Konva {
  const g = globalThis as Record<string, unknown>;
  g.DOMMatrix ??= c.DOMMatrix;
  g.Path2D ??= c.Path2D;
  Util.createCanvasElement = () => {
    // Konva sets `canvas.style.*` on the canvases it creates; a Node canvas has no style object.
    const node = c.createCanvas(300, 300) as unknown as Record<string, unknown>;
    if (!node.style) node.style = {};
    return node as unknown as HTMLCanvasElement;
  };
  Util.createImageElement = () => new c.Image() as unknown as HTMLImageElement;
  (Konva as unknown as { _renderBackend: string })._renderBackend = 'napi-rs-canvas';
  return Konva;
}
