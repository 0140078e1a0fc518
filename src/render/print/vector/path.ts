/**
 * The vector geometry the print files are written from: absolute path segments (moves, lines,
 * cubic Béziers) and 2-D affine matrices in Canvas/SVG order `[a, b, c, d, e, f]`
 * (x' = a·x + c·y + e, y' = b·x + d·y + f). Pure, no I/O.
 */
export type Seg = ['M', number, number] | ['L', number, number] | ['C', number, number, number, number, number, number] | ['Z'];
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m · n`: applies `n` first, then `m`. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export const translate = (x: number, y: number): Matrix => [1, 0, 0, 1, x, y];
export const scale = (sx: number, sy = sx): Matrix => [sx, 0, 0, sy, 0, 0];
export function rotate(degrees: number): Matrix {
  const r = (degrees * Math.PI) / 180;
  const c = Math.cos(r);
  const s = Math.sin(r);
  return [c, s, -s, c, 0, 0];
}

/** `m0 · m1 · …`: the last one applies first, as in a transform list. */
export const chain = (...ms: Matrix[]): Matrix => ms.reduce(multiply, IDENTITY);

/**
 * Where a box of `width × height`, centred on (x, y) and turned `rotation` degrees about its centre,
 * maps its own top-left-origin coordinates: the placement every scene item has (Konva's
 * position · rotation · offset).
 */
export const placed = (x: number, y: number, rotation: number, width: number, height: number): Matrix =>
  chain(translate(x, y), rotate(rotation), translate(-width / 2, -height / 2));

export function apply(m: Matrix, segs: readonly Seg[]): Seg[] {
  const px = (x: number, y: number) => m[0] * x + m[2] * y + m[4];
  const py = (x: number, y: number) => m[1] * x + m[3] * y + m[5];
  return segs.map((s): Seg => {
    switch (s[0]) {
      case 'M':
      case 'L':
        return [s[0], px(s[1], s[2]), py(s[1], s[2])];
      case 'C':
        return ['C', px(s[1], s[2]), py(s[1], s[2]), px(s[3], s[4]), py(s[3], s[4]), px(s[5], s[6]), py(s[5], s[6])];
      default:
        return s;
    }
  });
}

/** Kappa: the control-point distance that makes four cubic Béziers a circle (max error 0.03 %). */
const K = 0.5522847498;

/** An ellipse inscribed in the box (x, y, width, height), as four Béziers clockwise from the top. */
export function ellipse(x: number, y: number, width: number, height: number): Seg[] {
  const rx = width / 2;
  const ry = height / 2;
  const cx = x + rx;
  const cy = y + ry;
  const kx = rx * K;
  const ky = ry * K;
  return [
    ['M', cx, cy - ry],
    ['C', cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy],
    ['C', cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry],
    ['C', cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy],
    ['C', cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry],
    ['Z'],
  ];
}

export const rect = (x: number, y: number, width: number, height: number): Seg[] => [
  ['M', x, y],
  ['L', x + width, y],
  ['L', x + width, y + height],
  ['L', x, y + height],
  ['Z'],
];

/** A number as written into a file: at most `digits` decimals, no exponent, no "-0". */
export function num(n: number, digits = 3): string {
  if (!Number.isFinite(n)) throw new Error(`vector print: not a finite coordinate (${n})`);
  const r = Number(n.toFixed(digits));
  return Object.is(r, -0) ? '0' : String(r);
}
