/**
 * The parts of Konva we draw with, imported module by module, and used through Konva's public API
 * only (no subclass overriding its sizing, no build-time patches of its modules): a Stage holds the
 * preview's layers; no Text, Image or Transformer (src/render/shapes.ts, preview/handles.ts), and
 * not `konva/lib/Core`, which also brings Tween, Animation and FastLayer. Konva's modules register
 * themselves on import, so a bundler keeps whatever is imported. Every renderer (preview, print,
 * mockup, the Node backend) imports Konva from here: one Konva, one canvas factory.
 */
export { Konva as Global } from 'konva/lib/Global';
export { Util } from 'konva/lib/Util';
export { Layer } from 'konva/lib/Layer';
export { Stage } from 'konva/lib/Stage';
export { Group } from 'konva/lib/Group';
export { Shape } from 'konva/lib/Shape';
export type { Context } from 'konva/lib/Context';
