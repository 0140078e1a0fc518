/**
 * An area's width : height is its print's width : height (SPEC §2, within 1 %). The studio keeps
 * them locked: the area's shape drives the print height, a print size (typed or a preset) drives
 * the area's height, so what the shopper places is where it prints.
 */
import type { Doc } from './store.js';

const sig = (n: number) => Number(n.toPrecision(4));

/** Print sizes of common products (width × height), for the area inspector's presets. */
export const PRINT_PRESETS: { id: string; label: string; print: { width: number; height: number; unit: 'in' | 'mm'; dpi: number } }[] = [
  { id: 'mug-11oz', label: 'Mug wrap 11 oz — 8.5 × 3.5 in', print: { width: 8.5, height: 3.5, unit: 'in', dpi: 300 } },
  { id: 'mug-15oz', label: 'Mug wrap 15 oz — 8.8 × 3.9 in', print: { width: 8.8, height: 3.9, unit: 'in', dpi: 300 } },
  { id: 'tee-chest', label: 'T-shirt front — 12 × 15.5 in', print: { width: 12, height: 15.5, unit: 'in', dpi: 300 } },
  { id: 'tee-back', label: 'T-shirt upper back — 12 × 10.5 in', print: { width: 12, height: 10.5, unit: 'in', dpi: 300 } },
  { id: 'a4', label: 'A4 portrait — 210 × 297 mm', print: { width: 210, height: 297, unit: 'mm', dpi: 300 } },
  { id: 'a5', label: 'A5 portrait — 148 × 210 mm', print: { width: 148, height: 210, unit: 'mm', dpi: 300 } },
  { id: 'square-10', label: 'Square — 10 × 10 cm', print: { width: 100, height: 100, unit: 'mm', dpi: 300 } },
  { id: 'tag-38', label: 'Round tag — 38 × 38 mm', print: { width: 38, height: 38, unit: 'mm', dpi: 600 } },
];

export interface Box { x: number; y: number; width: number; height: number }

/** The area with a new box; its print height follows the new width : height (print width kept). */
export function withBox(area: Doc, box: Box): Doc {
  const b = { x: Math.round(box.x), y: Math.round(box.y), width: Math.max(1, Math.round(box.width)), height: Math.max(1, Math.round(box.height)) };
  const print = area.print && typeof area.print.width === 'number' ? { ...area.print, height: sig((area.print.width * b.height) / b.width) } : area.print;
  return { ...area, ...b, ...(print !== undefined && { print }) };
}

/** The area with one print dimension typed: the other follows the area's width : height. */
export function withPrintSide(area: Doc, side: 'width' | 'height', value: number): Doc {
  const ratio = area.width / area.height;
  const print = { ...area.print, [side]: value };
  if (side === 'width') print.height = sig(value / ratio);
  else print.width = sig(value * ratio);
  return { ...area, print };
}

/** The area with a whole print size (a preset): the area's height follows, its width and centre kept. */
export function withPrint(area: Doc, print: Doc): Doc {
  const height = Math.max(1, Math.round((area.width * print.height) / print.width));
  const y = Math.round(area.y + (area.height - height) / 2);
  return { ...area, y, height, print: { ...print } };
}

/** A new area's print: 10 (in) wide, in the box's proportions. */
export function printFor(box: Box): Doc {
  return { width: 10, height: sig((10 * box.height) / box.width), unit: 'in', dpi: 300 };
}

/** Whether the area's shape and print agree within SPEC §2's 1 %. */
export function proportionsAgree(area: Doc): boolean {
  if (!area?.print || !(area.width > 0 && area.height > 0 && area.print.width > 0 && area.print.height > 0)) return true;
  return Math.abs(area.width / area.height / (area.print.width / area.print.height) - 1) <= 0.01;
}
