/**
 * The element's public events (SPEC §6), one class each, all bubbling and composed so a shop's
 * script can listen on the element, its form or the document. Declared in `HTMLElementEventMap`
 * so `addEventListener('order-customization', e => e.detail.order)` is typed.
 */
import type { Evaluation, Issue, Order, Product, Selections } from '../../core/index.js';

export interface CustomizationChangeDetail { selections: Selections; evaluation: Evaluation }
export interface OrderCustomizationDetail { order: Order; files: Record<string, File> }
/** `asset-failed`: a product picture or font did not load (the element keeps working); `form-encoding`: the form cannot carry the uploads (a GET form). */
export type CustomizerErrorCode = 'invalid-product' | 'load-failed' | 'upload-refused' | 'order-failed' | 'asset-failed' | 'form-encoding';
export interface CustomizerErrorDetail { code: CustomizerErrorCode; message: string; issues?: Issue[] }

const init = <T>(detail: T): CustomEventInit<T> => ({ detail, bubbles: true, composed: true });

/** After every change the shopper makes (coalesced to one per animation frame while typing). */
export class CustomizationChangeEvent extends CustomEvent<CustomizationChangeDetail> {
  static readonly type = 'customization-change';
  constructor(detail: CustomizationChangeDetail) {
    super(CustomizationChangeEvent.type, init(detail));
  }
}

/** When the shopper completes a valid design (the built-in button, or `requestOrder()`). */
export class OrderCustomizationEvent extends CustomEvent<OrderCustomizationDetail> {
  static readonly type = 'order-customization';
  constructor(detail: OrderCustomizationDetail) {
    super(OrderCustomizationEvent.type, init(detail));
  }
}

/** The product was loaded and parsed; the controls are ready. Not in SPEC: ours, for shops and tests that wait. */
export class CustomizerLoadEvent extends CustomEvent<{ product: Product }> {
  static readonly type = 'customizer-load';
  constructor(product: Product) {
    super(CustomizerLoadEvent.type, init({ product }));
  }
}

/** A bad product, a failed load, a refused upload: the element shows it in place too. */
export class CustomizerErrorEvent extends CustomEvent<CustomizerErrorDetail> {
  static readonly type = 'customizer-error';
  constructor(detail: CustomizerErrorDetail) {
    super(CustomizerErrorEvent.type, init(detail));
  }
}

declare global {
  interface HTMLElementEventMap {
    'customization-change': CustomizationChangeEvent;
    'order-customization': OrderCustomizationEvent;
    'customizer-error': CustomizerErrorEvent;
    'customizer-load': CustomizerLoadEvent;
  }
}
