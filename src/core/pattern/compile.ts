/**
 * A merchant's `pattern` (a JavaScript regular expression with the `u` flag, already compiled
 * natively, so only valid syntax arrives here) compiled to a Thompson NFA program in one pass.
 * Only what an automaton can match is accepted: backreferences, lookahead and lookbehind are
 * refused with the offset where they stand. A single-character atom (`.`, a class, an escape)
 * keeps its source and is tested by a native `RegExp` on one code point at a time: linear, and the
 * exact Unicode semantics (`\p{L}`, `\s`, class ranges) the merchant wrote the pattern for.
 *
 * Steps jump by relative offsets, so a fragment is position-independent: a counted repeat is its
 * fragment copied. A step is a code-point test (consumes one), a string (an assertion: `^ $ b B`)
 * or a list of offsets to go on at (a split, or a jump when it has one); the end is the match.
 */
export type Step = ((cp: number) => boolean) | string | number[];

export class PatternRefused extends Error {
  constructor(message: string, readonly at?: number) {
    super(message);
  }
}

/** Steps a program may have once counted repeats are written out (`a{1000}` is 1000). */
export const MAX_STEPS = 2000;
/** Group nesting beyond this is refused: no merchant needs it, and the stack stays small. */
export const MAX_NESTING = 50;

const QUANT = /(?:[*+?]|\{(\d+)(,(\d*))?\})\??/y;
/** A class, an escape or `.`: one code point each (a surrogate pair in two \u escapes is one, as in `u` mode). */
const ATOM = /\[(?:\\[^]|[^\\\]])*\]|\\(?:[pP]\{[^}]*\}|u\{[^}]*\}|u[dD][89abAB]..\\u[dD][c-fC-F]..|u....|x..|c.|[^])|\./y;

const grow = (out: Step[], more: Step[]): Step[] => {
  if (out.length + more.length > MAX_STEPS) throw new PatternRefused(`is too large: its repeats written out exceed ${MAX_STEPS} steps`);
  out.push(...more);
  return out;
};

function repeat(a: Step[], min: number, max: number): Step[] {
  const out: Step[] = [];
  if (!a.length) return out; // an empty body repeated is empty
  for (let k = 0; k < min; k++) grow(out, a);
  if (max === Infinity) return grow(out, [[1, a.length + 2], ...a, [-a.length - 1]]);
  for (let k = min; k < max; k++) grow(out, [[1, a.length + 1], ...a]);
  return out;
}

export function compilePattern(src: string): Step[] {
  let i = 0;
  let depth = 0;
  const refuse = (what: string, at: number): never => {
    throw new PatternRefused(`uses ${what} (at character ${at + 1}), which cannot be matched in linear time`, at);
  };

  function alt(): Step[] {
    const branches = [cat()];
    while (src[i] === '|') {
      i++;
      branches.push(cat());
    }
    return branches.reduceRight((rest, b) => grow([[1, b.length + 2]], [...b, [rest.length + 1], ...rest]));
  }

  function cat(): Step[] {
    const out: Step[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const a = term();
      QUANT.lastIndex = i;
      const q = QUANT.exec(src);
      if (!q) grow(out, a);
      else {
        i = QUANT.lastIndex;
        const c = q[0][0];
        const min = c === '*' || c === '?' ? 0 : c === '+' ? 1 : Number(q[1]);
        const max = c === '?' ? 1 : c === '*' || c === '+' || q[3] === '' ? Infinity : q[2] ? Number(q[3]) : min;
        grow(out, repeat(a, min, max));
      }
    }
    return out;
  }

  function term(): Step[] {
    const start = i;
    const c = src[i]!;
    if (c === '^' || c === '$') {
      i++;
      return [c];
    }
    if (c === '(') {
      const look = /^\(\?(<?)[=!]/.exec(src.slice(i, i + 4));
      if (look) refuse(look[1] ? 'a lookbehind' : 'a lookahead', start);
      // (?:…) and (?<name>…) group as (…) does; a name was checked by the native compile.
      i = src.startsWith('(?:', i) ? i + 3 : src.startsWith('(?<', i) ? src.indexOf('>', i) + 1 : src[i + 1] === '?' ? refuse('a group modifier', start) : i + 1;
      if (++depth > MAX_NESTING) throw new PatternRefused(`is nested too deeply: groups more than ${MAX_NESTING} deep`, start);
      const inner = alt();
      depth--;
      i++; // ")"
      return inner;
    }
    if (c === '\\') {
      const e = src[i + 1]!;
      if (e === 'b' || e === 'B') {
        i += 2;
        return [e];
      }
      if (/[1-9k]/.test(e)) refuse(e === 'k' ? 'a named backreference' : 'a backreference', start);
    }
    ATOM.lastIndex = i;
    if (ATOM.exec(src)) {
      i = ATOM.lastIndex;
      const re = new RegExp(`^(?:${src.slice(start, i)})$`, 'u');
      // Asked once per state and code point: the matcher remembers its moves (run.ts).
      return [(cp) => re.test(String.fromCodePoint(cp))];
    }
    const cp = src.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    return [(x) => x === cp];
  }

  return alt();
}
