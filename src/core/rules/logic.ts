/**
 * Our own small JSON Logic engine rather than json-logic-js: we need an operator allowlist that
 * `parseProduct` enforces, a `var` that cannot reach prototypes, a step budget so a hostile rule
 * cannot hang a page, JSON-only results, a static analysis API for lint, and a few hundred bytes
 * in the browser bundle. Semantics follow json-logic-js (jsonlogic.com); where it is loose or
 * unsafe, the choice made is written next to the code.
 *
 * Guarantees: `applyLogic` never throws (a node that fails gives `null`), never calls a method of
 * the data (so no getter, `toString` or `valueOf` of the data runs), never writes, and gives the same
 * result in every JavaScript engine: limits are counted by us, never left to the engine's stack.
 */

type Ctx = { steps: number };

/** Evaluated nodes (plus elements touched by `in`, `cat`, `merge`, `substr`, …) per `applyLogic`. */
const MAX_STEPS = 100_000;
/** Nesting of operations and arrays; a rule that passes `checkLogic` always fits. */
const MAX_DEPTH = 64;
const MAX_NODES = 10_000;
const MAX_PROBLEMS = 50;
/** Refused by `var` even as own properties: JSON.parse makes `"__proto__"` an own key. */
const BLOCKED = new Set(['__proto__', 'constructor', 'prototype']);
const BLOCKED_WORDS = [...BLOCKED];
const ITERATORS = new Set(['some', 'all', 'none', 'map', 'filter', 'reduce']);

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Plain in any realm: the prototype is null or some realm's `Object.prototype`; class instances are not. */
function isPlain(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

const isOperation = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1;

/** JSON Logic truthiness: JavaScript's, except that an empty array is false (`"0"` and `{}` are true). */
export function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : !!v;
}

/** A result as JSON: non-finite numbers, `undefined`, functions and class instances become null; −0 becomes 0. */
function json(v: unknown): unknown {
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? v + 0 : null;
    case 'string':
    case 'boolean':
      return v;
    case 'object':
      return v === null || Array.isArray(v) || isPlain(v) ? v : null;
    default:
      return null;
  }
}

function charge(ctx: Ctx, n: number): void {
  ctx.steps += n;
}

/**
 * JavaScript's `String(v)` for JSON values, computed without calling the data's methods: an array is
 * its elements joined by commas (null inside an array is empty), an object is "[object Object]".
 */
function str(v: unknown, ctx: Ctx, depth = 0): string {
  if (Array.isArray(v)) {
    if (depth > MAX_DEPTH) throw new RangeError('nested too deeply');
    charge(ctx, v.length);
    return v.map((x) => (x === null || x === undefined ? '' : str(x, ctx, depth + 1))).join(',');
  }
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return typeof v === 'object' ? '[object Object]' : '';
}

/** The primitive JavaScript's `==` and `<` would convert a JSON value to (its ToPrimitive), safely. */
function prim(v: unknown, ctx: Ctx): string | number | boolean | null {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return v === null || v === undefined ? null : str(v, ctx);
}

/** ToNumber, used by `-`, `/`, `%`, `min`, `max`: "" → 0, " 12 " → 12, null → 0, true → 1, "12px" → NaN. */
const num = (v: unknown, ctx: Ctx): number => Number(prim(v, ctx));
/** parseFloat, used by `+` and `*` as in json-logic-js: "12px" → 12, null → NaN, true → NaN. */
const float = (v: unknown, ctx: Ctx): number => parseFloat(str(v, ctx));

/**
 * `==` is JavaScript's abstract equality on JSON values, decided without calling any method of the data:
 * - two arrays/objects are equal only when they are the same value (`[1] == [1]` is false);
 * - otherwise an array becomes its text as `String([..])` does (`[1] == 1`, `["a"] == "a"`, `[] == ""`),
 *   an object the text "[object Object]";
 * - null equals only null (`null == 0` and `null == ""` are false);
 * - a boolean becomes 1 or 0 (`0 == false`, `"1" == true`, `"true" == true` is false);
 * - a number and a text compare as numbers, the text through Number(): `1 == "1"`, `0 == ""`,
 *   `10 == " 10 "`, `1000 == "1e3"`, while a text that is not a number ("abc") equals no number;
 * - same-typed primitives compare by value.
 */
function looseEq(a: unknown, b: unknown, ctx: Ctx): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return a === b;
  // eslint-disable-next-line eqeqeq
  return prim(a, ctx) == prim(b, ctx);
}

/** JavaScript's `<` on the same primitives: two texts compare by UTF-16 code units, anything else as numbers. */
function less(a: unknown, b: unknown, orEqual: boolean, ctx: Ctx): boolean {
  const x = prim(a, ctx) as number;
  const y = prim(b, ctx) as number;
  return orEqual ? x <= y : x < y;
}

/** Own properties of plain objects and arrays only; a dot path or an array of segments. */
function readVar(data: unknown, path: unknown): unknown {
  if (path === '' || path === null || path === undefined) return data;
  let segs: unknown[];
  if (Array.isArray(path)) segs = path;
  else if (typeof path === 'string' || typeof path === 'number') segs = String(path).split('.');
  else return undefined;
  let cur = data;
  for (const seg of segs) {
    if (typeof seg !== 'string' && typeof seg !== 'number') return undefined;
    const key = String(seg);
    if (BLOCKED.has(key) || typeof cur !== 'object' || cur === null) return undefined;
    if (!(Array.isArray(cur) || isPlain(cur))) return undefined;
    // An own data property only (what hasOwnProperty.call would find), read without running a getter.
    const own = Object.getOwnPropertyDescriptor(cur, key);
    if (!own || !('value' in own)) return undefined;
    cur = own.value;
  }
  return cur;
}

/** `missing` counts null, absent and "" as missing (json-logic-js). */
function absent(keys: unknown[], data: unknown): unknown[] {
  return keys.filter((k) => {
    const v = readVar(data, k);
    return v === undefined || v === null || v === '';
  });
}

/** A compiled node: evaluates its part of the rule against `data`, counting steps in `ctx`. */
type Node = (data: unknown, ctx: Ctx) => unknown;
/** An operator whose arguments are evaluated first: it sees their values. */
type Eager = (args: unknown[], data: unknown, ctx: Ctx) => unknown;
/** An operator that evaluates its own arguments (control flow, iteration): it sees them compiled. */
type Lazy = (args: Node[]) => (data: unknown, ctx: Ctx) => unknown;

/** Null-prototype, so no operator name ("constructor", "toString") can resolve to an inherited function. */
const EAGER: Record<string, Eager> = Object.assign(Object.create(null) as Record<string, Eager>, {
  var: ([path, fallback], data) => {
    const v = readVar(data, path);
    // Unlike json-logic-js, the default also replaces a null value, so "absent" reads the same either way.
    return v === undefined || v === null ? (fallback ?? null) : v;
  },
  missing: (a, data) => absent(Array.isArray(a[0]) ? a[0] : a, data),
  missing_some: ([need, keys], data, ctx) => {
    const list = Array.isArray(keys) ? keys : [];
    const miss = absent(list, data);
    return list.length - miss.length >= num(need, ctx) ? [] : miss;
  },
  '!': ([a]) => !truthy(a),
  '!!': ([a]) => truthy(a),
  // The 3-argument form is "between": exclusive for `<`, inclusive for `<=`.
  '<': (a, _d, ctx) => less(a[0], a[1], false, ctx) && (a.length < 3 || less(a[1], a[2], false, ctx)),
  '<=': (a, _d, ctx) => less(a[0], a[1], true, ctx) && (a.length < 3 || less(a[1], a[2], true, ctx)),
  in: ([needle, hay], _d, ctx) => {
    // As json-logic-js: an empty text contains nothing; a text needle is matched as `String(needle)`.
    if (typeof hay !== 'string' && !Array.isArray(hay)) return false;
    charge(ctx, hay.length);
    return typeof hay === 'string' ? hay !== '' && hay.includes(str(needle, ctx)) : hay.includes(needle);
  },
  '+': (a, _d, ctx) => a.reduce<number>((s, x) => s + float(x, ctx), 0),
  // json-logic-js returns a lone argument as it is; we cast it, like `+`, so `*` always gives a number.
  '*': (a, _d, ctx) => (a.length ? a.reduce<number>((p, x) => p * float(x, ctx), 1) : null),
  '-': (a, _d, ctx) => (a.length === 0 ? null : a.length === 1 ? -num(a[0], ctx) : num(a[0], ctx) - num(a[1], ctx)),
  '/': ([a, b], _d, ctx) => num(a, ctx) / num(b, ctx),
  '%': ([a, b], _d, ctx) => num(a, ctx) % num(b, ctx),
  // Pairwise rather than Math.min(...a): engines cap the number of spread arguments differently.
  // With no argument the result is ±Infinity, hence null.
  min: (a, _d, ctx) => a.reduce<number>((m, x) => Math.min(m, num(x, ctx)), Infinity),
  max: (a, _d, ctx) => a.reduce<number>((m, x) => Math.max(m, num(x, ctx)), -Infinity),
  cat: (a, _d, ctx) => {
    const s = a.map((x) => (x === null || x === undefined ? '' : str(x, ctx))).join('');
    charge(ctx, s.length);
    return s;
  },
  // Counts code points (json-logic-js counts UTF-16 units and can split an emoji in half); null is "".
  substr: ([source, start, length], _d, ctx) => {
    const cs = [...(source === null || source === undefined ? '' : str(source, ctx))];
    charge(ctx, cs.length);
    const n = cs.length;
    let from = Math.trunc(num(start, ctx)) || 0;
    from = from < 0 ? Math.max(n + from, 0) : Math.min(from, n);
    let to = n;
    if (length !== undefined) {
      const len = Math.trunc(num(length, ctx)) || 0;
      to = len < 0 ? n + len : Math.min(from + len, n);
    }
    return cs.slice(from, Math.max(from, to)).join('');
  },
  merge: (a, _d, ctx) => {
    const out = a.flatMap((x) => (Array.isArray(x) ? x : [x]));
    charge(ctx, out.length);
    return out;
  },
} satisfies Record<string, Eager>);

/** The list an iterator walks; anything that is not an array is an empty list (json-logic-js). */
function listOf(node: Node, data: unknown, ctx: Ctx): unknown[] {
  const v = node(data, ctx);
  return Array.isArray(v) ? v : [];
}

const ifThen: Lazy = (a) => (data, ctx) => {
  let i = 0;
  for (; i + 1 < a.length; i += 2) if (truthy(a[i]!(data, ctx))) return a[i + 1]!(data, ctx);
  return i < a.length ? a[i]!(data, ctx) : null;
};

/** Iterators get at least [list, rule, initial] compiled (missing ones as null), as json-logic-js reads them. */
const LAZY: Record<string, Lazy> = Object.assign(Object.create(null) as Record<string, Lazy>, {
  // The first falsy (and) or truthy (or) value, else the last; later arguments are not evaluated.
  and: (a) => (data, ctx) => {
    let v: unknown = null;
    for (const x of a) {
      v = x(data, ctx);
      if (!truthy(v)) break;
    }
    return v;
  },
  or: (a) => (data, ctx) => {
    let v: unknown = null;
    for (const x of a) {
      v = x(data, ctx);
      if (truthy(v)) break;
    }
    return v;
  },
  if: ifThen,
  '?:': ifThen,
  some: ([list, rule]) => (data, ctx) => listOf(list!, data, ctx).some((x) => truthy(rule!(x, ctx))),
  // All of an empty list is false, as in json-logic-js (so "every charm is gold" needs a charm).
  all: ([list, rule]) => (data, ctx) => {
    const xs = listOf(list!, data, ctx);
    return xs.length > 0 && xs.every((x) => truthy(rule!(x, ctx)));
  },
  none: ([list, rule]) => (data, ctx) => !listOf(list!, data, ctx).some((x) => truthy(rule!(x, ctx))),
  map: ([list, rule]) => (data, ctx) => listOf(list!, data, ctx).map((x) => rule!(x, ctx)),
  filter: ([list, rule]) => (data, ctx) => listOf(list!, data, ctx).filter((x) => truthy(rule!(x, ctx))).map(json),
  // The initial value is evaluated (json-logic-js ≥ 2 takes it as a literal; for a literal both agree).
  reduce: ([list, rule, initial]) => (data, ctx) =>
    listOf(list!, data, ctx).reduce<unknown>((accumulator, current) => rule!({ current, accumulator }, ctx), initial!(data, ctx)),
} satisfies Record<string, Lazy>);

export const OPERATORS: readonly string[] = Object.freeze([
  'var', 'missing', 'missing_some', '==', '!=', '===', '!==', '!', '!!', 'and', 'or', 'if', '?:',
  '<', '<=', '>', '>=', 'in', '+', '-', '*', '/', '%', 'min', 'max', 'cat', 'substr', 'merge',
  'some', 'all', 'none', 'map', 'filter', 'reduce',
]);
const KNOWN: ReadonlySet<string> = new Set(OPERATORS);

/**
 * Binary operators with exactly two arguments get a node without an argument list: the common
 * comparisons of a rule (`{"==": [{"var": "size"}, "M"]}`), same results as their EAGER entry.
 */
const BINARY: Record<string, (a: unknown, b: unknown, ctx: Ctx) => unknown> = Object.assign(Object.create(null) as Record<string, (a: unknown, b: unknown, ctx: Ctx) => unknown>, {
  '==': (a, b, ctx) => looseEq(a, b, ctx),
  '!=': (a, b, ctx) => !looseEq(a, b, ctx),
  '===': (a, b) => a === b,
  '!==': (a, b) => a !== b,
  '<': (a, b, ctx) => less(a, b, false, ctx),
  '<=': (a, b, ctx) => less(a, b, true, ctx),
  '>': (a, b, ctx) => less(b, a, false, ctx),
  '>=': (a, b, ctx) => less(b, a, true, ctx),
} satisfies Record<string, (a: unknown, b: unknown, ctx: Ctx) => unknown>);
// The same operators with another number of arguments read the first two (`<` and `<=` have their own: 3 is "between").
for (const op of ['==', '!=', '===', '!==', '>', '>=']) EAGER[op] = (a, _d, ctx) => BINARY[op]!(a[0], a[1], ctx);

const isPrimitive = (x: unknown): x is string | number | boolean | null =>
  x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));

/**
 * `{"var": "a.b"}` or `{"var": ["a.b", default]}` with literal parts: the path is split once.
 * The same steps are counted as for the generic node (the operation and each literal argument).
 */
function literalVar(args: unknown[]): Node | undefined {
  const [path, fallback] = args;
  if (!(typeof path === 'string' || typeof path === 'number') || args.length > 2 || (args.length === 2 && !isPrimitive(fallback))) return undefined;
  const steps = 1 + args.length;
  const dflt = fallback ?? null;
  const segs = String(path).split('.');
  // The whole data (""), and a blocked segment (which reads nothing, whatever the data), are left to the generic node.
  if (path === '' || segs.some((s) => BLOCKED.has(s))) return undefined;
  return (data, ctx) => {
    if ((ctx.steps += steps) > MAX_STEPS) return null;
    try {
      let cur = data;
      for (let i = 0; i < segs.length; i++) {
        if (typeof cur !== 'object' || cur === null || !(Array.isArray(cur) || isPlain(cur))) return dflt;
        // An own data property only, read without running a getter (readVar).
        const own = Object.getOwnPropertyDescriptor(cur, segs[i]!);
        if (!own || !('value' in own)) return dflt;
        cur = own.value;
      }
      return cur === undefined || cur === null ? dflt : json(cur);
    } catch {
      return null;
    }
  };
}

/** A node that evaluates to null; it still counts its step. */
const nullNode: Node = (_d, ctx) => (++ctx.steps > MAX_STEPS ? null : null);
/** Past the depth limit every node spends the whole budget, so the rule is null in every engine. */
const tooDeep: Node = (_d, ctx) => {
  ctx.steps = Infinity;
  return null;
};

function compileOp(op: string, raw: unknown, depth: number): Node {
  const args = Array.isArray(raw) ? raw : [raw];
  const d = depth + 1;
  const lazy = LAZY[op];
  if (lazy) {
    // Iterators read arguments they were not given as null, as the interpreter did.
    const n = ITERATORS.has(op) ? Math.max(args.length, 3) : args.length;
    const nodes = Array.from({ length: n }, (_, i) => (i < args.length ? compileNode(args[i], d) : nullNode));
    const f = lazy(nodes);
    return (data, ctx) => {
      if (++ctx.steps > MAX_STEPS) return null;
      try {
        return json(f(data, ctx));
      } catch {
        return null;
      }
    };
  }
  if (op === 'var' && d <= MAX_DEPTH) {
    const fast = literalVar(args);
    if (fast) return fast;
  }
  const nodes = args.map((x) => compileNode(x, d));
  const bin = args.length === 2 ? BINARY[op] : undefined;
  if (bin) {
    const [a, b] = nodes as [Node, Node];
    return (data, ctx) => {
      if (++ctx.steps > MAX_STEPS) return null;
      try {
        return bin(a(data, ctx), b(data, ctx), ctx);
      } catch {
        return null;
      }
    };
  }
  const fn = EAGER[op];
  if (!fn) return nullNode;
  return (data, ctx) => {
    if (++ctx.steps > MAX_STEPS) return null;
    try {
      const vals = new Array<unknown>(nodes.length);
      for (let i = 0; i < nodes.length; i++) vals[i] = nodes[i]!(data, ctx);
      return json(fn(vals, data, ctx));
    } catch {
      // An engine limit (a text too long to build, data nested too deeply): this node is null.
      return null;
    }
  };
}

/**
 * Compiles one node. Recursion stops at the depth limit, so a rule nested 100 000 deep compiles in
 * 65 frames. A part that cannot be read (a hostile proxy, a throwing getter: never JSON data) gives
 * a node that throws when reached, so the operation around it is null, as when interpreted.
 */
function compileNode(logic: unknown, depth: number): Node {
  if (depth > MAX_DEPTH) return tooDeep;
  try {
    if (Array.isArray(logic)) {
      const items = logic.map((x) => compileNode(x, depth + 1));
      return (data, ctx) => {
        if (++ctx.steps > MAX_STEPS) return null;
        const out = new Array<unknown>(items.length);
        for (let i = 0; i < items.length; i++) out[i] = items[i]!(data, ctx);
        return out;
      };
    }
    if (!isOperation(logic)) {
      const v = json(logic);
      return (_d, ctx) => (++ctx.steps > MAX_STEPS ? null : v);
    }
    const op = Object.keys(logic)[0]!;
    if (!KNOWN.has(op)) return nullNode;
    return compileOp(op, logic[op], depth);
  } catch (e) {
    return () => {
      throw e;
    };
  }
}

/** A rule compiled once: `(data) => result`, with the guarantees of `applyLogic`. */
export type CompiledLogic = (data: unknown) => unknown;

/**
 * Compiles a JSON Logic expression into a tree of closures (no `eval` or `new Function`, so a
 * strict Content-Security-Policy holds): the operator lookups, argument lists and `var` paths are
 * resolved once, then every evaluation walks closures. Same results, steps and limits as
 * interpreting it; the rule must not be changed afterwards (a parsed product never is).
 */
export function compileLogic(logic: unknown): CompiledLogic {
  let root: Node;
  try {
    root = compileNode(logic, 0);
  } catch {
    return () => null;
  }
  return (data) => {
    const ctx: Ctx = { steps: 0 };
    try {
      const v = root(data, ctx);
      return ctx.steps > MAX_STEPS ? null : v;
    } catch {
      return null;
    }
  };
}

/**
 * Evaluates a JSON Logic expression against `data` (json-logic-js semantics, see above).
 * Never throws; an unknown operator, a failed node or an exhausted step budget gives `null`.
 */
export function applyLogic(logic: unknown, data: unknown): unknown {
  return compileLogic(logic)(data);
}


declare const __PC_LEAN__: boolean | undefined;
/**
 * A problem's English `message` is for logs and tests: `parseProduct` reports its reason and params.
 * The shopper's drop-in (built with `__PC_LEAN__`) leaves the sentences out; there `message` is "".
 */
const WORDS = typeof __PC_LEAN__ === 'undefined';

/** What is wrong with a rule, as a stable name (`Issue.params.reason` when `parseProduct` reports it). */
export type LogicProblemReason =
  | 'too-large' | 'too-deep' | 'not-json' | 'operation-keys' | 'unknown-operator' | 'iterator-shape' | 'arity'
  | 'var-path' | 'var-blocked' | 'missing-some-shape' | 'unreadable';
export interface LogicProblem {
  path: (string | number)[];
  /** English, for logs; `reason` and `params` are what a catalogue words. Empty in the drop-in (`WORDS`). */
  message: string;
  reason: LogicProblemReason;
  params: Record<string, unknown>;
  operator?: string;
}

/** [min, max] arguments; operators not listed take any number. */
const ARITY: Record<string, readonly [number, number]> = Object.assign(Object.create(null) as Record<string, readonly [number, number]>, {
  var: [0, 2], missing_some: [2, 2], '==': [2, 2], '!=': [2, 2], '===': [2, 2], '!==': [2, 2], '!': [1, 1], '!!': [1, 1],
  and: [1, Infinity], or: [1, Infinity], if: [1, Infinity], '?:': [1, Infinity], '<': [2, 3], '<=': [2, 3], '>': [2, 2], '>=': [2, 2],
  in: [2, 2], '+': [1, Infinity], '*': [1, Infinity], '-': [1, 2], '/': [2, 2], '%': [2, 2], min: [1, Infinity], max: [1, Infinity],
  substr: [2, 3], some: [2, 2], all: [2, 2], none: [2, 2], map: [2, 2], filter: [2, 2], reduce: [2, 3],
} as const);

function arityText([min, max]: readonly [number, number]): string {
  const n = (k: number) => `${k} argument${k === 1 ? '' : 's'}`;
  return min === max ? n(min) : max === Infinity ? `at least ${n(min)}` : `${min} or ${n(max)}`;
}

const isSegment = (s: unknown): s is string | number => typeof s === 'string' || typeof s === 'number';

/** What is wrong with a `var` path, or undefined. */
function varProblem(p: unknown): { reason: LogicProblemReason; message: string; params: Record<string, unknown> } | undefined {
  // A text naming none of the blocked words anywhere has no blocked segment (most paths: no split).
  if (typeof p === 'string' && !BLOCKED_WORDS.some((w) => p.includes(w))) return undefined;
  const segs = typeof p === 'string' ? p.split('.') : Array.isArray(p) && p.every(isSegment) ? p.map(String) : undefined;
  if (segs) {
    const path = segs.join('.');
    return segs.some((s) => BLOCKED.has(s)) ? { reason: 'var-blocked', message: WORDS ? `"var" may not read "${path}"` : '', params: { path } } : undefined;
  }
  if (typeof p === 'number' || isOperation(p)) return undefined;
  return { reason: 'var-path', message: WORDS ? '"var" takes a path: a text like "engraving.length", a number, or ["path", default]' : '', params: {} };
}

/**
 * Static validation when a product loads: only allowlisted operators, well-formed arguments, at most
 * 64 levels and 10 000 nodes. A problem's path extends `path` with, per level, the operator and the
 * argument's index. Never throws; recursion stops at the depth limit.
 */
export function checkLogic(logic: unknown, path: (string | number)[] = []): LogicProblem[] {
  const problems: LogicProblem[] = [];
  let nodes = 0;
  // Where the walk is, as a list linked to the root: made into a path only for a problem.
  type At = { key: string | number; up: At } | undefined;
  const pathOf = (at: At): (string | number)[] => {
    const keys: (string | number)[] = [];
    for (let a = at; a; a = a.up) keys.push(a.key);
    return [...path, ...keys.reverse()];
  };
  const report = (at: At, reason: LogicProblemReason, message: string, params: Record<string, unknown> = {}, operator?: string): void => {
    if (problems.length >= MAX_PROBLEMS) return;
    const p: LogicProblem = { path: pathOf(at), message, reason, params };
    if (operator !== undefined) p.operator = operator;
    problems.push(p);
  };
  const visit = (node: unknown, at: At, depth: number): void => {
    if (nodes > MAX_NODES) return;
    if (++nodes > MAX_NODES) return report(undefined, 'too-large', WORDS ? `the rule is too large (more than ${MAX_NODES} parts)` : '', { max: MAX_NODES });
    if (depth > MAX_DEPTH) return report(at, 'too-deep', WORDS ? `the rule is nested too deeply (more than ${MAX_DEPTH} levels)` : '', { max: MAX_DEPTH });
    if (typeof node === 'number' && !Number.isFinite(node)) return report(at, 'not-json', WORDS ? `${node} is not a JSON number` : '', { value: String(node) });
    if (node === null || typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return;
    if (typeof node !== 'object') return report(at, 'not-json', WORDS ? `a ${typeof node} is not a JSON value` : '', { type: typeof node });
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length && nodes <= MAX_NODES; i++) {
        if (quiet(node[i], depth + 1)) nodes++;
        else visit(node[i], { key: i, up: at }, depth + 1);
      }
      return;
    }
    const keys = Object.keys(node);
    if (keys.length !== 1)
      return report(at, 'operation-keys', WORDS ? `an operation has exactly one key, its operator; found ${keys.length ? keys.map((k) => `"${k}"`).join(', ') : 'none'}` : '', { keys });
    const op = keys[0]!;
    const here: At = { key: op, up: at };
    if (!KNOWN.has(op)) return report(here, 'unknown-operator', WORDS ? `unknown operator "${op}"; supported: ${OPERATORS.join(', ')}` : '', { operator: op, supported: [...OPERATORS] }, op);
    const raw = (node as Record<string, unknown>)[op];
    const args = Array.isArray(raw) ? raw : [raw];
    const arity = ARITY[op];
    if (ITERATORS.has(op) && !Array.isArray(raw))
      report(here, 'iterator-shape', WORDS ? `"${op}" takes a list and a rule applied to each element: {"${op}": [list, rule${op === 'reduce' ? ', initial' : ''}]}` : '', { operator: op }, op);
    else if (arity && (args.length < arity[0] || args.length > arity[1]))
      report(here, 'arity', WORDS ? `"${op}" takes ${arityText(arity)}, got ${args.length}` : '', { operator: op, min: arity[0], max: arity[1] === Infinity ? null : arity[1], count: args.length }, op);
    if (op === 'var' && args.length > 0) {
      const problem = varProblem(args[0]);
      if (problem) report(here, problem.reason, problem.message, problem.params, op);
    }
    if (op === 'missing_some' && args.length === 2 && !Array.isArray(args[1]) && !isOperation(args[1]))
      report(here, 'missing-some-shape', WORDS ? '"missing_some" takes a count and a list of names: {"missing_some": [1, ["a", "b"]]}' : '', { operator: op }, op);
    for (let i = 0; i < args.length && nodes <= MAX_NODES; i++) {
      if (quiet(args[i], depth + 1)) nodes++;
      else visit(args[i], { key: i, up: here }, depth + 1);
    }
  };
  /** A text, boolean, null or finite number that `visit` would only count (no problem, no link made for it). */
  const quiet = (node: unknown, depth: number): boolean =>
    nodes < MAX_NODES && depth <= MAX_DEPTH &&
    (node === null || typeof node === 'string' || typeof node === 'boolean' || (typeof node === 'number' && Number.isFinite(node)));
  try {
    visit(logic, undefined, 0);
  } catch {
    // Only a hostile non-JSON value (a throwing proxy or getter) gets here.
    report(undefined, 'unreadable', WORDS ? 'the rule could not be read as JSON' : '');
  }
  return problems;
}

/**
 * Visits every operation that reads the data itself, depth first in order of appearance: the rule an
 * iterator applies to each element reads that element, so it is skipped. Iterative and bounded.
 * `onOp` may return `false` to stop. True when every node was visited (not stopped, not cut off at
 * MAX_NODES, no hostile value thrown).
 */
function walk(logic: unknown, onOp: (op: string, args: unknown[]) => boolean | void): boolean {
  const stack: unknown[] = [logic];
  try {
    for (let seen = 0; stack.length && seen < MAX_NODES; seen++) {
      const node = stack.pop();
      if (Array.isArray(node)) {
        for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
        continue;
      }
      if (!isOperation(node)) continue;
      const op = Object.keys(node)[0]!;
      const raw = node[op];
      const args = Array.isArray(raw) ? raw : [raw];
      if (onOp(op, args) === false) return false;
      const next = ITERATORS.has(op) ? args.filter((_, i) => i !== 1) : args;
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
    }
  } catch {
    // A hostile non-JSON value (a throwing proxy or getter): what was found before it stands.
    return false;
  }
  return stack.length === 0;
}

/** A literal `var` path as a dot path ("" is the whole data); undefined when it is computed. */
function dotPath(p: unknown): string | undefined {
  if (p === undefined || p === null) return '';
  if (isSegment(p)) return String(p);
  return Array.isArray(p) && p.every(isSegment) ? p.join('.') : undefined;
}

const varPath = (x: unknown): string | undefined =>
  isOperation(x) && hasOwn(x, 'var') ? dotPath(Array.isArray(x.var) ? x.var[0] : x.var) : undefined;

/** Every `var` path the rule reads from the data (dot-joined, deduplicated, in order of appearance). */
export function collectVars(logic: unknown): string[] {
  const out = new Set<string>();
  walk(logic, (op, args) => {
    if (op !== 'var') return;
    const p = dotPath(args[0]);
    if (p !== undefined) out.add(p);
  });
  return [...out];
}

/**
 * The top-level keys of the data a rule reads (the first segment of each `var` path and `missing`
 * key outside the rules iterators apply to elements), or undefined when it may read any: a computed
 * path or key, the whole data (`""`), a rule too large to walk. Over-approximates, never misses: the
 * rule's result depends on the values at these keys alone, so `evaluate` runs it again only when one
 * of them changed.
 */
export function dataRoots(logic: unknown): string[] | undefined {
  const out = new Set<string>();
  let any = false;
  const path = (p: unknown): void => {
    if (typeof p === 'string' || typeof p === 'number') {
      const s = String(p);
      if (s === '') any = true;
      else out.add(s.split('.')[0]!);
    } else if (Array.isArray(p) && p.length > 0 && p.every(isSegment)) out.add(String(p[0]));
    else any = true;
  };
  /** Every literal inside `missing`'s arguments is taken as a key; anything computed reads any. */
  const keys = (x: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || isOperation(x)) any = true;
    else if (Array.isArray(x)) for (const k of x) keys(k, depth + 1);
    else if (typeof x === 'string' || typeof x === 'number') path(x);
  };
  const complete = walk(logic, (op, args) => {
    if (op === 'var') {
      const p = args[0];
      if (isOperation(p) || (Array.isArray(p) && !p.every(isSegment))) any = true;
      else path(p);
    } else if (op === 'missing' || op === 'missing_some') keys(args, 0);
    return !any;
  });
  return any || !complete ? undefined : [...out];
}

export interface Comparison { var: string; values: unknown[]; op: string }

const isLiteral = (x: unknown): boolean => x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';

/**
 * Comparisons of a `var` with literals, for lint: `==`, `!=`, `===`, `!==` either way round; `in` with
 * the var first and a literal list second (values: the list), or a literal first and the var second.
 */
export function collectComparisons(logic: unknown): Comparison[] {
  const out: Comparison[] = [];
  walk(logic, (op, [a, b]) => {
    const va = varPath(a);
    const vb = varPath(b);
    if (op === '==' || op === '!=' || op === '===' || op === '!==') {
      if (va !== undefined && isLiteral(b)) out.push({ var: va, values: [b], op });
      else if (vb !== undefined && isLiteral(a)) out.push({ var: vb, values: [a], op });
    } else if (op === 'in') {
      if (va !== undefined && Array.isArray(b) && b.every(isLiteral)) out.push({ var: va, values: b, op });
      else if (vb !== undefined && isLiteral(a)) out.push({ var: vb, values: [a], op });
    }
  });
  return out;
}
