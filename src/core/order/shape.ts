/**
 * The order's shape (SPEC §5), checked before anything reads it: every field SPEC names with its
 * type, nothing else (an unknown field anywhere is refused where it stands, so a 50 MB pad or a
 * smuggled payload never reaches a backend's storage), and a bounded depth, walked without
 * recursion so a 100 000-deep value cannot overflow the stack. What each selection holds is
 * checked against its component by `readSelections`.
 */
import type { Issue, Path } from '../issues.js';
import { issueMessage, type Reason } from '../i18n/messages.js';

/** An order is at most this deep (`selections.photo.asset.key` is 4). */
export const MAX_ORDER_DEPTH = 16;

type Check = (v: unknown) => boolean;
/** A field's check and the kind of value it expects (`params.expected`, worded by the catalogue). */
type Field = [Check, string, boolean?];

const str: Field = [(v) => typeof v === 'string', 'text'];
const num: Field = [(v) => typeof v === 'number' && Number.isFinite(v), 'number'];
const opt = ([c, what]: Field): Field => [c, what, true];
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
const KEY = /^[A-Za-z0-9_-]{1,128}$/;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const PRODUCT: Record<string, Field> = { id: str, revision: [(v) => typeof v === 'string' || typeof v === 'number', 'text-or-number'], hash: str };
const SUMMARY: Record<string, Field> = { component: str, label: str, value: str };
const LINE: Record<string, Field> = { label: str, amount: num, component: opt(str), option: opt(str), rule: opt(str), quantity: opt(num), unitAmount: opt(num) };
const PRICE: Record<string, Field> = { currency: str, base: num, lines: [Array.isArray, 'list'], total: num };
const PREVIEW: Record<string, Field> = { view: str, key: [(v) => typeof v === 'string' && KEY.test(v), 'key'], width: num, height: num };
const ORDER: Record<string, Field> = {
  schemaVersion: [(v) => v === 1, 'schema-version'],
  orderId: [(v) => typeof v === 'string' && UUID.test(v), 'uuid'],
  createdAt: [(v) => typeof v === 'string' && ISO.test(v) && !Number.isNaN(Date.parse(v)), 'date-time'],
  product: [isObj, 'product'],
  selections: [isObj, 'selections'],
  summary: [Array.isArray, 'list'],
  properties: [isObj, 'properties'],
  price: [isObj, 'price'],
  previews: [Array.isArray, 'list'],
  locale: str,
};

/** A path as `params.at`: dot-joined, "" for the order itself (the catalogue words it). */
const at = (path: Path) => path.join('.');

/** The deepest path first found beyond `MAX_ORDER_DEPTH`, walked with a stack of its own. */
function tooDeep(input: unknown): Path | undefined {
  const stack: [unknown, Path][] = [[input, []]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= MAX_ORDER_DEPTH) return path;
    for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], [...path, Array.isArray(v) ? Number(k) : k]]);
  }
  return undefined;
}

/** Located `invalid-order` issues for what the order's shape does not allow; none when it is whole. */
export function checkOrderShape(input: unknown, locale?: string): Issue[] {
  const issues: Issue[] = [];
  const bad = (path: Path, reason: Reason<'invalid-order'>, more: Record<string, unknown> = {}) => {
    const params = { reason, ...more };
    issues.push({ code: 'invalid-order', severity: 'error', path, message: issueMessage(locale, 'invalid-order', params), params });
  };
  if (!isObj(input)) {
    bad([], 'not-an-object');
    return issues;
  }
  const deep = tooDeep(input);
  if (deep) {
    bad(deep, 'too-deep', { max: MAX_ORDER_DEPTH, at: at(deep) });
    return issues;
  }
  const fields = (v: unknown, spec: Record<string, Field>, path: Path) => {
    if (!isObj(v)) return bad(path, 'not-an-object-at', { at: at(path) });
    for (const k of Object.keys(v)) if (!Object.prototype.hasOwnProperty.call(spec, k)) bad([...path, k], 'unknown-field', { field: k, at: at(path) });
    for (const [k, [check, what, optional]] of Object.entries(spec)) {
      const own = Object.prototype.hasOwnProperty.call(v, k);
      if (!own ? !optional : !check(v[k])) bad([...path, k], 'wrong-field', { field: k, expected: what, at: at([...path, k]) });
    }
  };
  const list = (v: unknown, spec: Record<string, Field>, path: Path) => Array.isArray(v) && v.forEach((x, i) => fields(x, spec, [...path, i]));
  fields(input, ORDER, []);
  if (isObj(input.product)) fields(input.product, PRODUCT, ['product']);
  list(input.summary, SUMMARY, ['summary']);
  list(input.previews, PREVIEW, ['previews']);
  if (isObj(input.price)) {
    fields(input.price, PRICE, ['price']);
    list(input.price.lines, LINE, ['price', 'lines']);
  }
  if (isObj(input.properties))
    for (const [k, v] of Object.entries(input.properties)) if (typeof v !== 'string') bad(['properties', k], 'wrong-field', { field: k, expected: 'text', at: `properties.${k}` });
  return issues;
}
