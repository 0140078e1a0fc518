/**
 * The font texts are drawn with when the product declares none: one file, registered with the
 * canvas for the PNG and read by fontkit for the PDF/SVG outlines, so all three print the same
 * letters. By default the machine's sans-serif as fontconfig names it; a deployer may name a file
 * (the same on every server: the same bytes everywhere) or none (`false`).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { canvas } from './canvas.js';
import { systemSansSerif } from '../render/print/vector/system-font.js';

export interface FallbackFont {
  /** The family it is registered under (never a product's: it is named after the file). */
  family: string;
  file: string;
}

const registered = new Map<string, string>();

/** The fallback font for `option` (a path, `false` for none, default: the system's), registered once per file. */
export function fallbackFont(option: string | false | undefined): FallbackFont | undefined {
  if (option === false) return undefined;
  const file = option ?? systemSansSerif();
  if (file === undefined) return undefined;
  let family = registered.get(file);
  if (!family) {
    if (!existsSync(file)) throw new Error(`fallbackFont: no font file at ${file}`);
    family = `product-customizer fallback ${createHash('sha256').update(file).digest('hex').slice(0, 12)}`;
    if (!canvas().GlobalFonts.registerFromPath(file, family)) throw new Error(`fallbackFont: ${file} cannot be read as a font`);
    registered.set(file, family);
  }
  return { family, file };
}
