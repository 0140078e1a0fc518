import type { SceneArea } from '../../scene/scene.js';

const round = (mm: number) => Math.round(mm * 1e6) / 1e6;

/** An area's print size in millimetres (exact for mm, 25.4 per inch, to the nanometre). */
export function printMm(print: SceneArea['print']): { width: number; height: number } {
  const k = print.unit === 'mm' ? 1 : 25.4;
  return { width: round(print.width * k), height: round(print.height * k) };
}
