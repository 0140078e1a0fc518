/**
 * Which rules fire for the selection data, re-running only the rules whose data changed. `evaluate`
 * runs on every keystroke, and a keystroke changes one component: a rule that reads other
 * components (its `roots`, found statically by `dataRoots`) keeps its last result. A rule that may
 * read anything (a computed `var` path) always runs. Results are remembered per product index, so two
 * shoppers' selections on one product only cost re-runs, never wrong answers: a value is compared
 * with the last one seen, not trusted to be unchanged.
 *
 * Each round of `evaluate`'s fixpoint has its own memory: round 1 sees every component, round 2
 * the data without the components round 1 hid, and so on, so a keystroke compares each round's
 * data with the same round of the keystroke before.
 */
import type { ProductIndex } from '../model.js';
import type { RoundData } from '../evaluate.js';
import { dataRoots, truthy } from './logic.js';

interface Memo {
  /** Every root any rule reads, its position in `idx.ids` (-1: not a component, so never in the data), and its value when the rules last ran. */
  keys: string[];
  at: number[];
  values: unknown[];
  /** Per rule, the indices in `keys` it reads; undefined = any data. */
  reads: (number[] | undefined)[];
  results: readonly boolean[] | undefined;
  /** Per key, the call that last saw it change (a counter, so the array is not cleared per call). */
  changed: Float64Array;
  calls: number;
}

const memos = new WeakMap<ProductIndex, Memo[]>();
/** Rounds past this share the last memory (they are rare: rules that hide what hides). */
const ROUNDS_REMEMBERED = 4;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Equal as JSON values: the same primitive (−0 is not 0: `1 / x` tells them apart), or equal parts. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!hasOwn(b, k) || !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/**
 * A copy of a data value to compare the next one with: values handed to rules may also be handed to
 * callers (`ComponentState.value`), who might change them. A frozen value cannot change, so it is kept
 * as it is (evaluate keeps a text's value, frozen, while the text does not change). Values are the
 * small shapes of SPEC §2.
 */
function snapshot(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return v;
  if (Array.isArray(v)) return v.map(snapshot);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = snapshot((v as Record<string, unknown>)[k]);
  return out;
}

function memoOf(idx: ProductIndex, round: number): Memo {
  let all = memos.get(idx);
  if (!all) memos.set(idx, (all = []));
  const slot = Math.min(round, ROUNDS_REMEMBERED - 1);
  let m = all[slot];
  if (m) return m;
  const keys: string[] = [];
  const at = new Map<string, number>();
  const reads = idx.rules.map((r) =>
    dataRoots(r.rule.when)?.map((k) => {
      let i = at.get(k);
      if (i === undefined) {
        i = keys.push(k) - 1;
        at.set(k, i);
      }
      return i;
    }),
  );
  m = { keys, at: keys.map((k) => idx.pos.get(k) ?? -1), values: keys.map(() => undefined), reads, results: undefined, changed: new Float64Array(keys.length), calls: 0 };
  all[slot] = m;
  return m;
}

/**
 * Whether each rule of `idx.rules` fires (its `when` is truthy) for `data`, in fixpoint round `round`
 * (0-based). The array is the one given last time for this round when no result changed (evaluate
 * keeps what it derives from it), else a new one; it must not be changed.
 */
export function ruleResults(idx: ProductIndex, { data, list }: RoundData, round = 0): readonly boolean[] {
  const m = memoOf(idx, round);
  const first = m.results === undefined;
  const { changed } = m;
  const call = ++m.calls;
  for (let i = 0; i < m.keys.length; i++) {
    // The data holds components only: any other key reads as absent.
    const at = m.at[i]!;
    const v = at < 0 ? undefined : list[at];
    if (first || !same(v, m.values[i])) {
      changed[i] = call;
      m.values[i] = snapshot(v);
    }
  }
  let results = (m.results as boolean[] | undefined) ?? new Array<boolean>(idx.rules.length);
  for (let r = 0; r < idx.rules.length; r++) {
    const reads = m.reads[r];
    let dirty = first || reads === undefined;
    if (!dirty) for (let j = 0; j < reads!.length && !dirty; j++) dirty = changed[reads![j]!] === call;
    if (!dirty) continue;
    const fires = truthy(idx.rules[r]!.test(data));
    if (results[r] === fires) continue;
    if (results === m.results) results = results.slice();
    results[r] = fires;
  }
  return (m.results = results);
}
