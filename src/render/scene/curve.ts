/**
 * Text on a circular arc (SPEC §2 `curve`) as pure geometry, shared by every renderer (the Konva
 * preview, the raster print and mockups, the vector PDF and SVG files): each places glyph by glyph
 * where these functions say, so all of them draw the same arc. No DOM, no canvas: the caller
 * measures the glyphs.
 *
 * Conventions, in the text's own units with y pointing down (as on a canvas):
 * - `curve` is the angle in degrees (-360..360) the baseline sweeps. Positive arches upward (the
 *   circle's centre lies below the text), negative bends downward (centre above), 0 is straight.
 * - Arc length is kept: every glyph keeps its advance along the baseline, so a line is as long bent
 *   as straight and its radius is `width / angle`.
 * - A glyph is a grapheme cluster. It is placed by its pen origin (the left end of its advance, on
 *   the baseline) and turned by `rotation`, in radians, clockwise (canvas `rotate`): draw it with
 *   `translate(x, y); rotate(rotation); fillText(glyph, 0, 0)` (alphabetic baseline, left aligned).
 *   Its advance is centred on the arc, tangent there.
 *
 * Several lines are concentric arcs around one centre: the widest line sweeps `curve`, each next
 * line lies one line height further down (inside a positive arc, outside a negative one), so the
 * lines keep their spacing as on a badge. Alignment is by angle: `center` centres each line on the
 * arc's axis, `left` starts every line where the widest one starts, `right` ends them together.
 */

export interface ArcGlyph {
  /** Pen origin: the left end of the glyph's advance, on its baseline. */
  x: number;
  y: number;
  /** Turn of the baseline at the glyph, radians, clockwise. */
  rotation: number;
}

const RAD = Math.PI / 180;
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** Radius of the arc on which a baseline `width` long sweeps `curve` degrees; Infinity when straight. */
export function arcRadius(width: number, curve: number): number {
  return curve === 0 || !(width > 0) ? Infinity : width / (Math.abs(curve) * RAD);
}

/**
 * Places the glyphs of one line (their advances `widths`, in order) on an arc through (0, 0), the
 * centre of the straight baseline, which becomes the arc's apex (its top for a positive curve, its
 * bottom for a negative one). The circle's centre is at (0, radius) for a positive curve and
 * (0, -radius) for a negative one. `radius` defaults to the one on which the line sweeps `curve`
 * degrees; `shift` moves the line's middle along the arc (arc length, positive to the right).
 */
export function layoutOnArc(widths: readonly number[], curve: number, radius = arcRadius(sum(widths), curve), shift = 0): ArcGlyph[] {
  const s = Math.sign(curve);
  const straight = s === 0 || !Number.isFinite(radius);
  let pen = shift - sum(widths) / 2;
  return widths.map((w) => {
    const mid = pen + w / 2;
    pen += w;
    if (straight) return { x: mid - w / 2, y: 0, rotation: 0 };
    const phi = mid / radius;
    const rotation = s * phi;
    const cx = radius * Math.sin(phi);
    const cy = s * radius * (1 - Math.cos(phi));
    return { x: cx - (w / 2) * Math.cos(rotation), y: cy - (w / 2) * Math.sin(rotation), rotation };
  });
}

export interface ArcTextInput {
  /** Advance of each glyph (grapheme), line by line. */
  lines: readonly (readonly number[])[];
  curve: number;
  lineHeight: number;
  align: 'left' | 'center' | 'right';
  /** How far a glyph's box reaches above and below its baseline (the line box, so the box of a
   *  text at curve 0 is the straight block's box). */
  above: number;
  below: number;
}

export interface ArcText {
  /** Per line, per glyph: origin and rotation, in the frame where the first line's apex is (0, 0). */
  glyphs: ArcGlyph[][];
  /** The box around every glyph's box, in the same frame: centre it to place the text. */
  box: { x: number; y: number; width: number; height: number };
}

/** Lays a whole text block out on concentric arcs (see the module comment) and measures its box. */
export function layoutTextOnArc({ lines, curve, lineHeight, align, above, below }: ArcTextInput): ArcText {
  const s = Math.sign(curve);
  const lineWidths = lines.map(sum);
  const widest = Math.max(0, ...lineWidths);
  const r0 = arcRadius(widest, curve);
  const half = (Math.abs(curve) * RAD) / 2; // half the angle the widest line sweeps
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const glyphs = lines.map((widths, i) => {
    // Concentric: line i is i line heights from the first, towards the centre for a positive curve
    // (kept off the centre itself, where a huge curve with many lines would otherwise take it).
    const r = Number.isFinite(r0) ? Math.max(r0 - s * i * lineHeight, lineHeight / 2) : Infinity;
    const apex = Number.isFinite(r) ? s * (r0 - r) : i * lineHeight;
    const edge = Number.isFinite(r) ? half * r : widest / 2; // arc length from the axis to where the widest line starts
    const w = lineWidths[i]!;
    const shift = align === 'left' ? w / 2 - edge : align === 'right' ? edge - w / 2 : 0;
    return layoutOnArc(widths, curve, r, shift).map((g, j) => {
      const out = { x: g.x, y: g.y + apex, rotation: g.rotation };
      const cos = Math.cos(g.rotation);
      const sin = Math.sin(g.rotation);
      for (const [u, v] of [[0, -above], [widths[j]!, -above], [0, below], [widths[j]!, below]] as const) {
        const x = out.x + u * cos - v * sin;
        const y = out.y + u * sin + v * cos;
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
      return out;
    });
  });
  const box = minX === Infinity ? { x: 0, y: 0, width: 0, height: 0 } : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
  return { glyphs, box };
}

let segmenter: Intl.Segmenter | undefined;

/** The glyphs a line is laid out by: its grapheme clusters (an emoji with modifiers stays whole). */
export function graphemesOf(line: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(line), (g) => g.segment);
}
