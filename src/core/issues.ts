/**
 * Issues are data: every schema, rule, validation and pricing problem is an `Issue`
 * keyed on a stable `code`. Words come later (see `i18n/`), so a shop can translate
 * them and a backend can act on the code alone.
 */

/** Every issue code, stable and documented in README ("Issue codes"). */
export const ISSUE_CODES = [
  'required',
  'too-short',
  'too-long',
  'too-many-lines',
  'pattern',
  'not-allowed',
  'too-few',
  'too-many',
  'font-not-allowed',
  'color-not-allowed',
  'size-out-of-range',
  'curve-out-of-range',
  'file-type',
  'file-too-large',
  'too-many-pixels',
  'low-resolution',
  'outside-area',
  'rule',
  'unknown-component',
  'hidden',
  'price-mismatch',
  'product-mismatch',
  'asset-mismatch',
  'invalid-product',
  'invalid-order',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];
export type Severity = 'error' | 'warning';
/** A JSON path into the document the issue is about: `["components", 3, "area"]`. */
export type Path = (string | number)[];

export interface Issue {
  code: IssueCode;
  severity: Severity;
  /** The component the issue is about, when it is about one. */
  component?: string;
  path: Path;
  /** Human-readable, in the locale asked for (English by default). */
  message: string;
  /** The values the message is built from, so another locale can word it. */
  params?: Record<string, unknown>;
}

/** Renders a path the way a merchant reads it: `components[3].area`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out || '(root)';
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');
