/**
 * JSON from strangers, bounded before it is parsed: a size in bytes and a nesting depth. JSON.parse
 * itself copes with 100 000 nested arrays, but everything after it that walks the value (hashing,
 * stringifying, validating) recurses and overflows the stack; so depth is counted first, in one
 * linear pass over the text, and the parse never starts when a bound is exceeded.
 */

export class JsonBoundsError extends Error {
  /** statusCode: 413 when too large, 400 when too deep or not JSON. */
  constructor(message, statusCode) {
    super(message);
    this.name = 'JsonBoundsError';
    this.statusCode = statusCode;
  }
}

/** The deepest nesting of arrays and objects in a JSON text (brackets inside strings do not count). */
export function jsonDepth(text, stopAt = Infinity) {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
      if (max > stopAt) return max;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/**
 * Parses `text` when it is at most `maxBytes` UTF-8 bytes and `maxDepth` levels deep; otherwise
 * throws a JsonBoundsError saying which bound was exceeded (never echoing the text).
 */
export function parseBoundedJson(text, { maxBytes, maxDepth, what = 'the JSON body' }) {
  const s = String(text);
  const bytes = Buffer.byteLength(s, 'utf8');
  if (bytes > maxBytes) throw new JsonBoundsError(`${what} has ${bytes} bytes; the limit is ${maxBytes}`, 413);
  if (jsonDepth(s, maxDepth) > maxDepth) throw new JsonBoundsError(`${what} is nested more than ${maxDepth} levels deep`, 400);
  try {
    return JSON.parse(s, (key, value) => (key === '__proto__' ? undefined : value));
  } catch {
    throw new JsonBoundsError(`${what} is not valid JSON`, 400);
  }
}
