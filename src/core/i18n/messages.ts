/**
 * Words for issues, kept apart from the logic that finds them (STYLE 3): validators emit
 * `{ code, params }`; a catalog turns that into a sentence in the shopper's locale.
 * English and Simplified Chinese are built in; the element can add more at runtime.
 */
import type { Issue, IssueCode } from '../issues.js';

type P = Record<string, any>;
export type IssueMessages = { [K in IssueCode]?: (p: P) => string };
export interface CoreMessages {
  issues: IssueMessages;
  /** Summary value of a toggle that is on. */
  yes: string;
  /** Joins several option labels in a summary. */
  list: (items: string[]) => string;
  /** Summary value of a text bent along an arc of `degrees`. */
  curved: (text: string, degrees: number) => string;
  /** The sentence of each sub-code (`params.reason`) of the codes that have them. */
  reasons: ReasonMessages;
}

const list = (p: P, key: string) => (Array.isArray(p[key]) ? (p[key] as unknown[]).join(', ') : '');

// ---- Sub-codes ---------------------------------------------------------------------------------
// `invalid-product`, `invalid-order`, `product-mismatch`, `asset-mismatch` and `price-mismatch` name
// the problem in `params.reason`, one of the stable names below (README "Issue codes"); the other
// params are the values its sentence is made of, so a catalogue (or a shop) can word it.

export const REASONS = {
  'invalid-product': [
    // the JSON itself
    'not-json-text', 'not-json-number', 'not-json-value', 'too-deep', 'not-plain', 'forbidden-key', 'not-an-object', 'unreadable',
    // the shape (schema)
    'missing-field', 'wrong-type', 'too-small', 'too-big', 'bad-id', 'bad-color', 'bad-format', 'not-one-of', 'unknown-field',
    'unknown-type', 'invalid',
    // parts that must agree
    'unsupported-schema-version', 'unknown-currency', 'bad-locale', 'duplicate', 'proportion-mismatch', 'unknown-area', 'min-above-max',
    'max-above-options', 'default-is-list', 'default-not-list', 'default-count', 'default-not-an-option', 'default-disabled', 'unknown-layer',
    'effect-shape', 'range-order', 'bad-pattern', 'font-not-in-product', 'no-fonts', 'all-characters-free', 'unsupported-accept',
    'warn-dpi-not-above-min',
    // rules
    'unknown-operator', 'rule-too-large', 'rule-too-deep', 'rule-not-json', 'rule-operation-keys', 'rule-iterator-shape', 'rule-arity',
    'rule-var-path', 'rule-var-blocked', 'rule-missing-some-shape', 'rule-unreadable', 'unknown-reference', 'no-such-field',
    'no-such-subfield', 'never-matches', 'no-effect', 'never-chosen', 'restrict-not-an-option', 'not-a-color', 'not-offered',
    'bad-restrict-key', 'leaves-no-option', 'leaves-nothing', 'price-on-hideable',
  ],
  'invalid-order': [
    // the order's shape
    'not-an-object', 'too-deep', 'not-an-object-at', 'unknown-field', 'wrong-field',
    // what it says against what it holds
    'summary', 'properties', 'unverifiable',
    // a selection that its component cannot hold
    'selections-not-an-object', 'expected-option', 'expected-options', 'expected-text-selection', 'expected-image-selection',
    'expected-boolean', 'selection-field', 'text-not-text', 'font-not-name', 'color-not-text', 'font-size-not-number', 'curve-not-number',
    'transform-not-object', 'transform-not-finite', 'transform-scale', 'asset-not-object', 'asset-field',
  ],
  'product-mismatch': ['id', 'revision', 'hash'],
  'asset-mismatch': ['no-file', 'no-preview-file', 'type', 'bytes', 'width', 'height', 'sha256'],
  'price-mismatch': ['total'],
} as const;
export type ReasonCode = keyof typeof REASONS;
export type Reason<C extends ReasonCode = ReasonCode> = (typeof REASONS)[C][number];
/** A sentence for every sub-code of every code that has them. */
export type ReasonMessages = { [C in ReasonCode]: { [R in Reason<C>]: (p: P) => string } };

/** `n` with the word for its count, from Intl.PluralRules (never `n === 1 ? … : …`). */
function plural(locale: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  const form = forms[new Intl.PluralRules(locale).select(n)] ?? forms.other;
  return form.replace('#', String(n));
}

const q = (v: unknown) => JSON.stringify(v);
const names = (p: P, key: string, sep: string, none: string) => (Array.isArray(p[key]) && p[key].length ? (p[key] as unknown[]).join(sep) : none);

const EN_EXPECTED: Record<string, string> = {
  number: 'a number', int: 'a whole number', string: 'a text', boolean: 'true or false', array: 'a list', object: 'an object',
  record: 'an object', literal: 'a fixed value', money: 'a whole number of minor units (1999 = 19.99)',
  'text-or-map': 'a text, or a map of locale to text ({"en": "…"})',
};
const ZH_EXPECTED: Record<string, string> = {
  number: '数字', int: '整数', string: '文本', boolean: 'true 或 false', array: '列表', object: '对象', record: '对象', literal: '固定值',
  money: '以最小货币单位表示的整数（1999 = 19.99）', 'text-or-map': '文本，或语言到文本的映射（{"zh-CN": "…"}）',
};
/** What was found, from `params.got` (nothing, null, list, object, text, number, boolean) and `params.value`. */
const enGot = (p: P) =>
  p.got === 'text' ? `the text ${q(p.value)}` : p.got === 'number' ? `the number ${p.value}` : p.got === 'boolean' ? String(p.value)
  : p.got === 'list' ? 'a list' : p.got === 'object' ? 'an object' : p.got === 'null' ? 'null' : 'nothing';
const zhGot = (p: P) =>
  p.got === 'text' ? `文本 ${q(p.value)}` : p.got === 'number' ? `数字 ${p.value}` : p.got === 'boolean' ? String(p.value)
  : p.got === 'list' ? '列表' : p.got === 'object' ? '对象' : p.got === 'null' ? 'null' : '空';
const expected = (table: Record<string, string>, p: P, or: string) =>
  (Array.isArray(p.expected) ? (p.expected as string[]) : [String(p.expected)]).map((k) => table[k] ?? k).join(or);

/** An empty list where one item is needed, by field. */
const EN_NONE: Record<string, string> = {
  options: 'a choice needs at least one option', fonts: 'list at least one font, or leave fonts out',
  colors: 'list at least one colour, or leave colors out', accept: 'list at least one type, or leave accept out', views: 'a product needs at least one view',
};
const ZH_NONE: Record<string, string> = {
  options: '选项组件至少需要一个选项', fonts: '请至少列出一种字体，或省略 fonts', colors: '请至少列出一种颜色，或省略 colors',
  accept: '请至少列出一种类型，或省略 accept', views: '商品至少需要一个视图',
};
const EN_WHAT: Record<string, string> = {
  font: 'font', view: 'view id', layer: 'layer id', area: 'area id', component: 'component id', rule: 'rule id', option: 'option value',
};
const ZH_WHAT: Record<string, string> = { font: '字体', view: '视图 id', layer: '图层 id', area: '区域 id', component: '组件 id', rule: '规则 id', option: '选项值' };
/** What an order's field holds (`params.expected` of invalid-order wrong-field). */
const EN_ORDER_KIND: Record<string, string> = {
  text: 'a text', number: 'a number', 'text-or-number': 'a text or a number', list: 'a list', key: '1–128 letters, digits, "-" or "_"',
  'schema-version': 'schemaVersion 1', uuid: 'a UUID', 'date-time': 'an ISO 8601 date and time', product: 'an object { id, revision, hash }',
  selections: 'an object keyed by component id', properties: 'an object of texts', price: 'an object { currency, base, lines, total }',
};
const ZH_ORDER_KIND: Record<string, string> = {
  text: '文本', number: '数字', 'text-or-number': '文本或数字', list: '列表', key: '1–128 个字母、数字、“-”或“_”', 'schema-version': 'schemaVersion 1',
  uuid: 'UUID', 'date-time': 'ISO 8601 日期时间', product: '对象 { id, revision, hash }', selections: '以组件 id 为键的对象',
  properties: '文本组成的对象', price: '对象 { currency, base, lines, total }',
};
const enField = (f: unknown) => (f === 'font' ? 'font' : f === 'color' ? 'colour' : 'option');
const zhField = (f: unknown) => (f === 'font' ? '字体' : f === 'color' ? '颜色' : '选项');

declare const __PC_LEAN__: boolean | undefined;
/**
 * The shopper's drop-in (built with __PC_LEAN__) leaves out the sentences of the problems a shopper
 * never causes (≈4 KB gzip): a broken product definition (`invalid-product`, for merchants: the
 * studio, the CLI and `parseProduct` in Node word them) and what only `verifyOrder` on a server
 * finds (`invalid-order`, `product-mismatch`, `asset-mismatch`, `price-mismatch`). There an issue
 * reads as its code's own sentence with its sub-code and params, e.g. "The product definition is
 * invalid. (missing-field; field: price)"; `code`, `params` and `path` are the same in every build.
 */
const LEAN = typeof __PC_LEAN__ !== 'undefined';
const lean = <T>(full: T): T => (LEAN ? ({} as T) : full);

const enReasons: ReasonMessages = {
  'invalid-product': lean({
    'not-json-text': (p) => `not valid JSON: ${p.error}`,
    'not-json-number': (p) => `${p.value} is not a JSON number`,
    'not-json-value': (p) => `a ${p.type} is not a JSON value`,
    'too-deep': (p) => `nested too deeply (more than ${p.max} levels)`,
    'not-plain': () => 'expected plain JSON data',
    'forbidden-key': (p) => `the key "${p.key}" is not allowed`,
    'not-an-object': (p) => `a product definition is a JSON object, got ${enGot(p)}`,
    unreadable: (p) => `could not be read: ${p.error}`,
    'missing-field': (p) => `"${p.field}" is required`,
    'wrong-type': (p) => `expected ${expected(EN_EXPECTED, p, ' or ')}, got ${enGot(p)}`,
    'too-small': (p) =>
      p.origin === 'string' ? (p.minimum === 1 ? 'must not be empty' : `must be at least ${plural('en', p.minimum, { one: '# character', other: '# characters' })}`)
      : p.origin === 'array' ? (p.minimum === 1 && EN_NONE[p.field]) || `must have at least ${plural('en', p.minimum, { one: '# item', other: '# items' })}`
      : p.inclusive === false ? `must be greater than ${p.minimum}` : `must be ${p.minimum} or more`,
    'too-big': (p) =>
      p.origin === 'string' ? (p.field === 'id' ? `ids are at most ${p.maximum} characters` : `must be at most ${plural('en', p.maximum, { one: '# character', other: '# characters' })}`)
      : p.origin === 'array' ? `must have at most ${plural('en', p.maximum, { one: '# item', other: '# items' })}`
      : p.inclusive === false ? `must be less than ${p.maximum}` : `must be ${p.maximum} or less`,
    'bad-id': () => 'ids use letters, digits, "-" and "_", and start with a letter or digit',
    'bad-color': () => 'colours are written #rrggbb, e.g. "#1f2a44"',
    'bad-format': (p) => `must match ${p.pattern ?? p.format}`,
    'not-one-of': (p) => `must be ${p.values.length > 1 ? 'one of ' : ''}${p.values.map(q).join(', ')}, got ${enGot(p)}`,
    'unknown-field': (p) => `unknown field "${p.field}" is ignored`,
    'unknown-type': (p) => `must be one of ${p.types.map(q).join(', ')}, got ${enGot(p)}`,
    invalid: () => 'is not valid here',
    'unsupported-schema-version': (p) => `schemaVersion ${p.version} is not supported; this version of product-customizer supports ${p.supported.join(', ')}`,
    'unknown-currency': (p) => `"${p.currency}" is not an ISO 4217 currency code (e.g. "USD", "EUR", "CNY")`,
    'bad-locale': (p) => `"${p.locale}" is not a valid locale tag (e.g. "en", "zh-CN")`,
    duplicate: (p) => `duplicate ${EN_WHAT[p.what] ?? p.what} "${p.id}" (also at index ${p.first})`,
    'proportion-mismatch': (p) =>
      `area "${p.area}" is ${p.width} × ${p.height} px (width : height ${p.ratio}) but prints ${p.printWidth} × ${p.printHeight} ${p.unit} (${p.printRatio}): ` +
      'an area keeps its print proportions within 1 %, or a design prints at another place and size than the shopper placed it; ' +
      `make the area ${p.width} × ${p.suggestHeight} px, or its print ${p.printWidth} × ${p.suggestPrintHeight} ${p.unit}`,
    'unknown-area': (p) => `area "${p.area}" does not exist; this product has ${names(p, 'areas', ', ', '(none)')}`,
    'min-above-max': (p) => `${p.minField} (${p.min}) is greater than ${p.maxField} (${p.max})`,
    'max-above-options': (p) => `max (${p.max}) is more than the ${plural('en', p.options, { one: '# option', other: '# options' })}`,
    'default-is-list': () => 'default is a list, but this choice takes one value (set max above 1 for several)',
    'default-not-list': () => 'this choice takes several values (max > 1): write default as a list',
    'default-count': (p) => `default has ${plural('en', p.count, { one: '# value', other: '# values' })}; between ${p.min} and ${p.max} are allowed`,
    'default-not-an-option': (p) => `default "${p.value}" is not an option; options are ${names(p, 'options', ', ', '(none)')}`,
    'default-disabled': (p) => `default "${p.value}" is a disabled option`,
    'unknown-layer': (p) => `layer "${p.layer}" does not exist; this product has ${names(p, 'layers', ', ', '(none)')}`,
    'effect-shape': () => 'an effect sets exactly one of "tint" or "src"',
    'range-order': (p) => `${p.field} needs min ≤ default ≤ max, got ${p.min} / ${p.default} / ${p.max}`,
    'bad-pattern': (p) => `pattern ${p.detail}`,
    'font-not-in-product': (p) => `font "${p.font}" is not in the product's fonts; it will fall back to a system font and may print differently`,
    'no-fonts': () => 'the product has no fonts: this text uses the browser’s default font, which may print differently',
    'all-characters-free': (p) => `all ${p.max} characters are free, so perCharacter never applies`,
    'unsupported-accept': (p) => `"${p.type}" cannot be accepted; product-customizer reads ${p.supported.join(', ')}`,
    'warn-dpi-not-above-min': (p) => `warnDpi (${p.warnDpi}) is not above minDpi (${p.minDpi}), so the warning never shows`,
    'unknown-operator': (p) => `unknown operator "${p.operator}"; supported: ${p.supported.join(', ')}`,
    'rule-too-large': (p) => `the rule is too large (more than ${p.max} parts)`,
    'rule-too-deep': (p) => `the rule is nested too deeply (more than ${p.max} levels)`,
    'rule-not-json': (p) => (p.type ? `a ${p.type} is not a JSON value` : `${p.value} is not a JSON number`),
    'rule-operation-keys': (p) => `an operation has exactly one key, its operator; found ${p.keys.length ? p.keys.map((k: string) => `"${k}"`).join(', ') : 'none'}`,
    'rule-iterator-shape': (p) => `"${p.operator}" takes a list and a rule applied to each element: {"${p.operator}": [list, rule${p.operator === 'reduce' ? ', initial' : ''}]}`,
    'rule-arity': (p) => {
      const n = (k: number) => plural('en', k, { one: '# argument', other: '# arguments' });
      const takes = p.min === p.max ? n(p.min) : p.max === null ? `at least ${n(p.min)}` : `${p.min} or ${n(p.max)}`;
      return `"${p.operator}" takes ${takes}, got ${p.count}`;
    },
    'rule-var-path': () => '"var" takes a path: a text like "engraving.length", a number, or ["path", default]',
    'rule-var-blocked': (p) => `"var" may not read "${p.path}"`,
    'rule-missing-some-shape': () => '"missing_some" takes a count and a list of names: {"missing_some": [1, ["a", "b"]]}',
    'rule-unreadable': () => 'the rule could not be read as JSON',
    'unknown-reference': (p) =>
      `rule "${p.rule}" ${p.via === 'hide' ? 'hides' : p.via === 'require' ? 'requires' : 'reads'} "${p.component}", which is not a component; components are ${names(p, 'components', ', ', '(none)')}`,
    'no-such-field': (p) => `rule "${p.rule}" reads "${p.var}": a ${p.type} ${p.fields.length ? `has ${p.fields.join(', ')}` : 'has no fields'}`,
    'no-such-subfield': (p) => `rule "${p.rule}" reads "${p.var}", which has no such field`,
    'never-matches': (p) =>
      `rule "${p.rule}" compares "${p.var}" with ${q(p.value)}, which is not one of its ${enField(p.field)}s (${names(p, 'known', ', ', '(none)')}), so that comparison can never match`,
    'no-effect': (p) => `rule "${p.rule}" does nothing: give "then" a hide, require, restrict, price or error`,
    'never-chosen': (p) => `option "${p.option}" of "${p.component}" can never be chosen: rule "${p.rule}" always applies and excludes it`,
    'restrict-not-an-option': (p) => `rule "${p.rule}" restricts "${p.component}" to "${p.value}", which is not an option; options are ${names(p, 'options', ', ', '(none)')}`,
    'not-a-color': (p) => `"${p.value}" is not a colour; colours are written #rrggbb`,
    'not-offered': (p) => `rule "${p.rule}" restricts "${p.key}" to "${p.value}", which "${p.component}" does not offer (${names(p, 'offered', ', ', '(none)')})`,
    'bad-restrict-key': (p) => `rule "${p.rule}": restrict keys are a choice's id or "<text id>.font" / "<text id>.color"; "${p.key}" is neither`,
    'leaves-no-option': (p) => `rule "${p.rule}" leaves no option of "${p.component}" that can be chosen`,
    'leaves-nothing': (p) => `rule "${p.rule}" leaves no ${p.field} for "${p.component}"`,
    'price-on-hideable': (p) => `rule "${p.rule}" prices on "${p.component}", which rule "${p.hider}" can hide; a hidden component reads as absent, so this price then never applies`,
  }),
  'invalid-order': lean({
    'not-an-object': () => 'an order is a JSON object',
    'too-deep': (p) => `the order is nested too deeply (more than ${p.max} levels) at ${p.at || 'the top level'}`,
    'not-an-object-at': (p) => `expected an object at ${p.at || 'the top level'}`,
    'unknown-field': (p) => `unknown field "${p.field}" at ${p.at || 'the top level'}`,
    'wrong-field': (p) => `expected ${EN_ORDER_KIND[p.expected] ?? p.expected} at ${p.at || 'the top level'}`,
    summary: () => 'the summary does not match the selections',
    properties: () => 'the properties do not match the selections',
    unverifiable: (p) => `the order could not be verified: ${p.error}`,
    'selections-not-an-object': () => 'selections must be an object keyed by component id',
    'expected-option': () => 'expected an option value (a text)',
    'expected-options': () => 'expected a list of option values',
    'expected-text-selection': () => 'expected { text, font?, color?, fontSize?, curve?, transform? }',
    'expected-image-selection': () => 'expected { asset, transform? }',
    'expected-boolean': () => 'expected true or false',
    'selection-field': (p) => `${p.what === 'asset' ? 'an asset' : p.what === 'transform' ? 'a transform' : p.what === 'image' ? 'an image selection' : 'a text selection'} has no field "${p.field}"; its fields are ${p.fields.join(', ')}`,
    'text-not-text': () => 'text must be a text',
    'font-not-name': () => 'font must be a font family name',
    'color-not-text': () => 'color must be #rrggbb',
    'font-size-not-number': () => 'fontSize must be a number',
    'curve-not-number': () => 'curve must be a number of degrees',
    'transform-not-object': () => 'transform must be an object { x, y, rotation, scale }',
    'transform-not-finite': (p) => `transform.${p.field} must be a finite number`,
    'transform-scale': () => 'transform.scale must be above 0 and at most 100',
    'asset-not-object': () => 'asset must be an object { key, name, type, bytes, width, height, sha256 }',
    'asset-field': (p) =>
      `asset.${p.field} must be ${({ key: '1–128 letters, digits, "-" or "_"', name: 'a file name', type: 'a MIME type', bytes: 'a whole number of bytes', width: 'a whole number of pixels', height: 'a whole number of pixels', sha256: '64 lowercase hex digits' } as Record<string, string>)[p.field] ?? 'valid'}`,
  }),
  'product-mismatch': lean({
    id: (p) => `the order is for product id ${q(p.actual)}, this product has ${q(p.expected)}`,
    revision: (p) => `the order is for product revision ${q(p.actual)}, this product has ${q(p.expected)}`,
    hash: (p) => `the order is for product hash ${q(p.actual)}, this product has ${q(p.expected)}`,
  }),
  'asset-mismatch': lean({
    'no-file': (p) => `no file was sent for asset "${p.key}"`,
    'no-preview-file': (p) => `no file was sent for preview "${p.key}"`,
    type: (p) => `the file's type is ${p.actual}, the order says ${p.expected}`,
    bytes: (p) => `the file's bytes is ${p.actual}, the order says ${p.expected}`,
    width: (p) => `the file's width is ${p.actual}, the order says ${p.expected}`,
    height: (p) => `the file's height is ${p.actual}, the order says ${p.expected}`,
    sha256: (p) => `the file's sha256 is ${p.actual}, the order says ${p.expected}`,
  }),
  'price-mismatch': lean({
    total: (p) => `the order's price (total ${p.actual}) differs from the product's (total ${p.expected})`,
  }),
};

const zhReasons: ReasonMessages = {
  'invalid-product': LEAN ? ({} as ReasonMessages['invalid-product']) : {
    'not-json-text': (p) => `不是有效的 JSON：${p.error}`,
    'not-json-number': (p) => `${p.value} 不是 JSON 数字`,
    'not-json-value': (p) => `${p.type} 类型不是 JSON 值`,
    'too-deep': (p) => `嵌套过深（超过 ${p.max} 层）`,
    'not-plain': () => '应为普通 JSON 数据',
    'forbidden-key': (p) => `不允许使用键“${p.key}”`,
    'not-an-object': (p) => `商品定义应为 JSON 对象，实际为${zhGot(p)}`,
    unreadable: (p) => `无法读取：${p.error}`,
    'missing-field': (p) => `缺少必填字段“${p.field}”`,
    'wrong-type': (p) => `应为${expected(ZH_EXPECTED, p, '或')}，实际为${zhGot(p)}`,
    'too-small': (p) =>
      p.origin === 'string' ? (p.minimum === 1 ? '不能为空' : `至少 ${p.minimum} 个字符`)
      : p.origin === 'array' ? (p.minimum === 1 && ZH_NONE[p.field]) || `至少 ${p.minimum} 项`
      : p.inclusive === false ? `必须大于 ${p.minimum}` : `必须大于或等于 ${p.minimum}`,
    'too-big': (p) =>
      p.origin === 'string' ? `最多 ${p.maximum} 个字符` : p.origin === 'array' ? `最多 ${p.maximum} 项`
      : p.inclusive === false ? `必须小于 ${p.maximum}` : `必须小于或等于 ${p.maximum}`,
    'bad-id': () => 'id 只能包含字母、数字、“-”和“_”，并以字母或数字开头',
    'bad-color': () => '颜色写作 #rrggbb，例如 "#1f2a44"',
    'bad-format': (p) => `必须符合 ${p.pattern ?? p.format}`,
    'not-one-of': (p) => `必须是 ${p.values.map(q).join('、')} 之一，实际为${zhGot(p)}`,
    'unknown-field': (p) => `未知字段“${p.field}”，已忽略`,
    'unknown-type': (p) => `类型必须是 ${p.types.map(q).join('、')} 之一，实际为${zhGot(p)}`,
    invalid: () => '此处的值无效',
    'unsupported-schema-version': (p) => `不支持 schemaVersion ${p.version}；此版本的 product-customizer 支持 ${p.supported.join('、')}`,
    'unknown-currency': (p) => `“${p.currency}”不是 ISO 4217 货币代码（例如 "USD"、"EUR"、"CNY"）`,
    'bad-locale': (p) => `“${p.locale}”不是有效的语言标记（例如 "en"、"zh-CN"）`,
    duplicate: (p) => `重复的${ZH_WHAT[p.what] ?? p.what}“${p.id}”（另见索引 ${p.first}）`,
    'proportion-mismatch': (p) =>
      `区域“${p.area}”为 ${p.width} × ${p.height} 像素（宽高比 ${p.ratio}），但印刷尺寸为 ${p.printWidth} × ${p.printHeight} ${p.unit}（${p.printRatio}）：` +
      `区域须与印刷比例相差不超过 1%，否则设计会印在与顾客摆放不同的位置和尺寸；请将区域改为 ${p.width} × ${p.suggestHeight} 像素，或将印刷尺寸改为 ${p.printWidth} × ${p.suggestPrintHeight} ${p.unit}`,
    'unknown-area': (p) => `区域“${p.area}”不存在；此商品的区域有：${names(p, 'areas', '、', '（无）')}`,
    'min-above-max': (p) => `${p.minField}（${p.min}）大于 ${p.maxField}（${p.max}）`,
    'max-above-options': (p) => `max（${p.max}）超过了选项数量（${p.options} 个）`,
    'default-is-list': () => 'default 是列表，但此选项只能选一个值（如需多选，请将 max 设为大于 1）',
    'default-not-list': () => '此选项可选多个值（max > 1）：请将 default 写成列表',
    'default-count': (p) => `default 有 ${p.count} 个值；允许 ${p.min} 到 ${p.max} 个`,
    'default-not-an-option': (p) => `default“${p.value}”不是选项；选项有：${names(p, 'options', '、', '（无）')}`,
    'default-disabled': (p) => `default“${p.value}”是已禁用的选项`,
    'unknown-layer': (p) => `图层“${p.layer}”不存在；此商品的图层有：${names(p, 'layers', '、', '（无）')}`,
    'effect-shape': () => '效果只能设置 "tint" 或 "src" 其中之一',
    'range-order': (p) => `${p.field} 须满足 min ≤ default ≤ max，实际为 ${p.min} / ${p.default} / ${p.max}`,
    'bad-pattern': (p) => `正则表达式 pattern 无法使用：${p.detail}`,
    'font-not-in-product': (p) => `字体“${p.font}”不在商品的字体中；将使用系统字体，印刷效果可能不同`,
    'no-fonts': () => '商品没有字体：此文字使用浏览器默认字体，印刷效果可能不同',
    'all-characters-free': (p) => `全部 ${p.max} 个字符都免费，perCharacter 永远不会生效`,
    'unsupported-accept': (p) => `无法接受“${p.type}”；product-customizer 可读取 ${p.supported.join('、')}`,
    'warn-dpi-not-above-min': (p) => `warnDpi（${p.warnDpi}）不高于 minDpi（${p.minDpi}），警告永远不会显示`,
    'unknown-operator': (p) => `未知运算符“${p.operator}”；支持的运算符：${p.supported.join('、')}`,
    'rule-too-large': (p) => `规则过大（超过 ${p.max} 个部分）`,
    'rule-too-deep': (p) => `规则嵌套过深（超过 ${p.max} 层）`,
    'rule-not-json': (p) => (p.type ? `${p.type} 类型不是 JSON 值` : `${p.value} 不是 JSON 数字`),
    'rule-operation-keys': (p) => `一个运算只能有一个键，即其运算符；实际为 ${p.keys.length ? p.keys.map((k: string) => `"${k}"`).join('、') : '无'}`,
    'rule-iterator-shape': (p) => `“${p.operator}”需要一个列表和应用于每个元素的规则：{"${p.operator}": [list, rule${p.operator === 'reduce' ? ', initial' : ''}]}`,
    'rule-arity': (p) =>
      `“${p.operator}”需要${p.min === p.max ? ` ${p.min} 个` : p.max === null ? `至少 ${p.min} 个` : ` ${p.min} 或 ${p.max} 个`}参数，实际为 ${p.count} 个`,
    'rule-var-path': () => '"var" 需要一个路径：如 "engraving.length" 的文本、数字，或 ["path", default]',
    'rule-var-blocked': (p) => `"var" 不能读取“${p.path}”`,
    'rule-missing-some-shape': () => '"missing_some" 需要一个数量和一个名称列表：{"missing_some": [1, ["a", "b"]]}',
    'rule-unreadable': () => '规则无法作为 JSON 读取',
    'unknown-reference': (p) =>
      `规则“${p.rule}”${p.via === 'hide' ? '隐藏' : p.via === 'require' ? '要求' : '读取'}“${p.component}”，但它不是组件；组件有：${names(p, 'components', '、', '（无）')}`,
    'no-such-field': (p) => `规则“${p.rule}”读取“${p.var}”：${p.type} ${p.fields.length ? `只有 ${p.fields.join('、')}` : '没有字段'}`,
    'no-such-subfield': (p) => `规则“${p.rule}”读取“${p.var}”，但没有这个字段`,
    'never-matches': (p) => `规则“${p.rule}”将“${p.var}”与 ${q(p.value)} 比较，但它不是可用的${zhField(p.field)}（${names(p, 'known', '、', '（无）')}），此比较永远不会成立`,
    'no-effect': (p) => `规则“${p.rule}”没有任何作用：请在 "then" 中设置 hide、require、restrict、price 或 error`,
    'never-chosen': (p) => `“${p.component}”的选项“${p.option}”永远无法选择：规则“${p.rule}”始终生效并排除了它`,
    'restrict-not-an-option': (p) => `规则“${p.rule}”将“${p.component}”限制为“${p.value}”，但它不是选项；选项有：${names(p, 'options', '、', '（无）')}`,
    'not-a-color': (p) => `“${p.value}”不是颜色；颜色写作 #rrggbb`,
    'not-offered': (p) => `规则“${p.rule}”将“${p.key}”限制为“${p.value}”，但“${p.component}”不提供它（${names(p, 'offered', '、', '（无）')}）`,
    'bad-restrict-key': (p) => `规则“${p.rule}”：restrict 的键须为选项组件的 id 或 "<文本 id>.font" / "<文本 id>.color"；“${p.key}”都不是`,
    'leaves-no-option': (p) => `规则“${p.rule}”使“${p.component}”没有可选的选项`,
    'leaves-nothing': (p) => `规则“${p.rule}”使“${p.component}”没有可用的${zhField(p.field)}`,
    'price-on-hideable': (p) => `规则“${p.rule}”根据“${p.component}”定价，但规则“${p.hider}”可能隐藏它；隐藏的组件视为不存在，此价格届时不会生效`,
  },
  'invalid-order': lean({
    'not-an-object': () => '订单应为 JSON 对象',
    'too-deep': (p) => `订单嵌套过深（超过 ${p.max} 层），位置：${p.at || '顶层'}`,
    'not-an-object-at': (p) => `${p.at || '顶层'}处应为对象`,
    'unknown-field': (p) => `${p.at || '顶层'}有未知字段“${p.field}”`,
    'wrong-field': (p) => `${p.at || '顶层'}处应为${ZH_ORDER_KIND[p.expected] ?? p.expected}`,
    summary: () => '摘要与所选内容不符',
    properties: () => '属性与所选内容不符',
    unverifiable: (p) => `无法验证订单：${p.error}`,
    'selections-not-an-object': () => '所选内容应为以组件 id 为键的对象',
    'expected-option': () => '应为一个选项值（文本）',
    'expected-options': () => '应为选项值列表',
    'expected-text-selection': () => '应为 { text, font?, color?, fontSize?, curve?, transform? }',
    'expected-image-selection': () => '应为 { asset, transform? }',
    'expected-boolean': () => '应为 true 或 false',
    'selection-field': (p) => `${p.what === 'asset' ? '文件' : p.what === 'transform' ? '变换' : p.what === 'image' ? '图片选择' : '文字选择'}没有字段“${p.field}”；可用字段：${p.fields.join('、')}`,
    'text-not-text': () => 'text 应为文本',
    'font-not-name': () => 'font 应为字体名称',
    'color-not-text': () => 'color 应为 #rrggbb',
    'font-size-not-number': () => 'fontSize 应为数字',
    'curve-not-number': () => 'curve 应为角度数字',
    'transform-not-object': () => 'transform 应为对象 { x, y, rotation, scale }',
    'transform-not-finite': (p) => `transform.${p.field} 应为有限数字`,
    'transform-scale': () => 'transform.scale 应大于 0 且不超过 100',
    'asset-not-object': () => 'asset 应为对象 { key, name, type, bytes, width, height, sha256 }',
    'asset-field': (p) => `asset.${p.field} 的值无效`,
  }),
  'product-mismatch': lean({
    id: (p) => `订单的商品 id 为 ${q(p.actual)}，此商品为 ${q(p.expected)}`,
    revision: (p) => `订单的商品版本为 ${q(p.actual)}，此商品为 ${q(p.expected)}`,
    hash: (p) => `订单的商品哈希为 ${q(p.actual)}，此商品为 ${q(p.expected)}`,
  }),
  'asset-mismatch': lean({
    'no-file': (p) => `未收到文件“${p.key}”`,
    'no-preview-file': (p) => `未收到预览图“${p.key}”`,
    type: (p) => `文件类型为 ${p.actual}，订单中为 ${p.expected}`,
    bytes: (p) => `文件大小为 ${p.actual} 字节，订单中为 ${p.expected}`,
    width: (p) => `文件宽度为 ${p.actual}，订单中为 ${p.expected}`,
    height: (p) => `文件高度为 ${p.actual}，订单中为 ${p.expected}`,
    sha256: (p) => `文件的 sha256 为 ${p.actual}，订单中为 ${p.expected}`,
  }),
  'price-mismatch': lean({
    total: (p) => `订单价格（总计 ${p.actual}）与商品价格（总计 ${p.expected}）不一致`,
  }),
};


export const en: CoreMessages = {
  reasons: enReasons,
  yes: 'Yes',
  list: (items) => items.join(', '),
  curved: (text, degrees) => `${text} (curved ${degrees}°)`,
  issues: {
    required: () => 'This is required.',
    'too-short': (p) => `Enter at least ${plural('en', p.min, { one: '# character', other: '# characters' })}.`,
    'too-long': (p) => `Enter at most ${plural('en', p.max, { one: '# character', other: '# characters' })} (now ${p.length}).`,
    'too-many-lines': (p) => `Use at most ${plural('en', p.max, { one: '# line', other: '# lines' })}.`,
    pattern: () => 'Some characters are not allowed.',
    'not-allowed': (p) =>
      p.reason === 'disabled' ? `“${p.label ?? p.value}” is not available.`
      : p.reason === 'restricted' ? `“${p.label ?? p.value}” is not available with your other choices.`
      : p.reason === 'locked' ? 'This cannot be moved, turned or resized.'
      : `“${p.value}” is not one of the options.`,
    'too-few': (p) => `Choose at least ${p.min}.`,
    'too-many': (p) => `Choose at most ${p.max}.`,
    'font-not-allowed': (p) => `The font “${p.font}” is not available; choose ${list(p, 'allowed')}.`,
    'color-not-allowed': (p) => `The colour ${p.color} is not available; choose ${list(p, 'allowed')}.`,
    'size-out-of-range': (p) => `Choose a size from ${p.min} to ${p.max}.`,
    'curve-out-of-range': (p) => (p.min === 0 && p.max === 0 ? 'This text cannot be curved.' : `Choose a curve from ${p.min}° to ${p.max}°.`),
    'file-type': (p) =>
      p.reason && p.type
        ? `This ${p.type} file is damaged (${p.reason}); upload it again, or another image (${list(p, 'accept')}).`
        : `This file is ${p.type ? `a ${p.type} file` : 'not an image we can read'}; upload ${list(p, 'accept')}.`,
    'file-too-large': (p) => `This file is ${mb(p.bytes)}; the limit is ${mb(p.max)}.`,
    'too-many-pixels': (p) => `This image has ${mp(p.pixels)} pixels; the limit is ${mp(p.max)}.`,
    'low-resolution': (p) =>
      p.severity === 'warning'
        ? `At this size the image prints at ${Math.floor(p.dpi)} dpi and may look soft; ${p.min} dpi or more is best.`
        : `At this size the image prints at ${Math.floor(p.dpi)} dpi; at least ${p.min} dpi is needed. Make it smaller or upload a larger image.`,
    'outside-area': () => 'Move it back inside the print area.',
    rule: (p) => (p.cycle ? `The product’s rules contradict each other (${list(p, 'rules')}).` : 'This combination is not available.'),
    'unknown-component': (p) => `“${p.component}” is not part of this product.`,
    hidden: () => 'This option is not available with your other choices.',
    'price-mismatch': (p) => `The price does not match: expected ${p.expected}, got ${p.actual}.`,
    'product-mismatch': (p) => `The order is for ${p.field} “${p.actual}”, not “${p.expected}”.`,
    'asset-mismatch': (p) => `The uploaded file does not match the order (${p.field}).`,
    'invalid-order': () => 'The order is malformed.',
    'invalid-product': () => 'The product definition is invalid.',
  },
};

export const zhCN: CoreMessages = {
  reasons: zhReasons,
  yes: '是',
  list: (items) => items.join('、'),
  curved: (text, degrees) => `${text}（弧度 ${degrees}°）`,
  issues: {
    required: () => '此项为必填项。',
    'too-short': (p) => `请至少输入 ${p.min} 个字符。`,
    'too-long': (p) => `最多输入 ${p.max} 个字符（当前 ${p.length} 个）。`,
    'too-many-lines': (p) => `最多 ${p.max} 行。`,
    pattern: () => '包含不允许的字符。',
    'not-allowed': (p) =>
      p.reason === 'disabled' ? `“${p.label ?? p.value}”暂不可选。`
      : p.reason === 'restricted' ? `“${p.label ?? p.value}”与您的其他选择不兼容。`
      : p.reason === 'locked' ? '此项不能移动、旋转或缩放。'
      : `“${p.value}”不是可选项。`,
    'too-few': (p) => `请至少选择 ${p.min} 项。`,
    'too-many': (p) => `最多选择 ${p.max} 项。`,
    'font-not-allowed': (p) => `字体“${p.font}”不可用，请选择：${(p.allowed ?? []).join('、')}。`,
    'color-not-allowed': (p) => `颜色 ${p.color} 不可用，请选择：${(p.allowed ?? []).join('、')}。`,
    'size-out-of-range': (p) => `请选择 ${p.min} 到 ${p.max} 之间的字号。`,
    'curve-out-of-range': (p) => (p.min === 0 && p.max === 0 ? '此文字不能弯曲。' : `请选择 ${p.min}° 到 ${p.max}° 之间的弧度。`),
    'file-type': (p) =>
      p.reason && p.type
        ? `此 ${p.type} 文件已损坏（${p.reason}），请重新上传或换一张图片：${(p.accept ?? []).join('、')}。`
        : `无法使用此文件${p.type ? `（${p.type}）` : ''}，请上传：${(p.accept ?? []).join('、')}。`,
    'file-too-large': (p) => `文件大小为 ${mb(p.bytes)}，上限为 ${mb(p.max)}。`,
    'too-many-pixels': (p) => `图片有 ${mp(p.pixels)} 像素，上限为 ${mp(p.max)}。`,
    'low-resolution': (p) =>
      p.severity === 'warning'
        ? `按当前尺寸打印分辨率为 ${Math.floor(p.dpi)} dpi，可能不够清晰；建议 ${p.min} dpi 以上。`
        : `按当前尺寸打印分辨率仅为 ${Math.floor(p.dpi)} dpi，至少需要 ${p.min} dpi。请缩小图片或上传更大的图片。`,
    'outside-area': () => '请将其移回印刷区域内。',
    rule: (p) => (p.cycle ? `商品规则相互矛盾（${(p.rules ?? []).join('、')}）。` : '此组合不可用。'),
    'unknown-component': (p) => `“${p.component}”不属于此商品。`,
    hidden: () => '此选项与您的其他选择不兼容。',
    'price-mismatch': (p) => `价格不一致：应为 ${p.expected}，实际为 ${p.actual}。`,
    'product-mismatch': (p) => `订单中的 ${p.field} 为“${p.actual}”，应为“${p.expected}”。`,
    'asset-mismatch': (p) => `上传的文件与订单不符（${p.field}）。`,
    'invalid-order': () => '订单格式有误。',
    'invalid-product': () => '商品定义无效。',
  },
};

function mb(bytes: unknown): string {
  const n = Number(bytes);
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.ceil(n / 1e3)} KB`;
}
function mp(px: unknown): string {
  return `${(Number(px) / 1e6).toFixed(1)} M`;
}

const BUILT_IN: Record<string, CoreMessages> = { en, 'zh-CN': zhCN, zh: zhCN };

/** Picks a built-in catalog: exact tag, then its language, then English. */
export function coreMessages(locale: string | undefined): CoreMessages {
  if (!locale) return en;
  return BUILT_IN[locale] ?? BUILT_IN[locale.split('-')[0] ?? ''] ?? en;
}

type Catalogue = Record<string, Record<string, (p: P) => string>>;

/**
 * The sentence for an issue's `code` and `params` in `locale` (built-in catalogues: en, zh-CN; others
 * fall back to English): by `params.reason` for the codes with sub-codes, else by code.
 */
export function issueMessage(locale: string | undefined, code: IssueCode, params: P = {}, severity?: Issue['severity']): string {
  const m = coreMessages(locale);
  const byReason = (m.reasons as unknown as Catalogue)[code];
  const reason = params.reason;
  if (byReason && typeof reason === 'string' && Object.prototype.hasOwnProperty.call(byReason, reason)) return byReason[reason]!(params);
  const sentence = m.issues[code]?.(severity ? { ...params, severity } : params) ?? code;
  return LEAN && byReason && typeof reason === 'string' ? `${sentence} (${reason}${leanDetail(params)})` : sentence;
}

/** The lean drop-in's stand-in for a sub-code's sentence: its other params, as `; name: value`. */
function leanDetail(params: P): string {
  let out = '';
  for (const [k, v] of Object.entries(params)) if (k !== 'reason' && v !== undefined) out += `; ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`;
  return out.length > 200 ? out.slice(0, 199) + '…' : out;
}

/**
 * An issue worded in `locale`, from its code and params: how the studio and shops show the core's
 * issues in another language than they were reported in. A rule's own `error` text and a text's
 * `patternMessage` are the merchant's words, resolved by `evaluate` in the locale it is given.
 */
export function formatIssue(issue: Issue, locale?: string): string {
  return issueMessage(locale, issue.code, issue.params, issue.severity);
}
