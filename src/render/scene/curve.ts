/**
 * Text on a circular arc (SPEC §2 `curve`) as pure geometry, shared by every renderer (the Konva
 * preview, the raster print and mockups, the vector PDF and SVG files): each places glyph by glyph
 * where these functions say, so all of them draw the same arc. No DOM, no canvas: the caller
 * measures the glyphs.
 *
 * Conventions, in the text's own units with y pointing down (as on a canvas):
 * - `curve` is the angle in degrees (-360..360) the baseline sweeps. Positive arches upward (the
 *   circle's centre lies below the text), negative bends downward (centre above), 0 is straight.
 * - Arc length is kept on the letters' inner side, where bending would crowd them: every glyph
 *   keeps its advance along the baseline of an upward arc (its tops fan out), and along the top of
 *   the capitals of a downward one (its baseline fans out), on a circle of radius `width / angle`.
 *   So letters are never closer than straight, in either direction. Every radius sweeps the same
 *   angle: the baseline sweeps `curve`.
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

export interface ArcOptions {
  /** Radius at which advances keep their length; default: the one on which the line sweeps `curve`. */
  radius?: number;
  /** Moves the line's middle along the arc (arc length at `radius`, positive to the right). */
  shift?: number;
  /** Height above the baseline at which advances keep their length (0: the baseline itself). */
  rise?: number;
}

/**
 * Places the glyphs of one line (their advances `widths`, in order) on an arc whose apex (its top
 * for a positive curve, its bottom for a negative one) is (0, 0), the middle of the straight
 * baseline. The circle's centre is below it for a positive curve, above it for a negative one, at
 * the baseline's radius, `radius − rise` (positive) or `radius + rise` (negative).
 */
export function layoutOnArc(widths: readonly number[], curve: number, { radius = arcRadius(sum(widths), curve), shift = 0, rise = 0 }: ArcOptions = {}): ArcGlyph[] {
  const s = Math.sign(curve);
  const straight = s === 0 || !Number.isFinite(radius);
  // The baseline's radius; a tiny positive circle with tall letters has its baseline at the centre.
  const base = Math.max(0, radius - s * rise);
  let pen = shift - sum(widths) / 2;
  return widths.map((w) => {
    const mid = pen + w / 2;
    pen += w;
    if (straight) return { x: mid - w / 2, y: 0, rotation: 0 };
    const phi = mid / radius;
    const rotation = s * phi;
    const cx = base * Math.sin(phi);
    const cy = s * base * (1 - Math.cos(phi));
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
  /** Height of the capitals above the baseline: a downward arc keeps its spacing there. */
  capHeight: number;
}

export interface ArcText {
  /** Per line, per glyph: origin and rotation, in the frame where the first line's apex is (0, 0). */
  glyphs: ArcGlyph[][];
  /** The box around every glyph's box, in the same frame: centre it on the item's (x, y) to place the text. */
  box: { x: number; y: number; width: number; height: number };
  /** The corners of every glyph's box, in the same frame: what has to fit in the print area. */
  corners: { x: number; y: number }[];
}

/**
 * Lays a whole text block out on concentric arcs (see the module comment) and measures its box.
 * With the line box of src/render/shapes.ts `layoutText` (`above` = its `baseline`, `below` =
 * `lineHeight - baseline`) the box at curve 0 is the straight block's box, so a text does not jump
 * when it starts to bend; `layoutCurvedText` there does exactly this for the raster renderers.
 */
export function layoutTextOnArc({ lines, curve, lineHeight, align, above, below, capHeight }: ArcTextInput): ArcText {
  const s = Math.sign(curve);
  const lineWidths = lines.map(sum);
  const widest = Math.max(0, ...lineWidths);
  const r0 = arcRadius(widest, curve);
  const rise = s < 0 ? capHeight : 0; // the letters' inner side, where they keep their spacing
  const base0 = r0 - s * rise;
  const half = (Math.abs(curve) * RAD) / 2; // half the angle the widest line sweeps
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const corners: { x: number; y: number }[] = [];
  const glyphs = lines.map((widths, i) => {
    // Concentric: line i's baseline is i line heights from the first one's, towards the centre for a
    // positive curve (never past the centre, where a huge curve with many lines would take it).
    const base = Math.max(0, base0 - s * i * lineHeight);
    const r = Number.isFinite(r0) ? Math.max(base + s * rise, lineHeight / 4) : Infinity;
    const apex = Number.isFinite(r) ? s * (base0 - base) : i * lineHeight;
    const edge = Number.isFinite(r) ? half * r : widest / 2; // arc length from the axis to where the widest line starts
    const w = lineWidths[i]!;
    const shift = align === 'left' ? w / 2 - edge : align === 'right' ? edge - w / 2 : 0;
    return layoutOnArc(widths, curve, { radius: r, shift, rise: Number.isFinite(r) ? s * (r - base) : 0 }).map((g, j) => {
      const out = { x: g.x, y: g.y + apex, rotation: g.rotation };
      const cos = Math.cos(g.rotation);
      const sin = Math.sin(g.rotation);
      for (const [u, v] of [[0, -above], [widths[j]!, -above], [0, below], [widths[j]!, below]] as const) {
        const x = out.x + u * cos - v * sin;
        const y = out.y + u * sin + v * cos;
        corners.push({ x, y });
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
      return out;
    });
  });
  const box = minX === Infinity ? { x: 0, y: 0, width: 0, height: 0 } : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
  return { glyphs, box, corners };
}

let segmenter: Intl.Segmenter | undefined;

/** The glyphs a line is laid out by: its grapheme clusters (an emoji with modifiers stays whole). */
export function graphemesOf(line: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(line), (g) => g.segment);
}
