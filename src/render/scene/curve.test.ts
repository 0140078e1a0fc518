import { expect } from 'chai';
import { arcRadius, graphemesOf, layoutOnArc, layoutTextOnArc } from './curve.js';

const close = (a: number, b: number, eps = 1e-9) => expect(Math.abs(a - b), `${a} ≈ ${b}`).to.be.below(eps);
/** Where a glyph's advance ends, from its origin along its rotation. */
const end = (g: { x: number; y: number; rotation: number }, w: number) => ({ x: g.x + w * Math.cos(g.rotation), y: g.y + w * Math.sin(g.rotation) });
const centre = (g: { x: number; y: number; rotation: number }, w: number) => end(g, w / 2);

describe('curve: text on an arc', () => {
  const widths = [10, 20, 10, 20, 10, 20, 10];

  it('at curve 0 lays the glyphs on the straight baseline, centred on (0, 0)', () => {
    const g = layoutOnArc(widths, 0);
    expect(g.map((x) => x.x)).to.deep.equal([-50, -40, -20, -10, 10, 20, 40]);
    expect(g.every((x) => x.y === 0 && x.rotation === 0)).to.equal(true);
  });

  it('a positive curve arches upward: the middle is the highest point, the ends go down and turn outward', () => {
    const g = layoutOnArc(widths, 90);
    const mid = centre(g[3]!, 20);
    close(mid.x, 0); // the middle glyph's centre is the apex
    close(mid.y, 0);
    close(g[3]!.rotation, 0);
    expect(g[0]!.y).to.be.above(5);
    expect(g[6]!.y).to.be.above(5);
    expect(g[0]!.rotation).to.be.below(0); // left end turned anticlockwise
    expect(g[6]!.rotation).to.be.above(0);
    // Symmetric about the axis.
    close(centre(g[0]!, 10).x, -centre(g[6]!, 10).x);
    close(centre(g[0]!, 10).y, centre(g[6]!, 10).y);
    close(g[0]!.rotation, -g[6]!.rotation);
  });

  it('a negative curve bends downward: the mirror image, ends above the middle', () => {
    const up = layoutOnArc(widths, 120);
    const down = layoutOnArc(widths, -120);
    up.forEach((g, i) => {
      close(down[i]!.x, g.x);
      close(down[i]!.y, -g.y);
      close(down[i]!.rotation, -g.rotation);
    });
    expect(down[0]!.y).to.be.below(-5);
  });

  it('keeps arc length: the baseline sweeps exactly `curve` degrees, glyph centres on one circle', () => {
    const total = 100;
    const r = arcRadius(total, 180);
    close(r, total / Math.PI);
    const g = layoutOnArc(widths, 180);
    // The first glyph starts tangent to the circle at −90°, the last one ends at +90°.
    close(g[0]!.rotation + Math.PI / 2, 5 / r, 1e-9); // its centre is 5 (half its advance) along the arc
    // Every glyph's centre lies on the circle around (0, r).
    g.forEach((x, i) => {
      const c = centre(x, widths[i]!);
      close(Math.hypot(c.x, c.y - r), r, 1e-9);
    });
    // A full circle closes: the last glyph's end meets the first one's start side (at the bottom).
    const full = layoutOnArc([30, 30, 30, 30], 360);
    const R = arcRadius(120, 360);
    const last = end(full[3]!, 30);
    expect(Math.hypot(last.x - full[0]!.x, last.y - full[0]!.y)).to.be.below(R * 0.5);
    expect(last.y).to.be.above(R); // both near the bottom of the circle
  });

  it('keeps spacing at `rise` above the baseline: the baseline circle is smaller (positive) or larger (negative), the angles the same', () => {
    const r = arcRadius(100, 90);
    const up = layoutOnArc(widths, 90, { rise: 10 });
    const down = layoutOnArc(widths, -90, { rise: 10 });
    const plain = layoutOnArc(widths, 90);
    up.forEach((g, i) => {
      const c = centre(g, widths[i]!);
      close(Math.hypot(c.x, c.y - (r - 10)), r - 10, 1e-9);
      close(g.rotation, plain[i]!.rotation);
      const d = centre(down[i]!, widths[i]!);
      close(Math.hypot(d.x, d.y + (r + 10)), r + 10, 1e-9);
      close(down[i]!.rotation, -g.rotation);
    });
    // A text block keeps a downward arc's spacing at the top of its capitals: its baseline lies a cap
    // height further out, its capitals' tops as far apart as straight.
    const t = layoutTextOnArc({ lines: [widths], curve: -150, lineHeight: 40, align: 'center', above: 30, below: 10, capHeight: 20 });
    const R = arcRadius(100, 150);
    const apex = t.glyphs[0]![3]!; // the middle glyph, level at the bottom of the arc
    const centreY = apex.y - (R + 20); // the circle's centre, above
    t.glyphs[0]!.forEach((g, i) => close(Math.hypot(centre(g, widths[i]!).x, centre(g, widths[i]!).y - centreY), R + 20, 1e-9));
    // …and an upward one at its baseline: the same radii as layoutOnArc without rise.
    const u = layoutTextOnArc({ lines: [widths], curve: 150, lineHeight: 40, align: 'center', above: 30, below: 10, capHeight: 20 });
    const plainUp = layoutOnArc(widths, 150);
    u.glyphs[0]!.forEach((g, i) => close(g.x - u.glyphs[0]![3]!.x, plainUp[i]!.x - plainUp[3]!.x, 1e-9));
  });

  it('lays several lines on concentric arcs, the widest sweeping the curve, aligned by angle', () => {
    const lines = [[10, 10, 10, 10, 10, 10], [10, 10]];
    // An upward arc keeps its spacing at the baseline, so the radii are the baselines'.
    const base = { lines, curve: 90, lineHeight: 12, above: 9, below: 3, capHeight: 7 } as const;
    const r0 = arcRadius(60, 90);
    const centreOf = (t: ReturnType<typeof layoutTextOnArc>, l: number, j: number) => {
      const g = t.glyphs[l]![j]!;
      return { x: g.x + 5 * Math.cos(g.rotation), y: g.y + 5 * Math.sin(g.rotation) };
    };
    const c = layoutTextOnArc({ ...base, align: 'center' });
    for (let j = 0; j < 2; j++) close(Math.hypot(centreOf(c, 1, j).x, centreOf(c, 1, j).y - r0), r0 - 12, 1e-9);
    close(centreOf(c, 1, 0).x, -centreOf(c, 1, 1).x); // centred on the axis
    const left = layoutTextOnArc({ ...base, align: 'left' });
    close(left.glyphs[1]![0]!.rotation, left.glyphs[0]![0]!.rotation, 1e-9 + 5 / (r0 - 12) - 5 / r0 + 1e-12);
    expect(left.glyphs[1]![0]!.x).to.be.below(0);
    const right = layoutTextOnArc({ ...base, align: 'right' });
    expect(right.glyphs[1]![1]!.x).to.be.above(0);
    close(right.glyphs[1]![1]!.x, -left.glyphs[1]![0]!.x - 10 * Math.cos(left.glyphs[1]![0]!.rotation), 1e-9);
  });

  it('measures the box of the bent text; straight, it is the block of line boxes', () => {
    const straight = layoutTextOnArc({ lines: [[10, 20], [10]], curve: 0, lineHeight: 12, align: 'center', above: 9, below: 3, capHeight: 7 });
    expect(straight.box).to.deep.equal({ x: -15, y: -9, width: 30, height: 24 });
    const bent = layoutTextOnArc({ lines: [[20, 20, 20, 20, 20]], curve: 180, lineHeight: 12, align: 'center', above: 9, below: 3, capHeight: 7 });
    // A half circle of radius 100/π ≈ 31.8: about two radii wide, one radius tall, plus the glyph boxes.
    expect(bent.box.width).to.be.within(60, 90);
    expect(bent.box.height).to.be.within(31, 50);
    expect(bent.box.y).to.equal(-9);
  });

  it('never gives NaN, whatever the curve and lines (empty lines, zero widths, 360° with many lines)', () => {
    for (const curve of [-360, -1, 0, 1e-9, 1, 360]) {
      const t = layoutTextOnArc({ lines: [[], [0, 0], [5], [8, 8, 8], [3]], curve, lineHeight: 20, align: 'left', above: 15, below: 5, capHeight: 10 });
      const nums = [...t.glyphs.flat().flatMap((g) => [g.x, g.y, g.rotation]), t.box.x, t.box.y, t.box.width, t.box.height];
      expect(nums.every(Number.isFinite), `curve ${curve}`).to.equal(true);
    }
  });

  it('splits a line into grapheme clusters', () => {
    expect(graphemesOf('Bo👍🏽e\u0301')).to.deep.equal(['B', 'o', '👍🏽', 'é'.normalize('NFD')]);
  });
});
