/**
 * Words for issues, kept apart from the logic that finds them (STYLE 3): validators emit
 * `{ code, params }`; a catalog turns that into a sentence in the shopper's locale.
 * English and Simplified Chinese are built in; the element can add more at runtime.
 */
import type { IssueCode } from '../issues.js';

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
}

const list = (p: P, key: string) => (Array.isArray(p[key]) ? (p[key] as unknown[]).join(', ') : '');

export const en: CoreMessages = {
  yes: 'Yes',
  list: (items) => items.join(', '),
  curved: (text, degrees) => `${text} (curved ${degrees}°)`,
  issues: {
    required: () => 'This is required.',
    'too-short': (p) => `Enter at least ${p.min} ${p.min === 1 ? 'character' : 'characters'}.`,
    'too-long': (p) => `Enter at most ${p.max} ${p.max === 1 ? 'character' : 'characters'} (now ${p.length}).`,
    'too-many-lines': (p) => `Use at most ${p.max} ${p.max === 1 ? 'line' : 'lines'}.`,
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
    'file-type': (p) => `This file is ${p.type ? `a ${p.type} file` : 'not an image we can read'}; upload ${list(p, 'accept')}.`,
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
    'file-type': (p) => `无法使用此文件${p.type ? `（${p.type}）` : ''}，请上传：${(p.accept ?? []).join('、')}。`,
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
