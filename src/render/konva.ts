/**
 * The parts of Konva we draw with, imported module by module. `konva/lib/Core` would also bring
 * Tween, Easings, Animation and FastLayer (≈ 9 KB minified) into the drop-in bundle, and nothing
 * here animates. Every renderer (preview, print, mockup, the Node backend) imports Konva from here,
 * so there is one Konva, one canvas factory.
 */
export { Konva as Global } from 'konva/lib/Global';
export { Util } from 'konva/lib/Util';
export { Node } from 'konva/lib/Node';
export { Stage } from 'konva/lib/Stage';
export { Layer } from 'konva/lib/Layer';
export { Group } from 'konva/lib/Group';
export { Shape } from 'konva/lib/Shape';
export type { Context } from 'konva/lib/Context';
