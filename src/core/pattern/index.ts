/**
 * A text component's `pattern`, matched in linear time everywhere (the shopper's page on every
 * keystroke, `verifyOrder` on the backend). The semantics are those of
 * `new RegExp(pattern, 'u').test(text)`; patterns that need backtracking (backreferences,
 * lookaround) are refused with the reason and the offset, which `parseProduct` reports.
 */
import { compilePattern as compile, PatternRefused } from './compile.js';
import { matcher } from './run.js';

export interface Pattern {
  /** Whether `text` contains a match (as `RegExp.prototype.test`). */
  test(text: string): boolean;
}

export type PatternResult =
  | { ok: true; pattern: Pattern }
  /** `reason` completes "pattern …"; `at` is the UTF-16 offset of the refused part, when there is one. */
  | { ok: false; reason: string; at?: number };

/** Results by source: a product's texts often share one pattern, and parse and index both ask. */
const compiled = new Map<string, PatternResult>();
const CACHED = 256;

export function compilePattern(source: string): PatternResult {
  let r = compiled.get(source);
  if (!r) {
    r = compileOnce(source);
    if (compiled.size >= CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(source, r);
  }
  return r;
}

function compileOnce(source: string): PatternResult {
  try {
    new RegExp(source, 'u');
  } catch (e) {
    return { ok: false, reason: `does not compile as a Unicode regular expression: ${(e as Error).message}` };
  }
  try {
    return { ok: true, pattern: { test: matcher(compile(source)) } };
  } catch (e) {
    if (!(e instanceof PatternRefused)) throw e;
    return { ok: false, reason: e.message, ...(e.at !== undefined && { at: e.at }) };
  }
}
