/**
 * The public functions of `product-customizer/core` that accept either a parsed product or the raw
 * definition. A raw definition is parsed once and the result remembered for that object, so calling
 * `evaluate(rawJson, …)` on every keystroke costs no more than with the parsed product.
 */
import { evaluateParsed, type EvaluateOptions, type Evaluation } from './evaluate.js';
import { isParsedProduct, parseProduct, type ParseResult } from './parse.js';

const parsedFor = new WeakMap<object, ParseResult>();

export function resolveProduct(product: unknown): ParseResult {
  if (isParsedProduct(product)) return { ok: true, product, issues: [] };
  if (typeof product !== 'object' || product === null) return parseProduct(product);
  let r = parsedFor.get(product);
  if (!r) {
    r = parseProduct(product);
    parsedFor.set(product, r);
  }
  return r;
}

/**
 * Evaluates the shopper's selections against the product's components and rules: issues, price,
 * and each component's visibility, requiredness and allowed values. Synchronous; never throws.
 */
export function evaluate(product: unknown, selections: unknown, options?: EvaluateOptions): Evaluation {
  const r = resolveProduct(product);
  if (!r.ok) {
    return {
      valid: false,
      issues: r.issues,
      price: { currency: '', base: 0, lines: [], total: 0 },
      components: {},
    };
  }
  return evaluateParsed(r.product, selections, options);
}
