/**
 * @napi-rs/canvas is an optional peer dependency of `product-customizer/server` (SPEC §1): a backend
 * that only verifies orders never loads it. The first render loads it (and plugs Konva into it);
 * when it is not installed, the error names it and its install command.
 */
import type * as NapiCanvas from '@napi-rs/canvas';
import { installNodeBackend } from '../render/backends/node.js';
import { optional } from '../render/print/vector/peers.js';

let loaded: typeof NapiCanvas | undefined;

/** Loads @napi-rs/canvas once and plugs Konva into it. */
export async function loadCanvas(): Promise<typeof NapiCanvas> {
  if (!loaded) {
    const c = await optional('@napi-rs/canvas', 'Print files and mockups', () => import('@napi-rs/canvas'));
    installNodeBackend(c);
    loaded = c;
  }
  return loaded;
}

/** The canvas module, once `loadCanvas` has run (every render starts with it). */
export function canvas(): typeof NapiCanvas {
  if (!loaded) throw new Error('product-customizer/server: @napi-rs/canvas used before loadCanvas()');
  return loaded;
}
