/**
 * Runs a compiled pattern (`compile.ts`) as a lazily built DFA over the text's code points. A state
 * is a set of NFA threads (the steps they wait at, as a Pike VM keeps them); its move on a code point
 * is computed once, by following the program, and then remembered, so a keystroke in a text costs a
 * map lookup per character. Computing a move visits every step at most once, so a match costs
 * O(text length × program size) whatever the pattern — `^([A-Za-z]+ ?)+$` cannot backtrack — and the
 * remembered states and moves are capped (past the cap they are forgotten and built again). Only
 * whether a match exists anywhere is asked (`RegExp.prototype.test`, `u` flag, no `m`), so no
 * captures are kept.
 */
import type { Step } from './compile.js';

/** `\w` (with the `u` flag and without `i`, ASCII letters, digits and `_`). */
const isWord = (cp: number): boolean => /\w/.test(String.fromCodePoint(cp));

interface State {
  /** The steps the threads are at before the steps that consume nothing are followed; always 0 (a match may start anywhere). */
  pcs: number[];
  /** At position 0 (`^` holds). */
  start: boolean;
  /** The code point before is a word character (for `\b` and `\B`). */
  w: boolean;
  /** Moves on a code point already computed: the next state, or true when a match ends before it. */
  next: Map<number, State | true>;
  /** Whether a match ends here when the text ends here; undefined until asked. */
  end?: boolean;
}

/** Moves remembered per pattern before all are forgotten (a text in a large script meets many code points). */
export const MAX_MOVES = 4096;

export function matcher(program: Step[], maxMoves = MAX_MOVES): (text: string) => boolean {
  const seen = new Int32Array(program.length + 1);
  let gen = 0;
  let states = new Map<string, State>();
  let moves = 0;
  let first: State | undefined;

  const state = (pcs: number[], start: boolean, w: boolean): State => {
    const key = (start ? 's' : w ? 'w' : '') + pcs.join();
    let s = states.get(key);
    if (!s) states.set(key, (s = { pcs, start, w, next: new Map() }));
    return s;
  };

  /**
   * Follows the steps that consume nothing from `s`'s threads, the next code point being a word
   * character or not (`after`) and the text ending there or not: true when a match is reached, else
   * the code-point tests the threads wait at are pushed into `into`.
   */
  const follow = (s: State, end: boolean, after: boolean, into: number[]): boolean => {
    gen++;
    const add = (pc: number): boolean => {
      if (seen[pc] === gen) return false;
      seen[pc] = gen;
      const step = program[pc];
      if (step === undefined) return true;
      if (typeof step === 'function') into.push(pc);
      else if (typeof step === 'string') return (step === '^' ? s.start : step === '$' ? end : (s.w !== after) === (step === 'b')) && add(pc + 1);
      else for (const d of step) if (add(pc + d)) return true;
      return false;
    };
    return s.pcs.some(add);
  };

  const move = (s: State, cp: number): State | true => {
    const w = isWord(cp);
    const wait: number[] = [];
    if (follow(s, false, w, wait)) return true;
    const pcs = [0];
    for (const pc of wait) if ((program[pc] as (cp: number) => boolean)(cp)) pcs.push(pc + 1);
    return state(pcs.sort((a, b) => a - b), false, w);
  };

  return (text) => {
    let s = (first ??= state([0], true, false));
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      let t = s.next.get(cp);
      if (t === undefined) {
        if (++moves > maxMoves) {
          states = new Map();
          moves = 1;
          first = undefined;
          s = state(s.pcs, s.start, s.w);
        }
        s.next.set(cp, (t = move(s, cp)));
      }
      if (t === true) return true;
      s = t;
    }
    return (s.end ??= follow(s, true, false, []));
  };
}
