/**
 * A text item as glyph outlines from the product's own font file (fontkit reads ttf, woff and
 * woff2), so the printer needs no font. The block is laid out by the raster renderer's own
 * `layoutText` (src/render/shapes.ts: its line widths, 1.15-em line boxes and baseline, measured
 * with the same font), so alignment and line placement match the PNG print; within a line each
 * glyph sits where fontkit's shaping puts it (kerning, ligatures).
 */
import type { Font, GlyphRun } from 'fontkit';
import { layoutCurvedText, layoutText } from '../../shapes.js';
import type { SceneText } from '../../scene/scene.js';
import { apply, chain, rotate, scale, translate } from './path.js';
import type { Seg } from './path.js';
import { VectorFontError } from './errors.js';

/** Reads a font file with fontkit's `create` (a collection gives its first face). */
export function openFont(create: typeof import('fontkit').create, bytes: Uint8Array, label: string, component: string): Font {
  let f;
  try {
    f = create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new VectorFontError(`font ${label} cannot be read as ttf, woff or woff2: ${(e as Error).message}`, 'unreadable-font', component, label);
  }
  const face = 'fonts' in f ? f.fonts[0] : f;
  if (!face) throw new VectorFontError(`font ${label} holds no font face`, 'unreadable-font', component, label);
  return face;
}

const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}]/u;

/** Characters of `lines` the font has no glyph for (each once, in order): they would print as nothing or as boxes. */
export function missingGlyphs(font: Font, lines: readonly string[]): string[] {
  const missing = new Set<string>();
  for (const line of lines) for (const ch of line) if (!INVISIBLE.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.add(ch);
  return [...missing];
}

/** One glyph run's outlines, its pen starting at (x, baseline), in pixels of a `fontSize` font (y down). */
function runOutlines(font: Font, run: GlyphRun, x: number, baseline: number, fontSize: number): Seg[] {
  const k = fontSize / font.unitsPerEm;
  const out: Seg[] = [];
  let pen = 0;
  run.glyphs.forEach((glyph, i) => {
    const p = run.positions[i]!;
    const m = chain(translate(x + (pen + p.xOffset) * k, baseline - p.yOffset * k), scale(k, -k));
    out.push(...apply(m, fontkitSegs(glyph.path.commands)));
    pen += p.xAdvance;
  });
  return out;
}

/** fontkit's path commands as absolute segments, quadratic curves raised to cubic ones (exactly). */
export function fontkitSegs(commands: readonly { command: string; args: number[] }[]): Seg[] {
  const out: Seg[] = [];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  for (const { command, args: a } of commands) {
    switch (command) {
      case 'moveTo':
        out.push(['M', a[0]!, a[1]!]);
        [cx, cy, sx, sy] = [a[0]!, a[1]!, a[0]!, a[1]!];
        break;
      case 'lineTo':
        out.push(['L', a[0]!, a[1]!]);
        [cx, cy] = [a[0]!, a[1]!];
        break;
      case 'quadraticCurveTo': {
        const [qx, qy, x, y] = a as [number, number, number, number];
        out.push(['C', cx + (2 / 3) * (qx - cx), cy + (2 / 3) * (qy - cy), x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y), x, y]);
        [cx, cy] = [x, y];
        break;
      }
      case 'bezierCurveTo':
        out.push(['C', a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!]);
        [cx, cy] = [a[4]!, a[5]!];
        break;
      case 'closePath':
        out.push(['Z']);
        [cx, cy] = [sx, sy];
        break;
      default:
        throw new Error(`vector print: unknown glyph path command ${command}`);
    }
  }
  return out;
}

export interface TextBlock {
  /** Outlines in the block's own coordinates: origin at its top-left, pixels of `fontSize`, y down. */
  segs: Seg[];
  width: number;
  height: number;
}

/**
 * The outlines of a text item's lines at `fontSize`, laid out as the raster renderer does
 * (`fontFamily` is the CSS family the raster draws with, the same font file registered). A curved
 * text is placed grapheme by grapheme where the raster's `layoutCurvedText` (the shared arc layout
 * of src/render/scene/curve.ts) puts each one: pen origin and turn.
 */
export function textBlock(text: Pick<SceneText, 'lines' | 'align' | 'curve'>, font: Font, fontFamily: string, fontSize: number): TextBlock {
  if (text.curve) {
    const C = layoutCurvedText(text, fontFamily, fontSize);
    const segs: Seg[] = [];
    for (const g of C.glyphs.flat()) {
      segs.push(...apply(chain(translate(g.x, g.y), rotate((g.rotation * 180) / Math.PI)), runOutlines(font, font.layout(g.text), 0, 0, fontSize)));
    }
    return { segs, width: C.width, height: C.height };
  }
  const L = layoutText(text.lines, fontFamily, fontSize);
  const segs: Seg[] = [];
  text.lines.forEach((line, i) => {
    const free = L.width - L.widths[i]!;
    const x = text.align === 'right' ? free : text.align === 'center' ? free / 2 : 0;
    segs.push(...runOutlines(font, font.layout(line), x, L.baseline + i * L.lineHeight, fontSize));
  });
  return { segs, width: L.width, height: L.height };
}
