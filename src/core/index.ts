/**
 * `product-customizer/core`: the pure engine. No DOM, no lit, no konva: it runs in browsers and
 * on shop backends alike, and a bundle test keeps it that way.
 */
export { parseProduct, buildProductJsonSchema } from './parse.js';
export type { ParseResult, ParseOptions } from './parse.js';
export { evaluate, resolveProduct } from './api.js';
export type { Evaluation, EvaluateOptions, ComponentState, Price, PriceLine } from './evaluate.js';
export { buildOrder, verifyOrder, OrderError } from './order/order.js';
export type { Order, OrderPreview, SummaryLine, BuildOrderOptions, OrderFiles, VerifyResult } from './order/order.js';
export { productHash } from './order/hash.js';
export { canonicalJson } from './order/canonical.js';
export { ISSUE_CODES, formatPath, hasErrors } from './issues.js';
export type { Issue, IssueCode, Severity, Path } from './issues.js';
export { readImageInfo, sniffType } from './files/sniff.js';
export { sha256Hex } from './files/sha256.js';
export { measureText, resolveText } from './text.js';
export { imageDpi, printInches, DEFAULT_ACCEPT, DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS, IMPLICIT_MAX_LENGTH } from './model.js';
export { DEFAULT_TRANSFORM } from './selections.js';
export type { Selections, SelectionValue, TextSelection, ImageSelection, ChoiceSelection, Asset, Transform } from './selections.js';
export { coreMessages, en as messagesEn, zhCN as messagesZhCN, formatIssue, issueMessage, REASONS } from './i18n/messages.js';
export type { CoreMessages, IssueMessages, Reason, ReasonCode, ReasonMessages } from './i18n/messages.js';
export type * from './schema/product.js';
import { buildProductJsonSchema } from './parse.js';

/** The JSON Schema (2020-12) of the product definition, for merchants' editors. */
export const productJsonSchema: Record<string, unknown> = /* @__PURE__ */ buildProductJsonSchema();
