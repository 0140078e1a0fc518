/**
 * The parts of Konva we draw with, imported module by module: no Stage (the preview routes its
 * own pointer events), no Text, Image or Transformer (src/render/shapes.ts, preview/handles.ts),
 * and not `konva/lib/Core`, which also brings Tween, Animation and FastLayer. Konva's modules
 * register themselves on import, so a bundler keeps whatever is imported. Every renderer (preview,
 * print, mockup, the Node backend) imports Konva from here: one Konva, one canvas factory.
 */
export { Konva as Global } from 'konva/lib/Global';
export { Util } from 'konva/lib/Util';
export { Layer } from 'konva/lib/Layer';
export { Group } from 'konva/lib/Group';
export { Shape } from 'konva/lib/Shape';
export type { Context } from 'konva/lib/Context';
