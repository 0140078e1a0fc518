/**
 * Runs a compiled pattern (`compile.ts`) as a Pike VM over the text's code points: every step is
 * visited at most once per position, so a match costs O(text length × program size) whatever the
 * pattern — `^([A-Za-z]+ ?)+$` cannot backtrack. Only whether a match exists anywhere is asked
 * (`RegExp.prototype.test`, `u` flag, no `m`), so no captures are kept.
 */
import type { Step } from './compile.js';

const WORD = /^\w$/u;

export function runPattern(program: Step[], text: string): boolean {
  const cps = Array.from(text, (c) => c.codePointAt(0)!);
  const n = cps.length;
  const word = (k: number) => k >= 0 && k < n && WORD.test(String.fromCodePoint(cps[k]!));
  const seen = new Int32Array(program.length + 1);
  let gen = 1;
  let found = false;
  let list: number[] = [];

  /** Follows the steps that consume nothing from `pc` at `pos`; code-point tests wait in `into`. */
  const add = (into: number[], pc: number, pos: number): void => {
    if (seen[pc] === gen) return;
    seen[pc] = gen;
    const s = program[pc];
    if (s === undefined) found = true;
    else if (typeof s === 'function') into.push(pc);
    else if (typeof s === 'string') {
      if (s === '^' ? pos === 0 : s === '$' ? pos === n : (word(pos - 1) !== word(pos)) === (s === 'b')) add(into, pc + 1, pos);
    } else for (const d of s) add(into, pc + d, pos);
  };

  for (let pos = 0; ; pos++) {
    add(list, 0, pos); // a match may start at any position
    if (found) return true;
    if (pos === n) return false;
    gen++;
    const next: number[] = [];
    for (const pc of list) if ((program[pc] as (cp: number) => boolean)(cps[pos]!)) add(next, pc + 1, pos + 1);
    if (found) return true;
    list = next;
  }
}
