/**
 * A small JSON Logic evaluator of our own (rather than json-logic-js): an operator allowlist that
 * `parseProduct` enforces, `var` that only ever reads own properties (no prototype reach), a step
 * budget so a hostile rule cannot hang a page, JSON-only results, and a static analysis API for
 * lint. Semantics follow jsonlogic.com; where it is loose, the choice is written here.
 *
 * Equality: `==`/`!=` are JavaScript's loose equality restricted to JSON values (so `1 == "1"`,
 * `0 == false`, `null == null`; objects and arrays compare by identity, hence never equal to a
 * literal). `===`/`!==` are strict. Truthiness: `[]` is false, `"0"` is true (JSON Logic's rule).
 * `all` on an empty list is false, as in json-logic-js.
 */
import type { Path } from '../issues.js';

type Fn = (args: unknown[], data: unknown, ctx: Ctx) => unknown;
interface Ctx { steps: number }

const MAX_STEPS = 100_000;
const MAX_DEPTH = 64;
const MAX_NODES = 10_000;
const BLOCKED = new Set(['__proto__', 'constructor', 'prototype']);

class Budget extends Error {}

export function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return !!v;
}

const isLogic = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1;

function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseFloat(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null) return 0;
  return NaN;
}

function json(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v === undefined ? null : v;
}

/** Reads a dot path (or array path) through own properties of plain objects and arrays only. */
function readVar(data: unknown, path: unknown): unknown {
  if (path === '' || path === null || path === undefined) return data;
  const segs = Array.isArray(path) ? path.map(String) : String(path).split('.');
  let cur: unknown = data;
  for (const seg of segs) {
    if (BLOCKED.has(seg) || cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

function looseEq(a: unknown, b: unknown): boolean {
  // eslint-disable-next-line eqeqeq
  return a == b;
}

function cmp(args: unknown[], test: (a: number | string, b: number | string) => boolean): boolean {
  const vals = args.map((a) => (typeof a === 'string' || typeof a === 'number' ? a : num(a)));
  if (vals.length === 3) return test(vals[0]!, vals[1]!) && test(vals[1]!, vals[2]!);
  return test(vals[0]!, vals[1]!);
}

/** Operators whose arguments are evaluated lazily (control flow and iteration). */
const LAZY = new Set(['if', '?:', 'and', 'or', 'some', 'all', 'none', 'map', 'filter', 'reduce']);

const TABLE: Record<string, Fn> = {
  var: (a, data) => {
    const v = readVar(data, a[0]);
    return v === undefined || v === null ? (a.length > 1 ? a[1] : null) : v;
  },
  missing: (a, data) => {
    const keys = Array.isArray(a[0]) ? a[0] : a;
    return keys.filter((k) => {
      const v = readVar(data, k);
      return v === undefined || v === null || v === '';
    });
  },
  missing_some: (a, data) => {
    const need = num(a[0]);
    const keys = Array.isArray(a[1]) ? a[1] : [];
    const missing = keys.filter((k) => {
      const v = readVar(data, k);
      return v === undefined || v === null || v === '';
    });
    return keys.length - missing.length >= need ? [] : missing;
  },
  '==': (a) => looseEq(a[0], a[1]),
  '!=': (a) => !looseEq(a[0], a[1]),
  '===': (a) => a[0] === a[1],
  '!==': (a) => a[0] !== a[1],
  '!': (a) => !truthy(a[0]),
  '!!': (a) => truthy(a[0]),
  '<': (a) => cmp(a, (x, y) => x < y),
  '<=': (a) => cmp(a, (x, y) => x <= y),
  '>': (a) => cmp(a, (x, y) => x > y),
  '>=': (a) => cmp(a, (x, y) => x >= y),
  in: (a) => {
    const hay = a[1];
    if (typeof hay === 'string') return typeof a[0] === 'string' || typeof a[0] === 'number' ? hay.includes(String(a[0])) : false;
    if (Array.isArray(hay)) return hay.includes(a[0]);
    return false;
  },
  '+': (a) => a.reduce<number>((s, x) => s + num(x), 0),
  '*': (a) => a.reduce<number>((s, x) => s * num(x), 1),
  '-': (a) => (a.length === 1 ? -num(a[0]) : num(a[0]) - num(a[1])),
  '/': (a) => num(a[0]) / num(a[1]),
  '%': (a) => num(a[0]) % num(a[1]),
  min: (a) => (a.length ? Math.min(...a.map(num)) : null),
  max: (a) => (a.length ? Math.max(...a.map(num)) : null),
  cat: (a) => a.map((x) => (x === null || x === undefined ? '' : typeof x === 'object' ? JSON.stringify(x) : String(x))).join(''),
  substr: (a) => {
    const s = String(a[0] ?? '');
    const chars = [...s];
    let start = num(a[1]) || 0;
    if (start < 0) start = Math.max(0, chars.length + start);
    if (a.length < 3) return chars.slice(start).join('');
    const len = num(a[2]);
    const end = len < 0 ? chars.length + len : start + len;
    return chars.slice(start, Math.max(start, end)).join('');
  },
  merge: (a) => a.flatMap((x) => (Array.isArray(x) ? x : [x])),
  if: (a, data, ctx) => {
    let i = 0;
    for (; i + 1 < a.length; i += 2) if (truthy(run(a[i], data, ctx))) return run(a[i + 1], data, ctx);
    return i < a.length ? run(a[i], data, ctx) : null;
  },
  and: (a, data, ctx) => {
    let v: unknown = null;
    for (const x of a) {
      v = run(x, data, ctx);
      if (!truthy(v)) return v;
    }
    return v;
  },
  or: (a, data, ctx) => {
    let v: unknown = null;
    for (const x of a) {
      v = run(x, data, ctx);
      if (truthy(v)) return v;
    }
    return v;
  },
  some: (a, data, ctx) => list(a, data, ctx).some((x) => truthy(run(a[1], x, ctx))),
  all: (a, data, ctx) => {
    const xs = list(a, data, ctx);
    return xs.length > 0 && xs.every((x) => truthy(run(a[1], x, ctx)));
  },
  none: (a, data, ctx) => !list(a, data, ctx).some((x) => truthy(run(a[1], x, ctx))),
  map: (a, data, ctx) => list(a, data, ctx).map((x) => json(run(a[1], x, ctx))),
  filter: (a, data, ctx) => list(a, data, ctx).filter((x) => truthy(run(a[1], x, ctx))),
  reduce: (a, data, ctx) =>
    list(a, data, ctx).reduce<unknown>((acc, current) => json(run(a[1], { current, accumulator: acc }, ctx)), run(a[2], data, ctx)),
};
TABLE['?:'] = TABLE.if!;
/** Null-prototype, so no operator name can resolve to an inherited function. */
const OPS: Record<string, Fn> = Object.assign(Object.create(null) as Record<string, Fn>, TABLE);

function list(a: unknown[], data: unknown, ctx: Ctx): unknown[] {
  const v = run(a[0], data, ctx);
  return Array.isArray(v) ? v : [];
}

export const OPERATORS: readonly string[] = Object.freeze(Object.keys(OPS));

function run(logic: unknown, data: unknown, ctx: Ctx): unknown {
  if (++ctx.steps > MAX_STEPS) throw new Budget();
  if (Array.isArray(logic)) return logic.map((l) => json(run(l, data, ctx)));
  if (!isLogic(logic)) return logic;
  const op = Object.keys(logic)[0]!;
  const fn = OPS[op];
  if (!fn) return null;
  const raw = logic[op];
  const args = Array.isArray(raw) ? raw : [raw];
  if (LAZY.has(op)) return fn(args, data, ctx);
  return fn(args.map((x) => run(x, data, ctx)), data, ctx);
}

/** Evaluates a JSON Logic expression. Never throws: a failure or an exhausted step budget gives `null`. */
export function applyLogic(logic: unknown, data: unknown): unknown {
  try {
    return json(run(logic, data, { steps: 0 }));
  } catch {
    // An exhausted budget, or an engine limit hit by a pathological rule: documented as null.
    return null;
  }
}

export interface LogicProblem { path: Path; message: string; operator?: string }

const ARITY: Record<string, [number, number]> = {
  var: [0, 2], missing_some: [2, 2], '==': [2, 2], '!=': [2, 2], '===': [2, 2], '!==': [2, 2], '!': [1, 1], '!!': [1, 1],
  '<': [2, 3], '<=': [2, 3], '>': [2, 2], '>=': [2, 2], in: [2, 2], '-': [1, 2], '/': [2, 2], '%': [2, 2], substr: [2, 3],
  some: [2, 2], all: [2, 2], none: [2, 2], map: [2, 2], filter: [2, 2], reduce: [3, 3],
};

/** Static validation when a product loads: allowlisted operators only, well-formed arguments, bounded size. */
export function checkLogic(logic: unknown, path: Path = []): LogicProblem[] {
  const problems: LogicProblem[] = [];
  let nodes = 0;
  const visit = (node: unknown, at: Path, depth: number): void => {
    if (problems.length >= 50) return;
    if (++nodes > MAX_NODES) {
      if (nodes === MAX_NODES + 1) problems.push({ path, message: `the rule is too large (more than ${MAX_NODES} parts)` });
      return;
    }
    if (depth > MAX_DEPTH) {
      problems.push({ path: at, message: `the rule is nested too deeply (more than ${MAX_DEPTH} levels)` });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((x, i) => visit(x, [...at, i], depth + 1));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push({ path: at, message: `a JSON Logic operation has exactly one key (the operator), found ${keys.length ? keys.map((k) => `"${k}"`).join(', ') : 'none'}` });
      return;
    }
    const op = keys[0]!;
    if (!(op in OPS) || BLOCKED.has(op)) {
      problems.push({ path: [...at, op], operator: op, message: `unknown operator "${op}"; supported: ${OPERATORS.join(', ')}` });
      return;
    }
    const raw = (node as Record<string, unknown>)[op];
    const args = Array.isArray(raw) ? raw : [raw];
    const arity = ARITY[op];
    if (arity && (args.length < arity[0] || args.length > arity[1]))
      problems.push({ path: [...at, op], operator: op, message: `"${op}" takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]} to ${arity[1]}`} arguments, got ${args.length}` });
    if (op === 'var') {
      const p = args[0];
      const ok = p === undefined || p === null || typeof p === 'string' || typeof p === 'number' || isLogic(p) || (Array.isArray(p) && p.every((s) => typeof s === 'string' || typeof s === 'number'));
      if (!ok) problems.push({ path: [...at, op], operator: op, message: '"var" takes a path: a text like "engraving.length", or a number' });
      if (typeof p === 'string' && p.split('.').some((s) => BLOCKED.has(s)))
        problems.push({ path: [...at, op], operator: op, message: `"var" may not read "${p}"` });
    }
    args.forEach((x, i) => visit(x, [...at, op, i], depth + 1));
  };
  visit(logic, path, 0);
  return problems;
}

const ITERATORS = new Set(['some', 'all', 'none', 'map', 'filter', 'reduce']);

function walk(logic: unknown, onOp: (op: string, args: unknown[]) => void): void {
  const stack: unknown[] = [logic];
  let guard = 0;
  while (stack.length && guard++ < MAX_NODES) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (!isLogic(node)) continue;
    const op = Object.keys(node)[0]!;
    const raw = node[op];
    const args = Array.isArray(raw) ? raw : [raw];
    onOp(op, args);
    // The per-element argument of an iterator reads the element, not the selection data.
    const next = ITERATORS.has(op) ? [args[0], ...(op === 'reduce' ? [args[2]] : [])] : args;
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
  }
}

/** Every `var` path the expression reads from the selection data, in order of appearance. */
export function collectVars(logic: unknown): string[] {
  const out: string[] = [];
  walk(logic, (op, args) => {
    if (op !== 'var') return;
    const p = args[0];
    const path = Array.isArray(p) ? p.join('.') : p === undefined || p === null ? '' : typeof p === 'object' ? undefined : String(p);
    if (path !== undefined && !out.includes(path)) out.push(path);
  });
  return out;
}

export interface Comparison { var: string; values: unknown[]; op: string }

const varPath = (x: unknown): string | undefined => {
  if (!isLogic(x) || !('var' in x)) return undefined;
  const raw = x.var;
  const p = Array.isArray(raw) ? raw[0] : raw;
  return typeof p === 'string' || typeof p === 'number' ? String(p) : undefined;
};
const literal = (x: unknown) => !isLogic(x) && !Array.isArray(x);

/** Comparisons of a `var` with literals (`==`, `!=`, `===`, `!==`, `in`), for lint. */
export function collectComparisons(logic: unknown): Comparison[] {
  const out: Comparison[] = [];
  walk(logic, (op, args) => {
    if (['==', '!=', '===', '!=='].includes(op)) {
      const [a, b] = args;
      const va = varPath(a);
      const vb = varPath(b);
      if (va !== undefined && literal(b)) out.push({ var: va, values: [b], op });
      else if (vb !== undefined && literal(a)) out.push({ var: vb, values: [a], op });
    } else if (op === 'in') {
      const [a, b] = args;
      const va = varPath(a);
      const vb = varPath(b);
      if (va !== undefined && Array.isArray(b) && b.every(literal)) out.push({ var: va, values: b, op });
      else if (vb !== undefined && literal(a)) out.push({ var: vb, values: [a], op });
    }
  });
  return out;
}
