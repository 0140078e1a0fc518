/**
 * The studio's public events (SPEC §7), one class each, bubbling and composed, declared in
 * `HTMLElementEventMap` so listeners are typed.
 */
import type { Issue } from '../core/index.js';

export interface ProductChangeDetail {
  /** The document after the edit, exactly as `studio.product` returns it. */
  product: Record<string, unknown>;
  /** parseProduct's issues with it. */
  issues: Issue[];
}

/** After every edit, undo and redo, and when a draft is restored. */
export class ProductChangeEvent extends CustomEvent<ProductChangeDetail> {
  static readonly type = 'product-change';
  constructor(detail: ProductChangeDetail) {
    super(ProductChangeEvent.type, { detail, bubbles: true, composed: true });
  }
}

export interface AssetUploadDetail {
  file: File;
  /** Hand the studio the URL the product should reference, once the host stored the file. */
  respondWith(url: Promise<string> | string): void;
}

/**
 * When the studio has no `asset-upload-url`: the host stores `file` and calls `respondWith(url)`.
 * Cancelable: `preventDefault()` without `respondWith` drops the file (nothing is added).
 */
export class AssetUploadEvent extends CustomEvent<AssetUploadDetail> {
  static readonly type = 'asset-upload';
  private readonly _answer: { url?: Promise<string> };
  constructor(file: File) {
    const answer: { url?: Promise<string> } = {};
    super(AssetUploadEvent.type, {
      bubbles: true,
      composed: true,
      cancelable: true,
      detail: { file, respondWith: (url) => void (answer.url = Promise.resolve(url)) },
    });
    this._answer = answer;
  }
  /** The URL the host answered with, if it called respondWith. */
  get response(): Promise<string> | undefined {
    return this._answer.url;
  }
}

declare global {
  interface HTMLElementEventMap {
    'product-change': ProductChangeEvent;
    'asset-upload': AssetUploadEvent;
  }
}
