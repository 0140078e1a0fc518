/**
 * `buildOrder` and `verifyOrder` (SPEC §5). The order carries the shopper's selections and, for
 * convenience, what the browser computed from them (summary, properties, price). `verifyOrder`
 * trusts none of the computed parts: it recomputes them from the product and the selections and
 * reports every difference.
 */
import { evaluate, resolveProduct } from '../api.js';
import type { Evaluation, Price } from '../evaluate.js';
import { checkDecodes } from '../files/decode.js';
import { readImageInfo, sniffType } from '../files/sniff.js';
import { sha256Hex } from '../files/sha256.js';
import { coreMessages, issueMessage, type Reason, type ReasonCode } from '../i18n/messages.js';
import type { Issue, Path } from '../issues.js';
import { indexProduct, DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, type ProductIndex } from '../model.js';
import { collectVars } from '../rules/logic.js';
import type { Product } from '../schema/product.js';
import { readSelections, type Asset, type ImageSelection, type Selections, type TextSelection } from '../selections.js';
import { resolveText } from '../text.js';
import { canonicalJson } from './canonical.js';
import { productHash } from './hash.js';
import { checkOrderShape } from './shape.js';

export interface SummaryLine { component: string; label: string; value: string }
export interface OrderPreview { view: string; key: string; width: number; height: number }
export interface Order {
  schemaVersion: 1;
  orderId: string;
  createdAt: string;
  product: { id: string; revision: string | number; hash: string };
  selections: Selections;
  summary: SummaryLine[];
  properties: Record<string, string>;
  price: Price;
  previews: OrderPreview[];
  locale: string;
}

export interface BuildOrderOptions {
  locale?: string;
  previews?: OrderPreview[];
  /** Defaults to `crypto.randomUUID()`; pass your own to make a retried submission idempotent. */
  orderId?: string;
  createdAt?: Date | string;
}

export class OrderError extends Error {
  constructor(message: string, readonly issues: Issue[]) {
    super(message);
    this.name = 'OrderError';
  }
}

/** The order's selections: visible, non-empty components only, defaults written out. */
function orderSelections(idx: ProductIndex, selections: unknown, ev: Evaluation): Selections {
  const read = readSelections(idx, selections);
  const out: Selections = {};
  for (let i = 0; i < read.values.length; i++) {
    const id = idx.ids[i]!;
    const v = read.values[i]!;
    const st = ev.components[id];
    if (!st?.visible) continue;
    switch (v.type) {
      case 'choice':
        if (v.values && v.values.length) out[id] = idx.choices.get(id)!.multi ? [...v.values] : v.values[0]!;
        break;
      case 'toggle':
        if (v.on) out[id] = true;
        break;
      case 'text': {
        if (v.text === '') break;
        const d = st.value as { font: string | null; color: string; fontSize: number; curve: number };
        // `curve` only where the product offers it, so the orders of straight texts stay as they were.
        const curve = idx.texts.get(id)!.curve ? { curve: d.curve } : undefined;
        out[id] = { text: v.text, ...(d.font !== null && { font: d.font }), color: d.color, fontSize: d.fontSize, ...curve, ...(v.transform && { transform: v.transform }) };
        break;
      }
      case 'image':
        if (v.asset) out[id] = { asset: v.asset, ...(v.transform && { transform: v.transform }) };
        break;
    }
  }
  return out;
}

function describeOrder(idx: ProductIndex, selections: Selections, locale: string): { summary: SummaryLine[]; properties: Record<string, string> } {
  const msg = coreMessages(locale);
  const L = (t: Parameters<typeof resolveText>[0]) => resolveText(t, locale, idx.locales);
  const summary: SummaryLine[] = [];
  const properties: Record<string, string> = {};
  for (const [id, c] of idx.components) {
    if (!Object.prototype.hasOwnProperty.call(selections, id)) continue;
    const s = selections[id];
    let value = '';
    if (c.type === 'choice') {
      const info = idx.choices.get(id)!;
      value = msg.list((Array.isArray(s) ? s : [s as string]).map((x) => L(info.options.get(x)?.label ?? x)));
    } else if (c.type === 'text') {
      const t = s as TextSelection;
      value = t.curve ? msg.curved(t.text, t.curve) : t.text;
    }
    else if (c.type === 'image') value = (s as ImageSelection).asset.name;
    else value = msg.yes;
    const label = L(c.label);
    summary.push({ component: id, label, value });
    properties[Object.prototype.hasOwnProperty.call(properties, label) ? `${label} (${id})` : label] = value;
  }
  return { summary, properties };
}

/**
 * Builds the order a shop's backend receives. Rejects with an `OrderError` (carrying the issues)
 * when the product is invalid or the selections have errors: an order is only ever made of a valid design.
 */
export async function buildOrder(product: unknown, selections: unknown, options: BuildOrderOptions = {}): Promise<Order> {
  const r = resolveProduct(product);
  if (!r.ok) throw new OrderError('the product definition is invalid', r.issues);
  const p = r.product;
  const idx = indexProduct(p, collectVars);
  const locale = options.locale ?? idx.locales[0] ?? 'en';
  const ev = evaluate(p, selections, { locale });
  if (!ev.valid) throw new OrderError('the design has errors', ev.issues.filter((i) => i.severity === 'error'));
  const sel = orderSelections(idx, selections, ev);
  const createdAt = options.createdAt === undefined ? new Date().toISOString() : new Date(options.createdAt).toISOString();
  return {
    schemaVersion: 1,
    orderId: options.orderId ?? crypto.randomUUID(),
    createdAt,
    product: { id: p.id, revision: p.revision, hash: await productHash(p) },
    selections: sel,
    ...describeOrder(idx, sel, locale),
    price: ev.price,
    previews: options.previews ? options.previews.map((x) => ({ ...x })) : [],
    locale,
  };
}

export type OrderFiles = Record<string, Uint8Array | ArrayBuffer> | Map<string, Uint8Array | ArrayBuffer>;
export interface VerifyResult { ok: boolean; issues: Issue[]; price: Price | null }

/** The bytes sent for an asset key, from a record or a Map of Uint8Array/ArrayBuffer/Buffer. */
export function fileOf(files: OrderFiles, key: string): Uint8Array | undefined {
  const f = files instanceof Map ? files.get(key) : Object.prototype.hasOwnProperty.call(files, key) ? files[key] : undefined;
  if (f === undefined) return undefined;
  return f instanceof Uint8Array ? f : new Uint8Array(f);
}

/** An error about a file or a selection, worded from the catalogue in `locale` from its code and params. */
function worded(locale: string | undefined, code: Issue['code'], path: Path, params: Record<string, unknown>, component?: string): Issue {
  return { code, severity: 'error', path, message: issueMessage(locale, code, params), params, ...(component && { component }) };
}

/**
 * An issue with a sub-code (`params.reason`), worded from the catalogue in `locale` (the order's).
 * Every order problem verifyOrder finds itself is made here.
 */
function problem<C extends ReasonCode>(locale: string | undefined, code: C, reason: Reason<C>, path: Path, more: Record<string, unknown> = {}, component?: string, severity: Issue['severity'] = 'error'): Issue {
  const params = { reason, ...more };
  return { code, severity, path, message: issueMessage(locale, code, params), params, ...(component && { component }) };
}

async function verifyFile(idx: ProductIndex, id: string, asset: Asset, bytes: Uint8Array | undefined, issues: Issue[], locale: string | undefined): Promise<void> {
  const at = ['selections', id, 'asset'];
  if (!bytes) {
    issues.push(problem(locale, 'asset-mismatch', 'no-file', [...at, 'key'], { field: 'file', key: asset.key }, id));
    return;
  }
  const c = idx.images.get(id)!;
  const info = readImageInfo(bytes);
  if (!info.ok) {
    const type = info.type ?? sniffType(bytes);
    issues.push(worded(locale, 'file-type', [...at, 'type'], { type, reason: info.reason, accept: [...c.accept] }, id));
    return;
  }
  const real = info.info;
  if (!c.accept.includes(real.type)) issues.push(worded(locale, 'file-type', [...at, 'type'], { type: real.type, accept: [...c.accept] }, id));
  const maxBytes = c.component.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxPixels = c.component.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (bytes.byteLength > maxBytes) issues.push(worded(locale, 'file-too-large', [...at, 'bytes'], { bytes: bytes.byteLength, max: maxBytes }, id));
  if (real.width * real.height > maxPixels) issues.push(worded(locale, 'too-many-pixels', at, { pixels: real.width * real.height, max: maxPixels }, id));
  // Decoded only within the limits: a decode bomb is refused by its header alone.
  else if (bytes.byteLength <= maxBytes) {
    const decodes = await checkDecodes(bytes, real);
    if (decodes) issues.push(worded(locale, 'file-type', [...at, 'type'], { type: real.type, reason: decodes, accept: [...c.accept] }, id));
  }
  const mismatch = (field: Reason<'asset-mismatch'>, expected: unknown, actual: unknown) =>
    issues.push(problem(locale, 'asset-mismatch', field, [...at, field], { field, expected, actual }, id));
  if (real.type !== asset.type) mismatch('type', asset.type, real.type);
  if (bytes.byteLength !== asset.bytes) mismatch('bytes', asset.bytes, bytes.byteLength);
  if (real.width !== asset.width) mismatch('width', asset.width, real.width);
  if (real.height !== asset.height) mismatch('height', asset.height, real.height);
  const hash = await sha256Hex(bytes);
  if (hash !== asset.sha256) mismatch('sha256', asset.sha256, hash);
}

/**
 * Re-verifies an order on the shop's backend. Trusts nothing but the selections: recomputes
 * the evaluation, price, summary and properties from the product; with `files` (asset key →
 * bytes), checks each upload's real type (magic bytes), size, dimensions and SHA-256.
 * Never throws; `price` is the recomputed price (null when product or order cannot be read).
 */
export async function verifyOrder(product: unknown, order: unknown, files?: OrderFiles): Promise<VerifyResult> {
  try {
    const r = resolveProduct(product);
    if (!r.ok) return { ok: false, issues: r.issues, price: null };
    const p: Product = r.product;
    const idx = indexProduct(p, collectVars);
    const input = typeof order === 'string' ? safeJson(order) : order;
    const shapeIssues = checkOrderShape(input, orderLocale(input));
    if (shapeIssues.length) return { ok: false, issues: shapeIssues, price: null };
    const o = input as Order;
    const locale = o.locale;
    const issues: Issue[] = [];
    const hash = await productHash(p);
    const mism = (field: Reason<'product-mismatch'>, expected: unknown, actual: unknown) =>
      issues.push(problem(locale, 'product-mismatch', field, ['product', field], { field, expected, actual }));
    if (o.product.id !== p.id) mism('id', p.id, o.product.id);
    if (String(o.product.revision) !== String(p.revision)) mism('revision', p.revision, o.product.revision);
    if (o.product.hash !== hash) mism('hash', hash, o.product.hash);

    const ev = evaluate(p, o.selections, { locale: o.locale });
    for (const i of ev.issues) issues.push({ ...i, path: ['selections', ...i.path] });
    for (const id of Object.keys(o.selections)) {
      if (ev.components[id] && !ev.components[id]!.visible)
        issues.push(worded(locale, 'hidden', ['selections', id], { component: id }, id));
    }
    if (canonicalJson(o.price) !== canonicalJson(ev.price))
      issues.push(problem(locale, 'price-mismatch', 'total', ['price'], { expected: ev.price.total, actual: (o.price as Partial<Price>).total }));
    if (ev.valid) {
      const expected = describeOrder(idx, orderSelections(idx, o.selections, ev), o.locale);
      if (canonicalJson(expected.summary) !== canonicalJson(o.summary)) issues.push(problem(locale, 'invalid-order', 'summary', ['summary']));
      if (canonicalJson(expected.properties) !== canonicalJson(o.properties)) issues.push(problem(locale, 'invalid-order', 'properties', ['properties']));
    }
    if (files) {
      for (const [id] of idx.images) {
        const s = o.selections[id] as ImageSelection | undefined;
        if (!s || !ev.components[id]?.visible || typeof s !== 'object' || !s.asset) continue;
        if (typeof s.asset.key !== 'string') continue; // malformed: evaluate reported it
        await verifyFile(idx, id, s.asset, fileOf(files, s.asset.key), issues, locale);
      }
      for (const [i, pv] of o.previews.entries()) {
        const bytes = fileOf(files, pv.key);
        const info = bytes && readImageInfo(bytes);
        if (!bytes) issues.push(problem(locale, 'asset-mismatch', 'no-preview-file', ['previews', i, 'key'], { field: 'file', key: pv.key }, undefined, 'warning'));
        else if (!info?.ok || info.info.type !== 'image/png' || info.info.width * info.info.height > DEFAULT_MAX_PIXELS || (await checkDecodes(bytes, info.info)))
          issues.push(worded(locale, 'file-type', ['previews', i, 'key'], { type: sniffType(bytes), accept: ['image/png'], key: pv.key }));
      }
    }
    return { ok: !issues.some((i) => i.severity === 'error'), issues, price: ev.price };
  } catch (e) {
    // Reached only by a failure of the platform (e.g. no crypto); reported, never thrown.
    return { ok: false, issues: [problem(undefined, 'invalid-order', 'unverifiable', [], { error: (e as Error)?.message ?? String(e) })], price: null };
  }
}

/** The locale an order asks for, when it has one, for the words of its shape's problems. */
function orderLocale(input: unknown): string | undefined {
  const l = typeof input === 'object' && input !== null ? (input as { locale?: unknown }).locale : undefined;
  return typeof l === 'string' ? l : undefined;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
