/**
 * The pattern tree (`parse.ts`) compiled to a Thompson NFA and run as a Pike VM over the text's
 * code points: every state is visited at most once per position, so a match costs
 * O(text length × program size) whatever the pattern — `^([A-Za-z]+ ?)+$` cannot backtrack.
 * Only whether a match exists is asked (as `RegExp.prototype.test` does), so no captures are kept.
 */
import { PatternSyntaxError, type Node } from './parse.js';

/** Instructions a program may have once counted repeats are written out (`a{1000}` is 1000). */
export const MAX_PROGRAM = 2000;

const CHAR = 0;
const SPLIT = 1;
const JMP = 2;
const ASSERT = 3;
const MATCH = 4;

type Test = (cp: number) => boolean;
interface Program {
  op: number[];
  /** SPLIT: the second branch; JMP: the target. */
  arg: number[];
  test: (Test | undefined)[];
  kind: (string | undefined)[];
}

/** A class, `.` or an escape tested alone on one code point by the native engine (linear). */
function atomTest(src: string): Test {
  const re = new RegExp(`^(?:${src})$`, 'u');
  const ascii = new Int8Array(128); // 0 unknown, 1 yes, 2 no: the keystroke path mostly meets ASCII
  return (cp) => {
    if (cp < 128) {
      const k = ascii[cp]!;
      if (k) return k === 1;
      const r = re.test(String.fromCharCode(cp));
      ascii[cp] = r ? 1 : 2;
      return r;
    }
    return re.test(String.fromCodePoint(cp));
  };
}

export function compileNfa(tree: Node): Program {
  const p: Program = { op: [], arg: [], test: [], kind: [] };
  const tests = new Map<string, Test>();
  const emit = (op: number, arg = -1, test?: Test, kind?: string): number => {
    if (p.op.length >= MAX_PROGRAM) throw new PatternSyntaxError(`is too large: its repeats written out exceed ${MAX_PROGRAM} steps`, 0);
    p.op.push(op);
    p.arg.push(arg);
    p.test.push(test);
    p.kind.push(kind);
    return p.op.length - 1;
  };
  const walk = (n: Node): void => {
    switch (n.t) {
      case 'char':
        emit(CHAR, -1, (cp) => cp === n.cp);
        return;
      case 'atom': {
        let t = tests.get(n.src);
        if (!t) tests.set(n.src, (t = atomTest(n.src)));
        emit(CHAR, -1, t);
        return;
      }
      case 'assert':
        emit(ASSERT, -1, undefined, n.kind);
        return;
      case 'cat':
        n.items.forEach(walk);
        return;
      case 'alt': {
        const jumps: number[] = [];
        n.items.forEach((item, k) => {
          const split = k < n.items.length - 1 ? emit(SPLIT) : -1;
          walk(item);
          if (split >= 0) {
            jumps.push(emit(JMP));
            p.arg[split] = p.op.length;
          }
        });
        for (const j of jumps) p.arg[j] = p.op.length;
        return;
      }
      case 'rep': {
        const before = p.op.length;
        for (let k = 0; k < n.min; k++) {
          walk(n.node);
          if (p.op.length === before) return; // an empty body repeated is empty
        }
        if (n.max === Infinity) {
          const split = emit(SPLIT);
          walk(n.node);
          p.arg[emit(JMP)] = split;
          p.arg[split] = p.op.length;
          return;
        }
        const splits: number[] = [];
        for (let k = n.min; k < n.max; k++) {
          splits.push(emit(SPLIT));
          walk(n.node);
        }
        for (const s of splits) p.arg[s] = p.op.length;
      }
    }
  };
  walk(tree);
  emit(MATCH);
  return p;
}

const isWord = (cp: number | undefined) =>
  cp !== undefined && ((cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95);

/** Whether the program matches anywhere in `text` (JS `test` semantics, `u` flag, no `m`). */
export function runNfa(p: Program, text: string): boolean {
  const cps: number[] = [];
  for (const ch of text) cps.push(ch.codePointAt(0)!);
  const n = cps.length;
  const size = p.op.length;
  const mark = new Int32Array(size);
  let gen = 1;
  let clist = new Int32Array(size);
  let nlist = new Int32Array(size);
  let ccount = 0;
  let ncount = 0;
  const stack = new Int32Array(size * 2 + 2);

  /** Follows empty steps from `pc` at `pos`; adds CHAR states to `list`. True on reaching MATCH. */
  const add = (list: Int32Array, count: number, pc0: number, pos: number): number => {
    let sp = 0;
    stack[sp++] = pc0;
    while (sp > 0) {
      const pc = stack[--sp]!;
      if (mark[pc] === gen) continue;
      mark[pc] = gen;
      switch (p.op[pc]) {
        case CHAR:
          list[count++] = pc;
          break;
        case MATCH:
          return -1;
        case JMP:
          stack[sp++] = p.arg[pc]!;
          break;
        case SPLIT:
          stack[sp++] = p.arg[pc]!;
          stack[sp++] = pc + 1;
          break;
        case ASSERT: {
          const k = p.kind[pc];
          const ok = k === '^' ? pos === 0 : k === '$' ? pos === n : (isWord(cps[pos - 1]) !== isWord(cps[pos])) === (k === 'b');
          if (ok) stack[sp++] = pc + 1;
          break;
        }
      }
    }
    return count;
  };

  for (let pos = 0; ; pos++) {
    ccount = add(clist, ccount, 0, pos); // a match may start at any position
    if (ccount < 0) return true;
    if (pos === n) return false;
    const cp = cps[pos]!;
    gen++;
    ncount = 0;
    for (let k = 0; k < ccount; k++) {
      const pc = clist[k]!;
      if (p.test[pc]!(cp)) {
        ncount = add(nlist, ncount, pc + 1, pos + 1);
        if (ncount < 0) return true;
      }
    }
    [clist, nlist] = [nlist, clist];
    ccount = ncount;
  }
}
