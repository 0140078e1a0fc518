/**
 * Selections: what the shopper made (SPEC §3). `readSelections` turns untrusted input into
 * well-typed values once per evaluation, reporting malformed parts as located issues; it never
 * throws and never reads inherited properties.
 */
import type { Path } from './issues.js';
import type { Reason } from './i18n/messages.js';
import type { ProductIndex } from './model.js';

export interface Transform { x: number; y: number; rotation: number; scale: number }
export interface Asset { key: string; name: string; type: string; bytes: number; width: number; height: number; sha256: string }
export interface TextSelection { text: string; font?: string; color?: string; fontSize?: number; curve?: number; transform?: Transform }
export interface ImageSelection { asset: Asset; transform?: Transform }
export type ChoiceSelection = string | string[];
export type SelectionValue = ChoiceSelection | TextSelection | ImageSelection | boolean;
export type Selections = Record<string, SelectionValue>;

export const DEFAULT_TRANSFORM: Readonly<Transform> = Object.freeze({ x: 0.5, y: 0.5, rotation: 0, scale: 1 });
export const ASSET_KEY_RE = /^[A-Za-z0-9_-]{1,128}$/;
const SHA_RE = /^[0-9a-f]{64}$/;

/**
 * A part of the selections its component cannot hold: `reason` is the `invalid-order` sub-code
 * (i18n/messages.ts words it), `params` the values of its sentence.
 */
export interface Malformed { path: Path; component: string; reason: Reason<'invalid-order'>; params?: Record<string, unknown> }

export type ReadValue =
  | { type: 'choice'; values: string[] | undefined; explicit: boolean }
  | { type: 'text'; text: string; font?: string; color?: string; fontSize?: number; curve?: number; transform?: Transform }
  | { type: 'image'; asset?: Asset; transform?: Transform }
  | { type: 'toggle'; on: boolean };

export interface ReadResult {
  /** One value per component, in the order of `ProductIndex.ids`. */
  values: ReadValue[];
  malformed: Malformed[];
  unknown: string[];
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const TEXT_FIELDS = ['text', 'font', 'color', 'fontSize', 'curve', 'transform'];
const isText = (x: unknown): boolean => typeof x === 'string';
/** A text selection's optional fields, in the order they are checked: the test a value passes, the sub-code when it does not. */
const TEXT_OPTIONS: [string, (x: unknown) => boolean, Reason<'invalid-order'>][] = [
  ['font', isText, 'font-not-name'],
  ['color', isText, 'color-not-text'],
  ['fontSize', finite, 'font-size-not-number'],
  ['curve', finite, 'curve-not-number'],
];
const IMAGE_FIELDS = ['asset', 'transform'];
const TRANSFORM_FIELDS = ['x', 'y', 'rotation', 'scale'];
const ASSET_FIELDS = ['key', 'name', 'type', 'bytes', 'width', 'height', 'sha256'];

/** A field the selection's type does not have (an `asset` on a text) is refused where it stands. */
function unknownFields(v: Record<string, unknown>, fields: string[], what: string, path: Path, id: string, bad: Malformed[]): void {
  for (const k of Object.keys(v))
    if (!fields.includes(k)) bad.push({ path: [...path, k], component: id, reason: 'selection-field', params: { what, field: k, fields } });
}

function readTransform(v: unknown, path: Path, id: string, bad: Malformed[]): Transform | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) {
    bad.push({ path, component: id, reason: 'transform-not-object' });
    return undefined;
  }
  unknownFields(v, TRANSFORM_FIELDS, 'transform', path, id, bad);
  const t = {
    x: own(v, 'x') ? v.x : DEFAULT_TRANSFORM.x,
    y: own(v, 'y') ? v.y : DEFAULT_TRANSFORM.y,
    rotation: own(v, 'rotation') ? v.rotation : DEFAULT_TRANSFORM.rotation,
    scale: own(v, 'scale') ? v.scale : DEFAULT_TRANSFORM.scale,
  };
  for (const k of TRANSFORM_FIELDS as (keyof Transform)[]) {
    if (!finite(t[k])) {
      bad.push({ path: [...path, k], component: id, reason: 'transform-not-finite', params: { field: k } });
      return undefined;
    }
  }
  if ((t.scale as number) <= 0 || (t.scale as number) > 100) {
    bad.push({ path: [...path, 'scale'], component: id, reason: 'transform-scale', params: { min: 0, max: 100 } });
    return undefined;
  }
  return t as Transform;
}

function readAsset(v: unknown, path: Path, id: string, bad: Malformed[]): Asset | undefined {
  if (!isObj(v)) {
    bad.push({ path, component: id, reason: 'asset-not-object' });
    return undefined;
  }
  unknownFields(v, ASSET_FIELDS, 'asset', path, id, bad);
  const checks: [keyof Asset, (x: unknown) => boolean][] = [
    ['key', (x) => typeof x === 'string' && ASSET_KEY_RE.test(x)],
    ['name', (x) => typeof x === 'string' && x.length <= 1000],
    ['type', (x) => typeof x === 'string' && x.length <= 100],
    ['bytes', (x) => Number.isSafeInteger(x) && (x as number) >= 0],
    ['width', (x) => Number.isSafeInteger(x) && (x as number) > 0],
    ['height', (x) => Number.isSafeInteger(x) && (x as number) > 0],
    ['sha256', (x) => typeof x === 'string' && SHA_RE.test(x)],
  ];
  for (const [k, ok] of checks) {
    if (!own(v, k) || !ok(v[k])) {
      bad.push({ path: [...path, k], component: id, reason: 'asset-field', params: { field: k } });
      return undefined;
    }
  }
  const a = v as unknown as Asset;
  return { key: a.key, name: a.name, type: a.type, bytes: a.bytes, width: a.width, height: a.height, sha256: a.sha256 };
}

export function readSelections(idx: ProductIndex, input: unknown): ReadResult {
  const malformed: Malformed[] = [];
  const unknown: string[] = [];
  const values: ReadValue[] = new Array(idx.ids.length);
  const sel: Record<string, unknown> = isObj(input) ? input : {};
  if (input !== undefined && input !== null && !isObj(input))
    malformed.push({ path: [], component: '', reason: 'selections-not-an-object' });
  // One pass over the selections' own keys: each known value read once, by position. for…in (own
  // keys only, in Object.keys' order) lets V8 read a large object's values by slot, not by name.
  const given = new Array<unknown>(idx.ids.length);
  let next = 0; // selections often list components in the product's order: then no lookup is needed
  for (const key in sel) {
    if (!own(sel, key)) continue;
    const i = key === idx.ids[next] ? next : idx.pos.get(key);
    if (i !== undefined) next = i + 1;
    if (i === undefined) unknown.push(key);
    else given[i] = sel[key];
  }

  for (let i = 0; i < idx.ids.length; i++) {
    const id = idx.ids[i]!;
    const c = idx.list[i]!;
    const raw = given[i] ?? undefined;
    const present = raw !== undefined;
    switch (c.type) {
      case 'choice': {
        const multi = idx.choiceAt[i]!.multi;
        if (!present) {
          const d = c.default;
          values[i] = { type: 'choice', values: d === undefined ? [] : Array.isArray(d) ? [...d] : [d], explicit: false };
        } else if (multi ? Array.isArray(raw) && raw.every((x) => typeof x === 'string') : typeof raw === 'string') {
          values[i] = { type: 'choice', values: multi ? [...new Set(raw as string[])] : [raw as string], explicit: true };
        } else {
          malformed.push({ path: [id], component: id, reason: multi ? 'expected-options' : 'expected-option' });
          values[i] = { type: 'choice', values: undefined, explicit: true };
        }
        break;
      }
      case 'text': {
        const v: ReadValue & { type: 'text' } = { type: 'text', text: '' };
        const obj = raw;
        // White space alone is no text: it would print nothing, so it counts as empty everywhere.
        if (typeof raw === 'string') v.text = raw.trim() === '' ? '' : raw;
        else if (present && !isObj(obj)) malformed.push({ path: [id], component: id, reason: 'expected-text-selection' });
        else if (isObj(obj)) {
          unknownFields(obj, TEXT_FIELDS, 'text', [id], id, malformed);
          const text = own(obj, 'text') ? obj.text : '';
          if (typeof text !== 'string') malformed.push({ path: [id, 'text'], component: id, reason: 'text-not-text' });
          else v.text = text.trim() === '' ? '' : text;
          for (const [k, ok, reason] of TEXT_OPTIONS) {
            const x = own(obj, k) ? obj[k] : undefined;
            if (x === undefined) continue;
            if (!ok(x)) malformed.push({ path: [id, k], component: id, reason });
            else (v as Record<string, unknown>)[k] = k === 'color' ? (x as string).toLowerCase() : x;
          }
          const t = readTransform(own(obj, 'transform') ? obj.transform : undefined, [id, 'transform'], id, malformed);
          if (t) v.transform = t;
        }
        values[i] = v;
        break;
      }
      case 'image': {
        const v: ReadValue & { type: 'image' } = { type: 'image' };
        if (present) {
          if (!isObj(raw)) malformed.push({ path: [id], component: id, reason: 'expected-image-selection' });
          else {
            unknownFields(raw, IMAGE_FIELDS, 'image', [id], id, malformed);
            const asset = readAsset(own(raw, 'asset') ? raw.asset : undefined, [id, 'asset'], id, malformed);
            if (asset) v.asset = asset;
            const t = readTransform(own(raw, 'transform') ? raw.transform : undefined, [id, 'transform'], id, malformed);
            if (t) v.transform = t;
          }
        }
        values[i] = v;
        break;
      }
      case 'toggle': {
        if (present && typeof raw !== 'boolean') malformed.push({ path: [id], component: id, reason: 'expected-boolean' });
        values[i] = { type: 'toggle', on: present ? raw === true : c.default === true };
        break;
      }
    }
  }
  return { values, malformed, unknown };
}
