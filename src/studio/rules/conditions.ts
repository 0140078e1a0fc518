/**
 * The rule builder's model: a condition tree (AND/OR groups of per-component tests) and its exact
 * JSON Logic (SPEC §2 `when`). A `when` the builder cannot express is kept as it is (raw) and edited
 * as JSON only; the builder never rewrites what it did not write.
 *
 * Selection data (SPEC §2): a choice is its value, a text `{ text, length, curve, … }`, an image
 * `null` or an object, a toggle a boolean — so "there is no photo" is `{ "!": { "var": "photo" } }`.
 */
import type { Doc } from '../store.js';

export type TestId = 'empty' | 'notEmpty' | 'equals' | 'oneOf' | 'includes' | 'lengthAtLeast' | 'lengthAtMost' | 'curved' | 'straight' | 'on' | 'off';

export type Cond =
  | { kind: 'group'; op: 'and' | 'or'; items: Cond[] }
  | { kind: 'test'; component: string; test: TestId; value?: string | number | string[] }
  | { kind: 'raw'; logic: unknown };

/** The tests that make sense for a component type. */
export function testsFor(type: unknown): TestId[] {
  switch (type) {
    case 'choice': return ['equals', 'oneOf', 'empty', 'notEmpty'];
    case 'choice-multi': return ['includes', 'empty', 'notEmpty']; // its value is a list (max > 1)
    case 'text': return ['empty', 'notEmpty', 'equals', 'lengthAtLeast', 'lengthAtMost', 'curved', 'straight'];
    case 'image': return ['empty', 'notEmpty'];
    case 'toggle': return ['on', 'off'];
    default: return ['empty', 'notEmpty'];
  }
}

/** The var a test reads for a component: the text's `.text`, `.length` or `.curve`; the value itself otherwise. */
function varOf(type: unknown, id: string, test: TestId): string {
  if (type !== 'text') return id;
  if (test === 'lengthAtLeast' || test === 'lengthAtMost') return `${id}.length`;
  if (test === 'curved' || test === 'straight') return `${id}.curve`;
  return `${id}.text`;
}

/** A component's kind for the builder: its type, or `choice-multi` for a choice whose value is a list. */
export const kindOf = (c: Doc | undefined): unknown => (c?.type === 'choice' && Number(c.max) > 1 ? 'choice-multi' : c?.type);
const typeOf = (doc: Doc, id: string): unknown => kindOf(Array.isArray(doc.components) ? doc.components.find((c: Doc) => c?.id === id) : undefined);

export function toLogic(c: Cond, doc: Doc): unknown {
  if (c.kind === 'raw') return c.logic;
  if (c.kind === 'group') return { [c.op]: c.items.map((i) => toLogic(i, doc)) };
  const v = { var: varOf(typeOf(doc, c.component), c.component, c.test) };
  switch (c.test) {
    case 'empty': case 'straight': case 'off': return { '!': v };
    case 'notEmpty': case 'curved': return { '!!': v };
    case 'on': return { '==': [v, true] };
    case 'equals': return { '==': [v, c.value ?? ''] };
    case 'oneOf': return { in: [v, Array.isArray(c.value) ? c.value : []] };
    case 'includes': return { in: [c.value ?? '', v] };
    case 'lengthAtLeast': return { '>=': [v, Number(c.value) || 0] };
    case 'lengthAtMost': return { '<=': [v, Number(c.value) || 0] };
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
const varName = (x: unknown): string | undefined => (isObj(x) && Object.keys(x).length === 1 && typeof x.var === 'string' ? x.var : undefined);

/** Which component and test a var path means, if it is one the builder writes. */
function split(doc: Doc, name: string): { id: string; part?: string; type: unknown } | undefined {
  const direct = typeOf(doc, name);
  if (direct !== undefined) return { id: name, type: direct };
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const id = name.slice(0, dot);
  const type = typeOf(doc, id);
  return type === 'text' ? { id, part: name.slice(dot + 1), type } : undefined;
}

/** The builder's tree for a `when`, or `{ kind: 'raw' }` for what it cannot express exactly. */
export function fromLogic(logic: unknown, doc: Doc): Cond {
  const raw: Cond = { kind: 'raw', logic };
  if (!isObj(logic) || Object.keys(logic).length !== 1) return raw;
  const [op] = Object.keys(logic) as [string];
  const arg = logic[op];
  if ((op === 'and' || op === 'or') && Array.isArray(arg)) return { kind: 'group', op, items: arg.map((a) => fromLogic(a, doc)) };
  const test = (t: TestId, name: string | undefined, value?: string | number | string[]): Cond => {
    const s = name === undefined ? undefined : split(doc, name);
    if (!s || !testsFor(s.type).includes(t)) return raw;
    const c: Cond = { kind: 'test', component: s.id, test: t, ...(value !== undefined && { value }) };
    // Only what writes back to exactly the same JSON Logic.
    return JSON.stringify(toLogic(c, doc)) === JSON.stringify(logic) ? c : raw;
  };
  const name1 = varName(Array.isArray(arg) && arg.length === 1 ? arg[0] : arg);
  if (op === '!') {
    const s = name1 && split(doc, name1);
    return test(s && s.type === 'toggle' ? 'off' : s && s.part === 'curve' ? 'straight' : 'empty', name1);
  }
  if (op === '!!') {
    const s = name1 && split(doc, name1);
    return test(s && s.part === 'curve' ? 'curved' : 'notEmpty', name1);
  }
  if (!Array.isArray(arg) || arg.length !== 2) return raw;
  const [a, b] = arg;
  const name = varName(a);
  if (op === '==' && b === true) return test('on', name);
  if (op === '==' && (typeof b === 'string' || typeof b === 'number')) return test('equals', name, b);
  if (op === 'in' && Array.isArray(b) && b.every((x) => typeof x === 'string')) return test('oneOf', name, b as string[]);
  if (op === 'in' && typeof a === 'string' && varName(b)) return test('includes', varName(b), a);
  if (op === '>=' && typeof b === 'number') return test('lengthAtLeast', name, b);
  if (op === '<=' && typeof b === 'number') return test('lengthAtMost', name, b);
  return raw;
}

/** A condition's default value for a test (the first option of a choice, 1 for lengths). */
export function defaultValue(doc: Doc, component: string, test: TestId): string | number | string[] | undefined {
  const c = Array.isArray(doc.components) ? doc.components.find((x: Doc) => x?.id === component) : undefined;
  const first = Array.isArray(c?.options) ? String(c.options[0]?.value ?? '') : '';
  if (test === 'equals') return c?.type === 'choice' ? first : '';
  if (test === 'includes') return first;
  if (test === 'oneOf') return first ? [first] : [];
  if (test === 'lengthAtLeast' || test === 'lengthAtMost') return 1;
  return undefined;
}
