/**
 * A yes/no answer to "would `schema.safeParse(value)` succeed?", compiled from the zod schema itself,
 * that allocates nothing on the way (issue #17: zod's parse builds a payload and a fresh output
 * for every node, and `parseProduct` uses neither when the product is valid: it keeps its own copy).
 *
 * It errs only one way: `true` means zod finds no issue at all; `false` means "ask zod", which then
 * words the issues as before. The containers (objects, arrays, records, unions, optionals) are walked
 * here with zod's own rules (schemas.js: $ZodObject, $ZodArray, $ZodRecord, $ZodUnion,
 * $ZodDiscriminatedUnion, $ZodOptional); every other schema (strings, numbers, enums, literals) is parsed
 * and checked by zod's own functions on one reused payload, so its checks can never drift from zod's.
 * A schema built with anything else compiles to nothing, and then zod alone decides.
 * For JSON-like data (own enumerable data properties, as parseProduct's copy has); see `object`.
 */
import type * as z from 'zod/mini';

type Test = (v: unknown) => boolean;
interface Internals {
  def: Record<string, unknown> & { type: string; checks?: Check[] };
  traits: Set<string>;
  parse: (payload: Payload, ctx: object) => Payload | Promise<Payload>;
  optin?: string;
  optout?: string;
  propValues?: Record<string, Set<unknown>>;
  values?: Set<unknown>;
}
interface Check {
  _zod: { def: { check: string; when?: (p: Payload) => boolean }; check: (p: Payload) => unknown };
}
interface Payload { value: unknown; issues: unknown[] }
type Schema = { _zod: Internals };

/** Thrown while compiling a schema this file does not know: no fast path then. */
class Unsupported extends Error {}

const CTX = { async: false };
/** The one payload the leaves run on (a leaf never runs another leaf while it runs). */
const P: Payload = { value: undefined, issues: [] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** zod's util.isPlainObject, as a record requires. */
function isPlainObject(o: unknown): boolean {
  if (!isObject(o)) return false;
  const ctor = o.constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const prot: unknown = ctor.prototype;
  return isObject(prot) && Object.prototype.hasOwnProperty.call(prot, 'isPrototypeOf');
}

/**
 * A schema zod checks: its parse, then each check whose `when` lets it run (runChecks in zod's
 * schemas.js, which on a value with no issue runs every one), all on the shared payload. Anything
 * but the payload back, or a check answering (a Promise), counts as an issue.
 */
function leaf(s: Schema): Test {
  const zod = s._zod;
  const parse = zod.parse;
  // A schema that is itself a check (a number format) runs first, as zod lists it first.
  const checks = [...(zod.traits.has('$ZodCheck') ? [s as unknown as Check] : []), ...(zod.def.checks ?? [])].map((c) => c._zod);
  const n = checks.length;
  // What zod's parse of a string, number or boolean (not coerced) needs first: a value of that type.
  // Only a no is taken from it (a union's other options are tried without zod writing an issue).
  const type = !zod.def.coerce && ['string', 'number', 'boolean'].includes(zod.def.type) ? zod.def.type : undefined;
  return (v) => {
    if (type !== undefined && typeof v !== type) return false;
    if (P.issues.length) P.issues = [];
    P.value = v;
    let ok = parse(P, CTX) === P && P.issues.length === 0;
    for (let i = 0; ok && i < n; i++) {
      const c = checks[i]!;
      const when = c.def.when;
      if (when && !when(P)) continue;
      ok = c.check(P) === undefined && P.issues.length === 0;
    }
    P.value = undefined;
    return ok;
  };
}

/** The checks a container carries, as zod runs them after its parse (only kinds whose outcome the input decides). */
function containerChecks(checks: Check[] | undefined, kinds: readonly string[]): Test | undefined {
  const active = (checks ?? []).filter((c) => c._zod.def.check !== 'describe' && c._zod.def.check !== 'meta');
  if (active.length === 0) return undefined;
  for (const c of active) if (!kinds.includes(c._zod.def.check)) throw new Unsupported(c._zod.def.check);
  return (v) => {
    const p: Payload = { value: v, issues: [] };
    for (const c of active) {
      const when = c._zod.def.when;
      if (when && !when(p)) continue;
      if (c._zod.check(p) instanceof Promise || p.issues.length) return false;
    }
    return true;
  };
}

const LEAVES = new Set(['string', 'number', 'boolean', 'enum', 'literal', 'unknown', 'any', 'null']);
const LENGTH_CHECKS = ['min_length', 'max_length', 'length_equals'];

function compile(schema: Schema, seen: Map<Schema, Test>): Test {
  const known = seen.get(schema);
  if (known) return known;
  const zod = schema._zod;
  const def = zod.def;
  let test: Test;
  switch (def.type) {
    case 'optional': {
      if (!zod.traits.has('$ZodOptional') || zod.traits.has('$ZodExactOptional') || def.checks?.length) throw new Unsupported('optional');
      const innerSchema = def.innerType as Schema;
      if (innerSchema._zod.optin === 'defaulted') throw new Unsupported('defaulted');
      const inner = compile(innerSchema, seen);
      test = (v) => v === undefined || inner(v);
      break;
    }
    case 'array': {
      const element = compile(def.element as Schema, seen);
      const checks = containerChecks(def.checks, LENGTH_CHECKS);
      test = (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return checks === undefined || checks(v);
      };
      break;
    }
    case 'object':
      test = object(schema, seen);
      break;
    case 'record': {
      const keyType = def.keyType as Schema;
      if (keyType._zod.values || def.checks?.some((c) => c._zod.def.check !== 'describe' && c._zod.def.check !== 'meta'))
        throw new Unsupported('record');
      const key = compile(keyType, seen);
      const value = compile(def.valueType as Schema, seen);
      // zod reads the own enumerable keys (Reflect.ownKeys), __proto__ left out; a symbol key is taken as a no.
      test = (v) => {
        if (!isPlainObject(v) || Object.getOwnPropertySymbols(v).length) return false;
        for (const k in v as object) {
          if (k === '__proto__' || !Object.prototype.hasOwnProperty.call(v, k)) continue;
          if (!key(k) || !value((v as Record<string, unknown>)[k])) return false;
        }
        return true;
      };
      break;
    }
    case 'union': {
      if (def.checks?.some((c) => c._zod.def.check !== 'describe' && c._zod.def.check !== 'meta')) throw new Unsupported('union checks');
      const options = (def.options as Schema[]).map((o) => compile(o, seen));
      if (def.discriminator !== undefined) {
        if (!zod.traits.has('$ZodDiscriminatedUnion') || def.unionFallback) throw new Unsupported('discriminated union');
        const d = def.discriminator as string;
        // zod's discriminatorMap: a value two options share is nobody's.
        const byValue = new Map<unknown, Test | null>();
        (def.options as Schema[]).forEach((o, i) => {
          for (const value of o._zod.propValues?.[d] ?? []) byValue.set(value, byValue.has(value) ? null : options[i]!);
        });
        test = (v) => {
          if (!isObject(v)) return false;
          const option = byValue.get(v[d]);
          return option != null && option(v);
        };
      } else {
        if (def.inclusive === false) throw new Unsupported('exclusive union');
        test = (v) => options.some((o) => o(v));
      }
      break;
    }
    default:
      if (!LEAVES.has(def.type)) throw new Unsupported(def.type);
      test = leaf(schema);
  }
  seen.set(schema, test);
  return test;
}

/**
 * $ZodObject. zod tests every shape key (`key in input`, handlePropertyResult), then the keys it does not
 * know (handleCatchall, `for…in`). Here one `for…in` does both: a key the input has is tested, a key it
 * lacks is fine when its schema is optional (else an issue). Keys are seen as `for…in` sees them, own
 * and inherited enumerable ones: a shape key that only a non-enumerable property holds (never the case
 * in JSON-like data such as parseProduct's copy) is taken as absent. Shape keys that Object.prototype
 * holds are not supported (every object has them).
 */
function object(schema: Schema, seen: Map<Schema, Test>): Test {
  const def = schema._zod.def;
  const shape = def.shape as Record<string, Schema>;
  const keys = Object.keys(shape);
  if (keys.some((k) => k in Object.prototype) || Object.getOwnPropertySymbols(shape).length) throw new Unsupported('object keys');
  const catchall = def.catchall as Schema | undefined;
  const strict = catchall !== undefined;
  if (strict && catchall._zod.def.type !== 'never') throw new Unsupported('catchall');
  if (containerChecks(def.checks, [])) throw new Unsupported('object checks');
  const tests = keys.map((k) => compile(shape[k]!, seen));
  const index = new Map(keys.map((k, i) => [k, i]));
  // handlePropertyResult: an absent key is fine when its schema is optional in and out (z.optional, or a
  // union with such an option); with any other optin zod asks the schema about undefined: not supported.
  const mayLack = keys.map((k) => {
    const { optin, optout } = shape[k]!._zod;
    if (optin === undefined) return false;
    if (optin === 'optional' && optout === 'optional') return true;
    throw new Unsupported(`optin ${optin}`);
  });
  const needed = mayLack.filter((ok) => !ok).length;
  return (v) => {
    if (!isObject(v)) return false;
    let found = 0;
    for (const k in v) {
      const i = index.get(k);
      if (i === undefined) {
        if (strict) return false;
        continue;
      }
      if (!tests[i]!(v[k])) return false;
      if (!mayLack[i]) found++;
    }
    return found === needed;
  };
}

/**
 * `schema` compiled to a test that is true only where `schema.safeParse` succeeds; undefined when
 * the schema uses something this file does not know (then there is no shortcut: use zod).
 */
export function compileValidCheck(schema: z.ZodMiniType): Test | undefined {
  try {
    return compile(schema as unknown as Schema, new Map());
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}
