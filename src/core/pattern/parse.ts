/**
 * A merchant's `pattern` (a JavaScript regular expression with the `u` flag) read into a tree the
 * linear-time matcher (`nfa.ts`) runs. Only what a finite automaton can match is accepted:
 * backreferences, lookahead and lookbehind are refused with the offset where they stand, so
 * `parseProduct` can say which part of the pattern to change. The source has already compiled as
 * a native `RegExp(source, 'u')`, so this reader only meets valid syntax.
 *
 * A single-character atom (`.`, a class, an escape) keeps its source text: it is tested with a
 * native `RegExp` against one code point at a time, which is linear and gives the exact Unicode
 * semantics (`\p{L}`, `\s`, class ranges) of the engine the pattern was written for.
 */

export type Node =
  | { t: 'char'; cp: number }
  | { t: 'atom'; src: string }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'assert'; kind: '^' | '$' | 'b' | 'B' };

export class PatternSyntaxError extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
    this.name = 'PatternSyntaxError';
  }
}

/** Deeper group nesting than this is refused (a merchant's pattern never needs it; the stack stays small). */
export const MAX_NESTING = 50;

const QUANT = /^(?:[*+?]|\{(\d+)(,(\d*))?\})\??/;

export function parsePattern(src: string): Node {
  let i = 0;
  let depth = 0;
  const refuse = (what: string, at: number): never => {
    throw new PatternSyntaxError(what, at);
  };

  function alt(): Node {
    const items = [cat()];
    while (src[i] === '|') {
      i++;
      items.push(cat());
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  function cat(): Node {
    const items: Node[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') items.push(quantified(term()));
    return items.length === 1 ? items[0]! : { t: 'cat', items };
  }

  function quantified(node: Node): Node {
    const m = QUANT.exec(src.slice(i, i + 40));
    if (!m) return node;
    i += m[0].length;
    const q = m[0][0];
    if (q === '*') return { t: 'rep', node, min: 0, max: Infinity };
    if (q === '+') return { t: 'rep', node, min: 1, max: Infinity };
    if (q === '?') return { t: 'rep', node, min: 0, max: 1 };
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    return { t: 'rep', node, min, max };
  }

  function group(start: number): Node {
    if (++depth > MAX_NESTING) refuse(`is nested too deeply: groups more than ${MAX_NESTING} deep`, start);
    const inner = alt();
    if (src[i] !== ')') refuse('an unclosed group', start);
    i++;
    depth--;
    return inner;
  }

  function term(): Node {
    const start = i;
    const c = src[i]!;
    if (c === '^' || c === '$') {
      i++;
      return { t: 'assert', kind: c };
    }
    if (c === '(') {
      if (src.startsWith('(?:', i)) {
        i += 3;
        return group(start);
      }
      if (src.startsWith('(?=', i) || src.startsWith('(?!', i)) refuse('a lookahead', start);
      if (src.startsWith('(?<=', i) || src.startsWith('(?<!', i)) refuse('a lookbehind', start);
      if (src.startsWith('(?<', i)) {
        i = src.indexOf('>', i) + 1; // a named group: its name was checked by the native compile
        return group(start);
      }
      if (src.startsWith('(?', i)) refuse('a group modifier', start);
      i++;
      return group(start);
    }
    if (c === '[') {
      i++;
      while (src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      i++;
      return { t: 'atom', src: src.slice(start, i) };
    }
    if (c === '.') {
      i++;
      return { t: 'atom', src: '.' };
    }
    if (c === '\\') return escape(start);
    const cp = src.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    return { t: 'char', cp };
  }

  function escape(start: number): Node {
    const e = src[i + 1]!;
    if (e === 'b' || e === 'B') {
      i += 2;
      return { t: 'assert', kind: e };
    }
    if (e >= '1' && e <= '9') refuse('a backreference', start);
    if (e === 'k') refuse('a named backreference', start);
    if (e === 'p' || e === 'P') i = src.indexOf('}', i) + 1;
    else if (e === 'u' && src[i + 2] === '{') i = src.indexOf('}', i) + 1;
    else if (e === 'u') {
      i += 6;
      // In `u` mode an escaped surrogate pair is one code point.
      const hi = parseInt(src.slice(start + 2, start + 6), 16);
      if (hi >= 0xd800 && hi <= 0xdbff && /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(src.slice(i, i + 6))) i += 6;
    } else if (e === 'x') i += 4;
    else if (e === 'c') i += 3;
    else i += 2;
    return { t: 'atom', src: src.slice(start, i) };
  }

  const tree = alt();
  if (i < src.length) refuse('an unmatched ")"', i); // unreachable for a pattern that compiled
  return tree;
}
